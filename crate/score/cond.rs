//! Rule conditions compiled against the loaded table, evaluated for every lead at once (cached)
//! or for one lead (explanations). A condition on a text or range column is evaluated once per
//! distinct value into a lookup table; the others per row. Results are cached by condition, so
//! that changing a rule's points re-weights the cached match instead of re-evaluating it.

use super::email;
use crate::activities::Activities;
use crate::agreement::{Decay, Rule};
use crate::fields::{self, Mapping};
use crate::table::{format_number, Cells, ColumnData, Dict, Narrow, Table, NO_BOOL, NO_DATE};
use crate::text::{contains_word, fold, parse_range};
use crate::with_codes;
use std::collections::HashMap;
use std::sync::Arc;

const DAY: i64 = 86_400;

/// Age in calendar days (UTC) of a moment `at`, seen from `now`: 0 the same day, 1 the day
/// before. Rules and decay count in whole days, as people do.
pub fn age_days(now: i64, at: i64) -> f64 {
    (now.div_euclid(DAY) - at.div_euclid(DAY)) as f64
}

/// Everything a condition is evaluated against.
pub struct Ctx<'a> {
    pub table: &'a Table,
    pub mapping: &'a Mapping,
    pub activities: Option<&'a Activities>,
    /// "Today" for date rules and decay, in seconds since 1970 UTC (`None`: unknown).
    pub as_of: Option<i64>,
}

/// A test on one column's values.
#[derive(Debug, Clone, PartialEq)]
pub enum Leaf {
    ContainsAny(Vec<String>),
    EqualsAny(Vec<String>),
    StartsWith(Vec<String>),
    Empty(bool),
    /// Inclusive; bands overlap.
    Between(f64, f64),
    /// The number itself (per-unit rules).
    Units,
    WithinDays(f64),
    OlderThanDays(f64),
    FreeMail(bool),
    RoleAddress(bool),
    DomainIn(Vec<String>),
    Is(bool),
}

/// A compiled condition.
#[derive(Debug, Clone, PartialEq)]
pub enum Cond {
    /// `col` is `None` when the data has no column for the field: it never holds.
    Leaf {
        col: Option<usize>,
        leaf: Leaf,
    },
    All(Vec<Cond>),
    Any(Vec<Cond>),
    /// Decayed count of the lead's events of these (folded) types; empty = every type.
    Activity {
        types: Vec<String>,
        decay: Option<Decay>,
    },
}

/// How a match becomes points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Weight {
    Points(f32),
    PerUnit { per_unit: f32, max: f32 },
}

impl Weight {
    /// Points for a match value (1/0 for conditions, units for per-unit rules).
    #[inline]
    pub fn apply(self, m: f32) -> f32 {
        match self {
            Weight::Points(p) => p * m,
            Weight::PerUnit { per_unit, max } => (per_unit * m.max(0.0)).min(max),
        }
    }
}

/// A rule's condition and weight, with the column its field resolved to (for explanations).
#[derive(Debug, Clone)]
pub struct Compiled {
    pub cond: Cond,
    pub weight: Weight,
}

fn folded(v: &[String]) -> Vec<String> {
    v.iter()
        .map(|k| fold(k.trim()))
        .filter(|k| !k.is_empty())
        .collect()
}

/// Compile a checked rule. `decay` is the axis's, for activity rules without their own.
pub fn compile(rule: &Rule, table: &Table, mapping: &Mapping, decay: Option<Decay>) -> Compiled {
    let weight = match rule.per_unit {
        Some(p) => Weight::PerUnit {
            per_unit: p as f32,
            max: rule.max.unwrap_or(0.0) as f32,
        },
        None => Weight::Points(rule.points.unwrap_or(0.0) as f32),
    };
    Compiled {
        cond: compile_cond(rule, table, mapping, decay),
        weight,
    }
}

fn compile_cond(rule: &Rule, table: &Table, mapping: &Mapping, decay: Option<Decay>) -> Cond {
    if let Some(parts) = &rule.all_of {
        return Cond::All(
            parts
                .iter()
                .map(|p| compile_cond(p, table, mapping, decay))
                .collect(),
        );
    }
    if let Some(parts) = &rule.any_of {
        return Cond::Any(
            parts
                .iter()
                .map(|p| compile_cond(p, table, mapping, decay))
                .collect(),
        );
    }
    if let Some(types) = &rule.activity {
        return Cond::Activity {
            types: folded(types),
            decay: rule.decay.or(decay),
        };
    }
    let leaf = if rule.per_unit.is_some() {
        Leaf::Units
    } else if let Some(k) = &rule.contains_any {
        Leaf::ContainsAny(folded(k))
    } else if let Some(v) = &rule.equals_any {
        Leaf::EqualsAny(folded(v))
    } else if let Some(v) = &rule.starts_with {
        Leaf::StartsWith(folded(v))
    } else if let Some(e) = rule.is_empty {
        Leaf::Empty(e)
    } else if let Some([lo, hi]) = rule.between {
        Leaf::Between(lo, hi)
    } else if let Some(lo) = rule.at_least {
        Leaf::Between(lo, f64::INFINITY)
    } else if let Some(hi) = rule.at_most {
        Leaf::Between(f64::NEG_INFINITY, hi)
    } else if let Some(d) = rule.within_days {
        Leaf::WithinDays(d)
    } else if let Some(d) = rule.older_than_days {
        Leaf::OlderThanDays(d)
    } else if let Some(b) = rule.free_mail {
        Leaf::FreeMail(b)
    } else if let Some(b) = rule.role_address {
        Leaf::RoleAddress(b)
    } else if let Some(d) = &rule.domain_in {
        Leaf::DomainIn(
            d.iter()
                .map(|x| x.trim().to_lowercase())
                .filter(|x| !x.is_empty())
                .collect(),
        )
    } else if let Some(b) = rule.is {
        Leaf::Is(b)
    } else {
        // Unreachable for a checked rule; holding for nobody is the safe reading.
        Leaf::EqualsAny(Vec::new())
    };
    let col = rule
        .field
        .as_deref()
        .and_then(|f| fields::resolve(table, mapping, f));
    Cond::Leaf { col, leaf }
}

