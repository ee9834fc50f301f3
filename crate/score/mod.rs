//! Scoring: fit and interest 0–100 per lead from the agreement's rules, and every threshold
//! figure read from a histogram.
//!
//! How raw points become a score, per axis:
//! 1. each rule adds its points (or `per_unit` × value, at most `max`) to its group;
//! 2. a group's total is clamped to `[-cap, cap]` (no clamp without a cap);
//! 3. the axis's raw points are the sum of its groups;
//! 4. the score is `100 × clamp(raw, 0, best) / best`, rounded to 0.01, where `best` is the
//!    most a lead could get: the sum over groups of min(cap, the sum of the group's positive
//!    rule maxima). A lead that gets everything scores 100; negative totals score 0.

pub mod compile;
pub mod histogram;

use crate::agreement::{Axis, Grades, Qualification, Thresholds};
use crate::fields::{self, Mapping};
use crate::table::{ColumnData, Table};
use compile::{Condition, MatchCache, Weight};
use histogram::{Histogram, BUCKETS};
use serde::Serialize;

/// Which way a rule points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum AxisName {
    Fit,
    Interest,
}

/// What a rule did on the loaded data.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleStat {
    pub id: String,
    pub axis: AxisName,
    pub group: String,
    pub field: String,
    /// The column the field resolved to; `None` when the data has no such column.
    pub column: Option<String>,
    /// Leads the rule gave points to (or took points from).
    pub matched: u64,
}

/// The fit × interest matrix by grade.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Matrix {
    /// Fit grades, best first (rows).
    pub fit_grades: Vec<String>,
    /// Interest grades, best first (columns).
    pub interest_grades: Vec<String>,
    /// Leads per cell: `counts[fit][interest]`.
    pub counts: Vec<Vec<u64>>,
    /// Won leads per cell (all zero without an outcome column).
    pub won: Vec<Vec<u64>>,
    /// Won or lost (closed) leads per cell.
    pub closed: Vec<Vec<u64>>,
    /// Won ÷ closed per cell (`None` where nothing closed).
    pub win_rate: Vec<Vec<Option<f64>>>,
}

/// What became of the leads, where the export says so, against the MQL line.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OutcomeSummary {
    /// The column read as the outcome.
    pub column: String,
    pub won: u64,
    pub lost: u64,
    pub open: u64,
    /// Won leads that the MQL line would have sent to sales.
    pub mql_won: u64,
    pub mql_lost: u64,
    /// Share of won leads over the MQL line (`None` when nothing was won).
    pub won_captured: Option<f64>,
    /// Won ÷ closed among MQLs.
    pub mql_win_rate: Option<f64>,
    /// Won ÷ closed among all leads.
    pub base_win_rate: Option<f64>,
}

/// Leads per whole score, per axis (101 buckets each).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Distribution {
    pub fit: Vec<u64>,
    pub interest: Vec<u64>,
}

/// Everything the page shows for the current data and agreement.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Results {
    pub leads: u64,
    pub mqls: u64,
    pub sqls: u64,
    /// MQLs ÷ leads (`None` without leads).
    pub mql_rate: Option<f64>,
    /// SQLs ÷ leads (`None` without leads).
    pub sql_rate: Option<f64>,
    pub thresholds: Thresholds,
    pub matrix: Matrix,
    pub distribution: Distribution,
    pub outcome: Option<OutcomeSummary>,
    pub rules: Vec<RuleStat>,
    /// Things the user should know: rules whose field is not in the data, and so on.
    pub warnings: Vec<String>,
    /// The activities file joined to the leads, when there is one.
    pub activities: Option<crate::activities::ActivitySummary>,
}

struct AxisScores {
    scores: Vec<f32>,
    stats: Vec<RuleStat>,
}

/// One axis's scores and the inputs they were computed from.
#[derive(Default)]
struct AxisState {
    /// The rules and mapping these scores come from; `None` before the first run.
    inputs: Option<(Axis, Mapping)>,
    scores: Vec<f32>,
    stats: Vec<RuleStat>,
}

impl AxisState {
    /// Re-score this axis if its rules or the mapping changed; returns whether it did.
    fn update(
        &mut self,
        cache: &mut MatchCache,
        table: &Table,
        mapping: &Mapping,
        axis: &Axis,
        name: AxisName,
    ) -> bool {
        if let Some((a, m)) = &self.inputs {
            if a == axis && m == mapping {
                return false;
            }
        }
        let scored = score_axis(cache, table, mapping, axis, name);
        self.scores = scored.scores;
        self.stats = scored.stats;
        self.inputs = Some((axis.clone(), mapping.clone()));
        true
    }
}

