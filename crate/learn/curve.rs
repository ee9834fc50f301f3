//! MQL lines against outcomes, read from the histograms (no pass over the leads): every line
//! (or pair of lines) with its MQLs and wins captured, the Pareto frontier of fewer MQLs and
//! more wins, and the frontier point that meets a target.
//!
//! A fast-tracked lead is an MQL whatever the lines; a disqualified one never is, but its win
//! counts in the wins to capture.

use super::LearnError;
use crate::agreement::ThresholdMode;
use crate::score::histogram::BUCKETS;
use crate::Workbench;
use serde::Serialize;

/// One set of MQL lines and what it sends to sales.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CurvePoint {
    /// The fit and interest lines (`axes` mode), or the combined line (`combined` mode).
    pub fit: Option<u32>,
    pub interest: Option<u32>,
    pub combined: Option<u32>,
    /// Leads over the lines (open ones included: sales works them too), fast-tracks included.
    pub mqls: u64,
    /// MQLs ÷ the months the create dates span.
    pub mqls_per_month: Option<f64>,
    /// Won and lost MQLs.
    pub won: u64,
    pub lost: u64,
    /// Won ÷ closed MQLs.
    pub precision: Option<f64>,
    /// Won MQLs ÷ all won leads (the share of wins captured).
    pub recall: Option<f64>,
}

/// The trade-off between MQL volume and wins captured.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Curve {
    pub mode: ThresholdMode,
    /// Months the create dates span; `None` when the data has none.
    pub months: Option<f64>,
    /// Why there is no per-month figure, when there is none.
    pub per_month_note: Option<String>,
    /// Won leads in all (the disqualified included).
    pub won: u64,
    /// The Pareto frontier, fewest MQLs first: each point captures more wins than every point
    /// with fewer MQLs.
    pub points: Vec<CurvePoint>,
    /// The agreement's own lines.
    pub current: CurvePoint,
}

/// What the lines should achieve.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Target {
    /// Sales capacity: at most this many MQLs per month.
    MqlsPerMonth(f64),
    /// At least this share of closed MQLs won (0–1).
    Precision(f64),
    /// At least this share of wins captured (0–1).
    Recall(f64),
}

impl Target {
    /// Read `{ "mqlsPerMonth": n }`, `{ "precision": p }` or `{ "recall": r }` (snake_case too).
    pub fn from_json(json: &str) -> Result<Target, LearnError> {
        let v: serde_json::Value = serde_json::from_str(json)
            .map_err(|e| LearnError::new(format!("target: not valid JSON: {e}")))?;
        let obj = v.as_object().filter(|o| o.len() == 1).ok_or_else(|| {
            LearnError::new("target: give one of mqlsPerMonth, precision or recall")
        })?;
        let (k, x) = obj.iter().next().unwrap_or_else(|| unreachable!());
        let x = x
            .as_f64()
            .ok_or_else(|| LearnError::new(format!("target.{k}: expected a number")))?;
        let t = match k.as_str() {
            "mqlsPerMonth" | "mqls_per_month" => Target::MqlsPerMonth(x),
            "precision" => Target::Precision(x),
            "recall" => Target::Recall(x),
            _ => {
                return Err(LearnError::new(format!(
                    "target.{k}: unknown; give mqlsPerMonth, precision or recall"
                )))
            }
        };
        t.check().map(|_| t)
    }

    fn check(self) -> Result<(), LearnError> {
        match self {
            Target::MqlsPerMonth(x) if !(x.is_finite() && x > 0.0) => Err(LearnError::new(
                "target.mqlsPerMonth: must be a number of MQLs above 0",
            )),
            Target::Precision(x) | Target::Recall(x) if !(x > 0.0 && x <= 1.0) => Err(
                LearnError::new("target: a precision or recall is a share above 0, at most 1"),
            ),
            _ => Ok(()),
        }
    }
}

/// The frontier point that meets a target, beside the current lines.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Suggestion {
    pub target: Target,
    pub point: CurvePoint,
    pub current: CurvePoint,
}

/// Counts over a line: (leads, won, lost).
type Over = [u64; 3];