const TRUE_WORDS: &[&str] = &["yes", "y", "true", "1", "oui", "vrai", "x"];
const FALSE_WORDS: &[&str] = &["no", "n", "false", "0", "non", "faux"];

impl Leaf {
    /// The match of a text value (display text of any column).
    fn on_text(&self, value: &str) -> f32 {
        let b = |x: bool| flag(x);
        match self {
            Leaf::ContainsAny(keys) => {
                let v = fold(value);
                b(keys.iter().any(|k| contains_word(&v, k)))
            }
            Leaf::EqualsAny(values) => b(values.contains(&fold(value.trim()))),
            Leaf::StartsWith(prefixes) => {
                let v = fold(value.trim());
                b(prefixes.iter().any(|p| v.starts_with(p.as_str())))
            }
            Leaf::Empty(want) => b(value.trim().is_empty() == *want),
            Leaf::Between(lo, hi) => match parse_range(value) {
                Some((a, z)) => b(a <= *hi && z >= *lo),
                None => 0.0,
            },
            Leaf::Units => match parse_range(value) {
                Some((a, z)) if a == z => a as f32,
                _ => 0.0,
            },
            Leaf::WithinDays(_) | Leaf::OlderThanDays(_) => 0.0,
            Leaf::FreeMail(want) => {
                b(!value.trim().is_empty() && email::is_free_mail(value) == *want)
            }
            Leaf::RoleAddress(want) => {
                b(!value.trim().is_empty() && email::is_role_address(value) == *want)
            }
            Leaf::DomainIn(d) => b(email::domain_in(value, d)),
            Leaf::Is(want) => {
                let v = fold(value.trim());
                let truth = if TRUE_WORDS.contains(&v.as_str()) {
                    Some(true)
                } else if FALSE_WORDS.contains(&v.as_str()) {
                    Some(false)
                } else {
                    None
                };
                b(truth == Some(*want))
            }
        }
    }

    /// The leaf on a band such as `51-200` (its text, and its bounds: NaN when empty): a
    /// range overlaps, units are a single number's, anything else tests the text.
    fn on_range(&self, text: &str, lo: f64, hi: f64) -> f32 {
        match self {
            Leaf::Between(a, z) => flag(!lo.is_nan() && lo <= *z && hi >= *a),
            Leaf::Units if !lo.is_nan() && lo == hi => lo as f32,
            Leaf::Units => 0.0,
            _ => self.on_text(text),
        }
    }

    fn on_number(&self, x: f64) -> f32 {
        if x.is_nan() {
            return flag(*self == Leaf::Empty(true));
        }
        match self {
            Leaf::Between(lo, hi) => flag(x >= *lo && x <= *hi),
            Leaf::Units => x as f32,
            Leaf::Empty(want) => flag(!*want),
            Leaf::Is(want) => flag((x != 0.0) == *want),
            _ => self.on_text(&format_number(x)),
        }
    }

    fn on_date(&self, secs: i64, as_of: Option<i64>) -> f32 {
        if secs == NO_DATE {
            return flag(*self == Leaf::Empty(true));
        }
        match (self, as_of) {
            (Leaf::Empty(want), _) => flag(!*want),
            (Leaf::WithinDays(n), Some(now)) => {
                let age = age_days(now, secs);
                flag((0.0..=*n).contains(&age))
            }
            (Leaf::OlderThanDays(n), Some(now)) => flag(age_days(now, secs) > *n),
            _ => 0.0,
        }
    }

    fn on_bool(&self, v: u8, true_text: &str, false_text: &str) -> f32 {
        match (self, v) {
            (Leaf::Empty(want), _) => flag((v == NO_BOOL) == *want),
            (_, NO_BOOL) => 0.0,
            (Leaf::Is(want), _) => flag((v == 1) == *want),
            (Leaf::Between(..) | Leaf::Units, _) => self.on_number(f64::from(v)),
            (_, _) => {
                let text = if v == 1 { true_text } else { false_text };
                let canonical = if v == 1 { "true" } else { "false" };
                self.on_text(text).max(self.on_text(canonical))
            }
        }
    }

    /// A key for caching (stable for equal leaves).
    fn key(&self) -> String {
        format!("{self:?}")
    }

    /// Whether the leaf depends on "today".
    fn dated(&self) -> bool {
        matches!(self, Leaf::WithinDays(_) | Leaf::OlderThanDays(_))
    }
}

