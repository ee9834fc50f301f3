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
use serde::{Deserialize, Serialize};

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
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
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

impl LeadQuery {
    /// Read a query written as JSON; the error names the field.
    pub fn from_json(json: &str) -> Result<Self, QueryError> {
        let de = &mut serde_json::Deserializer::from_str(json);
        serde_path_to_error::deserialize(de).map_err(|e| QueryError(e.to_string()))
    }
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
    /// Status and grade cell per lead.
    base: Option<Base>,
    /// Lifecycle facts per lead.
    facts: Option<Facts>,
    /// The last query (without offset and limit) and its rows in order.
    order: Option<(LeadQuery, Vec<u32>)>,
    /// Rule matches for the scored export, while it is being written.
    points: Option<export::Points>,
}

struct Base {
    status: Vec<u8>,
    cell: Vec<u16>,
}

struct Facts {
    stage: Vec<u8>,
    track: Vec<u16>,
    sla: Vec<u8>,
    /// Track ids in alphabetical order; a lead's track code is its index + 1 (0: none).
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
    fn needs_base(&self) -> bool {
        self.cells.is_some() || self.statuses != 0 || matches!(self.sort, 5 | 6)
    }

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
    let sort = SORT_KEYS.iter().position(|k| *k == q.sort).ok_or_else(|| {
        QueryError(format!(
            "sort: \"{}\" is not a column to sort by; use one of {}",
            q.sort,
            SORT_KEYS.join(", ")
        ))
    })?;
    let cells = if q.grades.is_empty() {
        None
    } else {
        let (nf, ni) = (bands.fit.len(), bands.int.len());
        let mut ok = vec![false; (nf + 1) * (ni + 1)];
        let find = |v: &[String], g: &str| v.iter().position(|x| x.eq_ignore_ascii_case(g));
        for g in &q.grades {
            let (fs, is): (Vec<usize>, Vec<usize>) = if let Some(f) = find(&bands.fit, g) {
                (vec![f], (0..ni).collect())
            } else if let Some(i) = find(&bands.int, g) {
                ((0..nf).collect(), vec![i])
            } else {
                let cell = bands.fit.iter().enumerate().find_map(|(f, l)| {
                    let (head, rest) = (g.get(..l.len())?, g.get(l.len()..)?);
                    head.eq_ignore_ascii_case(l)
                        .then(|| find(&bands.int, rest).map(|i| (f, i)))
                        .flatten()
                });
                let (f, i) = cell.ok_or_else(|| {
                    QueryError(format!(
                        "grades: \"{g}\" is not a grade; use a fit grade ({}), an interest grade ({}) or a cell such as {}{}",
                        bands.fit.join(", "),
                        bands.int.join(", "),
                        bands.fit.first().map_or("", String::as_str),
                        bands.int.first().map_or("", String::as_str),
                    ))
                })?;
                (vec![f], vec![i])
            };
            for &f in &fs {
                for &i in &is {
                    ok[f * (ni + 1) + i] = true;
                }
            }
        }
        Some(ok)
    };
    Ok(Plan {
        sort,
        stages: mask("stages", &q.stages, STAGES)?,
        cells,
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
        self.bands
            .label(self.bands.cell(self.fit(row), self.int(row)))
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

    fn base(&self) -> Base {
        let n = self.table.rows;
        Base {
            status: (0..n).map(|r| self.status(r)).collect(),
            cell: (0..n)
                .map(|r| self.bands.cell(self.fit(r), self.int(r)))
                .collect(),
        }
    }
}

fn facts(life: &Lifecycle, n: usize) -> Facts {
    let mut names: Vec<String> = Vec::new();
    let (mut stage, mut track, mut sla) = (
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
    );
    for row in 0..n {
        let l = life.lead(row);
        stage.push(stage_code(&l.agreement_stage));
        sla.push(sla_code(l.sla));
        track.push(match l.track {
            None => 0,
            Some(t) => match names.iter().position(|x| *x == t) {
                Some(i) => i + 1,
                None => {
                    names.push(t);
                    names.len()
                }
            },
        } as u16);
    }
    // Codes in the order of the ids, so that sorting by code sorts by track.
    let mut sorted = names.clone();
    sorted.sort();
    let remap: Vec<u16> = std::iter::once(0)
        .chain(
            names
                .iter()
                .map(|t| sorted.binary_search(t).map_or(0, |i| i as u16 + 1)),
        )
        .collect();
    for t in &mut track {
        *t = remap.get(*t as usize).copied().unwrap_or(0);
    }
    Facts {
        stage,
        track,
        sla,
        tracks: sorted,
    }
}

/// Per row, the rank of its folded text in column `col` (equal texts share a rank).
fn ranks(table: &Table, col: Option<usize>) -> Vec<u32> {
    let Some(c) = col.and_then(|c| table.columns.get(c)) else {
        return vec![0; table.rows];
    };
    let rank = |keys: &[String]| -> Vec<u32> {
        let mut idx: Vec<u32> = (0..keys.len() as u32).collect();
        idx.sort_by(|&a, &b| keys[a as usize].cmp(&keys[b as usize]));
        let mut out = vec![0u32; keys.len()];
        let mut r = 0;
        for (k, w) in idx.windows(2).enumerate() {
            if keys[w[0] as usize] != keys[w[1] as usize] {
                r += 1;
            }
            out[idx[k + 1] as usize] = r;
        }
        out
    };
    match (&c.data, &c.originals) {
        (
            ColumnData::Text { codes, dict } | ColumnData::Range { codes, dict, .. },
            Originals::None,
        ) => {
            let keys: Vec<String> = dict.iter().map(fold).collect();
            let r = rank(&keys);
            codes
                .iter()
                .map(|&k| r.get(k as usize).copied().unwrap_or(0))
                .collect()
        }
        _ => rank(
            &(0..table.rows)
                .map(|row| fold(&c.display(row)))
                .collect::<Vec<_>>(),
        ),
    }
}

/// The text search: per column, whether each distinct value holds the (folded) text.
struct Search<'a> {
    table: &'a Table,
    needle: &'a str,
    cols: Vec<(usize, Option<Vec<bool>>)>,
    /// First and last name, searched together when the text has a space ("ana mar").
    span: Option<(usize, usize)>,
}

impl<'a> Search<'a> {
    fn new(table: &'a Table, map: &Mapping, needle: &'a str) -> Self {
        let (first, last) = name_columns(table, map);
        let fields = ["email", "company", "job_title"].map(|f| map.get(f).copied());
        let mut cols: Vec<(usize, Option<Vec<bool>>)> = Vec::new();
        for c in [first, last].into_iter().chain(fields).flatten() {
            if cols.iter().any(|x| x.0 == c) {
                continue;
            }
            let lut = match (&table.columns[c].data, &table.columns[c].originals) {
                (
                    ColumnData::Text { dict, .. } | ColumnData::Range { dict, .. },
                    Originals::None,
                ) => Some(dict.iter().map(|v| fold(v).contains(needle)).collect()),
                _ => None,
            };
            cols.push((c, lut));
        }
        Search {
            table,
            needle,
            cols,
            span: first.zip(last).filter(|_| needle.contains(' ')),
        }
    }