/// Scores the loaded table under the agreement's qualification part, caching rule matches.
/// Each axis is re-scored only when its own rules change; thresholds and grades never
/// re-score.
#[derive(Default)]
pub struct Scorer {
    cache: MatchCache,
    fit: AxisState,
    interest: AxisState,
    stats: Vec<RuleStat>,
    histogram: Option<Histogram>,
    generation: u64,
}

impl Scorer {
    /// Forget cached matches and scores (the data changed).
    pub fn reset(&mut self) {
        let generation = self.generation;
        *self = Scorer::default();
        self.generation = generation;
    }

    /// How many times rows have been scored (an axis at a time); a threshold move leaves it
    /// unchanged.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Re-score what the rules or mapping changed since the last call; returns whether
    /// anything was.
    pub fn update(
        &mut self,
        table: &Table,
        mapping: &Mapping,
        outcome: &[u8],
        q: &Qualification,
    ) -> bool {
        let f = self
            .fit
            .update(&mut self.cache, table, mapping, &q.fit, AxisName::Fit);
        let i = self.interest.update(
            &mut self.cache,
            table,
            mapping,
            &q.interest,
            AxisName::Interest,
        );
        if !(f || i) {
            return false;
        }
        self.generation += u64::from(f) + u64::from(i);
        self.histogram = Some(Histogram::build(
            &self.fit.scores,
            &self.interest.scores,
            outcome,
        ));
        self.stats = self
            .fit
            .stats
            .iter()
            .chain(&self.interest.stats)
            .cloned()
            .collect();
        true
    }

    /// Fit score per lead (0–100).
    pub fn fit(&self) -> &[f32] {
        &self.fit.scores
    }

    /// Interest score per lead (0–100).
    pub fn interest(&self) -> &[f32] {
        &self.interest.scores
    }

    /// Lookup tables held in the match cache.
    pub fn cached_matches(&self) -> usize {
        self.cache.len()
    }

    /// Read every figure for `q`'s thresholds and grades from the histogram.
    pub fn results(&self, q: &Qualification, outcome_column: Option<&str>) -> Results {
        let empty;
        let h = match &self.histogram {
            Some(h) => h,
            None => {
                empty = Histogram::build(&[], &[], &[]);
                &empty
            }
        };
        let t = q.thresholds;
        let whole = |x: f64| x.clamp(0.0, 100.0) as usize;
        let leads = h.at_least(0, 0, 0);
        let mqls = h.at_least(0, whole(t.mql.fit), whole(t.mql.interest));
        let sqls = h.at_least(0, whole(t.sql.fit), whole(t.sql.interest));
        let matrix = matrix(h, &q.grades);
        let ratio = |a: u64, b: u64| (b > 0).then(|| a as f64 / b as f64);
        let outcome = outcome_column.map(|column| {
            let won = h.at_least(1, 0, 0);
            let lost = h.at_least(2, 0, 0);
            let mql_won = h.at_least(1, whole(t.mql.fit), whole(t.mql.interest));
            let mql_lost = h.at_least(2, whole(t.mql.fit), whole(t.mql.interest));
            OutcomeSummary {
                column: column.to_string(),
                won,
                lost,
                open: leads - won - lost,
                mql_won,
                mql_lost,
                won_captured: ratio(mql_won, won),
                mql_win_rate: ratio(mql_won, mql_won + mql_lost),
                base_win_rate: ratio(won, won + lost),
            }
        });
        let warnings = self
            .stats
            .iter()
            .filter(|s| s.column.is_none())
            .map(|s| {
                format!(
                    "Rule \"{}\" ({:?} › {}) gives no points: the data has no column for \"{}\".",
                    s.id, s.axis, s.group, s.field
                )
            })
            .collect();
        Results {
            leads,
            mqls,
            sqls,
            mql_rate: ratio(mqls, leads),
            sql_rate: ratio(sqls, leads),
            thresholds: t,
            matrix,
            distribution: Distribution {
                fit: h.fit_distribution().to_vec(),
                interest: h.interest_distribution().to_vec(),
            },
            outcome,
            rules: self.stats.clone(),
            warnings,
            activities: None,
        }
    }
}

/// Grade bands as whole-score bucket ranges `[lo, hi)`, best first.
fn bands(grades: &std::collections::BTreeMap<String, f64>) -> Vec<(String, usize, usize)> {
    let mut v: Vec<(String, usize)> = grades
        .iter()
        .map(|(label, min)| (label.clone(), min.clamp(0.0, 100.0) as usize))
        .collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut out = Vec::with_capacity(v.len());
    let mut hi = BUCKETS;
    for (label, lo) in v {
        out.push((label, lo, hi.max(lo)));
        hi = lo;
    }
    out
}

