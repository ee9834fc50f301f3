//! The native CLI, as a batch user runs it.
#![cfg(not(target_arch = "wasm32"))] // the CLI is native: processes, files, pipes

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn accord(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_accord"))
        .args(args)
        .output()
        .expect("run accord")
}

/// Run accord with `input` on stdin.
fn accord_stdin(args: &[&str], input: &[u8]) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_accord"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run accord");
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    // Written from a thread so that a full stdout pipe cannot deadlock the test.
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().expect("wait for accord");
    writer.join().unwrap().ok();
    out
}

/// A scratch directory for one test, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("accord-cli-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn file(&self, name: &str, bytes: impl AsRef<[u8]>) -> String {
        let p = self.0.join(name);
        std::fs::write(&p, bytes).unwrap();
        p.to_str().unwrap().to_string()
    }

    fn path(&self, name: &str) -> String {
        self.0.join(name).to_str().unwrap().to_string()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.0).ok();
    }
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The library's scored export for `csv` under `agreement`, as the page builds it: a BOM, then
/// every chunk. "Today" is now, as the CLI's.
fn library_export(csv: &str, agreement: Option<&str>) -> (Vec<u8>, accord::Workbench) {
    let mut wb = accord::Workbench::new();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap();
    wb.set_today(now.as_secs() as i64);
    if let Some(a) = agreement {
        wb.set_agreement_json(a).unwrap();
    }
    wb.load_csv(csv).unwrap();
    let mut out = "\u{feff}".to_string();
    let rows = wb.rows();
    let mut start = 0;
    while start == 0 || start < rows {
        out += &wb.scored_csv_chunk(start, 7_000);
        start += 7_000;
    }
    (out.into_bytes(), wb)
}

/// The fields of one CSV line (quoted fields with doubled quotes; no line breaks inside).
fn csv_fields(line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                out.last_mut().unwrap().push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(String::new()),
            _ => out.last_mut().unwrap().push(c),
        }
    }
    out
}

fn exists(p: &str) -> bool {
    Path::new(p).exists()
}

#[test]
fn sample_writes_the_requested_rows_deterministically() {
    let a = accord(&["sample", "--rows", "25", "--seed", "9"]);
    assert!(a.status.success());
    let text = String::from_utf8(a.stdout.clone()).unwrap();
    assert_eq!(text, accord::sample::sample_csv(25, 9));
    assert_eq!(text.lines().count(), 26);
    assert_eq!(
        accord(&["sample", "--rows", "25", "--seed", "9"]).stdout,
        a.stdout
    );
}

