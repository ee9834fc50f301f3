//! The columnar table every later step reads: typed, dictionary-encoded columns.
//!
//! Text columns hold `u32` codes into a dictionary of distinct values (code 0 is always the empty
//! value), so a rule on a text column is evaluated once per distinct value and looked up per row.
//! Number columns are dense `f64` arrays with `NaN` for an empty cell.

use serde::Serialize;

/// The values of one column.
#[derive(Debug, Clone)]
pub enum ColumnData {
    /// Every non-empty cell parsed as a plain number; `NaN` marks an empty cell.
    Number(Vec<f64>),
    /// Dictionary-encoded text; `dict[0]` is the empty string.
    Text { codes: Vec<u32>, dict: Vec<String> },
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
                .and_then(|c| dict.get(*c as usize))
                .cloned()
                .unwrap_or_default(),
        }
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
    dicts: Vec<Vec<String>>,
    index: Vec<std::collections::HashMap<String, u32>>,
    rows: usize,
}

impl TableBuilder {
    /// A builder for the given headers.
    pub fn new(names: Vec<String>) -> Self {
        let n = names.len();
        let mut index = Vec::with_capacity(n);
        for _ in 0..n {
            let mut m = std::collections::HashMap::new();
            m.insert(String::new(), 0u32);
            index.push(m);
        }
        TableBuilder {
            names,
            codes: vec![Vec::new(); n],
            dicts: vec![vec![String::new()]; n],
            index,
            rows: 0,
        }
    }

    /// Number of columns.
    pub fn width(&self) -> usize {
        self.names.len()
    }

    /// Append one row; `fields` must have `width()` entries. Cells are trimmed.
    pub fn push_row<'a, I: IntoIterator<Item = &'a str>>(&mut self, fields: I) {
        for (col, raw) in fields.into_iter().enumerate().take(self.names.len()) {
            let value = raw.trim();
            let code = match self.index[col].get(value) {
                Some(&c) => c,
                None => {
                    let c = self.dicts[col].len() as u32;
                    self.dicts[col].push(value.to_string());
                    self.index[col].insert(value.to_string(), c);
                    c
                }
            };
            self.codes[col].push(code);
        }
        self.rows += 1;
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

fn type_column(codes: Vec<u32>, dict: Vec<String>) -> ColumnData {
    let parsed: Option<Vec<f64>> = dict
        .iter()
        .skip(1)
        .map(|v| crate::text::parse_plain_number(v))
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
