//! Ingest: turn an export — delimited text in any common encoding, an Excel workbook or JSON —
//! into a typed [`Table`], streamed in chunks, reporting everything it could not read.
//!
//! ```text
//! bytes ─▶ sniff (what file is this?) ─▶ decode (encoding → UTF-8) ─▶ csv records ─┐
//!          ├─ xlsx: whole workbook ─▶ rows ───────────────────────────────────────┤
//!          └─ json: whole document ─▶ rows ───────────────────────────────────────┤
//!                                          sink (header, row shapes) ◀────────────┘
//!                                             └─▶ typing (numbers, dates, …) ─▶ Table
//! ```

pub mod csv;
pub mod decode;
pub mod json;
pub mod parts;
pub mod report;
mod scan;
pub mod sink;
pub mod sniff;
pub mod typing;
pub mod values;
pub mod wire;
pub mod xlsx;

pub use report::{Diagnostic, ProblemCount, ProblemKind};

use crate::score::email;
use crate::table::{ColumnKind, Table};
use serde::Serialize;
use sink::RowSink;
use sniff::FileKind;

/// Bytes looked at before deciding what the input is, its encoding and its delimiter.
pub const SNIFF_BYTES: usize = 64 * 1024;
/// The largest workbook or JSON document read (they are read whole).
pub const MAX_WHOLE_BYTES: usize = 1 << 30;
/// The longest record (one row of delimited text, line breaks inside quotes included) waited
/// for, in bytes. Past it the row is left out and reading goes on from its next line: a quote
/// opened and never closed would otherwise hold the rest of the file as one value, re-read with
/// every chunk. 8 MiB is 16,384 columns of 500 bytes, or eight cells of the longest kept.
pub const MAX_RECORD_BYTES: usize = 8 << 20;

/// Why an input could not be loaded at all. The previously loaded data stays in place.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum IngestError {
    #[error(
        "The input is empty: paste or drop an export with a header line and at least one row."
    )]
    Empty,
    #[error("This does not look like a table: {reason}")]
    NotATable { reason: String },
    #[error("Line {line} has the column names ({columns} columns) but no data rows follow it.")]
    NoRows { line: usize, columns: usize },
    /// A file that is not a table at all (an image, a PDF, a legacy workbook…).
    #[error("{0}")]
    Unsupported(String),
    #[error("{0}")]
    Workbook(String),
    /// An activities file that cannot be joined to the leads.
    #[error("{0}")]
    Activities(String),
    /// The parts of a file read by several engines at once did not fit together (see
    /// [`parts`]); the file can still be read by one.
    #[error("The parts of the file read at once do not fit together: {0}.")]
    Parts(String),
    #[error("The file is larger than {} MB, the most Accord reads as a workbook or JSON; export it as CSV instead.", MAX_WHOLE_BYTES >> 20)]
    TooLarge,
}

/// How to read an input.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The file name, when there is one (its extension helps tell the format).
    pub name: Option<String>,
    /// The agreement's locale ("en", "fr"): decides what the data cannot (day/month order…).
    pub locale: String,
    /// For a workbook: the sheet to read (a name, or a 1-based number); the first by default.
    pub sheet: Option<String>,
    /// The input's size in bytes, when known (a file's): the columns are then sized once for
    /// the rows to come, from the first chunk's rows per byte.
    pub size: Option<u64>,
    /// Read as one of several engines reading the same file, each its share of the columns
    /// (see [`parts`]).
    pub part: Option<crate::table::Part>,
}

/// What the input turned out to be.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SourceFormat {
    /// "csv", "xlsx" or "json".
    pub kind: String,
    /// The text encoding detected (delimited text only).
    pub encoding: Option<String>,
    /// "comma", "semicolon", "tab" or "pipe" (delimited text only).
    pub delimiter: Option<String>,
    /// Whether doubly-encoded UTF-8 ("Ã©" for "é") was repaired.
    pub repaired_mojibake: bool,
    /// The sheet read, and every sheet of the workbook.
    pub sheet: Option<String>,
    pub sheets: Vec<String>,
    /// Bytes read.
    pub bytes: u64,
}