impl Workbench {
    /// Every MQL line against the outcomes (fit × interest lines on a grid of whole scores in
    /// `axes` mode, the combined line 0–100 in `combined` mode), reduced to its Pareto
    /// frontier; `None` without an outcome column or data.
    pub fn threshold_curve(&self) -> Option<Curve> {
        self.outcome()?;
        let (normal, fast, dq, combined) = self.scorer().histograms()?;
        let t = self.agreement().qualification.thresholds;
        let ft = [0, 1, 2].map(|k| fast.at_least(k, 0, 0));
        let months = super::months_spanned(self);
        let won = normal.at_least(1, 0, 0) + ft[1] + dq[1];
        let point = |lines: [Option<u32>; 3], over: Over| {
            let (m, w, l) = (over[0] + ft[0], over[1] + ft[1], over[2] + ft[2]);
            CurvePoint {
                fit: lines[0],
                interest: lines[1],
                combined: lines[2],
                mqls: m,
                mqls_per_month: months.map(|x| m as f64 / x),
                won: w,
                lost: l,
                precision: (w + l > 0).then(|| w as f64 / (w + l) as f64),
                recall: (won > 0).then(|| w as f64 / won as f64),
            }
        };
        let whole = |x: f64| x.clamp(0.0, 100.0) as u32;
        let mut all = Vec::new();
        let current = match (t.mode, t.combined, combined) {
            (ThresholdMode::Combined, Some(c), Some((hn, _))) => {
                let over = |b: u32| [0, 1, 2].map(|k| hn.at_least(k, b as usize));
                for b in 0..BUCKETS as u32 {
                    all.push(point([None, None, Some(b)], over(b)));
                }
                point([None, None, Some(whole(c.mql))], over(whole(c.mql)))
            }
            _ => {
                let over =
                    |f: u32, i: u32| [0, 1, 2].map(|k| normal.at_least(k, f as usize, i as usize));
                for f in 0..BUCKETS as u32 {
                    for i in 0..BUCKETS as u32 {
                        all.push(point([Some(f), Some(i), None], over(f, i)));
                    }
                }
                let (f, i) = (whole(t.mql.fit), whole(t.mql.interest));
                point([Some(f), Some(i), None], over(f, i))
            }
        };
        Some(Curve {
            mode: if t.mode == ThresholdMode::Combined && combined.is_some() {
                ThresholdMode::Combined
            } else {
                ThresholdMode::Axes
            },
            months,
            per_month_note: months
                .is_none()
                .then(|| "MQLs per month unavailable: the data has no create date.".into()),
            won,
            points: frontier(all),
            current,
        })
    }

    /// The lines on the frontier that meet `target`: the most wins within an MQL budget or at a
    /// precision, the fewest MQLs reaching a recall. `None` without outcomes, when no line meets
    /// it, or for a budget when the data has no create dates.
    pub fn suggest_thresholds(&self, target: Target) -> Option<Suggestion> {
        target.check().ok()?;
        let curve = self.threshold_curve()?;
        let pts = &curve.points;
        // Along the frontier MQLs and wins both grow, so "the most wins" is the last point that
        // qualifies, "the fewest MQLs" the first. (The fewest MQLs at a precision would be a
        // handful of leads: the useful answer is the most wins kept at that precision.)
        let point = match target {
            Target::MqlsPerMonth(m) => {
                let months = curve.months?;
                pts.iter().rev().find(|p| p.mqls as f64 <= m * months)
            }
            Target::Precision(p) => pts.iter().rev().find(|x| x.precision >= Some(p)),
            Target::Recall(r) => pts.iter().find(|x| x.recall >= Some(r)),
        }?;
        Some(Suggestion {
            target,
            point: *point,
            current: curve.current,
        })
    }
}

/// The points no other point beats on both counts (fewer or as many MQLs and more wins), fewest
/// MQLs first. Among equal MQLs, the most wins, then the higher precision, then the higher lines
/// is kept.
fn frontier(all: Vec<CurvePoint>) -> Vec<CurvePoint> {
    let rows: Vec<u32> = (0..all.len() as u32).collect();
    let mqls: Vec<u32> = all
        .iter()
        .map(|p| p.mqls.min(u32::MAX as u64) as u32)
        .collect();
    let order = crate::leads::order::sort_by_key(&rows, &mqls, false);
    let rank = |p: &CurvePoint| (p.won, u64::MAX - p.lost, p.fit, p.interest, p.combined);
    let mut out: Vec<CurvePoint> = Vec::new();
    let mut i = 0;
    while i < order.len() {
        let mut best = all[order[i] as usize];
        let mut j = i + 1;
        while j < order.len() && mqls[order[j] as usize] == mqls[order[i] as usize] {
            let p = all[order[j] as usize];
            if rank(&p) > rank(&best) {
                best = p;
            }
            j += 1;
        }
        if out.last().is_none_or(|last| best.won > last.won) {
            out.push(best);
        }
        i = j;
    }
    out
}
