//! The columnar table every later step reads: typed, dictionary-encoded columns.
//!
//! Text and range columns hold `u32` codes into a dictionary of distinct values (code 0 is always
//! the empty value), so a rule on them is evaluated once per distinct value and looked up per
//! row. Numbers, dates and booleans are dense arrays. The text a cell was written with is not
//! stored twice: it is re-rendered from the typed value in the column's own format, and only the
//! cells whose text differs from that rendering are kept aside ([`Originals`]).
//!
//! Codes take the narrowest width that holds them ([`Codes`]: one byte a cell for a column of
//! a few hundred distinct values), and number and date columns keep their distinct values once
//! with such codes when that is smaller than a dense array ([`Cells`]): a million leads' page
//! views cost 2 MB, not 8.

use crate::ingest::values::{self, ColumnType, Value};
use serde::Serialize;

/// A date cell with no value.
pub const NO_DATE: i64 = i64::MIN;
/// A boolean cell with no value.
pub const NO_BOOL: u8 = 2;

/// Dictionary codes, one per row, in the narrowest width that holds the largest code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Codes {
    U8(Vec<u8>),
    U16(Vec<u16>),
    U32(Vec<u32>),
}

/// Runs `$body` with `$v` bound to the codes' vector, whatever its width (the body is compiled
/// once per width, so loops over the codes stay tight). Inside, a code `c` reads as
/// `c as usize` or `u32::from(c)`.
#[macro_export]
macro_rules! with_codes {
    ($codes:expr, |$v:ident| $body:expr) => {
        match $codes {
            $crate::table::Codes::U8($v) => $body,
            $crate::table::Codes::U16($v) => $body,
            $crate::table::Codes::U32($v) => $body,
        }
    };
}

impl Default for Codes {
    fn default() -> Self {
        Codes::U8(Vec::new())
    }
}

impl Codes {
    /// The narrowest codes holding `v`.
    pub fn from_vec(v: Vec<u32>) -> Self {
        let max = v.iter().copied().max().unwrap_or(0);
        if max <= u32::from(u8::MAX) {
            Codes::U8(v.into_iter().map(|c| c as u8).collect())
        } else if max <= u32::from(u16::MAX) {
            Codes::U16(v.into_iter().map(|c| c as u16).collect())
        } else {
            Codes::U32(v)
        }
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        with_codes!(self, |v| v.len())
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The code at `row`.
    #[inline]
    #[allow(clippy::useless_conversion)] // u32 → u32 in one of the widths
    pub fn get(&self, row: usize) -> Option<u32> {
        with_codes!(self, |v| v.get(row).map(|&c| u32::from(c)))
    }

    /// Every code in row order.
    pub fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        (0..self.len()).map(move |r| self.get(r).unwrap_or(0))
    }

    /// Every code as `u32`.
    #[allow(clippy::useless_conversion)]
    pub fn to_vec(&self) -> Vec<u32> {
        with_codes!(self, |v| v.iter().map(|&c| u32::from(c)).collect())
    }

    /// Room for `additional` more codes, exactly (the load knows about how many rows come).
    pub fn reserve_exact(&mut self, additional: usize) {
        with_codes!(self, |v| v.reserve_exact(additional))
    }

    /// Append `code`, widening every code first when it does not fit. Past a reservation the
    /// codes grow by a quarter, not double: an estimate a little short costs a little.
    #[inline(always)]
    pub fn push(&mut self, code: u32) {
        #[inline(always)]
        fn gently<T>(v: &mut Vec<T>, x: T) {
            if v.len() == v.capacity() && v.capacity() >= 1 << 16 {
                v.reserve_exact(v.len() / 4);
            }
            v.push(x);
        }
        match self {
            Codes::U8(v) if code <= u32::from(u8::MAX) => gently(v, code as u8),
            Codes::U16(v) if code <= u32::from(u16::MAX) => gently(v, code as u16),
            Codes::U32(v) => gently(v, code),
            _ => {
                self.widen(code);
                self.push(code);
            }
        }
    }

    #[cold]
    fn widen(&mut self, code: u32) {
        let n = self.len();
        // Keep a reservation made for the whole load; copied straight across (a copy in
        // between would cost four bytes a row at the load's busiest moment).
        let room = with_codes!(&*self, |v| v.capacity()).max(n + n / 2 + 16);
        let old = std::mem::take(self);
        *self = if code <= u32::from(u16::MAX) {
            let mut v = Vec::with_capacity(room);
            // (Only narrower codes widen, so every code fits.)
            v.extend(old.iter().map(|c| c as u16));
            Codes::U16(v)
        } else {
            let mut v = Vec::with_capacity(room);
            v.extend(old.iter());
            Codes::U32(v)
        };
    }

    /// Set row `row`'s code, when the row exists and the code fits the width.
    #[inline]
    pub fn set(&mut self, row: usize, code: u32) {
        match self {
            Codes::U8(v) => {
                if let (Some(c), Ok(x)) = (v.get_mut(row), u8::try_from(code)) {
                    *c = x;
                }
            }
            Codes::U16(v) => {
                if let (Some(c), Ok(x)) = (v.get_mut(row), u16::try_from(code)) {
                    *c = x;
                }
            }
            Codes::U32(v) => {
                if let Some(c) = v.get_mut(row) {
                    *c = code;
                }
            }
        }
    }

    /// Replace the codes `f` says to with 0 (the empty value).
    #[allow(clippy::useless_conversion)]
    pub fn clear_where(&mut self, f: impl Fn(u32) -> bool) {
        with_codes!(self, |v| for c in v.iter_mut() {
            if f(u32::from(*c)) {
                *c = 0;
            }
        })
    }

    /// Release spare capacity.
    pub fn shrink_to_fit(&mut self) {
        with_codes!(self, |v| v.shrink_to_fit())
    }

    /// Bytes held.
    pub fn bytes(&self) -> usize {
        with_codes!(self, |v| v.capacity()
            * std::mem::size_of_val(&v.first().copied().unwrap_or_default()))
    }
}

/// The cells of a number or date column: a dense array, or each distinct value once with a
/// code per row, whichever is smaller. Empty cells hold the column's missing marker (`NaN`,
/// [`NO_DATE`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Cells<T> {
    Dense(Vec<T>),
    Coded {
        codes: Codes,
        values: Vec<T>,
    },
    /// Every value held exactly in 32 bits ([`Narrow`]: whole minutes, whole numbers), one
    /// per row: half a dense array, and less than codes of 4 bytes plus their values.
    Narrow(Vec<i32>),
    /// Mostly empty cells: a bit per row for the filled ones, and their values in row order
    /// (in 32 bits when they all allow). `before[w]`: the filled rows before word `w` of
    /// `filled`.
    Sparse {
        rows: usize,
        filled: Vec<u64>,
        before: Vec<u32>,
        values: Packed<T>,
    },
}

/// The filled cells' values of [`Cells::Sparse`].
#[derive(Debug, Clone, PartialEq)]
pub enum Packed<T> {
    /// Each in 32 bits ([`Narrow`]).
    Narrow(Vec<i32>),
    Wide(Vec<T>),
}

impl<T: Narrow> Packed<T> {
    /// Number of values.
    pub fn len(&self) -> usize {
        match self {
            Packed::Narrow(v) => v.len(),
            Packed::Wide(v) => v.len(),
        }
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Value `i`.
    #[inline]
    pub fn get(&self, i: usize) -> Option<T> {
        match self {
            Packed::Narrow(v) => v.get(i).map(|&x| T::widen(x)),
            Packed::Wide(v) => v.get(i).copied(),
        }
    }

    /// How many values `keep` holds for.
    fn count(&self, mut keep: impl FnMut(T) -> bool) -> usize {
        match self {
            Packed::Narrow(v) => v.iter().filter(|&&x| keep(T::widen(x))).count(),
            Packed::Wide(v) => v.iter().filter(|&&x| keep(x)).count(),
        }
    }
}

/// A cell value that can often be held in 32 bits (see [`Cells::Narrow`]).
pub trait Narrow: Copy {
    /// The value in 32 bits, when they hold it exactly (the missing marker included).
    fn narrow(self) -> Option<i32>;
    /// The value back from [`narrow`](Self::narrow)'s 32 bits.
    fn widen(x: i32) -> Self;
}

/// The missing marker of narrow cells.
const NARROW_MISSING: i32 = i32::MIN;

impl Narrow for i64 {
    /// Seconds as whole minutes (the dates of most exports): ±4,000 years around 1970.
    fn narrow(self) -> Option<i32> {
        if self == NO_DATE {
            return Some(NARROW_MISSING);
        }
        if self % 60 != 0 {
            return None;
        }
        i32::try_from(self / 60)
            .ok()
            .filter(|&m| m != NARROW_MISSING)
    }

