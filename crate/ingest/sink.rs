//! Where every reader (delimited text, workbook, JSON) sends its header and rows: names the
//! columns, decides what to do with rows of the wrong shape, and builds the raw table.

use super::report::{plural, ProblemKind, Report};
use super::IngestError;
use crate::table::{trim, Part, TableBuilder};

/// The most columns a table may have.
pub const MAX_COLUMNS: usize = 16_384;
/// The longest cell kept whole, in bytes of UTF-8. No CRM field comes near it (Salesforce's long
/// text areas hold 131,072 characters, HubSpot's 65,536); a longer cell is cut to it, at a
/// character boundary, and reported with its line and column: the lead is kept, since its other
/// cells are fine, and a megabyte of one cell says all it can say to a keyword rule.
pub const MAX_CELL_BYTES: usize = 1 << 20;

/// The input line of every row, kept as the places where rows stop following one a line (a
/// record over several lines, a blank line, a row left out): a million rows of one line each
/// cost one entry, not four megabytes of the load's peak memory.
#[derive(Debug, Default)]
pub struct RowLines {
    rows: usize,
    /// (row, its line) where row `row` is not on the line after row `row - 1`'s.
    breaks: Vec<(usize, usize)>,
}

impl RowLines {
    /// The next row is on `line`.
    pub fn push(&mut self, line: usize) {
        let follows = self
            .breaks
            .last()
            .is_some_and(|&(r, l)| l.checked_add(self.rows - r) == Some(line));
        if !follows {
            self.breaks.push((self.rows, line));
        }
        self.rows += 1;
    }

    /// Rows so far.
    pub fn len(&self) -> usize {
        self.rows
    }

    /// Whether no row was pushed.
    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    /// The line of `row`.
    pub fn get(&self, row: usize) -> Option<usize> {
        if row >= self.rows {
            return None;
        }
        let i = self.breaks.partition_point(|&(r, _)| r <= row);
        let &(r, l) = self.breaks.get(i.checked_sub(1)?)?;
        Some(l.saturating_add(row - r))
    }
}

/// Receives the header, then rows, and builds the dictionary-encoded table.
#[derive(Debug, Default)]
pub struct RowSink {
    builder: Option<TableBuilder>,
    width: usize,
    header_line: usize,
    /// Input line (or sheet row, or JSON item) of every kept row, for diagnostics after typing.
    pub row_lines: RowLines,
    /// Rows left out.
    pub skipped: usize,
    /// Rows with exactly the header's fields (or extra empty ones).
    full_rows: usize,
    /// Line and description of the first row left out, for the "not a table" message.
    first_skipped: Option<(usize, String)>,
    pub report: Report,
    /// The share of the columns built here, when several read the same file.
    part: Option<Part>,
}

impl RowSink {
    /// Build only `part`'s share of the columns (see [`Part`]); before the header.
    pub fn set_part(&mut self, part: Option<Part>) {
        self.part = part;
    }

    /// Whether the header has been seen.
    pub fn has_header(&self) -> bool {
        self.builder.is_some()
    }

    /// Room for about `additional` more rows (see [`TableBuilder::reserve_rows`]).
    pub fn reserve_rows(&mut self, additional: usize) {
        if let Some(b) = self.builder.as_mut() {
            b.reserve_rows(additional);
        }
    }

    /// Rows read so far.
    pub fn rows(&self) -> usize {
        self.row_lines.len()
    }

    /// Number of columns.
    pub fn width(&self) -> usize {
        self.width
    }

