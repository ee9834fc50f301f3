//! The agreement in words for JavaScript: the difference between two agreements, and the SLA
//! document of the current agreement and data.

use super::{to_js, Workbench};
use wasm_bindgen::prelude::*;

/// Every difference from agreement `aJson` to agreement `bJson`, in words, in `lang` ("en" or
/// "fr"). Throws an `Error` starting with `a:` or `b:` and the JSON path when one is not a valid
/// agreement.
#[wasm_bindgen(js_name = diffAgreements, unchecked_return_type = "Change[]")]
pub fn diff_agreements(a_json: &str, b_json: &str, lang: &str) -> Result<JsValue, JsError> {
    let read = |which: &str, json: &str| {
        crate::Agreement::from_json(json).map_err(|e| JsError::new(&format!("{which}: {e}")))
    };
    let (a, b) = (read("a", a_json)?, read("b", b_json)?);
    to_js(&crate::words::diff(&a, &b, lang))
}

#[wasm_bindgen]
impl Workbench {
    /// The SLA document in `lang` ("en" or "fr"): the seven parts of the agreement with the
    /// current figures ("no data loaded" where there are none). A pass over the leads.
    #[wasm_bindgen(js_name = slaDocument, unchecked_return_type = "SlaDoc")]
    pub fn sla_document(&self, lang: &str) -> Result<JsValue, JsError> {
        to_js(&self.inner.sla_document(lang))
    }
}
