//! The leads table's binding: a page of leads for a query, one lead's record, and the scored
//! export in chunks. It converts and decides nothing.

use super::{to_js, Workbench};
use crate::leads::LeadQuery;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl Workbench {
    /// A page of the leads table: `{ offset, limit, sort, desc, stages, grades, tracks,
    /// statuses, sla, text }`, every field optional. Throws an `Error` naming the field of a
    /// query it cannot answer. The sorted order is kept, so the next page costs only its rows.
    #[wasm_bindgen(unchecked_return_type = "LeadPage")]
    pub fn leads(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "LeadQuery | undefined")] query: JsValue,
    ) -> Result<JsValue, JsError> {
        let q = if query.is_undefined() || query.is_null() {
            LeadQuery::default()
        } else {
            let json = js_sys::JSON::stringify(&query)
                .ok()
                .and_then(|s| s.as_string())
                .unwrap_or_default();
            LeadQuery::from_json(&json).map_err(|e| JsError::new(&e.to_string()))?
        };
        let page = self
            .inner
            .leads(&q)
            .map_err(|e| JsError::new(&e.to_string()))?;
        to_js(&page)
    }

    /// Lead `row`'s cells as the export wrote them: `[header, text][]`, or `null`.
    #[wasm_bindgen(js_name = leadRecord, unchecked_return_type = "[string, string][] | null")]
    pub fn lead_record(&self, row: u32) -> Result<JsValue, JsError> {
        to_js(&self.inner.lead_record(row as usize))
    }

    /// Rows `start..start + count` of the scored export as CSV text (the header line first
    /// when `start` is 0); the chunks of one export, concatenated, are the whole export.
    #[wasm_bindgen(js_name = scoredCsvChunk)]
    pub fn scored_csv_chunk(&mut self, start: u32, count: u32) -> String {
        self.inner.scored_csv_chunk(start as usize, count as usize)
    }
}