    /// The header line: trims names, names empty ones "Column N", disambiguates repeats.
    pub fn header<S: AsRef<str>>(&mut self, fields: &[S], line: usize) -> Result<(), IngestError> {
        // Trailing delimiters on the header line: drop the empty names at the end.
        let mut end = fields.len();
        while end > 0 && fields[end - 1].as_ref().trim().is_empty() {
            end -= 1;
        }
        if end > MAX_COLUMNS {
            return Err(IngestError::NotATable {
                reason: format!(
                    "the first line has {end} columns; Accord reads up to {MAX_COLUMNS}. Is it a single row of data rather than a header?"
                ),
            });
        }
        let mut names: Vec<String> = Vec::with_capacity(end);
        // Names taken so far, and the next number to try per repeated name: linear, whatever
        // the repeats (a header of 2,000 "a" columns once took minutes).
        let mut taken: std::collections::HashSet<String> =
            std::collections::HashSet::with_capacity(end);
        let mut next: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        for (i, f) in fields[..end].iter().enumerate() {
            let mut name = f.as_ref().trim().to_string();
            if name.is_empty() {
                name = format!("Column {}", i + 1);
                self.report.push(
                    ProblemKind::Header,
                    line,
                    Some(&name),
                    None,
                    format!("Column {} has no name; it is called \"{name}\".", i + 1),
                );
            }
            if taken.contains(&name) {
                let base = name.clone();
                let n = next.entry(base.clone()).or_insert(2);
                while taken.contains(&format!("{base} ({n})")) {
                    *n += 1;
                }
                name = format!("{base} ({n})");
                *n += 1;
                self.report.push(
                    ProblemKind::Header,
                    line,
                    Some(&name),
                    None,
                    format!("The column name \"{base}\" appears more than once; this one is called \"{name}\"."),
                );
            }
            taken.insert(name.clone());
            names.push(name);
        }
        // Prose pasted by mistake: a "column name" that is a sentence.
        if let Some(sentence) = names.iter().find(|n| looks_like_a_sentence(n)) {
            return Err(IngestError::NotATable {
                reason: format!(
                    "the first line reads like a sentence (\"{}\"), not like column names. An export's \
                     first line names its columns, e.g. Email,Job Title,Company Size.",
                    super::report::shorten(sentence)
                ),
            });
        }
        if names.len() < 2 {
            return Err(IngestError::NotATable {
                reason: "the first line has a single column. An export needs a first line that names \
                         its columns, separated by commas, semicolons or tabs (e.g. Email,Job Title,Company Size)."
                    .into(),
            });
        }
        self.width = names.len();
        self.header_line = line;
        let mut builder = TableBuilder::new(names);
        builder.set_part(self.part);
        self.builder = Some(builder);
        Ok(())
    }

    /// One data row. Blank rows are ignored. A row with extra empty fields (trailing
    /// delimiters) is fine; one with fewer fields but at least half of them is kept with the
    /// missing cells empty; anything else is broken and left out. All but blank rows that are not
    /// exactly right are reported.
    pub fn row<S: AsRef<str>>(&mut self, fields: &[S], line: usize) {
        self.record(&Cells(fields), line);
    }

    /// [`row`](Self::row) of a record read in place (a CSV record's spans of the text): a
    /// cell's text is looked at only where it is needed (its length, the cells of the
    /// columns this reader builds).
    pub fn record(&mut self, fields: &impl Record, line: usize) {
        let Some(builder) = self.builder.as_mut() else {
            return;
        };
        let width = self.width;
        let n = fields.len();
        if (0..n).all(|i| trim(fields.get(i)).is_empty()) {
            return;
        }
        let extra_empty = n > width && (width..n).all(|i| trim(fields.get(i)).is_empty());
        let full = n == width || extra_empty;
        if full || (n < width && n * 2 >= width) {
            // A huge cell is cut and reported; the rest of the row is kept (a length is free to
            // read, and `cut` returns every other cell as it is).
            // Read in parts, a cell is reported by the part that builds its column (before the
            // columns are shared out, by the first part), so that each is reported once.
            let first = self.part.is_none_or(|p| p.index == 0);
            // (A record no longer than the limit has no cell to look at.)
            let looked_at = if fields.longest_at_most() > MAX_CELL_BYTES {
                n.min(width)
            } else {
                0
            };
            for i in 0..looked_at {
                if fields.len_of(i) > MAX_CELL_BYTES
                    && (if builder.is_split() {
                        builder.owns(i)
                    } else {
                        first
                    })
                {
                    let f = fields.get(i);
                    let column = builder.name(i).to_string();
                    self.report.push(
                        ProblemKind::LongCell,
                        line,
                        Some(&column),
                        Some(f),
                        format!(
                            "This cell holds {} MB; Accord keeps the first {} MB of a cell, and the rest of the row.",
                            f.len().div_ceil(1 << 20),
                            MAX_CELL_BYTES >> 20
                        ),
                    );
                }
            }
            builder.push_fields(n.min(width), |i| cut(fields.get(i)));
            self.row_lines.push(line);
            if full {
                self.full_rows += 1;
            } else {
                self.report.push(
                    ProblemKind::ShortRow,
                    line,
                    None,
                    None,
                    format!(
                        "This row has {} where the header has {width}: the last {} read as empty.",
                        plural(n, "field"),
                        plural(width - n, "cell")
                    ),
                );
            }
        } else {
            let why = format!(
                "it has {} where the header has {width}{}",
                plural(n, "field"),
                if n > width {
                    " (an unquoted delimiter inside a value?)"
                } else {
                    ""
                }
            );
            self.broken(line, why);
        }
    }

