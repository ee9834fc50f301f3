//! Every figure of the results, read from the histograms: nothing here touches a row, so moving
//! a threshold or a grade band costs microseconds.

use super::histogram::{Histogram, BUCKETS};
use super::{RuleStat, Scorer};
use crate::agreement::{Grades, Qualification, ThresholdMode, Thresholds};
use serde::Serialize;

/// The fit × interest matrix by grade (disqualified leads are not in it).
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
    /// Won leads that the agreement would have sent to sales (MQL or fast-track).
    pub mql_won: u64,
    pub mql_lost: u64,
    /// Won leads that a disqualifier excluded.
    pub disqualified_won: u64,
    /// Share of won leads sent to sales (`None` when nothing was won).
    pub won_captured: Option<f64>,
    /// Won ÷ closed among MQLs.
    pub mql_win_rate: Option<f64>,
    /// Won ÷ closed among all leads.
    pub base_win_rate: Option<f64>,
    /// MQL win rate ÷ base win rate: how much better the MQLs convert than all leads.
    pub lift: Option<f64>,
}

/// Leads per whole score, per axis (101 buckets each), disqualified leads left out.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Distribution {
    pub fit: Vec<u64>,
    pub interest: Vec<u64>,
    /// The combined score, in combined mode.
    pub combined: Option<Vec<u64>>,
}

/// Leads one disqualifier or fast-track rule applied to.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReasonCount {
    pub id: String,
    pub reason: Option<String>,
    pub leads: u64,
}

/// Disqualified or fast-tracked leads, in all and per rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusSummary {
    pub count: u64,
    pub by_rule: Vec<ReasonCount>,
}

/// Everything the page shows for the current data and agreement.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Results {
    pub leads: u64,
    /// MQLs: over the MQL line, or fast-tracked; never disqualified.
    pub mqls: u64,
    pub sqls: u64,
    /// MQLs ÷ leads (`None` without leads).
    pub mql_rate: Option<f64>,
    /// SQLs ÷ leads (`None` without leads).
    pub sql_rate: Option<f64>,
    pub thresholds: Thresholds,
    pub disqualified: StatusSummary,
    pub fast_tracked: StatusSummary,
    pub matrix: Matrix,
    pub distribution: Distribution,
    pub outcome: Option<OutcomeSummary>,
    pub rules: Vec<RuleStat>,
    /// Things the user should know: rules whose field is not in the data, and so on.
    pub warnings: Vec<String>,
    /// The activities file joined to the leads, when there is one.
    pub activities: Option<crate::activities::ActivitySummary>,
}

fn whole(x: f64) -> usize {
    x.clamp(0.0, 100.0) as usize
}

fn ratio(a: u64, b: u64) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

