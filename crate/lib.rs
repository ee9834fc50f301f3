//! Accord: the engine of the sales–marketing SLA workbench.
//!
//! Pure Rust, no browser types: ingest → columnar table → compiled rules → scores → KPIs.
//! The `wasm` module is the only place that touches wasm-bindgen; `bin/` is the native CLI.

pub mod activities;
pub mod agreement;
pub mod civil;
pub mod fields;
pub mod formula;
#[doc(hidden)]
pub mod fuzzing;
pub mod goals;
pub mod ingest;
pub mod leads;
pub mod learn;
pub mod lifecycle;
pub mod sample;
pub mod score;
pub mod sql;
pub mod table;
pub mod text;
pub mod words;
pub mod workbench;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use agreement::{Agreement, AgreementError};
pub use ingest::{Diagnostic, IngestError, LoadSummary};
pub use score::Results;
pub use workbench::Workbench;

/// The engine's version, as shown on the page and printed by the CLI.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