/// One column as loaded, with the canonical field it was mapped to.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ColumnInfo {
    pub name: String,
    pub kind: ColumnKind,
    /// The canonical field (e.g. `job_title`) this column feeds, if any.
    pub field: Option<String>,
    /// How sure the mapping is, 0–1 (`None` when unmapped).
    pub confidence: Option<f64>,
    /// Distinct values (text, ranges) or filled cells (the others).
    pub distinct: usize,
    /// How the column was read when the data could not decide (e.g. day/month order).
    pub note: Option<String>,
}

/// What a load produced: counts, columns, the format found and the problems met.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LoadSummary {
    pub rows: usize,
    pub columns: Vec<ColumnInfo>,
    pub format: SourceFormat,
    /// Rows that could not be read and were left out.
    pub skipped_rows: usize,
    /// The first problems of each kind, by line.
    pub diagnostics: Vec<Diagnostic>,
    /// Totals per kind of problem.
    pub problems: Vec<ProblemCount>,
    /// All problems found.
    pub diagnostics_total: usize,
}

/// A table read from an input, with what was found on the way.
#[derive(Debug)]
pub struct Loaded {
    pub table: Table,
    pub format: SourceFormat,
    pub skipped_rows: usize,
    pub diagnostics: Vec<Diagnostic>,
    pub problems: Vec<ProblemCount>,
    pub diagnostics_total: usize,
}

/// The most cells reserved ahead from the input's size (beyond, columns grow as rows come).
const MAX_RESERVED_CELLS: usize = 64 << 20;

/// Reads an input pushed in chunks of any size.
pub struct Ingest {
    opts: Options,
    state: State,
    sink: RowSink,
    bytes: u64,
    format: SourceFormat,
}

enum State {
    /// Collecting the first [`SNIFF_BYTES`].
    Start(Vec<u8>),
    Text(Box<TextState>),
    /// Workbooks and JSON are read whole.
    Whole(FileKind, Vec<u8>),
    /// A helper part given a workbook or JSON: the first part reads those alone.
    Idle,
}

struct TextState {
    decoder: decode::Decoder,
    delimiter: u8,
    /// Decoded text not yet consumed by complete records.
    text: String,
    /// The line the unconsumed text starts on.
    line: usize,
    fields: csv::Fields,
    /// Decoder issues already copied into the report.
    issues_seen: usize,
    /// Dropping text up to the next line break (after a record past [`MAX_RECORD_BYTES`]).
    skip_line: bool,
}

impl Ingest {
    /// The input's size in bytes (see [`Options::size`]), when known after starting.
    pub fn expect_bytes(&mut self, size: u64) {
        self.opts.size = Some(size);
    }

    /// Start reading an input.
    pub fn new(opts: Options) -> Self {
        let mut sink = RowSink::default();
        sink.set_part(opts.part);
        Ingest {
            opts,
            state: State::Start(Vec::new()),
            sink,
            bytes: 0,
            format: SourceFormat {
                kind: "csv".into(),
                encoding: None,
                delimiter: None,
                repaired_mojibake: false,
                sheet: None,
                sheets: Vec::new(),
                bytes: 0,
            },
        }
    }

    /// How this input is read.
    pub fn options(&self) -> &Options {
        &self.opts
    }

    /// Which part of several readers of the same file this is, if it is one.
    pub fn part(&self) -> Option<crate::table::Part> {
        self.opts.part
    }

    /// Bytes pushed so far.
    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    /// Rows read so far (delimited text; workbooks and JSON are read at the end).
    pub fn rows(&self) -> usize {
        self.sink.row_lines.len()
    }

    /// Feed the next chunk of the input.
    pub fn push(&mut self, chunk: &[u8]) -> Result<(), IngestError> {
        self.bytes += chunk.len() as u64;
        match &mut self.state {
            State::Start(prefix) => {
                prefix.extend_from_slice(chunk);
                if prefix.len() >= SNIFF_BYTES {
                    self.begin()?;
                }
                Ok(())
            }
            State::Text(_) => self.feed_text(chunk, false),
            State::Whole(_, bytes) => {
                if bytes.len() + chunk.len() > MAX_WHOLE_BYTES {
                    return Err(IngestError::TooLarge);
                }
                bytes.extend_from_slice(chunk);
                Ok(())
            }
            State::Idle => Ok(()),
        }
    }