/// A condition's value for every lead.
pub enum Match {
    /// Per distinct value of a dictionary column (text, range, or the 3 states of a yes/no
    /// column); the row's value is `lut[code]`.
    Lut { col: usize, lut: Vec<f32> },
    /// A `Lut` over a column of many distinct values whose condition takes few values (an
    /// e-mail rule over a million addresses): code `c`'s value is `values[index[c]]`, a byte
    /// a code instead of four. `values[0]` is 0.
    Palette {
        col: usize,
        index: Vec<u8>,
        values: Vec<f32>,
    },
    /// A `Palette` of 0 and 1 only: code `c` holds (1) when bit `c % 64` of word `c / 64` is
    /// set. A bit an address.
    CodeBits { col: usize, bits: Vec<u64> },
    /// Per row.
    Dense(Vec<f32>),
    /// Per row, when every value is 0 or 1: a bit a lead (row `r` is bit `r % 64` of word
    /// `r / 64`).
    Bits(Vec<u64>),
    /// The column does not exist: 0 for every lead.
    Nothing,
}

impl Match {
    /// The value for `row`.
    #[inline]
    pub fn at(&self, table: &Table, row: usize) -> f32 {
        match self {
            Match::Lut { col, lut } => {
                let column = &table.columns[*col];
                let code = match (&column.data, column.codes()) {
                    (_, Some(codes)) => codes.get(row).map(|c| c as usize),
                    (ColumnData::Bool(v), _) => v.get(row).map(|&b| b as usize),
                    _ => None,
                };
                code.and_then(|c| lut.get(c)).copied().unwrap_or(0.0)
            }
            Match::Palette { col, index, values } => table.columns[*col]
                .codes()
                .and_then(|codes| codes.get(row))
                .and_then(|c| index.get(c as usize))
                .and_then(|&i| values.get(usize::from(i)))
                .copied()
                .unwrap_or(0.0),
            Match::CodeBits { col, bits } => table.columns[*col]
                .codes()
                .and_then(|codes| codes.get(row))
                .map_or(0.0, |c| f32::from(u8::from(bit(bits, c as usize)))),
            Match::Dense(v) => v.get(row).copied().unwrap_or(0.0),
            Match::Bits(words) => f32::from(u8::from(bit(words, row))),
            Match::Nothing => 0.0,
        }
    }

