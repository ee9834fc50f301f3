//! A typed column as bytes, to hand it from one worker's engine to another's (see
//! [`super::parts`]): little-endian numbers, length-prefixed arrays, no schema. Both ends are
//! the same build, so there is no versioning; what is read is still checked, and a piece that
//! does not read whole is an error, never a panic.

use super::report::{Diagnostic, ProblemKind, Report};
use super::values::{
    BoolFormat, ColumnType, DateFormat, DateOrder, NumberFormat, Offset, OffsetStyle,
};
use crate::score::email::Domains;
use crate::table::{Cells, Codes, Column, ColumnData, Dict, Originals, Packed};
use std::sync::Arc;

/// Writes values end to end.
#[derive(Default)]
pub struct Writer(pub Vec<u8>);

/// Reads what a [`Writer`] wrote, in the same order.
pub struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

/// Why a piece could not be read.
pub type WireError = String;

fn short() -> WireError {
    "a piece of a column ends early".into()
}

impl Writer {
    pub fn u8(&mut self, x: u8) {
        self.0.push(x);
    }
    pub fn bool(&mut self, x: bool) {
        self.u8(u8::from(x));
    }
    pub fn u32(&mut self, x: u32) {
        self.0.extend_from_slice(&x.to_le_bytes());
    }
    pub fn u64(&mut self, x: u64) {
        self.0.extend_from_slice(&x.to_le_bytes());
    }
    pub fn usize(&mut self, x: usize) {
        self.u64(x as u64);
    }
    pub fn char(&mut self, c: char) {
        self.u32(c as u32);
    }
    pub fn str(&mut self, s: &str) {
        self.usize(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }
    pub fn opt<T>(&mut self, x: &Option<T>, mut f: impl FnMut(&mut Self, &T)) {
        match x {
            None => self.u8(0),
            Some(v) => {
                self.u8(1);
                f(self, v);
            }
        }
    }
    /// A length, then each item as `N` little-endian bytes.
    fn array<T: Copy, const N: usize>(&mut self, v: &[T], f: impl Fn(T) -> [u8; N]) {
        self.usize(v.len());
        // Sized once, then each item stored as an array of `N` bytes (one store, not a copy
        // of a slice through `memcpy`: a column's codes are millions of items).
        let start = self.0.len();
        self.0.resize(start + v.len() * N, 0);
        for (out, &x) in self.0[start..].chunks_exact_mut(N).zip(v) {
            if let Ok(out) = <&mut [u8; N]>::try_from(out) {
                *out = f(x);
            }
        }
    }
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, at: 0 }
    }
    fn take(&mut self, n: usize) -> Result<&'a [u8], WireError> {
        let end = self.at.checked_add(n).ok_or_else(short)?;
        let s = self.bytes.get(self.at..end).ok_or_else(short)?;
        self.at = end;
        Ok(s)
    }
    fn fixed<const N: usize>(&mut self) -> Result<[u8; N], WireError> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }
    pub fn u8(&mut self) -> Result<u8, WireError> {
        Ok(self.fixed::<1>()?[0])
    }
    pub fn bool(&mut self) -> Result<bool, WireError> {
        Ok(self.u8()? != 0)
    }
    pub fn u32(&mut self) -> Result<u32, WireError> {
        Ok(u32::from_le_bytes(self.fixed()?))
    }
    pub fn u64(&mut self) -> Result<u64, WireError> {
        Ok(u64::from_le_bytes(self.fixed()?))
    }
    pub fn usize(&mut self) -> Result<usize, WireError> {
        usize::try_from(self.u64()?).map_err(|_| short())
    }
    pub fn char(&mut self) -> Result<char, WireError> {
        char::from_u32(self.u32()?)
            .ok_or_else(|| "a piece of a column holds a bad character".into())
    }
    pub fn string(&mut self) -> Result<String, WireError> {
        let n = self.usize()?;
        String::from_utf8(self.take(n)?.to_vec())
            .map_err(|_| "a piece of a column holds bad text".into())
    }
    pub fn opt<T>(
        &mut self,
        f: impl FnOnce(&mut Self) -> Result<T, WireError>,
    ) -> Result<Option<T>, WireError> {
        Ok(match self.u8()? {
            0 => None,
            _ => Some(f(self)?),
        })
    }
    fn array<T, const N: usize>(&mut self, f: impl Fn([u8; N]) -> T) -> Result<Vec<T>, WireError> {
        let n = self.usize()?;
        let bytes = self.take(n.checked_mul(N).ok_or_else(short)?)?;
        Ok(bytes
            .chunks_exact(N)
            .map(|c| f(<[u8; N]>::try_from(c).unwrap_or([0; N])))
            .collect())
    }
    /// Whether every byte was read.
    pub fn done(&self) -> bool {
        self.at == self.bytes.len()
    }
}