    fn widen(x: i32) -> Self {
        if x == NARROW_MISSING {
            NO_DATE
        } else {
            i64::from(x) * 60
        }
    }
}

impl Narrow for f64 {
    /// Whole numbers of 32 bits; `NaN` (missing). Not -0, which would come back as 0.
    fn narrow(self) -> Option<i32> {
        if self.is_nan() {
            return Some(NARROW_MISSING);
        }
        let x = self as i32;
        (f64::from(x) == self && x != NARROW_MISSING && self.to_bits() != (-0f64).to_bits())
            .then_some(x)
    }

    fn widen(x: i32) -> Self {
        if x == NARROW_MISSING {
            f64::NAN
        } else {
            f64::from(x)
        }
    }
}

/// The rows whose code `filled_code` marks, as a bit a row, and how many they are.
fn filled_rows(codes: &Codes, filled_code: &[bool]) -> (Vec<u64>, usize) {
    let is_filled = |c: usize| filled_code.get(c).copied().unwrap_or(false);
    let mut bits = vec![0u64; codes.len().div_ceil(64)];
    let mut count = 0;
    with_codes!(codes, |v| {
        for (r, &c) in v.iter().enumerate() {
            if is_filled(c as usize) {
                count += 1;
                if let Some(w) = bits.get_mut(r / 64) {
                    *w |= 1 << (r % 64);
                }
            }
        }
    });
    (bits, count)
}

/// Per row, `lut[code]` (`missing` past its end); only the rows whose code `only` marks,
/// when given.
fn gather<U: Copy>(codes: &Codes, lut: &[U], missing: U, only: Option<&[bool]>) -> Vec<U> {
    let at = |c: usize| lut.get(c).copied().unwrap_or(missing);
    match only {
        None => with_codes!(codes, |v| v.iter().map(|&c| at(c as usize)).collect()),
        Some(keep) => {
            let kept = |c: usize| keep.get(c).copied().unwrap_or(false);
            with_codes!(codes, |v| v
                .iter()
                .filter(|&&c| kept(c as usize))
                .map(|&c| at(c as usize))
                .collect())
        }
    }
}

impl<T: Narrow> Cells<T> {
    /// Cells from dictionary codes and each code's value, in whichever form takes the least
    /// memory: coded, dense, or narrow when every value allows (`missing` for codes without
    /// a value).
    pub fn from_codes(codes: Codes, values: Vec<T>, missing: T) -> Self {
        let code_bytes = match codes {
            Codes::U8(_) => 1,
            Codes::U16(_) => 2,
            Codes::U32(_) => 4,
        };
        let (n, width) = (codes.len(), std::mem::size_of::<T>());
        // Each value in 32 bits, when every one allows; which codes are filled cells.
        let narrow: Option<Vec<i32>> = values.iter().map(|v| v.narrow()).collect();
        let empty = |v: &T| v.narrow() == Some(NARROW_MISSING);
        let filled_code: Vec<bool> = values.iter().map(|v| !empty(v)).collect();
        let (bits, filled) = filled_rows(&codes, &filled_code);
        // Bytes of each form: a code a row and each value; a value a row; 32 bits a row; a
        // bit a row, a count a word and each filled cell's value.
        let value_bytes = if narrow.is_some() { 4 } else { width };
        let sizes = [
            code_bytes * n + width * values.len(),
            width * n,
            narrow.as_ref().map_or(usize::MAX, |_| 4 * n),
            if empty(&missing) {
                n / 8 + n / 16 + value_bytes * filled
            } else {
                usize::MAX
            },
        ];
        let best = (0..sizes.len()).min_by_key(|&k| sizes[k]).unwrap_or(1);
        let only = Some(filled_code.as_slice());
        match (best, narrow) {
            (3, narrow) => {
                let packed = match narrow {
                    Some(lut) => Packed::Narrow(gather(&codes, &lut, NARROW_MISSING, only)),
                    None => Packed::Wide(gather(&codes, &values, missing, only)),
                };
                // (They agree by construction.)
                match Cells::sparse(n, bits, packed) {
                    Some(sparse) => sparse,
                    None => Cells::Dense(gather(&codes, &values, missing, None)),
                }
            }
            (2, Some(lut)) => Cells::Narrow(gather(&codes, &lut, NARROW_MISSING, None)),
            (0, _) => {
                let mut codes = codes;
                codes.shrink_to_fit();
                Cells::Coded { codes, values }
            }
            _ => Cells::Dense(gather(&codes, &values, missing, None)),
        }
    }

    /// Sparse cells of `rows` rows, the filled ones' bits in `filled` and their values in
    /// `values`; `None` when they do not agree (as many values as bits set, no bit past the
    /// rows).
    pub fn sparse(rows: usize, filled: Vec<u64>, values: Packed<T>) -> Option<Self> {
        if filled.len() != rows.div_ceil(64) {
            return None;
        }
        if let Some(&last) = filled.last() {
            if rows % 64 != 0 && last >> (rows % 64) != 0 {
                return None;
            }
        }
        let mut before = Vec::with_capacity(filled.len());
        let mut count = 0u32;
        for w in &filled {
            before.push(count);
            count = count.checked_add(w.count_ones())?;
        }
        (count as usize == values.len()).then_some(Cells::Sparse {
            rows,
            filled,
            before,
            values,
        })
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        match self {
            Cells::Dense(v) => v.len(),
            Cells::Coded { codes, .. } => codes.len(),
            Cells::Narrow(v) => v.len(),
            Cells::Sparse { rows, .. } => *rows,
        }
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The cell at `row` (the missing marker included).
    #[inline]
    pub fn get(&self, row: usize) -> Option<T> {
        match self {
            Cells::Dense(v) => v.get(row).copied(),
            Cells::Coded { codes, values } => {
                codes.get(row).and_then(|c| values.get(c as usize).copied())
            }
            Cells::Narrow(v) => v.get(row).map(|&x| T::widen(x)),
            Cells::Sparse { .. } => self.sparse_at(row),
        }
    }

    /// [`get`](Self::get) of sparse cells (out of line: `get` is inlined where it is used).
    #[inline(never)]
    fn sparse_at(&self, row: usize) -> Option<T> {
        let Cells::Sparse {
            rows,
            filled,
            before,
            values,
        } = self
        else {
            return None;
        };
        if row >= *rows {
            return None;
        }
        let (w, b) = (filled.get(row / 64)?, row % 64);
        Some(if w >> b & 1 == 0 {
            T::widen(NARROW_MISSING)
        } else {
            let i = before.get(row / 64)?.to_owned() as usize
                + (w & ((1u64 << b) - 1)).count_ones() as usize;
            values.get(i).unwrap_or_else(|| T::widen(NARROW_MISSING))
        })
    }

    /// `f` of every cell, in row order; for coded cells `f` runs once per distinct value.
    pub fn map<U: Copy + Default>(&self, mut f: impl FnMut(T) -> U) -> Vec<U> {
        match self {
            Cells::Dense(v) => v.iter().map(|&x| f(x)).collect(),
            Cells::Coded { codes, values } => {
                let lut: Vec<U> = values.iter().map(|&x| f(x)).collect();
                let at = |c: usize| lut.get(c).copied().unwrap_or_default();
                with_codes!(codes, |v| v.iter().map(|&c| at(c as usize)).collect())
            }
            Cells::Narrow(v) => v.iter().map(|&x| f(T::widen(x))).collect(),
            Cells::Sparse {
                rows,
                filled,
                values,
                ..
            } => {
                let gone = f(T::widen(NARROW_MISSING));
                let mut next = 0;
                (0..*rows)
                    .map(|r| {
                        let set = filled.get(r / 64).is_some_and(|w| w >> (r % 64) & 1 == 1);
                        match set.then(|| values.get(next)).flatten() {
                            Some(x) => {
                                next += 1;
                                f(x)
                            }
                            None => gone,
                        }
                    })
                    .collect()
            }
        }
    }

    /// Every cell, in row order.
    pub fn to_vec(&self) -> Vec<T>
    where
        T: Default,
    {
        self.map(|x| x)
    }

    /// How many cells `keep` holds for; for coded cells `keep` runs once per distinct value
    /// (a column's filled cells are counted when a file is loaded: a lookup a row, not a
    /// match on the representation a row).
    pub fn count(&self, mut keep: impl FnMut(T) -> bool) -> usize {
        match self {
            Cells::Dense(v) => v.iter().filter(|&&x| keep(x)).count(),
            Cells::Coded { codes, values } => {
                let lut: Vec<bool> = values.iter().map(|&x| keep(x)).collect();
                let kept = |c: usize| lut.get(c).copied().unwrap_or(false);
                with_codes!(codes, |v| v.iter().filter(|&&c| kept(c as usize)).count())
            }
            Cells::Narrow(v) => v.iter().filter(|&&x| keep(T::widen(x))).count(),
            Cells::Sparse { rows, values, .. } => {
                let empty = if keep(T::widen(NARROW_MISSING)) {
                    rows - values.len().min(*rows)
                } else {
                    0
                };
                empty + values.count(keep)
            }
        }
    }

    /// Every cell, in row order.
    pub fn iter(&self) -> impl Iterator<Item = T> + '_ {
        (0..self.len()).filter_map(move |r| self.get(r))
    }
}

/// The values of one column.
#[derive(Debug, Clone)]
pub enum ColumnData {
    /// Numbers; `NaN` marks an empty cell.
    Number(Cells<f64>),
    /// Seconds since 1970-01-01 UTC; [`NO_DATE`] marks an empty cell.
    Date(Cells<i64>),
    /// 0 false, 1 true, [`NO_BOOL`] empty.
    Bool(Vec<u8>),
    /// Bands such as `51-200`: dictionary-encoded, with the bounds of each distinct value
    /// (`NaN` bounds for the empty value).
    Range {
        codes: Codes,
        dict: Dict,
        bounds: Vec<(f64, f64)>,
    },
    /// Dictionary-encoded text; code 0 is the empty string.
    Text { codes: Codes, dict: Dict },
}

/// What kind of values a column holds, as the page and CLI report it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ColumnKind {
    Number,
    Date,
    Bool,
    Range,
    Text,
}