    /// The value for every row, as one slice (a gather for lookup tables).
    pub fn dense(&self, table: &Table) -> std::borrow::Cow<'_, [f32]> {
        match self {
            Match::Dense(v) => std::borrow::Cow::Borrowed(v),
            Match::CodeBits { col, bits } => {
                let at = |c: usize| f32::from(u8::from(bit(bits, c)));
                std::borrow::Cow::Owned(match table.columns[*col].codes() {
                    Some(codes) => {
                        with_codes!(codes, |v| v.iter().map(|&c| at(c as usize)).collect())
                    }
                    None => vec![0.0; table.rows],
                })
            }
            Match::Bits(words) => std::borrow::Cow::Owned(
                (0..table.rows)
                    .map(|r| f32::from(u8::from(bit(words, r))))
                    .collect(),
            ),
            Match::Nothing => std::borrow::Cow::Owned(vec![0.0; table.rows]),
            Match::Lut { col, lut } => {
                let at = |c: usize| lut.get(c).copied().unwrap_or(0.0);
                let column = &table.columns[*col];
                std::borrow::Cow::Owned(match (&column.data, column.codes()) {
                    (_, Some(codes)) => {
                        with_codes!(codes, |v| v.iter().map(|&c| at(c as usize)).collect())
                    }
                    (ColumnData::Bool(v), _) => v.iter().map(|&b| at(b as usize)).collect(),
                    _ => vec![0.0; table.rows],
                })
            }
            Match::Palette { col, index, values } => {
                let per = by_byte(values, &|m| m);
                std::borrow::Cow::Owned(match table.columns[*col].codes() {
                    Some(codes) => with_codes!(codes, |v| v
                        .iter()
                        .map(|&c| per[usize::from(index.get(c as usize).copied().unwrap_or(0))])
                        .collect()),
                    None => vec![0.0; table.rows],
                })
            }
        }
    }

    /// The column whose codes the values are looked up by (per-code results only).
    pub fn column(&self) -> Option<usize> {
        match self {
            Match::Lut { col, .. } | Match::Palette { col, .. } | Match::CodeBits { col, .. } => {
                Some(*col)
            }
            _ => None,
        }
    }

    /// The value for code `c` of [`column`](Self::column) (0 past the table, as per row).
    pub fn of_code(&self, c: usize) -> f32 {
        match self {
            Match::Lut { lut, .. } => lut.get(c).copied().unwrap_or(0.0),
            Match::Palette { index, values, .. } => index
                .get(c)
                .and_then(|&i| values.get(usize::from(i)))
                .copied()
                .unwrap_or(0.0),
            Match::CodeBits { bits, .. } => f32::from(u8::from(bit(bits, c))),
            _ => 0.0,
        }
    }

    /// Whether every value is 0 or 1.
    fn is_binary(&self) -> bool {
        let bit = |m: &f32| *m == 0.0 || *m == 1.0;
        match self {
            Match::Lut { lut: v, .. } | Match::Palette { values: v, .. } | Match::Dense(v) => {
                v.iter().all(bit)
            }
            Match::Bits(_) | Match::CodeBits { .. } | Match::Nothing => true,
        }
    }

    /// Whether the value is not 0, as `!= 0.0` (NaN included) but without a branch: the
    /// value's bits, its sign left out, are not all 0.
    #[inline]
    pub fn held(m: f32) -> bool {
        m.to_bits() << 1 != 0
    }

    /// `out[row] += code(value)` for every row: a rule's points into its group's sums, or its
    /// part of each lead's code in its group (its bit in the set of rules that held, or its
    /// level times a stride). `code` runs once per distinct value of a lookup table, once per
    /// row otherwise.
    pub fn add_codes_into<T>(&self, table: &Table, code: &dyn Fn(f32) -> T, out: &mut [T])
    where
        T: Copy + Default + std::ops::AddAssign,
    {
        match self {
            Match::Lut { col, lut } => {
                let per: Vec<T> = lut.iter().map(|&m| code(m)).collect();
                let at = |c: usize| per.get(c).copied().unwrap_or_default();
                let column = &table.columns[*col];
                match (&column.data, column.codes()) {
                    (_, Some(codes)) => with_codes!(codes, |v| {
                        for (o, &c) in out.iter_mut().zip(v) {
                            *o += at(c as usize);
                        }
                    }),
                    (ColumnData::Bool(v), _) => {
                        for (o, &b) in out.iter_mut().zip(v) {
                            *o += at(usize::from(b));
                        }
                    }
                    _ => {}
                }
            }
            Match::Palette { col, index, values } => {
                let per = by_byte(values, code);
                if let Some(codes) = table.columns[*col].codes() {
                    with_codes!(codes, |v| {
                        for (o, &c) in out.iter_mut().zip(v) {
                            *o += per[usize::from(index.get(c as usize).copied().unwrap_or(0))];
                        }
                    })
                }
            }
            Match::Dense(v) => {
                for (o, &x) in out.iter_mut().zip(v) {
                    *o += code(x);
                }
            }
            Match::Bits(words) => {
                let per = [code(0.0), code(1.0)];
                for_each_bit(words, out, |o, b| *o += per[usize::from(b)]);
            }
            Match::CodeBits { col, bits } => {
                let per = [code(0.0), code(1.0)];
                if let Some(codes) = table.columns[*col].codes() {
                    with_codes!(codes, |v| {
                        for (o, &c) in out.iter_mut().zip(v) {
                            *o += per[usize::from(bit(bits, c as usize))];
                        }
                    })
                }
            }
            Match::Nothing => {
                let c = code(0.0);
                out.iter_mut().for_each(|o| *o += c);
            }
        }
    }

    /// The distinct values of `f(value)` over the values a lookup table can give (at most
    /// `limit`), in the order first seen; `None` for per-row values or more than `limit`.
    pub fn distinct_of(&self, f: &dyn Fn(f32) -> f32, limit: usize) -> Option<Vec<f32>> {
        let values: &[f32] = match self {
            Match::Lut { lut, .. } => lut,
            Match::Palette { values, .. } => values,
            Match::Nothing => &[0.0],
            Match::Bits(_) | Match::CodeBits { .. } => &[0.0, 1.0],
            Match::Dense(_) => return None,
        };
        // A palette's entries past its values read as 0. Sorted by their bits.
        let past = matches!(self, Match::Palette { .. }).then_some(0.0);
        let mut bits: Vec<u32> = Vec::new();
        for m in values.iter().copied().chain(past) {
            let b = f(m).to_bits();
            if let Err(k) = bits.binary_search(&b) {
                if bits.len() == limit {
                    return None;
                }
                bits.insert(k, b);
            }
        }
        Some(bits.into_iter().map(f32::from_bits).collect())
    }

    /// Lookup tables over a column of more distinct values than this are kept as a
    /// [`Match::Palette`] when they can be, and their leads counted row by row rather than
    /// through per-code counts.
    const BIG_DICT: usize = 1 << 16;

    /// A lookup table of column `col`'s codes, from each code's value: a palette when there
    /// are more than [`BIG_DICT`](Self::BIG_DICT) codes and at most 256 distinct values,
    /// built as the values come (a million addresses' `f32` table is never made).
    pub fn per_code(col: usize, values: &mut dyn Iterator<Item = f32>) -> Match {
        // The palette's values, and their bits sorted (with each one's place) to find them.
        let mut palette = vec![0f32];
        let mut sorted: Vec<(u32, u8)> = vec![(0, 0)];
        let mut index: Vec<u8> = Vec::with_capacity(values.size_hint().0);
        let mut last = (0u32, 0u8);
        while let Some(m) = values.next() {
            let bits = m.to_bits();
            if bits == last.0 {
                index.push(last.1);
                continue;
            }
            let i = match sorted.binary_search_by_key(&bits, |&(b, _)| b) {
                Ok(k) => sorted.get(k).map_or(0, |&(_, i)| i),
                Err(k) if palette.len() < 256 => {
                    let i = palette.len() as u8;
                    palette.push(m);
                    sorted.insert(k, (bits, i));
                    i
                }
                Err(_) => {
                    // Too many distinct values: a plain table, of these and the rest.
                    let at = |i: &u8| palette.get(usize::from(*i)).copied().unwrap_or(0.0);
                    let mut lut: Vec<f32> = index.iter().map(at).collect();
                    lut.push(m);
                    lut.extend(values);
                    return Match::Lut { col, lut };
                }
            };
            last = (bits, i);
            index.push(i);
        }
        let flags = palette.len() <= 2 && palette.get(1).is_none_or(|&v| v == 1.0);
        if index.len() > Self::BIG_DICT && flags {
            let mut bits = vec![0u64; index.len().div_ceil(64)];
            for (c, &i) in index.iter().enumerate() {
                if let Some(w) = bits.get_mut(c / 64) {
                    *w |= u64::from(i) << (c % 64);
                }
            }
            Match::CodeBits { col, bits }
        } else if index.len() > Self::BIG_DICT {
            Match::Palette {
                col,
                index,
                values: palette,
            }
        } else {
            let at = |i: &u8| palette.get(usize::from(*i)).copied().unwrap_or(0.0);
            Match::Lut {
                col,
                lut: index.iter().map(at).collect(),
            }
        }
    }

    /// The same match in less memory: per-row values of 0 and 1 as bits.
    fn compact(self) -> Match {
        match self {
            // Exactly +0 and 1 (a -0 would come back as +0).
            Match::Dense(v) if v.iter().all(|m| m.to_bits() == 0 || *m == 1.0) => {
                let mut words = vec![0u64; v.len().div_ceil(64)];
                for (r, &m) in v.iter().enumerate() {
                    if let Some(w) = words.get_mut(r / 64) {
                        *w |= u64::from(m == 1.0) << (r % 64);
                    }
                }
                Match::Bits(words)
            }
            m => m,
        }
    }

    /// Add `weight.apply(match)` for every row into `sum` (no branch per row).
    pub fn add_into(&self, table: &Table, weight: Weight, sum: &mut [f32]) {
        self.add_codes_into(table, &|m| weight.apply(m), sum);
    }

    /// Leads for whom the condition holds (a non-zero value). A small dictionary's per-code
    /// counts are kept in `code_counts` for its other rules; a big one's leads are counted row
    /// by row (its counts would take as much memory as its codes, for no fewer steps).
    fn count_held(&self, table: &Table, code_counts: &mut HashMap<usize, Vec<u32>>) -> u64 {
        match self {
            Match::Lut { col, lut } if lut.len() <= Self::BIG_DICT => {
                let counts = code_counts.entry(*col).or_insert_with(|| {
                    let mut counts = vec![0u32; lut.len()];
                    let mut add = |c: usize| {
                        if let Some(n) = counts.get_mut(c) {
                            *n += 1;
                        }
                    };
                    let column = &table.columns[*col];
                    match (&column.data, column.codes()) {
                        (_, Some(codes)) => {
                            with_codes!(codes, |v| v.iter().for_each(|&c| add(c as usize)))
                        }
                        (ColumnData::Bool(v), _) => v.iter().for_each(|&b| add(usize::from(b))),
                        _ => {}
                    }
                    counts
                });
                lut.iter()
                    .zip(counts.iter())
                    .filter(|(&m, _)| m != 0.0)
                    .map(|(_, &n)| u64::from(n))
                    .sum()
            }
            Match::Lut { col, lut } => {
                let held = |c: usize| lut.get(c).is_some_and(|&m| m != 0.0);
                table.columns[*col].codes().map_or(0, |codes| {
                    with_codes!(codes, |v| v.iter().filter(|&&c| held(c as usize)).count())
                }) as u64
            }
            Match::Palette { col, index, values } => {
                let held = by_byte(values, &|m| m != 0.0);
                let at = |c: usize| held[usize::from(index.get(c).copied().unwrap_or(0))];
                table.columns[*col].codes().map_or(0, |codes| {
                    with_codes!(codes, |v| v.iter().filter(|&&c| at(c as usize)).count())
                }) as u64
            }
            Match::Dense(v) => v.iter().filter(|&&m| m != 0.0).count() as u64,
            Match::Bits(words) => words.iter().map(|w| u64::from(w.count_ones())).sum(),
            Match::CodeBits { col, bits } => table.columns[*col].codes().map_or(0, |codes| {
                with_codes!(codes, |v| v
                    .iter()
                    .filter(|&&c| bit(bits, c as usize))
                    .count())
            }) as u64,
            Match::Nothing => 0,
        }
    }
}

