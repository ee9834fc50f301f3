//! Fitting points to outcomes, in steps the worker can report: [`Workbench::fit_begin`] builds
//! the features and the split, [`FitJob::step`] runs passes of Newton's method, and
//! [`Workbench::fit_result`] reads the coefficients, turns them into a suggested agreement,
//! scores it with the engine itself and compares both agreements on the holdout.

use super::features::{self, Design};
use super::logit::{self, Newton};
use super::{auc, combined_key, LearnError};
use crate::agreement::{Agreement, Qualification};
use crate::score::axis::AxisState;
use crate::score::{over_line, AxisName, Scores};
use crate::table::{ColumnData, NO_DATE};
use crate::Workbench;
use serde::Serialize;

/// How the closed leads are split between training and holdout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Split {
    /// Each lead drawn at random (deterministic for the seed).
    #[default]
    Random,
    /// The newest leads by create date held out; the older ones (and undated ones) train.
    Time,
}

/// What to fit and how to check it.
#[derive(Debug, Clone, PartialEq)]
pub struct FitOptions {
    /// Share of the closed leads held out (0 to below 1).
    pub holdout: f64,
    pub split: Split,
    pub seed: u64,
    /// The L2 penalty λ (scikit-learn's `C` is 1/λ).
    pub l2: f64,
    /// Offer candidate features drawn from the columns.
    pub candidates: bool,
    /// Columns (headers or fields) never to draw candidates from.
    pub exclude: Vec<String>,
}

impl Default for FitOptions {
    fn default() -> Self {
        FitOptions {
            holdout: 0.3,
            split: Split::Random,
            seed: 1,
            l2: 1.0,
            candidates: true,
            exclude: Vec::new(),
        }
    }
}

impl FitOptions {
    /// Read `{ holdout, split: "random" | "time", seed, l2, candidates, exclude }`, every field
    /// optional.
    pub fn from_json(json: &str) -> Result<FitOptions, LearnError> {
        let v: serde_json::Value = serde_json::from_str(json)
            .map_err(|e| LearnError::new(format!("fit options: not valid JSON: {e}")))?;
        let mut o = FitOptions::default();
        let Some(map) = v.as_object() else {
            return if v.is_null() {
                Ok(o)
            } else {
                Err(LearnError::new("fit options: expected an object"))
            };
        };
        for (k, x) in map {
            let bad = || LearnError::new(format!("fit options.{k}: wrong type"));
            match k.as_str() {
                "holdout" => o.holdout = x.as_f64().ok_or_else(bad)?,
                "seed" => o.seed = x.as_u64().ok_or_else(bad)?,
                "l2" => o.l2 = x.as_f64().ok_or_else(bad)?,
                "candidates" => o.candidates = x.as_bool().ok_or_else(bad)?,
                "split" => {
                    o.split = match x.as_str() {
                        Some("random") => Split::Random,
                        Some("time") => Split::Time,
                        _ => {
                            return Err(LearnError::new(
                                "fit options.split: \"random\" or \"time\"",
                            ))
                        }
                    }
                }
                "exclude" => {
                    o.exclude = x
                        .as_array()
                        .ok_or_else(bad)?
                        .iter()
                        .map(|s| s.as_str().map(str::to_string).ok_or_else(bad))
                        .collect::<Result<_, _>>()?
                }
                _ => return Err(LearnError::new(format!("fit options.{k}: unknown option"))),
            }
        }
        o.check().map(|_| o)
    }

    fn check(&self) -> Result<(), LearnError> {
        if !(0.0..1.0).contains(&self.holdout) {
            return Err(LearnError::new(
                "fit options.holdout: a share from 0 to below 1",
            ));
        }
        if !(self.l2.is_finite() && self.l2 > 0.0) {
            return Err(LearnError::new("fit options.l2: a penalty above 0"));
        }
        Ok(())
    }
}

/// A fit in progress: the features and split, and Newton's state.
pub struct FitJob {
    pub design: Design,
    pub newton: Newton,
    /// The rules alone (when there are candidates): what the flags are read from, so that a
    /// candidate that overlaps a rule does not hide what the rule does.
    pub rules_only: Option<Newton>,
    pub options: FitOptions,
    agreement: Agreement,
    /// The current agreement's combined score key per design row.
    current: Vec<u32>,
    data_key: (u64, usize),
}

