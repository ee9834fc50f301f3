//! The rows a query asks for, in its order: filtered on the scores, the lifecycle facts and
//! the folded text, then sorted by counting (keys are small: scores in hundredths, codes,
//! ranks of folded text), so that ties stay in file order.

use super::query::Plan;
use super::{facts, name_columns, Cache, LeadOptions, LeadQuery, View, NO_TRACK};
use crate::fields::Mapping;
use crate::lifecycle::Lifecycle;
use crate::table::{Codes, ColumnData, Originals, Table};
use crate::text::fold;
use std::collections::BTreeMap;

/// Call `f` with each folded text of column `c`: once per distinct value where the column is
/// dictionary-encoded (and return its codes), else once per row.
fn each_folded<'a>(table: &'a Table, c: usize, f: &mut dyn FnMut(String)) -> Option<&'a Codes> {
    let col = &table.columns[c];
    match (&col.data, &col.originals) {
        (
            ColumnData::Text { codes, dict } | ColumnData::Range { codes, dict, .. },
            Originals::None,
        ) => {
            dict.iter().for_each(|v| f(fold(v)));
            Some(codes)
        }
        _ => {
            (0..table.rows).for_each(|r| f(fold(&col.display(r))));
            None
        }
    }
}

/// Where row `row`'s value is in what [`each_folded`] gave.
fn slot(codes: Option<&Codes>, row: usize) -> usize {
    codes.map_or(row, |c| c.get(row).map_or(0, |k| k as usize))
}

/// Per row, the rank of its folded text in column `col` (equal texts share a rank).
fn ranks(table: &Table, col: Option<usize>) -> Vec<u32> {
    let Some(c) = col.filter(|&c| c < table.columns.len()) else {
        return Vec::new();
    };
    let mut keys = Vec::new();
    let codes = each_folded(table, c, &mut |k| keys.push(k));
    // A map in key order, its counts then replaced by ranks.
    let mut order: BTreeMap<String, u64> = BTreeMap::new();
    for k in &keys {
        *order.entry(k.clone()).or_insert(0) += 1;
    }
    for (i, n) in order.values_mut().enumerate() {
        *n = i as u64;
    }
    let rank: Vec<u32> = keys
        .iter()
        .map(|k| order.get(k).map_or(0, |&r| r as u32))
        .collect();
    (0..table.rows)
        .map(|r| rank.get(slot(codes, r)).copied().unwrap_or(0))
        .collect()
}

/// `rows` ordered by `key[row]`, descending if asked, ties kept in their order. A counting
/// sort: keys are small (scores in hundredths, codes, ranks), and it is linear in the rows.
pub(crate) fn sort_by_key(rows: &[u32], key: &[u32], desc: bool) -> Vec<u32> {
    let range = key.iter().max().map_or(0, |&m| m as usize + 1);
    let k = |r: u32| {
        let x = key.get(r as usize).copied().unwrap_or(0) as usize;
        if desc {
            range - 1 - x
        } else {
            x
        }
    };
    let mut at = vec![0usize; range + 1];
    for &r in rows {
        at[k(r) + 1] += 1;
    }
    for i in 1..at.len() {
        at[i] += at[i - 1];
    }
    let mut out = vec![0u32; rows.len()];
    for &r in rows {
        let slot = &mut at[k(r)];
        out[*slot] = r;
        *slot += 1;
    }
    out
}

