//! One scoring axis: per-group point sums kept between runs, so that changing one rule
//! re-computes only its group, then the axis's scores from the group sums.
//!
//! A lead's score on an axis, exactly:
//! 1. each rule adds its points (or `per_unit` × units, at most `max`) to its group's total;
//! 2. a group's total is clamped to `[-cap, cap]` (not clamped without a cap);
//! 3. the axis's raw points are the sum of its groups' clamped totals;
//! 4. the score is `clamp(raw, 0, 100)`, rounded to 0.01.
//!
//! Points are on the 0–100 scale themselves, so raising any rule's points never lowers any
//! lead's score.

use super::cond::{self, Compiled, Ctx, MatchCache};
use super::{AxisName, RuleStat};
use crate::agreement::{Axis, Decay, Group};

/// The score for raw points.
#[inline]
pub fn score_of(raw: f32) -> f32 {
    // Round half away from zero of a value in [0, 10000], exactly as `f32::round`: the f32
    // product is widened and 0.5 added in f64, where the sum is exact, and the truncation of a
    // value ≥ 0 is its floor. (Plain conversions, where `round` and `floor` are libm calls
    // natively.) NaN, which no sum of finite points gives, becomes 0.
    let hundredths = raw.clamp(0.0, 100.0) * 100.0;
    ((f64::from(hundredths) + 0.5) as i64 as f32) / 100.0
}

/// A group's total after its cap.
#[inline]
pub fn capped(total: f32, cap: Option<f64>) -> f32 {
    match cap {
        Some(c) => total.clamp(-(c as f32), c as f32),
        None => total,
    }
}

struct GroupState {
    spec: Group,
    sum: Vec<f32>,
    stats: Vec<RuleStat>,
}

/// Scores of one axis and what they were computed from.
#[derive(Default)]
pub struct AxisState {
    decay: Option<Decay>,
    groups: Vec<GroupState>,
    /// Score per lead.
    pub scores: Vec<f32>,
    /// The caps the scores were combined with.
    applied_caps: Vec<Option<f64>>,
    valid: bool,
}

impl AxisState {
    /// Drop everything (the data or the context changed).
    pub fn invalidate(&mut self) {
        self.valid = false;
    }

    /// What each rule did, in agreement order.
    pub fn rule_stats(&self) -> impl Iterator<Item = &RuleStat> {
        self.groups.iter().flat_map(|g| &g.stats)
    }

    /// Bring the scores up to `axis`; returns how many groups were re-computed (0: unchanged).
    pub fn update(
        &mut self,
        ctx: &Ctx,
        cache: &mut MatchCache,
        axis: &Axis,
        name: AxisName,
    ) -> usize {
        let n = ctx.table.rows;
        let all_dirty = !self.valid || self.decay != axis.decay;
        let mut recomputed = 0;
        // A group is re-summed only when its rules changed (points included): the cached
        // condition results make that a gather per rule.
        let mut old: Vec<Option<GroupState>> = std::mem::take(&mut self.groups)
            .into_iter()
            .map(Some)
            .collect();
        for (i, spec) in axis.groups.iter().enumerate() {
            let prev = if all_dirty {
                None
            } else {
                old.get_mut(i).and_then(Option::take)
            };
            let state = match prev {
                Some(mut g) if g.spec.rules == spec.rules && g.spec.name == spec.name => {
                    // A new cap needs no re-summing: it applies when groups are combined.
                    g.spec.cap = spec.cap;
                    g
                }
                prev => {
                    recomputed += 1;
                    // The group's previous sums are summed into again: a million leads' worth
                    // is not allocated and freed at every points change.
                    let reuse = prev.map(|g| g.sum).unwrap_or_default();
                    group_sum(ctx, cache, spec, axis.decay, name, n, reuse)
                }
            };
            self.groups.push(state);
        }
        self.decay = axis.decay;
        let caps: Vec<Option<f64>> = self.groups.iter().map(|g| g.spec.cap).collect();
        if all_dirty || recomputed > 0 || caps != self.applied_caps || self.scores.len() != n {
            // One pass over the leads, the groups added in agreement order (the same sums, in
            // the same order, as group by group), straight into the scores.
            // A cap is a clamp to [-cap, cap] (checked finite and ≥ 0), no cap a clamp to the
            // infinities, which leaves every sum as it is: no branch per lead.
            let groups: Vec<(&[f32], f32, f32)> = self
                .groups
                .iter()
                .map(|g| {
                    let c = g.spec.cap.map_or(f32::INFINITY, |c| c as f32);
                    (&g.sum[..n], -c, c)
                })
                .collect();
            self.scores.clear();
            self.scores.extend((0..n).map(|r| {
                let mut raw = 0f32;
                for &(sum, lo, hi) in &groups {
                    raw += sum[r].clamp(lo, hi);
                }
                score_of(raw)
            }));
            self.applied_caps = caps;
            recomputed = recomputed.max(1);
        }
        self.valid = true;
        recomputed
    }
}

