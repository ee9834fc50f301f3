//! Learning from outcomes: the agreement measured against what became of the leads
//! ([`evaluate`]), the MQL lines that meet a target ([`curve`]), and points fitted to the
//! outcomes by a regularised logistic regression ([`fit`]), turned back into an agreement.
//!
//! Every figure here counts closed leads only (won or lost); leads still open are left out and
//! counted. The *combined* score that ranks leads is the agreement's weighted score in
//! `combined` mode and the mean of fit and interest in `axes` mode.

pub mod curve;
pub mod evaluate;
pub mod features;
pub mod fit;
pub mod logit;
mod suggest;

pub use curve::{Curve, CurvePoint, Suggestion, Target};
pub use evaluate::Evaluation;
pub use fit::{FitJob, FitOptions, FitResult, Split};

use crate::agreement::{Qualification, ThresholdMode};

/// Why the engine cannot learn from the loaded data.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{0}")]
pub struct LearnError(pub String);

impl LearnError {
    fn new(msg: impl Into<String>) -> Self {
        LearnError(msg.into())
    }
}

/// The combined score of a lead as a whole number of half-hundredths (0..=20000): the mean of
/// fit and interest in `axes` mode, the weighted score in `combined` mode. Whole keys make ties
/// exact.
pub(crate) fn combined_key(q: &Qualification, fit: f32, interest: f32) -> u32 {
    let hundredths = |x: f32| (x.clamp(0.0, 100.0) * 100.0).round() as u32;
    match (q.thresholds.mode, q.thresholds.combined) {
        (ThresholdMode::Combined, Some(c)) => {
            let (wf, wi) = (c.weights.fit as f32, c.weights.interest as f32);
            2 * hundredths(crate::score::axis::score_of(fit * wf + interest * wi))
        }
        _ => hundredths(fit) + hundredths(interest),
    }
}

/// Largest key of [`combined_key`].
pub(crate) const KEYS: usize = 20_001;

/// ROC AUC from won and lost counts per score key (ascending): the chance that a won lead
/// outranks a lost one, ties counted half (the Mann–Whitney statistic). `None` without both.
pub fn auc_from_counts(won: &[u64], lost: &[u64]) -> Option<f64> {
    let (mut below, mut sum) = (0u64, 0f64);
    for (&w, &l) in won.iter().zip(lost) {
        sum += w as f64 * (below as f64 + l as f64 / 2.0);
        below += l;
    }
    let w: u64 = won.iter().sum();
    (w > 0 && below > 0).then(|| sum / (w as f64 * below as f64))
}

/// ROC AUC of `scores` against `won` (ties counted half): the won and the lost scores sorted
/// apart, then each won score counted against the lost ones below and equal to it.
pub fn auc(scores: &[f64], won: &[bool]) -> Option<f64> {
    let (mut w, mut l) = (Vec::new(), Vec::new());
    for (&s, &y) in scores.iter().zip(won) {
        if y {
            w.push(s);
        } else {
            l.push(s);
        }
    }
    if w.is_empty() || l.is_empty() {
        return None;
    }
    // The sort the engine already uses elsewhere: one copy of it in the wasm.
    w.sort_by(f64::total_cmp);
    l.sort_by(f64::total_cmp);
    let (mut below, mut upto, mut sum) = (0, 0, 0.0);
    for &s in &w {
        while below < l.len() && l[below] < s {
            below += 1;
        }
        upto = upto.max(below);
        while upto < l.len() && l[upto] <= s {
            upto += 1;
        }
        sum += below as f64 + (upto - below) as f64 / 2.0;
    }
    Some(sum / (w.len() as f64 * l.len() as f64))
}

/// Months spanned by the create dates of the leads (`None` without a create date column).
pub(crate) fn months_spanned(wb: &crate::Workbench) -> Option<f64> {
    let (table, mapping) = wb.table_and_mapping()?;
    let col = *mapping.get("create_date")?;
    let crate::table::ColumnData::Date(v) = &table.columns[col].data else {
        return None;
    };
    let days = v
        .iter()
        .filter(|&d| d != crate::table::NO_DATE)
        .map(|d| d.div_euclid(86_400));
    let (lo, hi) = days.fold((i64::MAX, i64::MIN), |(a, b), d| (a.min(d), b.max(d)));
    (lo <= hi).then(|| crate::goals::months(lo, hi))
}