/// Bit `row` of a [`Match::Bits`].
#[inline]
fn bit(words: &[u64], row: usize) -> bool {
    words
        .get(row / 64)
        .is_some_and(|w| w >> (row % 64) & 1 == 1)
}

/// `f(item, bit)` for each item of `out` and its row's bit.
#[inline]
fn for_each_bit<T>(words: &[u64], out: &mut [T], mut f: impl FnMut(&mut T, u8)) {
    for (chunk, &w) in out.chunks_mut(64).zip(words) {
        for (i, o) in chunk.iter_mut().enumerate() {
            f(o, (w >> i & 1) as u8);
        }
    }
}

/// `f` of each palette value, in a table of 256 (a byte indexes it without a bounds check;
/// the entries past the palette are `f(0)`).
fn by_byte<T: Copy>(values: &[f32], f: &dyn Fn(f32) -> T) -> [T; 256] {
    let mut out = [f(0.0); 256];
    for (o, &v) in out.iter_mut().zip(values) {
        *o = f(v);
    }
    out
}

/// A cached condition result and how many leads it holds for.
pub struct Cached {
    pub m: Match,
    pub held: u64,
    /// Whether every lead's value is 0 or 1 (the condition holds or not; no units).
    pub binary: bool,
}

/// Condition results, kept while the data is loaded.
#[derive(Default)]
pub struct MatchCache {
    map: HashMap<String, Arc<Cached>>,
    domains: HashMap<usize, Arc<email::Domains>>,
    /// Each text column's dictionary folded (case and accents), for the keyword tests.
    folded: HashMap<usize, Arc<Dict>>,
    code_counts: HashMap<usize, Vec<u32>>,
}

