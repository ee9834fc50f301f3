//! Every input the fuzz targets keep, replayed on stable through the same drivers
//! (`accord::fuzzing`): the regressions (inputs that once crashed, hung or ran out of memory,
//! `tests/fuzz/regressions/<target>/`), the hand-made seeds (`tests/fuzz/seeds/<target>/`) and the
//! minimised corpus (`tests/fuzz/corpus/<target>/`). A panic, a broken property or a run much slower
//! than the rest fails the test, naming the file.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Directories whose files feed `target` (the agreement seeds also feed `sql`).
fn dirs(target: &str) -> Vec<PathBuf> {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz");
    let mut out = Vec::new();
    for kind in ["regressions", "seeds", "corpus"] {
        out.push(fuzz.join(kind).join(target));
        if target == "sql" {
            out.push(fuzz.join(kind).join("agreement"));
        }
    }
    out
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut v: Vec<PathBuf> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    v.sort();
    v
}

/// Replays every file of `target`; returns how many.
fn replay(target: &str) -> usize {
    let (_, run) = accord::fuzzing::TARGETS
        .iter()
        .find(|(n, _)| *n == target)
        .unwrap_or_else(|| panic!("no fuzz driver named {target}"));
    // Debug builds are ~20 times slower than the fuzzer's; a hang is far beyond this.
    let limit = Duration::from_secs(20);
    let mut failures = Vec::new();
    let mut n = 0;
    for dir in dirs(target) {
        for path in files(&dir) {
            let data = std::fs::read(&path).unwrap();
            let t = Instant::now();
            let outcome = std::panic::catch_unwind(|| run(&data));
            let took = t.elapsed();
            n += 1;
            if outcome.is_err() {
                failures.push(format!("{}: panicked (message above)", path.display()));
            } else if took > limit {
                failures.push(format!("{}: took {took:?}", path.display()));
            }
        }
    }
    assert!(failures.is_empty(), "{target}:\n{}", failures.join("\n"));
    n
}

#[test]
fn ingest_cases() {
    assert!(replay("ingest") >= 10, "the ingest seeds are missing");
}

#[test]
fn ingest_stream_cases() {
    assert!(
        replay("ingest_stream") >= 5,
        "the ingest_stream seeds are missing"
    );
}

#[test]
fn agreement_cases() {
    assert!(replay("agreement") >= 5, "the agreement seeds are missing");
}

#[test]
fn sql_cases() {
    assert!(replay("sql") >= 5, "the sql seeds are missing");
}

/// The structured agreement inputs reach past the parser: a seed edits the default agreement
/// and the result is still accepted (otherwise the validator's deep paths go unfuzzed).
#[test]
fn structured_agreement_seeds_make_accepted_agreements() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz/seeds/agreement");
    let accepted = files(&dir)
        .iter()
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("1-"))
        .filter(|p| {
            let json = accord::fuzzing::agreement_json(&std::fs::read(p).unwrap());
            accord::Agreement::from_json(&json).is_ok()
        })
        .count();
    assert!(
        accepted >= 1,
        "no structured seed yields an accepted agreement"
    );
}