/// The text search: per column, whether each distinct value holds the (folded) text.
struct Search<'a> {
    needle: &'a str,
    cols: Vec<(Option<&'a Codes>, Vec<bool>)>,
    /// First and last name, searched together when the text has a space ("ana mar").
    span: Vec<(Option<&'a Codes>, Vec<String>)>,
}

impl<'a> Search<'a> {
    fn new(table: &'a Table, map: &Mapping, needle: &'a str) -> Self {
        let (first, last) = name_columns(table, map);
        let fields = ["email", "company", "job_title"].map(|f| map.get(f).copied());
        let mut seen = Vec::new();
        let mut cols = Vec::new();
        for c in [first, last].into_iter().chain(fields).flatten() {
            if c < table.columns.len() && !seen.contains(&c) {
                seen.push(c);
                let mut hit = Vec::new();
                let codes = each_folded(table, c, &mut |v| hit.push(v.contains(needle)));
                cols.push((codes, hit));
            }
        }
        let mut span = Vec::new();
        if let (Some(a), Some(b), true) = (first, last, needle.contains(' ')) {
            for c in [a, b] {
                let mut keys = Vec::new();
                let codes = each_folded(table, c, &mut |v| keys.push(v));
                span.push((codes, keys));
            }
        }
        Search { needle, cols, span }
    }

    fn holds(&self, row: usize) -> bool {
        let text = |i: usize| {
            self.span
                .get(i)
                .and_then(|(codes, keys)| keys.get(slot(*codes, row)))
                .map_or("", String::as_str)
        };
        self.cols
            .iter()
            .any(|(codes, hit)| hit.get(slot(*codes, row)) == Some(&true))
            || (self.span.len() == 2 && format!("{} {}", text(0), text(1)).contains(self.needle))
    }
}

/// The rows that pass the filters, in the query's order.
pub(super) fn order(
    v: &View,
    life: &Lifecycle,
    cache: &mut Cache,
    p: &Plan,
    q: &LeadQuery,
    opts: &LeadOptions,
) -> Vec<u32> {
    let n = v.table.rows;
    if p.needs_facts(q) && cache.facts.is_none() {
        cache.facts = Some(facts(life, n, &opts.tracks));
    }
    let facts = cache.facts.as_ref();
    let fact = |r: usize| facts.and_then(|f| f.code.get(r)).copied().unwrap_or(0);
    // Track codes asked for (an id no lead has matches nothing).
    let tracks: Vec<u32> = q
        .tracks
        .iter()
        .filter_map(|t| match t.as_str() {
            NO_TRACK => Some(0),
            t => facts?
                .tracks
                .iter()
                .position(|x| x == t)
                .map(|i| i as u32 + 1),
        })
        .collect();
    let search = (!p.text.is_empty()).then(|| Search::new(v.table, v.map, &p.text));
    let bit = |m: u32, code: u32| m == 0 || (code < 32 && m & (1 << code) != 0);
    let keep = |r: usize| {
        bit(p.statuses, v.status(r).into())
            && p.cells
                .as_ref()
                .is_none_or(|ok| ok.get(v.cell(r) as usize) == Some(&true))
            && bit(p.stages, fact(r) & 0xff)
            && bit(p.sla, fact(r) >> 8 & 0xff)
            && (q.tracks.is_empty() || tracks.contains(&(fact(r) >> 16)))
            && search.as_ref().is_none_or(|s| s.holds(r))
    };
    let mut rows: Vec<u32> = (0..n).filter(|&r| keep(r)).map(|r| r as u32).collect();
    if p.sort == 0 {
        if q.desc {
            rows.reverse();
        }
        return rows;
    }
    // By name: by last name, then (stably) by first name.
    let (by, then) = match p.sort {
        1 => {
            let (first, last) = name_columns(v.table, v.map);
            (ranks(v.table, last), ranks(v.table, first))
        }
        2 => (ranks(v.table, v.map.get("company").copied()), Vec::new()),
        _ => (Vec::new(), Vec::new()),
    };
    let score = |s: &crate::score::Scores, r: usize| s.hundredths(r).map_or(0, u32::from);
    let key: Vec<u32> = (0..n)
        .map(|r| match p.sort {
            1 | 2 => by.get(r).copied().unwrap_or(0),
            3 => score(v.fit, r),
            4 => score(v.int, r),
            5 => v.cell(r).into(),
            6 => v.status(r).into(),
            7 => fact(r) & 0xff,
            8 => fact(r) >> 16,
            _ => fact(r) >> 8 & 0xff,
        })
        .collect();
    rows = sort_by_key(&rows, &key, q.desc);
    if !then.is_empty() {
        rows = sort_by_key(&rows, &then, q.desc);
    }
    rows
}
