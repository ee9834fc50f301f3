//! Ingest: turn an export's text into a [`Table`], reporting each row it could not read.

pub mod csv;

use crate::table::{ColumnKind, Table, TableBuilder};
use serde::Serialize;

/// How many row problems are kept in full; the rest are counted.
pub const MAX_DIAGNOSTICS: usize = 200;

/// One problem found while reading, with where it is.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Diagnostic {
    /// 1-based line of the input where the row starts (the header is line 1).
    pub line: usize,
    /// The column concerned, when there is one.
    pub column: Option<String>,
    /// What is wrong, for a person.
    pub message: String,
}

/// Why an input could not be loaded at all. The previously loaded data stays in place.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum IngestError {
    #[error(
        "The input is empty: paste or drop a CSV export with a header line and at least one row."
    )]
    Empty,
    #[error("This does not look like a table: {reason}")]
    NotATable { reason: String },
    #[error("Line 1 has the column names ({columns} columns) but no data rows follow it.")]
    NoRows { columns: usize },
}

/// One column as loaded, with the canonical field it was mapped to.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ColumnInfo {
    pub name: String,
    pub kind: ColumnKind,
    /// The canonical field (e.g. `job_title`) this column feeds, if any.
    pub field: Option<String>,
    /// Distinct values (text) or filled cells (numbers).
    pub distinct: usize,
}

/// What a load produced: counts, columns and the rows that were set aside.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LoadSummary {
    pub rows: usize,
    pub columns: Vec<ColumnInfo>,
    /// Rows that could not be read and were left out (each is in `diagnostics`, up to the cap).
    pub skipped_rows: usize,
    /// Problems found, the first [`MAX_DIAGNOSTICS`] of them.
    pub diagnostics: Vec<Diagnostic>,
    /// All problems found, including those past the cap.
    pub diagnostics_total: usize,
}

/// A table read from text, with the problems found on the way.
#[derive(Debug)]
pub struct Loaded {
    pub table: Table,
    pub skipped_rows: usize,
    pub diagnostics: Vec<Diagnostic>,
    pub diagnostics_total: usize,
}

/// Read a UTF-8, comma-separated export with a header line.
pub fn read_csv(text: &str) -> Result<Loaded, IngestError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(IngestError::Empty);
    }
    let mut records = csv::Records::new(text, b',');
    let mut fields = Vec::new();
    let mut diagnostics = Vec::new();
    let mut total = 0usize;
    let mut note = |d: Diagnostic, diags: &mut Vec<Diagnostic>| {
        total += 1;
        if diags.len() < MAX_DIAGNOSTICS {
            diags.push(d);
        }
    };

    // The header: the first non-blank record.
    let header_line = loop {
        match records.next_record(&mut fields) {
            None => return Err(IngestError::Empty),
            Some(Err(e)) => {
                return Err(IngestError::NotATable {
                    reason: format!("the header {e}"),
                })
            }
            Some(Ok(_)) if is_blank(&fields) => continue,
            Some(Ok(line)) => break line,
        }
    };
    let names = header_names(&fields, header_line, &mut |d| note(d, &mut diagnostics));
    let width = names.len();
    if width < 2 {
        return Err(IngestError::NotATable {
            reason: "the first line has a single column. Paste a CSV export whose first line \
                     names the columns, separated by commas (e.g. Email,Job Title,Company Size)."
                .into(),
        });
    }

    let mut builder = TableBuilder::new(names);
    let mut skipped = 0usize;
    while let Some(rec) = records.next_record(&mut fields) {
        match rec {
            Err(e) => {
                skipped += 1;
                note(
                    Diagnostic {
                        line: e.line,
                        column: None,
                        message: format!("Row skipped: {e}."),
                    },
                    &mut diagnostics,
                );
            }
            Ok(_) if is_blank(&fields) => {}
            Ok(line) => {
                // Trailing delimiters (empty extra fields) are harmless; anything else is not.
                let extra_empty =
                    fields.len() > width && fields[width..].iter().all(|f| f.trim().is_empty());
                if fields.len() == width || extra_empty {
                    builder.push_row(fields.iter().map(String::as_str));
                } else {
                    skipped += 1;
                    note(
                        Diagnostic {
                            line,
                            column: None,
                            message: format!(
                                "Row skipped: it has {} where the header has {width}.",
                                plural(fields.len(), "field")
                            ),
                        },
                        &mut diagnostics,
                    );
                }
            }
        }
    }

    let rows = builder.rows();
    if rows == 0 && skipped == 0 {
        return Err(IngestError::NoRows { columns: width });
    }
    // When half the rows or more do not fit the header, the text is not being read as the
    // table it is meant to be (prose, a wrong delimiter): say so rather than load a fragment.
    if skipped > 0 && skipped >= rows {
        let first = diagnostics
            .iter()
            .find(|d| d.message.starts_with("Row skipped"))
            .map(|d| {
                format!(
                    " First at line {}: {}",
                    d.line,
                    d.message.trim_start_matches("Row skipped: ")
                )
            })
            .unwrap_or_default();
        return Err(IngestError::NotATable {
            reason: format!(
                "{} of {} do not have the {width} columns of the first line.{first} \
                 A CSV export has a line of column names, then one line per lead with as many values.",
                skipped,
                plural(skipped + rows, "row"),
            ),
        });
    }
    Ok(Loaded {
        table: builder.finish(),
        skipped_rows: skipped,
        diagnostics,
        diagnostics_total: total,
    })
}