fn matrix(h: &Histogram, grades: &Grades) -> Matrix {
    let fb = bands(&grades.fit);
    let ib = bands(&grades.interest);
    let grid = |k: usize| -> Vec<Vec<u64>> {
        fb.iter()
            .map(|(_, f0, f1)| {
                ib.iter()
                    .map(|(_, i0, i1)| h.rect(k, *f0, *f1, *i0, *i1))
                    .collect()
            })
            .collect()
    };
    let won = grid(1);
    let lost = grid(2);
    let closed: Vec<Vec<u64>> = won
        .iter()
        .zip(&lost)
        .map(|(w, l)| w.iter().zip(l).map(|(a, b)| a + b).collect())
        .collect();
    let win_rate = won
        .iter()
        .zip(&closed)
        .map(|(w, c)| {
            w.iter()
                .zip(c)
                .map(|(&a, &b)| (b > 0).then(|| a as f64 / b as f64))
                .collect()
        })
        .collect();
    Matrix {
        win_rate,
        fit_grades: fb.iter().map(|b| b.0.clone()).collect(),
        interest_grades: ib.iter().map(|b| b.0.clone()).collect(),
        counts: grid(0),
        won,
        closed,
    }
}

fn score_axis(
    cache: &mut MatchCache,
    table: &Table,
    mapping: &Mapping,
    axis: &Axis,
    name: AxisName,
) -> AxisScores {
    let n = table.rows;
    let mut raw = vec![0f32; n];
    let mut group_sum = vec![0f32; n];
    let mut best = 0f32;
    let mut stats = Vec::new();
    for group in &axis.groups {
        group_sum.iter_mut().for_each(|x| *x = 0.0);
        let mut group_best = 0f32;
        for rule in &group.rules {
            let (cond, weight) = Condition::from_rule(rule);
            group_best += weight.max_gain();
            let col = fields::resolve(table, mapping, &rule.field);
            let matched = match col {
                Some(c) => add_rule(cache, table, c, &cond, weight, &mut group_sum),
                None => 0,
            };
            stats.push(RuleStat {
                id: rule.id.clone(),
                axis: name,
                group: group.name.clone(),
                field: rule.field.clone(),
                column: col.map(|c| table.columns[c].name.clone()),
                matched,
            });
        }
        let cap = group.cap.map(|c| c as f32);
        if let Some(cap) = cap {
            group_best = group_best.min(cap);
        }
        best += group_best;
        for (r, g) in raw.iter_mut().zip(&group_sum) {
            *r += match cap {
                Some(cap) => g.clamp(-cap, cap),
                None => *g,
            };
        }
    }
    let scale = if best > 0.0 { 100.0 / best } else { 0.0 };
    let scores = raw
        .into_iter()
        .map(|r| ((r.clamp(0.0, best) * scale * 100.0).round() / 100.0).min(100.0))
        .collect();
    AxisScores { scores, stats }
}

/// Add one rule's points to `sum`; returns how many leads it touched.
fn add_rule(
    cache: &mut MatchCache,
    table: &Table,
    col: usize,
    cond: &Condition,
    weight: Weight,
    sum: &mut [f32],
) -> u64 {
    let mut matched = 0u64;
    let gather = |codes: &mut dyn Iterator<Item = usize>, pts: &[f32], sum: &mut [f32]| -> u64 {
        let mut matched = 0;
        for (s, c) in sum.iter_mut().zip(codes) {
            let p = pts.get(c).copied().unwrap_or(0.0);
            if p != 0.0 {
                *s += p;
                matched += 1;
            }
        }
        matched
    };
    match &table.columns[col].data {
        ColumnData::Text { codes, .. } | ColumnData::Range { codes, .. } => {
            let lut = cache.text_lut(table, col, cond);
            // Points per distinct value, then a gather per row.
            let pts: Vec<f32> = lut.iter().map(|&m| weight.apply(m)).collect();
            matched = gather(&mut codes.iter().map(|&c| c as usize), &pts, sum);
        }
        ColumnData::Bool(values) => {
            let lut = cache.text_lut(table, col, cond);
            let pts: Vec<f32> = lut.iter().map(|&m| weight.apply(m)).collect();
            matched = gather(&mut values.iter().map(|&b| b as usize), &pts, sum);
        }
        ColumnData::Number(values) => {
            for (s, &x) in sum.iter_mut().zip(values) {
                let p = weight.apply(cond.on_number(x));
                if p != 0.0 {
                    *s += p;
                    matched += 1;
                }
            }
        }
        // Date rules (within the last N days…) come with the qualification part's date
        // conditions; until then a numeric condition on a date matches nothing.
        ColumnData::Date(_) => {}
    }
    matched
}
