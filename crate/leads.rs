//! The leads table: every lead with its scores, grade, status and lifecycle, filtered, sorted
//! and paged for the page's virtual table; one lead's record; the scored export as CSV.
//!
//! At a million leads a page must cost what a page costs: the filtered and sorted order of the
//! last query is kept, so scrolling only reads rows. The lifecycle facts (stage, track and SLA
//! state as small codes) take a pass over every lead, so they are computed the first time a
//! query filters or sorts on them, then kept. Everything here is dropped whenever the data, the
//! agreement or today change (the workbench re-scores then).

mod export;

pub use export::SCORED_COLUMNS;

use crate::agreement::parts::STAGES;
use crate::agreement::{Agreement, Grades};
use crate::fields::Mapping;
use crate::lifecycle::{Lifecycle, Sla};
use crate::score::histogram::{bucket, BUCKETS};
use crate::score::{over_line, results::bands, DISQUALIFIED, FAST_TRACK};
use crate::table::{ColumnData, Originals, Table};
use crate::text::fold;
use crate::Workbench;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// Rows a query returns when it does not say.
pub const DEFAULT_LIMIT: usize = 100;
/// The most rows one query returns.
pub const MAX_LIMIT: usize = 500;
/// What a query can sort by.
pub const SORT_KEYS: &[&str] = &[
    "row", "name", "company", "fit", "interest", "grade", "status", "stage", "track", "sla",
];
/// A lead's status, in sort order (away from sales, then towards it). One status per lead:
/// disqualified first, then an SQL (fast-tracked or not), then fast-tracked, then MQL.
pub const STATUSES: &[&str] = &["disqualified", "lead", "mql", "fast_track", "sql"];
/// Follow-up states, as the lifecycle names them (see [`Sla`]).
pub const SLA_STATES: &[&str] = &[
    "met",
    "missed",
    "overdue",
    "pending",
    "not_handed_over",
    "not_available",
];
/// The `tracks` filter value for leads in no nurture track.
pub const NO_TRACK: &str = "none";
/// A code for "none" (no stage in the export, no grade band).
const NONE: u8 = u8::MAX;

/// What the leads table asks for: a page of leads, sorted and filtered. Every field is
/// optional; an empty list filters nothing, values within a list are alternatives, and the
/// lists are combined (a lead must pass each).
#[derive(Debug, Clone, PartialEq)]
pub struct LeadQuery {
    /// Position of the first row, in the filtered and sorted order.
    pub offset: usize,
    /// Rows wanted (at most [`MAX_LIMIT`]).
    pub limit: usize,
    /// One of [`SORT_KEYS`]; ties are in file order.
    pub sort: String,
    pub desc: bool,
    /// Stages under the agreement (stage ids).
    pub stages: Vec<String>,
    /// Fit grades ("A"), interest grades ("1") or cells ("B2").
    pub grades: Vec<String>,
    /// Nurture track ids, or [`NO_TRACK`].
    pub tracks: Vec<String>,
    /// [`STATUSES`].
    pub statuses: Vec<String>,
    /// [`SLA_STATES`].
    pub sla: Vec<String>,
    /// Found in the name, e-mail, company or job title, ignoring case and accents.
    pub text: String,
}

impl Default for LeadQuery {
    fn default() -> Self {
        LeadQuery {
            offset: 0,
            limit: DEFAULT_LIMIT,
            sort: "row".into(),
            desc: false,
            stages: Vec::new(),
            grades: Vec::new(),
            tracks: Vec::new(),
            statuses: Vec::new(),
            sla: Vec::new(),
            text: String::new(),
        }
    }
}

/// The fields of a query, as JavaScript writes them.
pub const QUERY_FIELDS: &[&str] = &[
    "offset", "limit", "sort", "desc", "stages", "grades", "tracks", "statuses", "sla", "text",
];

impl LeadQuery {
    /// Read a query written as JSON; the error names the field.
    pub fn from_json(json: &str) -> Result<Self, QueryError> {
        let v: Value = serde_json::from_str(json).map_err(|e| QueryError(e.to_string()))?;
        Self::from_value(&v)
    }

