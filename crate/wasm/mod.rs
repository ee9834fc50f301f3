//! The JavaScript binding: the only module that touches wasm-bindgen and js-sys. It converts
//! between JS and the engine and decides nothing.

mod types;

use crate::agreement::DEFAULT_AGREEMENT_JSON;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

/// One serializer for everything that crosses the boundary: `None` arrives as `null` and maps
/// as plain objects (not `Map`s).
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    let s = serde_wasm_bindgen::Serializer::new()
        .serialize_missing_as_null(true)
        .serialize_maps_as_objects(true);
    value.serialize(&s).map_err(|e| {
        JsError::new(&format!(
            "internal: could not convert a result for JavaScript: {e}"
        ))
    })
}

/// `performance.now()` in a window or a worker; 0 where neither exists.
fn now() -> f64 {
    let global = js_sys::global();
    if let Some(w) = global.dyn_ref::<web_sys::WorkerGlobalScope>() {
        w.performance().map_or(0.0, |p| p.now())
    } else if let Some(w) = global.dyn_ref::<web_sys::Window>() {
        w.performance().map_or(0.0, |p| p.now())
    } else {
        0.0
    }
}

/// Loaded leads and the agreement they are scored under.
#[wasm_bindgen]
pub struct Workbench {
    inner: crate::Workbench,
    last_ms: f64,
}

impl Default for Workbench {
    fn default() -> Self {
        Self::new()
    }
}

#[wasm_bindgen]
impl Workbench {
    /// A workbench with the default agreement and no data.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Workbench {
        Workbench {
            inner: crate::Workbench::new(),
            last_ms: 0.0,
        }
    }

    /// Load a UTF-8 CSV export (header line first), replacing the data. Throws an `Error`
    /// saying why when the text is not a usable table; the previous data then stays loaded.
    #[wasm_bindgen(js_name = loadCsv, unchecked_return_type = "LoadSummary")]
    pub fn load_csv(&mut self, text: &str) -> Result<JsValue, JsError> {
        let t = now();
        let summary = self
            .inner
            .load_csv(text)
            .map_err(|e| JsError::new(&e.to_string()))?;
        self.last_ms = now() - t;
        to_js(summary)
    }

    /// Load the built-in sample export of `rows` generated leads.
    #[wasm_bindgen(js_name = loadSample, unchecked_return_type = "LoadSummary")]
    pub fn load_sample(&mut self, rows: u32, seed: u32) -> Result<JsValue, JsError> {
        let csv = crate::sample::sample_csv(rows as usize, seed as u64);
        self.load_csv(&csv)
    }

    /// Replace the agreement from its JSON text. Throws an `Error` whose message starts with the
    /// JSON path of the problem; the previous agreement then stays.
    #[wasm_bindgen(js_name = setAgreement)]
    pub fn set_agreement(&mut self, json: &str) -> Result<(), JsError> {
        let t = now();
        self.inner
            .set_agreement_json(json)
            .map_err(|e| JsError::new(&e.to_string()))?;
        self.last_ms = now() - t;
        Ok(())
    }

    /// Milliseconds the last successful load or agreement change took in the engine
    /// (parsing, typing and whatever re-scoring it needed).
    #[wasm_bindgen(getter, js_name = lastMs)]
    pub fn last_ms(&self) -> f64 {
        self.last_ms
    }

    /// The current agreement as JSON text.
    #[wasm_bindgen(js_name = agreementJson)]
    pub fn agreement_json(&self) -> String {
        self.inner.agreement().to_json()
    }

    /// What the last successful load produced, or `null` before any.
    #[wasm_bindgen(unchecked_return_type = "LoadSummary | null")]
    pub fn summary(&self) -> Result<JsValue, JsError> {
        to_js(&self.inner.summary())
    }

    /// Every figure for the current data and agreement.
    #[wasm_bindgen(unchecked_return_type = "Results")]
    pub fn results(&self) -> Result<JsValue, JsError> {
        to_js(&self.inner.results())
    }

    /// Fit score per lead (0–100), in row order.
    #[wasm_bindgen(js_name = fitScores)]
    pub fn fit_scores(&self) -> Vec<f32> {
        self.inner.fit_scores().to_vec()
    }

    /// Interest score per lead (0–100), in row order.
    #[wasm_bindgen(js_name = interestScores)]
    pub fn interest_scores(&self) -> Vec<f32> {
        self.inner.interest_scores().to_vec()
    }

    /// Number of leads loaded.
    #[wasm_bindgen(getter)]
    pub fn rows(&self) -> u32 {
        self.inner.rows() as u32
    }
}

/// The engine's version.
#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_string()
}

/// The agreement a new user starts from, as JSON text.
#[wasm_bindgen(js_name = defaultAgreement)]
pub fn default_agreement() -> String {
    DEFAULT_AGREEMENT_JSON.to_string()
}

/// The built-in sample export: `rows` generated leads for `seed`, as CSV text.
#[wasm_bindgen(js_name = sampleCsv)]
pub fn sample_csv(rows: u32, seed: u32) -> String {
    crate::sample::sample_csv(rows as usize, seed as u64)
}
