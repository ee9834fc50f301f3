//! Learning from outcomes: the evaluation on a fixture computed by hand, the threshold curve
//! and its suggestions against a brute-force count, and the data that has nothing to learn from.

use accord::learn::Target;
use accord::Workbench;

/// Fit = column F, interest = column I (1 point per unit, at most 100); "demo" is fast-tracked,
/// "rival" disqualified; MQL at fit 50 and interest 50; grades A/B and 1/2 at 50.
const AGREEMENT: &str = r#"{ "version": 2, "name": "hand", "locale": "en", "qualification": {
  "fit": { "groups": [ { "name": "F", "rules": [ { "id": "f", "field": "F", "per_unit": 1, "max": 100 } ] } ] },
  "interest": { "groups": [ { "name": "I", "rules": [ { "id": "i", "field": "I", "per_unit": 1, "max": 100 } ] } ] },
  "disqualify": [ { "id": "dq", "field": "Kind", "equals_any": ["rival"], "reason": "Competitor" } ],
  "fast_track": [ { "id": "ft", "field": "Kind", "equals_any": ["demo"] } ],
  "grades": { "fit": { "A": 50, "B": 0 }, "interest": { "1": 50, "2": 0 } },
  "thresholds": { "mode": "axes", "mql": { "fit": 50, "interest": 50 }, "sql": { "fit": 80, "interest": 80 } } } }"#;

/// Ten leads: eight ranked and closed (4 won, 4 lost, with ties), one disqualified win, one
/// open lead.
const LEADS: &str = "F,I,Kind,Outcome\n\
90,80,,Won\n\
70,60,,Lost\n\
70,60,,Won\n\
40,90,,Lost\n\
30,20,,Won\n\
20,10,,Lost\n\
10,10,demo,Won\n\
95,95,rival,Won\n\
60,60,,Open\n\
50,50,,Lost\n";

fn workbench(agreement: &str, leads: &str) -> Workbench {
    let mut wb = Workbench::new();
    wb.set_agreement_json(agreement).unwrap();
    wb.load_csv(leads).unwrap();
    wb
}

fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-9, "{a} != {b}");
}

