//! Part 7: the figures both teams answer for. Each KPI has one definition (shown on the page and
//! in the SLA document), a value with the count behind it and a Wilson interval where it is a
//! rate, and met / missed where the agreement sets a target. Funnels by cohort month, source and
//! fit grade; velocity between stages; any two periods side by side.

use super::{wilson, Rate};
use crate::lifecycle::stages::rank;
use crate::lifecycle::{Lifecycle, Sla};
use crate::score::results::grade_of;
use crate::table::{ColumnData, NO_DATE};
use serde::Serialize;
use std::collections::BTreeMap;

const DAY: i64 = 86_400;

/// The funnel of one group of leads: how many reached each step, and the rates between.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Funnel {
    pub key: String,
    pub leads: u64,
    pub mqls: u64,
    pub sqls: u64,
    pub opportunities: u64,
    pub won: u64,
    pub lead_to_mql: Rate,
    pub mql_to_sql: Rate,
    pub sql_to_won: Rate,
    pub lead_to_won: Rate,
}

/// Days between two stages (from the export's dates).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Velocity {
    pub from: String,
    pub to: String,
    pub leads: u64,
    pub median_days: Option<f64>,
    pub p90_days: Option<f64>,
}

/// One KPI.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Kpi {
    pub id: String,
    pub name: String,
    /// What it counts, in one sentence (the SLA document prints it).
    pub definition: String,
    /// "rate", "hours", "days", "count" or "ratio".
    pub unit: String,
    pub value: Option<f64>,
    /// For rates: the count and the interval.
    pub rate: Option<Rate>,
    pub target: Option<f64>,
    pub met: Option<bool>,
    /// Why there is no value (a column the export lacks…).
    pub not_available: Option<String>,
}

/// Every KPI of a set of leads.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KpiReport {
    pub overall: Funnel,
    pub by_cohort: Vec<Funnel>,
    pub by_source: Vec<Funnel>,
    pub by_fit_grade: Vec<Funnel>,
    pub velocity: Vec<Velocity>,
    pub kpis: Vec<Kpi>,
    /// Handed-over leads by number of contact attempts (0, 1, …, 10 and more in the last).
    pub attempts_distribution: Vec<u64>,
}

#[derive(Default, Clone, Copy)]
struct Tally {
    leads: u64,
    mqls: u64,
    sqls: u64,
    opportunities: u64,
    won: u64,
}

impl Tally {
    fn add(&mut self, stage_rank: u8) {
        self.leads += 1;
        self.mqls += u64::from(stage_rank >= rank("mql"));
        self.sqls += u64::from(stage_rank >= rank("sql"));
        self.opportunities += u64::from(stage_rank >= rank("opportunity"));
        self.won += u64::from(stage_rank >= rank("customer"));
    }

    fn funnel(self, key: String) -> Funnel {
        Funnel {
            key,
            leads: self.leads,
            mqls: self.mqls,
            sqls: self.sqls,
            opportunities: self.opportunities,
            won: self.won,
            lead_to_mql: wilson(self.mqls, self.leads),
            mql_to_sql: wilson(self.sqls, self.mqls),
            sql_to_won: wilson(self.won, self.sqls),
            lead_to_won: wilson(self.won, self.leads),
        }
    }
}

fn quantile(sorted: &[f64], p: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted.get(i).map(|x| (x * 10.0).round() / 10.0)
}

