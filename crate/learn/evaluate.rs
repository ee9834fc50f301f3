//! The agreement measured against the outcomes: ranking (ROC AUC), the MQL rule as a
//! classifier (precision, recall, F1), gains and lift by decile, conversion by grade and cell,
//! and calibration by score band. One pass over the leads, then counts.

use super::{auc_from_counts, combined_key, KEYS};
use crate::goals::{wilson, Rate};
use crate::score::DISQUALIFIED;
use crate::Workbench;
use serde::Serialize;

/// Leads per decile of the gains table.
const DECILES: usize = 10;
/// Width of a calibration band, in points.
const BAND: u32 = 10;

/// A ROC AUC with the leads behind it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Auc {
    /// `None` unless there are won and lost leads.
    pub value: Option<f64>,
    pub won: u64,
    pub lost: u64,
}

/// The AUC of each score.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Aucs {
    pub fit: Auc,
    pub interest: Auc,
    pub combined: Auc,
}

/// The MQL rule as a classifier of closed leads (disqualified leads count as not sent).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Confusion {
    /// MQLs that were won.
    pub true_pos: u64,
    /// MQLs that were lost.
    pub false_pos: u64,
    /// Won leads that were not MQLs.
    pub false_neg: u64,
    /// Lost leads that were not MQLs.
    pub true_neg: u64,
    /// Won ÷ MQLs.
    pub precision: Rate,
    /// MQLs won ÷ won (the share of wins captured).
    pub recall: Rate,
    /// Harmonic mean of precision and recall.
    pub f1: Option<f64>,
}

/// One row of the gains table (leads ranked by the combined score, best first).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Decile {
    /// 1 is the best-scored tenth.
    pub decile: u32,
    /// The lowest and highest combined score in the decile (`None` when it is empty).
    pub min_score: Option<f64>,
    pub max_score: Option<f64>,
    /// Won of the decile's closed leads.
    pub rate: Rate,
    /// Share of all wins in this decile and the ones above it.
    pub cumulative_won_share: Option<f64>,
    /// The decile's rate ÷ the base rate.
    pub lift: Option<f64>,
}

/// Conversion of one grade or matrix cell.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GradeRate {
    pub grade: String,
    pub rate: Rate,
}

/// Observed conversion in one band of the combined score.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Band {
    /// Scores from `from` (included) to `to` (excluded; 100 is in the last band).
    pub from: u32,
    pub to: u32,
    pub rate: Rate,
}

/// The agreement measured against the outcomes.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Evaluation {
    /// The column read as the outcome.
    pub column: String,
    pub won: u64,
    pub lost: u64,
    /// Leads still open: in no figure.
    pub open: u64,
    /// Closed leads a disqualifier excluded: counted in the MQL rule's figures (as not sent),
    /// left out of the rankings (AUC, gains, calibration), which rank scored leads.
    pub disqualified: Rate,
    /// What ranks leads: "weighted" (the combined mode's score) or "mean" (of fit and interest).
    pub combined_is: &'static str,
    /// Won ÷ closed among the ranked leads.
    pub base_rate: Rate,
    pub auc: Aucs,
    pub mql: Confusion,
    /// Ten rows; a run of equal scores stays whole in the decile where its first lead falls, so
    /// deciles can be uneven, and some empty.
    pub gains: Vec<Decile>,
    pub by_fit_grade: Vec<GradeRate>,
    pub by_interest_grade: Vec<GradeRate>,
    /// Cells named fit grade then interest grade ("A1").
    pub by_cell: Vec<GradeRate>,
    /// Bands of 10 points of the combined score.
    pub calibration: Vec<Band>,
}

fn ratio(a: f64, b: f64) -> Option<f64> {
    (b > 0.0).then(|| a / b)
}

