//! The qualification part, rule by rule, with scores computed by hand on a small fixture; and
//! the properties every agreement must keep.

use accord::agreement::Agreement;
use accord::Workbench;
use serde_json::json;

const LEADS: &str = "Email,Job Title,Company Size,Industry,Page Views,Recent Conversion,Last Activity Date,Newsletter\n\
ana@acme.io,VP Marketing,350,Software,30,Demo request,2027-01-30,Yes\n\
bob@gmail.com,Marketing Intern,1-10,Education,2,,2026-06-01,No\n\
info@corp.fr,Directeur commercial,51-200,Manufacturing,8,Ebook download,2027-01-20,\n\
dan@rival.com,CTO,10000+,Software,50,Pricing page,2027-01-31,Yes\n\
eve@big.co,Head of IT,201-500,Retail,0,,,No\n";

/// One rule of each kind, with distinct points so that every sum below is readable.
fn agreement() -> Agreement {
    let doc = json!({
        "version": 2, "name": "test", "locale": "en", "as_of": "2027-01-31",
        "qualification": {
            "fit": { "groups": [
                { "name": "Persona", "cap": 40, "rules": [
                    { "id": "senior", "field": "job_title", "contains_any": ["vp", "directeur", "cto", "head of"], "points": 30 },
                    { "id": "vp-exact", "field": "job_title", "equals_any": ["vp marketing"], "points": 5 },
                    { "id": "marketing-first", "field": "job_title", "starts_with": ["marketing"], "points": -7 },
                    { "id": "free-mail", "field": "email", "free_mail": true, "points": -11 } ] },
                { "name": "Company", "rules": [
                    { "id": "mid", "field": "company_size", "between": [200, 1000], "points": 20 },
                    { "id": "huge", "field": "company_size", "at_least": 5000, "points": 13 },
                    { "id": "tiny", "field": "company_size", "at_most": 10, "points": -3 },
                    { "id": "sw-and-senior", "all_of": [
                        { "field": "industry", "equals_any": ["Software"] },
                        { "field": "job_title", "contains_any": ["vp", "cto"] } ], "points": 17 },
                    { "id": "retail-or-edu", "any_of": [
                        { "field": "industry", "equals_any": ["Retail"] },
                        { "field": "industry", "equals_any": ["Education"] } ], "points": 2 } ] } ] },
            "interest": { "groups": [
                { "name": "Web", "cap": 25, "rules": [
                    { "id": "views", "field": "page_views", "per_unit": 1, "max": 20 },
                    { "id": "recent", "field": "last_activity_date", "within_days": 7, "points": 10 },
                    { "id": "stale", "field": "last_activity_date", "older_than_days": 180, "points": -5 },
                    { "id": "no-activity", "field": "last_activity_date", "is_empty": true, "points": -1 } ] },
                { "name": "Intent", "cap": 60, "rules": [
                    { "id": "demo", "field": "recent_conversion", "contains_any": ["demo"], "points": 45 },
                    { "id": "content", "field": "recent_conversion", "contains_any": ["ebook"], "points": 12 },
                    { "id": "subscriber", "field": "newsletter", "is": true, "points": 4 } ] } ] },
            "disqualify": [
                { "id": "competitor", "field": "email", "domain_in": ["rival.com"], "reason": "Competitor" },
                { "id": "role", "field": "email", "role_address": true, "reason": "Role address" } ],
            "fast_track": [ { "id": "demo", "field": "recent_conversion", "contains_any": ["demo"], "reason": "Demo" } ],
            "grades": { "fit": { "A": 75, "B": 50, "C": 25, "D": 0 }, "interest": { "1": 75, "2": 50, "3": 25, "4": 0 } },
            "thresholds": { "mode": "axes", "mql": { "fit": 40, "interest": 20 }, "sql": { "fit": 60, "interest": 50 } }
        }
    });
    Agreement::from_json(&doc.to_string()).unwrap_or_else(|e| panic!("{e}"))
}

fn loaded() -> Workbench {
    let mut wb = Workbench::new();
    wb.set_agreement(agreement());
    wb.load_csv(LEADS).unwrap();
    wb
}

#[test]
fn fit_scores_by_hand() {
    let wb = loaded();
    let fit = wb.fit_scores();
    // Ana: Persona 30 + 5 (exact "vp marketing") = 35 (cap 40); Company: mid 20 + sw-and-senior 17 = 37.
    assert_eq!(fit[0], 72.0);
    // Bob: Persona: starts with "marketing" -7, free mail -11 = -18; Company: tiny (1-10 overlaps ≤10) -3,
    // education +2 = -1. Raw -19 → 0.
    assert_eq!(fit[1], 0.0);
    // Info@: "Directeur" 30; the band 51-200 overlaps 200–1000 (at 200): 20. Raw 50.
    assert_eq!(fit[2], 50.0);
    // Dan: CTO 30; 10000+ at least 5000: 13; Software and CTO: 17. 60.
    assert_eq!(fit[3], 60.0);
    // Eve: Head of 30; 201-500 overlaps 200–1000: 20; Retail +2. 52.
    assert_eq!(fit[4], 52.0);
}

