//! The JavaScript binding: the only module that touches wasm-bindgen and js-sys. It converts
//! between JS and the engine and decides nothing.

mod leads;
mod learn;
mod types;
mod words;

pub use words::diff_agreements;

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
    /// Engine time spent on the chunks of the streamed load so far.
    stream_ms: f64,
    /// The fit of weights in progress (`fitBegin` … `fitResult`).
    fit: Option<crate::learn::FitJob>,
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
            stream_ms: 0.0,
            fit: None,
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

    /// Load a whole export given as bytes: delimited text in any common encoding, an Excel
    /// workbook (.xlsx) or JSON. `name` is the file name, when there is one.
    #[wasm_bindgen(js_name = loadBytes, unchecked_return_type = "LoadSummary")]
    pub fn load_bytes(&mut self, bytes: &[u8], name: Option<String>) -> Result<JsValue, JsError> {
        let t = now();
        let summary = self
            .inner
            .load_bytes(bytes, name.as_deref())
            .map_err(|e| JsError::new(&e.to_string()))?;
        self.last_ms = now() - t;
        to_js(summary)
    }

    /// Start a streamed load of a file called `name` (optional); for a workbook, `sheet` picks
    /// the sheet by name or 1-based number. The current data stays until `finishLoad`.
    #[wasm_bindgen(js_name = beginLoad)]
    pub fn begin_load(&mut self, name: Option<String>, sheet: Option<String>) {
        self.inner.begin_load(name.as_deref(), sheet.as_deref());
        self.stream_ms = 0.0;
    }

    /// The size in bytes of the file the streamed load reads (a `File`'s `size`): the table's
    /// columns are then sized once, which keeps the engine's memory lower.
    #[wasm_bindgen(js_name = expectBytes)]
    pub fn expect_bytes(&mut self, size: f64) {
        if size.is_finite() && size > 0.0 {
            self.inner.expect_bytes(size as u64);
        }
    }

    /// The next chunk of the streamed load. Throws when the input cannot be a table (the load is
    /// then abandoned).
    #[wasm_bindgen(js_name = pushChunk)]
    pub fn push_chunk(&mut self, bytes: &[u8]) -> Result<(), JsError> {
        let t = now();
        let out = self
            .inner
            .push_chunk(bytes)
            .map_err(|e| JsError::new(&e.to_string()));
        self.stream_ms += now() - t;
        out
    }

    /// Rows read so far by the streamed load.
    #[wasm_bindgen(getter, js_name = pendingRows)]
    pub fn pending_rows(&self) -> u32 {
        self.inner.pending_rows() as u32
    }

    /// Finish the streamed load: the new data replaces the old.
    #[wasm_bindgen(js_name = finishLoad, unchecked_return_type = "LoadSummary")]
    pub fn finish_load(&mut self) -> Result<JsValue, JsError> {
        let t = now();
        let summary = self
            .inner
            .finish_load()
            .map_err(|e| JsError::new(&e.to_string()))?;
        self.last_ms = self.stream_ms + now() - t;
        to_js(summary)
    }

    /// Start a streamed load as part `index` of `count` engines reading the same file at once,
    /// each building and typing its share of the columns (the page's worker and a helper
    /// worker, one per core). `locale` is the agreement's locale of part 0 (a helper's own
    /// agreement may differ). Then `pushChunk` every chunk, `finishPart`, and: in part 0,
    /// `adoptPiece` every piece the others give and `finishLoad`; in a helper, `nextPiece`
    /// until it gives `undefined`.
    #[wasm_bindgen(js_name = beginPart)]
    pub fn begin_part(
        &mut self,
        name: Option<String>,
        sheet: Option<String>,
        index: u32,
        count: u32,
        locale: Option<String>,
    ) {
        self.inner.begin_part(
            name.as_deref(),
            sheet.as_deref(),
            index as usize,
            count as usize,
            locale.as_deref(),
        );
        self.stream_ms = 0.0;
    }

    /// The end of this part's input: its columns are read and typed. Returns how many columns
    /// are to come from the other parts (0 in a helper, or when the first part read the file
    /// alone, as it does a workbook or JSON).
    #[wasm_bindgen(js_name = finishPart)]
    pub fn finish_part(&mut self) -> Result<u32, JsError> {
        let t = now();
        let missing = self
            .inner
            .finish_part()
            .map_err(|e| JsError::new(&e.to_string()))?;
        self.stream_ms += now() - t;
        Ok(missing as u32)
    }

    /// A helper's next piece of its columns (bytes to give to part 0's `adoptPiece`), or
    /// `undefined` when all have been given.
    #[wasm_bindgen(js_name = nextPiece)]
    pub fn next_piece(&mut self) -> Option<Vec<u8>> {
        self.inner.next_piece()
    }

    /// Take in a piece of another part's columns. Throws when it does not fit this load (the
    /// load is then abandoned: read the file again in one part).
    #[wasm_bindgen(js_name = adoptPiece)]
    pub fn adopt_piece(&mut self, piece: &[u8]) -> Result<(), JsError> {
        let t = now();
        let out = self
            .inner
            .adopt_piece(piece)
            .map_err(|e| JsError::new(&e.to_string()));
        self.stream_ms += now() - t;
        out
    }

    /// Start a streamed load of an activities file (events per lead: key, type, timestamp),
    /// finished by `finishActivities`.
    #[wasm_bindgen(js_name = beginActivities)]
    pub fn begin_activities(&mut self, name: Option<String>, sheet: Option<String>) {
        self.inner
            .begin_activities(name.as_deref(), sheet.as_deref());
        self.stream_ms = 0.0;
    }

    /// Finish the activities load and join it to the leads by id or e-mail.
    #[wasm_bindgen(js_name = finishActivities, unchecked_return_type = "ActivitySummary")]
    pub fn finish_activities(&mut self) -> Result<JsValue, JsError> {
        let t = now();
        let summary = self
            .inner
            .finish_activities()
            .map_err(|e| JsError::new(&e.to_string()))?;
        self.last_ms = self.stream_ms + now() - t;
        to_js(summary)
    }

    /// Abandon the streamed load; the current data stays.
    #[wasm_bindgen(js_name = cancelLoad)]
    pub fn cancel_load(&mut self) {
        self.inner.cancel_load();
    }

    /// Bytes of WebAssembly memory the engine holds (it grows with the table, never shrinks).
    #[wasm_bindgen(getter, js_name = memoryBytes)]
    pub fn memory_bytes(&self) -> f64 {
        wasm_bindgen::memory()
            .dyn_into::<js_sys::WebAssembly::Memory>()
            .map_or(0.0, |m| {
                m.buffer()
                    .unchecked_into::<js_sys::ArrayBuffer>()
                    .byte_length() as f64
            })
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

    /// Why lead `row` (0-based, file order) scored what it did: every rule, group and cap.
    #[wasm_bindgen(unchecked_return_type = "Explanation | null")]
    pub fn explain(&self, row: u32) -> Result<JsValue, JsError> {
        to_js(&self.inner.explain(row as usize))
    }

    /// Stages (export and agreement), follow-up against the SLA, recycling and nurture tracks
    /// of all leads; `null` without data. A pass over the leads: call it when needed.
    #[wasm_bindgen(unchecked_return_type = "LifecycleSummary | null")]
    pub fn lifecycle(&self) -> Result<JsValue, JsError> {
        to_js(&self.inner.lifecycle())
    }

    /// The goal against the data: reverse funnel, pacing, capacity; `null` without data.
    #[wasm_bindgen(unchecked_return_type = "GoalsReport | null")]
    pub fn goals(&self) -> Result<JsValue, JsError> {
        to_js(&self.inner.goals())
    }

    /// Every KPI (all leads), with funnels by cohort, source and fit grade and velocity.
    #[wasm_bindgen(unchecked_return_type = "KpiReport | null")]
    pub fn kpis(&self) -> Result<JsValue, JsError> {
        to_js(&self.inner.kpis(None))
    }

    /// Two periods of lead creation side by side ("YYYY-MM-DD" days, both ends included).
    #[wasm_bindgen(unchecked_return_type = "Review | null")]
    pub fn review(
        &self,
        a_start: &str,
        a_end: &str,
        b_start: &str,
        b_end: &str,
    ) -> Result<JsValue, JsError> {
        let day = |s: &str| {
            crate::lifecycle::calendar::parse_date(s)
                .ok_or_else(|| JsError::new(&format!("\"{s}\" is not a date written YYYY-MM-DD")))
        };
        let (a, b) = ((day(a_start)?, day(a_end)?), (day(b_start)?, day(b_end)?));
        to_js(&self.inner.review(a, b))
    }

    /// One lead's lifecycle (0-based row), or `null`.
    #[wasm_bindgen(js_name = leadLifecycle, unchecked_return_type = "LeadLifecycle | null")]
    pub fn lead_lifecycle(&self, row: u32) -> Result<JsValue, JsError> {
        to_js(&self.inner.lead_lifecycle(row as usize))
    }

    /// The handoff sheet as CSV text (formula-like cells neutralised).
    #[wasm_bindgen(js_name = handoffCsv)]
    pub fn handoff_csv(&self) -> String {
        self.inner.handoff_csv()
    }

    /// Pin the current agreement and scores, to compare changes against (`whatIf`).
    pub fn pin(&mut self) {
        self.inner.pin();
    }

    /// Drop the pinned agreement.
    pub fn unpin(&mut self) {
        self.inner.unpin();
    }

    /// Leads that became or stopped being MQLs since `pin`, by matrix cell, with the leads;
    /// `null` when nothing is pinned.
    #[wasm_bindgen(js_name = whatIf, unchecked_return_type = "WhatIf | null")]
    pub fn what_if(&self) -> Result<JsValue, JsError> {
        to_js(&self.inner.what_if())
    }

    /// Today for date rules and decay when the agreement has no `as_of` (milliseconds since
    /// 1970, as `Date.now()` gives).
    #[wasm_bindgen(js_name = setToday)]
    pub fn set_today(&mut self, millis: f64) {
        self.inner.set_today((millis / 1000.0).floor() as i64);
    }

    /// What the last `setAgreement` migrated from an older version (empty when nothing).
    #[wasm_bindgen(js_name = migrationNotes)]
    pub fn migration_notes(&self) -> Vec<String> {
        self.inner.migration_notes().to_vec()
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

/// The starting agreements: `[{ id, name, nameFr }]`.
#[wasm_bindgen(unchecked_return_type = "Preset[]")]
pub fn presets() -> Result<JsValue, JsError> {
    let list: Vec<_> = crate::agreement::presets::PRESETS
        .iter()
        .map(|(p, _)| p.clone())
        .collect();
    to_js(&list)
}

/// The JSON text of preset `id`, or `undefined`.
#[wasm_bindgen(js_name = presetJson)]
pub fn preset_json(id: &str) -> Option<String> {
    crate::agreement::presets::preset(id).map(str::to_string)
}

/// Read a generated export of `rows` leads as a large file is read (two parts, columns handed
/// over, typed, mapped, scored), then drop it: the engine's code is then optimised before a
/// person's file comes. `now` is `Date.now()`. Returns the MQL count.
#[wasm_bindgen]
pub fn rehearse(rows: u32, now: f64) -> Result<f64, JsError> {
    let today = Some((now / 1000.0).floor() as i64);
    crate::Workbench::rehearse(rows as usize, today)
        .map(|m| m as f64)
        .map_err(|e| JsError::new(&e.to_string()))
}

/// The built-in sample export: `rows` generated leads for `seed`, as CSV text.
#[wasm_bindgen(js_name = sampleCsv)]
pub fn sample_csv(rows: u32, seed: u32) -> String {
    crate::sample::sample_csv(rows as usize, seed as u64)
}

/// The canonical fields a column can be mapped to, in display order.
#[wasm_bindgen]
pub fn fields() -> Vec<String> {
    crate::fields::FIELDS
        .iter()
        .map(|f| f.name.to_string())
        .collect()
}

/// Panic, on purpose: the page tests' way to check that a panic becomes a message and a fresh
/// engine with the user's agreement and data (no input can make the engine panic). Only the
/// worker's test message `__panic` calls it.
#[wasm_bindgen(js_name = __forcePanic)]
pub fn force_panic() {
    panic!("a panic forced by a test (the worker's __panic message)");
}
