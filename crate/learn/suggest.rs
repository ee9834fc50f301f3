//! Coefficients turned back into an agreement, and the rules the data argues against.
//!
//! Per axis, each feature's points are its coefficient × 100 ÷ the sum of the axis's positive
//! coefficients, in whole points (largest remainders, so that the best possible lead scores
//! exactly 100). A per-unit rule keeps its shape: its max becomes the points, its per-unit value
//! scales with it. Each group's cap becomes the larger of its positive and negative sums, so that
//! no cap cuts into what the fit found; candidates with points go into a "Suggested" group on
//! their axis. In `combined` mode the weights become each axis's share of the positive
//! coefficients, so that a point is worth the same log-odds on both axes and the combined score
//! ranks leads as the fitted model does (but for each axis's floor at 0).

use super::features::{Design, MIN_SHARE};
use super::fit::Flag;
use crate::agreement::{Agreement, Axis, Group, ThresholdMode};
use crate::score::AxisName;

/// A coefficient within this many standard errors of 0 is noise.
const Z: f64 = 1.96;
/// A coefficient below this (odds ×0.95 to ×1.05) does nothing worth points.
const NEGLIGIBLE: f64 = 0.05;
/// Name of the group that receives candidate rules.
const SUGGESTED: &str = "Suggested";

type Suggested = (Agreement, Vec<Option<f64>>, Vec<String>);

/// The suggested agreement, each feature's points in it, and notes.
pub(crate) fn agreement(current: &Agreement, d: &Design, beta: &[f64]) -> Suggested {
    let mut a = current.clone();
    let mut points = vec![None; d.features.len()];
    let mut notes = Vec::new();
    let mut best = [0.0; 2];
    for (n, name) in [AxisName::Fit, AxisName::Interest].into_iter().enumerate() {
        let on: Vec<usize> = (0..d.features.len())
            .filter(|&j| d.features[j].axis == name)
            .collect();
        let b: f64 = on.iter().map(|&j| beta[j + 1].max(0.0)).sum();
        best[n] = b;
        let axis = if n == 0 {
            &mut a.qualification.fit
        } else {
            &mut a.qualification.interest
        };
        if b <= 1e-9 {
            notes.push(format!(
                "No rule on the {} axis goes with winning: its points are left as they are.",
                ["fit", "interest"][n]
            ));
            continue;
        }
        let raw: Vec<f64> = on.iter().map(|&j| beta[j + 1] * 100.0 / b).collect();
        for (&j, p) in on.iter().zip(whole_points(&raw)) {
            points[j] = apply(axis, d, j, p);
        }
        for g in &mut axis.groups {
            let pos: f64 = g
                .rules
                .iter()
                .map(|r| r.points.unwrap_or(0.0).max(0.0) + r.max.unwrap_or(0.0))
                .sum();
            let neg: f64 = g
                .rules
                .iter()
                .map(|r| (-r.points.unwrap_or(0.0)).max(0.0))
                .sum();
            if g.cap.is_some() || g.name == SUGGESTED {
                g.cap = Some(pos.max(neg));
            }
        }
    }
    let t = &mut a.qualification.thresholds;
    if let (ThresholdMode::Combined, Some(c)) = (t.mode, t.combined.as_mut()) {
        if best[0] > 0.0 && best[1] > 0.0 {
            let wf = (best[0] / (best[0] + best[1]) * 100.0).round() / 100.0;
            c.weights.fit = wf;
            c.weights.interest = ((1.0 - wf) * 100.0).round() / 100.0;
        }
    }
    if !a.name.ends_with("(suggested)") {
        a.name = format!("{} (suggested)", a.name).trim_start().to_string();
    }
    (a, points, notes)
}

