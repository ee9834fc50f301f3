//! One file read by several engines at once, each building and typing its own share of the
//! columns: the page's worker and a helper worker, one per core, or two threads natively.
//!
//! ```text
//!  part 0: every row ─▶ its columns ─▶ typed ─┐                 ┌─▶ map, score (part 0)
//!  part 1: every row ─▶ its columns ─▶ typed ─┴─ Share (bytes) ─┘
//! ```
//!
//! Every part reads every row (the CSV has to be read through to find the rows anyway), so
//! rows, their lines and the problems of rows come out the same in each, and only part 0
//! reports those. Which part builds which column is decided from the first
//! [`SPLIT_ROWS`](crate::table::SPLIT_ROWS) rows, the same in every part. A column's problems
//! travel with it; the table and its report come out as a single reader would make them.

use super::report::{ProblemKind, Report};
use super::wire::{self, Reader, Writer};
use super::{IngestError, Loaded, SourceFormat};
use crate::table::{Column, Table};

/// What one part read: its own columns, typed, and (part 0) the rows' problems.
#[derive(Debug)]
pub struct Partial {
    pub(super) rows: usize,
    pub(super) names: Vec<String>,
    /// Per column: typed here or adopted from another part, with its problems.
    pub(super) columns: Vec<Option<(Column, Report)>>,
    /// The rows' problems (and the long cells of this part's columns).
    pub(super) report: Report,
    pub(super) format: SourceFormat,
    pub(super) skipped: usize,
    /// Whether this part has nothing to add (a helper given a workbook or JSON, which the first
    /// part reads alone).
    pub(super) idle: bool,
}

/// The columns one part hands to another.
#[derive(Debug)]
pub struct Share {
    pub rows: usize,
    pub width: usize,
    /// The long cells of its columns (the only problems of rows a helper reports).
    pub report: Report,
    pub columns: Vec<(usize, Column, Report)>,
}

/// Tags of the pieces of a [`Share`] as bytes.
const HEAD: u8 = 0xA0;
const COLUMN: u8 = 0xA1;

impl Partial {
    /// Rows read.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// How many columns are still to come from other parts.
    pub fn missing(&self) -> usize {
        self.columns.iter().filter(|c| c.is_none()).count()
    }

    /// This part's columns, to hand to part 0 (none from an idle part).
    pub fn into_share(self) -> Share {
        let Partial {
            rows,
            names,
            columns,
            report,
            idle,
            ..
        } = self;
        let (examples, _) = report.parts();
        // Of the rows' problems, a helper reports only the long cells of its own columns.
        let mut long = Report::default();
        for d in examples.iter().filter(|d| d.kind == ProblemKind::LongCell) {
            long.add(d.clone());
        }
        for _ in long.count(ProblemKind::LongCell)..report.count(ProblemKind::LongCell) {
            long.count_only(ProblemKind::LongCell);
        }
        Share {
            rows,
            width: if idle { 0 } else { names.len() },
            report: long,
            columns: columns
                .into_iter()
                .enumerate()
                .filter_map(|(i, c)| c.map(|(column, report)| (i, column, report)))
                .collect(),
        }
    }

    /// Take in another part's columns.
    pub fn adopt(&mut self, share: Share) -> Result<(), IngestError> {
        self.adopt_head(share.rows, share.width, share.report)?;
        for (i, column, report) in share.columns {
            self.adopt_column(i, column, report)?;
        }
        Ok(())
    }

    fn adopt_head(&mut self, rows: usize, width: usize, report: Report) -> Result<(), IngestError> {
        // An idle part (the file was not delimited text) brings nothing.
        if width == 0 {
            return Ok(());
        }
        if rows != self.rows || width != self.names.len() {
            return Err(IngestError::Parts(format!(
                "one read {} in {} columns, the other {} in {}",
                self.rows,
                self.names.len(),
                rows,
                width
            )));
        }
        let names = &self.names;
        self.report.merge_by_line(report, |d| {
            d.column
                .as_ref()
                .and_then(|c| names.iter().position(|n| n == c))
                .unwrap_or(0)
        });
        Ok(())
    }

    fn adopt_column(
        &mut self,
        i: usize,
        column: Column,
        report: Report,
    ) -> Result<(), IngestError> {
        let name = column.name.clone();
        let slot = self
            .columns
            .get_mut(i)
            .ok_or_else(|| IngestError::Parts(format!("column {} is past the last", i + 1)))?;
        if slot.is_some() {
            return Err(IngestError::Parts(format!("column \"{name}\" came twice")));
        }
        if column.len() != self.rows || self.names.get(i) != Some(&name) {
            return Err(IngestError::Parts(format!(
                "column \"{name}\" does not match the rows read"
            )));
        }
        *slot = Some((column, report));
        Ok(())
    }

