//! The native CLI, as a batch user runs it.

use std::process::Command;

fn accord(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_accord"))
        .args(args)
        .output()
        .expect("run accord")
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
    assert_eq!(out.status.code(), Some(2));
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