impl MatchCache {
    /// Forget every condition result (another mapping, date or activities file), keeping what
    /// depends on the data alone (e-mail index, value counts).
    pub fn clear_rules(&mut self) {
        self.map.clear();
    }

    /// A cache holding only what depends on the data alone (e-mail index, value counts).
    pub fn keep_data_index(self) -> MatchCache {
        MatchCache {
            map: HashMap::new(),
            domains: self.domains,
            folded: self.folded,
            code_counts: self.code_counts,
        }
    }

    /// Number of cached results.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether nothing is cached.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The value of `cond` for every lead, computed once.
    pub fn get(&mut self, ctx: &Ctx, cond: &Cond) -> Arc<Cached> {
        let key = cache_key(cond, ctx.as_of);
        if let Some(m) = self.map.get(&key) {
            return Arc::clone(m);
        }
        let m = self.evaluate(ctx, cond).compact();
        let held = m.count_held(ctx.table, &mut self.code_counts);
        let binary = m.is_binary();
        let c = Arc::new(Cached { m, held, binary });
        self.map.insert(key, Arc::clone(&c));
        c
    }

    /// Column `col`'s dictionary folded once, shared by every rule on it: a thousand rules on
    /// a column of 100,000 addresses fold each address once, not a thousand times.
    fn folded(&mut self, dict: &Dict, col: usize) -> Arc<Dict> {
        Arc::clone(self.folded.entry(col).or_insert_with(|| {
            let mut out = Dict::new();
            for v in dict.iter().skip(1) {
                out.push(&fold(v));
            }
            Arc::new(out)
        }))
    }

    fn domains(&mut self, table: &Table, col: usize) -> Arc<email::Domains> {
        if let Some(d) = self.domains.get(&col) {
            return Arc::clone(d);
        }
        let column = &table.columns[col];
        // Worked out while the column was typed when the file was read in parts.
        let d = match (&column.domains, &column.data) {
            (Some(d), _) => Arc::clone(d),
            (None, ColumnData::Text { dict, .. }) => Arc::new(email::Domains::of(dict)),
            (None, _) => Arc::new(email::Domains::default()),
        };
        self.domains.insert(col, Arc::clone(&d));
        d
    }