    /// No more input: read what is left, type the columns and return the table.
    pub fn finish(self) -> Result<Loaded, IngestError> {
        self.finish_part()?.complete()
    }

    /// No more input: read what is left and type this part's columns (all of them, unless
    /// [`Options::part`] says otherwise); the other parts' columns are adopted after.
    pub fn finish_part(mut self) -> Result<parts::Partial, IngestError> {
        if let State::Start(prefix) = &self.state {
            if prefix.iter().all(|b| b.is_ascii_whitespace()) {
                return Err(IngestError::Empty);
            }
            self.begin()?;
        }
        match std::mem::replace(&mut self.state, State::Start(Vec::new())) {
            State::Text(t) => {
                self.state = State::Text(t);
                self.feed_text(&[], true)?;
                // The decoder may have switched (UTF-8 → Windows-1252 past the first window).
                if let State::Text(t) = &self.state {
                    self.format.encoding = Some(t.decoder.encoding().label().to_string());
                }
            }
            State::Whole(FileKind::Xlsx, bytes) => self.read_workbook(&bytes)?,
            State::Whole(_, bytes) => {
                self.format.kind = "json".into();
                json::read(&bytes, &mut self.sink)?;
            }
            State::Idle => {
                return Ok(parts::Partial {
                    rows: 0,
                    names: Vec::new(),
                    columns: Vec::new(),
                    report: Default::default(),
                    format: self.format,
                    skipped: 0,
                    idle: true,
                })
            }
            State::Start(_) => return Err(IngestError::Empty),
        }
        let (raw, row_lines, report) = self.sink.finish()?;
        let skipped = report.count(ProblemKind::BrokenRow);
        let rows = raw.rows;
        let names = raw.names.clone();
        let mut columns = typing::type_columns(raw, &row_lines, &self.opts.locale);
        // The domains of a column of addresses are worked out here, while the other part
        // types its own columns, rather than by the scorer once the parts are put together
        // (on one core: 1,000,000 distinct addresses take about 150 ms).
        for (column, _) in columns.iter_mut().flatten() {
            if let crate::table::ColumnData::Text { dict, .. } = &column.data {
                if email::looks_like_addresses(dict.iter()) {
                    column.domains = Some(std::sync::Arc::new(email::Domains::of(dict)));
                }
            }
        }
        self.format.bytes = self.bytes;
        Ok(parts::Partial {
            rows,
            names,
            columns,
            report,
            format: self.format,
            skipped,
            idle: false,
        })
    }

    /// Decide what the input is from its first bytes.
    fn begin(&mut self) -> Result<(), IngestError> {
        let State::Start(prefix) = std::mem::replace(&mut self.state, State::Start(Vec::new()))
        else {
            return Ok(());
        };
        let kind = sniff::file_kind(&prefix, self.opts.name.as_deref());
        if let Some(message) = sniff::not_a_table(kind) {
            return Err(IngestError::Unsupported(message));
        }
        match kind {
            // A workbook or JSON is read whole, by the first part alone.
            FileKind::Xlsx | FileKind::Json if self.opts.part.is_some_and(|p| p.index > 0) => {
                self.state = State::Idle;
                Ok(())
            }
            FileKind::Xlsx | FileKind::Json => {
                self.sink.set_part(None);
                self.format.kind = if kind == FileKind::Xlsx {
                    "xlsx"
                } else {
                    "json"
                }
                .into();
                self.state = State::Whole(kind, prefix);
                Ok(())
            }
            _ => {
                let detected = decode::detect(&prefix);
                let mut decoder = decode::Decoder::new(detected);
                let mut text = String::with_capacity(prefix.len());
                // The delimiter is decided on the first SNIFF_BYTES only, however the input
                // arrived: the page's first chunk is 1 MiB, a stream's may be a few bytes, and
                // the same file must read the same (a wider sample could pick another one).
                let window = prefix.len().min(SNIFF_BYTES);
                decoder.decode(&prefix[..window], &mut text, false);
                let delimiter = sniff::sniff_delimiter(&text);
                if window < prefix.len() {
                    decoder.decode(&prefix[window..], &mut text, false);
                }
                // Excel's "sep=;" first line names the delimiter and is not the header.
                let mut line = 1;
                if let Some((_, len)) = sniff::sep_hint(&text) {
                    text.drain(..len.min(text.len()));
                    line = 2;
                }
                self.format.encoding = Some(detected.encoding.label().to_string());
                self.format.repaired_mojibake = detected.repair_mojibake;
                self.format.delimiter = Some(delimiter_name(delimiter).to_string());
                self.state = State::Text(Box::new(TextState {
                    decoder,
                    delimiter,
                    text,
                    line,
                    fields: csv::Fields::default(),
                    issues_seen: 0,
                    skip_line: false,
                }));
                self.feed_text(&[], false)
            }
        }
    }

