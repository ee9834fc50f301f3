//! Browser tests of the boundary (wasm-bindgen-test in headless Chromium): the shapes JS
//! receives, scores as typed arrays, errors as `Error`s with a message.
#![cfg(target_arch = "wasm32")]

use accord::wasm::{default_agreement, diff_agreements, sample_csv, version, Workbench};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const CSV: &str =
    "Email,Job Title,Company Size,Industry,Page Views,Form Submissions,Recent Conversion,Outcome\n\
ana@acme.io,VP Marketing,350,Software,30,3,Demo request,Won\n\
bob@gmail.com,Marketing Intern,5,Education,1,0,,Lost\n\
cy@corp.fr,Directrice commerciale,51-200,Manufacturing,12,1,Ebook download,Open\n";

fn get(v: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(v, &JsValue::from_str(key)).unwrap()
}

/// JS has one number type: compare numbers as f64 so that 1 and 1.0 are equal.
fn numbers_as_f64(v: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match v {
        Value::Number(n) => n.as_f64().map_or(Value::Null, Value::from),
        Value::Array(a) => Value::Array(a.into_iter().map(numbers_as_f64).collect()),
        Value::Object(o) => {
            Value::Object(o.into_iter().map(|(k, v)| (k, numbers_as_f64(v))).collect())
        }
        other => other,
    }
}

fn error_message(e: JsValue) -> String {
    let err: js_sys::Error = e.dyn_into().expect("an Error object");
    String::from(err.message())
}

/// What JS receives must be exactly the engine's serde shape (camelCase, null for none, plain
/// objects): deserialise it back and compare with the native serialisation.
#[wasm_bindgen_test]
fn results_arrive_as_the_engine_shape() {
    let mut wb = Workbench::new();
    let summary = wb.load_csv(CSV).map_err(JsValue::from).unwrap();
    assert_eq!(get(&summary, "rows").as_f64(), Some(3.0));
    let results = wb.results().map_err(JsValue::from).unwrap();
    assert!(
        !js_sys::Array::is_array(&results),
        "results must be a plain object"
    );
    assert!(
        !results.is_instance_of::<js_sys::Map>(),
        "results must not be a Map"
    );

    let seen: serde_json::Value = serde_wasm_bindgen::from_value(results.clone()).unwrap();
    let mut native = accord::Workbench::new();
    native.load_csv(CSV).unwrap();
    let expected = serde_json::to_value(native.results()).unwrap();
    assert!(
        numbers_as_f64(seen.clone()) == numbers_as_f64(expected),
        "JS sees a different shape"
    );
    assert_eq!(seen["leads"], 3);
    assert!(seen["outcome"]["wonCaptured"].is_number());
    assert!(seen.get("mqlRate").is_some());
}

#[wasm_bindgen_test]
fn scores_are_float32_arrays_in_row_order() {
    let mut wb = Workbench::new();
    wb.load_csv(CSV).map_err(JsValue::from).unwrap();
    let fit = wb.fit_scores();
    let interest = wb.interest_scores();
    assert_eq!(fit.len(), 3);
    assert_eq!(interest.len(), 3);
    // The VP at a 350-person software company outscores the intern on both axes.
    assert!(fit[0] > fit[1], "{fit:?}");
    assert!(interest[0] > interest[1], "{interest:?}");
    assert!(fit
        .iter()
        .chain(&interest)
        .all(|s| (0.0..=100.0).contains(s)));

    // Seen from JS, the same call returns a Float32Array.
    let wb_js = JsValue::from(wb);
    let f = js_sys::Reflect::get(&wb_js, &"fitScores".into()).unwrap();
    let arr = js_sys::Function::from(f).call0(&wb_js).unwrap();
    assert!(arr.is_instance_of::<js_sys::Float32Array>());
}

#[wasm_bindgen_test]
fn bad_input_is_an_error_with_a_message_and_keeps_the_data() {
    let mut wb = Workbench::new();
    wb.load_csv(CSV).map_err(JsValue::from).unwrap();
    let e = wb.load_csv("").map_err(JsValue::from).unwrap_err();
    assert!(error_message(e).contains("empty"));
    let e = wb
        .load_csv("Hello, this is a letter.\nKind regards\n")
        .map_err(JsValue::from)
        .unwrap_err();
    assert!(error_message(e).contains("does not look like a table"));
    assert_eq!(wb.rows(), 3, "previous data must stay loaded");

    let e = wb
        .set_agreement("{\"version\": 1}")
        .map_err(JsValue::from)
        .unwrap_err();
    assert!(error_message(e).contains("qualification"));
    let e = wb.set_agreement("nope").map_err(JsValue::from).unwrap_err();
    assert!(error_message(e).starts_with("(root)"));
}