    fn evaluate(&mut self, ctx: &Ctx, cond: &Cond) -> Match {
        let n = ctx.table.rows;
        match cond {
            Cond::Leaf { col: None, .. } => Match::Nothing,
            Cond::Leaf {
                col: Some(col),
                leaf,
            } => {
                let column = &ctx.table.columns[*col];
                match &column.data {
                    ColumnData::Text { .. } if matches!(leaf, Leaf::RoleAddress(_)) => {
                        let d = self.domains(ctx.table, *col);
                        let want = *self_leaf_bool(leaf);
                        let codes = ctx.table.columns[*col]
                            .codes_and_dict()
                            .map_or(0, |(_, dict)| dict.len());
                        Match::per_code(
                            *col,
                            &mut (0..codes).map(|c| flag(c != 0 && d.is_role(c) == want)),
                        )
                    }
                    ColumnData::Text { dict, .. }
                        if matches!(leaf, Leaf::FreeMail(_) | Leaf::DomainIn(_)) =>
                    {
                        // Once per distinct domain, then per address through the domain index.
                        let d = self.domains(ctx.table, *col);
                        let per_domain: Vec<f32> = d
                            .names
                            .iter()
                            .enumerate()
                            .map(|(id, name)| match leaf {
                                _ if id == 0 => 0.0,
                                Leaf::FreeMail(want) => {
                                    flag(email::is_free_mail_domain(name) == *want)
                                }
                                Leaf::DomainIn(list) => flag(email::domain_matches(name, list)),
                                _ => 0.0,
                            })
                            .collect();
                        Match::per_code(
                            *col,
                            &mut (0..dict.len()).map(|c| {
                                per_domain
                                    .get(d.of_code.get(c).unwrap_or(0) as usize)
                                    .copied()
                                    .unwrap_or(0.0)
                            }),
                        )
                    }
                    ColumnData::Text { dict, .. }
                        if matches!(
                            leaf,
                            Leaf::ContainsAny(_) | Leaf::EqualsAny(_) | Leaf::StartsWith(_)
                        ) =>
                    {
                        let folded = self.folded(dict, *col);
                        let mut values =
                            dict.iter()
                                .zip(folded.iter())
                                .map(|(raw, v): (&str, &str)| {
                                    // Equality and prefixes compare the trimmed value (the dictionary's
                                    // values are trimmed already, but not of every Unicode space).
                                    let trimmed = if raw.trim().len() == raw.len() {
                                        std::borrow::Cow::Borrowed(v)
                                    } else {
                                        std::borrow::Cow::Owned(fold(raw.trim()))
                                    };
                                    flag(match leaf {
                                        Leaf::ContainsAny(keys) => keys
                                            .iter()
                                            .any(|k| crate::text::contains_word_fast(v, k)),
                                        Leaf::EqualsAny(values) => {
                                            values.iter().any(|x| *x == *trimmed)
                                        }
                                        Leaf::StartsWith(prefixes) => {
                                            prefixes.iter().any(|p| trimmed.starts_with(p.as_str()))
                                        }
                                        _ => false,
                                    })
                                });
                        Match::per_code(*col, &mut values)
                    }
                    ColumnData::Text { dict, .. } => {
                        Match::per_code(*col, &mut dict.iter().map(|v| leaf.on_text(v)))
                    }
                    ColumnData::Range { dict, bounds, .. } => Match::per_code(
                        *col,
                        &mut dict
                            .iter()
                            .zip(bounds)
                            .map(|(v, &(lo, hi))| leaf.on_range(v, lo, hi)),
                    ),
                    ColumnData::Bool(_) => {
                        let (t, f) = match &column.format {
                            crate::ingest::values::ColumnType::Bool(b) => {
                                (b.true_text.as_str(), b.false_text.as_str())
                            }
                            _ => ("true", "false"),
                        };
                        Match::Lut {
                            col: *col,
                            lut: (0..3u8).map(|v| leaf.on_bool(v, t, f)).collect(),
                        }
                    }
                    // Coded cells: the condition once per distinct value, looked up per row.
                    ColumnData::Number(Cells::Coded { values, .. }) => {
                        Match::per_code(*col, &mut values.iter().map(|&x| leaf.on_number(x)))
                    }
                    ColumnData::Date(Cells::Coded { values, .. }) => Match::per_code(
                        *col,
                        &mut values.iter().map(|&d| leaf.on_date(d, ctx.as_of)),
                    ),
                    ColumnData::Number(Cells::Dense(values)) => {
                        Match::Dense(values.iter().map(|&x| leaf.on_number(x)).collect())
                    }
                    ColumnData::Date(Cells::Dense(values)) => {
                        Match::Dense(values.iter().map(|&d| leaf.on_date(d, ctx.as_of)).collect())
                    }
                    ColumnData::Number(Cells::Narrow(v)) => Match::Dense(
                        v.iter()
                            .map(|&x| leaf.on_number(Narrow::widen(x)))
                            .collect(),
                    ),
                    ColumnData::Date(Cells::Narrow(v)) => Match::Dense(
                        v.iter()
                            .map(|&d| leaf.on_date(Narrow::widen(d), ctx.as_of))
                            .collect(),
                    ),
                    ColumnData::Number(c @ Cells::Sparse { .. }) => {
                        Match::Dense(c.map(|x| leaf.on_number(x)))
                    }
                    ColumnData::Date(c @ Cells::Sparse { .. }) => {
                        Match::Dense(c.map(|d| leaf.on_date(d, ctx.as_of)))
                    }
                }
            }
            Cond::All(parts) | Cond::Any(parts) => {
                let all = matches!(cond, Cond::All(_));
                let mut acc = vec![if all { 1.0f32 } else { 0.0 }; n];
                for p in parts {
                    let m = self.get(ctx, p);
                    let values = m.m.dense(ctx.table);
                    for (a, &v) in acc.iter_mut().zip(values.iter()) {
                        let held = flag(v != 0.0);
                        *a = if all { a.min(held) } else { a.max(held) };
                    }
                }
                Match::Dense(acc)
            }
            Cond::Activity { types, decay } => {
                let mut units = vec![0f32; n];
                if let Some(a) = ctx.activities {
                    let wanted: Vec<bool> = a
                        .kinds
                        .iter()
                        .map(|k| types.is_empty() || types.contains(&fold(k.trim())))
                        .collect();
                    for i in 0..a.lead.len() {
                        if !wanted.get(a.kind[i] as usize).copied().unwrap_or(false) {
                            continue;
                        }
                        let w = event_weight(a.at[i], *decay, ctx.as_of);
                        if let Some(u) = units.get_mut(a.lead[i] as usize) {
                            *u += w as f32;
                        }
                    }
                }
                Match::Dense(units)
            }
        }
    }
}

fn self_leaf_bool(leaf: &Leaf) -> &bool {
    match leaf {
        Leaf::RoleAddress(b) | Leaf::FreeMail(b) | Leaf::Is(b) | Leaf::Empty(b) => b,
        _ => &false,
    }
}

/// The weight of an event at `at` under `decay` as of `as_of` (1 without decay, date or today).
pub fn event_weight(at: i64, decay: Option<Decay>, as_of: Option<i64>) -> f64 {
    match (decay, as_of) {
        (Some(d), Some(now)) if at != NO_DATE => d.weight(age_days(now, at)),
        _ => 1.0,
    }
}

fn cache_key(cond: &Cond, as_of: Option<i64>) -> String {
    match cond {
        Cond::Leaf { col, leaf } => {
            if leaf.dated() {
                format!("L{col:?}:{}@{as_of:?}", leaf.key())
            } else {
                format!("L{col:?}:{}", leaf.key())
            }
        }
        Cond::All(p) => format!(
            "A[{}]",
            p.iter()
                .map(|c| cache_key(c, as_of))
                .collect::<Vec<_>>()
                .join(",")
        ),
        Cond::Any(p) => format!(
            "O[{}]",
            p.iter()
                .map(|c| cache_key(c, as_of))
                .collect::<Vec<_>>()
                .join(",")
        ),
        Cond::Activity { types, decay } => format!("E{types:?}:{decay:?}@{as_of:?}"),
    }
}

