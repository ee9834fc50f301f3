//! Limits: inputs far beyond any real export or agreement are cut or refused with a message
//! saying where and which limit, quickly, and the rest of the work is kept.

use accord::agreement::{limits, Agreement, DEFAULT_AGREEMENT_JSON};
use accord::ingest::{self, sink::MAX_CELL_BYTES, Options, ProblemKind, MAX_RECORD_BYTES};
use accord::Workbench;
use serde_json::{json, Value};
use std::time::Instant;

fn opts() -> Options {
    Options {
        name: None,
        locale: "en".into(),
        ..Options::default()
    }
}

/// Push `bytes` in chunks of `size`, as the page's worker does.
fn streamed(bytes: &[u8], size: usize) -> Result<ingest::Loaded, ingest::IngestError> {
    let mut ing = ingest::Ingest::new(opts());
    for chunk in bytes.chunks(size) {
        ing.push(chunk)?;
    }
    ing.finish()
}

#[test]
fn a_cell_over_a_mebibyte_is_cut_and_its_row_kept() {
    // An accented character straddles the limit: the cut must fall on a character boundary.
    let mut notes = "a".repeat(MAX_CELL_BYTES - 1);
    notes.push('é');
    notes.push_str(&"b".repeat(1000));
    let csv = format!(
        "Email,Notes,Page Views\nana@acme.io,short,3\nbob@corp.fr,{notes},7\neve@big.co,ok,9\n"
    );
    let loaded = streamed(csv.as_bytes(), 64 * 1024).unwrap();
    let t = &loaded.table;
    assert_eq!(t.rows, 3, "every row is kept");
    let col = t.columns.iter().find(|c| c.name == "Notes").unwrap();
    let cut = col.display(1);
    assert_eq!(
        cut.len(),
        MAX_CELL_BYTES - 1,
        "cut before the 2-byte character"
    );
    assert!(cut.bytes().all(|b| b == b'a'));
    assert_eq!(col.display(2), "ok");
    let views = t.columns.iter().find(|c| c.name == "Page Views").unwrap();
    assert_eq!(views.display(1), "7", "the rest of the row is kept");
    let d = loaded
        .diagnostics
        .iter()
        .find(|d| d.kind == ProblemKind::LongCell)
        .expect("the cut is reported");
    assert_eq!(d.line, 3);
    assert_eq!(d.column.as_deref(), Some("Notes"));
    assert!(d.message.contains("first 1 MB"), "{}", d.message);
    assert_eq!(loaded.skipped_rows, 0);
}

#[test]
fn a_quote_never_closed_costs_one_row_not_the_rest_of_the_file() {
    // Line 3 opens a quote that never closes; 200,000 rows follow (over 8 MiB).
    let mut csv =
        String::from("Email,Job Title,Page Views\nana@acme.io,VP,3\nbob@corp.fr,\"CTO,7\n");
    let mut rows = 0;
    while csv.len() < MAX_RECORD_BYTES + (1 << 20) {
        csv.push_str(&format!("lead{rows}@corp.fr,Head of Sales,{}\n", rows % 50));
        rows += 1;
    }
    let started = Instant::now();
    let loaded = streamed(csv.as_bytes(), 64 * 1024).unwrap();
    let took = started.elapsed();
    // Line 3 is left out; line 4 is inside the runaway value up to the limit and is read again
    // from line 4 on: every row after it is kept.
    assert_eq!(loaded.table.rows, 1 + rows, "{:?}", loaded.problems);
    assert_eq!(loaded.skipped_rows, 1);
    let d = loaded
        .diagnostics
        .iter()
        .find(|d| d.kind == ProblemKind::BrokenRow)
        .unwrap();
    assert_eq!(d.line, 3);
    assert!(d.message.contains("runs over 8 MB"), "{}", d.message);
    // Not re-read from its start with every chunk for the rest of the file.
    assert!(took.as_secs_f64() < 20.0, "took {took:?}");
}