// ---------------------------------------------------------------------------------------------
// Columns

fn put_codes(w: &mut Writer, c: &Codes) {
    match c {
        Codes::U8(v) => {
            w.u8(1);
            w.usize(v.len());
            w.0.extend_from_slice(v);
        }
        Codes::U16(v) => {
            w.u8(2);
            w.array(v, u16::to_le_bytes);
        }
        Codes::U32(v) => {
            w.u8(4);
            w.array(v, u32::to_le_bytes);
        }
    }
}

/// Codes, checked to be below `limit`.
fn get_codes(r: &mut Reader, limit: usize) -> Result<Codes, WireError> {
    let codes = match r.u8()? {
        1 => {
            let n = r.usize()?;
            Codes::U8(r.take(n)?.to_vec())
        }
        2 => Codes::U16(r.array(u16::from_le_bytes)?),
        4 => Codes::U32(r.array(u32::from_le_bytes)?),
        _ => return Err("a piece of a column has codes of no known width".into()),
    };
    #[allow(clippy::useless_conversion)]
    let max = crate::with_codes!(&codes, |v| v
        .iter()
        .map(|&c| u32::from(c))
        .max()
        .unwrap_or(0));
    if max as usize >= limit.max(1) {
        return Err("a piece of a column has a code past its values".into());
    }
    Ok(codes)
}

fn put_dict(w: &mut Writer, d: &Dict) {
    let (bytes, ends) = d.parts();
    w.str(bytes);
    w.array(ends, |e| (e as u64).to_le_bytes());
}

fn get_dict(r: &mut Reader) -> Result<Dict, WireError> {
    let bytes = r.string()?;
    let ends: Vec<usize> = r
        .array(u64::from_le_bytes)?
        .into_iter()
        .map(|e| usize::try_from(e).unwrap_or(usize::MAX))
        .collect();
    Dict::from_parts(bytes, ends)
        .ok_or_else(|| "a piece of a column has values out of order".into())
}

fn put_cells<T: Copy, const N: usize>(w: &mut Writer, c: &Cells<T>, f: impl Fn(T) -> [u8; N]) {
    match c {
        Cells::Dense(v) => {
            w.u8(0);
            w.array(v, f);
        }
        Cells::Coded { codes, values } => {
            w.u8(1);
            w.array(values, f);
            put_codes(w, codes);
        }
        Cells::Narrow(v) => {
            w.u8(2);
            w.array(v, i32::to_le_bytes);
        }
        Cells::Sparse {
            rows,
            filled,
            values,
            ..
        } => {
            w.u8(3);
            w.usize(*rows);
            w.array(filled, u64::to_le_bytes);
            match values {
                Packed::Narrow(v) => {
                    w.u8(0);
                    w.array(v, i32::to_le_bytes);
                }
                Packed::Wide(v) => {
                    w.u8(1);
                    w.array(v, f);
                }
            }
        }
    }
}

fn get_cells<T: crate::table::Narrow, const N: usize>(
    r: &mut Reader,
    f: impl Fn([u8; N]) -> T,
) -> Result<Cells<T>, WireError> {
    Ok(match r.u8()? {
        0 => Cells::Dense(r.array(f)?),
        2 => Cells::Narrow(r.array(i32::from_le_bytes)?),
        3 => {
            let rows = r.usize()?;
            let filled = r.array(u64::from_le_bytes)?;
            let values = match r.u8()? {
                0 => Packed::Narrow(r.array(i32::from_le_bytes)?),
                _ => Packed::Wide(r.array(f)?),
            };
            Cells::sparse(rows, filled, values)
                .ok_or("a piece of a column has filled cells that do not agree with its values")?
        }
        _ => {
            let values = r.array(f)?;
            let codes = get_codes(r, values.len())?;
            Cells::Coded { codes, values }
        }
    })
}

