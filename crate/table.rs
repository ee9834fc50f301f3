//! The columnar table every later step reads: typed, dictionary-encoded columns.
//!
//! Text columns hold `u32` codes into a dictionary of distinct values (code 0 is always the empty
//! value), so a rule on a text column is evaluated once per distinct value and looked up per row.
//! Number columns are dense `f64` arrays with `NaN` for an empty cell.

use serde::Serialize;
use std::hash::BuildHasher;

/// The values of one column.
#[derive(Debug, Clone)]
pub enum ColumnData {
    /// Every non-empty cell parsed as a plain number; `NaN` marks an empty cell.
    Number(Vec<f64>),
    /// Dictionary-encoded text; code 0 is the empty string.
    Text { codes: Vec<u32>, dict: Dict },
}

/// What kind of values a column holds, as the page and CLI report it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ColumnKind {
    Number,
    Text,
}

/// One named column.
#[derive(Debug, Clone)]
pub struct Column {
    pub name: String,
    pub data: ColumnData,
}

impl Column {
    /// The column's kind.
    pub fn kind(&self) -> ColumnKind {
        match self.data {
            ColumnData::Number(_) => ColumnKind::Number,
            ColumnData::Text { .. } => ColumnKind::Text,
        }
    }

    /// Number of distinct non-empty values (text) or of non-empty cells (numbers).
    pub fn distinct_or_filled(&self) -> usize {
        match &self.data {
            ColumnData::Number(v) => v.iter().filter(|x| !x.is_nan()).count(),
            ColumnData::Text { dict, .. } => dict.len() - 1,
        }
    }

    /// The cell at `row` as display text (numbers in their shortest form).
    pub fn display(&self, row: usize) -> String {
        match &self.data {
            ColumnData::Number(v) => match v.get(row) {
                Some(x) if !x.is_nan() => format_number(*x),
                _ => String::new(),
            },
            ColumnData::Text { codes, dict } => codes
                .get(row)
                .and_then(|&c| dict.try_get(c))
                .unwrap_or_default()
                .to_string(),
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

    /// Every value in code order, the empty one first.
    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.ends.len() as u32).map(move |c| self.get(c))
    }

    fn push(&mut self, value: &str) -> u32 {
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
    codes: Vec<Vec<u32>>,
    dicts: Vec<Dict>,
    /// Per column, the codes of its values, found by hashing the value (Fx: the index is hit
    /// once per cell, and SipHash's flood resistance buys nothing for a user's own file).
    index: Vec<hashbrown::HashTable<u32>>,
    rows: usize,
}

impl TableBuilder {
    /// A builder for the given headers.
    pub fn new(names: Vec<String>) -> Self {
        let n = names.len();
        let mut index = Vec::with_capacity(n);
        for _ in 0..n {
            let mut t = hashbrown::HashTable::new();
            t.insert_unique(hash(""), 0u32, |_| 0);
            index.push(t);
        }
        TableBuilder {
            names,
            codes: vec![Vec::new(); n],
            dicts: vec![Dict::new(); n],
            index,
            rows: 0,
        }
    }

    /// Number of columns.
    pub fn width(&self) -> usize {
        self.names.len()
    }

    /// Append one row; fields past `width()` are ignored, missing ones are empty. Cells are
    /// trimmed.
    pub fn push_row<'a, I: IntoIterator<Item = &'a str>>(&mut self, fields: I) {
        let mut filled = 0;
        for (col, raw) in fields.into_iter().enumerate().take(self.names.len()) {
            let code = self.code(col, raw.trim());
            self.codes[col].push(code);
            filled += 1;
        }
        for col in filled..self.names.len() {
            self.codes[col].push(0);
        }
        self.rows += 1;
    }

    fn code(&mut self, col: usize, value: &str) -> u32 {
        if value.is_empty() {
            return 0;
        }
        let hash = hash(value);
        let dict = &mut self.dicts[col];
        let table = &mut self.index[col];
        if let Some(&c) = table.find(hash, |&c| dict.get(c) == value) {
            return c;
        }
        let c = dict.push(value);
        let dict = &*dict;
        table.insert_unique(hash, c, |&c| self::hash(dict.get(c)));
        c
    }

    /// Rows pushed so far.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Type each column and return the table.
    pub fn finish(self) -> Table {
        let rows = self.rows;
        let columns = self
            .names
            .into_iter()
            .zip(self.codes)
            .zip(self.dicts)
            .map(|((name, codes), dict)| Column {
                name,
                data: type_column(codes, dict),
            })
            .collect();
        Table { columns, rows }
    }
}

fn hash(value: &str) -> u64 {
    rustc_hash::FxBuildHasher.hash_one(value)
}

fn type_column(codes: Vec<u32>, dict: Dict) -> ColumnData {
    let parsed: Option<Vec<f64>> = dict
        .iter()
        .skip(1)
        .map(crate::text::parse_plain_number)
        .collect();
    match parsed {
        // A column with no value at all stays text: there is nothing to call a number.
        Some(nums) if !nums.is_empty() => {
            let mut lut = Vec::with_capacity(dict.len());
            lut.push(f64::NAN);
            lut.extend(nums);
            ColumnData::Number(codes.iter().map(|&c| lut[c as usize]).collect())
        }
        _ => ColumnData::Text { codes, dict },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_columns_from_values() {
        let mut b = TableBuilder::new(vec!["n".into(), "t".into(), "e".into()]);
        b.push_row(["3", "a", ""]);
        b.push_row(["", "b", ""]);
        b.push_row(["4.5", "a", ""]);
        let t = b.finish();
        assert_eq!(t.rows, 3);
        match &t.columns[0].data {
            ColumnData::Number(v) => {
                assert_eq!(v[0], 3.0);
                assert!(v[1].is_nan());
                assert_eq!(v[2], 4.5);
            }
            _ => panic!("expected numbers"),
        }
        match &t.columns[1].data {
            ColumnData::Text { codes, dict } => {
                assert_eq!(codes, &[1, 2, 1]);
                assert_eq!(dict.len(), 3);
            }
            _ => panic!("expected text"),
        }
        assert_eq!(t.columns[2].kind(), ColumnKind::Text);
        assert_eq!(t.columns[0].display(0), "3");
        assert_eq!(t.columns[1].display(1), "b");
    }
}