    /// A row that could not be read at all.
    pub fn broken(&mut self, line: usize, why: String) {
        self.skipped += 1;
        if self.first_skipped.is_none() {
            self.first_skipped = Some((line, why.clone()));
        }
        self.report.push(
            ProblemKind::BrokenRow,
            line,
            None,
            None,
            format!("Row left out: {why}."),
        );
    }

    /// The rows as a raw table, or why there is no table.
    pub fn finish(self) -> Result<(crate::table::RawTable, RowLines, Report), IngestError> {
        let Some(builder) = self.builder else {
            return Err(IngestError::Empty);
        };
        let rows = builder.rows();
        if rows == 0 && self.skipped == 0 {
            return Err(IngestError::NoRows {
                line: self.header_line,
                columns: self.width,
            });
        }
        // Short rows are tolerated among whole ones; when no row has the header's columns, the
        // input is not the table it seems.
        if rows > 0 && self.full_rows == 0 {
            return Err(IngestError::NotATable {
                reason: format!(
                    "none of the {} has the {} columns of the first line. An export has a line of column \
                     names, then one line per lead with as many values.",
                    plural(rows + self.skipped, "row"),
                    self.width
                ),
            });
        }
        // When half the rows or more do not fit the header, the input is not being read as the
        // table it is meant to be (prose, a wrong delimiter): say so rather than load a fragment.
        if self.skipped > 0 && self.skipped >= rows {
            let first = self
                .first_skipped
                .map(|(line, why)| format!(" Line {line}: {why}."))
                .unwrap_or_default();
            return Err(IngestError::NotATable {
                reason: format!(
                    "{} of {} do not have the {} columns of the first line.{first} An export has a line \
                     of column names, then one line per lead with as many values.",
                    self.skipped,
                    plural(self.skipped + rows, "row"),
                    self.width,
                ),
            });
        }
        Ok((builder.finish_raw(), self.row_lines, self.report))
    }
}

/// A row's cells as a reader holds them.
pub trait Record {
    /// How many cells.
    fn len(&self) -> usize;
    /// Whether it has no cell.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Cell `i` ("" past the end).
    fn get(&self, i: usize) -> &str;
    /// The length of cell `i`, in bytes.
    fn len_of(&self, i: usize) -> usize {
        self.get(i).len()
    }
    /// No cell is longer than this (a bound known without looking at the cells, such as the
    /// bytes the record was read from; the default knows none).
    fn longest_at_most(&self) -> usize {
        usize::MAX
    }
}

/// Cells already made into text (a workbook's, a JSON document's, a header's).
struct Cells<'a, S>(&'a [S]);

impl<S: AsRef<str>> Record for Cells<'_, S> {
    fn len(&self) -> usize {
        self.0.len()
    }
    fn get(&self, i: usize) -> &str {
        self.0.get(i).map_or("", AsRef::as_ref)
    }
}

/// `s` cut to [`MAX_CELL_BYTES`] at a character boundary.
#[inline]
fn cut(s: &str) -> &str {
    if s.len() <= MAX_CELL_BYTES {
        return s;
    }
    let mut end = MAX_CELL_BYTES;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Whether a header cell is a sentence rather than a column name: four words or more, ending
/// with sentence punctuation.
fn looks_like_a_sentence(name: &str) -> bool {
    let t = name.trim();
    t.split_whitespace().count() >= 4 && t.ends_with(['.', '!', '?'])
}