/// The value of `cond` for one lead, and what was looked at (for explanations).
pub fn eval_row(ctx: &Ctx, cond: &Cond, row: usize) -> f32 {
    match cond {
        Cond::Leaf { col: None, .. } => 0.0,
        Cond::Leaf {
            col: Some(col),
            leaf,
        } => {
            let column = &ctx.table.columns[*col];
            match &column.data {
                ColumnData::Text { codes, dict } => {
                    leaf.on_text(dict.get(codes.get(row).unwrap_or(0)))
                }
                ColumnData::Range {
                    codes,
                    dict,
                    bounds,
                } => {
                    let c = codes.get(row).unwrap_or(0) as usize;
                    let (lo, hi) = bounds.get(c).copied().unwrap_or((f64::NAN, f64::NAN));
                    leaf.on_range(dict.get(c as u32), lo, hi)
                }
                ColumnData::Bool(v) => {
                    let (t, f) = match &column.format {
                        crate::ingest::values::ColumnType::Bool(b) => {
                            (b.true_text.as_str(), b.false_text.as_str())
                        }
                        _ => ("true", "false"),
                    };
                    leaf.on_bool(v.get(row).copied().unwrap_or(NO_BOOL), t, f)
                }
                ColumnData::Number(v) => leaf.on_number(v.get(row).unwrap_or(f64::NAN)),
                ColumnData::Date(v) => leaf.on_date(v.get(row).unwrap_or(NO_DATE), ctx.as_of),
            }
        }
        Cond::All(parts) => flag(parts.iter().all(|p| eval_row(ctx, p, row) != 0.0)),
        Cond::Any(parts) => flag(parts.iter().any(|p| eval_row(ctx, p, row) != 0.0)),
        Cond::Activity { types, decay } => {
            let Some(a) = ctx.activities else {
                return 0.0;
            };
            // Events are sorted by lead: find this lead's run.
            let start = a.lead.partition_point(|&l| (l as usize) < row);
            let mut units = 0f32;
            for i in start..a.lead.len() {
                if a.lead[i] as usize != row {
                    break;
                }
                let kind = fold(a.kinds.get(a.kind[i]).trim());
                if types.is_empty() || types.contains(&kind) {
                    units += event_weight(a.at[i], *decay, ctx.as_of) as f32;
                }
            }
            units
        }
    }
}

/// 1 when `x` holds, else 0: a condition's match value.
#[inline]
fn flag(x: bool) -> f32 {
    if x {
        1.0
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::{Match, Weight};
    use crate::table::{Codes, Column, Dict, Table};

    /// A column of `n` distinct values (more than a big dictionary), each row a code.
    fn table(n: usize) -> Table {
        let mut dict = Dict::new();
        for i in 0..n {
            dict.push(&format!("v{i}"));
        }
        let codes: Vec<u32> = (0..n as u32).rev().map(|c| (c * 7) % n as u32).collect();
        Table {
            columns: vec![Column::text("x".into(), Codes::from_vec(codes), dict)],
            rows: n,
        }
    }

    /// Every compact form of a per-code result reads exactly as the plain table would, in
    /// every way the scorer reads it.
    #[test]
    fn compact_per_code_results_read_as_the_plain_table() {
        let n = Match::BIG_DICT + 1_000;
        let t = table(n);
        let value_sets: [&[f32]; 3] = [&[0.0, 1.0], &[0.0, 2.5, 7.0], &[0.0]];
        for values in value_sets {
            let of = |c: usize| values[(c * 31 + c / 3) % values.len()];
            let m = Match::per_code(0, &mut (0..=n).map(of));
            let plain = Match::Lut {
                col: 0,
                lut: (0..=n).map(of).collect(),
            };
            let kind = match &m {
                Match::CodeBits { .. } => "bits",
                Match::Palette { .. } => "palette",
                _ => "other",
            };
            let want = if values.len() == 3 { "palette" } else { "bits" };
            assert_eq!(kind, want, "{values:?}");
            assert_eq!(m.dense(&t), plain.dense(&t), "{kind}");
            for row in [0, 1, 64, n - 1] {
                assert_eq!(m.at(&t, row), plain.at(&t, row), "{kind} row {row}");
            }
            let w = Weight::Points(-3.5);
            let (mut a, mut b) = (vec![1f32; n], vec![1f32; n]);
            m.add_into(&t, w, &mut a);
            plain.add_into(&t, w, &mut b);
            assert_eq!(a, b, "{kind}");
            let (mut a, mut b) = (vec![0u16; n], vec![0u16; n]);
            let code = |x: f32| (x * 2.0) as u16;
            m.add_codes_into(&t, &code, &mut a);
            plain.add_codes_into(&t, &code, &mut b);
            assert_eq!(a, b, "{kind}");
            let mut counts = Default::default();
            assert_eq!(
                m.count_held(&t, &mut counts),
                plain.count_held(&t, &mut counts),
                "{kind}"
            );
            assert!(m.is_binary() == plain.is_binary(), "{kind}");
        }
    }
}
