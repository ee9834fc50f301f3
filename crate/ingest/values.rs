//! STUB (replaced by the real module).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    Missing,
    Number(f64),
    Date { secs: i64, has_time: bool },
    Bool(bool),
    Range { lo: f64, hi: f64 },
}
#[derive(Debug, Clone, PartialEq)]
pub struct NumberFormat {
    pub decimal: char,
    pub grouping: Option<char>,
    pub percent: bool,
    pub currency: Option<String>,
    pub currency_after: bool,
}
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    Ymd,
    Dmy,
    Mdy,
}
#[derive(Debug, Clone, PartialEq)]
pub struct DateFormat {
    pub order: DateOrder,
    pub separator: char,
    pub has_time: bool,
    pub twelve_hour: bool,
    pub seconds: bool,
    pub offset: bool,
}
#[derive(Debug, Clone, PartialEq)]
pub struct BoolFormat {
    pub true_text: String,
    pub false_text: String,
}
#[derive(Debug, Clone, PartialEq)]
pub enum ColumnType {
    Number(NumberFormat),
    Date(DateFormat),
    Bool(BoolFormat),
    Range,
    Text,
}
#[derive(Debug, Clone, PartialEq)]
pub struct Inference {
    pub column_type: ColumnType,
    pub misfits: Vec<usize>,
    pub note: Option<String>,
}
pub fn is_missing(raw: &str) -> bool {
    raw.trim().is_empty()
}
fn num(raw: &str) -> Option<f64> {
    crate::text::parse_plain_number(raw)
}
pub fn infer(values: &[(&str, u64)], _locale: &str) -> Inference {
    let ok = values.iter().filter(|(v, _)| num(v).is_some()).count();
    if !values.is_empty() && ok * 100 >= values.len() * 95 {
        let misfits = values
            .iter()
            .enumerate()
            .filter(|(_, (v, _))| num(v).is_none())
            .map(|(i, _)| i)
            .collect();
        return Inference {
            column_type: ColumnType::Number(NumberFormat {
                decimal: '.',
                grouping: None,
                percent: false,
                currency: None,
                currency_after: false,
            }),
            misfits,
            note: None,
        };
    }
    Inference {
        column_type: ColumnType::Text,
        misfits: vec![],
        note: None,
    }
}
pub fn parse(raw: &str, t: &ColumnType) -> Value {
    match t {
        ColumnType::Number(_) => num(raw).map_or(Value::Missing, Value::Number),
        _ => Value::Missing,
    }
}
pub fn render(v: Value, _t: &ColumnType) -> String {
    match v {
        Value::Number(x) => crate::table::format_number(x),
        _ => String::new(),
    }
}
