//! Scoring: fit and interest 0–100 per lead from the agreement's rules (see [`axis`] for the
//! exact formula), disqualifiers and fast-track conversions, and every threshold figure read
//! from histograms rather than from the rows.

pub mod axis;
pub mod cond;
pub mod email;
pub mod explain;
pub mod histogram;
pub mod results;
pub mod whatif;

use crate::table::Codes;
pub use axis::Scores;

pub use results::{Distribution, Matrix, OutcomeSummary, ReasonCount, Results, StatusSummary};

use crate::agreement::{Combined, Qualification, Rule, ThresholdMode};
use crate::fields::Mapping;
use axis::AxisState;
use cond::{Ctx, MatchCache};
use histogram::{Histogram, Histogram1};
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
    /// The field the rule names (or its kind, e.g. "all_of", "activity").
    pub field: String,
    /// The column the field resolved to; `None` when the data has no such column.
    pub column: Option<String>,
    /// Leads the rule gave points to (or took points from).
    pub matched: u64,
    /// Fields the rule (or its parts) names that the data lacks.
    pub missing: Vec<String>,
}

/// A lead's place before thresholds.
pub const NORMAL: u8 = 0;
/// Sent to sales whatever its scores.
pub const FAST_TRACK: u8 = 1;
/// Excluded, with a reason.
pub const DISQUALIFIED: u8 = 2;

/// Disqualifier and fast-track flags per lead.
#[derive(Default)]
struct StatusState {
    key: Option<(Vec<Rule>, Vec<Rule>)>,
    /// NORMAL, FAST_TRACK or DISQUALIFIED per lead.
    status: Vec<u8>,
    /// Index + 1 of the disqualifier or fast-track rule that applied (0: none).
    /// (A byte a lead while the lists have fewer than 255 rules.)
    rule: Codes,
    /// Leads per disqualifier, and per fast-track rule.
    dq_counts: Vec<u64>,
    ft_counts: Vec<u64>,
    /// Rules that can never apply (their field is not in the data).
    warnings: Vec<String>,
}

/// Histograms of scored leads: normal and fast-tracked apart; disqualified counted aside.
struct Hists {
    normal: Histogram,
    fast: Histogram,
    /// Disqualified leads: total, won, lost.
    dq: [u64; 3],
    /// For the combined mode: the weights and the histograms of the combined score.
    combined: Option<(Combined, Histogram1, Histogram1)>,
}

/// Scores the loaded table under the agreement's qualification part.
#[derive(Default)]
pub struct Scorer {
    cache: MatchCache,
    ctx_key: Option<(Mapping, Option<i64>, u64)>,
    fit: AxisState,
    interest: AxisState,
    status: StatusState,
    hists: Option<Hists>,
    generation: u64,
    pinned: Option<whatif::Pinned>,
}

impl Scorer {
    /// Forget cached matches and scores (the data changed).
    pub fn reset(&mut self) {
        let generation = self.generation;
        *self = Scorer::default();
        self.generation = generation;
    }

    /// Forget every rule result and score, but keep what was derived from the data alone (the
    /// e-mail index, value counts): what scoring a new agreement from nothing costs.
    pub fn forget_rules(&mut self) {
        let generation = self.generation;
        let cache = std::mem::take(&mut self.cache).keep_data_index();
        *self = Scorer::default();
        self.cache = cache;
        self.generation = generation;
    }

    /// How many times groups of rules have been summed over the rows; a threshold move leaves
    /// it unchanged, a points change adds one.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Condition results held in the cache.
    pub fn cached_matches(&self) -> usize {
        self.cache.len()
    }

    /// Bring scores, flags and histograms up to `q`; returns whether any row was re-scored.
    /// `activities_gen` changes whenever a different activities file is joined.
    pub fn update(
        &mut self,
        ctx: &Ctx,
        activities_gen: u64,
        outcome: &[u8],
        q: &Qualification,
    ) -> bool {
        let key = (ctx.mapping.clone(), ctx.as_of, activities_gen);
        if self.ctx_key.as_ref() != Some(&key) {
            // Another context: cached matches (dates, activities, columns) no longer hold.
            self.cache.clear_rules();
            self.fit.invalidate();
            self.interest.invalidate();
            self.status.key = None;
            self.hists = None;
            self.ctx_key = Some(key);
        }
        let f = self.fit.update(ctx, &mut self.cache, &q.fit, AxisName::Fit);
        let i = self
            .interest
            .update(ctx, &mut self.cache, &q.interest, AxisName::Interest);
        let s = self.update_status(ctx, q);
        self.generation += (f + i) as u64;
        let rescored = f > 0 || i > 0 || s;
        if rescored || self.hists.is_none() {
            self.build_hists(outcome);
        }
        self.update_combined(outcome, q);
        rescored
    }