#[wasm_bindgen_test]
fn thresholds_move_the_mql_count() {
    let mut wb = Workbench::new();
    wb.load_sample(2_000, 7).map_err(JsValue::from).unwrap();
    // The engine timed the load with the worker's or window's performance clock.
    assert!(wb.last_ms() > 0.0, "load time {}", wb.last_ms());
    let mqls = |wb: &Workbench| {
        get(&wb.results().map_err(JsValue::from).unwrap(), "mqls")
            .as_f64()
            .unwrap()
    };
    let before = mqls(&wb);
    let mut a: serde_json::Value = serde_json::from_str(&wb.agreement_json()).unwrap();
    a["qualification"]["thresholds"]["mql"]["fit"] = 0.into();
    a["qualification"]["thresholds"]["mql"]["interest"] = 0.into();
    wb.set_agreement(&a.to_string())
        .map_err(JsValue::from)
        .unwrap();
    // Both lines at 0: every lead that is not disqualified is an MQL.
    let r = wb.results().map_err(JsValue::from).unwrap();
    let dq = get(&get(&r, "disqualified"), "count").as_f64().unwrap();
    assert_eq!(mqls(&wb), 2_000.0 - dq);
    assert!(before < 2_000.0 - dq);
}

#[wasm_bindgen_test]
fn free_functions() {
    assert_eq!(version(), env!("CARGO_PKG_VERSION"));
    let a: serde_json::Value = serde_json::from_str(&default_agreement()).unwrap();
    assert_eq!(a["version"], accord::agreement::AGREEMENT_VERSION);
    let csv = sample_csv(10, 1);
    assert_eq!(
        csv.lines().next().unwrap().split(',').count(),
        accord::sample::SAMPLE_HEADERS.len()
    );
}

#[wasm_bindgen_test]
fn streamed_loads_from_byte_chunks() {
    let mut wb = Workbench::new();
    wb.load_csv(CSV).map_err(JsValue::from).unwrap();
    // A semicolon export in UTF-16 LE, pushed as small chunks of bytes.
    let text = "Email;Intitulé du poste;Effectif\r\na@x.fr;Directrice;201-500\r\nb@y.fr;Stagiaire;11-50\r\n";
    let mut bytes = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    wb.begin_load(Some("export.txt".into()), None);
    for chunk in bytes.chunks(7) {
        wb.push_chunk(chunk).map_err(JsValue::from).unwrap();
    }
    assert_eq!(
        wb.rows(),
        3,
        "the current data stays until the load finishes"
    );
    let summary = wb.finish_load().map_err(JsValue::from).unwrap();
    assert_eq!(get(&summary, "rows").as_f64(), Some(2.0));
    let format = get(&summary, "format");
    assert_eq!(
        get(&format, "encoding").as_string().as_deref(),
        Some("UTF-16 LE")
    );
    assert_eq!(
        get(&format, "delimiter").as_string().as_deref(),
        Some("semicolon")
    );
    assert!(wb.memory_bytes() > 0.0);

    // A cancelled load keeps the data; a file that is not a table is an Error that says so.
    wb.begin_load(Some("big.csv".into()), None);
    wb.push_chunk(b"Email,Title\nx@y.z,CEO\n")
        .map_err(JsValue::from)
        .unwrap();
    wb.cancel_load();
    assert_eq!(wb.rows(), 2);
    let e = wb
        .load_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", Some("leads.pdf".into()))
        .map_err(JsValue::from)
        .unwrap_err();
    assert!(error_message(e).contains("PDF"));
    assert_eq!(wb.rows(), 2);
}

