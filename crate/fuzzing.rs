//! The fuzz targets' drivers, shared by `tests/fuzz/` (cargo-fuzz, nightly) and `tests/fuzz_cases.rs`
//! (which replays every kept case on stable): one function per target, taking the raw input.
//!
//! Each driver runs the public entry points the page and the CLI use on whatever the bytes
//! say, and panics only where a property is broken (a panic inside the engine is the bug the
//! fuzzer looks for). Not part of the engine's API.

use crate::agreement::{presets, Agreement, DEFAULT_AGREEMENT_JSON};
use crate::ingest::{read_bytes, Ingest, Options, SNIFF_BYTES};
use crate::sql::{self, Source, DIALECTS};
use crate::Workbench;
use serde_json::Value;

/// A byte reader that yields zeros once the input runs out (so every input is a valid plan).
struct Bytes<'a> {
    data: &'a [u8],
}

impl<'a> Bytes<'a> {
    fn byte(&mut self) -> u8 {
        match self.data.split_first() {
            Some((&b, rest)) => {
                self.data = rest;
                b
            }
            None => 0,
        }
    }

    fn u16(&mut self) -> u16 {
        u16::from_le_bytes([self.byte(), self.byte()])
    }

    fn take(&mut self, n: usize) -> &'a [u8] {
        let (a, b) = self.data.split_at(n.min(self.data.len()));
        self.data = b;
        a
    }
}

/// File names that steer the format sniffing (the extension is a hint the reader uses).
const NAMES: &[Option<&str>] = &[
    None,
    Some("leads.csv"),
    Some("leads.tsv"),
    Some("leads.txt"),
    Some("leads.json"),
    Some("leads.xlsx"),
    Some("leads.xls"),
    Some("export"),
];

/// The chunk boundaries `splits` (sorted, deduplicated, within `len`).
fn chunks(len: usize, splits: &mut Vec<usize>) -> Vec<(usize, usize)> {
    splits.retain(|&s| s > 0 && s < len);
    splits.sort_unstable();
    splits.dedup();
    let mut out = Vec::with_capacity(splits.len() + 1);
    let mut at = 0;
    for &s in splits.iter() {
        out.push((at, s));
        at = s;
    }
    out.push((at, len));
    out
}