    fn update_status(&mut self, ctx: &Ctx, q: &Qualification) -> bool {
        let key = (q.disqualify.clone(), q.fast_track.clone());
        let n = ctx.table.rows;
        if self.status.key.as_ref() == Some(&key) && self.status.status.len() == n {
            return false;
        }
        let mut status = vec![NORMAL; n];
        let longest = q.disqualify.len().max(q.fast_track.len());
        let mut rule = if longest < usize::from(u8::MAX) {
            Codes::U8(vec![0; n])
        } else {
            Codes::U16(vec![0; n])
        };
        let mut dq_counts = vec![0u64; q.disqualify.len()];
        let mut ft_counts = vec![0u64; q.fast_track.len()];
        let mut warnings = Vec::new();
        let mut held: Vec<u8> = Vec::new();
        for (list, flag, counts, what) in [
            (&q.disqualify, DISQUALIFIED, &mut dq_counts, "Disqualifier"),
            (&q.fast_track, FAST_TRACK, &mut ft_counts, "Fast-track rule"),
        ] {
            for (k, r) in list.iter().enumerate() {
                let missing = axis::missing_fields(r, ctx);
                if !missing.is_empty() {
                    warnings.push(format!(
                        "{what} \"{}\" never applies: the data has no column for \"{}\".",
                        r.id,
                        missing.join("\", \"")
                    ));
                }
                let c = cond::compile(r, ctx.table, ctx.mapping, None);
                let m = self.cache.get(ctx, &c.cond);
                // Whether the rule holds per lead, a byte each (not the 4 of its values).
                held.clear();
                held.resize(n, 0);
                m.m.add_codes_into(ctx.table, &|v| u8::from(cond::Match::held(v)), &mut held);
                for (row, &h) in held.iter().enumerate() {
                    if status[row] == NORMAL && h != 0 {
                        status[row] = flag;
                        rule.set(row, (k + 1).min(usize::from(u16::MAX)) as u32);
                        counts[k] += 1;
                    }
                }
            }
        }
        self.status = StatusState {
            key: Some(key),
            status,
            rule,
            dq_counts,
            ft_counts,
            warnings,
        };
        true
    }

    fn build_hists(&mut self, outcome: &[u8]) {
        let (fit, int, st) = (&self.fit.scores, &self.interest.scores, &self.status.status);
        // The disqualified leads, all, won and lost, counted in the same pass.
        let (normal, fast, dq) = Histogram::build_split_hundredths(
            fit.as_hundredths(),
            int.as_hundredths(),
            outcome,
            st,
            [NORMAL, FAST_TRACK, DISQUALIFIED],
        );
        self.hists = Some(Hists {
            normal,
            fast,
            dq,
            combined: None,
        });
    }

    fn update_combined(&mut self, outcome: &[u8], q: &Qualification) {
        let Some(h) = self.hists.as_mut() else {
            return;
        };
        let want = match (q.thresholds.mode, q.thresholds.combined) {
            (ThresholdMode::Combined, Some(c)) => Some(c),
            _ => None,
        };
        let Some(c) = want else {
            return;
        };
        if h.combined
            .as_ref()
            .is_some_and(|(old, _, _)| old.weights == c.weights)
        {
            if let Some(x) = h.combined.as_mut() {
                x.0 = c;
            }
            return;
        }
        let values: Vec<f32> = combined_scores(&self.fit.scores, &self.interest.scores, c);
        let st = &self.status.status;
        let normal = Histogram1::build_where(&values, outcome, |r| st.get(r) == Some(&NORMAL));
        let fast = Histogram1::build_where(&values, outcome, |r| st.get(r) == Some(&FAST_TRACK));
        h.combined = Some((c, normal, fast));
    }

    /// Fit score per lead (0–100).
    pub fn fit(&self) -> &Scores {
        &self.fit.scores
    }

    /// Interest score per lead (0–100).
    pub fn interest(&self) -> &Scores {
        &self.interest.scores
    }

    /// NORMAL, FAST_TRACK or DISQUALIFIED per lead.
    pub fn status(&self) -> &[u8] {
        &self.status.status
    }

    /// Per lead, index + 1 of the disqualifier or fast-track rule that applied (0: none).
    pub fn applied(&self) -> &Codes {
        &self.status.rule
    }

    /// The condition results cached for the loaded data.
    pub(crate) fn cache_mut(&mut self) -> &mut MatchCache {
        &mut self.cache
    }

    /// The histograms of normal and fast-tracked leads, the disqualified (leads, won, lost), and
    /// in combined mode the combined score's histograms (normal, fast-tracked).
    #[allow(clippy::type_complexity)]
    pub(crate) fn histograms(
        &self,
    ) -> Option<(
        &Histogram,
        &Histogram,
        [u64; 3],
        Option<(&Histogram1, &Histogram1)>,
    )> {
        let h = self.hists.as_ref()?;
        let c = h.combined.as_ref().map(|(_, n, f)| (n, f));
        Some((&h.normal, &h.fast, h.dq, c))
    }

    /// What each rule did, fit then interest.
    pub fn rule_stats(&self) -> Vec<RuleStat> {
        self.fit
            .rule_stats()
            .chain(self.interest.rule_stats())
            .cloned()
            .collect()
    }
}

/// The combined score of each lead under `c`'s weights.
pub fn combined_scores<'a>(
    fit: impl IntoIterator<Item = &'a f32>,
    interest: impl IntoIterator<Item = &'a f32>,
    c: Combined,
) -> Vec<f32> {
    let (wf, wi) = (c.weights.fit as f32, c.weights.interest as f32);
    fit.into_iter()
        .zip(interest)
        .map(|(&f, &i)| axis::score_of(f * wf + i * wi))
        .collect()
}

/// Whether a lead with these scores and status is an MQL (`sql`: an SQL) under `q`.
pub fn over_line(fit: f32, interest: f32, status: u8, q: &Qualification, sql: bool) -> bool {
    if status == DISQUALIFIED {
        return false;
    }
    let t = &q.thresholds;
    let over = match (t.mode, t.combined) {
        (ThresholdMode::Combined, Some(c)) => {
            let v = combined_scores(&[fit], &[interest], c)[0];
            v >= if sql { c.sql } else { c.mql } as f32
        }
        _ => {
            let line = if sql { t.sql } else { t.mql };
            fit >= line.fit as f32 && interest >= line.interest as f32
        }
    };
    // Fast-tracked leads go to sales (MQL) whatever their scores; SQL still asks the line.
    over || (!sql && status == FAST_TRACK)
}