    /// Take in one piece of bytes made by [`Pieces`].
    pub fn adopt_piece(&mut self, piece: &[u8]) -> Result<(), IngestError> {
        let bad = IngestError::Parts;
        let mut r = Reader::new(piece);
        match r.u8().map_err(bad)? {
            HEAD => {
                let rows = r.usize().map_err(bad)?;
                let width = r.usize().map_err(bad)?;
                let report = wire::get_report(&mut r).map_err(bad)?;
                self.adopt_head(rows, width, report)?;
            }
            COLUMN => {
                let i = r.usize().map_err(bad)?;
                let column = wire::get_column(&mut r).map_err(bad)?;
                let report = wire::get_report(&mut r).map_err(bad)?;
                self.adopt_column(i, column, report)?;
            }
            _ => return Err(IngestError::Parts("a piece of unknown kind came".into())),
        }
        if !r.done() {
            return Err(IngestError::Parts(
                "a piece was longer than its column".into(),
            ));
        }
        Ok(())
    }

    /// The whole table, once every column is in, with every problem in the order a single
    /// reader reports them.
    pub fn complete(self) -> Result<Loaded, IngestError> {
        if let Some(i) = self.columns.iter().position(Option::is_none) {
            return Err(IngestError::Parts(format!(
                "column \"{}\" never came",
                self.names.get(i).map_or("", String::as_str)
            )));
        }
        let mut report = self.report;
        let columns = self
            .columns
            .into_iter()
            .flatten()
            .map(|(column, own)| {
                report.absorb(own);
                column
            })
            .collect();
        let total = report.total();
        let (diagnostics, problems) = report.finish();
        Ok(Loaded {
            table: Table {
                columns,
                rows: self.rows,
            },
            format: self.format,
            skipped_rows: self.skipped,
            diagnostics,
            problems,
            diagnostics_total: total,
        })
    }
}

/// A [`Share`] as pieces of bytes, made one at a time (each column is let go of once written):
/// first the rows and the long cells, then one piece a column.
pub struct Pieces {
    head: Option<(usize, usize, Report)>,
    columns: std::vec::IntoIter<(usize, Column, Report)>,
}

impl Share {
    pub fn into_pieces(self) -> Pieces {
        Pieces {
            head: Some((self.rows, self.width, self.report)),
            columns: self.columns.into_iter(),
        }
    }
}

impl Iterator for Pieces {
    type Item = Vec<u8>;

    fn next(&mut self) -> Option<Vec<u8>> {
        let mut w = Writer::default();
        if let Some((rows, width, report)) = self.head.take() {
            w.u8(HEAD);
            w.usize(rows);
            w.usize(width);
            wire::put_report(&mut w, &report);
            return Some(w.0);
        }
        let (i, column, report) = self.columns.next()?;
        w.u8(COLUMN);
        w.usize(i);
        wire::put_column(&mut w, &column);
        wire::put_report(&mut w, &report);
        Some(w.0)
    }
}

/// Read `bytes` as `count` parts at once, one thread each (one after the other in
/// WebAssembly, which has no threads here), each pushed the input in chunks of `chunk` bytes;
/// the helpers' columns reach part 0 as bytes when `as_bytes` (as between the page's workers),
/// else moved. The same result as one reader (see the tests).
pub fn read_in_parts(
    bytes: &[u8],
    opts: &super::Options,
    count: usize,
    chunk: usize,
    as_bytes: bool,
) -> Result<Loaded, IngestError> {
    let count = count.max(1);
    let read = |index: usize| -> Result<Partial, IngestError> {
        let mut ingest = super::Ingest::new(super::Options {
            part: Some(crate::table::Part { index, count }),
            ..opts.clone()
        });
        for c in bytes.chunks(chunk.max(1)) {
            ingest.push(c)?;
        }
        ingest.finish_part()
    };
    let take = |first: &mut Partial, helper: Partial| -> Result<(), IngestError> {
        let share = helper.into_share();
        if as_bytes {
            share
                .into_pieces()
                .try_for_each(|piece| first.adopt_piece(&piece))
        } else {
            first.adopt(share)
        }
    };
    #[cfg(target_arch = "wasm32")]
    {
        let mut first = read(0)?;
        for i in 1..count {
            take(&mut first, read(i)?)?;
        }
        first.complete()
    }
    #[cfg(not(target_arch = "wasm32"))]
    std::thread::scope(|s| {
        let helpers: Vec<_> = (1..count).map(|i| s.spawn(move || read(i))).collect();
        let mut first = read(0)?;
        for h in helpers {
            let helper = h
                .join()
                .map_err(|_| IngestError::Parts("a part stopped".into()))??;
            take(&mut first, helper)?;
        }
        first.complete()
    })
}
