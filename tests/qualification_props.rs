//! Properties every agreement keeps, on the sample data with random changes to the default
//! agreement: explanations add up, more points never lower a score, a higher line never adds an
//! MQL, and re-scoring step by step equals scoring from scratch.
#![cfg(not(target_arch = "wasm32"))]

use accord::agreement::Agreement;
use accord::Workbench;
use proptest::prelude::*;
use std::sync::OnceLock;

fn sample() -> &'static str {
    static CSV: OnceLock<String> = OnceLock::new();
    CSV.get_or_init(|| accord::sample::sample_csv(1_500, 3))
}

fn workbench(a: &Agreement) -> Workbench {
    let mut wb = Workbench::new();
    wb.set_agreement(a.clone());
    wb.load_csv(sample()).unwrap_or_else(|e| panic!("{e}"));
    wb
}

/// A change to the default agreement: (axis, group, rule, new points or per_unit, new cap).
#[derive(Debug, Clone)]
struct Edit {
    fit: bool,
    group: usize,
    rule: usize,
    value: f64,
    cap: Option<f64>,
}

fn edit() -> impl Strategy<Value = Edit> {
    (
        any::<bool>(),
        0usize..3,
        0usize..4,
        -40.0f64..60.0,
        proptest::option::of(0.0f64..60.0),
    )
        .prop_map(|(fit, group, rule, value, cap)| Edit {
            fit,
            group,
            rule,
            value: value.round(),
            cap: cap.map(f64::round),
        })
}

fn apply(a: &mut Agreement, e: &Edit) {
    let axis = if e.fit {
        &mut a.qualification.fit
    } else {
        &mut a.qualification.interest
    };
    let g = e.group % axis.groups.len();
    let group = &mut axis.groups[g];
    group.cap = e.cap;
    let r = e.rule % group.rules.len();
    let rule = &mut group.rules[r];
    if rule.per_unit.is_some() {
        rule.per_unit = Some(e.value.abs() / 10.0);
    } else {
        rule.points = Some(e.value);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn explanations_add_up_to_the_scores(edits in proptest::collection::vec(edit(), 0..4), rows in proptest::collection::vec(0usize..1_500, 8)) {
        let mut a = Agreement::default();
        for e in &edits {
            apply(&mut a, e);
        }
        let wb = workbench(&a);
        for &row in &rows {
            let x = wb.explain(row).ok_or_else(|| TestCaseError::fail("no explanation"))?;
            for (axis, scores) in [(&x.fit, wb.fit_scores()), (&x.interest, wb.interest_scores())] {
                prop_assert_eq!(axis.score, scores[row], "row {}", row);
                let mut raw = 0f32;
                for g in &axis.groups {
                    let mut total = 0f32;
                    for r in &g.rules {
                        total += r.points;
                        prop_assert!(r.matched || r.points == 0.0, "rule {} gave points without matching", r.id);
                    }
                    prop_assert_eq!(total, g.total);
                    raw += g.counted;
                }
                prop_assert_eq!(raw, axis.raw);
                prop_assert_eq!((raw.clamp(0.0, 100.0) * 100.0).round() / 100.0, axis.score);
            }
        }
    }

    #[test]
    fn more_points_never_lower_a_score(e in edit(), raise in 0.5f64..30.0) {
        let mut a = Agreement::default();
        apply(&mut a, &e);
        let mut wb = workbench(&a);
        let (fit0, int0) = (wb.fit_scores().to_vec(), wb.interest_scores().to_vec());
        let mut b = a.clone();
        let axis = if e.fit { &mut b.qualification.fit } else { &mut b.qualification.interest };
        let g = e.group % axis.groups.len();
        let r = e.rule % axis.groups[g].rules.len();
        let rule = &mut axis.groups[g].rules[r];
        match rule.per_unit {
            Some(p) => rule.per_unit = Some(p + raise / 10.0),
            None => rule.points = Some(rule.points.unwrap_or(0.0) + raise),
        }
        wb.set_agreement(b);
        for (before, after) in [(&fit0, wb.fit_scores()), (&int0, wb.interest_scores())] {
            for (row, (x, y)) in before.iter().zip(after).enumerate() {
                prop_assert!(y >= x, "row {}: {} → {}", row, x, y);
            }
        }
    }

    #[test]
    fn a_higher_line_never_adds_an_mql(fit in 0u8..=100, int in 0u8..=100, up_fit in 0u8..30, up_int in 0u8..30, combined in any::<bool>()) {
        let mut a = Agreement::default();
        if combined {
            a.qualification.thresholds.mode = accord::agreement::ThresholdMode::Combined;
            a.qualification.thresholds.combined = Some(accord::agreement::Combined {
                weights: accord::agreement::Line { fit: 0.6, interest: 0.4 },
                mql: f64::from(fit),
                sql: 100.0,
            });
        }
        a.qualification.thresholds.mql = accord::agreement::Line { fit: f64::from(fit), interest: f64::from(int) };
        let mut wb = workbench(&a);
        let before = wb.results().mqls;
        let mut b = a.clone();
        let up = |x: u8, d: u8| f64::from(x.saturating_add(d).min(100));
        b.qualification.thresholds.mql = accord::agreement::Line { fit: up(fit, up_fit), interest: up(int, up_int) };
        if let Some(c) = b.qualification.thresholds.combined.as_mut() {
            c.mql = up(fit, up_fit);
        }
        wb.set_agreement(b);
        prop_assert!(wb.results().mqls <= before);
    }

    #[test]
    fn step_by_step_equals_from_scratch(edits in proptest::collection::vec(edit(), 1..6)) {
        let mut a = Agreement::default();
        let mut wb = workbench(&a);
        for e in &edits {
            apply(&mut a, e);
            wb.set_agreement(a.clone());
        }
        let fresh = workbench(&a);
        prop_assert_eq!(wb.fit_scores(), fresh.fit_scores());
        prop_assert_eq!(wb.interest_scores(), fresh.interest_scores());
        prop_assert_eq!(wb.results(), fresh.results());
    }
}