fn put_format(w: &mut Writer, f: &ColumnType) {
    match f {
        ColumnType::Number(n) => {
            w.u8(0);
            w.char(n.decimal);
            w.opt(&n.grouping, |w, &c| w.char(c));
            w.opt(&n.fraction_digits, |w, &d| w.u8(d));
            w.bool(n.percent);
            w.opt(&n.currency, |w, s| w.str(s));
            w.bool(n.currency_after);
            w.opt(&n.space, |w, &c| w.char(c));
        }
        ColumnType::Date(d) => {
            w.u8(1);
            w.u8(d.order as u8);
            w.char(d.separator);
            for b in [
                d.pad,
                d.short_year,
                d.has_time,
                d.pad_hour,
                d.twelve_hour,
                d.seconds,
            ] {
                w.bool(b);
            }
            w.char(d.time_separator);
            w.u8(d.fraction_digits);
            w.opt(&d.offset, |w, o| {
                w.u32(o.minutes as u32);
                w.u8(o.style as u8);
            });
        }
        ColumnType::Bool(b) => {
            w.u8(2);
            w.str(&b.true_text);
            w.str(&b.false_text);
        }
        ColumnType::Range => w.u8(3),
        ColumnType::Text => w.u8(4),
    }
}

fn get_format(r: &mut Reader) -> Result<ColumnType, WireError> {
    Ok(match r.u8()? {
        0 => ColumnType::Number(NumberFormat {
            decimal: r.char()?,
            grouping: r.opt(Reader::char)?,
            fraction_digits: r.opt(Reader::u8)?,
            percent: r.bool()?,
            currency: r.opt(Reader::string)?,
            currency_after: r.bool()?,
            space: r.opt(Reader::char)?,
        }),
        1 => {
            let order = match r.u8()? {
                0 => DateOrder::Ymd,
                1 => DateOrder::Dmy,
                _ => DateOrder::Mdy,
            };
            let separator = r.char()?;
            let [pad, short_year, has_time, pad_hour, twelve_hour, seconds] = [
                r.bool()?,
                r.bool()?,
                r.bool()?,
                r.bool()?,
                r.bool()?,
                r.bool()?,
            ];
            ColumnType::Date(DateFormat {
                order,
                separator,
                pad,
                short_year,
                has_time,
                time_separator: r.char()?,
                pad_hour,
                twelve_hour,
                seconds,
                fraction_digits: r.u8()?,
                offset: r.opt(|r| {
                    Ok(Offset {
                        minutes: r.u32()? as i32,
                        style: match r.u8()? {
                            0 => OffsetStyle::Z,
                            1 => OffsetStyle::Colon,
                            _ => OffsetStyle::Compact,
                        },
                    })
                })?,
            })
        }
        2 => ColumnType::Bool(BoolFormat {
            true_text: r.string()?,
            false_text: r.string()?,
        }),
        3 => ColumnType::Range,
        _ => ColumnType::Text,
    })
}

/// Writes `column`, with its e-mail domains when they were worked out.
pub fn put_column(w: &mut Writer, column: &Column) {
    put_cells_of(w, column);
    w.opt(&column.domains, |w, d| {
        put_dict(w, &d.names);
        put_codes(w, &d.of_code);
        w.array(&d.role, u64::to_le_bytes);
    });
}

/// The column itself: its name, note, format, cells and originals.
fn put_cells_of(w: &mut Writer, column: &Column) {
    w.str(&column.name);
    w.opt(&column.note, |w, s| w.str(s));
    put_format(w, &column.format);
    match &column.data {
        ColumnData::Number(c) => {
            w.u8(0);
            put_cells(w, c, f64::to_le_bytes);
        }
        ColumnData::Date(c) => {
            w.u8(1);
            put_cells(w, c, i64::to_le_bytes);
        }
        ColumnData::Bool(v) => {
            w.u8(2);
            w.usize(v.len());
            w.0.extend_from_slice(v);
        }
        ColumnData::Range {
            codes,
            dict,
            bounds,
        } => {
            w.u8(3);
            put_dict(w, dict);
            put_codes(w, codes);
            w.array(bounds, |(lo, hi)| {
                let mut a = [0u8; 16];
                a[..8].copy_from_slice(&lo.to_le_bytes());
                a[8..].copy_from_slice(&hi.to_le_bytes());
                a
            });
        }
        ColumnData::Text { codes, dict } => {
            w.u8(4);
            put_dict(w, dict);
            put_codes(w, codes);
        }
    }
    match &column.originals {
        Originals::None => w.u8(0),
        Originals::Sparse { rows, dict } => {
            w.u8(1);
            put_dict(w, dict);
            // By row (row and index packed in one key): the same cells, the same bytes.
            let mut pairs: Vec<i64> = rows
                .iter()
                .map(|(&r, &i)| (u64::from(r) << 32 | u64::from(i)) as i64)
                .collect();
            pairs.sort_unstable();
            w.array(&pairs, |k| (k as u64).to_le_bytes());
        }
        Originals::Full { codes, dict } => {
            w.u8(2);
            put_dict(w, dict);
            put_codes(w, codes);
        }
    }
}