/// The original text of cells whose typed value does not render back to it.
#[derive(Debug, Clone, Default)]
pub enum Originals {
    /// Every cell renders back to its text.
    #[default]
    None,
    /// Row → index into `dict`, for the few cells that differ.
    Sparse {
        rows: rustc_hash::FxHashMap<u32, u32>,
        dict: Dict,
    },
    /// Most cells differ: the whole column's text, dictionary-encoded.
    Full { codes: Codes, dict: Dict },
}

/// One named column.
#[derive(Debug, Clone)]
pub struct Column {
    pub name: String,
    pub data: ColumnData,
    /// How the column writes its values (for rendering them back).
    pub format: ColumnType,
    pub originals: Originals,
    /// How the column was read, when the data alone could not decide (e.g. day/month order).
    pub note: Option<String>,
    /// The e-mail domains of a column of addresses, worked out by the part that typed it when
    /// the file was read in parts (otherwise by the scorer, when a rule needs them).
    pub domains: Option<std::sync::Arc<crate::score::email::Domains>>,
}

impl Column {
    /// A text column.
    pub fn text(name: String, codes: Codes, dict: Dict) -> Self {
        Column {
            name,
            data: ColumnData::Text { codes, dict },
            format: ColumnType::Text,
            originals: Originals::None,
            note: None,
            domains: None,
        }
    }

    /// The column's codes when its cells are dictionary codes (text, ranges, and coded numbers
    /// and dates), so that a value computed per code can be looked up per row.
    #[inline]
    pub fn codes(&self) -> Option<&Codes> {
        match &self.data {
            ColumnData::Text { codes, .. }
            | ColumnData::Range { codes, .. }
            | ColumnData::Number(Cells::Coded { codes, .. })
            | ColumnData::Date(Cells::Coded { codes, .. }) => Some(codes),
            _ => None,
        }
    }

    /// The column's kind.
    pub fn kind(&self) -> ColumnKind {
        match self.data {
            ColumnData::Number(_) => ColumnKind::Number,
            ColumnData::Date(_) => ColumnKind::Date,
            ColumnData::Bool(_) => ColumnKind::Bool,
            ColumnData::Range { .. } => ColumnKind::Range,
            ColumnData::Text { .. } => ColumnKind::Text,
        }
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        match &self.data {
            ColumnData::Number(v) => v.len(),
            ColumnData::Date(v) => v.len(),
            ColumnData::Bool(v) => v.len(),
            ColumnData::Range { codes, .. } | ColumnData::Text { codes, .. } => codes.len(),
        }
    }

    /// Whether the column has no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many values a per-code lookup of this column covers (its codes: a dictionary's
    /// entries, a coded column's values, a yes/no column's three states); 0 when its cells
    /// are not codes.
    pub fn distinct_codes(&self) -> usize {
        match &self.data {
            ColumnData::Text { dict, .. } | ColumnData::Range { dict, .. } => dict.len(),
            ColumnData::Number(Cells::Coded { values, .. }) => values.len(),
            ColumnData::Date(Cells::Coded { values, .. }) => values.len(),
            ColumnData::Bool(_) => 3,
            _ => 0,
        }
    }

    /// Number of distinct non-empty values (text, ranges) or of non-empty cells (the others).
    pub fn distinct_or_filled(&self) -> usize {
        match &self.data {
            ColumnData::Number(v) => v.count(|x| !x.is_nan()),
            ColumnData::Date(v) => v.count(|x| x != NO_DATE),
            ColumnData::Bool(v) => v.iter().filter(|&&x| x != NO_BOOL).count(),
            ColumnData::Range { dict, .. } | ColumnData::Text { dict, .. } => dict.len() - 1,
        }
    }

    /// The typed value of the cell at `row`.
    pub fn value(&self, row: usize) -> Value {
        match &self.data {
            ColumnData::Number(v) => match v.get(row) {
                Some(x) if !x.is_nan() => Value::Number(x),
                _ => Value::Missing,
            },
            ColumnData::Date(v) => match v.get(row) {
                Some(secs) if secs != NO_DATE => Value::Date {
                    secs,
                    has_time: matches!(&self.format, ColumnType::Date(f) if f.has_time),
                },
                _ => Value::Missing,
            },
            ColumnData::Bool(v) => match v.get(row) {
                Some(0) => Value::Bool(false),
                Some(1) => Value::Bool(true),
                _ => Value::Missing,
            },
            ColumnData::Range { codes, bounds, .. } => {
                match codes.get(row).and_then(|c| bounds.get(c as usize)) {
                    Some(&(lo, hi)) if !lo.is_nan() => Value::Range { lo, hi },
                    _ => Value::Missing,
                }
            }
            ColumnData::Text { .. } => Value::Missing,
        }
    }

    /// The cell at `row` as it was written in the export.
    pub fn display(&self, row: usize) -> String {
        match &self.originals {
            Originals::Full { codes, dict } => {
                return codes.get(row).map_or("", |c| dict.get(c)).to_string();
            }
            Originals::Sparse { rows, dict } => {
                if let Some(&i) = rows.get(&(row as u32)) {
                    return dict.get(i).to_string();
                }
            }
            Originals::None => {}
        }
        match &self.data {
            ColumnData::Text { codes, dict } | ColumnData::Range { codes, dict, .. } => {
                codes.get(row).map_or("", |c| dict.get(c)).to_string()
            }
            _ => match self.value(row) {
                Value::Missing => String::new(),
                v => values::render(v, &self.format),
            },
        }
    }

    /// The column's values as display text, indexed by code, for a column whose rules are
    /// evaluated per distinct value (text and ranges); `None` for the others.
    pub fn codes_and_dict(&self) -> Option<(&Codes, &Dict)> {
        match &self.data {
            ColumnData::Text { codes, dict } | ColumnData::Range { codes, dict, .. } => {
                Some((codes, dict))
            }
            _ => None,
        }
    }
}

/// The distinct values of a text column, stored end to end in one buffer: a million distinct
/// e-mail addresses cost one allocation, not a million.
#[derive(Debug, Clone)]
pub struct Dict {
    bytes: String,
    /// `ends[i]`: where value `i` ends in `bytes` (it starts where value `i - 1` ends).
    ends: Vec<usize>,
}

impl Default for Dict {
    fn default() -> Self {
        Dict {
            bytes: String::new(),
            ends: vec![0],
        }
    }
}

impl Dict {
    /// A dictionary holding only the empty value (code 0).
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of values, the empty one included.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Never true: code 0, the empty value, is always there.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The value of `code`, if there is one.
    pub fn try_get(&self, code: u32) -> Option<&str> {
        let i = code as usize;
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        self.bytes.get(start..end)
    }

    /// The value of `code` (empty for an unknown code).
    pub fn get(&self, code: u32) -> &str {
        self.try_get(code).unwrap_or_default()
    }

    /// The bytes of `code`'s value (empty for an unknown code): no character-boundary checks,
    /// for the builder's index, which compares bytes.
    #[inline]
    fn get_bytes(&self, code: u32) -> &[u8] {
        let i = code as usize;
        let start = match i.checked_sub(1) {
            Some(p) => self.ends.get(p).copied().unwrap_or(0),
            None => 0,
        };
        let end = self.ends.get(i).copied().unwrap_or(start);
        self.bytes.as_bytes().get(start..end).unwrap_or_default()
    }

