//! Learning from outcomes' binding: the evaluation, the threshold curve and its suggestions,
//! and the fit of weights in steps (the job is held here between calls). It converts and
//! decides nothing.

use super::{to_js, Workbench};
use crate::learn::{FitOptions, Target};
use wasm_bindgen::prelude::*;

/// A JS value as JSON text (`null` for undefined).
fn json_of(v: &JsValue) -> String {
    js_sys::JSON::stringify(v)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| "null".into())
}

fn err(e: crate::learn::LearnError) -> JsError {
    JsError::new(&e.0)
}

#[wasm_bindgen]
impl Workbench {
    /// The agreement measured against the outcomes (AUCs, the MQL rule, gains, grades,
    /// calibration); `null` without an outcome column.
    #[wasm_bindgen(unchecked_return_type = "Evaluation | null")]
    pub fn evaluation(&self) -> Result<JsValue, JsError> {
        to_js(&self.inner.evaluation())
    }

    /// Every MQL line's volume and wins, as the Pareto frontier; `null` without outcomes.
    #[wasm_bindgen(js_name = thresholdCurve, unchecked_return_type = "Curve | null")]
    pub fn threshold_curve(&self) -> Result<JsValue, JsError> {
        to_js(&self.inner.threshold_curve())
    }

    /// The lines that meet `{ mqlsPerMonth }`, `{ precision }` or `{ recall }`; `null` when none
    /// does. Throws on a target it cannot read.
    #[wasm_bindgen(js_name = suggestThresholds, unchecked_return_type = "Suggestion | null")]
    pub fn suggest_thresholds(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Target")] target: JsValue,
    ) -> Result<JsValue, JsError> {
        let t = Target::from_json(&json_of(&target)).map_err(err)?;
        to_js(&self.inner.suggest_thresholds(t))
    }

    /// Start fitting weights (`{ holdout, split, seed, l2, candidates, exclude }`, all
    /// optional): builds the features and the split; returns the number of closed leads in the
    /// fit. Throws when there is nothing to learn from.
    #[wasm_bindgen(js_name = fitBegin)]
    pub fn fit_begin(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "FitOptions | undefined")] options: JsValue,
    ) -> Result<u32, JsError> {
        let o = FitOptions::from_json(&json_of(&options)).map_err(err)?;
        let job = self.inner.fit_begin(&o).map_err(err)?;
        let rows = job.design.rows.len() as u32;
        self.fit = Some(job);
        Ok(rows)
    }

    /// Run up to `passes` passes of the fit; returns the progress (1 when done).
    #[wasm_bindgen(js_name = fitStep)]
    pub fn fit_step(&mut self, passes: u32) -> Result<f64, JsError> {
        match &mut self.fit {
            Some(job) => Ok(job.step(passes as usize)),
            None => Err(JsError::new("no fit in progress: call fitBegin first")),
        }
    }

    /// The fit's result (coefficients, flags, the suggested agreement and the holdout AUCs);
    /// the job is then let go.
    #[wasm_bindgen(js_name = fitResult, unchecked_return_type = "FitResult")]
    pub fn fit_result(&mut self) -> Result<JsValue, JsError> {
        let job = self
            .fit
            .take()
            .ok_or_else(|| JsError::new("no fit in progress: call fitBegin first"))?;
        to_js(&self.inner.fit_result(&job).map_err(err)?)
    }

    /// Drop the fit in progress.
    #[wasm_bindgen(js_name = fitCancel)]
    pub fn fit_cancel(&mut self) {
        self.fit = None;
    }
}