#[wasm_bindgen_test]
fn explanations_what_if_and_presets_cross_the_boundary() {
    let mut wb = Workbench::new();
    wb.load_csv(CSV).map_err(JsValue::from).unwrap();
    let e = wb.explain(0).map_err(JsValue::from).unwrap();
    let seen: serde_json::Value = serde_wasm_bindgen::from_value(e).unwrap();
    let mut native = accord::Workbench::new();
    native.load_csv(CSV).unwrap();
    let expected = serde_json::to_value(native.explain(0)).unwrap();
    assert!(
        numbers_as_f64(seen.clone()) == numbers_as_f64(expected),
        "explanation shape"
    );
    assert!(seen["fit"]["groups"].is_array());
    assert!(wb.explain(99).map_err(JsValue::from).unwrap().is_null());

    assert!(
        wb.what_if().map_err(JsValue::from).unwrap().is_null(),
        "nothing pinned"
    );
    wb.pin();
    let mut a: serde_json::Value = serde_json::from_str(&wb.agreement_json()).unwrap();
    a["qualification"]["thresholds"]["mql"]["fit"] = 0.into();
    a["qualification"]["thresholds"]["mql"]["interest"] = 0.into();
    wb.set_agreement(&a.to_string())
        .map_err(JsValue::from)
        .unwrap();
    let w: serde_json::Value =
        serde_wasm_bindgen::from_value(wb.what_if().map_err(JsValue::from).unwrap()).unwrap();
    assert!(w["becameMql"].as_f64().unwrap() >= 1.0, "{w}");

    let presets: serde_json::Value =
        serde_wasm_bindgen::from_value(accord::wasm::presets().map_err(JsValue::from).unwrap())
            .unwrap();
    assert_eq!(presets.as_array().map(Vec::len), Some(3));
    let id = presets[1]["id"].as_str().unwrap();
    let json = accord::wasm::preset_json(id).unwrap();
    wb.set_agreement(&json).map_err(JsValue::from).unwrap();
    assert!(accord::wasm::preset_json("nope").is_none());

    // A version 1 document is migrated, and says so.
    let mut old: serde_json::Value = serde_json::from_str(&default_agreement()).unwrap();
    old["version"] = 1.into();
    wb.set_agreement(&old.to_string())
        .map_err(JsValue::from)
        .unwrap();
    assert_eq!(wb.migration_notes().len(), 1);
}

#[wasm_bindgen_test]
fn lifecycle_and_handoff_sheet_cross_the_boundary() {
    let mut wb = Workbench::new();
    assert!(
        wb.lifecycle().map_err(JsValue::from).unwrap().is_null(),
        "no data yet"
    );
    wb.load_sample(500, 3).map_err(JsValue::from).unwrap();
    let seen: serde_json::Value =
        serde_wasm_bindgen::from_value(wb.lifecycle().map_err(JsValue::from).unwrap()).unwrap();
    let total: f64 = seen["agreement"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["leads"].as_f64().unwrap())
        .sum();
    assert_eq!(total, 500.0);
    assert!(seen["followUp"]["handedOver"].as_f64().unwrap() > 0.0);
    let lead: serde_json::Value =
        serde_wasm_bindgen::from_value(wb.lead_lifecycle(0).map_err(JsValue::from).unwrap())
            .unwrap();
    assert!(lead["agreementStage"].is_string());
    assert!(wb
        .lead_lifecycle(9_999)
        .map_err(JsValue::from)
        .unwrap()
        .is_null());
    let csv = wb.handoff_csv();
    assert!(csv.starts_with("email,job_title,company,fit,interest,recent_conversion,reason\r\n"));
}