/// The KPIs of the leads created in `[from, to]` (days since 1970; `None`: all leads).
pub fn report(life: &Lifecycle, period: Option<(i64, i64)>) -> KpiReport {
    let inp = life.inputs();
    let (t, m, a) = (inp.table, inp.mapping, inp.agreement);
    let date = |field: &str, row: usize| match m.get(field).map(|&c| &t.columns[c].data) {
        Some(ColumnData::Date(v)) => v.get(row).filter(|&d| d != NO_DATE),
        _ => None,
    };
    let text = |field: &str, row: usize| {
        m.get(field)
            .map(|&c| t.columns[c].display(row))
            .filter(|v| !v.trim().is_empty())
    };

    let mut overall = Tally::default();
    let mut cohorts: BTreeMap<String, Tally> = BTreeMap::new();
    let mut sources: BTreeMap<String, Tally> = BTreeMap::new();
    let mut grades: BTreeMap<String, Tally> = BTreeMap::new();
    let steps = [
        ("create_date", "mql_date"),
        ("mql_date", "sql_date"),
        ("sql_date", "opportunity_date"),
        ("opportunity_date", "customer_date"),
    ];
    let mut gaps: Vec<Vec<f64>> = vec![Vec::new(); steps.len()];
    let (mut handed, mut within, mut missed, mut overdue, mut dq, mut recycled, mut sal) =
        (0u64, 0u64, 0u64, 0u64, 0u64, 0u64, 0u64);
    let mut speeds: Vec<f64> = Vec::new();
    let (mut attempts_sum, mut attempts_n) = (0u64, 0u64);
    let mut attempts_distribution = vec![0u64; 11];
    // Attempts per week of follow-up, per handed-over lead (from handoff to the as-of date).
    let mut frequency: Vec<f64> = Vec::new();
    let mut n = 0u64;
    for row in 0..t.rows {
        if let Some((from, to)) = period {
            match date("create_date", row).map(|d| d.div_euclid(DAY)) {
                Some(d) if d >= from && d <= to => {}
                _ => continue,
            }
        }
        n += 1;
        let l = life.lead(row);
        let r = l.actual_stage.as_deref().map_or(rank("lead"), rank);
        overall.add(r);
        if let Some(c) = date("create_date", row) {
            let (y, mo, _) = crate::lifecycle::calendar::civil_from_days(c.div_euclid(DAY));
            cohorts.entry(format!("{y:04}-{mo:02}")).or_default().add(r);
        }
        sources
            .entry(text("lead_source", row).unwrap_or_else(|| "(none)".into()))
            .or_default()
            .add(r);
        let fit = inp.fit.get(row).unwrap_or(0.0);
        grades
            .entry(grade_of(&a.qualification.grades.fit, fit))
            .or_default()
            .add(r);
        for (k, (f, to)) in steps.iter().enumerate() {
            if let (Some(x), Some(y)) = (date(f, row), date(to, row)) {
                if y >= x {
                    gaps[k].push((y - x) as f64 / DAY as f64);
                }
            }
        }
        if l.handed_at.is_some() {
            handed += 1;
            sal += u64::from(r >= rank("sal"));
            if let Some(a) = l.attempts {
                attempts_sum += u64::from(a);
                attempts_n += 1;
                attempts_distribution[(a as usize).min(10)] += 1;
                if let (Some(h), Some(now)) = (l.handed_at, inp.as_of) {
                    let weeks = ((now - h) as f64 / (7 * DAY) as f64).max(1.0 / 7.0);
                    frequency.push(f64::from(a) / weeks);
                }
            }
        }
        match l.sla {
            Sla::Met => within += 1,
            Sla::Missed => missed += 1,
            Sla::Overdue => overdue += 1,
            _ => {}
        }
        if let Some(s) = l.speed_hours {
            speeds.push(s);
        }
        dq += u64::from(l.agreement_stage == "disqualified");
        recycled += u64::from(l.recycled.is_some());
    }
    speeds.sort_by(f64::total_cmp);
    let velocity = steps
        .iter()
        .zip(gaps.iter_mut())
        .map(|((f, to), g)| {
            g.sort_by(f64::total_cmp);
            Velocity {
                from: f.trim_end_matches("_date").into(),
                to: to.trim_end_matches("_date").into(),
                leads: g.len() as u64,
                median_days: quantile(g, 0.5),
                p90_days: quantile(g, 0.9),
            }
        })
        .collect();

    let targets = a.kpis.get("targets").and_then(|v| v.as_object());
    let target = |id: &str| targets.and_then(|o| o.get(id)).and_then(|v| v.as_f64());
    let has = |f: &str| m.contains_key(f);
    let mut kpis = Vec::new();
    let mut rate_kpi = |id: &str,
                        name: &str,
                        definition: &str,
                        hits: u64,
                        of: u64,
                        lower_is_better: bool,
                        needs: &[&str]| {
        let missing: Vec<&str> = needs.iter().filter(|f| !has(f)).copied().collect();
        let r = wilson(hits, of);
        let tgt = target(id);
        kpis.push(Kpi {
            id: id.into(),
            name: name.into(),
            definition: definition.into(),
            unit: "rate".into(),
            value: if missing.is_empty() { r.rate } else { None },
            rate: missing.is_empty().then_some(r),
            target: tgt,
            met: match (tgt, r.rate, missing.is_empty()) {
                (Some(t), Some(v), true) => Some(if lower_is_better { v <= t } else { v >= t }),
                _ => None,
            },
            not_available: (!missing.is_empty())
                .then(|| format!("needs column {}", missing.join(" and "))),
        });
    };
    rate_kpi(
        "mql_acceptance_rate",
        "MQL acceptance rate",
        "Leads sales accepted (SAL or further) among the leads handed over.",
        sal,
        handed,
        false,
        &["mql_date"],
    );
    rate_kpi(
        "first_touch_within_sla",
        "First touch within the SLA",
        "Handed-over leads first touched within the deadline, among those touched or overdue.",
        within,
        within + missed + overdue,
        false,
        &["mql_date", "first_touch_date"],
    );
    rate_kpi(
        "recycle_rate",
        "Recycle rate",
        "Handed-over leads that went back to marketing.",
        recycled,
        handed,
        true,
        &["mql_date"],
    );
    rate_kpi(
        "disqualification_rate",
        "Disqualification rate",
        "Leads the disqualifiers exclude.",
        dq,
        n,
        true,
        &[],
    );
    rate_kpi(
        "lead_to_mql",
        "Lead to MQL",
        "Leads that reached MQL or further in the export.",
        overall.mqls,
        overall.leads,
        false,
        &[],
    );
    rate_kpi(
        "mql_to_sql",
        "MQL to SQL",
        "MQLs that reached SQL or further.",
        overall.sqls,
        overall.mqls,
        false,
        &[],
    );
    rate_kpi(
        "sql_to_won",
        "SQL to won",
        "SQLs that became customers.",
        overall.won,
        overall.sqls,
        false,
        &[],
    );
    let mut plain = |id: &str,
                     name: &str,
                     definition: &str,
                     unit: &str,
                     value: Option<f64>,
                     needs: &[&str],
                     lower_is_better: bool| {
        let missing: Vec<&str> = needs.iter().filter(|f| !has(f)).copied().collect();
        let tgt = target(id);
        let value = if missing.is_empty() { value } else { None };
        kpis.push(Kpi {
            id: id.into(),
            name: name.into(),
            definition: definition.into(),
            unit: unit.into(),
            value,
            rate: None,
            target: tgt,
            met: tgt
                .zip(value)
                .map(|(t, v)| if lower_is_better { v <= t } else { v >= t }),
            not_available: (!missing.is_empty())
                .then(|| format!("needs column {}", missing.join(" and "))),
        });
    };
    plain(
        "speed_to_lead_median_hours",
        "Speed to lead (median)",
        "Business hours from handoff to first touch, median.",
        "hours",
        quantile(&speeds, 0.5),
        &["mql_date", "first_touch_date"],
        true,
    );
    plain(
        "speed_to_lead_p90_hours",
        "Speed to lead (90th percentile)",
        "Business hours from handoff to first touch, 90th percentile.",
        "hours",
        quantile(&speeds, 0.9),
        &["mql_date", "first_touch_date"],
        true,
    );
    plain(
        "overdue_now",
        "Overdue now",
        "Handed-over leads not touched and past their deadline.",
        "count",
        Some(overdue as f64),
        &["mql_date", "first_touch_date"],
        true,
    );
    frequency.sort_by(f64::total_cmp);
    plain(
        "attempts_per_week",
        "Attempt frequency (median)",
        "Contact attempts per week since the handoff, per handed-over lead, median.",
        "ratio",
        quantile(&frequency, 0.5),
        &["mql_date", "sales_activities"],
        false,
    );
    plain(
        "attempts_per_lead",
        "Contact attempts per lead",
        "Sales activities per handed-over lead, mean.",
        "count",
        (attempts_n > 0).then(|| attempts_sum as f64 / attempts_n as f64),
        &["sales_activities"],
        false,
    );

    let sorted =
        |m: BTreeMap<String, Tally>| m.into_iter().map(|(k, t)| t.funnel(k)).collect::<Vec<_>>();
    let mut by_source = sorted(sources);
    by_source.sort_by_key(|f| std::cmp::Reverse(f.leads));
    KpiReport {
        overall: overall.funnel("all".into()),
        by_cohort: sorted(cohorts),
        by_source,
        by_fit_grade: sorted(grades),
        velocity,
        kpis,
        attempts_distribution,
    }
}

/// One KPI in two periods.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReviewRow {
    pub id: String,
    pub name: String,
    pub unit: String,
    pub a: Option<f64>,
    pub b: Option<f64>,
    /// `b − a` (points of rate for rates).
    pub change: Option<f64>,
}

/// Two periods side by side (leads created in each), every KPI with its change.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Review {
    pub a: (i64, i64),
    pub b: (i64, i64),
    pub leads: (u64, u64),
    pub rows: Vec<ReviewRow>,
}

/// Compare period `a` with period `b` (days since 1970, both ends included).
pub fn review(life: &Lifecycle, a: (i64, i64), b: (i64, i64)) -> Review {
    let ra = report(life, Some(a));
    let rb = report(life, Some(b));
    let rows = ra
        .kpis
        .iter()
        .zip(&rb.kpis)
        .map(|(x, y)| ReviewRow {
            id: x.id.clone(),
            name: x.name.clone(),
            unit: x.unit.clone(),
            a: x.value,
            b: y.value,
            change: x.value.zip(y.value).map(|(p, q)| q - p),
        })
        .collect();
    Review {
        a,
        b,
        leads: (ra.overall.leads, rb.overall.leads),
        rows,
    }
}