impl Workbench {
    /// The current agreement measured against the outcomes; `None` without an outcome column
    /// or without data.
    pub fn evaluation(&self) -> Option<Evaluation> {
        let (outcome, column) = self.outcome()?;
        if self.rows() == 0 {
            return None;
        }
        let q = &self.agreement().qualification;
        let (fit, int, st) = (self.fit_scores(), self.interest_scores(), self.status());
        // Won and lost per score key: fit and interest in hundredths, combined in halves of them.
        let mut counts = [
            [vec![0u64; 10_001], vec![0u64; 10_001]],
            [vec![0u64; 10_001], vec![0u64; 10_001]],
            [vec![0u64; KEYS], vec![0u64; KEYS]],
        ];
        let (mut dq, mut dq_won, mut open) = (0u64, 0u64, 0u64);
        for (row, &o) in outcome.iter().enumerate() {
            let k = match o {
                1 => 0,
                2 => 1,
                _ => {
                    open += 1;
                    continue;
                }
            };
            if st.get(row) == Some(&DISQUALIFIED) {
                dq += 1;
                dq_won += (o == 1) as u64;
                continue;
            }
            let (f, i) = (fit[row], int[row]);
            let key = combined_key(q, f, i) as usize;
            counts[0][k][(f * 100.0).round().clamp(0.0, 10_000.0) as usize] += 1;
            counts[1][k][(i * 100.0).round().clamp(0.0, 10_000.0) as usize] += 1;
            counts[2][k][key] += 1;
        }
        let [fc, ic, cc] = &counts;
        let total = |v: &[u64]| v.iter().sum::<u64>();
        let (won, lost) = (total(&cc[0]), total(&cc[1]));
        let a = |c: &[Vec<u64>; 2]| Auc {
            value: auc_from_counts(&c[0], &c[1]),
            won,
            lost,
        };
        let base = wilson(won, won + lost);
        let r = self.results();
        let (mw, ml) = r
            .outcome
            .as_ref()
            .map_or((0, 0), |o| (o.mql_won, o.mql_lost));
        let (all_won, all_lost) = (won + dq_won, lost + dq - dq_won);
        let precision = wilson(mw, mw + ml);
        let recall = wilson(mw, all_won);
        let f1 = precision
            .rate
            .zip(recall.rate)
            .and_then(|(p, r)| ratio(2.0 * p * r, p + r));

        let m = &r.matrix;
        let cell = |f: usize, i: usize| (m.won[f][i], m.closed[f][i]);
        let sum = |cells: &mut dyn Iterator<Item = (u64, u64)>| {
            let (w, c) = cells.fold((0, 0), |(a, b), (w, c)| (a + w, b + c));
            wilson(w, c)
        };
        let ni = m.interest_grades.len();
        let by_fit_grade = m
            .fit_grades
            .iter()
            .enumerate()
            .map(|(f, g)| GradeRate {
                grade: g.clone(),
                rate: sum(&mut (0..ni).map(|i| cell(f, i))),
            })
            .collect();
        let by_interest_grade = m
            .interest_grades
            .iter()
            .enumerate()
            .map(|(i, g)| GradeRate {
                grade: g.clone(),
                rate: sum(&mut (0..m.fit_grades.len()).map(|f| cell(f, i))),
            })
            .collect();
        let mut by_cell = Vec::new();
        for (f, fg) in m.fit_grades.iter().enumerate() {
            for (i, ig) in m.interest_grades.iter().enumerate() {
                by_cell.push(GradeRate {
                    grade: format!("{fg}{ig}"),
                    rate: sum(&mut std::iter::once(cell(f, i))),
                });
            }
        }

        Some(Evaluation {
            column: column.to_string(),
            won: all_won,
            lost: all_lost,
            open,
            disqualified: wilson(dq_won, dq),
            combined_is: match q.thresholds.mode {
                crate::agreement::ThresholdMode::Combined => "weighted",
                _ => "mean",
            },
            base_rate: base,
            auc: Aucs {
                fit: a(fc),
                interest: a(ic),
                combined: a(cc),
            },
            mql: Confusion {
                true_pos: mw,
                false_pos: ml,
                false_neg: all_won - mw,
                true_neg: all_lost - ml,
                precision,
                recall,
                f1,
            },
            gains: gains(&cc[0], &cc[1], base.rate),
            by_fit_grade,
            by_interest_grade,
            by_cell,
            calibration: calibration(&cc[0], &cc[1]),
        })
    }
}

/// The gains table from won and lost counts per combined key.
fn gains(won: &[u64], lost: &[u64], base: Option<f64>) -> Vec<Decile> {
    let n: u64 = won.iter().zip(lost).map(|(a, b)| a + b).sum();
    let all_won: u64 = won.iter().sum();
    // Per decile: won, closed, highest key, lowest key.
    let mut d = [(0u64, 0u64, None::<usize>, None::<usize>); DECILES];
    let mut above = 0u64;
    for key in (0..won.len()).rev() {
        let c = won[key] + lost[key];
        if c == 0 {
            continue;
        }
        let at = ((above * DECILES as u64) / n.max(1)) as usize;
        let slot = &mut d[at.min(DECILES - 1)];
        slot.0 += won[key];
        slot.1 += c;
        slot.2 = slot.2.or(Some(key));
        slot.3 = Some(key);
        above += c;
    }
    let mut cum = 0;
    d.iter()
        .enumerate()
        .map(|(k, &(w, c, hi, lo))| {
            cum += w;
            let rate = wilson(w, c);
            Decile {
                decile: k as u32 + 1,
                min_score: lo.map(|x| x as f64 / 200.0),
                max_score: hi.map(|x| x as f64 / 200.0),
                rate,
                cumulative_won_share: ratio(cum as f64, all_won as f64),
                lift: rate.rate.zip(base).and_then(|(r, b)| ratio(r, b)),
            }
        })
        .collect()
}

/// Observed conversion per band of 10 points of the combined score.
fn calibration(won: &[u64], lost: &[u64]) -> Vec<Band> {
    let bands = 100 / BAND;
    let mut acc = vec![(0u64, 0u64); bands as usize];
    for (key, (&w, &l)) in won.iter().zip(lost).enumerate() {
        let b = ((key as u32) / (BAND * 200)).min(bands - 1) as usize;
        acc[b].0 += w;
        acc[b].1 += w + l;
    }
    acc.iter()
        .enumerate()
        .map(|(b, &(w, c))| Band {
            from: b as u32 * BAND,
            to: (b as u32 + 1) * BAND,
            rate: wilson(w, c),
        })
        .collect()
}