impl FitJob {
    /// Run up to `passes` passes over the training leads; returns the progress (0–1).
    pub fn step(&mut self, passes: usize) -> f64 {
        for _ in 0..passes {
            match &mut self.rules_only {
                Some(r) if self.newton.converged => {
                    // Start from the full fit's coefficients of the rules: near where it ends.
                    if r.passes == 0 {
                        for (j, b) in r.beta.iter_mut().enumerate() {
                            if j == 0 || (r.keep >> (j - 1)) & 1 == 1 {
                                *b = self.newton.beta[j];
                            }
                        }
                    }
                    r.step(&self.design)
                }
                _ => self.newton.step(&self.design),
            }
        }
        self.progress()
    }

    /// 1 once converged; before, passes so far against the usual number.
    pub fn progress(&self) -> f64 {
        if self.done() {
            return 1.0;
        }
        let passes = self.newton.passes + self.rules_only.as_ref().map_or(0, |r| r.passes);
        let usual = if self.rules_only.is_some() { 16.0 } else { 8.0 };
        (passes as f64 / usual).min(0.95)
    }

    /// Whether the fit has converged (or given up after [`logit::MAX_PASSES`]).
    pub fn done(&self) -> bool {
        self.newton.converged && self.rules_only.as_ref().is_none_or(|r| r.converged)
    }

    /// The design matrix as CSV: one column per feature (by id), then `split` (`train` or
    /// `holdout`) and `outcome` (1 won, 0 lost); for checking the fit against a reference.
    pub fn design_csv(&self) -> String {
        let d = &self.design;
        let mut s = String::new();
        // The feature ids are the agreement's rule ids: text from outside, quoted and
        // neutralised like any CSV cell Accord writes.
        let header = d.features.iter().map(|f| f.id.as_str());
        crate::formula::push_row(&mut s, header.chain(["split", "outcome"]));
        let mut cells: Vec<String> = Vec::with_capacity(d.features.len() + 2);
        for r in 0..d.rows.len() {
            cells.clear();
            cells.extend((0..d.features.len()).map(|j| d.value(j, r).to_string()));
            cells.push((if d.holdout[r] { "holdout" } else { "train" }).into());
            cells.push((if d.won[r] { "1" } else { "0" }).into());
            crate::formula::push_row(&mut s, cells.iter().map(String::as_str));
        }
        s
    }
}

/// Leads on one side of the split.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Side {
    pub leads: u64,
    pub won: u64,
}

/// Holdout ROC AUCs.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FitAuc {
    /// The fitted model's own probabilities.
    pub model: Option<f64>,
    /// The current agreement's combined score.
    pub current: Option<f64>,
    /// The suggested agreement's combined score, as the engine scores it.
    pub suggested: Option<f64>,
}

/// One feature's coefficient and what it means.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FeatureFit {
    pub id: String,
    pub axis: AxisName,
    /// Drawn from the columns, not a rule of the agreement.
    pub candidate: bool,
    pub description: String,
    /// Change in the log-odds of winning when the feature goes from 0 to 1.
    pub coefficient: f64,
    pub std_error: f64,
    /// Closed leads where it is not 0.
    pub matched: u64,
    /// Points in the suggested agreement (a per-unit rule's max); `None` when left out.
    pub points: Option<f64>,
}

/// A rule the data says does nothing or points the wrong way.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Flag {
    pub id: String,
    pub axis: AxisName,
    /// "rare", "no_effect" or "wrong_way".
    pub kind: &'static str,
    pub text: String,
}

/// MQLs under the current lines.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Mqls {
    pub current: u64,
    pub suggested: u64,
}

/// What the fit found and the agreement it suggests.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FitResult {
    pub features: Vec<FeatureFit>,
    pub intercept: f64,
    pub l2: f64,
    pub passes: usize,
    pub converged: bool,
    pub split: Split,
    pub train: Side,
    pub holdout: Side,
    pub auc: FitAuc,
    pub mqls: Mqls,
    /// The suggested agreement, as JSON text the engine accepts.
    pub suggested_agreement: String,
    pub flags: Vec<Flag>,
    pub notes: Vec<String>,
}

