//! Fuzz the ingest reader: no input may panic, and the chunk size must not change the result.
//!
//! The first byte picks the chunk size: 0 pushes the rest whole, 1..=255 push it in chunks of
//! that many bytes. The rest is then read again in one go with `read_bytes`; when both reads
//! succeed they must agree on the row count and the column names.
#![no_main]

use accord::ingest::{read_bytes, Ingest, Options};
use libfuzzer_sys::fuzz_target;

fn options() -> Options {
    Options {
        locale: "en".into(),
        ..Default::default()
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&sel, bytes)) = data.split_first() else {
        return;
    };
    let chunk = if sel == 0 { bytes.len().max(1) } else { sel as usize };

    let mut ingest = Ingest::new(options());
    let mut chunked = Ok(());
    for piece in bytes.chunks(chunk) {
        chunked = ingest.push(piece);
        if chunked.is_err() {
            break;
        }
    }
    let chunked = chunked.and_then(|()| ingest.finish());

    let whole = read_bytes(bytes, options());

    if let (Ok(c), Ok(w)) = (&chunked, &whole) {
        assert_eq!(
            c.table.rows, w.table.rows,
            "row count differs between chunk size {chunk} and whole input"
        );
        let names = |t: &accord::table::Table| {
            t.columns.iter().map(|c| c.name.clone()).collect::<Vec<_>>()
        };
        assert_eq!(
            names(&c.table),
            names(&w.table),
            "column names differ between chunk size {chunk} and whole input"
        );
    }
});
