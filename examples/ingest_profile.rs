//! Profiling driver: stream a CSV file through the engine in 1 MiB chunks (as the page's worker
//! does), then map and score it. `cargo run --release --example ingest_profile -- FILE [ingest]`
//! (`ingest`: stop after ingest). Meant to run under `valgrind --tool=callgrind`.

use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: ingest_profile FILE [ingest]");
        std::process::exit(2);
    };
    let only_ingest = args.next().as_deref() == Some("ingest");
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(3);
        }
    };
    let mb = bytes.len() as f64 / 1e6;
    let t = Instant::now();
    if only_ingest {
        let mut ingest = accord::ingest::Ingest::new(accord::ingest::Options {
            locale: "en".into(),
            ..Default::default()
        });
        for chunk in bytes.chunks(1 << 20) {
            if let Err(e) = ingest.push(chunk) {
                eprintln!("{e}");
                std::process::exit(1);
            }
        }
        match ingest.finish() {
            Ok(l) => println!("rows {}", l.table.rows),
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(1);
            }
        }
    } else {
        let mut wb = accord::Workbench::new();
        wb.begin_load(Some("leads.csv"), None);
        for chunk in bytes.chunks(1 << 20) {
            if let Err(e) = wb.push_chunk(chunk) {
                eprintln!("{e}");
                std::process::exit(1);
            }
        }
        match wb.finish_load() {
            Ok(s) => println!("rows {}", s.rows),
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(1);
            }
        }
        println!("mqls {}", wb.results().mqls);
    }
    let secs = t.elapsed().as_secs_f64();
    println!("{:.0} ms, {:.0} MB/s", secs * 1000.0, mb / secs);
}