#[test]
fn evaluation_figures_match_a_hand_count() {
    let wb = workbench(AGREEMENT, LEADS);
    let e = wb.evaluation().unwrap();
    assert_eq!((e.won, e.lost, e.open), (5, 4, 1));
    assert_eq!((e.disqualified.hits, e.disqualified.of), (1, 1));
    assert_eq!(e.combined_is, "mean");
    // Pairs (won, lost) where the won lead scores higher, ties counted half, of 4 × 4.
    // Fit: won 90, 70, 30, 10 against lost 70, 40, 20, 50: 4 + 3.5 + 1 + 0.
    close(e.auc.fit.value.unwrap(), 8.5 / 16.0);
    // Interest: won 80, 60, 20, 10 against lost 60, 90, 10, 50: 3 + 2.5 + 1 + 0.5.
    close(e.auc.interest.value.unwrap(), 7.0 / 16.0);
    // Mean: won 85, 65, 25, 10 against lost 65, 65, 15, 50: 4 + 3 + 1 + 0.
    close(e.auc.combined.value.unwrap(), 8.0 / 16.0);
    assert_eq!((e.auc.combined.won, e.auc.combined.lost), (4, 4));

    // MQLs among closed leads: rows 1, 3 and the fast-track won; rows 2 and 10 lost. The
    // disqualified win and row 5 were missed; rows 4 and 6 rightly left out.
    let m = e.mql;
    assert_eq!(
        (m.true_pos, m.false_pos, m.false_neg, m.true_neg),
        (3, 2, 2, 2)
    );
    close(m.precision.rate.unwrap(), 0.6);
    close(m.recall.rate.unwrap(), 0.6);
    close(m.f1.unwrap(), 0.6);
    // Wilson 95 % for 3 of 5: (0.2307, 0.8824).
    assert!((m.precision.low.unwrap() - 0.2307).abs() < 1e-4);
    assert!((m.precision.high.unwrap() - 0.8824).abs() < 1e-4);

    // Gains: means 85 | 65 65 65 | 50 | 25 | 15 | 10 over 8 leads; a run of ties stays in the
    // decile where its first lead falls (position × 10 ÷ 8).
    let g = &e.gains;
    assert_eq!(g.len(), 10);
    let leads: Vec<u64> = g.iter().map(|d| d.rate.of).collect();
    assert_eq!(leads, [1, 3, 0, 0, 0, 1, 1, 1, 1, 0]);
    let won: Vec<u64> = g.iter().map(|d| d.rate.hits).collect();
    assert_eq!(won, [1, 1, 0, 0, 0, 0, 1, 0, 1, 0]);
    close(e.base_rate.rate.unwrap(), 0.5);
    close(g[0].lift.unwrap(), 2.0);
    close(g[1].lift.unwrap(), 2.0 / 3.0);
    assert_eq!(g[2].lift, None);
    close(g[1].cumulative_won_share.unwrap(), 0.5);
    close(g[6].cumulative_won_share.unwrap(), 0.75);
    close(g[9].cumulative_won_share.unwrap(), 1.0);
    assert_eq!((g[1].min_score, g[1].max_score), (Some(65.0), Some(65.0)));

    // Calibration in bands of 10: 10 and 15 share the band 10–20.
    let c = &e.calibration;
    assert_eq!(c.len(), 10);
    assert_eq!(
        (c[1].from, c[1].to, c[1].rate.hits, c[1].rate.of),
        (10, 20, 1, 2)
    );
    assert_eq!((c[6].rate.hits, c[6].rate.of), (1, 3));
    assert_eq!((c[8].rate.hits, c[8].rate.of), (1, 1));

    // Grades and cells (fast-tracked leads in, disqualified out).
    let rates = |v: &[accord::learn::evaluate::GradeRate]| -> Vec<(String, u64, u64)> {
        v.iter()
            .map(|g| (g.grade.clone(), g.rate.hits, g.rate.of))
            .collect()
    };
    let s = |x: &str| x.to_string();
    assert_eq!(rates(&e.by_fit_grade), [(s("A"), 2, 4), (s("B"), 2, 4)]);
    assert_eq!(
        rates(&e.by_interest_grade),
        [(s("1"), 2, 5), (s("2"), 2, 3)]
    );
    assert_eq!(
        rates(&e.by_cell),
        [
            (s("A1"), 2, 4),
            (s("A2"), 0, 0),
            (s("B1"), 0, 1),
            (s("B2"), 2, 3)
        ]
    );
}

#[test]
fn combined_mode_ranks_by_the_weighted_score() {
    let a = AGREEMENT.replace(
        r#""mode": "axes","#,
        r#""mode": "combined", "combined": { "weights": { "fit": 1, "interest": 0 }, "mql": 50, "sql": 80 },"#,
    );
    let wb = workbench(&a, LEADS);
    let e = wb.evaluation().unwrap();
    assert_eq!(e.combined_is, "weighted");
    // All the weight on fit: the combined AUC is the fit AUC.
    close(e.auc.combined.value.unwrap(), e.auc.fit.value.unwrap());
    let c = wb.threshold_curve().unwrap();
    assert_eq!(c.current.combined, Some(50));
    assert!(c
        .points
        .iter()
        .all(|p| p.fit.is_none() && p.combined.is_some()));
    // Fit ≥ 50 (rows 1, 2, 3, 9, 10) and the fast-track.
    assert_eq!((c.current.mqls, c.current.won, c.current.lost), (6, 3, 2));
}

#[test]
fn the_curve_is_the_pareto_frontier_of_every_pair_of_lines() {
    let wb = workbench(AGREEMENT, LEADS);
    let c = wb.threshold_curve().unwrap();
    assert_eq!(c.won, 5);
    assert_eq!(c.months, None);
    assert!(c.per_month_note.is_some());
    let cur = c.current;
    assert_eq!((cur.fit, cur.interest), (Some(50), Some(50)));
    // Rows 1, 2, 3, 9 (open) and 10 over the lines, and the fast-track.
    assert_eq!((cur.mqls, cur.won, cur.lost), (6, 3, 2));
    close(cur.precision.unwrap(), 0.6);
    close(cur.recall.unwrap(), 0.6);
    frontier_is_exact(&wb, &c);
}

/// Won (1), lost (2) or open (0) per lead, read from the "Outcome" cell as the export wrote it.
fn outcomes(wb: &Workbench) -> Vec<u8> {
    (0..wb.rows())
        .map(|r| {
            let rec = wb.lead_record(r).unwrap();
            match rec
                .iter()
                .find(|(h, _)| h == "Outcome")
                .map(|(_, v)| v.as_str())
            {
                Some("Won") => 1,
                Some("Lost") => 2,
                _ => 0,
            }
        })
        .collect()
}

