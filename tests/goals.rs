//! Part 1: the goal against the data — measured rates, the reverse funnel, capacity.

use accord::Workbench;

#[test]
fn rates_are_measured_from_the_stages_leads_reached() {
    // 2 subscribers, 4 leads, 2 MQLs, 1 SQL, 1 customer (who went through every stage).
    let mut csv = String::from("Email,Lifecycle Stage\n");
    for (i, s) in [
        "subscriber",
        "subscriber",
        "lead",
        "lead",
        "lead",
        "lead",
        "marketingqualifiedlead",
        "marketingqualifiedlead",
        "salesqualifiedlead",
        "customer",
    ]
    .iter()
    .enumerate()
    {
        csv.push_str(&format!("l{i}@x.io,{s}\n"));
    }
    let mut wb = Workbench::new();
    wb.load_csv(&csv).unwrap();
    let g = wb.goals().unwrap();
    let r = g.measured_rates;
    // Reached: lead 8, MQL 4, SAL 2, SQL 2, opportunity 1, customer 1.
    assert_eq!(r.lead_to_mql, Some(0.5));
    assert_eq!(r.mql_to_sal, Some(0.5));
    assert_eq!(r.sal_to_sql, Some(1.0));
    assert_eq!(r.sql_to_opportunity, Some(0.5));
    assert_eq!(r.opportunity_to_won, Some(1.0));
    assert_eq!(r.sql_to_won, Some(0.5));
    // No deal amounts and none entered: no funnel, said by its absence.
    assert!(g.funnel.is_none());
}

#[test]
fn the_sample_against_the_default_goal() {
    let mut wb = Workbench::new();
    let csv = accord::sample::sample_csv(3_000, 42);
    wb.load_csv(&csv).unwrap();
    let g = wb.goals().unwrap();
    let deal = g
        .measured_deal_size
        .expect("the sample has won deals with amounts");
    let f = g.funnel.unwrap();
    assert_eq!(f.deal_size_source, "the export's won deals");
    assert_eq!(f.steps[0].needed, Some((1_000_000.0 / deal).ceil()));
    // The default agreement plans 25 % of SQLs won and 80 % of MQLs accepted; the rest is measured.
    assert_eq!(
        (f.steps[1].stage.as_str(), f.steps[1].rate_to_next),
        ("sql", Some(0.25))
    );
    let mql = f.steps.iter().find(|s| s.stage == "mql").unwrap();
    assert_eq!(
        (mql.rate_to_next, mql.rate_source.as_deref()),
        (Some(0.8), Some("planned"))
    );
    let lead = f.steps.iter().find(|s| s.stage == "lead").unwrap();
    assert_eq!(lead.rate_source.as_deref(), Some("measured"));
    // Capacity: 4 reps × 60 leads a month against the agreement's MQLs per month of data.
    let c = g.capacity.unwrap();
    assert_eq!(c.capacity_per_month, 240.0);
    assert!(c.mqls_per_month > 0.0);
    assert_eq!(c.gap, c.capacity_per_month - c.mqls_per_month);
}