    /// Read a query from a JSON object. A field that is absent or `null` keeps its default; an
    /// unknown field is an error (a misspelt filter must not silently filter nothing).
    // Read by hand rather than derived: the derived reader costs the page's WebAssembly
    // several times this code.
    pub fn from_value(v: &Value) -> Result<Self, QueryError> {
        let obj = v
            .as_object()
            .ok_or_else(|| QueryError("a query is an object such as {\"sort\": \"fit\"}".into()))?;
        let mut q = LeadQuery::default();
        for (k, x) in obj.iter().filter(|(_, x)| !x.is_null()) {
            let bad = |want: &str| QueryError(format!("{k}: expected {want}"));
            let number = || {
                x.as_u64()
                    .map(|n| n as usize)
                    .ok_or_else(|| bad("a whole number"))
            };
            let text = || x.as_str().map(str::to_string).ok_or_else(|| bad("a text"));
            match k.as_str() {
                "offset" => q.offset = number()?,
                "limit" => q.limit = number()?,
                "sort" => q.sort = text()?,
                "desc" => q.desc = x.as_bool().ok_or_else(|| bad("true or false"))?,
                "stages" => q.stages = texts(k, x)?,
                "grades" => q.grades = texts(k, x)?,
                "tracks" => q.tracks = texts(k, x)?,
                "statuses" => q.statuses = texts(k, x)?,
                "sla" => q.sla = texts(k, x)?,
                "text" => q.text = text()?,
                _ => {
                    return Err(QueryError(format!(
                        "unknown field `{k}`; a query has {}",
                        QUERY_FIELDS.join(", ")
                    )))
                }
            }
        }
        Ok(q)
    }
}

/// A list of texts, or an error naming field `k`.
fn texts(k: &str, x: &Value) -> Result<Vec<String>, QueryError> {
    let bad = || QueryError(format!("{k}: expected a list of texts"));
    let mut out = Vec::new();
    for s in x.as_array().ok_or_else(bad)? {
        out.push(s.as_str().ok_or_else(bad)?.to_string());
    }
    Ok(out)
}

/// A query that cannot be answered: the field and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("lead query: {0}")]
pub struct QueryError(pub String);

/// One lead in the table.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LeadRow {
    /// 0-based, in file order.
    pub row: u64,
    /// First and last name (`None`: the export has no name column); likewise below.
    pub name: Option<String>,
    pub email: Option<String>,
    pub company: Option<String>,
    pub title: Option<String>,
    pub fit: f32,
    pub interest: f32,
    /// The matrix cell, e.g. "B2".
    pub grade: String,
    /// One of [`STATUSES`].
    pub status: &'static str,
    /// The stage under the agreement.
    pub stage: String,
    /// The stage the export gives (`None`: it gives none, or a label no table maps).
    pub export_stage: Option<String>,
    /// The nurture track (`None`: none).
    pub track: Option<String>,
    /// One of [`SLA_STATES`].
    pub sla: &'static str,
    /// The disqualifier's or fast-track rule's reason.
    pub reason: Option<String>,
}

/// What the filters can choose from, from the agreement.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LeadOptions {
    pub stages: Vec<String>,
    pub tracks: Vec<String>,
    pub fit_grades: Vec<String>,
    pub interest_grades: Vec<String>,
}

/// A page of the leads table.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LeadPage {
    /// Leads that pass the filters.
    pub total: u64,
    /// Leads loaded.
    pub all: u64,
    pub offset: u64,
    pub rows: Vec<LeadRow>,
    pub options: LeadOptions,
}

/// What the leads table keeps between queries (dropped whenever the scores may change).
#[derive(Default)]
pub struct Cache {
    /// Lifecycle facts per lead.
    facts: Option<Facts>,
    /// The last query (without offset and limit) and its rows in order.
    order: Option<(LeadQuery, Vec<u32>)>,
    /// Rule matches for the scored export, while it is being written.
    points: Option<export::Points>,
}

/// Per lead, its stage (bits 0–7), SLA state (8–15) and track (16–31) codes.
struct Facts {
    code: Vec<u32>,
    /// Track ids; a track's code is its index + 1 (0: none).
    tracks: Vec<String>,
}

/// The grade bands of both axes, as lookups from a score's bucket.
struct Bands {
    fit: Vec<String>,
    int: Vec<String>,
    fit_lut: Vec<u8>,
    int_lut: Vec<u8>,
}

