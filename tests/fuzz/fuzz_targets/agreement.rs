//! cargo-fuzz target `agreement`: see `accord::fuzzing::agreement` for the input layout and the checks
//! (the same driver replays every kept case on stable in `tests/fuzz_cases.rs`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| accord::fuzzing::agreement(data));