#[test]
fn interest_scores_by_hand() {
    let wb = loaded();
    let int = wb.interest_scores();
    // Ana: views 30 → max 20; active the day before as-of (within 7): +10 → Web 30, cap 25.
    // Intent: demo 45 + newsletter 4 = 49. 74.
    assert_eq!(int[0], 74.0);
    // Bob: views 2; last activity 2026-06-01 is 244 days old: -5 → Web -3; Intent: newsletter No: 0. → 0.
    assert_eq!(int[1], 0.0);
    // Info@: views 8 + within 7 days (11 days: no) = 8; ebook 12. 20.
    assert_eq!(int[2], 20.0);
    // Dan: views 50 → 20 + recent 10 = 30 → 25; newsletter 4. 29.
    assert_eq!(int[3], 29.0);
    // Eve: views 0; no activity date: -1; newsletter No. Raw -1 → 0.
    assert_eq!(int[4], 0.0);
}

#[test]
fn disqualifiers_fast_track_and_counts() {
    let wb = loaded();
    let r = wb.results();
    // Dan is a competitor, Info@ a role address: both disqualified; Ana asked for a demo.
    assert_eq!(r.disqualified.count, 2);
    assert_eq!(r.disqualified.by_rule[0].leads, 1);
    assert_eq!(r.disqualified.by_rule[1].leads, 1);
    assert_eq!(r.fast_tracked.count, 1);
    // MQL line 40/20: Ana (fast-track anyway, and 72/74). Eve 52/0 no. → 1. Disqualified leave the matrix.
    assert_eq!(r.mqls, 1);
    assert_eq!(r.matrix.counts.iter().flatten().sum::<u64>(), 3);
    // SQL line 60/50: Ana 72/74.
    assert_eq!(r.sqls, 1);
    // Every rule found its column; the agreement itself says its axes cannot reach 100
    // (fit: min(40, 35) + 52 = 87; interest: min(25, 30) + min(60, 61) = 85).
    assert_eq!(
        r.warnings,
        [
            "The fit axis can reach at most 87 of 100: no lead can score higher. Raise points or caps.",
            "The interest axis can reach at most 85 of 100: no lead can score higher. Raise points or caps."
        ]
    );
}

#[test]
fn explanations_list_every_rule_and_add_up() {
    let wb = loaded();
    let e = wb.explain(0).unwrap();
    assert_eq!(e.fit.score, 72.0);
    let persona = &e.fit.groups[0];
    assert_eq!((persona.total, persona.counted), (35.0, 35.0));
    let fired: Vec<&str> = persona
        .rules
        .iter()
        .filter(|r| r.matched)
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(fired, ["senior", "vp-exact"]);
    assert_eq!(persona.rules[0].value.as_deref(), Some("VP Marketing"));
    let web = &e.interest.groups[0];
    assert_eq!((web.total, web.counted), (30.0, 25.0), "the cap shows");
    let views = &web.rules[0];
    assert_eq!(views.units, Some(30.0));
    assert_eq!(views.points, 20.0);
    assert_eq!(views.note.as_deref(), Some("capped at max 20"));
    assert_eq!(e.fast_track.as_ref().map(|a| a.id.as_str()), Some("demo"));
    assert!(e.mql && e.sql);
    assert_eq!(e.fit.grade, "B");

    let d = wb.explain(3).unwrap();
    assert_eq!(
        d.disqualified.as_ref().and_then(|a| a.reason.as_deref()),
        Some("Competitor")
    );
    assert!(!d.mql);
    assert!(wb.explain(99).is_none());
}

#[test]
fn combined_mode_uses_the_weighted_sum() {
    let mut wb = loaded();
    let mut a = agreement();
    a.qualification.thresholds.mode = accord::agreement::ThresholdMode::Combined;
    a.qualification.thresholds.combined = Some(accord::agreement::Combined {
        weights: accord::agreement::Line {
            fit: 0.5,
            interest: 0.5,
        },
        mql: 26.0,
        sql: 70.0,
    });
    wb.set_agreement(a);
    // Combined: Ana 73 (fast-track anyway), Bob 0, Eve 26: Eve is an MQL now.
    let r = wb.results();
    assert_eq!(r.mqls, 2);
    assert_eq!(r.sqls, 1);
    assert!(r.distribution.combined.is_some());
    assert_eq!(wb.explain(4).unwrap().combined, Some(26.0));
}