/// A well-mixed 64-bit value of `x` (splitmix64's finaliser).
pub(crate) fn mix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Uniform in [0, 1) from a seed and a lead.
fn draw(seed: u64, row: u32) -> f64 {
    (mix(seed ^ (row as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)) >> 11) as f64
        / (1u64 << 53) as f64
}

impl Workbench {
    /// Start a fit: the features of every closed lead no disqualifier excludes, and the split.
    /// Errors when there is no outcome, or the training part lacks won or lost leads.
    pub fn fit_begin(&mut self, options: &FitOptions) -> Result<FitJob, LearnError> {
        options.check()?;
        if self.outcome().is_none() {
            return Err(LearnError::new(
                "the data has no outcome column (won / lost, converted): nothing to learn from",
            ));
        }
        let agreement = self.agreement().clone();
        let q = &agreement.qualification;
        let (fit, int) = (self.fit_scores().to_vec(), self.interest_scores().to_vec());
        let status = self.status().to_vec();
        let created = self.table_and_mapping().and_then(|(t, m)| {
            match &t.columns[*m.get("create_date")?].data {
                ColumnData::Date(v) => Some(v.to_vec()),
                _ => None,
            }
        });
        let Some((ctx, scorer, outcome, key)) = self.ctx_and_scorer() else {
            return Err(LearnError::new("no data loaded"));
        };
        let exclude = options.candidates.then_some(options.exclude.as_slice());
        let mut design = features::build(&ctx, scorer.cache_mut(), q, outcome, &status, exclude)?;
        let data_key = (key, ctx.table.rows);
        split(&mut design, options, created.as_deref())?;
        let (mut won, mut n) = (0, 0);
        for (&w, &h) in design.won.iter().zip(&design.holdout) {
            if !h {
                won += w as usize;
                n += 1;
            }
        }
        if won == 0 || won == n {
            return Err(LearnError::new(match (n, won) {
                (0, _) => "no closed lead to train on: a fit needs both won and lost leads",
                (_, 0) => "the training leads are all lost: a fit needs both won and lost leads",
                _ => "the training leads are all won: a fit needs both won and lost leads",
            }));
        }
        let current = design
            .rows
            .iter()
            .map(|&r| combined_key(q, fit[r as usize], int[r as usize]))
            .collect();
        let rules: u64 = (0..design.features.len())
            .filter(|&j| design.features[j].at.is_some())
            .fold(0, |m, j| m | 1 << j);
        let all = (0..design.features.len()).fold(0u64, |m, j| m | 1 << j);
        Ok(FitJob {
            newton: Newton::new(&design, options.l2, all),
            rules_only: (rules != all).then(|| Newton::new(&design, options.l2, rules)),
            design,
            options: options.clone(),
            agreement,
            current,
            data_key,
        })
    }

    /// Fit from start to finish.
    pub fn fit(&mut self, options: &FitOptions) -> Result<FitResult, LearnError> {
        let mut job = self.fit_begin(options)?;
        while !job.done() {
            job.step(1);
        }
        self.fit_result(&job)
    }