/// Target `ingest`: the table reader and the workbench on any bytes, pushed in any chunks.
///
/// Layout: byte 0 picks the file name (low 3 bits), the locale (bit 3) and the sheet asked
/// for (bits 4–5: none, "2", "Sheet1", "nope"), and the input size the reader is told (bits 6–7:
/// none, right, wrong, 1 byte); byte 1 is the number of chunk boundaries
/// (0–15), each a little-endian u16 taken modulo the file's length; the rest is the file.
///
/// Checks: no panic; the chunked read and the read of the whole file agree on the rows and
/// the column names, or both fail; the workbench, streamed the same chunks, loads or says
/// why not, and then answers every question (results, explanations, lifecycle, KPIs, SLA
/// document, SQL of its columns) without panicking.
pub fn ingest(data: &[u8]) {
    let mut b = Bytes { data };
    let sel = b.byte();
    let name = NAMES[(sel & 7) as usize];
    let locale = if sel & 8 == 0 { "en" } else { "fr" };
    let sheet = [None, Some("2"), Some("Sheet1"), Some("nope")][((sel >> 4) & 3) as usize];
    let n = (b.byte() & 15) as usize;
    let mut splits: Vec<usize> = (0..n).map(|_| b.u16() as usize).collect();
    let file = b.data;
    if !file.is_empty() {
        for s in &mut splits {
            *s %= file.len();
        }
    }
    let parts = chunks(file.len(), &mut splits);
    let opts = || Options {
        name: name.map(str::to_string),
        locale: locale.to_string(),
        sheet: sheet.map(str::to_string),
        size: None,
        part: None,
    };

    let mut reader = Ingest::new(opts());
    // The size a caller says the input has (a File's): right, wrong, or not said; the table
    // must not depend on it.
    match sel >> 6 {
        1 => reader.expect_bytes(file.len() as u64),
        2 => reader.expect_bytes((file.len() as u64).wrapping_mul(7) + 3),
        3 => reader.expect_bytes(1),
        _ => {}
    }
    let chunked = parts
        .iter()
        .try_for_each(|&(a, z)| reader.push(&file[a..z]))
        .and_then(|()| reader.finish());
    let whole = read_bytes(file, opts());
    match (&chunked, &whole) {
        (Ok(c), Ok(w)) => {
            assert_eq!(c.table.rows, w.table.rows, "row count differs: {parts:?}");
            let names = |t: &crate::table::Table| {
                t.columns.iter().map(|c| c.name.clone()).collect::<Vec<_>>()
            };
            assert_eq!(
                names(&c.table),
                names(&w.table),
                "columns differ: {parts:?}"
            );
        }
        // The format is decided on the first SNIFF_BYTES however they arrive: the same answer.
        (Ok(_), Err(e)) | (Err(e), Ok(_)) => {
            panic!("one read failed ({e}) and the other did not: {parts:?}")
        }
        _ => {}
    }
    #[cfg(not(target_arch = "wasm32"))]
    same_in_parts(file, &opts(), &parts, &whole);
    for e in [chunked.as_ref().err(), whole.as_ref().err()]
        .into_iter()
        .flatten()
    {
        assert!(
            !e.to_string().trim().is_empty(),
            "an error without a message"
        );
    }

    let mut wb = Workbench::new();
    wb.set_today(1_800_000_000);
    wb.begin_load(name, sheet);
    let loaded = parts
        .iter()
        .try_for_each(|&(a, z)| wb.push_chunk(&file[a..z]))
        .and_then(|()| wb.finish_load().map(|_| ()));
    if loaded.is_err() {
        let _ = wb.results();
        return;
    }
    exercise(&wb, locale);
    if let Some(src) = Source::from_workbench("leads", &wb) {
        for &(_, d) in DIALECTS {
            let _ = src.ddl(d);
        }
        let _ = sql::generate(wb.agreement(), &src, &sql::Options::new(DIALECTS[0].1));
    }
}