    /// Every value in code order, the empty one first.
    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.ends.len() as u32).map(move |c| self.get(c))
    }

    /// The same values, each once, in order of first appearance; `codes` are rewritten to
    /// them. Done in place and by sorting, not hashing into a table: the values are read in
    /// order, and only values sharing a hash are compared, so it stays in the CPU caches.
    pub fn dedup(mut self, codes: &mut Codes) -> Dict {
        let n = self.ends.len();
        // (32-bit hash, code), sorted: equal values end up side by side, earliest code first.
        // (As i64, whose sort the crate has anyway: the same groups, in another order.)
        let mut keyed: Vec<i64> = (0..n as u32)
            .map(|c| ((hash(self.get_bytes(c)) >> 32) << 32 | u64::from(c)) as i64)
            .collect();
        keyed.sort_unstable();
        // `first[c]`: the earliest code with the same hash as `c`.
        let mut first: Vec<u32> = (0..n as u32).collect();
        for group in keyed.chunk_by(|a, b| a >> 32 == b >> 32) {
            if let [head, rest @ ..] = group {
                for &k in rest {
                    if let Some(f) = first.get_mut(k as u32 as usize) {
                        *f = *head as u32;
                    }
                }
            }
        }
        drop(keyed);
        // Then the same value, checked in code order (each value read in turn, only its
        // candidate a jump away). A value whose hash it merely shares maps to the earliest
        // code with its own value, found by its bytes.
        let (mut clashes, mut clash_first) = (Interner::new(), vec![0u32]);
        for (c, f) in first.iter_mut().enumerate().skip(1) {
            if *f as usize == c {
                continue;
            }
            let value = self.get_bytes(c as u32);
            if !same(self.get_bytes(*f), value) {
                let k = clashes.code(self.get(c as u32)) as usize;
                if k == clash_first.len() {
                    clash_first.push(c as u32);
                }
                *f = clash_first.get(k).copied().unwrap_or(c as u32);
            }
        }
        drop(clashes);
        // In place, in code order: each first occurrence moves down to the next new code
        // (never above where it was), and `first` becomes the map from old code to new. The
        // bytes move a run of kept values at a time (the values between two repeats), not a
        // value at a time: a column of nearly all-different values is one or a few runs.
        let mut bytes = std::mem::take(&mut self.bytes).into_bytes();
        let (mut next, mut start, mut write) = (0usize, 0usize, 0usize);
        // The run of kept values not moved yet: its first byte, and where it goes.
        let (mut run, mut to) = (0usize, 0usize);
        for c in 0..n {
            let end = self.ends[c];
            let r = first[c] as usize;
            if r == c {
                write += end - start;
                self.ends[next] = write;
                first[c] = next as u32;
                next += 1;
            } else {
                // A repeat: the run before it moves down, and the next run starts after it.
                bytes.copy_within(run..start, to);
                to += start - run;
                run = end;
                first[c] = first[r];
            }
            start = end;
        }
        bytes.copy_within(run..start, to);
        // Not shrunk here: a column typed as dates or numbers drops its dictionary soon, and
        // one kept as text is shrunk once typed (`Dict::shrink_to_fit`).
        self.ends.truncate(next);
        bytes.truncate(write);
        // Whole values were moved, so the text is as valid as it was.
        self.bytes = String::from_utf8(bytes).unwrap_or_default();
        with_codes!(codes, |v| for x in v.iter_mut() {
            // A new code is never larger than the old one, so it fits the same width.
            *x = first.get(*x as usize).copied().unwrap_or(0) as _;
        });
        self
    }

    /// The text of every value end to end, and where each ends.
    pub fn parts(&self) -> (&str, &[usize]) {
        (&self.bytes, &self.ends)
    }

    /// A dictionary from [`Dict::parts`]; `None` unless the ends rise from the empty value's
    /// 0 up to at most the text's length, each on a character boundary.
    pub fn from_parts(bytes: String, ends: Vec<usize>) -> Option<Dict> {
        let ok = ends.first() == Some(&0)
            && ends.windows(2).all(|w| w[0] <= w[1])
            && ends.last().is_some_and(|&e| e <= bytes.len())
            && ends.iter().all(|&e| bytes.is_char_boundary(e));
        ok.then_some(Dict { bytes, ends })
    }

    /// Give back the room reserved for values that never came (or were de-duplicated away).
    pub fn shrink_to_fit(&mut self) {
        self.ends.shrink_to_fit();
        self.bytes.shrink_to_fit();
    }

    /// Append a value (no de-duplication: the builder does that); returns its code.
    pub fn push(&mut self, value: &str) -> u32 {
        self.bytes.push_str(value);
        self.ends.push(self.bytes.len());
        (self.ends.len() - 1) as u32
    }
}

/// Shortest text for a number: integers without a decimal point.
pub fn format_number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

/// A loaded export: columns of equal length.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: usize,
}

impl Table {
    /// Index of the column whose header is exactly `name`, or failing that, whose folded header
    /// key matches `name`'s.
    pub fn find(&self, name: &str) -> Option<usize> {
        self.columns
            .iter()
            .position(|c| c.name == name)
            .or_else(|| {
                let key = crate::text::header_key(name);
                self.columns
                    .iter()
                    .position(|c| crate::text::header_key(&c.name) == key)
            })
    }
}

/// Builds a table row by row, dictionary-encoding every column, then types each column from
/// its distinct values (cheap: a column of a million page-view counts has a few hundred).
#[derive(Debug)]
pub struct TableBuilder {
    names: Vec<String>,
    columns: Vec<ColumnBuilder>,
    rows: usize,
    /// Rows expected in all, when the input's size gave an estimate (see `reserve_rows`).
    expected_rows: Option<usize>,
    /// The share of the columns this builder keeps, when several read the same file.
    part: Option<Part>,
    /// Whether the columns have been shared out between the parts (at [`SPLIT_ROWS`]).
    split: bool,
}

/// One of `count` readers of the same file, each building and typing its own share of the
/// columns (the page reads a large file in two workers at once, one per core). Every reader
/// reads every row, so rows and their problems come out the same in each; which columns a
/// reader keeps is decided from the first [`SPLIT_ROWS`] rows, the same in each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Part {
    pub index: usize,
    pub count: usize,
}

/// Rows read before the columns are shared out between parts: enough to tell the columns of
/// nearly all-different values (the costly ones) from the others.
pub const SPLIT_ROWS: usize = 1024;

/// What a column's first rows say about the cost of building and typing the rest of it.
#[derive(Debug, Clone, Copy, Default)]
pub struct FirstRows {
    /// Cells filled.
    pub cells: usize,
    /// Distinct values.
    pub distinct: usize,
    /// Bytes of the distinct values.
    pub bytes: usize,
    /// Whether the values look like e-mail addresses (their domains are worked out too).
    pub addresses: bool,
}

impl FirstRows {
    /// Per cell, a lookup; per distinct value, an append, a de-duplication and its typing,
    /// which weigh about ten cells (measured on the native build), and as much again for an
    /// address's domain; per byte, the copy.
    fn cost(&self) -> usize {
        let per_value = if self.addresses { 20 } else { 10 };
        self.cells
            .saturating_add(self.distinct.saturating_mul(per_value))
            .saturating_add(self.bytes)
    }
}

/// The owner (part index) of each column, for `count` parts: each column's cost is
/// estimated from its first rows, and the costliest go first to the least loaded part.
pub fn share_columns(costs: &[FirstRows], count: usize) -> Vec<usize> {
    let count = count.max(1);
    let cost = FirstRows::cost;
    // Costliest first, then by index: (cost, index) packed in one sortable key (a column's
    // first rows cost under 2^40; there are under 2^20 columns).
    const MAX_COST: u64 = 1 << 40;
    let mut order: Vec<i64> = costs
        .iter()
        .enumerate()
        .map(|(i, c)| ((MAX_COST - (cost(c) as u64).min(MAX_COST - 1)) << 20 | i as u64) as i64)
        .collect();
    order.sort_unstable();
    let mut load = vec![0usize; count];
    let mut owner = vec![0usize; costs.len()];
    for i in order.into_iter().map(|k| (k & 0xF_FFFF) as usize) {
        // (Weighing a helper's share a sixth more, for its columns' hand-over, balanced the
        // parts better in Node but made the load 200 ms slower in Chromium: not done.)
        let least = (0..count).min_by_key(|&p| (load[p], p)).unwrap_or(0);
        load[least] = load[least].saturating_add(costs.get(i).map_or(0, cost));
        owner[i] = least;
    }
    owner
}

