//! Fuzz the streaming path of the ingest reader: chunk boundaries must not change the result.
//!
//! `Ingest::push` buffers the first `SNIFF_BYTES` (64 KiB) before it decides the format, so
//! for shorter inputs the chunk size never matters (and the `ingest` target's comparison is
//! trivially true). Here the body is repeated until at least one whole copy lies past the
//! sniff window, so the pushes after it go through the incremental decoder and record reader.
//!
//! The first byte picks the chunk size, 1..=256 (byte + 1). The tiled input is then read
//! again in one go with `read_bytes` (which sniffs all of it, not just the first 64 KiB);
//! when both reads succeed they must agree on the row count and the column names.
//!
//! Each run parses well over 128 KiB, so this target is slow (tens of runs a second); build
//! it with `-s none` (the crate has no `unsafe`) for about twice the speed.
#![no_main]

use accord::ingest::{read_bytes, Ingest, Options, SNIFF_BYTES};
use libfuzzer_sys::fuzz_target;

fn options() -> Options {
    Options {
        locale: "en".into(),
        ..Default::default()
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&sel, body)) = data.split_first() else {
        return;
    };
    if body.is_empty() {
        return;
    }
    let chunk = sel as usize + 1;
    let mut bytes = Vec::with_capacity(SNIFF_BYTES + 2 * body.len());
    while bytes.len() < SNIFF_BYTES + body.len() {
        bytes.extend_from_slice(body);
    }

    let mut ingest = Ingest::new(options());
    let mut chunked = Ok(());
    for piece in bytes.chunks(chunk) {
        chunked = ingest.push(piece);
        if chunked.is_err() {
            break;
        }
    }
    let chunked = chunked.and_then(|()| ingest.finish());

    let whole = read_bytes(&bytes, options());

    if let (Ok(c), Ok(w)) = (&chunked, &whole) {
        assert_eq!(
            c.table.rows, w.table.rows,
            "row count differs between chunk size {chunk} and whole input ({} bytes)",
            bytes.len()
        );
        let names = |t: &accord::table::Table| {
            t.columns.iter().map(|c| c.name.clone()).collect::<Vec<_>>()
        };
        assert_eq!(
            names(&c.table),
            names(&w.table),
            "column names differ between chunk size {chunk} and whole input ({} bytes)",
            bytes.len()
        );
    }
});
