//! Fuzz the whole load path: ingest, column mapping and scoring. No input may panic.
//!
//! The input is the file as is (no selector byte). `results()` runs whether or not the load
//! succeeded: after a failed load the workbench must still report (on no data).
#![no_main]

use accord::Workbench;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut wb = Workbench::new();
    let _ = wb.load_bytes(data, None);
    let _ = wb.results();
});
