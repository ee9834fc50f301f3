//! The subcommands, and what they share: how a failure maps to an exit code, streamed input with
//! progress, and output that survives a closed pipe.

pub mod bench;
pub mod input;
pub mod kpis;
pub mod learn;
pub mod sample;
pub mod score;
pub mod sla;
pub mod sla_html;
pub mod validate;

pub(crate) use crate::Opts;
pub use input::{finish, load, Output};

/// Exit code: the input was read but has problems (an invalid agreement; with `--strict`, rows
/// that could not be read).
pub const EXIT_PROBLEMS: u8 = 1;
/// Exit code: the command line is wrong (unknown command or option, missing or bad argument).
pub const EXIT_USAGE: u8 = 2;
/// Exit code: a file could not be read or written (missing, no permission, a closed pipe).
pub const EXIT_IO: u8 = 3;
/// Exit code: the input is not a lead table, or the agreement is not JSON.
pub const EXIT_NOT_INPUT: u8 = 4;

/// Why a command stopped, and the exit code that says so to a script.
#[derive(Debug)]
pub struct Fail {
    pub code: u8,
    /// Printed on stderr after "accord: "; empty when the command already said everything.
    pub msg: String,
}

impl Fail {
    /// A usage error (exit 2).
    pub fn usage(msg: impl Into<String>) -> Fail {
        Fail {
            code: EXIT_USAGE,
            msg: msg.into(),
        }
    }

    /// A file that could not be read or written (exit 3), named.
    pub fn io(what: &str, e: impl std::fmt::Display) -> Fail {
        Fail {
            code: EXIT_IO,
            msg: format!("{what}: {e}"),
        }
    }

    /// Input that was read but has problems (exit 1).
    pub fn problems(e: impl std::fmt::Display) -> Fail {
        Fail {
            code: EXIT_PROBLEMS,
            msg: e.to_string(),
        }
    }

    /// Input that is not what the command reads (exit 4).
    pub fn not_input(what: &str, e: impl std::fmt::Display) -> Fail {
        Fail {
            code: EXIT_NOT_INPUT,
            msg: format!("{what}: {e}"),
        }
    }
}

/// Plain messages are usage errors: the option parser and the argument checks return them.
impl From<String> for Fail {
    fn from(msg: String) -> Fail {
        Fail::usage(msg)
    }
}

impl From<&str> for Fail {
    fn from(msg: &str) -> Fail {
        Fail::usage(msg)
    }
}

/// For code that reports failures as text (the exit code is then lost).
impl From<Fail> for String {
    fn from(f: Fail) -> String {
        f.msg
    }
}

/// Print a value as pretty JSON on stdout, followed by a line break.
pub fn print_json<T: serde::Serialize>(v: &T) -> Result<(), Fail> {
    let text = serde_json::to_string_pretty(v).map_err(Fail::problems)?;
    print_text(&format!("{text}\n"))
}

/// Write text to stdout; a closed pipe or a full disk is exit 3, never a panic.
pub fn print_text(text: &str) -> Result<(), Fail> {
    let mut out = Output::stdout();
    out.put(text.as_bytes())?;
    out.finish()
}