#[test]
fn what_if_lists_leads_that_changed() {
    let mut wb = loaded();
    assert!(wb.what_if().is_none());
    wb.pin();
    let mut a = agreement();
    a.qualification.thresholds.mql = accord::agreement::Line {
        fit: 50.0,
        interest: 0.0,
    };
    wb.set_agreement(a);
    let w = wb.what_if().unwrap();
    // Eve (52/0) becomes an MQL; Ana stays; nobody stops.
    assert_eq!((w.mqls_before, w.mqls_after, w.mqls_change), (1, 2, 1));
    assert_eq!((w.became_mql, w.stopped_mql), (1, 0));
    assert_eq!(w.became[0].label, "eve@big.co");
    assert_eq!(w.cells.len(), 1);
    assert_eq!(
        (
            w.cells[0].fit_grade.as_str(),
            w.cells[0].interest_grade.as_str()
        ),
        ("B", "4")
    );
    assert_eq!(w.rescored, 0, "a threshold move re-scores nobody");
}

#[test]
fn decayed_activities_feed_interest() {
    let mut wb = Workbench::new();
    let doc = json!({
        "version": 2, "as_of": "2027-01-31",
        "qualification": {
            "fit": { "groups": [] },
            "interest": { "decay": { "half_life_days": 10 }, "groups": [
                { "name": "Events", "rules": [ { "id": "visits", "activity": ["page view"], "per_unit": 8, "max": 100 } ] } ] },
            "grades": { "fit": { "A": 0 }, "interest": { "1": 0 } },
            "thresholds": { "mql": { "fit": 0, "interest": 0 }, "sql": { "fit": 0, "interest": 0 } }
        }
    });
    wb.set_agreement_json(&doc.to_string()).unwrap();
    wb.load_csv("Email,Name\na@x.io,A\nb@x.io,B\n").unwrap();
    let events = "Email,Type,Date\na@x.io,Page view,2027-01-31\na@x.io,Page view,2027-01-21\na@x.io,Download,2027-01-31\nb@x.io,Page view,2026-01-31\n";
    wb.load_activities_bytes(events.as_bytes(), None).unwrap();
    // A: today's view counts 1, the one 10 days older 0.5 (the download is another type):
    // 1.5 × 8 = 12.
    assert_eq!(wb.interest_scores()[0], 12.0);
    // B: a year-old view: 8 × 0.5^36.5 ≈ 0.
    assert!(wb.interest_scores()[1] < 0.01);
    let e = wb.explain(0).unwrap();
    assert!(e.interest.groups[0].rules[0]
        .note
        .as_deref()
        .unwrap_or("")
        .contains("half-life of 10 days"));
}

/// The fixture's five leads repeated 24,000 times, three of them with an address of their own
/// (72,000 distinct addresses: more than a byte or two of code per address). Every lead must
/// score, count and explain exactly as its original among the five does: the engine keeps a
/// big column's rule results and the groups' sums in compact forms, which must change nothing.
#[test]
fn a_big_file_scores_each_lead_as_the_small_one() {
    // As written, and with free mail worth points (Bob's fit is then above 0, so that it shows
    // whether the rule counted).
    let mut free_mail_pays = agreement();
    free_mail_pays.qualification.fit.groups[0].rules[3].points = Some(11.0);
    for a in [agreement(), free_mail_pays] {
        big_file_as_small(a);
    }
}

fn big_file_as_small(a: Agreement) {
    const TIMES: usize = 24_000;
    let mut small = Workbench::new();
    small.set_agreement(a.clone());
    small.load_csv(LEADS).unwrap();
    let mut csv = String::from(LEADS.lines().next().unwrap_or_default());
    csv.push('\n');
    let rows: Vec<&str> = LEADS.lines().skip(1).collect();
    for i in 0..TIMES {
        for row in &rows {
            // ana@acme.io → ana@acme7.io; bob@gmail.com and dan@rival.com stay as they are
            // (free mail, the competitor's domain), info@ stays a role address.
            let unique = ["@acme.io", "@corp.fr", "@big.co"]
                .iter()
                .find(|d| row.contains(*d))
                .map(|d| row.replacen(d, &d.replacen('.', &format!("{i}."), 1), 1));
            csv.push_str(unique.as_deref().unwrap_or(row));
            csv.push('\n');
        }
    }
    let mut big = Workbench::new();
    big.set_agreement(a);
    big.load_csv(&csv).unwrap();
    let n = rows.len();
    assert_eq!(big.fit_scores().len(), n * TIMES);
    for (r, (f, i)) in big
        .fit_scores()
        .iter()
        .zip(big.interest_scores())
        .enumerate()
    {
        assert_eq!(
            (*f, *i),
            (small.fit_scores()[r % n], small.interest_scores()[r % n]),
            "lead {r}"
        );
    }
    let (s, b) = (small.results(), big.results());
    let times = TIMES as u64;
    assert_eq!(b.disqualified.count, s.disqualified.count * times);
    for (bb, ss) in b.disqualified.by_rule.iter().zip(&s.disqualified.by_rule) {
        assert_eq!(bb.leads, ss.leads * times);
    }
    assert_eq!((b.mqls, b.sqls), (s.mqls * times, s.sqls * times));
    for (bb, ss) in big
        .scorer()
        .rule_stats()
        .iter()
        .zip(small.scorer().rule_stats())
    {
        assert_eq!((&bb.id, bb.matched), (&ss.id, ss.matched * times));
    }
    for row in [0, 1, 2, 3, 4, n * TIMES - 3] {
        let (e, f) = (big.explain(row).unwrap(), small.explain(row % n).unwrap());
        assert_eq!(
            (
                e.fit.raw,
                e.interest.raw,
                e.mql,
                e.disqualified.map(|a| a.id)
            ),
            (
                f.fit.raw,
                f.interest.raw,
                f.mql,
                f.disqualified.map(|a| a.id)
            ),
            "lead {row}"
        );
    }
}