    fn holds(&self, row: usize) -> bool {
        let folded = |c: usize| fold(&self.table.columns[c].display(row));
        self.cols.iter().any(
            |(c, lut)| match (lut, self.table.columns[*c].codes_and_dict()) {
                (Some(lut), Some((codes, _))) => codes
                    .get(row)
                    .and_then(|&k| lut.get(k as usize))
                    .copied()
                    .unwrap_or(false),
                _ => folded(*c).contains(self.needle),
            },
        ) || self
            .span
            .is_some_and(|(a, b)| format!("{} {}", folded(a), folded(b)).contains(self.needle))
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
                    let order = order(&v, &life, &mut cache, &plan, q);
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
fn order(v: &View, life: &Lifecycle, cache: &mut Cache, p: &Plan, q: &LeadQuery) -> Vec<u32> {
    let n = v.table.rows;
    if p.needs_base() && cache.base.is_none() {
        cache.base = Some(v.base());
    }
    if p.needs_facts(q) && cache.facts.is_none() {
        cache.facts = Some(facts(life, n));
    }
    let (base, facts) = (cache.base.as_ref(), cache.facts.as_ref());
    // Track codes asked for (an id no lead has matches nothing).
    let tracks: Vec<u16> = q
        .tracks
        .iter()
        .filter_map(|t| match t.as_str() {
            NO_TRACK => Some(0),
            t => facts?
                .tracks
                .binary_search_by(|x| x.as_str().cmp(t))
                .ok()
                .map(|i| i as u16 + 1),
        })
        .collect();
    let search = (!p.text.is_empty()).then(|| Search::new(v.table, v.map, &p.text));
    let bit =
        |m: u32, code: Option<u8>| m == 0 || code.is_some_and(|c| c < 32 && m & (1 << c) != 0);
    let keep = |r: usize| {
        bit(p.statuses, base.and_then(|b| b.status.get(r).copied()))
            && p.cells.as_ref().is_none_or(|ok| {
                base.and_then(|b| b.cell.get(r))
                    .is_some_and(|&c| ok.get(c as usize) == Some(&true))
            })
            && bit(p.stages, facts.and_then(|f| f.stage.get(r).copied()))
            && bit(p.sla, facts.and_then(|f| f.sla.get(r).copied()))
            && (q.tracks.is_empty()
                || facts
                    .and_then(|f| f.track.get(r))
                    .is_some_and(|t| tracks.contains(t)))
            && search.as_ref().is_none_or(|s| s.holds(r))
    };
    let mut rows: Vec<u32> = (0..n).filter(|&r| keep(r)).map(|r| r as u32).collect();
    let score = |s: &[f32], r: usize| (s.get(r).copied().unwrap_or(0.0) * 100.0).round() as u64;
    let key: Vec<u64> = match p.sort {
        1 => {
            let (a, b) = name_columns(v.table, v.map);
            let (ra, rb) = (ranks(v.table, a), ranks(v.table, b));
            (0..n)
                .map(|r| (u64::from(ra[r]) << 32) | u64::from(rb[r]))
                .collect()
        }
        2 => ranks(v.table, v.map.get("company").copied())
            .into_iter()
            .map(u64::from)
            .collect(),
        3 => (0..n).map(|r| score(v.fit, r)).collect(),
        4 => (0..n).map(|r| score(v.int, r)).collect(),
        5 => base.map_or(Vec::new(), |b| b.cell.iter().map(|&c| c.into()).collect()),
        6 => base.map_or(Vec::new(), |b| b.status.iter().map(|&c| c.into()).collect()),
        7 => facts.map_or(Vec::new(), |f| f.stage.iter().map(|&c| c.into()).collect()),
        8 => facts.map_or(Vec::new(), |f| f.track.iter().map(|&c| c.into()).collect()),
        9 => facts.map_or(Vec::new(), |f| f.sla.iter().map(|&c| c.into()).collect()),
        _ => Vec::new(),
    };
    if key.len() == n && n > 0 {
        // Ties in file order whichever the direction: sort (key, row) pairs, the key flipped
        // for a descending sort.
        let flip = if q.desc { u64::MAX } else { 0 };
        let mut pairs: Vec<(u64, u32)> =
            rows.iter().map(|&r| (key[r as usize] ^ flip, r)).collect();
        pairs.sort_unstable();
        rows = pairs.into_iter().map(|(_, r)| r).collect();
    } else if q.desc {
        rows.reverse();
    }
    rows
}