/// Whole points for `raw`, the positive ones rounded by largest remainder to keep their sum.
fn whole_points(raw: &[f64]) -> Vec<f64> {
    let mut out: Vec<f64> = raw
        .iter()
        .map(|&x| if x > 0.0 { x.floor() } else { x.round() })
        .collect();
    let want = raw.iter().filter(|&&x| x > 0.0).sum::<f64>().round();
    let have: f64 = out.iter().filter(|&&x| x > 0.0).sum();
    // The largest remainders first (ties to the first), one point each.
    for _ in 0..(want - have).max(0.0) as usize {
        let rem = |i: usize| {
            if raw[i] > 0.0 && out[i] <= raw[i] {
                raw[i] - out[i]
            } else {
                -1.0
            }
        };
        let Some(i) = (0..raw.len()).reduce(|a, b| if rem(b) > rem(a) { b } else { a }) else {
            break;
        };
        out[i] += 1.0;
    }
    out
}

/// Put feature `j`'s points `p` into `axis`; returns them (`None` when a candidate is left out).
fn apply(axis: &mut Axis, d: &Design, j: usize, p: f64) -> Option<f64> {
    let f = &d.features[j];
    let Some((g, k)) = f.at else {
        if p == 0.0 {
            return None;
        }
        let at = match axis.groups.iter().position(|g| g.name == SUGGESTED) {
            Some(i) => i,
            None => {
                axis.groups.push(Group {
                    name: SUGGESTED.into(),
                    cap: Some(0.0),
                    rules: Vec::new(),
                });
                axis.groups.len() - 1
            }
        };
        let mut r = f.rule.clone();
        r.id = f.id.clone();
        r.points = Some(p);
        axis.groups[at].rules.push(r);
        return Some(p);
    };
    let r = &mut axis.groups[g].rules[k];
    match (r.per_unit, r.max) {
        (Some(u), Some(m)) => {
            let p = p.max(0.0);
            if u > 0.0 && m > 0.0 && p > 0.0 {
                r.per_unit = Some((u * p / m * 1e4).round() / 1e4);
            }
            r.max = Some(p);
            Some(p)
        }
        _ => {
            r.points = Some(p);
            Some(p)
        }
    }
}

/// Rules matched too rarely to count, with no measurable effect, or pointing the wrong way.
pub(crate) fn flags(d: &Design, beta: &[f64], se: &[f64]) -> Vec<Flag> {
    let n = d.rows.len().max(1) as f64;
    let mut out = Vec::new();
    for (j, f) in d.features.iter().enumerate() {
        if f.at.is_none() {
            continue;
        }
        let (b, s) = (beta[j + 1], se[j + 1]);
        let share = d.matched[j] as f64 / n;
        let r = &f.rule;
        // Which way the rule points now: +1 gives points, -1 takes them, 0 gives none.
        let now = match (r.points, r.per_unit, r.max) {
            (Some(p), ..) => p.signum() * (p != 0.0) as u8 as f64,
            (_, Some(u), Some(m)) if u > 0.0 && m > 0.0 => 1.0,
            _ => 0.0,
        };
        let odds = b.exp();
        let (kind, text) = if share < MIN_SHARE {
            (
                "rare",
                format!(
                "matched by {:.1} % of closed leads ({} of {}): too few to say it does anything",
                share * 100.0, d.matched[j], d.rows.len()
            ),
            )
        } else if now * b < 0.0 && (b / s).abs() > Z {
            let way = if now > 0.0 {
                ("gives points", "less")
            } else {
                ("takes points off", "more")
            };
            ("wrong_way", format!(
                "{}, but the leads it matches win {} often (odds ×{odds:.2}, coefficient {b:.2} ± {s:.2})",
                way.0, way.1
            ))
        } else if (b / s).abs() < Z || b.abs() < NEGLIGIBLE {
            (
                "no_effect",
                format!(
                "no measurable effect on winning (odds ×{odds:.2}, coefficient {b:.2} ± {s:.2})"
            ),
            )
        } else {
            continue;
        };
        out.push(Flag {
            id: f.id.clone(),
            axis: f.axis,
            kind,
            text,
        });
    }
    out
}
