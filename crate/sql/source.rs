//! The table the query reads: its columns and their kinds (from an export, or assumed from
//! the fields), which column feeds each field, and the `CREATE TABLE` for loading the export.

use super::{Dialect, SqlError};
use crate::agreement::{Agreement, Rule};
use crate::fields::{self, FIELDS};
use crate::table::ColumnData;
use crate::text::{header_key, parse_range};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The kind of values a column holds in the warehouse table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Number,
    Date,
    Bool,
    /// Bands such as `51-200`, stored as text.
    Range,
    Text,
}

impl Kind {
    pub(super) fn label(self) -> &'static str {
        match self {
            Kind::Number => "number",
            Kind::Date => "date",
            Kind::Bool => "yes/no",
            Kind::Range => "band (such as 51-200)",
            Kind::Text => "text",
        }
    }
}

/// A column of the table the query reads.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// The header as the export writes it.
    pub name: String,
    pub kind: Kind,
    /// For a band column: a value the engine reads as a band but the SQL (which reads bands as
    /// `text::parse_range` does: `51-200`, `10000+`, `350`) would read otherwise.
    pub unread: Option<String>,
}

impl Column {
    /// A column of `kind`.
    pub fn new(name: &str, kind: Kind) -> Column {
        Column {
            name: name.to_string(),
            kind,
            unread: None,
        }
    }
}

/// The table the query reads: its name, its columns when an export told them, and which column
/// feeds each canonical field.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub table: String,
    /// Every column in export order (`None`: not known; columns are then named by field).
    pub columns: Option<Vec<Column>>,
    /// Canonical field → header.
    pub mapping: BTreeMap<String, String>,
}

/// The kind a canonical field's column is assumed to have when no export says.
pub fn default_kind(field: &str) -> Kind {
    match field {
        "company_size" | "page_views" | "sessions" | "form_submissions" | "email_opens"
        | "email_clicks" | "sales_activities" | "deal_amount" => Kind::Number,
        "create_date" | "last_activity_date" | "mql_date" | "sql_date" | "opportunity_date"
        | "customer_date" | "first_touch_date" => Kind::Date,
        "do_not_contact" => Kind::Bool,
        _ => Kind::Text,
    }
}

impl Source {
    /// A table whose columns are named by the canonical fields (or the agreement's `mapping`),
    /// with the kinds of [`default_kind`].
    pub fn assumed(table: &str, a: &Agreement) -> Source {
        let mut mapping = BTreeMap::new();
        for f in FIELDS {
            match a.mapping.get(f.name) {
                Some(h) if h.is_empty() => {}
                Some(h) => {
                    mapping.insert(f.name.to_string(), h.clone());
                }
                None => {
                    mapping.insert(f.name.to_string(), f.name.to_string());
                }
            }
        }
        Source {
            table: table.to_string(),
            columns: None,
            mapping,
        }
    }

    /// The table as the workbench loaded it: its headers, the types the engine inferred and
    /// the mapping it resolved. `None` without data.
    pub fn from_workbench(table: &str, wb: &crate::Workbench) -> Option<Source> {
        let (t, map) = wb.table_and_mapping()?;
        let columns = t
            .columns
            .iter()
            .map(|c| Column {
                name: c.name.clone(),
                kind: match c.data {
                    ColumnData::Number(_) => Kind::Number,
                    ColumnData::Date(_) => Kind::Date,
                    ColumnData::Bool(_) => Kind::Bool,
                    ColumnData::Range { .. } => Kind::Range,
                    ColumnData::Text { .. } => Kind::Text,
                },
                unread: match &c.data {
                    ColumnData::Range { dict, bounds, .. } => unread_band(dict, bounds),
                    _ => None,
                },
            })
            .collect();
        let mapping = map
            .iter()
            .filter_map(|(f, &i)| Some((f.to_string(), t.columns.get(i)?.name.clone())))
            .collect();
        Some(Source {
            table: table.to_string(),
            columns: Some(columns),
            mapping,
        })
    }

    /// The column a rule's `field` reads (`None`: the table has none, the rule never holds).
    /// Without the table's columns, a header that is no canonical field is assumed to hold
    /// what the rule's condition reads (a date for `within_days`, a number for `between`…).
    pub(super) fn resolve(&self, field: &str, rule: &Rule) -> Option<Column> {
        let find = |name: &str| -> Option<Column> {
            match &self.columns {
                Some(cols) => cols
                    .iter()
                    .find(|c| c.name == name)
                    .or_else(|| {
                        let key = header_key(name);
                        cols.iter().find(|c| header_key(&c.name) == key)
                    })
                    .cloned(),
                None => Some(Column::new(
                    name,
                    fields::canonical(field).map_or_else(|| kind_for(rule), default_kind),
                )),
            }
        };
        match fields::canonical(field) {
            Some(f) => self.mapping.get(f).and_then(|h| find(h)),
            None => find(field),
        }
    }

    /// A `CREATE TABLE` for the columns, with the types the engine inferred.
    pub fn ddl(&self, d: Dialect) -> Result<String, SqlError> {
        let cols = self.columns.as_ref().ok_or_else(|| {
            SqlError::Input("the table's columns are known only from a leads file".into())
        })?;
        let mut out = format!("CREATE TABLE {} (\n", d.qualified(&self.table));
        for (i, c) in cols.iter().enumerate() {
            let ty = match c.kind {
                Kind::Number => d.double_type(),
                Kind::Date => d.timestamp_type(),
                Kind::Bool => d.bool_type(),
                Kind::Range | Kind::Text => d.text_type(),
            };
            let sep = if i + 1 < cols.len() { "," } else { "" };
            let _ = writeln!(out, "  {} {ty}{sep}", d.ident(&d.column_name(&c.name)));
        }
        out.push_str(");\n");
        Ok(out)
    }
}

/// The kind of column a rule's condition reads.
fn kind_for(r: &Rule) -> Kind {
    if r.within_days.is_some() || r.older_than_days.is_some() {
        Kind::Date
    } else if r.between.is_some()
        || r.at_least.is_some()
        || r.at_most.is_some()
        || r.per_unit.is_some()
    {
        Kind::Number
    } else if r.is.is_some() {
        Kind::Bool
    } else {
        Kind::Text
    }
}

/// The first value of a band column whose bounds the SQL would read differently.
fn unread_band(dict: &crate::table::Dict, bounds: &[(f64, f64)]) -> Option<String> {
    dict.iter().zip(bounds).find_map(|(v, &(lo, hi))| {
        let engine = (!lo.is_nan()).then_some((lo, hi));
        (parse_range(v) != engine).then(|| v.to_string())
    })
}