    /// Decode `chunk` and read every complete record.
    fn feed_text(&mut self, chunk: &[u8], last: bool) -> Result<(), IngestError> {
        let State::Text(t) = &mut self.state else {
            return Ok(());
        };
        let t = &mut **t;
        if !chunk.is_empty() || last {
            t.decoder.decode(chunk, &mut t.text, last);
        }
        for issue in t.decoder.issues().iter().skip(t.issues_seen) {
            self.sink.report.push(
                ProblemKind::Encoding,
                issue.line,
                None,
                None,
                issue.message(),
            );
        }
        let total_issues = t.decoder.issue_total();
        for _ in t.decoder.issues().len().max(t.issues_seen)..total_issues {
            self.sink.report.count_only(ProblemKind::Encoding);
        }
        t.issues_seen = total_issues;

        loop {
            if t.skip_line {
                match memchr::memchr2(b'\n', b'\r', t.text.as_bytes()) {
                    Some(i) => {
                        let crlf = t.text.as_bytes().get(i..i + 2) == Some(b"\r\n");
                        t.text.drain(..=i + usize::from(crlf));
                        t.line += 1;
                        t.skip_line = false;
                    }
                    None => {
                        t.text.clear();
                        return Ok(());
                    }
                }
            }
            Self::read_records(t, &mut self.sink, last)?;
            // The input's size known: size the columns once for the rows to come.
            if let Some(size) = self.opts.size.take() {
                let rows = self.sink.rows();
                if rows < 64 && !last {
                    self.opts.size = Some(size);
                } else if rows > 0 {
                    let consumed = self.bytes.saturating_sub(t.text.len() as u64).max(1);
                    let expected = u128::from(size) * rows as u128 / u128::from(consumed);
                    let more = usize::try_from(expected)
                        .unwrap_or(usize::MAX)
                        .saturating_sub(rows);
                    // A little over (rows vary in length), and never an absurd reservation.
                    let more = more.saturating_add(more / 32 + 16);
                    let cap = MAX_RESERVED_CELLS / self.sink.width().max(1);
                    self.sink.reserve_rows(more.min(cap));
                }
            }
            // What is left is one unfinished record: past the limit, it is given up.
            if last || t.text.len() <= MAX_RECORD_BYTES {
                return Ok(());
            }
            let mb = MAX_RECORD_BYTES >> 20;
            if !self.sink.has_header() {
                return Err(IngestError::NotATable {
                    reason: format!("the first line runs over {mb} MB without ending (a quote opened and never closed?)."),
                });
            }
            self.sink.broken(
                t.line,
                format!("it runs over {mb} MB without ending (a quote opened and never closed?), so reading went on from its next line"),
            );
            t.skip_line = true;
        }
    }