/// Along the frontier MQLs and wins both grow; every frontier point's counts are what the rows
/// give at its lines; and no pair of lines on a grid (counted from the rows) captures more wins
/// with no more MQLs than the frontier offers.
fn frontier_is_exact(wb: &Workbench, c: &accord::learn::Curve) {
    use accord::score::{FAST_TRACK, NORMAL};
    for w in c.points.windows(2) {
        assert!(w[1].mqls > w[0].mqls && w[1].won > w[0].won, "{w:?}");
    }
    let (fit, int, st) = (wb.fit_scores(), wb.interest_scores(), wb.status());
    let out = outcomes(wb);
    let count = |f: u32, i: u32| {
        let (mut m, mut w) = (0u64, 0u64);
        for r in 0..fit.len() {
            let over = fit[r] >= f as f32 && int[r] >= i as f32;
            if st[r] == FAST_TRACK || (st[r] == NORMAL && over) {
                m += 1;
                w += (out[r] == 1) as u64;
            }
        }
        (m, w)
    };
    for p in &c.points {
        assert_eq!(count(p.fit.unwrap(), p.interest.unwrap()), (p.mqls, p.won));
    }
    for f in (0..=100).step_by(5) {
        for i in (0..=100).step_by(5) {
            let (m, w) = count(f, i);
            let best = c.points.iter().filter(|p| p.mqls <= m).map(|p| p.won).max();
            assert!(best.unwrap_or(0) >= w, "lines {f}/{i}: {m} MQLs, {w} won");
        }
    }
}

