//! Rules compiled against a table: each condition is evaluated once per distinct value of a
//! text column (a lookup table over its dictionary) and cached, so that changing a rule's
//! points re-weights the cached match instead of re-evaluating it.

use crate::agreement::Rule;
use crate::ingest::values::ColumnType;
use crate::table::{ColumnData, Table};
use crate::text::{contains_word, fold, parse_range};
use std::collections::HashMap;
use std::sync::Arc;

/// A rule's condition, in a form that is cheap to evaluate.
#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    ContainsAny(Vec<String>),
    EqualsAny(Vec<String>),
    /// Inclusive numeric range; a band such as `51-200` matches when it overlaps.
    Between(f64, f64),
    /// Units of a number, weighted per unit up to a maximum.
    Units,
}

/// How a match turns into points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Weight {
    /// Fixed points when the condition holds.
    Points(f32),
    /// `per_unit` points per unit, at most `max`.
    PerUnit { per_unit: f32, max: f32 },
}

impl Weight {
    /// Points for a match value (1.0/0.0 for conditions, the number of units for `Units`).
    #[inline]
    pub fn apply(self, m: f32) -> f32 {
        match self {
            Weight::Points(p) => p * m,
            Weight::PerUnit { per_unit, max } => (per_unit * m.max(0.0)).min(max),
        }
    }

    /// The most a single rule can add.
    pub fn max_gain(self) -> f32 {
        match self {
            Weight::Points(p) => p.max(0.0),
            Weight::PerUnit { per_unit, max } => {
                if per_unit > 0.0 {
                    max
                } else {
                    0.0
                }
            }
        }
    }
}

impl Condition {
    /// Compile a checked rule's condition and weight.
    pub fn from_rule(rule: &Rule) -> (Condition, Weight) {
        let points = rule.points.unwrap_or(0.0) as f32;
        if let Some(per_unit) = rule.per_unit {
            let weight = Weight::PerUnit {
                per_unit: per_unit as f32,
                max: rule.max.unwrap_or(0.0) as f32,
            };
            return (Condition::Units, weight);
        }
        let fold_all = |v: &Vec<String>| -> Vec<String> {
            v.iter()
                .map(|k| fold(k.trim()))
                .filter(|k| !k.is_empty())
                .collect()
        };
        let cond = if let Some(k) = &rule.contains_any {
            Condition::ContainsAny(fold_all(k))
        } else if let Some(v) = &rule.equals_any {
            Condition::EqualsAny(fold_all(v))
        } else if let Some([lo, hi]) = rule.between {
            Condition::Between(lo, hi)
        } else if let Some(lo) = rule.at_least {
            Condition::Between(lo, f64::INFINITY)
        } else if let Some(hi) = rule.at_most {
            Condition::Between(f64::NEG_INFINITY, hi)
        } else {
            // Unreachable for a validated rule; matching nothing is the safe reading.
            Condition::EqualsAny(Vec::new())
        };
        (cond, Weight::Points(points))
    }

    fn on_text(&self, value: &str) -> f32 {
        match self {
            Condition::ContainsAny(keys) => {
                let v = fold(value);
                keys.iter().any(|k| contains_word(&v, k)) as u8 as f32
            }
            Condition::EqualsAny(values) => {
                let v = fold(value);
                values.contains(&v) as u8 as f32
            }
            Condition::Between(lo, hi) => match parse_range(value) {
                Some((a, b)) => (a <= *hi && b >= *lo) as u8 as f32,
                None => 0.0,
            },
            Condition::Units => match parse_range(value) {
                Some((a, b)) if a == b => a as f32,
                _ => 0.0,
            },
        }
    }

    /// The match value for a number cell (NaN = empty).
    #[inline]
    pub fn on_number(&self, x: f64) -> f32 {
        if x.is_nan() {
            return 0.0;
        }
        match self {
            Condition::Between(lo, hi) => (x >= *lo && x <= *hi) as u8 as f32,
            Condition::Units => x as f32,
            Condition::ContainsAny(_) | Condition::EqualsAny(_) => {
                self.on_text(&crate::table::format_number(x))
            }
        }
    }

    /// The match value for a range cell (`lo`/`hi` NaN when empty) written as `text`.
    fn on_range(&self, text: &str, lo: f64, hi: f64) -> f32 {
        if lo.is_nan() {
            return 0.0;
        }
        match self {
            Condition::Between(a, b) => (lo <= *b && hi >= *a) as u8 as f32,
            Condition::Units => {
                if lo == hi {
                    lo as f32
                } else {
                    0.0
                }
            }
            Condition::ContainsAny(_) | Condition::EqualsAny(_) => self.on_text(text),
        }
    }

    /// The match value for a yes/no cell written as `text` in its column.
    fn on_bool(&self, value: bool, text: &str) -> f32 {
        match self {
            Condition::Between(..) | Condition::Units => self.on_number(f64::from(u8::from(value))),
            Condition::ContainsAny(_) | Condition::EqualsAny(_) => {
                let canonical = if value { "true" } else { "false" };
                self.on_text(text).max(self.on_text(canonical))
            }
        }
    }

    fn key(&self) -> String {
        format!("{self:?}")
    }
}

/// Match lookup tables per (column, condition), kept while the table is loaded.
#[derive(Default)]
pub struct MatchCache {
    luts: HashMap<(usize, String), Arc<Vec<f32>>>,
}

impl MatchCache {
    /// Forget everything (new data).
    pub fn clear(&mut self) {
        self.luts.clear();
    }

    /// The per-dictionary-value match of `cond` on text column `col`, computed at most once.
    pub fn text_lut(&mut self, table: &Table, col: usize, cond: &Condition) -> Arc<Vec<f32>> {
        let key = (col, cond.key());
        if let Some(l) = self.luts.get(&key) {
            return Arc::clone(l);
        }
        let column = &table.columns[col];
        let lut = match &column.data {
            ColumnData::Text { dict, .. } => dict.iter().map(|v| cond.on_text(v)).collect(),
            ColumnData::Range { dict, bounds, .. } => dict
                .iter()
                .zip(bounds)
                .map(|(v, &(lo, hi))| cond.on_range(v, lo, hi))
                .collect(),
            // Indexed by the stored byte: 0 false, 1 true, 2 empty.
            ColumnData::Bool(_) => {
                let ColumnType::Bool(f) = &column.format else {
                    return Arc::new(vec![0.0; 3]);
                };
                vec![
                    cond.on_bool(false, &f.false_text),
                    cond.on_bool(true, &f.true_text),
                    0.0,
                ]
            }
            ColumnData::Number(_) | ColumnData::Date(_) => Vec::new(),
        };
        let lut = Arc::new(lut);
        self.luts.insert(key, Arc::clone(&lut));
        lut
    }

    /// Number of cached lookup tables (for tests and benchmarks).
    pub fn len(&self) -> usize {
        self.luts.len()
    }

    /// Whether nothing is cached.
    pub fn is_empty(&self) -> bool {
        self.luts.is_empty()
    }
}
