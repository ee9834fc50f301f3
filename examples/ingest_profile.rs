//! Profiling driver: stream a CSV file through the engine in 1 MiB chunks (as the page's worker
//! does), then map and score it. `cargo run --release --example ingest_profile -- FILE [ingest]`
//! (`ingest`: stop after ingest). Meant to run under `valgrind --tool=callgrind`; prints the
//! heap in use and its peak after each phase (the file itself not counted).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::Instant;

/// Counts the heap in use and its peak, which is what bounds the page's WebAssembly memory (a
/// wasm memory never shrinks: its size is the peak of the heap plus fragmentation).
struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let now = LIVE.fetch_add(l.size(), Relaxed) + l.size();
        PEAK.fetch_max(now, Relaxed);
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        LIVE.fetch_sub(l.size(), Relaxed);
        unsafe { System.dealloc(p, l) }
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        // A wasm realloc that cannot grow in place holds both blocks while it copies; one that
        // shrinks splits the block in place.
        if new > l.size() {
            let now = LIVE.fetch_add(new, Relaxed) + new;
            PEAK.fetch_max(now, Relaxed);
            LIVE.fetch_sub(l.size(), Relaxed);
        } else {
            LIVE.fetch_sub(l.size() - new, Relaxed);
        }
        unsafe { System.realloc(p, l, new) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Heap in use and its peak so far, in MB, without the input file read into memory.
fn heap(what: &str, file: usize) {
    let mb = |b: usize| b.saturating_sub(file) as f64 / 1e6;
    eprintln!(
        "heap {what}: {:.1} MB in use, peak {:.1} MB",
        mb(LIVE.load(Relaxed)),
        mb(PEAK.load(Relaxed))
    );
}

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
            size: std::env::var_os("NO_SIZE")
                .is_none()
                .then_some(bytes.len() as u64),
            ..Default::default()
        });
        for chunk in bytes.chunks(1 << 20) {
            if let Err(e) = ingest.push(chunk) {
                eprintln!("{e}");
                std::process::exit(1);
            }
        }
        heap("after reading", bytes.len());
        match ingest.finish() {
            Ok(l) => {
                heap("after typing", bytes.len());
                println!("rows {}", l.table.rows)
            }
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(1);
            }
        }
    } else {
        let mut wb = accord::Workbench::new();
        wb.begin_load(Some("leads.csv"), None);
        if std::env::var_os("NO_SIZE").is_none() {
            wb.expect_bytes(bytes.len() as u64);
        }
        for chunk in bytes.chunks(1 << 20) {
            if let Err(e) = wb.push_chunk(chunk) {
                eprintln!("{e}");
                std::process::exit(1);
            }
        }
        heap("after reading", bytes.len());
        match wb.finish_load() {
            Ok(s) => {
                heap("after loading and scoring", bytes.len());
                println!("rows {}", s.rows)
            }
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
