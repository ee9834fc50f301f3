//! Types each raw column from its distinct values (numbers, dates, booleans, ranges, text),
//! reports the values that do not fit, and keeps aside only the original text that the typed
//! value does not render back to.

use super::report::{ProblemKind, Report};
use super::sink::RowLines;
use super::values::{self, ColumnType, Value};
use crate::table::{Cells, Codes, Column, ColumnData, Dict, Originals, RawTable, NO_BOOL, NO_DATE};
use crate::with_codes;

/// Above this share of differing cells, a column keeps its whole text instead of exceptions.
const SPARSE_ORIGINALS_MAX_SHARE: f64 = 0.25;

/// Type the columns this part of the reading built (every column, unless the file is read in
/// parts: see [`crate::table::Part`]), each with the problems it found; `None` for a column
/// another part built. `row_lines.get(r)` is the input line of row `r`.
pub fn type_columns(
    raw: RawTable,
    row_lines: &RowLines,
    locale: &str,
) -> Vec<Option<(Column, Report)>> {
    // Columns with fewer distinct values first: typing a column needs scratch in proportion to
    // its distinct values, and by the time the largest (e-mail addresses) is typed, the number
    // and date columns have dropped their dictionaries. This lowers the load's peak memory
    // (the page's WebAssembly memory never shrinks below it). Problems are reported in the
    // columns' own order all the same.
    let mut order: Vec<usize> = (0..raw.names.len())
        .filter(|&i| raw.owned.get(i).copied().unwrap_or(true))
        .collect();
    order.sort_by_key(|&i| raw.dicts.get(i).map_or(0, Dict::len));
    let mut slots: Vec<Option<(String, Codes, Dict, bool)>> = raw
        .names
        .into_iter()
        .zip(raw.codes)
        .zip(raw.dicts)
        .zip(raw.repeats)
        .map(|(((name, codes), dict), repeats)| Some((name, codes, dict, repeats)))
        .collect();
    let mut typed: Vec<Option<(Column, Report)>> = (0..slots.len()).map(|_| None).collect();
    for i in order {
        if let Some((name, mut codes, dict, repeats)) = slots.get_mut(i).and_then(Option::take) {
            // One entry a value first (the scratch of it, too, where earlier columns' was).
            let dict = if repeats {
                dict.dedup(&mut codes)
            } else {
                dict
            };
            let mut own = Report::default();
            let column = type_column(name, codes, dict, row_lines, locale, &mut own);
            typed[i] = Some((column, own));
        }
    }
    typed
}