impl Scorer {
    /// Read every figure for `q`'s thresholds and grades.
    pub fn results(&self, q: &Qualification, outcome_column: Option<&str>) -> Results {
        let empty_h;
        let (normal, fast, dq) = match &self.hists {
            Some(h) => (&h.normal, &h.fast, h.dq),
            None => {
                empty_h = Histogram::build(&[], &[], &[]);
                (&empty_h, &empty_h, [0; 3])
            }
        };
        let t = q.thresholds;
        // Leads over a line (k: 0 all, 1 won, 2 lost), normal and fast-tracked apart.
        let over = |k: usize, sql: bool| -> (u64, u64) {
            match (
                t.mode,
                t.combined,
                self.hists.as_ref().and_then(|h| h.combined.as_ref()),
            ) {
                (ThresholdMode::Combined, Some(c), Some((_, hn, hf))) => {
                    let line = whole(if sql { c.sql } else { c.mql });
                    (hn.at_least(k, line), hf.at_least(k, line))
                }
                _ => {
                    let line = if sql { t.sql } else { t.mql };
                    let (f, i) = (whole(line.fit), whole(line.interest));
                    (normal.at_least(k, f, i), fast.at_least(k, f, i))
                }
            }
        };
        let scored = normal.at_least(0, 0, 0) + fast.at_least(0, 0, 0);
        let leads = scored + dq[0];
        let fast_total = fast.at_least(0, 0, 0);
        let mqls = over(0, false).0 + fast_total;
        let (sql_n, sql_f) = over(0, true);
        let sqls = sql_n + sql_f;

        let outcome = outcome_column.map(|column| {
            let won = normal.at_least(1, 0, 0) + fast.at_least(1, 0, 0) + dq[1];
            let lost = normal.at_least(2, 0, 0) + fast.at_least(2, 0, 0) + dq[2];
            let mql_won = over(1, false).0 + fast.at_least(1, 0, 0);
            let mql_lost = over(2, false).0 + fast.at_least(2, 0, 0);
            OutcomeSummary {
                column: column.to_string(),
                won,
                lost,
                open: leads - won - lost,
                mql_won,
                mql_lost,
                disqualified_won: dq[1],
                won_captured: ratio(mql_won, won),
                mql_win_rate: ratio(mql_won, mql_won + mql_lost),
                base_win_rate: ratio(won, won + lost),
                lift: ratio(mql_won, mql_won + mql_lost)
                    .zip(ratio(won, won + lost))
                    .and_then(|(m, b)| (b > 0.0).then(|| m / b)),
            }
        });

        let rules = self.rule_stats();
        let mut warnings: Vec<String> = rules
            .iter()
            .filter(|s| !s.missing.is_empty())
            .map(|s| {
                format!(
                    "Rule \"{}\" ({:?} › {}) gives no points: the data has no column for {}.",
                    s.id,
                    s.axis,
                    s.group,
                    s.missing
                        .iter()
                        .map(|m| format!("\"{m}\""))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })
            .collect();
        warnings.extend(self.status.warnings.iter().cloned());

        let by = |list: &[crate::agreement::Rule], counts: &[u64]| -> Vec<ReasonCount> {
            list.iter()
                .zip(counts)
                .map(|(r, &n)| ReasonCount {
                    id: r.id.clone(),
                    reason: r.reason.clone(),
                    leads: n,
                })
                .collect()
        };
        let mut fit_d = normal.fit_distribution().to_vec();
        let mut int_d = normal.interest_distribution().to_vec();
        for (a, b) in fit_d.iter_mut().zip(fast.fit_distribution()) {
            *a += b;
        }
        for (a, b) in int_d.iter_mut().zip(fast.interest_distribution()) {
            *a += b;
        }
        let combined = self
            .hists
            .as_ref()
            .and_then(|h| h.combined.as_ref())
            .filter(|_| t.mode == ThresholdMode::Combined)
            .map(|(_, hn, hf)| {
                hn.distribution()
                    .iter()
                    .zip(hf.distribution())
                    .map(|(a, b)| a + b)
                    .collect()
            });
        Results {
            leads,
            mqls,
            sqls,
            mql_rate: ratio(mqls, leads),
            sql_rate: ratio(sqls, leads),
            thresholds: t,
            disqualified: StatusSummary {
                count: dq[0],
                by_rule: by(&q.disqualify, &self.status.dq_counts),
            },
            fast_tracked: StatusSummary {
                count: fast_total,
                by_rule: by(&q.fast_track, &self.status.ft_counts),
            },
            matrix: matrix(normal, fast, &q.grades),
            distribution: Distribution {
                fit: fit_d,
                interest: int_d,
                combined,
            },
            outcome,
            rules,
            warnings,
            activities: None,
        }
    }
}

/// Grade bands as whole-score bucket ranges `[lo, hi)`, best first.
pub fn bands(grades: &std::collections::BTreeMap<String, f64>) -> Vec<(String, usize, usize)> {
    let mut v: Vec<(String, usize)> = grades
        .iter()
        .map(|(label, min)| (label.clone(), whole(*min)))
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

/// The grade label of a score.
pub fn grade_of(grades: &std::collections::BTreeMap<String, f64>, score: f32) -> String {
    let b = super::histogram::bucket(score);
    bands(grades)
        .into_iter()
        .find(|(_, lo, hi)| b >= *lo && b < *hi)
        .map(|(l, _, _)| l)
        .unwrap_or_default()
}

fn matrix(normal: &Histogram, fast: &Histogram, grades: &Grades) -> Matrix {
    let fb = bands(&grades.fit);
    let ib = bands(&grades.interest);
    let grid = |k: usize| -> Vec<Vec<u64>> {
        fb.iter()
            .map(|(_, f0, f1)| {
                ib.iter()
                    .map(|(_, i0, i1)| {
                        normal.rect(k, *f0, *f1, *i0, *i1) + fast.rect(k, *f0, *f1, *i0, *i1)
                    })
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
        .map(|(w, c)| w.iter().zip(c).map(|(&a, &b)| ratio(a, b)).collect())
        .collect();
    Matrix {
        fit_grades: fb.iter().map(|b| b.0.clone()).collect(),
        interest_grades: ib.iter().map(|b| b.0.clone()).collect(),
        counts: grid(0),
        won,
        closed,
        win_rate,
    }
}