/// Read by two engines at once, each typing its share of the columns (as the page reads a
/// large file): the same table, the same problems, or the same error as `whole`.
#[cfg(not(target_arch = "wasm32"))]
fn same_in_parts(
    file: &[u8],
    opts: &Options,
    parts: &[(usize, usize)],
    whole: &Result<crate::ingest::Loaded, crate::ingest::IngestError>,
) {
    let chunk = parts.first().map_or(1, |&(a, z)| z - a).max(1);
    let halves = crate::ingest::parts::read_in_parts(file, opts, 2, chunk, true);
    match (whole, &halves) {
        (Ok(w), Ok(h)) => {
            let enc = |l: &crate::ingest::Loaded| {
                l.table
                    .columns
                    .iter()
                    .map(crate::ingest::wire::column_bytes)
                    .collect::<Vec<_>>()
            };
            assert!(enc(w) == enc(h), "the parts' columns differ: {parts:?}");
            assert_eq!(w.diagnostics, h.diagnostics, "the parts' problems differ");
            assert_eq!(w.problems, h.problems, "the parts' counts differ");
            assert_eq!(w.skipped_rows, h.skipped_rows);
        }
        (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
        (Ok(_), Err(e)) | (Err(e), Ok(_)) => {
            panic!("one read failed ({e}) and the read in parts did not, or the reverse")
        }
    }
}

/// Ask a loaded workbench every question the page asks.
fn exercise(wb: &Workbench, lang: &str) {
    let r = wb.results();
    assert!(r.mqls <= wb.rows() as u64, "more MQLs than leads");
    let rows = wb.rows();
    for row in [0, rows / 2, rows.saturating_sub(1), rows] {
        let _ = wb.explain(row);
        let _ = wb.lead_lifecycle(row);
    }
    let _ = wb.handoff_csv();
    let _ = wb.kpis(None);
    let _ = wb.kpis(Some((20_000, 19_000)));
    let _ = wb.review((0, 30_000), (-1_000_000, 1_000_000));
    let _ = wb.sla_document(lang).to_markdown();
}

/// The agreement JSON a fuzz input stands for.
///
/// Byte 0, even: the rest is the JSON text itself (invalid UTF-8 replaced). Odd: a structured
/// mutation of a built-in agreement (bits 1–2 pick the default or a preset): the rest is a
/// list of edits, each a path walked from the root (one byte per level picking a key or an
/// element, its first byte the depth) and a replacement (a JSON value of a few kinds, a copy
/// of another subtree, a deletion or a duplicate), so that the validator's deep paths are met
/// with values of every type.
pub fn agreement_json(data: &[u8]) -> String {
    let mut b = Bytes { data };
    let sel = b.byte();
    if sel & 1 == 0 {
        return String::from_utf8_lossy(b.data).into_owned();
    }
    let base = [
        DEFAULT_AGREEMENT_JSON,
        presets::INDUSTRIAL,
        presets::SERVICES,
        DEFAULT_AGREEMENT_JSON,
    ][((sel >> 1) & 3) as usize];
    let mut root: Value = serde_json::from_str(base).unwrap_or(Value::Null);
    let edits = (sel >> 3) as usize + 1;
    for _ in 0..edits {
        if b.data.is_empty() {
            break;
        }
        let path = walk(&root, &mut b);
        let op = b.byte();
        let value = match op % 16 {
            0 => Value::Null,
            1 => Value::Bool(op & 16 != 0),
            2 => Value::from(b.byte() as i64 - 128),
            3 => Value::from(i64::from_le_bytes(std::array::from_fn(|_| b.byte()))),
            4 => {
                serde_json::Number::from_f64(f64::from_le_bytes(std::array::from_fn(|_| b.byte())))
                    .map_or(Value::Null, Value::Number)
            }
            5 => [0.0, -0.0, 0.5, 1e-9, 99.999, 100.0, 1e15, 1e308, -1e308]
                .get((op >> 4) as usize % 9)
                .and_then(|&f| serde_json::Number::from_f64(f))
                .map_or(Value::Null, Value::Number),
            6 => {
                let n = b.byte() as usize % 24;
                Value::String(String::from_utf8_lossy(b.take(n)).into_owned())
            }
            7 => Value::String(
                [
                    "",
                    "2027-02-29",
                    "2027-13-01",
                    "0000-01-01",
                    "9999-12-31",
                    "fit",
                    "interest",
                    "mql",
                    "sql",
                    "job_title",
                    "company_size",
                    "email",
                    "create_date",
                    "(",
                    "*",
                    "[a-",
                ][(op >> 4) as usize]
                    .into(),
            ),
            8 => Value::Array(Vec::new()),
            9 => Value::Object(Default::default()),
            10 | 11 => {
                // A copy of another subtree (a rule where a group was, a string list where a
                // number was…).
                let from = walk(&root, &mut b);
                get(&root, &from).cloned().unwrap_or(Value::Null)
            }
            12 => {
                remove(&mut root, &path);
                continue;
            }
            13 => {
                // Repeat an array's element (many rules, many stages), or wrap in an array.
                match get(&root, &path) {
                    Some(Value::Array(v)) if !v.is_empty() => {
                        let each = nodes(&v[0], MAX_NODES).max(1);
                        let times = ((b.byte() as usize % 64) + 1).min(MAX_NODES / each);
                        let first = v[0].clone();
                        let mut v = v.clone();
                        v.extend(std::iter::repeat_n(first, times));
                        Value::Array(v)
                    }
                    Some(other) => Value::Array(vec![other.clone()]),
                    None => continue,
                }
            }
            14 => {
                // A key the schema does not have, or one of its keys somewhere else.
                let key = [
                    "points",
                    "max",
                    "cap",
                    "field",
                    "equals",
                    "any_of",
                    "all_of",
                    "contains",
                    "between",
                    "within_days",
                    "activity",
                    "decay",
                    "half_life_days",
                    "weights",
                    "version",
                    "zzz",
                ][(op >> 4) as usize];
                if let Some(Value::Object(m)) = get_mut(&mut root, &path) {
                    m.insert(key.to_string(), Value::from(b.byte() as i64 - 8));
                }
                continue;
            }
            _ => Value::String("x".repeat(b.byte() as usize * 64)),
        };
        // Copies and repeats compound: keep the document to a size a person could write (the
        // built-in ones have about 1,000 nodes), else the fuzzer only measures the allocator.
        let grows = nodes(&value, MAX_NODES)
            .saturating_sub(get(&root, &path).map_or(0, |v| nodes(v, MAX_NODES)));
        if nodes(&root, MAX_NODES) + grows > MAX_NODES {
            continue;
        }
        if let Some(slot) = get_mut(&mut root, &path) {
            *slot = value;
        }
    }
    serde_json::to_string(&root).unwrap_or_default()
}

/// The most JSON values (and string bytes / 64) an edited agreement may have.
const MAX_NODES: usize = 20_000;

/// The values in `v` (a string counts one per 64 bytes), counted up to `limit`.
fn nodes(v: &Value, limit: usize) -> usize {
    let mut n = 0;
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        n += 1;
        if n > limit {
            break;
        }
        match v {
            Value::Array(a) => stack.extend(a),
            Value::Object(m) => stack.extend(m.values()),
            Value::String(s) => n += s.len() / 64,
            _ => {}
        }
    }
    n
}