#[test]
fn a_first_line_that_never_ends_is_not_a_table() {
    let csv = format!("Email,\"Notes\n{}", "x".repeat(MAX_RECORD_BYTES + 10));
    let err = streamed(csv.as_bytes(), 1 << 20).unwrap_err();
    assert!(
        err.to_string().contains("the first line runs over 8 MB"),
        "{err}"
    );
}

fn default_doc() -> Value {
    serde_json::from_str(DEFAULT_AGREEMENT_JSON).unwrap()
}

fn refused(doc: &Value) -> String {
    let started = Instant::now();
    let err = Agreement::from_json(&doc.to_string()).expect_err("refused");
    assert!(started.elapsed().as_secs_f64() < 2.0, "refused quickly");
    err.to_string()
}

fn rule(id: &str, keywords: Vec<String>) -> Value {
    json!({ "id": id, "field": "job_title", "contains_any": keywords, "points": 1 })
}

#[test]
fn an_agreement_too_large_is_refused_before_parsing() {
    let mut doc = default_doc();
    // A 10 MB keyword list.
    doc["qualification"]["fit"]["groups"][0]["rules"][0]["contains_any"] =
        json!(vec!["x".repeat(100); 100_000]);
    let msg = refused(&doc);
    assert!(msg.starts_with("(root): the document is "), "{msg}");
    assert!(msg.contains("at most 1024 KB"), "{msg}");
}

#[test]
fn too_many_rules_groups_values_or_levels_name_the_path_and_the_limit() {
    // 501 rules in one group.
    let mut doc = default_doc();
    let rules: Vec<Value> = (0..=limits::MAX_RULES)
        .map(|i| rule(&format!("r{i}"), vec!["vp".into()]))
        .collect();
    doc["qualification"]["fit"]["groups"] = json!([{ "name": "many", "rules": rules }]);
    let msg = refused(&doc);
    assert!(
        msg.starts_with(
            "qualification.fit.groups[0].rules[500]: brings the agreement to more than 500 rules"
        ),
        "{msg}"
    );

    let mut doc = default_doc();
    let groups: Vec<Value> = (0..=limits::MAX_GROUPS)
        .map(|i| json!({ "name": format!("g{i}"), "rules": [] }))
        .collect();
    doc["qualification"]["interest"]["groups"] = json!(groups);
    let msg = refused(&doc);
    assert!(
        msg.starts_with(
            "qualification.interest.groups: has 101 groups; an agreement may have at most 100"
        ),
        "{msg}"
    );

    let mut doc = default_doc();
    doc["qualification"]["fit"]["groups"][0]["rules"][0] = rule(
        "big",
        (0..=limits::MAX_LIST).map(|i| format!("k{i}")).collect(),
    );
    let msg = refused(&doc);
    assert!(
        msg.starts_with("qualification.fit.groups[0].rules[0].contains_any: has 501 values; an agreement may have at most 500"),
        "{msg}"
    );

    let mut doc = default_doc();
    doc["qualification"]["fit"]["groups"][0]["rules"][0] =
        rule("long", vec!["vp".into(), "é".repeat(501)]);
    let msg = refused(&doc);
    assert!(
        msg.starts_with(
            "qualification.fit.groups[0].rules[0].contains_any[1]: is longer than 500 characters"
        ),
        "{msg}"
    );

    // Five lists of 500: within each list's limit, over the total.
    let mut doc = default_doc();
    let rules: Vec<Value> = (0..5)
        .map(|r| {
            rule(
                &format!("r{r}"),
                (0..500).map(|i| format!("k{r}-{i}")).collect(),
            )
        })
        .collect();
    doc["qualification"]["fit"]["groups"] = json!([{ "name": "many", "rules": rules }]);
    let msg = refused(&doc);
    assert!(
        msg.starts_with("qualification.fit.groups[0].rules[4].contains_any: brings the agreement's keywords and values to more than 2000"),
        "{msg}"
    );

    // all_of nested nine deep.
    let mut cond = json!({ "field": "job_title", "contains_any": ["vp"] });
    for _ in 0..=limits::MAX_DEPTH {
        cond = json!({ "all_of": [cond] });
    }
    let mut doc = default_doc();
    let mut deep = cond;
    deep["id"] = json!("deep");
    deep["points"] = json!(5);
    doc["qualification"]["fit"]["groups"][0]["rules"][0] = deep;
    let msg = refused(&doc);
    assert!(msg.contains(".all_of[0].all_of[0].all_of[0].all_of[0].all_of[0].all_of[0].all_of[0].all_of: nests all_of / any_of more than 8 deep"), "{msg}");

    let mut doc = default_doc();
    let tracks: Vec<Value> = (0..=limits::MAX_TRACKS)
        .map(|i| json!({ "id": format!("t{i}") }))
        .collect();
    doc["nurture"]["tracks"] = json!(tracks);
    let msg = refused(&doc);
    assert!(
        msg.starts_with("nurture.tracks: has 201 tracks; an agreement may have at most 200"),
        "{msg}"
    );
}

