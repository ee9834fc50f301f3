//! What Accord guarantees about the files it writes: every CSV neutralises the cells a
//! spreadsheet would run as a formula, and reading Accord's own export back gives the values it
//! was made from; the SLA document (every form) and the agreement file carry the agreement,
//! never a lead's data. The page's side of the same guarantees: tests/e2e/privacy.test.mjs.
#![cfg(not(target_arch = "wasm32"))] // runs the CLI: processes and files

use accord::ingest::{self, Options};
use accord::table::Table;
use accord::Workbench;
use serde_json::{json, Value};
use std::process::Command;

/// Cells a spreadsheet would evaluate, one of each kind, and look-alikes it would not.
const RISKY: &[&str] = &[
    "=HYPERLINK(\"http://x\",\"y\")",
    "+33 6 12 34 56 78",
    "@SUM(A1)",
    "-1+1",
    "-cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "'=already quoted",
    "''+twice",
];
const SAFE: &[&str] = &["-12", "-1,234.5", "'hello", "'-5", "a=b", "plain"];

/// A CSV cell, quoted.
fn q(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// Leads whose `Note` column (and one header) holds every risky and safe cell.
fn tricky_csv() -> String {
    let mut csv = String::from("Email,Company,Job Title,Page Views,=Note\n");
    for (i, cell) in RISKY.iter().chain(SAFE).enumerate() {
        csv.push_str(&format!(
            "lead{i}@acme.io,Acme {i},VP Marketing,{},{}\n",
            -(i as i64),
            q(cell)
        ));
    }
    csv
}

fn read(text: &str) -> Table {
    let opts = Options {
        name: None,
        locale: "en".into(),
        ..Options::default()
    };
    ingest::read_bytes(text.as_bytes(), opts)
        .unwrap_or_else(|e| panic!("load failed: {e}"))
        .table
}

/// Header then every cell as displayed.
fn cells(t: &Table, columns: usize) -> Vec<Vec<String>> {
    let mut out = vec![t.columns[..columns]
        .iter()
        .map(|c| c.name.clone())
        .collect::<Vec<_>>()];
    for r in 0..t.rows {
        out.push(t.columns[..columns].iter().map(|c| c.display(r)).collect());
    }
    out
}

/// The first character of every field of a CSV text (by a plain reader, quotes removed).
fn raw_fields(csv: &str) -> Vec<String> {
    let mut records = accord::ingest::csv::Records::new(csv, b',');
    let mut out = Vec::new();
    let mut fields = Vec::new();
    loop {
        match records.next_record(&mut fields) {
            accord::ingest::csv::Next::Record(_) => out.append(&mut fields),
            accord::ingest::csv::Next::Broken(e) => panic!("{e}"),
            _ => break,
        }
    }
    out
}

fn assert_neutralised(csv: &str, what: &str) {
    for f in raw_fields(csv) {
        if let Some(c @ ('=' | '+' | '@' | '\t' | '\r')) = f.chars().next() {
            panic!("{what}: a field starts with {c:?}: {f:?}");
        }
        if let Some(rest) = f.strip_prefix('-') {
            assert!(
                rest.chars()
                    .all(|c| c.is_ascii_digit() || ".,e".contains(c)),
                "{what}: a field starting with '-' that is not a number: {f:?}"
            );
        }
    }
}

#[test]
fn the_scored_export_neutralises_formulas_and_reads_back_as_the_original() {
    let source = tricky_csv();
    let original = read(&source);
    let mut wb = Workbench::new();
    wb.load_csv(&source).unwrap();
    let export = wb.scored_csv_chunk(0, usize::MAX);
    assert_neutralised(&export, "scored export");
    let raw = raw_fields(&export);
    assert!(raw.contains(&"'=Note".to_string()), "the header too");
    // The reader trims a cell's surrounding blanks, so a leading tab or CR never reaches the
    // writer from a file; the writer guards them all the same (a value typed on the page).
    let mut row = String::new();
    accord::formula::push_row(&mut row, ["\t=1+1", "\r=1+1"].into_iter());
    assert_eq!(row, "'\t=1+1,\"'\r=1+1\"\r\n");
    assert!(raw.contains(&"'-1+1".to_string()));
    assert!(raw.contains(&"''+twice".to_string()));
    for n in ["-12", "-1,234.5", "-3"] {
        assert!(raw.contains(&n.to_string()), "{n} stays a number");
    }

    // Read back: the original columns hold exactly the original values.
    let back = read(&export);
    let n = original.columns.len();
    assert_eq!(
        cells(&back, n),
        cells(&original, n),
        "re-import of Accord's own export"
    );
    // Formulas included, as the original load read them: an apostrophe before a formula
    // character is taken off in any CSV (the mark spreadsheets and Accord put there).
    let notes: Vec<String> = (0..back.rows).map(|r| back.columns[4].display(r)).collect();
    assert_eq!(notes[0], "=HYPERLINK(\"http://x\",\"y\")");
    assert_eq!(notes[3], "-1+1");
    assert_eq!(notes[7], "=already quoted");
    assert_eq!(notes[8], "'+twice");
    assert_eq!(
        notes[9..],
        ["-12", "-1,234.5", "'hello", "'-5", "a=b", "plain"]
    );
}

#[test]
fn the_handoff_sheet_neutralises_and_reads_back() {
    let mut wb = Workbench::new();
    let mut a: Value = serde_json::from_str(accord::agreement::DEFAULT_AGREEMENT_JSON).unwrap();
    a["handoff"]["fields"] = json!(["email", "company", "job_title", "fit"]);
    wb.set_agreement_json(&a.to_string()).unwrap();
    let mut csv = String::from("Email,Company,Job Title,Recent Conversion\n");
    for (i, cell) in RISKY.iter().enumerate() {
        csv.push_str(&format!(
            "l{i}@x.io,{},VP Marketing,Demo request\n",
            q(cell)
        ));
    }
    wb.load_csv(&csv).unwrap();
    let sheet = wb.handoff_csv();
    assert_neutralised(&sheet, "handoff sheet");
    let back = read(&sheet);
    let companies: Vec<String> = (0..back.rows).map(|r| back.columns[1].display(r)).collect();
    let source = read(&csv);
    let mut want: Vec<String> = (0..source.rows)
        .map(|r| source.columns[1].display(r))
        .collect();
    let mut got = companies.clone();
    want.sort();
    got.sort();
    assert_eq!(got, want, "every lead sent to sales, its company as it was");
}

fn accord(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_accord"))
        .args(args)
        .output()
        .expect("run accord")
}

/// A scratch directory, removed when dropped.
struct Scratch(std::path::PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir =
            std::env::temp_dir().join(format!("accord-guarantees-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn path(&self, name: &str) -> String {
        self.0.join(name).to_str().unwrap().to_string()
    }

    fn file(&self, name: &str, bytes: impl AsRef<[u8]>) -> String {
        let p = self.path(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.0).ok();
    }
}

#[test]
fn accord_score_and_the_learn_design_matrix_neutralise_too() {
    let dir = Scratch::new("score");
    let leads = dir.file("leads.csv", tricky_csv());
    let out = accord(&["score", &leads, "--bom", "no", "--quiet"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let scored = String::from_utf8(out.stdout).unwrap();
    assert_neutralised(&scored, "accord score");
    assert_eq!(
        cells(&read(&scored), 5),
        cells(&read(&tricky_csv()), 5),
        "read back"
    );

    // The design matrix names its columns after the agreement's rule ids: text from outside.
    let mut a: Value = serde_json::from_str(accord::agreement::DEFAULT_AGREEMENT_JSON).unwrap();
    a["qualification"]["fit"]["groups"][0]["rules"][0]["id"] = "=cmd|' /C calc'!A0,x".into();
    let agreement = dir.file("a.json", a.to_string());
    let sample = dir.file("sample.csv", accord::sample::sample_csv(600, 3));
    let features = dir.path("features.csv");
    let out = accord(&[
        "learn",
        &sample,
        "--agreement",
        &agreement,
        "--features",
        &features,
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let design = std::fs::read_to_string(&features).unwrap();
    assert_neutralised(&design, "accord learn --features");
    assert!(
        raw_fields(&design).contains(&"'=cmd|' /C calc'!A0,x".to_string()),
        "one quoted, neutralised header cell: {}",
        design.lines().next().unwrap()
    );
}

/// A marker per column, unique enough to be found in any text that holds it.
fn marked_csv() -> (String, Vec<String>) {
    let header = [
        "Email",
        "Company",
        "Job Title",
        "Industry",
        "Country",
        "Lead Source",
        "Recent Conversion",
        "Lifecycle Stage",
        "Deal Stage",
        "Notes",
    ];
    let mut markers = Vec::new();
    let mut csv = header.join(",") + "\n";
    for row in 0..40 {
        let cells: Vec<String> = header
            .iter()
            .enumerate()
            .map(|(c, _)| {
                let m = format!("zq{c}x{row}mark");
                markers.push(m.clone());
                match c {
                    0 => format!("{m}@leak.example"),
                    2 => format!("VP {m}"),
                    _ => m,
                }
            })
            .collect();
        csv.push_str(&cells.join(","));
        csv.push('\n');
    }
    // The header names are the export's, not lead data; the markers are.
    (csv, markers)
}

/// The agreement with its own texts changed, so the test can see them in the document.
fn edited_agreement() -> Value {
    let mut a: Value = serde_json::from_str(accord::agreement::DEFAULT_AGREEMENT_JSON).unwrap();
    a["name"] = "AGRTEXT-name".into();
    a["definitions"]["stages"][1]["definition"]["en"] = "AGRTEXT-definition of a lead".into();
    a["qualification"]["fit"]["groups"][0]["rules"][0]["contains_any"] = json!(["agrtext-kw"]);
    a["handoff"]["recycle"]["reasons"] = json!(["AGRTEXT-reason"]);
    a
}

/// The agreement's own texts the SLA document shows.
const AGREEMENT_TEXTS: &[&str] = &[
    "AGRTEXT-definition of a lead",
    "agrtext-kw",
    "AGRTEXT-reason",
];

#[test]
fn the_sla_document_and_agreement_file_hold_no_lead_data() {
    let (csv, markers) = marked_csv();
    let dir = Scratch::new("sla");
    let leads = dir.file("leads.csv", &csv);
    let a = edited_agreement();
    let agreement = dir.file("a.json", a.to_string());

    let mut wb = Workbench::new();
    wb.set_agreement_json(&a.to_string()).unwrap();
    wb.load_csv(&csv).unwrap();
    assert_eq!(wb.rows(), 40);
    let doc = wb.sla_document("en");
    let json = serde_json::to_string(&doc).unwrap();
    let mut forms = vec![
        ("the document", json),
        ("its Markdown", doc.to_markdown()),
        ("the agreement file", wb.agreement().to_json()),
    ];
    for format in ["md", "html"] {
        let out = accord(&[
            "sla",
            "--leads",
            &leads,
            "--agreement",
            &agreement,
            "--format",
            format,
        ]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        forms.push((
            if format == "md" {
                "accord sla"
            } else {
                "accord sla --format html"
            },
            String::from_utf8(out.stdout).unwrap(),
        ));
    }
    for (what, text) in &forms {
        for m in &markers {
            assert!(!text.contains(m.as_str()), "{what} holds lead data {m}");
        }
        assert!(!text.contains("zq"), "{what}: no part of a marker");
        for own in AGREEMENT_TEXTS {
            assert!(
                text.contains(own),
                "{what} holds the agreement's text {own}"
            );
        }
    }
}