/// A path into `v`: one byte for the depth, then one per level (modulo the children there).
fn walk(v: &Value, b: &mut Bytes) -> Vec<usize> {
    let depth = b.byte() % 12;
    let mut path = Vec::new();
    let mut at = v;
    for _ in 0..depth {
        let n = match at {
            Value::Object(m) => m.len(),
            Value::Array(a) => a.len(),
            _ => 0,
        };
        if n == 0 {
            break;
        }
        let i = b.byte() as usize % n;
        path.push(i);
        at = match at {
            Value::Object(m) => m.values().nth(i).unwrap_or(&Value::Null),
            Value::Array(a) => &a[i],
            _ => break,
        };
    }
    path
}

fn get<'v>(v: &'v Value, path: &[usize]) -> Option<&'v Value> {
    path.iter().try_fold(v, |at, &i| match at {
        Value::Object(m) => m.values().nth(i),
        Value::Array(a) => a.get(i),
        _ => None,
    })
}

fn get_mut<'v>(v: &'v mut Value, path: &[usize]) -> Option<&'v mut Value> {
    path.iter().try_fold(v, |at, &i| match at {
        Value::Object(m) => m.values_mut().nth(i),
        Value::Array(a) => a.get_mut(i),
        _ => None,
    })
}

fn remove(v: &mut Value, path: &[usize]) {
    let Some((&last, parent)) = path.split_last() else {
        return;
    };
    match get_mut(v, parent) {
        Some(Value::Object(m)) => {
            if let Some(k) = m.keys().nth(last).cloned() {
                m.shift_remove(&k);
            }
        }
        Some(Value::Array(a)) if last < a.len() => {
            a.remove(last);
        }
        _ => {}
    }
}

/// Leads the accepted agreements are tried on: the built-in sample (as the page's "try the
/// sample" loads it), small enough for thousands of runs a second.
fn sample() -> &'static str {
    static SAMPLE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    SAMPLE.get_or_init(|| crate::sample::sample_csv(60, 7))
}

