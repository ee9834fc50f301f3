//! Engine behaviour end to end, natively: load, score, thresholds, matrix, bad input.

use accord::agreement::Agreement;
use accord::Workbench;

const CSV: &str = "Email,Job Title,Company Size,Industry,Page Views,Sessions,Form Submissions,Email Clicks,Recent Conversion,Outcome\n\
ana@acme.io,VP Marketing,350,Software,30,6,3,0,Demo request,Won\n\
bob@gmail.com,Marketing Intern,5,Education,1,1,0,1,,Lost\n\
cy@corp.fr,Directrice commerciale,51-200,Manufacturing,12,3,1,2,Ebook download,Open\n\
dan@big.com,Head of IT,10000+,Retail,0,0,0,0,,Lost\n";

fn loaded() -> Workbench {
    let mut wb = Workbench::new();
    wb.load_csv(CSV).unwrap();
    wb
}

/// MQLs counted lead by lead: fast-tracked, or not disqualified and over both lines.
fn direct_count(wb: &Workbench, fit: f32, interest: f32) -> u64 {
    let st = wb.status();
    (0..wb.rows())
        .filter(|&r| {
            st[r] == accord::score::FAST_TRACK
                || st[r] == accord::score::NORMAL
                    && wb.fit_scores()[r] >= fit
                    && wb.interest_scores()[r] >= interest
        })
        .count() as u64
}

#[test]
fn scores_follow_the_default_rules() {
    let wb = loaded();
    let (fit, interest) = (wb.fit_scores(), wb.interest_scores());
    // The best fit is min(45, 55) + min(35, 70) + min(20, 20) = 100 raw points.
    // VP at a 350-person software company: persona 35 + company 35 + industry 20.
    assert_eq!(fit[0], 90.0);
    // Intern at a 5-person school: negative points clamp to 0.
    assert_eq!(fit[1], 0.0);
    // "Directrice" matches on a word, accent- and case-insensitively; 51-200 overlaps 50-199.
    assert_eq!(fit[2], 35.0 + 15.0 + 20.0);
    // "10000+" is a band at least 5001.
    assert_eq!(fit[3], 35.0 + 20.0);
    // Interest for the VP: web min(30·1,20)+min(6·3,15)=35 (cap 35), forms min(24,24)+demo 40 → cap 50.
    assert_eq!(interest[0], 85.0);
    assert!(fit
        .iter()
        .chain(interest)
        .all(|s| (0.0..=100.0).contains(s)));
}

#[test]
fn results_count_leads_mqls_and_outcomes() {
    let wb = loaded();
    let r = wb.results();
    assert_eq!(r.leads, 4);
    assert_eq!(r.mqls, direct_count(&wb, 50.0, 40.0));
    // SQLs ask the SQL line of every lead that is not disqualified, fast-tracked or not.
    let st = wb.status();
    let sqls = (0..wb.rows())
        .filter(|&r| {
            st[r] != accord::score::DISQUALIFIED
                && wb.fit_scores()[r] >= 65.0
                && wb.interest_scores()[r] >= 60.0
        })
        .count() as u64;
    assert_eq!(r.sqls, sqls);
    assert_eq!(r.matrix.counts.iter().flatten().sum::<u64>(), 4);
    assert_eq!(r.matrix.fit_grades, ["A", "B", "C", "D"]);
    assert_eq!(r.matrix.interest_grades, ["1", "2", "3", "4"]);
    // The VP is A1 and won.
    assert_eq!(r.matrix.counts[0][0], 1);
    assert_eq!(r.matrix.won[0][0], 1);
    assert_eq!(r.matrix.win_rate[0][0], Some(1.0));
    let o = r.outcome.expect("Outcome column detected");
    assert_eq!((o.won, o.lost, o.open), (1, 2, 1));
    assert_eq!(o.mql_won, 1);
    assert_eq!(o.won_captured, Some(1.0));
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
}

#[test]
fn threshold_moves_do_not_rescore_and_match_a_direct_count() {
    let mut wb = Workbench::new();
    wb.load_csv(&accord::sample::sample_csv(3_000, 11)).unwrap();
    let generation = wb.scorer().generation();
    let mut a = wb.agreement().clone();
    let mut seed = 12345u64;
    for _ in 0..60 {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let f = (seed >> 33) % 101;
        let i = (seed >> 17) % 101;
        a.qualification.thresholds.mql.fit = f as f64;
        a.qualification.thresholds.mql.interest = i as f64;
        wb.set_agreement(a.clone());
        assert_eq!(
            wb.results().mqls,
            direct_count(&wb, f as f32, i as f32),
            "thresholds {f}/{i}"
        );
    }
    assert_eq!(
        wb.scorer().generation(),
        generation,
        "no re-scoring for threshold moves"
    );
}