impl Bands {
    fn new(g: &Grades) -> Self {
        let axis = |m| {
            let b = bands(m);
            let mut lut = vec![b.len() as u8; BUCKETS];
            // The first band that holds a bucket wins, as in `grade_of`.
            for (k, (_, lo, hi)) in b.iter().enumerate().rev() {
                for slot in lut.iter_mut().take(*hi).skip(*lo) {
                    *slot = k as u8;
                }
            }
            (b.into_iter().map(|x| x.0).collect::<Vec<_>>(), lut)
        };
        let (fit, fit_lut) = axis(&g.fit);
        let (int, int_lut) = axis(&g.interest);
        Bands {
            fit,
            int,
            fit_lut,
            int_lut,
        }
    }

    /// The matrix cell of a lead's scores (one more band per axis stands for "no grade").
    fn cell(&self, fit: f32, int: f32) -> u16 {
        let f = self.fit_lut.get(bucket(fit)).copied().unwrap_or(NONE) as usize;
        let i = self.int_lut.get(bucket(int)).copied().unwrap_or(NONE) as usize;
        (f.min(self.fit.len()) * (self.int.len() + 1) + i.min(self.int.len())) as u16
    }

    fn label(&self, cell: u16) -> String {
        let w = self.int.len() + 1;
        let (f, i) = (cell as usize / w, cell as usize % w);
        let at = |v: &[String], k: usize| v.get(k).cloned().unwrap_or_default();
        at(&self.fit, f) + &at(&self.int, i)
    }
}

/// A lead's status code (an index into [`STATUSES`]).
fn status_code(fit: f32, int: f32, flag: u8, a: &Agreement) -> u8 {
    let q = &a.qualification;
    if flag == DISQUALIFIED {
        0
    } else if over_line(fit, int, flag, q, true) {
        4
    } else if flag == FAST_TRACK {
        3
    } else if over_line(fit, int, flag, q, false) {
        2
    } else {
        1
    }
}

fn stage_code(s: &str) -> u8 {
    STAGES
        .iter()
        .position(|x| *x == s)
        .map_or(NONE, |i| i as u8)
}

fn sla_code(s: Sla) -> u8 {
    match s {
        Sla::Met => 0,
        Sla::Missed => 1,
        Sla::Overdue => 2,
        Sla::Pending => 3,
        Sla::NotHandedOver => 4,
        Sla::NotAvailable => 5,
    }
}

/// A query checked against the agreement.
struct Plan {
    sort: usize,
    stages: u32,
    cells: Option<Vec<bool>>,
    statuses: u32,
    sla: u32,
    text: String,
}

impl Plan {
    fn needs_facts(&self, q: &LeadQuery) -> bool {
        self.stages != 0 || !q.tracks.is_empty() || self.sla != 0 || self.sort >= 7
    }
}

/// Bit `i` set for each value that is `names[i]`; an unknown value is an error naming `field`.
fn mask(field: &str, values: &[String], names: &[&str]) -> Result<u32, QueryError> {
    let mut m = 0;
    for v in values {
        let i = names.iter().position(|n| n == v).ok_or_else(|| {
            QueryError(format!(
                "{field}: \"{v}\" is not one of {}",
                names.join(", ")
            ))
        })?;
        m |= 1 << i;
    }
    Ok(m)
}

fn plan(q: &LeadQuery, bands: &Bands) -> Result<Plan, QueryError> {
    let sort = mask("sort", std::slice::from_ref(&q.sort), SORT_KEYS)?.trailing_zeros() as usize;
    let (fit, int) = (&bands.fit, &bands.int);
    let mut cells = vec![false; (fit.len() + 1) * (int.len() + 1)];
    for g in &q.grades {
        let same = |x: Option<&str>, l: &str| x.is_some_and(|x| x.eq_ignore_ascii_case(l));
        let mut known = false;
        for (f, fl) in fit.iter().enumerate() {
            for (i, il) in int.iter().enumerate() {
                // "A" (a fit grade), "1" (an interest grade) or "A1" (a cell).
                let cut = g.len().saturating_sub(il.len());
                if same(Some(g), fl)
                    || same(Some(g), il)
                    || (same(g.get(..cut), fl) && same(g.get(cut..), il))
                {
                    cells[f * (int.len() + 1) + i] = true;
                    known = true;
                }
            }
        }
        if !known {
            return Err(QueryError(format!(
                "grades: \"{g}\" is not a grade; use a fit grade ({}), an interest grade ({}) or a cell such as {}{}",
                fit.join(", "),
                int.join(", "),
                fit.first().map_or("", String::as_str),
                int.first().map_or("", String::as_str),
            )));
        }
    }
    Ok(Plan {
        sort,
        stages: mask("stages", &q.stages, STAGES)?,
        cells: (!q.grades.is_empty()).then_some(cells),
        statuses: mask("statuses", &q.statuses, STATUSES)?,
        sla: mask("sla", &q.sla, SLA_STATES)?,
        text: fold(q.text.trim()),
    })
}

