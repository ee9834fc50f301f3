//! Reads a file with one engine and with two at once (`ingest::parts`), checks that both give
//! the same table and problems, and prints the times, and each part's own time and columns:
//! `cargo run --release --example parts_check -- FILE`.

use accord::ingest::{parts, read_bytes, wire, Loaded, Options};
use std::time::Instant;

fn columns(l: &Loaded) -> Vec<Vec<u8>> {
    l.table.columns.iter().map(wire::column_bytes).collect()
}

fn main() {
    let path = std::env::args().nth(1).expect("FILE");
    let bytes = std::fs::read(&path).expect("read");
    let opts = Options {
        locale: "en".into(),
        size: Some(bytes.len() as u64),
        ..Options::default()
    };
    each_part(&bytes, &opts);
    let t = Instant::now();
    let one = read_bytes(&bytes, opts.clone()).expect("one reader");
    let one_ms = t.elapsed().as_secs_f64() * 1e3;
    let mine = columns(&one);
    for as_bytes in [false, true] {
        let t = Instant::now();
        let two = parts::read_in_parts(&bytes, &opts, 2, 1 << 20, as_bytes).expect("two parts");
        let ms = t.elapsed().as_secs_f64() * 1e3;
        let same = columns(&two) == mine
            && two.diagnostics == one.diagnostics
            && two.problems == one.problems
            && two.skipped_rows == one.skipped_rows
            && two.table.rows == one.table.rows;
        println!(
            "one reader {one_ms:.0} ms; two parts ({}) {ms:.0} ms; same: {same}",
            if as_bytes { "as bytes" } else { "moved" }
        );
        assert!(same, "the parts differ from one reader");
    }
}

/// Each part alone, one after the other: its time and its columns (how even the split is).
fn each_part(bytes: &[u8], opts: &Options) {
    for index in 0..2 {
        let t = Instant::now();
        let mut i = accord::ingest::Ingest::new(Options {
            part: Some(accord::table::Part { index, count: 2 }),
            ..opts.clone()
        });
        for c in bytes.chunks(1 << 20) {
            i.push(c).expect("push");
        }
        let pushed = t.elapsed().as_secs_f64() * 1e3;
        let p = i.finish_part().expect("finish");
        let ms = t.elapsed().as_secs_f64() * 1e3;
        let share = p.into_share();
        let names: Vec<String> = share
            .columns
            .iter()
            .map(|(_, c, _)| c.name.clone())
            .collect();
        println!(
            "part {index}: read {pushed:.0} ms, typed at {ms:.0} ms; {} columns: {}",
            names.len(),
            names.join(", ")
        );
    }
}