/// `diffAgreements` returns `Change[]` and `slaDocument` an `SlaDoc`, as `types.rs` declares
/// them: what JS receives is the engine's serde shape.
#[wasm_bindgen_test]
fn the_agreement_in_words_crosses_the_boundary() {
    let a = default_agreement();
    let mut v: serde_json::Value = serde_json::from_str(&a).unwrap();
    v["qualification"]["thresholds"]["mql"]["fit"] = 45.into();
    let b = v.to_string();
    let changes = diff_agreements(&a, &b, "en")
        .map_err(JsValue::from)
        .unwrap();
    assert!(js_sys::Array::is_array(&changes));
    let seen: serde_json::Value = serde_wasm_bindgen::from_value(changes).unwrap();
    assert_eq!(
        seen,
        serde_json::json!([{ "path": "qualification.thresholds.mql.fit", "text": "MQL fit threshold 50 → 45" }])
    );
    let same = diff_agreements(&a, &a, "fr")
        .map_err(JsValue::from)
        .unwrap();
    assert_eq!(js_sys::Array::from(&same).length(), 0);
    // Either side invalid: an Error saying which one and where.
    let e = diff_agreements("nope", &b, "en")
        .map_err(JsValue::from)
        .unwrap_err();
    assert!(error_message(e).starts_with("a: (root)"));
    v["qualification"]["thresholds"]["mql"]["fit"] = "high".into();
    let e = diff_agreements(&a, &v.to_string(), "en")
        .map_err(JsValue::from)
        .unwrap_err();
    assert!(error_message(e).starts_with("b: qualification.thresholds.mql.fit"));

    let mut wb = Workbench::new();
    for loaded in [false, true] {
        if loaded {
            wb.load_csv(CSV).map_err(JsValue::from).unwrap();
        }
        let doc = wb.sla_document("fr").map_err(JsValue::from).unwrap();
        assert!(!doc.is_instance_of::<js_sys::Map>(), "a plain object");
        let seen: serde_json::Value = serde_wasm_bindgen::from_value(doc).unwrap();
        let mut native = accord::Workbench::new();
        if loaded {
            native.load_csv(CSV).unwrap();
        }
        let expected = serde_json::to_value(native.sla_document("fr")).unwrap();
        assert!(
            numbers_as_f64(seen.clone()) == numbers_as_f64(expected),
            "JS sees a different shape"
        );
        for key in ["title", "subtitle"] {
            assert!(seen[key].is_string(), "{key}");
        }
        assert!(seen.get("asOf").is_some(), "asOf is there, null or a date");
        let parts = seen["parts"].as_array().unwrap();
        assert_eq!(parts.len(), 7);
        for (i, p) in parts.iter().enumerate() {
            assert_eq!(p["number"], i + 1);
            assert!(p["id"].is_string() && p["title"].is_string());
            for b in p["blocks"].as_array().unwrap() {
                match b["kind"].as_str().unwrap() {
                    "paragraph" => assert!(b["text"].is_string()),
                    "list" => assert!(b["items"].is_array()),
                    "table" => assert!(b["head"].is_array() && b["rows"].is_array()),
                    "figures" => {
                        for f in b["items"].as_array().unwrap() {
                            assert!(f["label"].is_string() && f["value"].is_string());
                            assert!(f.get("note").is_none_or(|n| n.is_string()), "note?: string");
                        }
                    }
                    other => panic!("unknown block kind {other}"),
                }
            }
        }
        assert_eq!(parts[0]["title"], "Objectifs communs");
    }
}

