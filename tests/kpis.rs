//! Part 7: KPIs on a small fixture computed by hand, and two periods side by side.

use accord::Workbench;

// Six leads over two months. Stages from the export; handoff and first-touch times in UTC; the
// default agreement (first touch within 24 business hours, Paris, Mon–Fri 9–18).
const LEADS: &str = "Email,Lead Source,Create Date,Lifecycle Stage,Became MQL Date,Became SQL Date,Became Customer Date,First Sales Touch,Sales Activities\n\
a@x.io,Event,2027-01-04,customer,2027-01-05T09:00:00Z,2027-01-10T09:00:00Z,2027-02-01T09:00:00Z,2027-01-05T10:00:00Z,4\n\
b@x.io,Event,2027-01-06,salesqualifiedlead,2027-01-07T09:00:00Z,2027-01-20T09:00:00Z,,2027-01-07T09:30:00Z,2\n\
c@x.io,Web,2027-01-08,marketingqualifiedlead,2027-01-08T09:00:00Z,,,2027-01-13T09:00:00Z,1\n\
d@x.io,Web,2027-02-02,lead,,,,,\n\
e@x.io,Web,2027-02-03,marketingqualifiedlead,2027-02-03T09:00:00Z,,,2027-02-03T11:00:00Z,1\n\
f@x.io,Web,2027-02-04,subscriber,,,,,\n";

fn wb() -> Workbench {
    let mut wb = Workbench::new();
    let mut a: serde_json::Value =
        serde_json::from_str(accord::agreement::DEFAULT_AGREEMENT_JSON).unwrap();
    a["as_of"] = "2027-02-10".into();
    wb.set_agreement_json(&a.to_string()).unwrap();
    wb.load_csv(LEADS).unwrap();
    wb
}

#[test]
fn funnel_rates_velocity_and_kpis_by_hand() {
    let r = wb().kpis(None).unwrap();
    let o = &r.overall;
    // Reached: 6 leads (the subscriber counts as a lead created), MQL 4 (a, b, c, e), SQL 2, won 1.
    assert_eq!((o.leads, o.mqls, o.sqls, o.won), (6, 4, 2, 1));
    assert_eq!(o.mql_to_sql.rate, Some(0.5));
    assert!(
        o.mql_to_sql.low.unwrap() < 0.2 && o.mql_to_sql.high.unwrap() > 0.8,
        "2 of 4 is uncertain: {:?}",
        o.mql_to_sql
    );
    // By source: Event 2 leads both MQL; Web 4 leads, 2 MQL.
    let event = r.by_source.iter().find(|f| f.key == "Event").unwrap();
    assert_eq!((event.leads, event.mqls, event.won), (2, 2, 1));
    let cohorts: Vec<(&str, u64)> = r
        .by_cohort
        .iter()
        .map(|f| (f.key.as_str(), f.leads))
        .collect();
    assert_eq!(cohorts, [("2027-01", 3), ("2027-02", 3)]);
    // Velocity MQL → SQL: a 5 days, b 13 days → median of two = the upper by rounding (13).
    let v = r
        .velocity
        .iter()
        .find(|v| v.from == "mql" && v.to == "sql")
        .unwrap();
    assert_eq!(v.leads, 2);
    assert_eq!(v.p90_days, Some(13.0));
    let kpi = |id: &str| r.kpis.iter().find(|k| k.id == id).unwrap().clone();
    // Handed over: a, b, c, e (4). Accepted (SAL or further): a, b → 2 of 4.
    let acc = kpi("mql_acceptance_rate");
    assert_eq!(acc.rate.map(|x| (x.hits, x.of)), Some((2, 4)));
    assert_eq!(acc.target, Some(0.9));
    assert_eq!(acc.met, Some(false));
    // First touch: a 1 h, b 0.5 h, e 2 h within 24 business hours; c touched 5 days later (Fri 9:00 →
    // Wed 9:00 Paris is 27 business hours): missed. 3 of 4.
    let sla = kpi("first_touch_within_sla");
    assert_eq!(sla.rate.map(|x| (x.hits, x.of)), Some((3, 4)));
    assert_eq!(kpi("attempts_per_lead").value, Some(2.0));
    // Attempts 4, 2, 1, 1: one lead with 4, one with 2, two with 1.
    assert_eq!(&r.attempts_distribution[..5], [0, 2, 1, 0, 1]);
}

#[test]
fn two_periods_side_by_side() {
    let day = |s: &str| accord::lifecycle::calendar::parse_date(s).unwrap();
    let rv = wb()
        .review(
            (day("2027-01-01"), day("2027-01-31")),
            (day("2027-02-01"), day("2027-02-28")),
        )
        .unwrap();
    assert_eq!(rv.leads, (3, 3));
    let row = rv.rows.iter().find(|r| r.id == "lead_to_mql").unwrap();
    // January: 3 of 3 became MQLs; February: 1 of 3.
    assert_eq!(row.a, Some(1.0));
    assert!((row.b.unwrap() - 1.0 / 3.0).abs() < 1e-12);
    assert!((row.change.unwrap() + 2.0 / 3.0).abs() < 1e-12);
}

#[test]
fn figures_without_their_columns_say_so() {
    let mut wb = Workbench::new();
    wb.load_csv("Email,Job Title\na@x.io,CTO\n").unwrap();
    let r = wb.kpis(None).unwrap();
    let sla = r
        .kpis
        .iter()
        .find(|k| k.id == "first_touch_within_sla")
        .unwrap();
    assert_eq!(sla.value, None);
    assert_eq!(
        sla.not_available.as_deref(),
        Some("needs column mql_date and first_touch_date")
    );
}
