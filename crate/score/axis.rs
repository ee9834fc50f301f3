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

/// Leads combined at a time into an axis's scores.
const BLOCK: usize = 2048;

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

/// The hundredths of the score for raw points (`score_of(raw) == hundredths_of(raw) / 100`).
#[inline]
fn hundredths_of(raw: f32) -> u16 {
    let hundredths = raw.clamp(0.0, 100.0) * 100.0;
    (f64::from(hundredths) + 0.5) as u16
}

/// Every score there can be: `k / 100` for `k` in 0..=10,000, as [`score_of`] gives it
/// (worked out once, at run time: 40 KB in the WebAssembly's data would be 20 KB gzipped).
fn scores_table() -> &'static [f32] {
    static TABLE: std::sync::OnceLock<Vec<f32>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| (0..=10_000u16).map(|k| f32::from(k) / 100.0).collect())
}

/// One axis's score per lead, kept as hundredths (2 bytes a lead instead of 4); read as the
/// `f32` scores they are.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scores(Vec<u16>);

impl Scores {
    /// Number of leads.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are no leads.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The score of lead `row`.
    #[inline]
    pub fn get(&self, row: usize) -> Option<f32> {
        self.0.get(row).map(|&h| score_at(h))
    }

    /// The score of lead `row` in hundredths (0–10,000).
    #[inline]
    pub fn hundredths(&self, row: usize) -> Option<u16> {
        self.0.get(row).copied()
    }

    /// Every score in hundredths (0–10,000), in row order.
    pub fn as_hundredths(&self) -> &[u16] {
        &self.0
    }

    /// Every score, in row order.
    pub fn iter(&self) -> ScoresIter<'_> {
        self.0.iter().map(lookup)
    }

    /// Every score, as a vector.
    pub fn to_vec(&self) -> Vec<f32> {
        self.iter().copied().collect()
    }
}

/// The scores of a [`Scores`], in row order.
pub type ScoresIter<'a> = std::iter::Map<std::slice::Iter<'a, u16>, fn(&u16) -> &'static f32>;

fn lookup(h: &u16) -> &'static f32 {
    scores_table().get(usize::from(*h)).unwrap_or(&0.0)
}

#[inline]
fn score_at(h: u16) -> f32 {
    f32::from(h) / 100.0
}

impl std::ops::Index<usize> for Scores {
    type Output = f32;
    #[inline]
    fn index(&self, row: usize) -> &f32 {
        lookup(&self.0[row])
    }
}

impl PartialEq<[f32]> for Scores {
    fn eq(&self, other: &[f32]) -> bool {
        self.len() == other.len() && self.iter().zip(other).all(|(a, b)| a == b)
    }
}

impl<'a> IntoIterator for &'a Scores {
    type Item = &'static f32;
    type IntoIter = ScoresIter<'a>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
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
    /// A code per lead into [`GroupState::totals`], the total of each code worked out once:
    /// a byte (or two) a lead instead of four. Either the set of the group's rules that held,
    /// a bit per rule in agreement order, when each rule holds or not (a change of points
    /// then re-codes no lead); or each rule's level among the points it can give, in mixed
    /// radix, when they are few (units up to a maximum).
    Codes8(Vec<u8>),
    Codes16(Vec<u16>),
    /// When every rule of the group looks up a column's codes, and the columns' values
    /// combine in few ways (the company's size; page views and sessions): the total of each
    /// combination, in [`GroupState::totals`], nothing per lead; a lead's combination is
    /// `Σ code(col) × stride` over `(col, stride)`. A change of points re-sums no lead either.
    ByValue {
        cols: Vec<(usize, usize)>,
    },
    /// Otherwise (decayed activities, many distinct points): the total itself.
    Totals(Vec<f32>),
}

impl Sums {
    /// Whether these are codes for `n` leads.
    fn is_codes_of(&self, n: usize) -> bool {
        match self {
            Sums::Codes8(v) => v.len() == n,
            Sums::Codes16(v) => v.len() == n,
            Sums::ByValue { .. } | Sums::Totals(_) => false,
        }
    }
}

struct GroupState {
    spec: Group,
    /// The rules' conditions (a group whose conditions are the same keeps its sets).
    conds: Vec<cond::Cond>,
    sums: Sums,
    /// Whether the codes are sets of rules (they stand while the conditions do).
    sets: bool,
    /// For sets: the total of each set of rules, summed in agreement order exactly as a lead's
    /// points would be (the same additions, so the same `f32`).
    totals: Vec<f32>,
    stats: Vec<RuleStat>,
}

impl GroupState {
    /// The group's totals after its cap, one per code (empty for per-lead totals).
    fn capped_totals(&self) -> Vec<f32> {
        let c = self.spec.cap.map_or(f32::INFINITY, |c| c as f32);
        self.totals.iter().map(|t| t.clamp(-c, c)).collect()
    }