#[test]
fn suggestions_meet_their_targets() {
    let mut wb = Workbench::new();
    wb.load_csv(&accord::sample::sample_csv(4000, 3)).unwrap();
    let c = wb.threshold_curve().unwrap();
    let months = c.months.unwrap();
    assert!(months > 6.0, "{months}");
    assert!(c.points.len() > 10);
    frontier_is_exact(&wb, &c);
    let budget = 40.0;
    let s = wb.suggest_thresholds(Target::MqlsPerMonth(budget)).unwrap();
    assert!(s.point.mqls_per_month.unwrap() <= budget);
    // No frontier point under the budget captures more.
    assert!(c
        .points
        .iter()
        .filter(|p| p.mqls_per_month.unwrap() <= budget)
        .all(|p| p.won <= s.point.won));
    let s = wb.suggest_thresholds(Target::Precision(0.2)).unwrap();
    assert!(s.point.precision.unwrap() >= 0.2);
    assert!(c
        .points
        .iter()
        .filter(|p| p.precision.unwrap_or(0.0) >= 0.2)
        .all(|p| p.won <= s.point.won));
    let s = wb.suggest_thresholds(Target::Recall(0.7)).unwrap();
    assert!(s.point.recall.unwrap() >= 0.7);
    assert!(c
        .points
        .iter()
        .filter(|p| p.recall.unwrap_or(0.0) >= 0.7)
        .all(|p| p.mqls >= s.point.mqls));
    assert_eq!(s.current, c.current);
    // Out of reach, or not a target.
    assert!(wb.suggest_thresholds(Target::Precision(1.0)).is_none());
    assert!(wb.suggest_thresholds(Target::Recall(1.5)).is_none());
    assert!(wb.suggest_thresholds(Target::MqlsPerMonth(0.001)).is_none());
    assert_eq!(
        Target::from_json(r#"{"mqlsPerMonth": 120}"#).unwrap(),
        Target::MqlsPerMonth(120.0)
    );
    assert!(Target::from_json(r#"{"precision": 2}"#).is_err());
    assert!(Target::from_json(r#"{"recal": 0.5}"#).is_err());
    assert!(Target::from_json(r#"{"recall": 0.5, "precision": 0.5}"#).is_err());
}

#[test]
fn no_outcome_all_won_all_lost_and_one_row_do_not_panic() {
    let wb = workbench(AGREEMENT, "F,I\n10,20\n30,40\n");
    assert!(wb.evaluation().is_none());
    assert!(wb.threshold_curve().is_none());
    assert!(wb.suggest_thresholds(Target::Recall(0.5)).is_none());
    assert!(Workbench::new().evaluation().is_none());
    assert!(Workbench::new().threshold_curve().is_none());

    for outcome in ["Won", "Lost"] {
        let leads = format!("F,I,Outcome\n10,20,{outcome}\n60,70,{outcome}\n");
        let wb = workbench(AGREEMENT, &leads);
        let e = wb.evaluation().unwrap();
        assert_eq!(e.auc.combined.value, None);
        assert_eq!(e.gains.len(), 10);
        let c = wb.threshold_curve().unwrap();
        assert!(!c.points.is_empty());
        let _ = wb.suggest_thresholds(Target::Precision(0.5));
        let _ = wb.suggest_thresholds(Target::Recall(0.5));
    }
    let wb = workbench(AGREEMENT, "F,I,Outcome\n10,20,Won\n");
    let e = wb.evaluation().unwrap();
    assert_eq!((e.won, e.lost), (1, 0));
    assert_eq!(e.mql.precision.rate, None);
    let c = wb.threshold_curve().unwrap();
    assert_eq!(c.points.last().unwrap().won, 1);
    let wb = workbench(AGREEMENT, "F,I,Outcome\n10,20,Open\n");
    let e = wb.evaluation().unwrap();
    assert_eq!((e.won, e.lost, e.open), (0, 0, 1));
    assert!(e.gains.iter().all(|d| d.rate.of == 0));
}

// --- Fitting weights ----------------------------------------------------------------------

use accord::learn::{FitOptions, Split};

/// "Strong" triples the odds of winning many times over, "Bad" cuts them, "Useless" does
/// nothing, "Rare" holds for 1 lead in 500; visits help a little. The agreement gives all four
/// flags points (Bad and Useless as much as Strong).
const GENERATED_AGREEMENT: &str = r#"{ "version": 2, "name": "generated", "locale": "en", "qualification": {
  "fit": { "groups": [ { "name": "Traits", "cap": 60, "rules": [
      { "id": "strong", "field": "Strong", "is": true, "points": 30 },
      { "id": "useless", "field": "Useless", "is": true, "points": 30 },
      { "id": "bad", "field": "Bad", "is": true, "points": 20 },
      { "id": "rare", "field": "Rare", "is": true, "points": 10 } ] } ] },
  "interest": { "groups": [ { "name": "Web", "rules": [
      { "id": "visits", "field": "Visits", "per_unit": 5, "max": 100 } ] } ] },
  "grades": { "fit": { "A": 50, "B": 0 }, "interest": { "1": 50, "2": 0 } },
  "thresholds": { "mode": "axes", "mql": { "fit": 30, "interest": 25 }, "sql": { "fit": 60, "interest": 60 } } } }"#;

fn generated(n: usize, seed: u64) -> String {
    let mut s = seed
        .wrapping_mul(2_862_933_555_777_941_757)
        .wrapping_add(3_037_000_493);
    let mut next = move || {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        (s >> 11) as f64 / (1u64 << 53) as f64
    };
    let yn = |b: bool| if b { "Yes" } else { "No" };
    let mut out = String::from("Strong,Useless,Bad,Rare,Visits,Create Date,Outcome\n");
    for i in 0..n {
        let (strong, useless, bad, rare) =
            (next() < 0.3, next() < 0.5, next() < 0.25, next() < 0.002);
        let visits = (next() * 20.0) as u32;
        let eta = -2.0 + 2.5 * strong as u8 as f64 - 1.5 * bad as u8 as f64 + 0.1 * visits as f64;
        let won = next() < 1.0 / (1.0 + (-eta).exp());
        let day = 1 + (i * 365 / n.max(1));
        out.push_str(&format!(
            "{},{},{},{},{visits},2026-{:02}-{:02},{}\n",
            yn(strong),
            yn(useless),
            yn(bad),
            yn(rare),
            1 + (day - 1) / 31 % 12,
            1 + (day - 1) % 28,
            if won { "Won" } else { "Lost" }
        ));
    }
    out
}

#[test]
fn the_fit_finds_the_strong_rule_and_flags_the_useless_and_the_wrong_way() {
    let mut wb = workbench(GENERATED_AGREEMENT, &generated(8000, 5));
    let opts = FitOptions {
        candidates: false,
        ..FitOptions::default()
    };
    let r = wb.fit(&opts).unwrap();
    assert!(r.converged);
    let coef = |id: &str| r.features.iter().find(|f| f.id == id).unwrap().coefficient;
    assert!((coef("strong") - 2.5).abs() < 0.3, "{}", coef("strong"));
    assert!(coef("useless").abs() < 0.2, "{}", coef("useless"));
    assert!((coef("bad") + 1.5).abs() < 0.3, "{}", coef("bad"));
    let flag = |id: &str| r.flags.iter().find(|f| f.id == id).map(|f| f.kind);
    assert_eq!(flag("strong"), None);
    assert_eq!(flag("useless"), Some("no_effect"));
    assert_eq!(flag("bad"), Some("wrong_way"));
    assert_eq!(flag("rare"), Some("rare"));
    assert_eq!(flag("visits"), None);
    assert!(r.flags.iter().all(|f| !f.text.is_empty()));

    // Points back on the 0–100 axes: the strong rule leads the fit axis, which sums to 100 at
    // best; the bad rule now takes points off.
    let (a, notes) = accord::Agreement::parse(&r.suggested_agreement).unwrap();
    assert!(notes.is_empty());
    let fit = &a.qualification.fit.groups[0];
    let points = |id: &str| {
        fit.rules
            .iter()
            .find(|x| x.id == id)
            .unwrap()
            .points
            .unwrap()
    };
    assert_eq!(
        fit.rules
            .iter()
            .map(|x| x.points.unwrap().max(0.0))
            .sum::<f64>(),
        100.0
    );
    assert!(points("strong") > 80.0);
    assert!(points("bad") < 0.0);
    assert!(points("useless").abs() <= 5.0);
    // The cap is the larger of the group's gains and losses: it cuts nothing the fit found.
    let neg: f64 = fit
        .rules
        .iter()
        .map(|x| (-x.points.unwrap()).max(0.0))
        .sum();
    assert_eq!(fit.cap, Some(100f64.max(neg)));
    let visits = &a.qualification.interest.groups[0].rules[0];
    assert_eq!(visits.max, Some(100.0));
    assert!(a.warnings().is_empty(), "{:?}", a.warnings());
    assert!(r.auc.suggested.unwrap() > r.auc.current.unwrap());
}

#[test]
fn the_same_seed_gives_the_same_fit_bit_for_bit() {
    let run = |seed: u64| {
        let mut wb = Workbench::new();
        wb.load_csv(&accord::sample::sample_csv(3000, 8)).unwrap();
        let r = wb
            .fit(&FitOptions {
                seed,
                ..FitOptions::default()
            })
            .unwrap();
        serde_json::to_string(&r).unwrap()
    };
    assert_eq!(run(7), run(7));
    assert_ne!(run(7), run(8));
}

#[test]
fn the_suggested_agreement_scores_as_reported_and_ranks_better_on_the_sample() {
    let mut wb = Workbench::new();
    wb.load_csv(&accord::sample::sample_csv(20_000, 42))
        .unwrap();
    let mut job = wb.fit_begin(&FitOptions::default()).unwrap();
    let mut last = 0.0;
    while !job.done() {
        let p = job.step(1);
        assert!(p >= last && p <= 1.0);
        last = p;
    }
    assert_eq!(job.progress(), 1.0);
    let r = wb.fit_result(&job).unwrap();
    let (auc_now, auc_new) = (r.auc.current.unwrap(), r.auc.suggested.unwrap());
    assert!(
        auc_new >= auc_now,
        "suggested {auc_new} < current {auc_now}"
    );
    assert!(r.auc.model.unwrap() >= auc_new - 0.01);
    assert!(r.features.iter().any(|f| f.candidate));
    assert!(r.features.len() <= accord::learn::features::MAX_FEATURES);
    assert_eq!(
        r.train.leads + r.holdout.leads,
        job.design.rows.len() as u64
    );
    let share = r.holdout.leads as f64 / job.design.rows.len() as f64;
    assert!((share - 0.3).abs() < 0.02, "{share}");

    // Applied, the engine scores it exactly as the fit reported: same holdout AUC, same MQLs.
    let before = wb.results().mqls;
    assert_eq!(r.mqls.current, before);
    wb.set_agreement_json(&r.suggested_agreement).unwrap();
    let (fit, int) = (wb.fit_scores(), wb.interest_scores());
    let d = &job.design;
    let held: Vec<usize> = (0..d.rows.len()).filter(|&i| d.holdout[i]).collect();
    let scores: Vec<f64> = held
        .iter()
        .map(|&i| {
            // The mean of fit and interest, in exact hundredths (as the engine ranks leads).
            let r = d.rows[i] as usize;
            ((fit[r] * 100.0).round() + (int[r] * 100.0).round()) as f64
        })
        .collect();
    let won: Vec<bool> = held.iter().map(|&i| d.won[i]).collect();
    let again = accord::learn::auc(&scores, &won).unwrap();
    assert!((again - auc_new).abs() < 1e-9, "{again} vs {auc_new}");
    assert_eq!(wb.results().mqls, r.mqls.suggested);
    // Candidates became rules of a "Suggested" group with proper conditions.
    let a = wb.agreement();
    let g = a
        .qualification
        .fit
        .groups
        .iter()
        .find(|g| g.name == "Suggested")
        .unwrap();
    assert!(g.rules.iter().all(|x| x.equals_any.is_some()
        || x.between.is_some()
        || x.at_least.is_some()
        || x.contains_any.is_some()
        || x.is.is_some()));
    assert!(a.name.ends_with("(suggested)"));

    // The data changed: the old job no longer applies.
    wb.load_csv(&accord::sample::sample_csv(100, 1)).unwrap();
    assert!(wb.fit_result(&job).is_err());
}

#[test]
fn a_time_split_holds_out_the_newest_leads() {
    let mut wb = workbench(GENERATED_AGREEMENT, &generated(3000, 9));
    let opts = FitOptions {
        split: Split::Time,
        holdout: 0.25,
        ..FitOptions::default()
    };
    let job = wb.fit_begin(&opts).unwrap();
    let d = &job.design;
    let day = |i: usize| -> String {
        let rec = wb.lead_record(d.rows[i] as usize).unwrap();
        rec.into_iter().find(|(h, _)| h == "Create Date").unwrap().1
    };
    let newest_train = (0..d.rows.len()).filter(|&i| !d.holdout[i]).map(day).max();
    let oldest_held = (0..d.rows.len()).filter(|&i| d.holdout[i]).map(day).min();
    assert!(
        newest_train <= oldest_held,
        "{newest_train:?} > {oldest_held:?}"
    );
    assert_eq!(d.holdout.iter().filter(|&&h| h).count(), 750);
    let r = wb.fit_result(&job).unwrap();
    assert_eq!(r.split, Split::Time);
    // Without a create date there is no time split.
    let mut wb = workbench(AGREEMENT, LEADS);
    assert!(wb.fit_begin(&opts).is_err());
}

#[test]
fn fits_without_enough_data_fail_with_a_message_and_an_empty_holdout_has_no_auc() {
    let opts = FitOptions::default();
    let mut wb = workbench(AGREEMENT, "F,I\n10,20\n30,40\n");
    assert!(wb.fit_begin(&opts).err().unwrap().0.contains("outcome"));
    assert!(Workbench::new().fit_begin(&opts).is_err());
    for leads in [
        "F,I,Outcome\n10,20,Won\n60,70,Won\n",
        "F,I,Outcome\n10,20,Lost\n60,70,Lost\n",
        "F,I,Outcome\n10,20,Won\n",
        "F,I,Outcome\n10,20,Open\n",
    ] {
        let mut wb = workbench(AGREEMENT, leads);
        let e = wb.fit_begin(&opts).err().unwrap();
        assert!(e.0.contains("both won and lost"), "{e}");
    }
    let mut wb = workbench(GENERATED_AGREEMENT, &generated(500, 2));
    let r = wb
        .fit(&FitOptions {
            holdout: 0.0,
            ..opts.clone()
        })
        .unwrap();
    assert_eq!(r.holdout.leads, 0);
    assert_eq!(
        (r.auc.model, r.auc.current, r.auc.suggested),
        (None, None, None)
    );
    assert!(!r.notes.is_empty());
    for bad in [
        FitOptions {
            holdout: 1.0,
            ..opts.clone()
        },
        FitOptions {
            l2: 0.0,
            ..opts.clone()
        },
    ] {
        assert!(wb.fit_begin(&bad).is_err());
    }
    let o = FitOptions::from_json(
        r#"{"holdout": 0.2, "split": "time", "seed": 3, "l2": 2, "candidates": false, "exclude": ["Owner"]}"#,
    )
    .unwrap();
    assert_eq!(
        (o.holdout, o.split, o.seed, o.l2),
        (0.2, Split::Time, 3, 2.0)
    );
    assert_eq!(
        (o.candidates, o.exclude),
        (false, vec!["Owner".to_string()])
    );
    assert_eq!(FitOptions::from_json("{}").unwrap(), FitOptions::default());
    for bad in [
        r#"{"holdout": 2}"#,
        r#"{"split": "sideways"}"#,
        r#"{"seeds": 1}"#,
        "[1]",
    ] {
        assert!(FitOptions::from_json(bad).is_err(), "{bad}");
    }
}

/// The agreement can say which values of the outcome column are won and lost: an export whose
/// deal stage reads "Signed" / "Dropped" / "Negotiation" is measured once it does.
#[test]
fn the_agreement_names_what_counts_as_won() {
    let csv = "Email,Job Title,Outcome\na@x.io,CEO,Signed\nb@x.io,Intern,Dropped\nc@x.io,CTO,signed\nd@x.io,Analyst,Negotiation\ne@x.io,VP,\n";
    let mut wb = Workbench::new();
    wb.load_csv(csv).unwrap();
    // Unknown words: nothing is known won or lost.
    assert!(wb.evaluation().is_none_or(|e| e.won == 0 && e.lost == 0));
    let mut a: serde_json::Value = serde_json::from_str(&wb.agreement().to_json()).unwrap();
    a["outcome"] = serde_json::json!({ "won": ["Signed"] });
    wb.set_agreement_json(&a.to_string()).unwrap();
    let e = wb.evaluation().unwrap();
    // Won: both "Signed" (any case); every other value lost; the empty cell open.
    assert_eq!((e.won, e.lost, e.open), (2, 2, 1));
    a["outcome"] = serde_json::json!({ "won": ["signed"], "lost": ["dropped"] });
    wb.set_agreement_json(&a.to_string()).unwrap();
    let e = wb.evaluation().unwrap();
    assert_eq!(
        (e.won, e.lost, e.open),
        (2, 1, 2),
        "Negotiation is still open"
    );
    // Checked: lost without won, or a value on both sides.
    a["outcome"] = serde_json::json!({ "lost": ["dropped"] });
    let err = wb.set_agreement_json(&a.to_string()).unwrap_err();
    assert_eq!(err.path, "outcome.won");
    a["outcome"] = serde_json::json!({ "won": ["Signed"], "lost": ["SIGNED"] });
    assert_eq!(
        wb.set_agreement_json(&a.to_string()).unwrap_err().path,
        "outcome.lost"
    );
}

#[test]
fn in_combined_mode_the_suggested_weights_rank_as_the_model_does() {
    let a = GENERATED_AGREEMENT.replace(
        r#""mode": "axes","#,
        r#""mode": "combined", "combined": { "weights": { "fit": 0.5, "interest": 0.5 }, "mql": 40, "sql": 60 },"#,
    );
    let mut wb = workbench(&a, &generated(6000, 11));
    let r = wb.fit(&FitOptions::default()).unwrap();
    let (s, _) = accord::Agreement::parse(&r.suggested_agreement).unwrap();
    let w = s.qualification.thresholds.combined.unwrap().weights;
    assert!((w.fit + w.interest - 1.0).abs() < 1e-9);
    // Each axis weighs its share of the positive coefficients, so that one point is worth the
    // same log-odds on both axes.
    let gains = |axis: accord::score::AxisName| -> f64 {
        r.features
            .iter()
            .filter(|f| f.axis == axis)
            .map(|f| f.coefficient.max(0.0))
            .sum()
    };
    let (bf, bi) = (
        gains(accord::score::AxisName::Fit),
        gains(accord::score::AxisName::Interest),
    );
    assert!((w.fit - bf / (bf + bi)).abs() <= 0.005 + 1e-12, "{w:?}");
    // The weighted score is the model's log-odds up to whole points and the floor at 0 (leads
    // whose "bad" trait outweighs the rest all score 0 on fit).
    let (model, current, suggested) = (
        r.auc.model.unwrap(),
        r.auc.current.unwrap(),
        r.auc.suggested.unwrap(),
    );
    assert!(suggested > current, "{suggested} vs {current}");
    assert!(model - suggested < 0.05, "{model} vs {suggested}");
    assert_eq!(wb.evaluation().unwrap().combined_is, "weighted");
}