fn group_sum(
    ctx: &Ctx,
    cache: &mut MatchCache,
    spec: &Group,
    decay: Option<Decay>,
    name: AxisName,
    n: usize,
    mut sum: Vec<f32>,
) -> GroupState {
    sum.clear();
    sum.resize(n, 0.0);
    let mut stats = Vec::with_capacity(spec.rules.len());
    for rule in &spec.rules {
        let Compiled { cond, weight } = cond::compile(rule, ctx.table, ctx.mapping, decay);
        let m = cache.get(ctx, &cond);
        m.m.add_into(ctx.table, weight, &mut sum);
        let matched = m.held;
        let column = match &cond {
            cond::Cond::Leaf { col, .. } => col.map(|c| ctx.table.columns[c].name.clone()),
            _ => None,
        };
        stats.push(RuleStat {
            id: rule.id.clone(),
            axis: name,
            group: spec.name.clone(),
            field: rule
                .field
                .clone()
                .unwrap_or_else(|| rule.condition_name().to_string()),
            column,
            matched,
            missing: missing_fields(rule, ctx),
        });
    }
    GroupState {
        spec: spec.clone(),
        sum,
        stats,
    }
}

/// The fields a rule names that the data has no column for.
pub fn missing_fields(rule: &crate::agreement::Rule, ctx: &Ctx) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(f) = &rule.field {
        if crate::fields::resolve(ctx.table, ctx.mapping, f).is_none() {
            out.push(f.clone());
        }
    }
    for part in rule.all_of.iter().chain(&rule.any_of).flatten() {
        out.extend(missing_fields(part, ctx));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::score_of;

    /// The rounding without libm is `f32::round` to the bit, halves and near-halves included
    /// (the SQL export and the page's figures rely on the engine's exact scores).
    #[test]
    fn score_of_rounds_exactly_as_f32_round() {
        let reference = |raw: f32| (raw.clamp(0.0, 100.0) * 100.0).round() / 100.0;
        let mut checked = 0;
        // Every hundredth and thousandth, their halves, and the floats either side of each.
        for k in -2_000..=210_000 {
            let x = k as f32 / 2_000.0;
            for v in [
                x,
                f32::from_bits(x.to_bits() + 1),
                f32::from_bits(x.to_bits().saturating_sub(1)),
            ] {
                assert_eq!(score_of(v).to_bits(), reference(v).to_bits(), "raw {v:e}");
                checked += 1;
            }
        }
        // And a spread of arbitrary floats.
        let mut bits = 0x1234_5678u32;
        for _ in 0..200_000 {
            bits ^= bits << 13;
            bits ^= bits >> 17;
            bits ^= bits << 5;
            let v = f32::from_bits(bits);
            if v.is_finite() {
                assert_eq!(score_of(v).to_bits(), reference(v).to_bits(), "raw {v:e}");
                checked += 1;
            }
        }
        assert!(checked > 600_000);
    }
}