    /// Each lead's total after the group's cap, for rows `start..start + out.len()`, added to
    /// `out`; `capped` is [`capped_totals`](Self::capped_totals).
    fn add_capped(
        &self,
        table: &crate::table::Table,
        capped: &[f32],
        start: usize,
        out: &mut [f32],
    ) {
        let end = start + out.len();
        match &self.sums {
            Sums::Codes8(sets) => {
                let mut by_byte = [0f32; 256];
                for (o, &t) in by_byte.iter_mut().zip(capped) {
                    *o = t;
                }
                for (o, &k) in out.iter_mut().zip(&sets[start..end]) {
                    *o += by_byte[usize::from(k)];
                }
            }
            Sums::Codes16(sets) => {
                for (o, &k) in out.iter_mut().zip(&sets[start..end]) {
                    *o += capped.get(usize::from(k)).copied().unwrap_or(0.0);
                }
            }
            Sums::Totals(sums) => {
                let c = self.spec.cap.map_or(f32::INFINITY, |c| c as f32);
                for (o, &t) in out.iter_mut().zip(&sums[start..end]) {
                    *o += t.clamp(-c, c);
                }
            }
            Sums::ByValue { cols } => {
                // Each lead's combination, column by column, then its total.
                let mut at = [0u32; BLOCK];
                let at = &mut at[..out.len()];
                for &(col, stride) in cols {
                    let s = stride as u32;
                    let column = &table.columns[col];
                    match (&column.data, column.codes()) {
                        (_, Some(codes)) => crate::with_codes!(codes, |v| {
                            #[allow(clippy::useless_conversion)]
                            for (a, &k) in at.iter_mut().zip(&v[start..end]) {
                                *a = a.wrapping_add(u32::from(k).wrapping_mul(s));
                            }
                        }),
                        (crate::table::ColumnData::Bool(v), _) => {
                            for (a, &k) in at.iter_mut().zip(&v[start..end]) {
                                *a = a.wrapping_add(u32::from(k).wrapping_mul(s));
                            }
                        }
                        _ => {}
                    }
                }
                for (o, &a) in out.iter_mut().zip(at.iter()) {
                    *o += capped.get(a as usize).copied().unwrap_or(0.0);
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
    pub scores: Scores,
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
            let capped: Vec<Vec<f32>> = self.groups.iter().map(GroupState::capped_totals).collect();
            let mut raw = [0f32; BLOCK];
            let scores = &mut self.scores.0;
            scores.clear();
            scores.reserve_exact(n);
            for start in (0..n).step_by(BLOCK) {
                let raw = &mut raw[..BLOCK.min(n - start)];
                raw.fill(0.0);
                for (g, capped) in self.groups.iter().zip(&capped) {
                    g.add_capped(ctx.table, capped, start, raw);
                }
                scores.extend(raw.iter().map(|&x| hundredths_of(x)));
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
    // Every rule a lookup of a column's codes, the columns' values combining in few ways
    // (at most 65,536, and an eighth of the leads): a total per combination.
    if let Some(cols) = by_value(ctx.table, &matches, n) {
        let size = cols
            .last()
            .map_or(0, |&(c, s)| s * ctx.table.columns[c].distinct_codes());
        let place = |col: usize| cols.iter().position(|&(c, _)| c == col).unwrap_or(0);
        let totals = (0..size)
            .map(|combo| {
                let mut total = 0f32;
                for (m, w) in matches.iter().zip(&weights) {
                    let (col, stride) = cols[place(m.m.column().unwrap_or(0))];
                    let values = ctx.table.columns[col].distinct_codes().max(1);
                    total += w.apply(m.m.of_code(combo / stride % values));
                }
                total
            })
            .collect();
        return GroupState {
            spec: spec.clone(),
            conds,
            sums: Sums::ByValue { cols },
            sets: false,
            totals,
            stats,
        };
    }
    let as_sets = k <= 16 && matches.iter().all(|m| m.binary);
    if let Some(p) = prev
        .as_ref()
        .filter(|p| p.sets && as_sets && p.conds == conds)
    {
        if p.sums.is_codes_of(n) {
            // The same conditions: each lead's set of rules stands, only the totals change.
            let prev = prev.unwrap_or_else(|| unreachable!());
            let totals = set_totals(&weights);
            return GroupState {
                spec: spec.clone(),
                conds,
                sums: prev.sums,
                sets: true,
                totals,
                stats,
            };
        }
    }
    // A group's previous per-lead vector is reused: a million leads' worth is not allocated
    // and freed at every change.
    let reuse = prev.map(|p| p.sums);
    let (sums, sets, totals) = if as_sets {
        // Rule `i`'s part of a lead's code: its bit when it held.
        let part = |i: usize, x: f32| usize::from(cond::Match::held(x)) << i;
        let sums = group_codes(ctx, &matches, reuse, n, k > 8, &part);
        (sums, true, set_totals(&weights))
    } else if let Some(levels) = levels_of(&matches, &weights) {
        let size: usize = levels.iter().map(Vec::len).product();
        let totals = level_totals(&levels);
        // Rule `i`'s part: its level times its stride (the product of the earlier rules'
        // counts).
        let strides: Vec<usize> = levels
            .iter()
            .scan(1usize, |s, l| {
                let stride = *s;
                *s *= l.len();
                Some(stride)
            })
            .collect();
        let part = |i: usize, x: f32| level_of(&levels[i])(weights[i].apply(x)) * strides[i];
        let sums = group_codes(ctx, &matches, reuse, n, size > 256, &part);
        (sums, false, totals)
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
        (Sums::Totals(sum), false, Vec::new())
    };
    GroupState {
        spec: spec.clone(),
        conds,
        sums,
        sets,
        totals,
        stats,
    }
}

/// The columns (each once, with its stride) whose codes every rule of a group looks up, when
/// their values combine in at most 65,536 ways and an eighth of the `n` leads.
fn by_value(
    table: &crate::table::Table,
    matches: &[std::sync::Arc<cond::Cached>],
    n: usize,
) -> Option<Vec<(usize, usize)>> {
    let mut cols: Vec<(usize, usize)> = Vec::new();
    let mut size = 1usize;
    for m in matches {
        let col = m.m.column()?;
        if cols.iter().any(|&(c, _)| c == col) {
            continue;
        }
        let values = table.columns[col].distinct_codes();
        if values == 0 {
            return None;
        }
        cols.push((col, size));
        size = size
            .checked_mul(values)
            .filter(|&s| s <= (1 << 16) && s * 8 <= n)?;
    }
    (!cols.is_empty()).then_some(cols)
}

/// Each lead's code in its group: the sum over the rules of `part(rule, value)`, a byte a
/// lead (two when `wide`); the previous codes' memory reused.
fn group_codes(
    ctx: &Ctx,
    matches: &[std::sync::Arc<cond::Cached>],
    reuse: Option<Sums>,
    n: usize,
    wide: bool,
    part: &dyn Fn(usize, f32) -> usize,
) -> Sums {
    if wide {
        let mut codes = codes_for(reuse, n, |s| match s {
            Sums::Codes16(v) => Some(v),
            _ => None,
        });
        for (i, m) in matches.iter().enumerate() {
            m.m.add_codes_into(ctx.table, &|x| part(i, x) as u16, &mut codes);
        }
        Sums::Codes16(codes)
    } else {
        let mut codes = codes_for(reuse, n, |s| match s {
            Sums::Codes8(v) => Some(v),
            _ => None,
        });
        for (i, m) in matches.iter().enumerate() {
            m.m.add_codes_into(ctx.table, &|x| part(i, x) as u8, &mut codes);
        }
        Sums::Codes8(codes)
    }
}

/// A vector of `n` zero codes, the previous one's memory reused when it has the same width.
fn codes_for<T: Copy + Default>(
    reuse: Option<Sums>,
    n: usize,
    same: impl FnOnce(Sums) -> Option<Vec<T>>,
) -> Vec<T> {
    let mut v = reuse.and_then(same).unwrap_or_default();
    v.clear();
    v.resize(n, T::default());
    v
}

/// The total of each set of rules (bit `i`: rule `i` held), summed in agreement order as a
/// lead's points are: a rule that held adds `weight(1)`, one that did not `weight(0)`.
fn set_totals(weights: &[cond::Weight]) -> Vec<f32> {
    (0..1usize << weights.len())
        .map(|set| {
            let mut total = 0f32;
            for (i, w) in weights.iter().enumerate() {
                total += w.apply(if set >> i & 1 == 1 { 1.0 } else { 0.0 });
            }
            total
        })
        .collect()
}

/// Each rule's distinct points, when every rule's come from a lookup table and all their
/// combinations number at most 65,536.
fn levels_of(
    matches: &[std::sync::Arc<cond::Cached>],
    weights: &[cond::Weight],
) -> Option<Vec<Vec<f32>>> {
    let mut size = 1usize;
    let mut out = Vec::with_capacity(matches.len());
    for (m, &w) in matches.iter().zip(weights) {
        let l = m.m.distinct_of(&|x| w.apply(x), 256)?;
        size = size.checked_mul(l.len().max(1)).filter(|&s| s <= 1 << 16)?;
        out.push(l);
    }
    Some(out)
}

/// A rule's level for its points (their index among the rule's distinct points, which are
/// sorted by their bits).
fn level_of(levels: &[f32]) -> impl Fn(f32) -> usize + '_ {
    |p| {
        levels
            .binary_search_by_key(&p.to_bits(), |l| l.to_bits())
            .unwrap_or(0)
    }
}

/// The total of each code in mixed radix (rule 0's level varies fastest), summed in agreement
/// order as a lead's points are.
fn level_totals(levels: &[Vec<f32>]) -> Vec<f32> {
    let size: usize = levels.iter().map(Vec::len).product();
    (0..size)
        .map(|code| {
            let (mut rest, mut total) = (code, 0f32);
            for l in levels {
                total += l.get(rest % l.len().max(1)).copied().unwrap_or(0.0);
                rest /= l.len().max(1);
            }
            total
        })
        .collect()
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