/// Changing a rule's condition, its points, or the rules of a group, on a loaded file: the
/// scores are those of the new agreement loaded from nothing (the engine keeps each group's
/// per-lead sets of rules between changes, which must not outlive their conditions).
#[test]
fn every_kind_of_rule_change_rescores_as_from_nothing() {
    type Edit = fn(&mut Agreement);
    let edits: [(&str, Edit); 5] = [
        ("a condition", |a| {
            a.qualification.fit.groups[0].rules[0].contains_any = Some(vec!["intern".into()]);
        }),
        ("points", |a| {
            a.qualification.fit.groups[0].rules[0].points = Some(12.0);
        }),
        ("a rule added", |a| {
            let mut r = a.qualification.fit.groups[1].rules[0].clone();
            r.id = "mid-again".into();
            a.qualification.fit.groups[1].rules.push(r);
        }),
        ("a rule removed", |a| {
            a.qualification.fit.groups[0].rules.remove(1);
        }),
        ("two rules swapped", |a| {
            a.qualification.fit.groups[1].rules.swap(0, 1);
        }),
    ];
    for (what, edit) in edits {
        let mut wb = loaded();
        let mut a = agreement();
        edit(&mut a);
        wb.set_agreement(a.clone());
        let mut fresh = Workbench::new();
        fresh.set_agreement(a);
        fresh.load_csv(LEADS).unwrap();
        assert_eq!(wb.fit_scores(), fresh.fit_scores(), "{what}");
        if what != "two rules swapped" {
            assert_ne!(
                wb.fit_scores(),
                loaded().fit_scores(),
                "{what} changes a score"
            );
        }
    }
}

/// A group whose rules read two columns of few values (a total kept per combination of
/// their values, nothing per lead): every lead scores what its own rules give, as its
/// explanation (worked out lead by lead) says.
#[test]
fn a_group_over_two_small_columns_scores_each_lead_by_its_own_values() {
    let mut csv = String::from("Email,Page Views,Recent Conversion\n");
    let kinds = ["Demo request", "Ebook download", "", "Pricing page"];
    for i in 0..4_000 {
        csv.push_str(&format!("p{i}@x.io,{},{}\n", (i * 7) % 23, kinds[i % 4]));
    }
    let doc = json!({
        "version": 2, "as_of": "2027-01-31",
        "qualification": {
            "fit": { "groups": [] },
            "interest": { "groups": [
                { "name": "Web and intent", "cap": 40, "rules": [
                    { "id": "views", "field": "page_views", "per_unit": 2, "max": 30 },
                    { "id": "demo", "field": "recent_conversion", "contains_any": ["demo"], "points": 25 },
                    { "id": "few-views", "field": "page_views", "at_most": 3, "points": -4 } ] } ] },
            "grades": { "fit": { "A": 0 }, "interest": { "1": 0 } },
            "thresholds": { "mql": { "fit": 0, "interest": 0 }, "sql": { "fit": 0, "interest": 0 } }
        }
    });
    let mut wb = Workbench::new();
    wb.set_agreement_json(&doc.to_string()).unwrap();
    wb.load_csv(&csv).unwrap();
    for row in 0..4_000 {
        let views = ((row * 7) % 23) as f32;
        let demo = if row % 4 == 0 { 25.0 } else { 0.0 };
        let few = if views <= 3.0 { -4.0 } else { 0.0 };
        let want = ((2.0 * views).min(30.0) + demo + few)
            .clamp(-40.0, 40.0)
            .max(0.0);
        assert_eq!(wb.interest_scores()[row], want, "lead {row}");
        assert_eq!(wb.explain(row).unwrap().interest.score, want, "lead {row}");
    }
}