#[test]
fn a_points_change_reweights_cached_matches() {
    let mut wb = loaded();
    let cached = wb.scorer().cached_matches();
    assert!(cached > 0);
    let before = wb.fit_scores().to_vec();
    let mut a = wb.agreement().clone();
    a.qualification.fit.groups[2].rules[0].points = Some(5.0); // target industry 20 → 5
    wb.set_agreement(a);
    assert_eq!(
        wb.scorer().cached_matches(),
        cached,
        "no new evaluation for a points change"
    );
    assert_ne!(wb.fit_scores(), &before[..]);
}

#[test]
fn sample_data_separates_good_leads_from_bad() {
    let mut wb = Workbench::new();
    let s = wb
        .load_csv(&accord::sample::sample_csv(20_000, 42))
        .unwrap()
        .clone();
    assert_eq!(s.rows, 20_000);
    assert_eq!(s.skipped_rows, 0, "{:?}", s.diagnostics);
    for f in [
        "email",
        "job_title",
        "company_size",
        "industry",
        "page_views",
        "form_submissions",
        "recent_conversion",
        "outcome",
    ] {
        assert!(
            s.columns.iter().any(|c| c.field.as_deref() == Some(f)),
            "sample column for {f}"
        );
    }
    let r = wb.results();
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    let o = r.outcome.unwrap();
    let (mql_rate, base) = (o.mql_win_rate.unwrap(), o.base_win_rate.unwrap());
    assert!(
        mql_rate > 1.5 * base,
        "MQLs should win clearly more often: {mql_rate} vs {base}"
    );
    // A1 wins more often than D4.
    let m = &r.matrix;
    let a1 = m.win_rate[0][0].unwrap();
    let d4 = m.win_rate[3][3].unwrap();
    assert!(a1 > 2.0 * d4, "A1 {a1} vs D4 {d4}");
}

#[test]
fn bad_input_keeps_the_previous_data() {
    let mut wb = loaded();
    assert!(wb.load_csv("").is_err());
    assert!(wb.load_csv("only,a,header\n").is_err());
    assert!(wb
        .load_csv("a paragraph of text\nwith no commas\n")
        .is_err());
    assert_eq!(wb.rows(), 4);
    assert_eq!(wb.results().leads, 4);

    let before = wb.agreement().clone();
    let e = wb
        .set_agreement_json(r#"{"version": 1, "qualification": {}}"#)
        .unwrap_err();
    assert!(e.path.starts_with("qualification"), "{e}");
    assert_eq!(wb.agreement(), &before);
}

#[test]
fn missing_columns_are_warned_not_fatal() {
    let mut wb = Workbench::new();
    wb.load_csv("Email,Page Views\na@b.io,3\n").unwrap();
    let r = wb.results();
    assert_eq!(r.leads, 1);
    assert!(
        r.warnings.iter().any(|w| w.contains("job_title")),
        "{:?}",
        r.warnings
    );
    let stat = r.rules.iter().find(|s| s.id == "page-views").unwrap();
    assert_eq!(stat.column.as_deref(), Some("Page Views"));
    assert_eq!(stat.matched, 1);
}

#[test]
fn the_mapping_override_feeds_a_rule() {
    let mut wb = Workbench::new();
    wb.load_csv("Mail,Niveau,Visites\na@b.io,Directeur,3\n")
        .unwrap();
    assert_eq!(wb.fit_scores()[0], 0.0);
    let mut a: Agreement = wb.agreement().clone();
    a.mapping.insert("job_title".into(), "Niveau".into());
    wb.set_agreement(a);
    assert!(wb.fit_scores()[0] > 0.0);
}

#[test]
fn no_panic_on_odd_input() {
    let inputs = [
        "\u{feff}a,b\n1,2\n",
        "a,b\n\"unterminated,2\n",
        "a,b\r\r\r1,2\r",
        ",,,\n,,,\n",
        "a,a,a\n1,2,3\n",
        "x,y\n\"q\"\"uote\",\"multi\nline\"\n",
        "é,ü\n\u{0},\u{1F600}\n",
    ];
    for s in inputs {
        let mut wb = Workbench::new();
        let _ = wb.load_csv(s);
        let _ = wb.results();
    }
}

/// The page's helper worker rehearses a large file's load before its first file (so that the
/// engine's code is optimised by then): a real load of a generated export, read in two parts
/// with the helper part's columns handed over as bytes. It must give the figures reading the
/// same export in one go gives.
#[test]
fn a_rehearsal_is_a_load_in_two_parts_with_the_figures_of_one() {
    let today = 1_767_225_600; // 2026-01-01
    let mqls = Workbench::rehearse(3_000, Some(today)).expect("rehearsal");
    let mut wb = Workbench::new();
    wb.set_today(today);
    // (The rehearsal's export: the sample generator's, seed 11.)
    wb.load_csv(&accord::sample::sample_csv(3_000, 11))
        .expect("load");
    assert!(mqls > 0);
    assert_eq!(mqls, wb.results().mqls);
}