/// Distinct strings and their codes: a compact dictionary (the empty string is code 0) and
/// the index that finds a string's code by hashing it (the cell hash below: the index is hit
/// once per cell, and SipHash's flood resistance buys nothing for a user's own file).
#[derive(Debug)]
pub struct Interner {
    dict: Dict,
    /// Values of 17 bytes or more, by code (compared through the dictionary).
    index: hashbrown::HashTable<u32>,
    /// Values of 1 to 7 bytes, by their [`short_key`], with their code: found without reading
    /// the dictionary. A file's columns of small numbers, codes and short names ("2", "No",
    /// "France") are looked up on every row, and with a few thousand values each, the
    /// dictionary reads behind a lookup missed the CPU caches (a third of the reading time
    /// of 100,000 leads went to the lookups).
    short: hashbrown::HashTable<(u64, u32)>,
    /// Values of 8 to 16 bytes the same way, by their first and last eight bytes and their
    /// length ([`Medium`]): most names, places, titles and domains.
    medium: hashbrown::HashTable<Medium>,
}

impl Default for Interner {
    fn default() -> Self {
        Interner {
            dict: Dict::new(),
            index: hashbrown::HashTable::new(),
            short: hashbrown::HashTable::new(),
            medium: hashbrown::HashTable::new(),
        }
    }
}

/// A value of 8 to 16 bytes as two words (its first and last eight bytes, which overlap below
/// 16) and its length, with its code.
#[derive(Debug, Clone, Copy)]
struct Medium {
    first: u64,
    last: u64,
    len: u32,
    code: u32,
}

impl Medium {
    #[inline(always)]
    fn of(v: &[u8]) -> Option<Medium> {
        let n = v.len();
        (8..=16).contains(&n).then(|| Medium {
            first: word(v, 0),
            last: word(v, n - 8),
            len: n as u32,
            code: 0,
        })
    }

    #[inline(always)]
    fn same(&self, other: &Medium) -> bool {
        self.first == other.first && self.last == other.last && self.len == other.len
    }

    /// The start of the cell hash of the same bytes, its high bits folded in (hashbrown
    /// picks the bucket from the low ones).
    #[inline(always)]
    fn hash(&self) -> u64 {
        let h = hash_start(self.first, self.last, self.len as usize);
        h ^ h >> 32
    }
}

/// A value of 1 to 7 bytes as one word: its bytes, and its length in the top byte (so that
/// values that differ only by trailing zero bytes differ).
#[inline(always)]
fn short_key(v: &[u8]) -> Option<u64> {
    let n = v.len();
    if n == 0 || n > 7 {
        return None;
    }
    let bytes = match n {
        1..=3 => {
            u64::from(v[0])
                | u64::from(v[n / 2]) << ((n / 2) * 8)
                | u64::from(v[n - 1]) << ((n - 1) * 8)
        }
        _ => u64::from(half(v, 0)) | u64::from(half(v, n - 4)) << ((n - 4) * 8),
    };
    Some(bytes | (n as u64) << 56)
}

/// The hash of a [`short_key`].
#[inline(always)]
fn short_hash(key: u64) -> u64 {
    let h = (key ^ key >> 29).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    h ^ h >> 32
}

impl Interner {
    /// Only the empty string, code 0.
    pub fn new() -> Self {
        Self::default()
    }

    /// The code of `value`, added when new.
    #[inline]
    pub fn code(&mut self, value: &str) -> u32 {
        if value.is_empty() {
            return 0;
        }
        let bytes = value.as_bytes();
        if let Some(key) = short_key(bytes) {
            let h = short_hash(key);
            if let Some(&(_, c)) = self.short.find(h, |&(k, _)| k == key) {
                return c;
            }
            let c = self.dict.push(value);
            self.short
                .insert_unique(h, (key, c), |&(k, _)| short_hash(k));
            return c;
        }
        if let Some(mut key) = Medium::of(bytes) {
            let h = key.hash();
            if let Some(m) = self.medium.find(h, |m| m.same(&key)) {
                return m.code;
            }
            key.code = self.dict.push(value);
            self.medium.insert_unique(h, key, Medium::hash);
            return key.code;
        }
        let hash = hash(bytes);
        let dict = &self.dict;
        if let Some(&c) = self.index.find(hash, |&c| same(dict.get_bytes(c), bytes)) {
            return c;
        }
        let c = self.dict.push(value);
        let dict = &self.dict;
        self.index
            .insert_unique(hash, c, |&c| self::hash(dict.get_bytes(c)));
        c
    }

    /// The code of `value`, if it is there.
    pub fn find(&self, value: &str) -> Option<u32> {
        let bytes = value.as_bytes();
        if bytes.is_empty() {
            return Some(0);
        }
        if let Some(key) = short_key(bytes) {
            return self
                .short
                .find(short_hash(key), |&(k, _)| k == key)
                .map(|&(_, c)| c);
        }
        if let Some(key) = Medium::of(bytes) {
            return self
                .medium
                .find(key.hash(), |m| m.same(&key))
                .map(|m| m.code);
        }
        let dict = &self.dict;
        self.index
            .find(hash(bytes), |&c| same(dict.get_bytes(c), bytes))
            .copied()
    }

    /// An interner holding `values`.
    pub fn of<'a>(values: impl IntoIterator<Item = &'a str>) -> Self {
        let mut i = Interner::new();
        for v in values {
            i.code(v);
        }
        i
    }

    /// Let go of the lookup tables: values are then only appended (see
    /// [`ColumnBuilder::check_unique`]).
    fn forget_lookups(&mut self) {
        self.index = hashbrown::HashTable::new();
        self.short = hashbrown::HashTable::new();
        self.medium = hashbrown::HashTable::new();
    }

    /// The strings, by code.
    pub fn into_dict(self) -> Dict {
        self.dict
    }
}

/// One column being built: its codes and its values.
#[derive(Debug)]
struct ColumnBuilder {
    codes: Codes,
    values: Interner,
    /// Every value is appended as it comes, without looking it up (see [`UNIQUE_CHECK_ROWS`]).
    appends: bool,
    /// Another part builds this column: its cells are passed over.
    skip: bool,
}

/// After this many rows, a column whose filled cells are nearly all different (e-mail
/// addresses, timestamps, company names) stops de-duplicating its values while the file is
/// read: the lookup of a value among hundreds of thousands misses the CPU caches, and took
/// three quarters of the reading time of a million-row export. The column is de-duplicated
/// once at the end instead, by sorting ([`Dict::dedup`]), which stays in the caches, just
/// before it is typed (when the columns typed before it have given back their scratch).
const UNIQUE_CHECK_ROWS: usize = 16_384;

/// At [`UNIQUE_CHECK_ROWS`], distinct values over filled cells above which a column appends.
const UNIQUE_SHARE: f64 = 0.7;

impl ColumnBuilder {
    fn new() -> Self {
        ColumnBuilder {
            codes: Codes::default(),
            values: Interner::new(),
            appends: false,
            skip: false,
        }
    }

    /// Switch to appending when the filled cells so far (of `rows`) are nearly all different;
    /// with `expected` rows in all, reserve the dictionary for them at the same rate, once.
    fn check_unique(&mut self, rows: usize, expected: Option<usize>) {
        let filled = self.codes.iter().filter(|&c| c != 0).count();
        let distinct = self.values.dict.len() - 1;
        if filled < 1024 || distinct as f64 <= UNIQUE_SHARE * filled as f64 {
            return;
        }
        self.appends = true;
        self.values.forget_lookups();
        let dict = &mut self.values.dict;
        if let Some(expected) = expected.filter(|&e| e > rows) {
            // A twentieth more than the rate so far, so that a file a little denser at the
            // end does not double the whole dictionary for its last rows.
            let more = filled.saturating_mul(expected - rows) / rows * 21 / 20;
            let per_value = dict.bytes.len().div_ceil(distinct.max(1));
            dict.ends.reserve_exact(more);
            dict.bytes.reserve_exact(more.saturating_mul(per_value));
        }
    }

    /// The code of `value` (trimmed), added to the dictionary when new.
    #[inline]
    fn code(&mut self, value: &str) -> u32 {
        if self.appends {
            if value.is_empty() {
                return 0;
            }
            return self.values.dict.push(value);
        }
        self.values.code(value)
    }
}

impl TableBuilder {
    /// A builder for the given headers.
    pub fn new(names: Vec<String>) -> Self {
        let columns = names.iter().map(|_| ColumnBuilder::new()).collect();
        TableBuilder {
            names,
            columns,
            rows: 0,
            expected_rows: None,
            part: None,
            split: false,
        }
    }

    /// Build only `part`'s share of the columns (see [`Part`]); before the first row.
    pub fn set_part(&mut self, part: Option<Part>) {
        self.part = part.filter(|p| p.count > 1 && p.index < p.count);
    }

    /// Whether the columns have been shared out between the parts (always true once a part
    /// has read [`SPLIT_ROWS`] rows; a builder that is not a part counts as shared out once
    /// too).
    pub fn is_split(&self) -> bool {
        self.split
    }

    /// Whether this builder keeps column `i` (every column, unless it is one part of several).
    pub fn owns(&self, i: usize) -> bool {
        self.columns.get(i).is_some_and(|c| !c.skip)
    }