/// Target `agreement`: the agreement parser and validator on any text, and on structured
/// mutations of the built-in agreements (see [`agreement_json`]).
///
/// Checks: no panic; a refusal says where (a JSON path) and why; an accepted agreement saved
/// (`to_json`) is accepted again, scores the sample, and its SLA document (both languages) and
/// its differences from the default (both ways) can be written.
pub fn agreement(data: &[u8]) {
    let json = agreement_json(data);
    let a = match Agreement::parse(&json) {
        Ok((a, _notes)) => a,
        Err(e) => {
            for p in e.all() {
                assert!(!p.message.trim().is_empty(), "a refusal without a reason");
                assert!(!p.path.is_empty(), "a refusal without a path");
            }
            return;
        }
    };
    let saved = a.to_json();
    if let Err(e) = Agreement::from_json(&saved) {
        panic!("an accepted agreement, once saved, is refused: {e}\n{saved}");
    }
    let default = Agreement::default();
    for lang in ["en", "fr"] {
        let _ = crate::words::diff::diff(&default, &a, lang);
        let _ = crate::words::diff::diff(&a, &default, lang);
    }
    let lang = a.locale.clone();
    let mut wb = Workbench::new();
    wb.set_today(1_800_000_000);
    if let Err(e) = wb.set_agreement_json(&json) {
        panic!("Agreement::parse accepted what the workbench refuses: {e}");
    }
    let _ = wb.sla_document("en").to_markdown();
    if let Err(e) = wb.load_csv(sample()) {
        panic!("the sample does not load under an accepted agreement: {e}");
    }
    exercise(&wb, &lang);
    wb.pin();
    wb.set_agreement(default);
    let _ = wb.what_if();
    let _ = wb.sla_document("fr").to_markdown();
}

/// Target `sql`: the SQL writer, for every dialect, on every agreement the validator accepts
/// (the same inputs as [`agreement`]), over the columns the agreement assumes and over the
/// sample's columns as loaded.
///
/// Checks: no panic; a refusal names the rule's JSON path (or says what is wrong with the
/// input); a query is not empty.
pub fn sql(data: &[u8]) {
    let json = agreement_json(data);
    let Ok((a, _)) = Agreement::parse(&json) else {
        return;
    };
    let mut wb = Workbench::new();
    wb.set_agreement(a.clone());
    let loaded = match wb.load_csv(sample()) {
        Ok(_) => Source::from_workbench("crm.leads", &wb),
        Err(_) => None,
    };
    let sources = [Some(Source::assumed("leads", &a)), loaded];
    let view = data.last().map(|&b| format!("v{b}"));
    for src in sources.iter().flatten() {
        for &(_, d) in DIALECTS {
            let _ = src.ddl(d);
            for zero in [false, true] {
                let mut o = sql::Options::new(d);
                o.activities_as_zero = zero;
                o.view = if zero { view.clone() } else { None };
                match sql::generate(&a, src, &o) {
                    Ok(q) => assert!(!q.trim().is_empty(), "an empty query"),
                    Err(e) => assert!(
                        !e.to_string().trim().is_empty(),
                        "an error without a message"
                    ),
                }
            }
        }
    }
}

/// Target `ingest_stream`: the streaming path past the sniff window. `Ingest::push` buffers
/// the first [`SNIFF_BYTES`] before it decides the format, so for shorter inputs the chunks
/// never matter. Byte 0 picks the chunk size (1–256); the rest is repeated until one whole
/// copy lies past the window, pushed in those chunks and read again whole: when both reads
/// succeed they agree on the rows and the column names. Each run reads over 128 KiB.
pub fn ingest_stream(data: &[u8]) {
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
    let opts = || Options {
        locale: "en".into(),
        ..Default::default()
    };
    let mut reader = Ingest::new(opts());
    let chunked = bytes
        .chunks(chunk)
        .try_for_each(|piece| reader.push(piece))
        .and_then(|()| reader.finish());
    let whole = read_bytes(&bytes, opts());
    if let (Ok(c), Ok(w)) = (&chunked, &whole) {
        let len = bytes.len();
        assert_eq!(
            c.table.rows, w.table.rows,
            "row count differs: chunks of {chunk}, {len} bytes"
        );
        let names =
            |t: &crate::table::Table| t.columns.iter().map(|c| c.name.clone()).collect::<Vec<_>>();
        assert_eq!(
            names(&c.table),
            names(&w.table),
            "columns differ: chunks of {chunk}, {len} bytes"
        );
    }
}

/// A target's driver: runs one input.
pub type Driver = fn(&[u8]);

/// Every target by name, for the replay test.
pub const TARGETS: &[(&str, Driver)] = &[
    ("ingest", ingest),
    ("ingest_stream", ingest_stream),
    ("agreement", agreement),
    ("sql", sql),
];