/// The columns a lead's name comes from: first and last name, else one "Name" column.
fn name_columns(table: &Table, map: &Mapping) -> (Option<usize>, Option<usize>) {
    let (first, last) = (
        map.get("first_name").copied(),
        map.get("last_name").copied(),
    );
    if first.is_none() && last.is_none() {
        (table.find("name").or_else(|| table.find("full name")), None)
    } else {
        (first, last)
    }
}

/// What the page's rows are read from.
struct View<'a> {
    table: &'a Table,
    map: &'a Mapping,
    a: &'a Agreement,
    fit: &'a [f32],
    int: &'a [f32],
    flag: &'a [u8],
    applied: &'a [u16],
    bands: Bands,
}

impl View<'_> {
    fn fit(&self, row: usize) -> f32 {
        self.fit.get(row).copied().unwrap_or(0.0)
    }

    fn int(&self, row: usize) -> f32 {
        self.int.get(row).copied().unwrap_or(0.0)
    }

    fn flag(&self, row: usize) -> u8 {
        self.flag.get(row).copied().unwrap_or(0)
    }

    fn cell_text(&self, col: Option<usize>, row: usize) -> Option<String> {
        col.and_then(|c| self.table.columns.get(c))
            .map(|c| c.display(row))
    }

    fn field(&self, field: &str, row: usize) -> Option<String> {
        self.cell_text(self.map.get(field).copied(), row)
    }

    fn name(&self, row: usize) -> Option<String> {
        let (a, b) = name_columns(self.table, self.map);
        match (self.cell_text(a, row), self.cell_text(b, row)) {
            (Some(x), Some(y)) => Some(format!("{x} {y}").trim().to_string()),
            (x, y) => x.or(y),
        }
    }

    /// The disqualifier's or fast-track rule's reason (its id when it gives none).
    fn reason(&self, row: usize) -> Option<String> {
        let q = &self.a.qualification;
        let list = match self.flag(row) {
            DISQUALIFIED => &q.disqualify,
            FAST_TRACK => &q.fast_track,
            _ => return None,
        };
        let k = self.applied.get(row).copied().unwrap_or(0) as usize;
        list.get(k.wrapping_sub(1))
            .map(|r| r.reason.clone().unwrap_or_else(|| r.id.clone()))
    }

    fn status(&self, row: usize) -> u8 {
        status_code(self.fit(row), self.int(row), self.flag(row), self.a)
    }

    fn grade(&self, row: usize) -> String {
        self.bands.label(self.cell(row))
    }

    fn lead_row(&self, life: &Lifecycle, row: usize) -> LeadRow {
        let l = life.lead(row);
        LeadRow {
            row: row as u64,
            name: self.name(row),
            email: self.field("email", row),
            company: self.field("company", row),
            title: self.field("job_title", row),
            fit: self.fit(row),
            interest: self.int(row),
            grade: self.grade(row),
            status: STATUSES[self.status(row) as usize],
            stage: l.agreement_stage,
            export_stage: l.actual_stage,
            track: l.track,
            sla: SLA_STATES[sla_code(l.sla) as usize],
            reason: self.reason(row),
        }
    }

    fn cell(&self, row: usize) -> u16 {
        self.bands.cell(self.fit(row), self.int(row))
    }
}

