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
