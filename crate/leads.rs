//! The leads table: every lead with its scores, grade, status and lifecycle, filtered, sorted
//! and paged for the page's virtual table; one lead's record; the scored export as CSV.
//!
//! At a million leads a page must cost what a page costs: the filtered and sorted order of the
//! last query is kept, so scrolling only reads rows. The lifecycle facts (stage, track and SLA
//! state as small codes) take a pass over every lead, so they are computed the first time a
//! query filters or sorts on them, then kept. Everything here is dropped whenever the data, the
//! agreement or today change (the workbench re-scores then).

mod export;
pub(crate) mod order;
mod query;

pub use export::SCORED_COLUMNS;
use query::plan;
pub use query::{LeadQuery, QueryError, QUERY_FIELDS};

use crate::agreement::parts::STAGES;
use crate::agreement::{Agreement, Grades};
use crate::fields::Mapping;
use crate::lifecycle::{Lifecycle, Sla};
use crate::score::histogram::{bucket, BUCKETS};
use crate::score::{over_line, results::bands, DISQUALIFIED, FAST_TRACK};
use crate::table::Table;
use crate::Workbench;
use serde::Serialize;

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
    fit: &'a crate::score::Scores,
    int: &'a crate::score::Scores,
    flag: &'a [u8],
    applied: &'a crate::table::Codes,
    bands: Bands,
}

impl View<'_> {
    fn fit(&self, row: usize) -> f32 {
        self.fit.get(row).unwrap_or(0.0)
    }

    fn int(&self, row: usize) -> f32 {
        self.int.get(row).unwrap_or(0.0)
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
        let k = self.applied.get(row).unwrap_or(0) as usize;
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
                    let order = order::order(&v, &life, &mut cache, &plan, q, &options);
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