#[wasm_bindgen_test]
fn leads_cross_the_boundary() {
    let mut wb = Workbench::new();
    wb.load_sample(300, 5).map_err(JsValue::from).unwrap();
    let json = r#"{"sort":"fit","desc":true,"limit":5,"statuses":["lead","mql"],"text":null}"#;
    let page = wb
        .leads(js_sys::JSON::parse(json).unwrap())
        .map_err(JsValue::from)
        .unwrap();
    assert!(!page.is_instance_of::<js_sys::Map>(), "a plain object");
    let seen: serde_json::Value = serde_wasm_bindgen::from_value(page).unwrap();
    let mut native = accord::Workbench::new();
    native.load_csv(&sample_csv(300, 5)).unwrap();
    let q = accord::leads::LeadQuery::from_json(json).unwrap();
    let expected = serde_json::to_value(native.leads(&q).unwrap()).unwrap();
    assert!(
        numbers_as_f64(seen.clone()) == numbers_as_f64(expected),
        "JS sees a different shape"
    );
    assert_eq!(seen["rows"].as_array().unwrap().len(), 5);
    assert!(seen["rows"][0]["exportStage"].is_string() || seen["rows"][0]["exportStage"].is_null());
    // No query at all: the first page in file order.
    let all: serde_json::Value = serde_wasm_bindgen::from_value(
        wb.leads(JsValue::UNDEFINED).map_err(JsValue::from).unwrap(),
    )
    .unwrap();
    assert_eq!(all["total"], 300);
    assert_eq!(all["rows"][0]["row"], 0);

    let bad = wb
        .leads(js_sys::JSON::parse(r#"{"sort":"revenue"}"#).unwrap())
        .map_err(JsValue::from)
        .unwrap_err();
    assert!(error_message(bad).starts_with("lead query: sort: \"revenue\""));
    let bad = wb
        .leads(js_sys::JSON::parse(r#"{"sortBy":"fit"}"#).unwrap())
        .map_err(JsValue::from)
        .unwrap_err();
    assert!(error_message(bad).contains("unknown field `sortBy`"));

    let record: Vec<(String, String)> =
        serde_wasm_bindgen::from_value(wb.lead_record(0).map_err(JsValue::from).unwrap()).unwrap();
    assert_eq!(record, native.lead_record(0).unwrap());
    assert!(wb
        .lead_record(300)
        .map_err(JsValue::from)
        .unwrap()
        .is_null());
    let chunk = wb.scored_csv_chunk(0, 10);
    assert_eq!(chunk, native.scored_csv_chunk(0, 10));
    assert_eq!(chunk.lines().count(), 11);
}

/// `a` and `b` have the same shape (keys, types, lengths), and their numbers agree to 1e-6
/// (the wasm's `exp` is not the platform's, so a fit may differ in the last bits).
fn same_shape(a: &serde_json::Value, b: &serde_json::Value, at: &str) {
    use serde_json::Value;
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            assert!((x - y).abs() <= 1e-6 * (1.0 + x.abs()), "{at}: {x} vs {y}");
        }
        (Value::Array(x), Value::Array(y)) => {
            assert_eq!(x.len(), y.len(), "{at}: lengths");
            for (i, (p, q)) in x.iter().zip(y).enumerate() {
                same_shape(p, q, &format!("{at}[{i}]"));
            }
        }
        (Value::Object(x), Value::Object(y)) => {
            let keys = |o: &serde_json::Map<String, Value>| o.keys().cloned().collect::<Vec<_>>();
            assert_eq!(keys(x), keys(y), "{at}: keys");
            for (k, p) in x {
                same_shape(p, &y[k], &format!("{at}.{k}"));
            }
        }
        // The suggested agreement is JSON text with numbers in it.
        (Value::String(x), Value::String(y)) if x.starts_with('{') => {
            let parse = |s: &str| serde_json::from_str::<Value>(s).unwrap();
            same_shape(&parse(x), &parse(y), at);
        }
        _ => assert_eq!(a, b, "{at}"),
    }
}

fn js(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap()
}

/// Learning from outcomes as JS sees it: the evaluation, the curve, a suggestion and a fit run
/// in steps arrive as the engine's serde shapes (the TypeScript declarations name these keys).
#[wasm_bindgen_test]
fn learning_shapes_cross_the_boundary() {
    let csv = sample_csv(3000, 5);
    let mut wb = Workbench::new();
    wb.load_csv(&csv).map_err(JsValue::from).unwrap();
    let mut native = accord::Workbench::new();
    native.load_csv(&csv).unwrap();
    let seen = |v: Result<JsValue, wasm_bindgen::JsError>| -> serde_json::Value {
        let v = v.map_err(JsValue::from).unwrap();
        assert!(!v.is_instance_of::<js_sys::Map>());
        serde_wasm_bindgen::from_value(v).unwrap()
    };

    let e = seen(wb.evaluation());
    same_shape(
        &e,
        &serde_json::to_value(native.evaluation()).unwrap(),
        "evaluation",
    );
    assert!(e["auc"]["combined"]["value"].is_number());
    assert_eq!(e["gains"].as_array().unwrap().len(), 10);
    assert!(e["mql"]["precision"]["low"].is_number());
    assert!(e["byCell"][0]["grade"].is_string());

    let c = seen(wb.threshold_curve());
    same_shape(
        &c,
        &serde_json::to_value(native.threshold_curve()).unwrap(),
        "curve",
    );
    assert_eq!(c["mode"], "axes");
    assert!(c["points"][0]["mqlsPerMonth"].is_number());
    assert!(c["current"]["fit"].is_number() && c["current"]["combined"].is_null());

    let s = seen(wb.suggest_thresholds(js(r#"{"mqlsPerMonth": 60}"#)));
    assert!(s["target"]["mqlsPerMonth"].is_number());
    assert!(s["point"]["mqlsPerMonth"].as_f64().unwrap() <= 60.0);
    let t = accord::learn::Target::MqlsPerMonth(60.0);
    same_shape(
        &s,
        &serde_json::to_value(native.suggest_thresholds(t)).unwrap(),
        "suggestion",
    );
    let err = wb
        .suggest_thresholds(js(r#"{"margin": 3}"#))
        .map_err(JsValue::from);
    assert!(error_message(err.unwrap_err()).contains("margin"));

    // The fit in steps, as the worker runs it.
    let err = wb.fit_step(1).map_err(JsValue::from).unwrap_err();
    assert!(error_message(err).contains("fitBegin"));
    let rows = wb
        .fit_begin(js(r#"{"seed": 3, "holdout": 0.25}"#))
        .map_err(JsValue::from)
        .unwrap();
    assert!(rows > 1000);
    let mut progress = 0.0;
    for _ in 0..100 {
        progress = wb.fit_step(1).map_err(JsValue::from).unwrap();
        if progress >= 1.0 {
            break;
        }
    }
    assert_eq!(progress, 1.0);
    let r = seen(wb.fit_result());
    let opts = accord::learn::FitOptions {
        seed: 3,
        holdout: 0.25,
        ..Default::default()
    };
    same_shape(
        &r,
        &serde_json::to_value(native.fit(&opts).unwrap()).unwrap(),
        "fit",
    );
    assert!(r["suggestedAgreement"].is_string());
    assert!(r["auc"]["suggested"].is_number());
    assert!(r["features"][0]["stdError"].is_number());
    // The job is let go with its result; a bad option or data without outcomes is an Error.
    assert!(wb.fit_result().is_err());
    let err = wb.fit_begin(js(r#"{"holdout": 3}"#)).map_err(JsValue::from);
    assert!(error_message(err.unwrap_err()).contains("holdout"));
    wb.load_csv("Email,Job Title\na@b.io,CEO\n")
        .map_err(JsValue::from)
        .unwrap();
    assert!(wb.evaluation().map_err(JsValue::from).unwrap().is_null());
    let err = wb.fit_begin(JsValue::UNDEFINED).map_err(JsValue::from);
    assert!(error_message(err.unwrap_err()).contains("outcome"));
}

/// The CSV reader finds where cells end with WebAssembly SIMD (`simd128`), 64 bytes at a time:
/// generated records, serialised with quotes where needed (and sometimes where not), CRLF or
/// LF line ends, cells from empty to 150 characters (so that cells, quotes and line ends fall
/// on every position of a block and across blocks), read whole and in chunks of every kind
/// of size, must come back exactly as generated.
#[wasm_bindgen_test]
fn csv_cells_are_found_across_simd_blocks() {
    use accord::ingest::csv::records_in_pieces;
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let alphabet = [
        "a", "b", "é", "€", " ", ",", "\"", "\n", "\r", "x", "y", "1",
    ];
    let mut records: Vec<Vec<String>> = Vec::new();
    let mut text = String::new();
    for _ in 0..400 {
        let width = 2 + next(5);
        let mut record = Vec::new();
        for i in 0..width {
            let len = [0, 1, 3, 7, 15, 31, 63, 64, 65, 150][next(10)];
            // Mostly plain cells, sometimes with the characters that need quotes.
            let special = next(4) == 0;
            let value: String = (0..len)
                .map(|_| {
                    alphabet[if special {
                        next(alphabet.len())
                    } else {
                        next(5)
                    }]
                })
                .collect();
            if i > 0 {
                text.push(',');
            }
            let needs = value.contains([',', '"', '\n', '\r']) || value.is_empty() && width == 1;
            if needs || next(8) == 0 {
                text.push('"');
                text.push_str(&value.replace('"', "\"\""));
                text.push('"');
            } else {
                text.push_str(&value);
            }
            record.push(value);
        }
        text.push_str(if next(2) == 0 { "\r\n" } else { "\n" });
        records.push(record);
    }
    let read = |chunk: usize| -> Vec<Vec<String>> {
        records_in_pieces(&text, b',', chunk)
            .into_iter()
            .map(|r| {
                r.map(|(_, values)| values)
                    .unwrap_or_else(|e| panic!("{e}"))
            })
            .collect()
    };
    for chunk in [text.len(), 1 << 16, 4096, 1000, 65, 64, 63, 17, 1] {
        assert!(read(chunk) == records, "chunks of {chunk} bytes");
    }
}