    /// Read every complete record of the text buffered.
    fn read_records(t: &mut TextState, sink: &mut RowSink, last: bool) -> Result<(), IngestError> {
        let mut records = csv::Records::resume(&t.text, t.delimiter, t.line, last);
        loop {
            let from = records.consumed();
            match records.next_fields(&mut t.fields) {
                csv::Next::Record(line) => {
                    // The record's values, borrowed from the text where they are asked for.
                    let record = CsvRecord {
                        fields: &t.fields,
                        text: &t.text,
                        extent: records.consumed() - from,
                    };
                    if sink.has_header() {
                        sink.record(&record, line);
                    } else {
                        let values: Vec<&str> = t
                            .fields
                            .iter(&t.text)
                            .map(crate::formula::restore)
                            .collect();
                        if !values.iter().all(|f| f.trim().is_empty()) {
                            sink.header(&values, line)?;
                        }
                    }
                }
                csv::Next::Broken(e) => {
                    if !sink.has_header() {
                        return Err(IngestError::NotATable {
                            reason: format!("the header {e}."),
                        });
                    }
                    sink.broken(e.line, e.to_string());
                }
                csv::Next::NeedMore | csv::Next::End => break,
            }
        }
        t.line = records.line();
        let used = records.consumed();
        t.text.drain(..used);
        Ok(())
    }

    fn read_workbook(&mut self, bytes: &[u8]) -> Result<(), IngestError> {
        self.format.kind = "xlsx".into();
        self.format.sheets =
            xlsx::sheet_names(bytes).map_err(|e| IngestError::Workbook(e.to_string()))?;
        let choice = match self.opts.sheet.as_deref() {
            None => xlsx::SheetChoice::First,
            Some(s) => match s.trim().parse::<usize>() {
                Ok(n) if n >= 1 && !self.format.sheets.iter().any(|name| name == s) => {
                    xlsx::SheetChoice::Index(n - 1)
                }
                _ => xlsx::SheetChoice::Name(s),
            },
        };
        let sink = &mut self.sink;
        let mut failed: Option<IngestError> = None;
        let sheet = xlsx::read_sheet(bytes, choice, &mut |row, cells| {
            if failed.is_some() {
                return;
            }
            if sink.has_header() {
                sink.row(cells, row as usize);
            } else if !cells.iter().all(|c| c.trim().is_empty()) {
                if let Err(e) = sink.header(cells, row as usize) {
                    failed = Some(e);
                }
            }
        })
        .map_err(|e| IngestError::Workbook(e.to_string()))?;
        if let Some(e) = failed {
            return Err(e);
        }
        self.format.sheet = Some(sheet);
        Ok(())
    }
}

/// A CSV record read in place: its values are spans of the text, made into text only where
/// the reading asks for them.
struct CsvRecord<'a> {
    fields: &'a csv::Fields,
    text: &'a str,
    /// Bytes of the text the record was read from: no value is longer (undoing quotes only
    /// shortens one).
    extent: usize,
}

impl sink::Record for CsvRecord<'_> {
    fn len(&self) -> usize {
        self.fields.len()
    }
    #[inline(always)]
    fn get(&self, i: usize) -> &str {
        // Accord's own export read back as the values it was made from: the apostrophe that
        // neutralised a formula-like cell comes off (only that one).
        crate::formula::restore(self.fields.value(self.text, i))
    }
    fn len_of(&self, i: usize) -> usize {
        self.fields.value_len(i)
    }
    fn longest_at_most(&self) -> usize {
        self.extent
    }
}

fn delimiter_name(d: u8) -> &'static str {
    match d {
        b';' => "semicolon",
        b'\t' => "tab",
        b'|' => "pipe",
        _ => "comma",
    }
}

/// Read a whole input at once.
pub fn read_bytes(bytes: &[u8], opts: Options) -> Result<Loaded, IngestError> {
    let mut ingest = Ingest::new(opts);
    ingest.push(bytes)?;
    ingest.finish()
}

/// Read an export given as text (pasted, or already decoded), with the default options.
pub fn read_csv(text: &str) -> Result<Loaded, IngestError> {
    read_bytes(
        text.as_bytes(),
        Options {
            locale: "en".into(),
            ..Options::default()
        },
    )
}