/// The heaviest agreement the limits let through: 500 rules in 100 groups with 2,000 keywords,
/// all on the e-mail column (a distinct value per lead: the most work per rule). JSON text.
pub fn heaviest() -> String {
    let mut doc = default_doc();
    let mut n = 0;
    let mut groups = Vec::new();
    for g in 0..limits::MAX_GROUPS / 2 {
        let mut rules = Vec::new();
        for _ in 0..(limits::MAX_RULES / limits::MAX_GROUPS) {
            // Short keywords that rarely match: every address is searched for each.
            let kw: Vec<String> = (0..limits::MAX_VALUES / limits::MAX_RULES)
                .map(|k| format!("zq{n}x{k}"))
                .collect();
            rules.push(
                json!({ "id": format!("r{n}"), "field": "email", "contains_any": kw, "points": 1 }),
            );
            n += 1;
        }
        groups.push(json!({ "name": format!("g{g}"), "cap": 10, "rules": rules }));
    }
    doc["qualification"]["fit"]["groups"] = json!(groups);
    doc["qualification"]["interest"]["groups"] = json!(groups
        .iter()
        .enumerate()
        .map(|(g, x)| {
            let mut x = x.clone();
            for r in x["rules"].as_array_mut().unwrap() {
                let id = format!("i{g}-{}", r["id"].as_str().unwrap());
                r["id"] = json!(id);
            }
            x
        })
        .collect::<Vec<_>>());
    doc["qualification"]["disqualify"] = json!([]);
    doc["qualification"]["fast_track"] = json!([]);
    doc.to_string()
}

#[test]
fn the_heaviest_agreement_allowed_is_accepted_and_scores() {
    let json = heaviest();
    assert!(json.len() < limits::MAX_BYTES);
    let a = Agreement::from_json(&json).expect("within every limit");
    let rules: usize = a
        .qualification
        .fit
        .groups
        .iter()
        .chain(&a.qualification.interest.groups)
        .map(|g| g.rules.len())
        .sum();
    assert_eq!(rules, limits::MAX_RULES);
    let mut wb = Workbench::new();
    wb.load_csv(&accord::sample::sample_csv(2000, 42)).unwrap();
    wb.set_agreement_json(&json).unwrap();
    assert_eq!(wb.results().leads, 2000);
}

#[test]
fn the_fast_keyword_search_finds_what_the_plain_one_finds() {
    use accord::text::{contains_word, contains_word_fast};
    let hay = [
        "vp marketing",
        "svp",
        "vp-sales",
        "head of it",
        "directeur general",
        "cto@vp.io",
        "",
        "ééé vp",
        "avp vp",
    ];
    let needles = ["vp", "head of", "it", "general", "vp.io", "é", "", "p m"];
    for h in hay {
        for n in needles {
            assert_eq!(contains_word_fast(h, n), contains_word(h, n), "{h:?} {n:?}");
        }
    }
}