    /// Share the columns out between the parts, and let go of the others' cells so far.
    fn split(&mut self) {
        self.split = true;
        let Some(part) = self.part else { return };
        let costs: Vec<FirstRows> = self
            .columns
            .iter()
            .map(|c| FirstRows {
                cells: c.codes.iter().filter(|&x| x != 0).count(),
                distinct: c.values.dict.len() - 1,
                bytes: c.values.dict.bytes.len(),
                addresses: crate::score::email::looks_like_addresses(c.values.dict.iter()),
            })
            .collect();
        let owner = share_columns(&costs, part.count);
        for (c, &o) in self.columns.iter_mut().zip(&owner) {
            if o != part.index {
                *c = ColumnBuilder::new();
                c.skip = true;
            }
        }
        // The reservation waited for the split: only the kept columns are sized.
        if let Some(expected) = self.expected_rows {
            let more = expected.saturating_sub(self.rows);
            for c in self.columns.iter_mut().filter(|c| !c.skip) {
                c.codes.reserve_exact(more);
            }
        }
    }

    /// Number of columns.
    pub fn width(&self) -> usize {
        self.names.len()
    }

    /// Append one row; fields past `width()` are ignored, missing ones are empty. Cells are
    /// trimmed.
    pub fn push_row<'a, I: IntoIterator<Item = &'a str>>(&mut self, fields: I) {
        let fields: Vec<&str> = fields.into_iter().take(self.width()).collect();
        self.push_fields(fields.len(), |i| fields.get(i).copied().unwrap_or_default());
    }

    /// [`push_row`](Self::push_row) of a row of `n` fields, field `i` being `field(i)`: asked
    /// only for the columns this builder builds (read in parts, the others are passed over
    /// without their text being looked at).
    pub fn push_fields<'a>(&mut self, n: usize, field: impl Fn(usize) -> &'a str) {
        for (i, col) in self.columns.iter_mut().enumerate() {
            if col.skip {
                continue;
            }
            let code = if i < n { col.code(trim(field(i))) } else { 0 };
            col.codes.push(code);
        }
        self.rows += 1;
        if self.rows == SPLIT_ROWS && !self.split {
            self.split();
        }
        if self.rows == UNIQUE_CHECK_ROWS {
            let (rows, expected) = (self.rows, self.expected_rows);
            for c in self.columns.iter_mut().filter(|c| !c.skip) {
                c.check_unique(rows, expected);
            }
        }
    }

    /// The name of column `i` ("" past the last).
    pub fn name(&self, i: usize) -> &str {
        self.names.get(i).map_or("", String::as_str)
    }

    /// Room for `additional` more rows in every column, reserved once (a column grown by
    /// doubling holds up to twice its size, and in WebAssembly leaves the smaller copies behind
    /// as holes the memory never gives back).
    pub fn reserve_rows(&mut self, additional: usize) {
        self.expected_rows = Some(self.rows + additional);
        // One part of several sizes only its own columns, once they are shared out.
        if self.part.is_some() && !self.split {
            return;
        }
        for c in self.columns.iter_mut().filter(|c| !c.skip) {
            c.codes.reserve_exact(additional);
        }
    }

    /// Rows pushed so far.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// The dictionary-encoded columns, untyped (see `ingest::typing`).
    pub fn finish_raw(mut self) -> RawTable {
        if !self.split {
            self.split();
        }
        let owned = self.columns.iter().map(|c| !c.skip).collect();
        let repeats = self.columns.iter().map(|c| c.appends).collect();
        let (codes, dicts) = self
            .columns
            .into_iter()
            .map(|c| (c.codes, c.values.dict))
            .unzip();
        RawTable {
            names: self.names,
            codes,
            dicts,
            repeats,
            owned,
            rows: self.rows,
        }
    }

    /// Every column as text, untyped (for tests and callers that want raw text).
    pub fn finish_text(self) -> Table {
        let raw = self.finish_raw();
        let rows = raw.rows;
        let columns = raw
            .names
            .into_iter()
            .zip(raw.codes)
            .zip(raw.dicts)
            .zip(raw.repeats)
            .map(|(((name, mut codes), dict), repeats)| {
                let dict = if repeats {
                    dict.dedup(&mut codes)
                } else {
                    dict
                };
                Column::text(name, codes, dict)
            })
            .collect();
        Table { columns, rows }
    }
}

/// Dictionary-encoded columns before typing.
#[derive(Debug)]
pub struct RawTable {
    pub names: Vec<String>,
    pub codes: Vec<Codes>,
    pub dicts: Vec<Dict>,
    /// Per column: whether its dictionary may hold a value more than once (it appended its
    /// values, see [`UNIQUE_CHECK_ROWS`]); [`Dict::dedup`] makes it one entry a value.
    pub repeats: Vec<bool>,
    /// Per column: whether this part built it (all, unless the file is read in parts).
    pub owned: Vec<bool>,
    pub rows: usize,
}

/// `s.trim()`, without decoding characters from both ends when they are plain ASCII (as in
/// nearly every cell): `str::trim` costs tens of instructions a cell.
#[inline]
pub fn trim(s: &str) -> &str {
    // The ASCII characters `char::is_whitespace` accepts.
    let space = |b: u8| matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ');
    match s.as_bytes() {
        [] => s,
        [first, .., last] | [first @ last]
            if first.is_ascii() && last.is_ascii() && !space(*first) && !space(*last) =>
        {
            s
        }
        _ => s.trim(),
    }
}

/// The builder's hash of a cell: every byte read, in at most two 8-byte loads for the short
/// values most cells hold, mixed by 64-bit multiplies by odd constants and rotations (each
/// step a bijection, so values differing in one word never collide before the finish), then
/// the high bits folded into the low ones, which pick hashbrown's bucket. No 128-bit product:
/// WebAssembly has none, and its emulation cost a call a cell. One copy, called (inlined in
/// every caller it made the wasm 500 bytes larger, and no faster).
#[inline(never)]
fn hash(v: &[u8]) -> u64 {
    let n = v.len();
    let (a, b) = match n {
        0 => (0, 0),
        1..=3 => (
            u64::from(v[0]) | u64::from(v[n / 2]) << 8 | u64::from(v[n - 1]) << 16,
            0,
        ),
        4..=7 => (u64::from(half(v, 0)), u64::from(half(v, n - 4))),
        _ => (word(v, 0), word(v, n - 8)),
    };
    let mut h = hash_start(a, b, n);
    // Past 16 bytes, the middle too, eight bytes at a time, its last few bytes in the word
    // that ends where the last one starts (whole words: a part-word copy is a `memcpy` call
    // in WebAssembly, and cost a tenth of the de-duplication of a column of addresses).
    if n > 16 {
        let middle = v.get(8..n - 8).unwrap_or_default();
        let words = middle.chunks_exact(8);
        let rest = !words.remainder().is_empty();
        for w in words {
            h = hash_step(h, <[u8; 8]>::try_from(w).map_or(0, u64::from_le_bytes));
        }
        if rest {
            h = hash_step(h, word(v, n - 16));
        }
    }
    h ^= h >> 32;
    h = h.wrapping_mul(K2);
    h ^ (h >> 29)
}

const K1: u64 = 0x9E37_79B9_7F4A_7C15;
const K2: u64 = 0xD6E8_FEB8_6659_FD93;
const K3: u64 = 0xA076_1D64_78BD_642F;

/// One word mixed into a hash.
#[inline(always)]
fn hash_step(h: u64, w: u64) -> u64 {
    (h.rotate_left(31) ^ w).wrapping_mul(K1)
}

/// The hash of a value of `n` bytes whose first word is `a` and second `b`, before its middle
/// and its finish ([`hash`]; [`Medium::hash`] stops here). The length is spread over the word
/// (xored in plain, it cancels a one-byte difference between values of neighbouring lengths:
/// "abaaa" and "abaaaa").
#[inline(always)]
fn hash_start(a: u64, b: u64, n: usize) -> u64 {
    hash_step((a ^ (n as u64).wrapping_mul(K3)).wrapping_mul(K2), b)
}

/// The 8 bytes of `v` from `at` (zeros past the end).
#[inline(always)]
fn word(v: &[u8], at: usize) -> u64 {
    v.get(at..at + 8)
        .and_then(|s| <[u8; 8]>::try_from(s).ok())
        .map_or(0, u64::from_le_bytes)
}

/// The 4 bytes of `v` from `at` (zeros past the end).
#[inline(always)]
fn half(v: &[u8], at: usize) -> u32 {
    v.get(at..at + 4)
        .and_then(|s| <[u8; 4]>::try_from(s).ok())
        .map_or(0, u32::from_le_bytes)
}