/// One pass over the leads' lifecycles. Track codes follow `tracks` (the agreement's order),
/// then any other track met.
fn facts(life: &Lifecycle, n: usize, tracks: &[String]) -> Facts {
    let mut names: Vec<String> = tracks.to_vec();
    let mut code = Vec::with_capacity(n);
    for row in 0..n {
        let l = life.lead(row);
        let track = match l.track {
            None => 0,
            Some(t) => match names.iter().position(|x| *x == t) {
                Some(i) => i + 1,
                None => {
                    names.push(t);
                    names.len()
                }
            },
        };
        code.push(
            u32::from(stage_code(&l.agreement_stage))
                | u32::from(sla_code(l.sla)) << 8
                | (track.min(0xffff) as u32) << 16,
        );
    }
    Facts {
        code,
        tracks: names,
    }
}

/// Call `f` with each folded text of column `c`: once per distinct value where the column is
/// dictionary-encoded (and return its codes), else once per row.
fn each_folded<'a>(table: &'a Table, c: usize, f: &mut dyn FnMut(String)) -> Option<&'a [u32]> {
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
fn slot(codes: Option<&[u32]>, row: usize) -> usize {
    codes.map_or(row, |c| c.get(row).map_or(0, |&k| k as usize))
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
fn sort_by_key(rows: &[u32], key: &[u32], desc: bool) -> Vec<u32> {
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
    cols: Vec<(Option<&'a [u32]>, Vec<bool>)>,
    /// First and last name, searched together when the text has a space ("ana mar").
    span: Vec<(Option<&'a [u32]>, Vec<String>)>,
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

impl Workbench {
    fn view(&self) -> Option<View<'_>> {
        let (table, map) = self.table_and_mapping()?;
        let a = self.agreement();
        Some(View {
            table,
            map,
            a,
            fit: self.fit_scores(),
            int: self.interest_scores(),
            flag: self.status(),
            applied: self.scorer().applied(),
            bands: Bands::new(&a.qualification.grades),
        })
    }

    /// A page of the leads table. The filtered and sorted order is kept for the next query with
    /// the same sort and filters, so paging through it costs only the rows returned.
    pub fn leads(&mut self, q: &LeadQuery) -> Result<LeadPage, QueryError> {
        let a = self.agreement();
        let bands = Bands::new(&a.qualification.grades);
        let plan = plan(q, &bands)?;
        let mut tracks: Vec<String> = a.nurture.tracks.iter().map(|t| t.id.clone()).collect();
        for t in a
            .handoff
            .recycle
            .track
            .iter()
            .chain(a.nurture.overrides.values())
        {
            if !tracks.contains(t) {
                tracks.push(t.clone());
            }
        }
        let options = LeadOptions {
            stages: STAGES.iter().map(|s| s.to_string()).collect(),
            tracks,
            fit_grades: bands.fit,
            interest_grades: bands.int,
        };
        let mut cache = std::mem::take(&mut self.leads);
        let (total, rows) = match (self.view(), self.lifecycle_of()) {
            (Some(v), Some(life)) => {
                let key = LeadQuery {
                    offset: 0,
                    limit: 0,
                    ..q.clone()
                };
                if cache.order.as_ref().is_none_or(|(k, _)| *k != key) {
                    let order = order(&v, &life, &mut cache, &plan, q, &options);
                    cache.order = Some((key, order));
                }
                let order: &[u32] = cache.order.as_ref().map_or(&[], |(_, o)| o);
                let start = q.offset.min(order.len());
                let end = start
                    .saturating_add(q.limit.min(MAX_LIMIT))
                    .min(order.len());
                let rows = order[start..end]
                    .iter()
                    .map(|&r| v.lead_row(&life, r as usize))
                    .collect();
                (order.len(), rows)
            }
            _ => (0, Vec::new()),
        };
        self.leads = cache;
        Ok(LeadPage {
            total: total as u64,
            all: self.rows() as u64,
            offset: q.offset as u64,
            rows,
            options,
        })
    }

    /// Lead `row`'s cells as the export wrote them: (header, text) in column order.
    pub fn lead_record(&self, row: usize) -> Option<Vec<(String, String)>> {
        let (table, _) = self.table_and_mapping()?;
        (row < table.rows).then(|| {
            table
                .columns
                .iter()
                .map(|c| (c.name.clone(), c.display(row)))
                .collect()
        })
    }
}

/// The rows that pass the filters, in the query's order.
fn order(
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
    let score = |s: &[f32], r: usize| (s.get(r).copied().unwrap_or(0.0) * 100.0).round() as u32;
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
