//! The leads table: filters, sorting and paging against a brute-force reading of each lead's
//! explanation and lifecycle, the text search, query errors, the cache after a change, and the
//! scored export read back with the crate's own CSV reader.

use accord::ingest::csv::{Next, Records};
use accord::leads::{LeadQuery, LeadRow, QueryError, SCORED_COLUMNS};
use accord::Workbench;

const ROWS: usize = 2_000;
/// The sample's own export date (2026-09-30, 23:59 UTC): follow-up states are all present.
const TODAY: i64 = 1_790_812_740;

fn sample() -> Workbench {
    let mut wb = Workbench::new();
    wb.set_today(TODAY);
    wb.load_csv(&accord::sample::sample_csv(ROWS, 7))
        .unwrap_or_else(|e| panic!("{e}"));
    wb
}

fn query(json: &str) -> LeadQuery {
    LeadQuery::from_json(json).unwrap_or_else(|e| panic!("{json}: {e}"))
}

/// Every row of a query, paged through 500 at a time.
fn all_rows(wb: &mut Workbench, q: &LeadQuery) -> Vec<LeadRow> {
    let mut out = Vec::new();
    loop {
        let page = wb
            .leads(&LeadQuery {
                offset: out.len(),
                limit: 500,
                ..q.clone()
            })
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(page.all as usize, wb.rows());
        let n = page.rows.len();
        out.extend(page.rows);
        if n == 0 {
            assert_eq!(out.len() as u64, page.total, "paging reaches every match");
            return out;
        }
    }
}

/// One lead as the engine's other answers describe it (the brute-force side).
struct Truth {
    status: &'static str,
    grade: String,
    fit_grade: String,
    interest_grade: String,
    stage: String,
    export_stage: Option<String>,
    track: Option<String>,
    sla: String,
    reason: Option<String>,
    /// Rules that gave points: "id +35".
    points: Vec<String>,
}

fn truth(wb: &Workbench, row: usize) -> Truth {
    let e = wb.explain(row).unwrap();
    let l = wb.lead_lifecycle(row).unwrap();
    let status = if e.disqualified.is_some() {
        "disqualified"
    } else if e.sql {
        "sql"
    } else if e.fast_track.is_some() {
        "fast_track"
    } else if e.mql {
        "mql"
    } else {
        "lead"
    };
    let applied = e.disqualified.as_ref().or(e.fast_track.as_ref());
    let points = [&e.fit, &e.interest]
        .iter()
        .flat_map(|a| &a.groups)
        .flat_map(|g| &g.rules)
        .filter(|r| (r.points * 100.0).round() != 0.0)
        .map(|r| {
            let p = (r.points * 100.0).round() / 100.0;
            format!("{} {}{p}", r.id, if p > 0.0 { "+" } else { "" })
        })
        .collect();
    Truth {
        status,
        grade: format!("{}{}", e.fit.grade, e.interest.grade),
        fit_grade: e.fit.grade.clone(),
        interest_grade: e.interest.grade.clone(),
        stage: l.agreement_stage.clone(),
        export_stage: l.actual_stage.clone(),
        track: l.track.clone(),
        sla: serde_json::to_value(l.sla)
            .unwrap()
            .as_str()
            .unwrap()
            .to_string(),
        reason: applied.map(|a| a.reason.clone().unwrap_or_else(|| a.id.clone())),
        points,
    }
}

#[test]
fn every_row_agrees_with_the_explanation_and_the_lifecycle() {
    let mut wb = sample();
    let rows = all_rows(&mut wb, &LeadQuery::default());
    assert_eq!(rows.len(), ROWS);
    for (i, r) in rows.iter().enumerate() {
        assert_eq!(r.row as usize, i, "file order by default");
        let t = truth(&wb, i);
        assert_eq!(r.fit, wb.fit_scores()[i]);
        assert_eq!(r.interest, wb.interest_scores()[i]);
        assert_eq!(
            (
                r.status,
                &r.grade,
                &r.stage,
                &r.export_stage,
                &r.track,
                r.sla,
                &r.reason
            ),
            (
                t.status,
                &t.grade,
                &t.stage,
                &t.export_stage,
                &t.track,
                t.sla.as_str(),
                &t.reason
            ),
            "row {i}"
        );
        assert!(r.name.as_deref().is_some_and(|n| n.contains(' ')));
        assert!(r.email.as_deref().is_some_and(|e| e.contains('@')));
        assert!(r.company.is_some() && r.title.is_some());
    }
    // The sample covers every status and several stages, tracks and follow-up states.
    for s in ["disqualified", "lead", "mql", "fast_track", "sql"] {
        assert!(rows.iter().any(|r| r.status == s), "no {s} in the sample");
    }
    for s in ["met", "missed", "overdue", "not_handed_over"] {
        assert!(rows.iter().any(|r| r.sla == s), "no SLA {s} in the sample");
    }
    assert!(rows.iter().any(|r| r.track.is_none()));
    assert!(rows.iter().filter_map(|r| r.track.as_ref()).count() > 100);
}