fn type_column(
    name: String,
    mut codes: Codes,
    mut dict: Dict,
    row_lines: &RowLines,
    locale: &str,
    report: &mut Report,
) -> Column {
    // Rows per distinct value (u32: a file is at most 1 GiB, so fewer rows than that).
    let mut counts = vec![0u32; dict.len()];
    with_codes!(&codes, |v| for &c in v {
        if let Some(n) = counts.get_mut(c as usize) {
            *n = n.saturating_add(1);
        }
    });
    // The scratch of a column of a million values is megabytes a byte: read in place, and
    // given back before the next column.
    let typed = values::infer_typed(
        &Counted {
            dict: &dict,
            counts: &counts,
        },
        locale,
    );
    drop(counts);
    let inference = typed.inference;
    let format = inference.column_type.clone();
    // `is_missing` of code c is `typed.missing[c - 1]` (code 0, the empty value, is missing).
    let missing_code =
        |code: usize| code == 0 || typed.missing.get(code - 1).copied().unwrap_or(true);

    // Per code: the typed value (misfits and missing tokens become missing).
    let mut misfit = vec![false; dict.len()];
    for &i in &inference.misfits {
        if let Some(m) = misfit.get_mut(i + 1) {
            *m = true;
        }
    }
    // The values the inference parsed (each parsed once: a date is a scan), shifted by the
    // empty value's code 0; Text has none.
    // In place: a second vector of a million values would raise the load's peak memory.
    let parsed: Vec<Value> = match typed.parsed {
        Some(mut p) if p.len() + 1 == dict.len() => {
            p.insert(0, Value::Missing);
            for (v, _) in p.iter_mut().zip(&misfit).filter(|(_, &m)| m) {
                *v = Value::Missing;
            }
            p
        }
        // Text: no value is parsed (nothing to hold).
        _ if matches!(format, ColumnType::Text) => Vec::new(),
        _ => dict
            .iter()
            .enumerate()
            .map(|(code, raw)| {
                if code == 0 || misfit[code] {
                    Value::Missing
                } else {
                    values::parse(raw, &format)
                }
            })
            .collect(),
    };

    // Values that do not fit: every row reported (counted), the first ones in full.
    if misfit.iter().any(|&m| m) {
        let what = type_name(&format);
        for (row, c) in codes.iter().enumerate() {
            if !misfit[c as usize] {
                continue;
            }
            if report.wants_example(ProblemKind::TypeMismatch) {
                let line = row_lines.get(row).unwrap_or(0);
                let raw = dict.get(c);
                report.push(
                    ProblemKind::TypeMismatch,
                    line,
                    Some(&name),
                    Some(raw),
                    format!("\"{}\" is not {what} like the rest of the column; the cell is read as empty.", super::report::shorten(raw)),
                );
            } else {
                report.count_only(ProblemKind::TypeMismatch);
            }
        }
    }
    if let Some(note) = &inference.note {
        report.push(ProblemKind::Note, 1, Some(&name), None, note.clone());
    }

    // Which distinct values do not render back to their own text (kept as originals).
    let mut back = values::RendersBack::new(&format);
    let differs: Vec<bool> = dict
        .iter()
        .enumerate()
        .map(|(code, raw)| {
            let v = parsed.get(code).unwrap_or(&Value::Missing);
            code != 0
                && match (&format, v) {
                    // Text keeps its text; only missing tokens ("N/A", "Select") are set aside.
                    (ColumnType::Text, _) => missing_code(code),
                    (_, Value::Missing) => true,
                    (ColumnType::Range, _) => false,
                    (_, v) => !back.check(raw, *v),
                }
        })
        .collect();
    // In text and range columns, missing tokens ("N/A", "Select") become empty cells.
    let is_text_like = matches!(format, ColumnType::Text | ColumnType::Range);
    let originals = collect_originals(&codes, &dict, &differs);
    if is_text_like && differs.iter().any(|&d| d) {
        codes.clear_where(|c| differs.get(c as usize).copied().unwrap_or(false));
    }

    let data = match &format {
        ColumnType::Number(_) => {
            let lut: Vec<f64> = parsed
                .iter()
                .map(|v| match v {
                    Value::Number(x) => *x,
                    _ => f64::NAN,
                })
                .collect();
            ColumnData::Number(Cells::from_codes(codes, lut, f64::NAN))
        }
        ColumnType::Date(_) => {
            let lut: Vec<i64> = parsed
                .iter()
                .map(|v| match v {
                    Value::Date { secs, .. } => *secs,
                    _ => NO_DATE,
                })
                .collect();
            ColumnData::Date(Cells::from_codes(codes, lut, NO_DATE))
        }
        ColumnType::Bool(_) => {
            let lut: Vec<u8> = parsed
                .iter()
                .map(|v| match v {
                    Value::Bool(b) => u8::from(*b),
                    _ => NO_BOOL,
                })
                .collect();
            ColumnData::Bool(codes.iter().map(|c| lut[c as usize]).collect())
        }
        ColumnType::Range => {
            // The codes were reserved for the rows the file's size suggested.
            codes.shrink_to_fit();
            dict.shrink_to_fit();
            let bounds = parsed
                .iter()
                .map(|v| match v {
                    Value::Range { lo, hi } => (*lo, *hi),
                    Value::Number(x) => (*x, *x),
                    _ => (f64::NAN, f64::NAN),
                })
                .collect();
            ColumnData::Range {
                codes,
                dict,
                bounds,
            }
        }
        ColumnType::Text => {
            codes.shrink_to_fit();
            dict.shrink_to_fit();
            ColumnData::Text { codes, dict }
        }
    };
    Column {
        name,
        data,
        format,
        originals,
        note: inference.note,
        domains: None,
    }
}

/// A dictionary's values but the empty one (code 0), with the rows of each.
struct Counted<'a> {
    dict: &'a Dict,
    counts: &'a [u32],
}

impl values::Tally for Counted<'_> {
    fn len(&self) -> usize {
        self.dict.len() - 1
    }
    fn at(&self, i: usize) -> (&str, u64) {
        let code = i + 1;
        let n = self.counts.get(code).copied().unwrap_or(0);
        (self.dict.try_get(code as u32).unwrap_or(""), u64::from(n))
    }
}

fn collect_originals(codes: &Codes, dict: &Dict, differs: &[bool]) -> Originals {
    if !differs.iter().any(|&d| d) {
        return Originals::None;
    }
    let differing_rows = codes.iter().filter(|&c| differs[c as usize]).count();
    if differing_rows as f64 > SPARSE_ORIGINALS_MAX_SHARE * codes.len() as f64 {
        // Re-encode only the values used, with the same codes: the dictionary is shared.
        let mut full = Dict::new();
        for v in dict.iter().skip(1) {
            full.push(v);
        }
        return Originals::Full {
            codes: codes.clone(),
            dict: full,
        };
    }
    let mut out_dict = Dict::new();
    let mut index = vec![0u32; dict.len()];
    let mut rows = rustc_hash::FxHashMap::default();
    for (row, c) in codes.iter().enumerate() {
        if !differs[c as usize] {
            continue;
        }
        let slot = &mut index[c as usize];
        if *slot == 0 {
            *slot = out_dict.push(dict.get(c));
        }
        rows.insert(row as u32, *slot);
    }
    Originals::Sparse {
        rows,
        dict: out_dict,
    }
}

fn type_name(t: &ColumnType) -> &'static str {
    match t {
        ColumnType::Number(_) => "a number",
        ColumnType::Date(_) => "a date",
        ColumnType::Bool(_) => "a yes/no value",
        ColumnType::Range => "a number or a range",
        ColumnType::Text => "text",
    }
}
