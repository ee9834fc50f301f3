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

/// A group's total per lead.
enum Sums {
    /// When each of the group's rules holds or not (every value 0 or 1) and there are at most
    /// 8 (or 16) of them: per lead, the set of rules that held, a bit per rule in agreement
    /// order; the total of each set is worked out once, in [`GroupState::totals`]. A byte a
    /// lead instead of four, and a change of points re-sums no lead.
    Sets8(Vec<u8>),
    Sets16(Vec<u16>),
    /// Otherwise (units, decay): the total itself.
    Totals(Vec<f32>),
}

impl Sums {
    /// Whether these are sets of rules for `n` leads.
    fn is_sets_of(&self, n: usize) -> bool {
        match self {
            Sums::Sets8(v) => v.len() == n,
            Sums::Sets16(v) => v.len() == n,
            Sums::Totals(_) => false,
        }
    }
}

struct GroupState {
    spec: Group,
    /// The rules' conditions (a group whose conditions are the same keeps its sets).
    conds: Vec<cond::Cond>,
    sums: Sums,
    /// For sets: the total of each set of rules, summed in agreement order exactly as a lead's
    /// points would be (the same additions, so the same `f32`).
    totals: Vec<f32>,
    stats: Vec<RuleStat>,
}

impl GroupState {
    /// Each lead's total after the group's cap, for rows `start..start + out.len()`, added to
    /// `out`.
    fn add_capped(&self, start: usize, out: &mut [f32]) {
        let c = self.spec.cap.map_or(f32::INFINITY, |c| c as f32);
        let end = start + out.len();
        match &self.sums {
            Sums::Sets8(sets) => {
                let mut capped = [0f32; 256];
                for (o, &t) in capped.iter_mut().zip(&self.totals) {
                    *o = t.clamp(-c, c);
                }
                for (o, &k) in out.iter_mut().zip(&sets[start..end]) {
                    *o += capped[usize::from(k)];
                }
            }
            Sums::Sets16(sets) => {
                let capped: Vec<f32> = self.totals.iter().map(|t| t.clamp(-c, c)).collect();
                for (o, &k) in out.iter_mut().zip(&sets[start..end]) {
                    *o += capped.get(usize::from(k)).copied().unwrap_or(0.0);
                }
            }
            Sums::Totals(sums) => {
                for (o, &t) in out.iter_mut().zip(&sums[start..end]) {
                    *o += t.clamp(-c, c);
                }
            }
        }
    }
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
        // condition results make that a gather per rule, and a group kept as sets of rules
        // only works out its sets' totals again when just points changed.
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
                    group_sum(ctx, cache, spec, axis.decay, name, n, prev)
                }
            };
            self.groups.push(state);
        }
        self.decay = axis.decay;
        let caps: Vec<Option<f64>> = self.groups.iter().map(|g| g.spec.cap).collect();
        if all_dirty || recomputed > 0 || caps != self.applied_caps || self.scores.len() != n {
            // The groups added in agreement order (the same sums, in the same order, as group
            // by group), a block of leads at a time, straight into the scores. A cap is a clamp
            // to [-cap, cap] (checked finite and ≥ 0), no cap a clamp to the infinities, which
            // leaves every sum as it is: no branch per lead.
            const BLOCK: usize = 2048;
            let mut raw = [0f32; BLOCK];
            self.scores.clear();
            self.scores.reserve_exact(n);
            for start in (0..n).step_by(BLOCK) {
                let raw = &mut raw[..BLOCK.min(n - start)];
                raw.fill(0.0);
                for g in &self.groups {
                    g.add_capped(start, raw);
                }
                self.scores.extend(raw.iter().map(|&x| score_of(x)));
            }
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
    prev: Option<GroupState>,
) -> GroupState {
    let mut stats = Vec::with_capacity(spec.rules.len());
    let mut conds = Vec::with_capacity(spec.rules.len());
    let mut weights = Vec::with_capacity(spec.rules.len());
    let mut matches = Vec::with_capacity(spec.rules.len());
    for rule in &spec.rules {
        let Compiled { cond, weight } = cond::compile(rule, ctx.table, ctx.mapping, decay);
        let m = cache.get(ctx, &cond);
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
            matched: m.held,
            missing: missing_fields(rule, ctx),
        });
        conds.push(cond);
        weights.push(weight);
        matches.push(m);
    }
    let k = spec.rules.len();
    let as_sets = k <= 16 && matches.iter().all(|m| m.binary);
    let sums = match prev {
        // The same conditions: each lead's set of rules stands, only the totals change.
        Some(p) if as_sets && p.conds == conds && p.sums.is_sets_of(n) => p.sums,
        prev => {
            // A group's previous per-lead vector is reused: a million leads' worth is not
            // allocated and freed at every points change.
            let reuse = prev.map(|p| p.sums);
            if as_sets && k <= 8 {
                let mut sets = match reuse {
                    Some(Sums::Sets8(v)) => v,
                    _ => Vec::new(),
                };
                sets.clear();
                sets.resize(n, 0);
                for (i, m) in matches.iter().enumerate() {
                    m.m.or_into(ctx.table, 1u8 << i, &mut sets);
                }
                Sums::Sets8(sets)
            } else if as_sets {
                let mut sets = match reuse {
                    Some(Sums::Sets16(v)) => v,
                    _ => Vec::new(),
                };
                sets.clear();
                sets.resize(n, 0);
                for (i, m) in matches.iter().enumerate() {
                    m.m.or_into(ctx.table, 1u16 << i, &mut sets);
                }
                Sums::Sets16(sets)
            } else {
                let mut sum = match reuse {
                    Some(Sums::Totals(v)) => v,
                    _ => Vec::new(),
                };
                sum.clear();
                sum.resize(n, 0.0);
                for (m, &weight) in matches.iter().zip(&weights) {
                    m.m.add_into(ctx.table, weight, &mut sum);
                }
                Sums::Totals(sum)
            }
        }
    };
    let totals = if matches!(sums, Sums::Totals(_)) {
        Vec::new()
    } else {
        (0..1usize << k)
            .map(|set| {
                let mut total = 0f32;
                for (i, weight) in weights.iter().enumerate() {
                    total += weight.apply(if set >> i & 1 == 1 { 1.0 } else { 0.0 });
                }
                total
            })
            .collect()
    };
    GroupState {
        spec: spec.clone(),
        conds,
        sums,
        totals,
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
