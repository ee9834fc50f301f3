//! `accord learn`: measure the agreement against the outcomes and fit points to them.

use super::{Fail, Opts};
use std::time::Instant;

/// `accord learn`: the evaluation, the curve's current point and the fit, as JSON.
pub fn learn(o: &Opts) -> Result<(), Fail> {
    let mut wb = super::load(o, "learn")?;
    let mut opts = accord::learn::FitOptions::default();
    if let Some(h) = o.get("holdout") {
        opts.holdout = h
            .parse()
            .map_err(|_| format!("--holdout must be a share such as 0.3, not \"{h}\""))?;
    }
    if let Some(l) = o.get("l2") {
        opts.l2 = l
            .parse()
            .map_err(|_| format!("--l2 must be a number, not \"{l}\""))?;
    }
    opts.seed = o.number("seed", opts.seed)?;
    opts.split = match o.get("split") {
        None | Some("random") => accord::learn::Split::Random,
        Some("time") => accord::learn::Split::Time,
        Some(x) => {
            return Err(Fail::usage(format!(
                "--split is random or time, not \"{x}\""
            )))
        }
    };
    opts.candidates = !matches!(o.get("candidates"), Some("no" | "false" | "0"));
    let t = Instant::now();
    let mut job = wb.fit_begin(&opts).map_err(Fail::problems)?;
    let features_ms = ms(t);
    let t = Instant::now();
    while !job.done() {
        job.step(1);
    }
    let newton_ms = ms(t);
    if let Some(path) = o.get("features") {
        std::fs::write(path, job.design_csv()).map_err(|e| Fail::io(path, e))?;
    }
    let t = Instant::now();
    let fit = wb.fit_result(&job).map_err(Fail::problems)?;
    let result_ms = ms(t);
    let out = serde_json::json!({
        "evaluation": wb.evaluation(),
        "curve": wb.threshold_curve().map(|c| serde_json::json!({
            "months": c.months, "current": c.current, "frontierPoints": c.points.len()
        })),
        "fit": fit,
        "timing": { "featuresMs": features_ms, "newtonMs": newton_ms, "resultMs": result_ms },
    });
    super::print_json(&out)
}

/// Milliseconds since `t`.
pub fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}