/// "1 row", "2 rows".
fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

fn is_blank(fields: &[String]) -> bool {
    fields.iter().all(|f| f.trim().is_empty())
}

/// Trimmed header names; empty ones become "Column N", repeated ones get " (2)", " (3)"…
fn header_names(fields: &[String], line: usize, note: &mut dyn FnMut(Diagnostic)) -> Vec<String> {
    // A header line with trailing delimiters: drop the empty names at the end.
    let mut end = fields.len();
    while end > 0 && fields[end - 1].trim().is_empty() {
        end -= 1;
    }
    let mut names: Vec<String> = Vec::with_capacity(end);
    for (i, f) in fields[..end].iter().enumerate() {
        let mut name = f.trim().to_string();
        if name.is_empty() {
            name = format!("Column {}", i + 1);
            note(Diagnostic {
                line,
                column: Some(name.clone()),
                message: format!("Column {} has no name; it is called \"{name}\".", i + 1),
            });
        }
        if names.contains(&name) {
            let base = name.clone();
            let mut n = 2;
            while names.contains(&format!("{base} ({n})")) {
                n += 1;
            }
            name = format!("{base} ({n})");
            note(Diagnostic {
                line,
                column: Some(name.clone()),
                message: format!("The column name \"{base}\" appears more than once; this one is called \"{name}\"."),
            });
        }
        names.push(name);
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::ColumnData;

    #[test]
    fn reads_a_simple_export() {
        let l = read_csv("Email,Page Views\r\na@x.com,3\r\nb@y.com,\r\n").unwrap();
        assert_eq!(l.table.rows, 2);
        assert!(matches!(l.table.columns[1].data, ColumnData::Number(_)));
        assert_eq!(l.skipped_rows, 0);
    }

    #[test]
    fn reports_ragged_rows_and_keeps_the_rest() {
        let l = read_csv("a,b,c\n1,2,3\n4,5\n6,7,8,\n").unwrap();
        assert_eq!(l.table.rows, 2);
        assert_eq!(l.skipped_rows, 1);
        assert_eq!(l.diagnostics[0].line, 3);
        assert!(l.diagnostics[0]
            .message
            .contains("2 fields where the header has 3"));
    }

    #[test]
    fn bad_inputs_are_named() {
        assert_eq!(read_csv("  \n\n").unwrap_err(), IngestError::Empty);
        assert_eq!(
            read_csv("a,b\n").unwrap_err(),
            IngestError::NoRows { columns: 2 }
        );
        assert!(matches!(
            read_csv("Dear team, please find the leads attached.\nThanks\nBob\n").unwrap_err(),
            IngestError::NotATable { .. }
        ));
        assert!(matches!(
            read_csv("Dear team, the leads are attached.\nThanks,\nBob").unwrap_err(),
            IngestError::NotATable { .. }
        ));
        assert!(matches!(
            read_csv("just one line of prose").unwrap_err(),
            IngestError::NotATable { .. }
        ));
    }

    #[test]
    fn names_missing_and_repeated_headers() {
        let l = read_csv("Email,,Email\nx,y,z\n").unwrap();
        let names: Vec<_> = l.table.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["Email", "Column 2", "Email (2)"]);
        assert_eq!(l.diagnostics_total, 2);
        // Blank lines before the header: diagnostics point at the header's real line.
        let l = read_csv("\n\nEmail,,Email\nx,y,z\n").unwrap();
        assert!(
            l.diagnostics.iter().all(|d| d.line == 3),
            "{:?}",
            l.diagnostics
        );
    }
}