/// `a == b`, inline and a word at a time: the dictionary compares a cell with its match for
/// nearly every cell, and WebAssembly's `memcmp` is a call and a byte loop.
#[inline]
fn same(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    match n {
        // Byte by byte: a slice comparison is a call to `memcmp` in WebAssembly, and columns
        // of small numbers and codes ("2", "No", "C45") compare short values on every cell.
        0..=3 => a.iter().zip(b).all(|(x, y)| x == y),
        4..=7 => half(a, 0) == half(b, 0) && half(a, n - 4) == half(b, n - 4),
        _ => {
            let mut i = 0;
            while i + 8 < n {
                if word(a, i) != word(b, i) {
                    return false;
                }
                i += 8;
            }
            word(a, n - 8) == word(b, n - 8)
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn columns_are_shared_out_by_cost_the_same_way_every_time() {
        // Two costly columns go to different parts; the cheap ones fill in.
        let first = |cells, distinct, bytes| FirstRows {
            cells,
            distinct,
            bytes,
            addresses: false,
        };
        let costs = [
            first(1024, 1000, 20_000),
            first(10, 3, 12),
            first(1024, 1000, 26_000),
            first(1024, 5, 40),
        ];
        let owner = share_columns(&costs, 2);
        assert_eq!(owner, share_columns(&costs, 2), "deterministic");
        assert_ne!(
            owner[0], owner[2],
            "the two costly columns in different parts"
        );
        assert!(owner.iter().all(|&o| o < 2));
        assert!(owner.contains(&0) && owner.contains(&1));
        // One part: everything in it; no column: nothing.
        assert_eq!(share_columns(&costs, 1), vec![0; 4]);
        assert!(share_columns(&[], 2).is_empty());
        // Equal costs, an even count: shared evenly.
        let even = [first(100, 10, 100); 6];
        let zeros = share_columns(&even, 2).iter().filter(|&&o| o == 0).count();
        assert_eq!(zeros, 3, "{zeros} of 6 in part 0");
        // A column of addresses weighs more than the same column of other text: with three
        // like it, it is the one a part gets alone.
        let mut costs = [first(1024, 1000, 20_000); 3];
        costs[1].addresses = true;
        let owner = share_columns(&costs, 2);
        assert!(
            owner.iter().filter(|&&o| o == owner[1]).count() == 1,
            "{owner:?}"
        );
    }

    use super::*;

    #[test]
    fn builder_dictionary_encodes_each_column() {
        let mut b = TableBuilder::new(vec!["n".into(), "t".into()]);
        b.push_row(["3", " a "]);
        b.push_row(["", "b"]);
        b.push_row(["3", "a"]);
        b.push_row(["4"]);
        let raw = b.finish_raw();
        assert_eq!(raw.rows, 4);
        assert_eq!(raw.codes[0].to_vec(), [1, 0, 1, 2]);
        assert_eq!(
            raw.codes[1].to_vec(),
            [1, 2, 1, 0],
            "trimmed, missing cells empty"
        );
        assert_eq!(raw.dicts[1].iter().collect::<Vec<_>>(), ["", "a", "b"]);
    }

    #[test]
    fn codes_widen_without_losing_a_code() {
        let mut c = Codes::default();
        let want: Vec<u32> = (0..70_000u32).map(|i| (i * 7919) % 70_001).collect();
        for (i, &x) in want.iter().enumerate() {
            c.push(x);
            assert_eq!(c.get(i), Some(x));
        }
        assert!(matches!(c, Codes::U32(_)));
        assert_eq!(c.to_vec(), want);
        assert!(matches!(Codes::from_vec(vec![0, 255, 3]), Codes::U8(_)));
        assert!(matches!(Codes::from_vec(vec![0, 256]), Codes::U16(_)));
        assert_eq!(
            Codes::from_vec(vec![0, 256, 65_535]).to_vec(),
            [0, 256, 65_535]
        );
    }

    #[test]
    fn cells_are_coded_when_smaller_and_read_the_same_either_way() {
        // 1,000 rows over 4 distinct values: coded (1 byte a row + 4 values).
        let codes: Vec<u32> = (0..1000).map(|i| i % 4).collect();
        let values = vec![f64::NAN, 1.5, -2.0, 1e9];
        let coded = Cells::from_codes(Codes::from_vec(codes.clone()), values.clone(), f64::NAN);
        assert!(matches!(coded, Cells::Coded { .. }));
        // As many distinct values as rows, with u32 codes: dense, or narrow (4 bytes a row)
        // when every value is whole minutes (or a whole number) of 32 bits.
        let unique: Vec<u32> = (0..70_000).collect();
        let cells = |values: &Vec<i64>| {
            Cells::from_codes(Codes::from_vec(unique.clone()), values.clone(), NO_DATE)
        };
        let many: Vec<i64> = (0..70_000).map(|i| i * 61).collect();
        let dense = cells(&many);
        assert!(matches!(dense, Cells::Dense(_)), "seconds");
        assert_eq!(dense.to_vec(), many);
        let minutes: Vec<i64> = (0..70_000)
            .map(|i| {
                if i % 50 == 0 {
                    NO_DATE
                } else {
                    (i - 35_000) * 60
                }
            })
            .collect();
        let narrow = cells(&minutes);
        assert!(matches!(narrow, Cells::Narrow(_)), "whole minutes");
        assert_eq!(
            narrow.to_vec(),
            minutes,
            "before 1970 and empty cells included"
        );
        assert_eq!(narrow.count(|x| x != NO_DATE), 68_600);
        // Mostly empty: a bit a row and the filled cells' values; read the same every way,
        // at word boundaries too.
        let mostly_empty: Vec<i64> = (0..70_000)
            .map(|i| {
                if i % 9 == 0 || i % 64 == 63 {
                    i * 60
                } else {
                    NO_DATE
                }
            })
            .collect();
        let sparse = cells(&mostly_empty);
        assert!(matches!(sparse, Cells::Sparse { .. }), "mostly empty");
        assert_eq!(sparse.to_vec(), mostly_empty);
        for row in [0, 1, 9, 63, 64, 127, 128, 69_999] {
            assert_eq!(sparse.get(row), Some(mostly_empty[row]), "row {row}");
        }
        assert_eq!(sparse.get(70_000), None);
        let filled = mostly_empty.iter().filter(|&&x| x != NO_DATE).count();
        assert_eq!(sparse.count(|x| x != NO_DATE), filled);
        assert_eq!(sparse.count(|x| x == NO_DATE), 70_000 - filled);
        // Bits and values that do not agree are refused.
        let narrow = |v: Vec<i32>| Packed::<i64>::Narrow(v);
        assert!(Cells::sparse(3, vec![0b101], narrow(vec![1, 2])).is_some());
        assert!(Cells::sparse(3, vec![0b101], narrow(vec![1])).is_none());
        assert!(
            Cells::sparse(3, vec![0b1001], narrow(vec![1, 2])).is_none(),
            "past the rows"
        );
        assert!(
            Cells::sparse(65, vec![1], narrow(vec![1])).is_none(),
            "too few words"
        );
        let mut far = minutes.clone();
        far[3] = i64::from(i32::MAX) * 60 + 60;
        assert!(
            matches!(cells(&far), Cells::Dense(_)),
            "past 32 bits of minutes"
        );
        let numbers =
            |values: Vec<f64>| Cells::from_codes(Codes::from_vec(unique.clone()), values, f64::NAN);
        let whole: Vec<f64> = (0..70_000).map(|i| f64::from(i) - 9.0).collect();
        let mut with_gaps = whole.clone();
        with_gaps[5] = f64::NAN;
        let n = numbers(with_gaps);
        assert!(matches!(n, Cells::Narrow(_)), "whole numbers");
        assert_eq!(n.get(4), Some(-5.0));
        assert!(n.get(5).is_some_and(f64::is_nan), "empty stays empty");
        for odd in [0.5, -0.0, 3e9] {
            let mut v = whole.clone();
            v[2] = odd;
            let c = numbers(v);
            assert!(matches!(c, Cells::Dense(_)), "{odd}");
            assert_eq!(c.get(2).map(f64::to_bits), Some(odd.to_bits()));
        }
        // Mostly empty numbers with fractions: sparse, their values kept whole (8 bytes).
        let amounts: Vec<f64> = (0..70_000)
            .map(|i| {
                if i % 10 == 3 {
                    f64::from(i) + 0.25
                } else {
                    f64::NAN
                }
            })
            .collect();
        let deals = numbers(amounts.clone());
        assert!(
            matches!(
                deals,
                Cells::Sparse {
                    values: Packed::Wide(_),
                    ..
                }
            ),
            "mostly empty fractions"
        );
        for (row, want) in amounts.iter().enumerate() {
            let got = deals.get(row).unwrap_or(0.0);
            assert!(got == *want || (got.is_nan() && want.is_nan()), "row {row}");
        }
        assert_eq!(deals.count(|x| !x.is_nan()), 7_000);
        assert_eq!(
            deals.map(|x| x.is_nan()).iter().filter(|&&e| e).count(),
            63_000
        );
        for (row, &c) in codes.iter().enumerate() {
            let (got, want) = (coded.get(row).unwrap(), values[c as usize]);
            assert!(got == want || (got.is_nan() && want.is_nan()), "row {row}");
        }
        assert_eq!(coded.get(1000), None);
        let signs = coded.map(|x| x.is_sign_negative());
        assert_eq!(signs.iter().filter(|&&b| b).count(), 250);
        // Counted either way: the filled cells (a quarter of the coded ones are empty).
        assert_eq!(coded.count(|x| !x.is_nan()), 750);
        assert_eq!(coded.count(|x| x > 0.0), 500);
        assert_eq!(dense.count(|x| x != NO_DATE), 70_000);
        assert_eq!(dense.count(|x| x % 2 == 0), 35_000);
    }

    #[test]
    fn trim_is_str_trim() {
        for s in [
            "",
            " ",
            "a",
            " a",
            "a ",
            "\u{b}a",
            "a\u{c}",
            "\u{a0}é\u{2003}",
            "é",
            "a\u{85}",
            "\u{1c}a",
            "\t a b \r\n",
        ] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
        }
        for b in 0..128u8 {
            let s = format!("{}x{}", char::from(b), char::from(b));
            assert_eq!(trim(&s), s.trim(), "{b}");
        }
    }

    #[test]
    fn cell_hash_reads_every_byte_and_spreads() {
        // Values that differ in one byte anywhere, at every length up to 40.
        let mut seen = std::collections::HashSet::new();
        for n in 0..40usize {
            let base = vec![b'a'; n];
            assert!(seen.insert(hash(&base)));
            for i in 0..n {
                let mut v = base.clone();
                v[i] = b'b';
                assert!(seen.insert(hash(&v)), "length {n}, byte {i}");
            }
        }
        // Numbers as text: the low bits (hashbrown's bucket) and the top seven (its tag) vary.
        let (mut low, mut top) = (
            std::collections::HashSet::new(),
            std::collections::HashSet::new(),
        );
        for i in 0..100_000 {
            let h = hash(i.to_string().as_bytes());
            low.insert(h & 0xffff);
            top.insert(h >> 57);
        }
        assert!(low.len() > 50_000, "{}", low.len());
        assert_eq!(top.len(), 128);
    }

    #[test]
    fn the_interner_gives_one_code_per_value_short_or_long() {
        // Values of every length around the short and medium tables' edges (7 and 8 bytes,
        // 16 and 17), ones that differ only in a middle byte (or, from 8 to 17 bytes, in any
        // one byte: the medium table's two words overlap), by trailing NUL bytes or by their
        // length, and multi-byte text.
        let mut values: Vec<String> = Vec::new();
        for n in 1..=20 {
            for fill in ['a', 'b', '\0'] {
                let v: String = std::iter::repeat_n(fill, n).collect();
                values.push(v.clone());
                let at: Vec<usize> = if (8..=17).contains(&n) {
                    (0..n).collect()
                } else {
                    vec![n / 2]
                };
                for k in at {
                    let mut one = v.clone().into_bytes();
                    one[k] = b'z';
                    values.push(String::from_utf8(one).unwrap_or_default());
                }
            }
        }
        values.extend(
            [
                "é",
                "éé",
                "a\0",
                "\0a",
                "France",
                "Frances",
                "Françe",
                "United Kingdom",
                "United Kingdoms",
                "Community manager",
                "gmail.com\0",
            ]
            .map(String::from),
        );
        let mut i = Interner::new();
        let codes: Vec<u32> = values.iter().map(|v| i.code(v)).collect();
        for (v, &c) in values.iter().zip(&codes) {
            assert_eq!(i.code(v), c, "{v:?} asked again");
            assert_eq!(i.find(v), Some(c), "{v:?} found");
            assert_eq!(i.dict.get(c), v.as_str(), "{v:?} by its code");
        }
        let mut distinct = values.clone();
        distinct.sort();
        distinct.dedup();
        let mut seen = codes.clone();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), distinct.len(), "one code per distinct value");
        assert_eq!(i.find("never seen"), None);
        assert_eq!(i.find("abc"), None);
        assert_eq!((i.code(""), i.find("")), (0, Some(0)));
    }

    #[test]
    fn dedup_keeps_apart_values_that_share_a_hash() {
        // Two different values whose 32-bit hashes (the sort key) are equal.
        let mut seen = std::collections::HashMap::new();
        let (a, b) = (0u64..)
            .find_map(|i| {
                let v = format!("v{i}");
                let h = hash(v.as_bytes()) >> 32;
                seen.insert(h, v.clone()).map(|w| (w, v))
            })
            .unwrap_or_default();
        let mut d = Dict::new();
        for v in [&a, &b, &a, "c", &b, "c", &a] {
            d.push(v);
        }
        let mut codes = Codes::from_vec(vec![1, 2, 3, 0, 4, 5, 6, 7, 0]);
        let d = d.dedup(&mut codes);
        assert_eq!(d.iter().collect::<Vec<_>>(), ["", &a, &b, "c"]);
        assert_eq!(codes.to_vec(), [1, 2, 1, 0, 3, 2, 3, 1, 0]);
    }

    /// Random dictionaries with repeats anywhere (first, last, runs of them, none): the same
    /// values, each once in order of first appearance, and every code pointing at its value.
    #[test]
    fn dedup_gives_each_value_once_in_order_and_rewrites_every_code() {
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut rand = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        for round in 0..300 {
            let len = rand(60) as usize;
            let kinds = 1 + rand(if round % 3 == 0 { 4 } else { 200 });
            let values: Vec<String> = (0..len)
                .map(|_| {
                    let k = rand(kinds);
                    // Lengths 1 to 30, so that short, word and longer values all occur.
                    format!("{k}{}", "é".repeat((k % 15) as usize))
                })
                .collect();
            let mut d = Dict::new();
            for v in &values {
                d.push(v);
            }
            // Rows: every code, some twice, and empty cells.
            let rows: Vec<u32> = (0..len as u32 + 1).chain((0..len as u32).rev()).collect();
            let mut codes = Codes::from_vec(rows.clone());
            let d = d.dedup(&mut codes);
            let mut want: Vec<&str> = vec![""];
            for v in &values {
                if !want[1..].contains(&v.as_str()) {
                    want.push(v);
                }
            }
            assert_eq!(d.iter().collect::<Vec<_>>(), want, "round {round}");
            let all: Vec<&str> = std::iter::once("")
                .chain(values.iter().map(String::as_str))
                .collect();
            for (row, &old) in rows.iter().enumerate() {
                let new = codes.get(row).unwrap_or(u32::MAX);
                assert_eq!(d.get(new), all[old as usize], "round {round}, row {row}");
            }
        }
    }

    #[test]
    fn columns_of_unique_values_append_and_still_read_as_one_code_a_value() {
        let rows = UNIQUE_CHECK_ROWS * 3;
        let cells = |r: usize| {
            let id = if r < UNIQUE_CHECK_ROWS * 2 {
                format!("id{r}")
            } else {
                format!("id{}", r % 1000)
            };
            let sparse = if r % 3 == 0 {
                format!("x{r}")
            } else {
                String::new()
            };
            [id, format!("k{}", r % 7), sparse]
        };
        let mut b = TableBuilder::new(vec!["id".into(), "k".into(), "sparse".into()]);
        for r in 0..rows {
            b.push_row(cells(r).iter().map(String::as_str));
        }
        let appends: Vec<bool> = b.columns.iter().map(|c| c.appends).collect();
        assert_eq!(appends, [true, false, true]);
        let t = b.finish_text();
        for r in 0..rows {
            for (col, want) in t.columns.iter().zip(cells(r)) {
                assert_eq!(col.display(r), want, "{} row {r}", col.name);
            }
        }
        let distinct: Vec<usize> = t.columns.iter().map(Column::distinct_or_filled).collect();
        assert_eq!(distinct, [UNIQUE_CHECK_ROWS * 2, 7, rows / 3]);
    }

    #[test]
    fn same_is_byte_equality() {
        let base: Vec<u8> = (0..40u8).map(|i| b'a' + i % 26).collect();
        for n in 0..40 {
            let a = &base[..n];
            assert!(same(a, a), "{n}");
            assert!(!same(a, &base[..n + 1]), "lengths {n}, {}", n + 1);
            for i in 0..n {
                let mut b = a.to_vec();
                b[i] ^= 0x20;
                assert!(!same(a, &b), "length {n}, byte {i}");
            }
        }
    }

    #[test]
    fn dict_lookups_never_panic() {
        let mut d = Dict::new();
        assert_eq!(d.push("é"), 1);
        assert_eq!(d.get(1), "é");
        assert_eq!(d.get(0), "");
        assert_eq!(d.get(99), "");
        assert_eq!(d.try_get(2), None);
    }
}
