//! Fuzz the whole load path: ingest, column mapping and scoring. No input may panic.
#![no_main]

use accord::Workbench;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut wb = Workbench::new();
    if wb.load_bytes(data, None).is_ok() {
        let _ = wb.results();
    }
});