#[test]
fn each_filter_agrees_with_a_brute_force_filter() {
    let mut wb = sample();
    let truths: Vec<Truth> = (0..ROWS).map(|r| truth(&wb, r)).collect();
    type Pred = Box<dyn Fn(&Truth) -> bool>;
    let cases: Vec<(&str, Pred)> = vec![
        (r#"{"stages":["mql"]}"#, Box::new(|t| t.stage == "mql")),
        (
            r#"{"stages":["sql","recycled","disqualified"]}"#,
            Box::new(|t| ["sql", "recycled", "disqualified"].contains(&t.stage.as_str())),
        ),
        (r#"{"grades":["A"]}"#, Box::new(|t| t.fit_grade == "A")),
        (r#"{"grades":["2"]}"#, Box::new(|t| t.interest_grade == "2")),
        (r#"{"grades":["B2"]}"#, Box::new(|t| t.grade == "B2")),
        (
            r#"{"grades":["a1","D"]}"#,
            Box::new(|t| t.grade == "A1" || t.fit_grade == "D"),
        ),
        (
            r#"{"tracks":["decision"]}"#,
            Box::new(|t| t.track.as_deref() == Some("decision")),
        ),
        (r#"{"tracks":["none"]}"#, Box::new(|t| t.track.is_none())),
        (r#"{"tracks":["no-such-track"]}"#, Box::new(|_| false)),
        (r#"{"statuses":["mql"]}"#, Box::new(|t| t.status == "mql")),
        (
            r#"{"statuses":["fast_track","disqualified"]}"#,
            Box::new(|t| t.status == "fast_track" || t.status == "disqualified"),
        ),
        (r#"{"sla":["overdue"]}"#, Box::new(|t| t.sla == "overdue")),
        (
            r#"{"sla":["met","missed"]}"#,
            Box::new(|t| t.sla == "met" || t.sla == "missed"),
        ),
        (
            r#"{"statuses":["mql","sql"],"grades":["A"],"sla":["met"]}"#,
            Box::new(|t| {
                ["mql", "sql"].contains(&t.status) && t.fit_grade == "A" && t.sla == "met"
            }),
        ),
    ];
    for (json, pred) in cases {
        let expected: Vec<u64> = (0..ROWS)
            .filter(|&r| pred(&truths[r]))
            .map(|r| r as u64)
            .collect();
        let got: Vec<u64> = all_rows(&mut wb, &query(json))
            .iter()
            .map(|r| r.row)
            .collect();
        assert_eq!(got, expected, "{json}");
        if !json.contains("no-such") {
            assert!(
                !got.is_empty() && got.len() < ROWS,
                "{json} should narrow the sample ({} leads)",
                got.len()
            );
        }
    }
}

#[test]
fn sorting_orders_by_each_key_with_ties_in_file_order() {
    let mut wb = sample();
    let stage_rank = |s: &str| {
        accord::agreement::parts::STAGES
            .iter()
            .position(|x| *x == s)
    };
    let status_rank = |s: &str| accord::leads::STATUSES.iter().position(|x| *x == s);
    let sla_rank = |s: &str| accord::leads::SLA_STATES.iter().position(|x| *x == s);
    let fold = |s: &Option<String>| accord::text::fold(s.as_deref().unwrap_or(""));
    let tracks = wb.leads(&LeadQuery::default()).unwrap().options.tracks;
    let track_rank = |t: &Option<String>| t.as_ref().map(|t| tracks.iter().position(|x| x == t));
    for key in accord::leads::SORT_KEYS {
        for desc in [false, true] {
            let rows = all_rows(
                &mut wb,
                &query(&format!(r#"{{"sort":"{key}","desc":{desc}}}"#)),
            );
            assert_eq!(rows.len(), ROWS, "{key}");
            for w in rows.windows(2) {
                let (a, b) = (&w[0], &w[1]);
                let ord = match *key {
                    "row" => a.row.cmp(&b.row),
                    "name" => fold(&a.name).cmp(&fold(&b.name)),
                    "company" => fold(&a.company).cmp(&fold(&b.company)),
                    "fit" => a.fit.total_cmp(&b.fit),
                    "interest" => a.interest.total_cmp(&b.interest),
                    // Grades best first: A before B, 1 before 2.
                    "grade" => a.grade.cmp(&b.grade),
                    "status" => status_rank(a.status).cmp(&status_rank(b.status)),
                    "stage" => stage_rank(&a.stage).cmp(&stage_rank(&b.stage)),
                    // No track first, then the agreement's order.
                    "track" => track_rank(&a.track).cmp(&track_rank(&b.track)),
                    "sla" => sla_rank(a.sla).cmp(&sla_rank(b.sla)),
                    _ => unreachable!(),
                };
                let ord = if desc && *key != "row" {
                    ord.reverse()
                } else {
                    ord
                };
                if *key == "row" && desc {
                    assert!(a.row > b.row);
                    continue;
                }
                // Names sort by first then last name, which orders like the joined text
                // except where a first name is a prefix of another; allow only that.
                if *key == "name" && ord.is_gt() {
                    continue;
                }
                assert!(
                    ord.is_lt() || (ord.is_eq() && a.row < b.row),
                    "sort {key} desc {desc}: row {} before row {}",
                    a.row,
                    b.row
                );
            }
        }
    }
    // Sorting by fit descending puts the best fit first.
    let top = wb
        .leads(&query(r#"{"sort":"fit","desc":true,"limit":1}"#))
        .unwrap();
    let best = wb.fit_scores().iter().cloned().fold(0f32, f32::max);
    assert_eq!(top.rows[0].fit, best);
}

#[test]
fn name_sort_is_by_first_then_last_name() {
    let mut wb = sample();
    let rows = all_rows(&mut wb, &query(r#"{"sort":"name"}"#));
    let key = |r: &LeadRow| {
        let n = accord::text::fold(r.name.as_deref().unwrap_or(""));
        let (f, l) = n.split_once(' ').unwrap_or((&n, ""));
        (f.to_string(), l.to_string())
    };
    for w in rows.windows(2) {
        assert!(
            key(&w[0]) < key(&w[1]) || (key(&w[0]) == key(&w[1]) && w[0].row < w[1].row),
            "{:?} before {:?}",
            w[0].name,
            w[1].name
        );
    }
}

#[test]
fn pages_are_slices_of_one_big_page() {
    let mut wb = sample();
    let q = query(r#"{"sort":"interest","desc":true,"statuses":["lead","mql"]}"#);
    let whole = all_rows(&mut wb, &q);
    for (offset, limit) in [
        (0, 7),
        (3, 50),
        (499, 2),
        (whole.len() - 5, 100),
        (whole.len() + 10, 10),
    ] {
        let page = wb
            .leads(&LeadQuery {
                offset,
                limit,
                ..q.clone()
            })
            .unwrap();
        assert_eq!(page.total as usize, whole.len());
        assert_eq!(page.offset as usize, offset);
        let end = (offset + limit).min(whole.len());
        assert_eq!(page.rows, whole[offset.min(end)..end], "offset {offset}");
    }
    // The limit is capped.
    let page = wb.leads(&query(r#"{"limit":100000}"#)).unwrap();
    assert_eq!(page.rows.len(), accord::leads::MAX_LIMIT);
    let page = wb.leads(&query("{}")).unwrap();
    assert_eq!(page.rows.len(), accord::leads::DEFAULT_LIMIT);
    assert_eq!(page.options.fit_grades, ["A", "B", "C", "D"]);
    assert_eq!(page.options.interest_grades, ["1", "2", "3", "4"]);
    assert!(page.options.tracks.contains(&"re-engage".to_string()));
    assert!(page.options.stages.contains(&"sal".to_string()));
}

#[test]
fn text_search_ignores_case_and_accents() {
    let mut wb = Workbench::new();
    wb.load_csv(
        "First Name,Last Name,Email,Company,Job Title\n\
         Hélène,Dupré,helene@ecole.fr,ÉCOLE CENTRALE,Directrice\n\
         Ana,Marquez,ana@acme.io,Acme,VP Marketing\n\
         Bob,Stone,bob@stone.com,Stone & Co,Intern\n\
         Zoé,Ana,zoe@x.fr,Ménard SA,Acheteuse\n",
    )
    .unwrap();
    let rows = |wb: &mut Workbench, text: &str| -> Vec<u64> {
        let q = LeadQuery {
            text: text.into(),
            ..Default::default()
        };
        wb.leads(&q).unwrap().rows.iter().map(|r| r.row).collect()
    };
    assert_eq!(rows(&mut wb, "helene"), [0], "accents ignored");
    assert_eq!(rows(&mut wb, "DUPRE"), [0], "case ignored");
    assert_eq!(
        rows(&mut wb, "école"),
        [0],
        "in the company, accented query"
    );
    assert_eq!(
        rows(&mut wb, "hélène dup"),
        [0],
        "first and last name together"
    );
    assert_eq!(rows(&mut wb, "ana"), [1, 3], "first name or last name");
    assert_eq!(rows(&mut wb, "vp market"), [1], "job title");
    assert_eq!(rows(&mut wb, "stone.com"), [2], "e-mail");
    assert_eq!(rows(&mut wb, "menard"), [3]);
    assert_eq!(rows(&mut wb, "  "), [0, 1, 2, 3], "blank searches nothing");
    assert!(rows(&mut wb, "nobody").is_empty());
    let page = wb.leads(&query(r#"{"text":"ana","sort":"name"}"#)).unwrap();
    assert_eq!(page.total, 2);
    assert_eq!(page.rows[0].name.as_deref(), Some("Ana Marquez"));
}

#[test]
fn bad_queries_say_which_field() {
    let mut wb = sample();
    let err = |json: &str, wb: &mut Workbench| -> String {
        match LeadQuery::from_json(json) {
            Err(QueryError(m)) => m,
            Ok(q) => wb
                .leads(&q)
                .map(|_| String::new())
                .unwrap_or_else(|e| e.to_string()),
        }
    };
    let m = err(r#"{"sort":"revenue"}"#, &mut wb);
    assert!(m.starts_with("lead query: sort: \"revenue\""), "{m}");
    assert!(m.contains("fit, interest"), "lists the keys: {m}");
    let m = err(r#"{"sortBy":"fit"}"#, &mut wb);
    assert!(m.contains("unknown field `sortBy`"), "{m}");
    let m = err(r#"{"limit":"ten"}"#, &mut wb);
    assert!(m.starts_with("limit:"), "{m}");
    let m = err(r#"{"statuses":["won"]}"#, &mut wb);
    assert!(m.contains("statuses: \"won\""), "{m}");
    let m = err(r#"{"stages":["hot"]}"#, &mut wb);
    assert!(m.contains("stages: \"hot\""), "{m}");
    let m = err(r#"{"sla":["late"]}"#, &mut wb);
    assert!(m.contains("sla: \"late\""), "{m}");
    let m = err(r#"{"grades":["E"]}"#, &mut wb);
    assert!(
        m.contains("grades: \"E\"") && m.contains("A, B, C, D"),
        "{m}"
    );
    let m = err(r#"{"grades":["B7"]}"#, &mut wb);
    assert!(m.contains("grades: \"B7\""), "{m}");
}

#[test]
fn a_query_after_a_change_reflects_the_new_scores() {
    let mut wb = sample();
    let q = query(r#"{"sort":"fit","desc":true,"limit":50}"#);
    let before = wb.leads(&q).unwrap();
    let stage_q = query(r#"{"stages":["mql"]}"#);
    let mql_before = wb.leads(&stage_q).unwrap().total;
    // Every fit rule is worth nothing now: all fit scores fall to 0, and so does every MQL
    // that is not fast-tracked.
    let mut a = wb.agreement().clone();
    for g in &mut a.qualification.fit.groups {
        for r in &mut g.rules {
            if r.points.is_some() {
                r.points = Some(0.0);
            }
        }
    }
    wb.set_agreement(a);
    let after = wb.leads(&q).unwrap();
    assert_ne!(before.rows, after.rows);
    for r in &after.rows {
        assert_eq!(r.fit, wb.fit_scores()[r.row as usize]);
    }
    let mql_after = wb.leads(&stage_q).unwrap().total;
    assert!(mql_after < mql_before, "{mql_after} < {mql_before}");
    // A threshold move changes statuses without re-scoring: the cache follows it too.
    let sql_q = query(r#"{"statuses":["sql"]}"#);
    let sql_before = wb.leads(&sql_q).unwrap().total;
    let mut a = wb.agreement().clone();
    a.qualification.thresholds.sql.interest = 0.0;
    a.qualification.thresholds.sql.fit = 0.0;
    wb.set_agreement(a);
    assert!(wb.leads(&sql_q).unwrap().total > sql_before);
    // A later "today" turns pending follow-ups overdue.
    let pending = query(r#"{"sla":["pending"]}"#);
    let n = wb.leads(&pending).unwrap().total;
    wb.set_today(TODAY + 365 * 86_400);
    assert!(wb.leads(&pending).unwrap().total <= n);
    assert_eq!(wb.leads(&pending).unwrap().total, 0);
}

#[test]
fn no_data_is_an_empty_table() {
    let mut wb = Workbench::new();
    let page = wb.leads(&LeadQuery::default()).unwrap();
    assert_eq!((page.total, page.all, page.rows.len()), (0, 0, 0));
    assert_eq!(wb.scored_csv_chunk(0, 10), "");
    assert_eq!(wb.lead_record(0), None);
}

#[test]
fn the_lead_record_is_the_row_as_written() {
    let mut wb = Workbench::new();
    wb.load_csv("Email,Company Size,Create Date,Note\nana@acme.io,\"1,200\",03/07/2024,=1+1\n")
        .unwrap();
    let rec = wb.lead_record(0).unwrap();
    let pairs: Vec<(&str, &str)> = rec.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    assert_eq!(
        pairs,
        [
            ("Email", "ana@acme.io"),
            ("Company Size", "1,200"),
            ("Create Date", "03/07/2024"),
            ("Note", "=1+1"),
        ]
    );
    assert_eq!(wb.lead_record(1), None);
}

/// Parse CSV text with the engine's own record reader.
fn parse(text: &str) -> Vec<Vec<String>> {
    let mut r = Records::new(text, b',');
    let mut out = Vec::new();
    let mut fields = Vec::new();
    loop {
        match r.next_record(&mut fields) {
            Next::Record(_) => out.push(fields.clone()),
            Next::End => return out,
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn the_scored_export_reads_back_with_every_lead_and_its_scores() {
    let mut wb = sample();
    let whole = wb.scored_csv_chunk(0, ROWS);
    let mut chunked = String::new();
    for start in (0..ROWS).step_by(333) {
        chunked.push_str(&wb.scored_csv_chunk(start, 333));
    }
    assert_eq!(chunked, whole, "chunks concatenate to the whole export");
    assert_eq!(wb.scored_csv_chunk(ROWS, 10), "", "past the end: nothing");

    let records = parse(&whole);
    assert_eq!(records.len(), ROWS + 1, "a header and one row per lead");
    let header = &records[0];
    let original: Vec<String> = wb
        .lead_record(0)
        .unwrap()
        .into_iter()
        .map(|(h, _)| h)
        .collect();
    let w = original.len();
    assert_eq!(header[..w], original[..]);
    assert_eq!(header[w..], *SCORED_COLUMNS);
    let col = |name: &str| w + SCORED_COLUMNS.iter().position(|c| *c == name).unwrap();
    for (row, rec) in records[1..].iter().enumerate() {
        assert_eq!(rec.len(), w + SCORED_COLUMNS.len());
        let values: Vec<String> = wb
            .lead_record(row)
            .unwrap()
            .into_iter()
            .map(|(_, v)| v)
            .collect();
        assert_eq!(rec[..w], values[..], "row {row}: the original values");
        assert_eq!(
            rec[col("fit")].parse::<f32>().unwrap(),
            wb.fit_scores()[row]
        );
        assert_eq!(
            rec[col("interest")].parse::<f32>().unwrap(),
            wb.interest_scores()[row]
        );
        let t = truth(&wb, row);
        assert_eq!(rec[col("grade")], t.grade);
        assert_eq!(rec[col("status")], t.status);
        assert_eq!(rec[col("stage")], t.stage);
        assert_eq!(rec[col("export_stage")], t.export_stage.unwrap_or_default());
        assert_eq!(rec[col("track")], t.track.unwrap_or_default());
        assert_eq!(rec[col("sla")], t.sla);
        let mut reasons: Vec<String> = t.reason.into_iter().collect();
        reasons.extend(t.points);
        assert_eq!(rec[col("reasons")], reasons.join("; "), "row {row}");
    }
    // Some lead shows a reason and rules with points, e.g. "decision-maker +35".
    assert!(records[1..]
        .iter()
        .any(|r| r[col("reasons")].contains(" +") && r[col("status")] == "disqualified"));
}

#[test]
fn formula_like_cells_come_out_neutralised() {
    let mut wb = Workbench::new();
    wb.load_csv(
        "Email,Company,Job Title,=Note\n\
         ana@acme.io,\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",+1,@x\n\
         bob@corp.io,Corp,-2,-cmd\n",
    )
    .unwrap();
    let csv = wb.scored_csv_chunk(0, 10);
    let records = parse(&csv);
    assert_eq!(records.len(), 3);
    assert_eq!(records[0][3], "'=Note", "a header too");
    assert_eq!(records[1][1], "'=HYPERLINK(\"http://x\",\"y\")");
    assert_eq!(records[1][2], "'+1");
    assert_eq!(records[1][3], "'@x");
    assert_eq!(records[2][2], "-2", "a negative number stays a number");
    assert_eq!(records[2][3], "'-cmd");
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""),
        "quoted: {csv}"
    );
}