#[test]
fn kpis_scores_a_file_and_reports_bad_rows_by_line() {
    let dir = std::env::temp_dir().join(format!("accord-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let leads = dir.join("leads.csv");
    std::fs::write(
        &leads,
        "Email,Job Title,Page Views\na@x.io,CTO,3\nb@y.io\nc@z.io,Intern,1\n",
    )
    .unwrap();
    let out = accord(&["kpis", leads.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["results"]["leads"], 2);
    assert_eq!(json["load"]["skippedRows"], 1);
    assert!(String::from_utf8_lossy(&out.stderr).contains("leads.csv:3:"));

    let bad = dir.join("agreement.json");
    std::fs::write(&bad, r#"{"version": 1, "qualification": {"fit": 3}}"#).unwrap();
    let out = accord(&[
        "kpis",
        leads.to_str().unwrap(),
        "--agreement",
        bad.to_str().unwrap(),
    ]);
    // An invalid agreement is input with problems: exit 1, with the JSON path.
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("qualification.fit"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn unknown_commands_and_options_fail_with_usage() {
    let out = accord(&["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("usage:"));
    let out = accord(&["sample", "--rows", "many"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--rows must be a whole number"));
}

#[test]
fn agreement_prints_the_default_document() {
    let out = accord(&["agreement"]);
    let a = accord::Agreement::from_json(&String::from_utf8(out.stdout).unwrap()).unwrap();
    assert_eq!(a, accord::Agreement::default());
}

#[test]
fn learn_prints_the_fit_and_writes_its_design_matrix() {
    let dir = std::env::temp_dir().join(format!("accord-cli-learn-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let leads = dir.join("leads.csv");
    std::fs::write(&leads, accord::sample::sample_csv(2000, 4)).unwrap();
    let features = dir.join("features.csv");
    let out = accord(&[
        "learn",
        leads.to_str().unwrap(),
        "--features",
        features.to_str().unwrap(),
        "--holdout",
        "0.25",
        "--seed",
        "3",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["fit"]["auc"]["model"].is_number());
    assert!(v["evaluation"]["auc"]["combined"]["value"].is_number());
    let n = v["fit"]["features"].as_array().unwrap().len();
    let text = std::fs::read_to_string(&features).unwrap();
    let header: Vec<&str> = text.lines().next().unwrap().split(',').collect();
    assert_eq!(header.len(), n + 2);
    assert_eq!(&header[n..], ["split", "outcome"]);
    let rows = v["fit"]["train"]["leads"].as_u64().unwrap()
        + v["fit"]["holdout"]["leads"].as_u64().unwrap();
    assert_eq!(text.lines().count() as u64, rows + 1);
    let out = accord(&["learn", leads.to_str().unwrap(), "--split", "sideways"]);
    assert_eq!(out.status.code(), Some(2));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn score_gives_the_librarys_export_one_row_per_lead_from_a_file_and_from_stdin() {
    let dir = Scratch::new("score");
    let csv = accord::sample::sample_csv(3_000, 42);
    let leads = dir.file("leads.csv", &csv);
    let out_path = dir.path("scored.csv");
    let out = accord(&["score", &leads, "--out", &out_path]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty(), "--out: nothing on stdout");
    assert!(
        !out.stderr.contains(&b'\r'),
        "no progress when stderr is not a terminal"
    );
    let cli = std::fs::read(&out_path).unwrap();
    let (lib, wb) = library_export(&csv, None);
    assert!(
        cli == lib,
        "the CLI's export is the library's, byte for byte"
    );

    // One row per lead, and the fit column is the engine's score.
    let body = text(&cli[3..]);
    let lines: Vec<&str> = body.lines().collect();
    assert_eq!(lines.len(), 3_001);
    let header: Vec<&str> = lines[0].split(',').collect();
    let fit = header.iter().position(|h| *h == "fit").unwrap();
    assert_eq!(
        fit,
        header.len() - 9,
        "fit is the first of the 9 score columns"
    );
    for (row, line) in lines[1..].iter().enumerate().step_by(97) {
        let cells = csv_fields(line);
        assert_eq!(cells.len(), header.len(), "row {row}");
        let x: f32 = cells[fit].parse().unwrap();
        assert_eq!(x, wb.fit_scores()[row], "row {row}");
    }

    // The same from stdin, to stdout.
    let piped = accord_stdin(&["score", "-"], csv.as_bytes());
    assert_eq!(piped.status.code(), Some(0), "{}", text(&piped.stderr));
    assert!(piped.stdout == lib, "stdin gives the same export");
    let no_bom = accord_stdin(&["score", "-", "--bom", "no", "--quiet"], csv.as_bytes());
    assert!(no_bom.stdout == lib[3..]);
}

#[test]
fn score_with_an_agreement_and_activities_matches_the_library() {
    let dir = Scratch::new("score-agreement");
    let csv = accord::sample::sample_csv(800, 5);
    let leads = dir.file("leads.csv", &csv);
    let mut a: serde_json::Value =
        serde_json::from_str(&accord::Agreement::default().to_json()).unwrap();
    a["qualification"]["thresholds"]["mql"]["fit"] = 35.into();
    a["qualification"]["fit"]["groups"][0]["rules"][0]["points"] = 12.5.into();
    let json = a.to_string();
    let agreement = dir.file("a.json", &json);
    let out = accord(&["score", &leads, "--agreement", &agreement]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(out.stdout == library_export(&csv, Some(&json)).0);

    // Activities join by e-mail and change the export's reasons only through the engine.
    let first_email = csv.lines().nth(1).unwrap().split(',').nth(2).unwrap();
    let events = dir.file(
        "events.csv",
        format!("Email,Type,Timestamp\n{first_email},Page view,2026-09-01 10:00\nnobody@none.io,Page view,2026-09-01 10:00\n"),
    );
    let out = accord(&["score", &leads, "--activities", &events, "--bom", "no"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("1 events match no lead"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(text(&out.stdout).lines().count(), 801);
}

#[test]
fn broken_rows_are_summarised_and_strict_makes_them_exit_1() {
    let dir = Scratch::new("strict");
    let mut csv = String::from("Email,Job Title,Page Views\n");
    for i in 1..=12 {
        csv += &format!("u{i}@x.io,CTO,{i}\n");
    }
    csv += "b@y.io,\"VP Sales,4\n"; // truncated: a quote never closed
    let leads = dir.file("truncated.csv", &csv);
    let out = accord(&["score", &leads, "--bom", "no"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout).lines().count(),
        13,
        "the readable rows are kept"
    );
    let err = text(&out.stderr);
    assert!(err.contains("1 problem (1 rows left out)"), "{err}");
    assert!(
        err.contains("truncated.csv:14: Row left out: a quoted field"),
        "{err}"
    );

    let out = accord(&["score", &leads, "--strict", "--bom", "no"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout).lines().count(), 13, "still written");
    assert!(text(&out.stderr).contains("1 row could not be read (--strict)"));
    let out = accord(&["kpis", &leads, "--strict"]);
    assert_eq!(out.status.code(), Some(1));
    // A clean file passes --strict.
    let clean = dir.file("clean.csv", accord::sample::sample_csv(50, 1));
    assert_eq!(accord(&["kpis", &clean, "--strict"]).status.code(), Some(0));
}

#[test]
fn input_that_is_not_a_table_is_exit_4_with_the_reason() {
    let dir = Scratch::new("not-table");
    let cases: [(&str, &[u8], &str); 4] = [
        ("empty.csv", b"", "The input is empty"),
        (
            "note.txt",
            b"hello world this is a sentence.\n",
            "reads like a sentence",
        ),
        ("image.png", b"\x89PNG\r\n\x1a\n0000000000", "PNG image"),
        (
            "cut.csv",
            b"Email,Job Title,Page Views\na@x.io,\"CTO,3\n",
            "never closed",
        ),
    ];
    for (name, bytes, why) in cases {
        let p = dir.file(name, bytes);
        let out = accord(&["score", &p]);
        assert_eq!(out.status.code(), Some(4), "{name}");
        let err = text(&out.stderr);
        assert!(err.contains(name) && err.contains(why), "{name}: {err}");
        assert!(out.stdout.is_empty(), "{name}: nothing written");
    }
    // From stdin, named as such.
    let out = accord_stdin(&["kpis", "-"], b"");
    assert_eq!(out.status.code(), Some(4));
    assert!(text(&out.stderr).contains("stdin: The input is empty"));
    // An agreement that is not JSON.
    let leads = dir.file("leads.csv", accord::sample::sample_csv(20, 1));
    let bad = dir.file("a.json", "{\"version\": 2,");
    let out = accord(&["score", &leads, "--agreement", &bad]);
    assert_eq!(out.status.code(), Some(4));
    assert!(text(&out.stderr).contains("a.json: not JSON (line 1, column 14)"));
}

#[test]
fn files_that_cannot_be_read_or_written_are_exit_3() {
    let dir = Scratch::new("io");
    let leads = dir.file("leads.csv", accord::sample::sample_csv(20, 1));
    let missing = dir.path("missing.csv");
    let out = accord(&["score", &missing]);
    assert_eq!(out.status.code(), Some(3));
    assert!(text(&out.stderr).contains("missing.csv"));
    let out = accord(&["kpis", &leads, "--agreement", &missing]);
    assert_eq!(out.status.code(), Some(3));
    let out = accord(&["score", &leads, "--activities", &missing]);
    assert_eq!(out.status.code(), Some(3));
    let nowhere = dir.path("no/such/dir/out.csv");
    let out = accord(&["score", &leads, "--out", &nowhere]);
    assert_eq!(out.status.code(), Some(3));
    assert!(!exists(&nowhere));
    let out = accord(&["sample", "--out", &nowhere]);
    assert_eq!(out.status.code(), Some(3));
    let out = accord(&["validate", &missing]);
    assert_eq!(out.status.code(), Some(3));
}

#[test]
fn a_reader_that_closes_the_pipe_is_exit_3_without_a_panic() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_accord"))
        .args(["sample", "--rows", "200000"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut head = [0u8; 100];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut head)
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err = text(&out.stderr);
    assert!(err.contains("stdout: the reader closed the pipe"), "{err}");
    assert!(!err.contains("panicked"), "{err}");

    // The same for score, fed from stdin.
    let csv = accord::sample::sample_csv(40_000, 3);
    let mut child = Command::new(env!("CARGO_BIN_EXE_accord"))
        .args(["score", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(csv.as_bytes()));
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut head)
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().ok();
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
    assert!(!text(&out.stderr).contains("panicked"));
}

#[test]
fn usage_errors_are_exit_2() {
    for args in [
        &[][..],
        &["score"][..],
        &["score", "a.csv", "b.csv"][..],
        &["score", "a.csv", "--bom", "maybe"][..],
        &["score", "a.csv", "--out"][..],
        &["kpis", "a.csv", "--format", "xml"][..],
        &["sla", "--lang", "de"][..],
        &["sla", "--format", "pdf"][..],
        &["sla", "leads.csv"][..],
        &["validate"][..],
        &["validate", "a.json", "--format", "yaml"][..],
        &["validate", "a.json", "--quiet"][..],
    ] {
        let out = accord(args);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert!(text(&out.stderr).starts_with("accord: "), "{args:?}");
    }
    let out = accord(&["help"]);
    assert_eq!(out.status.code(), Some(0));
    for code in [
        "0  success",
        "1  the input",
        "2  usage",
        "3  a file",
        "4  LEADS",
    ] {
        assert!(
            text(&out.stdout).contains(code),
            "USAGE documents exit {code}"
        );
    }
}

#[test]
fn validate_lists_every_problem_with_its_path() {
    let dir = Scratch::new("validate");
    let mut a: serde_json::Value =
        serde_json::from_str(&accord::Agreement::default().to_json()).unwrap();
    let good = dir.file("good.json", a.to_string());
    let out = accord(&["validate", &good]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout), "ok\n");
    let out = accord(&["validate", &good, "--format", "json"]);
    assert_eq!(text(&out.stdout).trim(), "[]");

    a["qualification"]["fit"]["groups"][0]["rules"][0]["contains_any"] = "vp".into();
    a["qualification"]["thresholds"]["mql"]["fit"] = "high".into();
    let bad = dir.file("bad.json", a.to_string());
    let out = accord(&["validate", &bad]);
    assert_eq!(out.status.code(), Some(1));
    let lines = text(&out.stdout);
    assert!(
        lines
            .lines()
            .any(|l| l.starts_with("qualification.fit.groups[0].rules[0].contains_any: ")),
        "{lines}"
    );
    assert!(lines.lines().all(|l| l.contains(": ")), "{lines}");
    assert!(text(&out.stderr).contains("bad.json: "));
    let out = accord(&["validate", &bad, "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let list: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list.len(), lines.lines().count());
    assert!(list
        .iter()
        .all(|p| p["path"].is_string() && p["message"].is_string()));
    assert_eq!(
        list[0]["path"].as_str().unwrap(),
        lines.lines().next().unwrap().split(": ").next().unwrap()
    );

    // Every problem, not only the first: three sections broken at once.
    let mut two: serde_json::Value =
        serde_json::from_str(&accord::Agreement::default().to_json()).unwrap();
    two["qualification"]["grades"]["fit"]["A"] = (-5).into();
    two["qualification"]["fit"]["groups"][0]["cap"] = (-3).into();
    two["qualification"]["thresholds"]["mql"]["fit"] = (-1).into();
    two["qualification"]["interest"]["groups"][0]["rules"][0]["max"] = (-1).into();
    let two = dir.file("three.json", two.to_string());
    let out = accord(&["validate", &two]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stdout),
        "qualification.fit.groups[0].cap: must be a number of points, 0 or more\n\
         qualification.interest.groups[0].rules[0].max: must be 0 or more\n\
         qualification.grades.fit.A: must be a whole score from 0 to 100\n"
    );
    assert!(text(&out.stderr).contains("three.json: 3 problems"));

    // Version 1: migrated, valid, and the note says what changed.
    let mut v1: serde_json::Value =
        serde_json::from_str(&accord::Agreement::default().to_json()).unwrap();
    v1["version"] = 1.into();
    v1["qualification"]["thresholds"]
        .as_object_mut()
        .unwrap()
        .remove("mode");
    let v1 = dir.file("v1.json", v1.to_string());
    let out = accord(&["validate", &v1]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert_eq!(text(&out.stdout), "ok\n");
    assert!(text(&out.stderr).contains("migrated: Migrated from version 1"));

    // Not JSON: exit 4; from stdin too.
    let out = accord_stdin(&["validate", "-"], b"version: 2");
    assert_eq!(out.status.code(), Some(4));
    assert!(text(&out.stderr).contains("stdin: not JSON (line 1, column 1)"));
}

/// The default agreement with `definition` as the first stage's English definition.
fn agreement_with_definition(definition: &str) -> String {
    let mut a: serde_json::Value =
        serde_json::from_str(&accord::Agreement::default().to_json()).unwrap();
    a["definitions"]["stages"][0]["definition"]["en"] = definition.into();
    a["name"] = "Tom & Jerry's <b>SLA</b>".into();
    a.to_string()
}

#[test]
fn sla_writes_the_seven_parts_as_markdown_and_as_escaped_html() {
    let dir = Scratch::new("sla");
    let evil = "Leads <script>alert(\"x\")</script> & co";
    let a = dir.file("a.json", agreement_with_definition(evil));
    let out = accord(&["sla", "--agreement", &a]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let md = text(&out.stdout);
    for n in 1..=7 {
        assert!(md.contains(&format!("\n## {n}. ")), "part {n}");
    }
    // In Markdown, as text: the characters that would start HTML are backslash-escaped (a
    // renderer shows them as they are), never left to become a tag.
    assert!(
        md.contains(r#"Leads \<script\>alert("x")\</script\> & co"#),
        "the definition is in the document, escaped: {md}"
    );
    assert!(!md.replace("\\<", "").contains('<'), "no unescaped <");

    let html_path = dir.path("sla.html");
    let out = accord(&[
        "sla",
        "--agreement",
        &a,
        "--format",
        "html",
        "--out",
        &html_path,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty());
    let html = std::fs::read_to_string(&html_path).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert_eq!(html.matches("<section id=").count(), 7);
    for id in [
        "goals",
        "definitions",
        "qualification",
        "handoff",
        "nurture",
        "follow_up",
        "kpis",
    ] {
        assert!(html.contains(&format!("<section id=\"{id}\">")), "{id}");
    }
    assert!(!html.contains("<script"), "no script, escaped or not");
    assert!(!html.contains("<b>"));
    assert!(html.contains("Leads &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co"));
    assert!(html.contains("Tom &amp; Jerry&#39;s &lt;b&gt;SLA&lt;/b&gt;"));
    assert!(html.contains("@media print"), "a print stylesheet");
    assert!(
        !html.contains("http://") && !html.contains("https://") && !html.contains(" src="),
        "no external resource"
    );

    // In French, and with the figures measured on data.
    let out = accord(&["sla", "--lang", "fr"]);
    assert_eq!(out.status.code(), Some(0));
    let fr = text(&out.stdout);
    assert!(fr.contains("\n## 7. ") && fr != text(&accord(&["sla"]).stdout));
    let leads = dir.file("leads.csv", accord::sample::sample_csv(1_000, 42));
    let with = text(&accord(&["sla", "--leads", &leads]).stdout);
    let without = text(&accord(&["sla"]).stdout);
    assert_ne!(with, without);
    let mut wb = accord::Workbench::new();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap();
    wb.set_today(now.as_secs() as i64);
    wb.load_csv(&accord::sample::sample_csv(1_000, 42)).unwrap();
    assert_eq!(
        with,
        wb.sla_document("en").to_markdown(),
        "the data's figures"
    );
}

#[test]
fn kpis_prints_json_by_default_and_aligned_tables_on_request() {
    let dir = Scratch::new("kpis");
    let leads = dir.file("leads.csv", accord::sample::sample_csv(2_000, 42));
    let out = accord(&["kpis", &leads]);
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["results"]["leads"], 2000);
    assert_eq!(json["load"]["rows"], 2000);
    assert!(json["kpis"]["kpis"].as_array().unwrap().len() > 3);

    let out = accord(&["kpis", &leads, "--format", "table"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let t = text(&out.stdout);
    let mqls = json["results"]["mqls"].as_u64().unwrap();
    let mql_line = t.lines().find(|l| l.starts_with("MQLs ")).unwrap();
    assert!(mql_line.contains(&mqls.to_string()), "{mql_line}");
    assert!(t.contains("Funnel") && t.contains("KPIs"));
    // The KPI rows: each KPI by name, with its target where the agreement sets one.
    let kpis = json["kpis"]["kpis"].as_array().unwrap();
    let section: Vec<&str> = t.split("\nKPIs\n").nth(1).unwrap().lines().collect();
    assert!(section[0].starts_with("KPI ") && section[0].contains("target"));
    assert_eq!(section.len(), kpis.len() + 2);
    let target_col = section[0].find("target").unwrap() + "target".len();
    for (k, line) in kpis.iter().zip(&section[2..]) {
        assert!(line.starts_with(k["name"].as_str().unwrap()), "{line}");
        if let Some(target) = k["target"].as_f64() {
            let shown = format!("{:.1} %", target * 100.0);
            assert!(
                k["unit"] != "rate" || line[..target_col].ends_with(&shown),
                "{line}"
            );
        }
    }
}

#[test]
fn today_fixes_the_sla_clock_so_a_rerun_gives_the_same_file() {
    let dir = std::env::temp_dir().join(format!("accord-today-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let leads = dir.join("leads.csv");
    let leads = leads.to_str().unwrap();
    assert!(accord(&["sample", "--rows", "2000", "--out", leads])
        .status
        .success());
    let run = |today: &str| {
        let out = accord(&["score", leads, "--today", today, "--quiet"]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        text(&out.stdout)
    };
    let sla = |file: &str| -> Vec<String> {
        let mut lines = file.lines();
        let head = csv_fields(lines.next().unwrap().trim_start_matches('\u{feff}'));
        let at = head.iter().position(|h| h == "sla").expect("an sla column");
        lines.map(|l| csv_fields(l)[at].clone()).collect()
    };
    let early = run("2026-07-01");
    assert_eq!(early, run("2026-07-01"), "the same day gives the same file");
    let late = run("2030-01-01");
    let changed = sla(&early)
        .iter()
        .zip(sla(&late))
        .filter(|(a, b)| *a != b)
        .count();
    assert!(
        changed > 0,
        "three years later, some handoffs are read differently"
    );
    for bad in ["2026-13-01", "yesterday", "2026-02"] {
        let out = accord(&["score", leads, "--today", bad]);
        assert_eq!(out.status.code(), Some(2), "--today {bad}");
        assert!(
            text(&out.stderr).contains("YYYY-MM-DD"),
            "{}",
            text(&out.stderr)
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// A large file is read by two engines at once, one per core, each typing half the columns
/// (`ACCORD_PARTS_BYTES` lowers the size that takes, from 8 MiB): the scored export and the
/// problems reported are the same byte for byte as one engine's.
#[test]
fn a_file_read_by_two_engines_scores_and_reports_as_one() {
    let s = Scratch::new("parts");
    let mut csv = String::from("Email,Job Title,Company Size,Page Views,Created,Notes\n");
    for r in 0..6_000 {
        match r {
            1_200 => csv.push_str("short@example.com,CEO,11-50\n"),
            2_000 => csv.push_str("a,b,c,d,e,f,g,h,i,j\n"),
            _ => csv.push_str(&format!(
                "lead{r}@firm{}.com,{},{},{},2025-{:02}-{:02},{}\n",
                r % 97,
                ["VP Marketing", "Intern", "CEO", "Analyst"][r % 4],
                ["1-10", "51-200", "1000+"][r % 3],
                if r == 3_001 {
                    "lots".to_string()
                } else {
                    (r * 7 % 90).to_string()
                },
                1 + r % 12,
                1 + r % 28,
                if r % 9 == 0 { "\"called, twice\"" } else { "" }
            )),
        }
    }
    let leads = s.file("leads.csv", &csv);
    let run = |least: &str| {
        Command::new(env!("CARGO_BIN_EXE_accord"))
            .args(["score", &leads])
            .env("ACCORD_PARTS_BYTES", least)
            .output()
            .expect("run accord")
    };
    let (one, two) = (run("999999999999"), run("0"));
    assert!(
        one.status.code() == two.status.code(),
        "{}",
        text(&two.stderr)
    );
    assert!(
        one.stdout.len() > 100_000 && one.stdout == two.stdout,
        "the same scored export"
    );
    assert_eq!(
        text(&one.stderr),
        text(&two.stderr),
        "the same problems reported"
    );
    assert!(
        text(&two.stderr).contains(":1202: This row has 3 fields"),
        "{}",
        text(&two.stderr)
    );
    // It was read in two: `accord bench` says how it read the file, by the same rule.
    let bench = |least: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_accord"))
            .args(["bench", "--file", &leads, "--runs", "1"])
            .env("ACCORD_PARTS_BYTES", least)
            .output()
            .expect("run accord");
        text(&out.stdout)
    };
    assert!(bench("0").contains("\"parts\":2"), "{}", bench("0"));
    assert!(bench("999999999999").contains("\"parts\":1"));
}