    /// The result of a fit (finished or not): coefficients, flags, the suggested agreement
    /// scored by the engine, and both agreements' holdout AUC. Errors when the data changed
    /// since [`fit_begin`](Self::fit_begin).
    pub fn fit_result(&mut self, job: &FitJob) -> Result<FitResult, LearnError> {
        let cq = &job.agreement.qualification;
        let current_mqls = count_mqls(self.fit_scores(), self.interest_scores(), self.status(), cq);
        let Some((ctx, scorer, _, key)) = self.ctx_and_scorer() else {
            return Err(LearnError::new("no data loaded"));
        };
        if (key, ctx.table.rows) != job.data_key {
            return Err(LearnError::new(
                "the data changed since the fit began: fit again",
            ));
        }
        let d = &job.design;
        let beta = &job.newton.beta;
        let se = job.newton.std_errors();
        let (suggested, points, mut notes) = super::suggest::agreement(&job.agreement, d, beta);
        let json = suggested.to_json();
        Agreement::parse(&json).map_err(|e| {
            LearnError::new(format!("internal: the suggested agreement is refused: {e}"))
        })?;

        // The suggested agreement scored as the engine scores it (the rules' matches are cached).
        let sq = &suggested.qualification;
        let cache = scorer.cache_mut();
        let (mut sf, mut si) = (AxisState::default(), AxisState::default());
        sf.update(&ctx, cache, &sq.fit, AxisName::Fit);
        si.update(&ctx, cache, &sq.interest, AxisName::Interest);
        let (fit, int) = (&sf.scores, &si.scores);

        let held: Vec<usize> = (0..d.rows.len()).filter(|&r| d.holdout[r]).collect();
        let won: Vec<bool> = held.iter().map(|&r| d.won[r]).collect();
        let by = |score: &dyn Fn(usize) -> f64| {
            auc(&held.iter().map(|&r| score(r)).collect::<Vec<_>>(), &won)
        };
        let row = |r: usize| d.rows[r] as usize;
        let auc = FitAuc {
            model: by(&|r| logit::eta(d, beta, r)),
            current: by(&|r| job.current[r] as f64),
            suggested: by(&|r| combined_key(sq, fit[row(r)], int[row(r)]) as f64),
        };
        let mqls = Mqls {
            current: current_mqls,
            suggested: count_mqls(fit, int, scorer.status(), sq),
        };
        if held.is_empty() {
            notes.push("No lead is held out: the AUCs need a holdout above 0.".into());
        }
        let side = |h: bool| {
            let (mut leads, mut w) = (0, 0);
            for (&x, &y) in d.holdout.iter().zip(&d.won) {
                if x == h {
                    leads += 1;
                    w += y as u64;
                }
            }
            Side { leads, won: w }
        };
        Ok(FitResult {
            features: d
                .features
                .iter()
                .enumerate()
                .map(|(j, f)| FeatureFit {
                    id: f.id.clone(),
                    axis: f.axis,
                    candidate: f.at.is_none(),
                    description: f.description.clone(),
                    coefficient: beta[j + 1],
                    std_error: se[j + 1],
                    matched: d.matched[j],
                    points: points[j],
                })
                .collect(),
            intercept: beta[0],
            l2: job.options.l2,
            passes: job.newton.passes,
            converged: job.newton.converged,
            split: job.options.split,
            train: side(false),
            holdout: side(true),
            auc,
            mqls,
            suggested_agreement: json,
            flags: match &job.rules_only {
                Some(r) => super::suggest::flags(d, &r.beta, &r.std_errors()),
                None => super::suggest::flags(d, beta, &se),
            },
            notes,
        })
    }
}

/// MQLs under `q`'s lines (fast-tracks included, disqualified never).
fn count_mqls(fit: &Scores, int: &Scores, status: &[u8], q: &Qualification) -> u64 {
    (0..status.len())
        .filter(|&r| over_line(fit[r], int[r], status[r], q, false))
        .count() as u64
}

/// Mark the holdout rows: drawn at random, or the newest by create date.
fn split(d: &mut Design, o: &FitOptions, created: Option<&[i64]>) -> Result<(), LearnError> {
    match o.split {
        Split::Random => {
            for (h, &r) in d.holdout.iter_mut().zip(&d.rows) {
                *h = draw(o.seed, r) < o.holdout;
            }
        }
        Split::Time => {
            let created = created.ok_or_else(|| {
                LearnError::new("a time split needs a create date column: use a random split")
            })?;
            // Newest day first, ties in file order, undated leads last (they train): one key per
            // lead, the day above its position, sorted as the engine sorts whole numbers.
            const UNDATED: i64 = 1 << 22;
            let day = |i: usize| match created.get(d.rows[i] as usize) {
                Some(&t) if t != NO_DATE => (-t.div_euclid(86_400)).clamp(1 - UNDATED, UNDATED - 1),
                _ => UNDATED,
            };
            let mut keys: Vec<i64> = (0..d.rows.len()).map(|i| day(i) << 32 | i as i64).collect();
            keys.sort_unstable();
            let order: Vec<usize> = keys.iter().map(|k| (k & 0xFFFF_FFFF) as usize).collect();
            let dated = keys.iter().filter(|&&k| k >> 32 != UNDATED).count();
            let want = (o.holdout * d.rows.len() as f64).round() as usize;
            for &i in order.iter().take(want.min(dated)) {
                d.holdout[i] = true;
            }
        }
    }
    Ok(())
}
