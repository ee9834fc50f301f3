//! The problems a load found: every one counted by kind, the first of each kind kept in full.

use serde::Serialize;

/// How many problems of one kind are kept in full; the rest are counted.
pub const EXAMPLES_PER_KIND: usize = 25;

/// What kind of problem a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProblemKind {
    /// The bytes could not all be decoded (invalid UTF-8, NUL bytes…).
    Encoding,
    /// A header cell was empty or repeated.
    Header,
    /// A row with fewer fields than the header: kept, the missing cells empty.
    ShortRow,
    /// A row that could not be read (too many fields, far too few, an unclosed quote): left out.
    BrokenRow,
    /// A cell longer than [`super::sink::MAX_CELL_BYTES`]: cut to that length, its row kept.
    LongCell,
    /// A value that does not fit its column's type: the cell is read as missing.
    TypeMismatch,
    /// A note on how something was read (no data was lost).
    Note,
}

impl ProblemKind {
    /// A short label for a person.
    pub fn label(self) -> &'static str {
        match self {
            ProblemKind::Encoding => "Characters that could not be read",
            ProblemKind::Header => "Column names",
            ProblemKind::ShortRow => "Rows with missing cells (kept)",
            ProblemKind::BrokenRow => "Rows left out",
            ProblemKind::LongCell => "Cells cut to 1 MiB (rows kept)",
            ProblemKind::TypeMismatch => "Values that do not fit their column (read as empty)",
            ProblemKind::Note => "How the data was read",
        }
    }
}

/// One problem found while reading, with where it is.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Diagnostic {
    pub kind: ProblemKind,
    /// 1-based line of the input where the row starts (the header is line 1 unless blank lines
    /// precede it); for a workbook, the sheet's row number; for JSON, the item's number.
    pub line: usize,
    /// The column concerned, when there is one.
    pub column: Option<String>,
    /// The raw value concerned, when there is one (shortened if very long).
    pub value: Option<String>,
    /// What is wrong, for a person.
    pub message: String,
}

/// Totals per kind.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProblemCount {
    pub kind: ProblemKind,
    pub label: String,
    pub count: usize,
}

/// Collects diagnostics as a load goes.
#[derive(Debug, Default)]
pub struct Report {
    examples: Vec<Diagnostic>,
    counts: std::collections::BTreeMap<ProblemKind, usize>,
}

/// The longest raw value quoted in a diagnostic.
const MAX_VALUE_CHARS: usize = 120;

impl Report {
    /// Record a problem.
    pub fn add(&mut self, d: Diagnostic) {
        let n = self.counts.entry(d.kind).or_insert(0);
        *n += 1;
        if *n <= EXAMPLES_PER_KIND {
            self.examples.push(d);
        }
    }

    /// Record a problem from its parts.
    pub fn push(
        &mut self,
        kind: ProblemKind,
        line: usize,
        column: Option<&str>,
        value: Option<&str>,
        message: impl Into<String>,
    ) {
        self.add(Diagnostic {
            kind,
            line,
            column: column.map(str::to_string),
            value: value.map(shorten),
            message: message.into(),
        });
    }

    /// Count a problem whose example would not be kept anyway (cheap on hot paths).
    pub fn wants_example(&self, kind: ProblemKind) -> bool {
        self.counts.get(&kind).copied().unwrap_or(0) < EXAMPLES_PER_KIND
    }

    /// Count one more problem of `kind` without an example.
    pub fn count_only(&mut self, kind: ProblemKind) {
        *self.counts.entry(kind).or_insert(0) += 1;
    }

    /// Add `other`'s problems after this one's, as if they had been recorded here (for work
    /// done out of order but reported in order).
    pub fn absorb(&mut self, other: Report) {
        let mut examples = std::collections::BTreeMap::<ProblemKind, usize>::new();
        for d in other.examples {
            *examples.entry(d.kind).or_insert(0) += 1;
            self.add(d);
        }
        for (kind, n) in other.counts {
            let shown = examples.get(&kind).copied().unwrap_or(0);
            *self.counts.entry(kind).or_insert(0) += n.saturating_sub(shown);
        }
    }

    /// Add `other`'s problems, found on other columns of the same rows, as if both had been
    /// recorded here in line order, and on one line in the order `column` gives (a column's
    /// index): the examples kept are the first of each kind by line.
    pub fn merge_by_line(&mut self, other: Report, column: impl Fn(&Diagnostic) -> usize) {
        let mut all = std::mem::take(&mut self.examples);
        // Each of the other's in its place (a few dozen examples: no sort needed).
        for d in other.examples {
            let key = (d.line, column(&d));
            let at = all.partition_point(|e| (e.line, column(e)) <= key);
            all.insert(at, d);
        }
        let mut kept = std::collections::BTreeMap::<ProblemKind, usize>::new();
        all.retain(|d| {
            let n = kept.entry(d.kind).or_insert(0);
            *n += 1;
            *n <= EXAMPLES_PER_KIND
        });
        self.examples = all;
        for (kind, n) in other.counts {
            *self.counts.entry(kind).or_insert(0) += n;
        }
    }

    /// The examples kept and the counts per kind (to hand a report to another engine).
    pub fn parts(
        &self,
    ) -> (
        &[Diagnostic],
        &std::collections::BTreeMap<ProblemKind, usize>,
    ) {
        (&self.examples, &self.counts)
    }

    /// A report from [`Report::parts`].
    pub fn from_parts(
        examples: Vec<Diagnostic>,
        counts: std::collections::BTreeMap<ProblemKind, usize>,
    ) -> Report {
        Report { examples, counts }
    }

    /// How many problems of `kind` were found.
    pub fn count(&self, kind: ProblemKind) -> usize {
        self.counts.get(&kind).copied().unwrap_or(0)
    }

    /// All problems found.
    pub fn total(&self) -> usize {
        self.counts.values().sum()
    }

    /// The kept examples, by line, and the totals per kind.
    pub fn finish(mut self) -> (Vec<Diagnostic>, Vec<ProblemCount>) {
        self.examples.sort_by_key(|d| (d.line, d.kind));
        let counts = self
            .counts
            .iter()
            .map(|(&kind, &count)| ProblemCount {
                kind,
                label: kind.label().to_string(),
                count,
            })
            .collect();
        (self.examples, counts)
    }
}

/// A value cut to [`MAX_VALUE_CHARS`] characters, with an ellipsis when cut.
pub fn shorten(s: &str) -> String {
    match s.char_indices().nth(MAX_VALUE_CHARS) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// "1 row", "2 rows".
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