/// `column` as bytes alone (what two tables are compared by, column by column; without the
/// domains worked out ahead, which are only a head start for the scorer).
pub fn column_bytes(column: &Column) -> Vec<u8> {
    let mut w = Writer::default();
    put_cells_of(&mut w, column);
    w.0
}

/// Reads a column written by [`put_column`].
pub fn get_column(r: &mut Reader) -> Result<Column, WireError> {
    let name = r.string()?;
    let note = r.opt(Reader::string)?;
    let format = get_format(r)?;
    let data = match r.u8()? {
        0 => ColumnData::Number(get_cells(r, f64::from_le_bytes)?),
        1 => ColumnData::Date(get_cells(r, i64::from_le_bytes)?),
        2 => {
            let n = r.usize()?;
            ColumnData::Bool(r.take(n)?.to_vec())
        }
        3 => {
            let dict = get_dict(r)?;
            let codes = get_codes(r, dict.len())?;
            let bounds = r.array(|a: [u8; 16]| {
                let (lo, hi) = a.split_at(8);
                let f = |s: &[u8]| f64::from_le_bytes(s.try_into().unwrap_or_default());
                (f(lo), f(hi))
            })?;
            ColumnData::Range {
                codes,
                dict,
                bounds,
            }
        }
        _ => {
            let dict = get_dict(r)?;
            let codes = get_codes(r, dict.len())?;
            ColumnData::Text { codes, dict }
        }
    };
    let originals = match r.u8()? {
        0 => Originals::None,
        1 => {
            let dict = get_dict(r)?;
            let limit = dict.len();
            let rows = r
                .array(u64::from_le_bytes)?
                .into_iter()
                .map(|k| {
                    (
                        (k >> 32) as u32,
                        (k as u32).min(limit.saturating_sub(1) as u32),
                    )
                })
                .collect();
            Originals::Sparse { rows, dict }
        }
        _ => {
            let dict = get_dict(r)?;
            let codes = get_codes(r, dict.len())?;
            Originals::Full { codes, dict }
        }
    };
    let domains = r.opt(|r| {
        let names = get_dict(r)?;
        let of_code = get_codes(r, names.len())?;
        let role = r.array(u64::from_le_bytes)?;
        Ok(Domains {
            of_code,
            names,
            role,
        })
    })?;
    let values = match &data {
        ColumnData::Text { dict, .. } => dict.len(),
        _ => 0,
    };
    if domains.as_ref().is_some_and(|d| !d.fits(values)) {
        return Err("e-mail domains that do not fit their column".into());
    }
    Ok(Column {
        name,
        data,
        format,
        originals,
        note,
        domains: domains.map(Arc::new),
    })
}

// ---------------------------------------------------------------------------------------------
// Reports

fn kind_code(k: ProblemKind) -> u8 {
    k as u8
}

fn kind_of(c: u8) -> ProblemKind {
    match c {
        0 => ProblemKind::Encoding,
        1 => ProblemKind::Header,
        2 => ProblemKind::ShortRow,
        3 => ProblemKind::BrokenRow,
        4 => ProblemKind::LongCell,
        5 => ProblemKind::TypeMismatch,
        _ => ProblemKind::Note,
    }
}

/// Writes `report`: its examples, then its counts.
pub fn put_report(w: &mut Writer, report: &Report) {
    let (examples, counts) = report.parts();
    w.usize(examples.len());
    for d in examples {
        w.u8(kind_code(d.kind));
        w.usize(d.line);
        w.opt(&d.column, |w, s| w.str(s));
        w.opt(&d.value, |w, s| w.str(s));
        w.str(&d.message);
    }
    w.usize(counts.len());
    for (&k, &n) in counts {
        w.u8(kind_code(k));
        w.usize(n);
    }
}

/// Reads a report written by [`put_report`].
pub fn get_report(r: &mut Reader) -> Result<Report, WireError> {
    let n = r.usize()?;
    let mut examples = Vec::with_capacity(n.min(1024));
    for _ in 0..n {
        examples.push(Diagnostic {
            kind: kind_of(r.u8()?),
            line: r.usize()?,
            column: r.opt(Reader::string)?,
            value: r.opt(Reader::string)?,
            message: r.string()?,
        });
    }
    let n = r.usize()?;
    let mut counts = std::collections::BTreeMap::new();
    for _ in 0..n {
        let kind = kind_of(r.u8()?);
        *counts.entry(kind).or_insert(0usize) += r.usize()?;
    }
    Ok(Report::from_parts(examples, counts))
}
