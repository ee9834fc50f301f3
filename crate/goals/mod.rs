//! Part 1 of the agreement: the shared SMART goal turned into the funnel it needs (the reverse
//! funnel), the pace against it, and sales capacity against the MQLs the agreement produces.

pub mod kpis;

use serde::{Deserialize, Serialize};

/// The goal, as the agreement states it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Goals {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revenue_target: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// Entered; without it, the mean amount of the export's won deals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub average_deal_size: Option<f64>,
    /// Planned stage-to-stage rates; they override the rates measured on the data.
    #[serde(default)]
    pub planned_rates: Rates,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<Capacity>,
}

/// A goal's period, as `YYYY-MM-DD` days (both included).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    pub start: String,
    pub end: String,
}

/// Stage-to-stage conversion rates (0–1). `sql_to_won` stands for SQL → opportunity → won when
/// the two steps are not given apart.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rates {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visitor_to_lead: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead_to_mql: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mql_to_sal: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sal_to_sql: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sql_to_opportunity: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opportunity_to_won: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sql_to_won: Option<f64>,
}

impl Rates {
    fn named(&self) -> [(&'static str, Option<f64>); 7] {
        [
            ("visitor_to_lead", self.visitor_to_lead),
            ("lead_to_mql", self.lead_to_mql),
            ("mql_to_sal", self.mql_to_sal),
            ("sal_to_sql", self.sal_to_sql),
            ("sql_to_opportunity", self.sql_to_opportunity),
            ("opportunity_to_won", self.opportunity_to_won),
            ("sql_to_won", self.sql_to_won),
        ]
    }

    /// Each rate planned here, else measured.
    pub fn over(&self, measured: &Rates) -> Rates {
        let pick = |a: Option<f64>, b: Option<f64>| a.or(b);
        Rates {
            visitor_to_lead: pick(self.visitor_to_lead, measured.visitor_to_lead),
            lead_to_mql: pick(self.lead_to_mql, measured.lead_to_mql),
            mql_to_sal: pick(self.mql_to_sal, measured.mql_to_sal),
            sal_to_sql: pick(self.sal_to_sql, measured.sal_to_sql),
            sql_to_opportunity: pick(self.sql_to_opportunity, measured.sql_to_opportunity),
            opportunity_to_won: pick(self.opportunity_to_won, measured.opportunity_to_won),
            // A planned combined rate wins; a measured one is used only when the two steps
            // cannot be.
            sql_to_won: self.sql_to_won.or(measured.sql_to_won),
        }
    }
}

/// Sales reps and the leads each can work in a month.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Capacity {
    pub reps: f64,
    pub leads_per_rep_per_month: f64,
}

/// Check the goal part.
pub fn validate(g: &Goals) -> Result<(), crate::agreement::AgreementError> {
    let err = |p: &str, m: String| Err(crate::agreement::AgreementError::at(p, m));
    for (name, v) in [
        ("goals.revenue_target", g.revenue_target),
        ("goals.average_deal_size", g.average_deal_size),
    ] {
        if let Some(x) = v {
            if !(x.is_finite() && x > 0.0) {
                return err(name, "must be an amount above 0".into());
            }
        }
    }
    for (name, v) in g.planned_rates.named() {
        if let Some(r) = v {
            if !(r > 0.0 && r <= 1.0) {
                return err(
                    &format!("goals.planned_rates.{name}"),
                    format!("must be a rate above 0 and at most 1 (e.g. 0.25 for 25 %), not {r}"),
                );
            }
        }
    }
    if let Some(p) = &g.period {
        let (s, e) = (
            crate::lifecycle::calendar::parse_date(&p.start),
            crate::lifecycle::calendar::parse_date(&p.end),
        );
        match (s, e) {
            (None, _) => {
                return err(
                    "goals.period.start",
                    format!("expected a date YYYY-MM-DD, not \"{}\"", p.start),
                )
            }
            (_, None) => {
                return err(
                    "goals.period.end",
                    format!("expected a date YYYY-MM-DD, not \"{}\"", p.end),
                )
            }
            (Some(s), Some(e)) if e < s => {
                return err("goals.period.end", "is before the start".into())
            }
            _ => {}
        }
    }
    if let Some(c) = g.capacity {
        if !(c.reps.is_finite()
            && c.reps >= 0.0
            && c.leads_per_rep_per_month.is_finite()
            && c.leads_per_rep_per_month >= 0.0)
        {
            return err(
                "goals.capacity",
                "reps and leads_per_rep_per_month must be 0 or more".into(),
            );
        }
    }
    Ok(())
}

/// Stage-to-stage rates measured from how many leads reached each stage (see
/// `lifecycle::Lifecycle::reached`).
pub fn measured_rates(reached: Option<[u64; 7]>) -> Rates {
    let Some(r) = reached else {
        return Rates::default();
    };
    let rate = |a: usize, b: usize| (r[a] > 0 && r[b] > 0).then(|| r[b] as f64 / r[a] as f64);
    Rates {
        visitor_to_lead: None,
        lead_to_mql: rate(1, 2),
        mql_to_sal: rate(2, 3),
        sal_to_sql: rate(3, 4),
        sql_to_opportunity: rate(4, 5),
        opportunity_to_won: rate(5, 6),
        sql_to_won: rate(4, 6),
    }
}

/// The goal against the data: the reverse funnel, the pace, and capacity.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GoalsReport {
    pub funnel: Option<ReverseFunnel>,
    pub pacing: Option<Pacing>,
    pub capacity: Option<CapacityCheck>,
    /// The rates measured on the export, for comparison with the planned ones.
    pub measured_rates: Rates,
    /// The mean amount of the export's won deals.
    pub measured_deal_size: Option<f64>,
}

/// One step of the reverse funnel.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FunnelStep {
    pub stage: String,
    /// Needed over the period (rounded up: a deal is not split).
    pub needed: Option<f64>,
    pub per_month: Option<f64>,
    /// The rate that led from this stage to the next one, and whether it was planned or
    /// measured on the data.
    pub rate_to_next: Option<f64>,
    pub rate_source: Option<String>,
}

/// The funnel a goal needs, worked back from the revenue target.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReverseFunnel {
    pub revenue_target: f64,
    pub average_deal_size: f64,
    pub deal_size_source: String,
    pub months: f64,
    /// From won back to visitors.
    pub steps: Vec<FunnelStep>,
    /// Steps that could not be worked out, and why.
    pub missing: Vec<String>,
}

/// Months in a period (days / average month length), at least a day's worth.
pub fn months(start_day: i64, end_day: i64) -> f64 {
    ((end_day - start_day + 1).max(1)) as f64 / (365.2425 / 12.0)
}

/// Work the funnel back from `target` revenue. `planned` wins over `measured` rate by rate;
/// `deal_size` is entered, else `measured_deal`.
pub fn reverse_funnel(
    g: &Goals,
    measured: &Rates,
    measured_deal: Option<f64>,
) -> Option<ReverseFunnel> {
    let target = g.revenue_target?;
    let (deal, deal_source) = match (g.average_deal_size, measured_deal) {
        (Some(d), _) => (d, "entered"),
        (None, Some(d)) if d > 0.0 => (d, "the export's won deals"),
        _ => return None,
    };
    let months = g
        .period
        .as_ref()
        .and_then(|p| {
            Some(months(
                crate::lifecycle::calendar::parse_date(&p.start)?,
                crate::lifecycle::calendar::parse_date(&p.end)?,
            ))
        })
        .unwrap_or(12.0);
    let rates = g.planned_rates.over(measured);
    let source = |planned: Option<f64>| {
        if planned.is_some() {
            "planned"
        } else {
            "measured"
        }
    };
    let wins = (target / deal).ceil();
    // Won ← SQL: one combined rate, or opportunity then won.
    let mut chain: Vec<(&str, Option<f64>, &str)> = Vec::new();
    let split = rates.sql_to_opportunity.zip(rates.opportunity_to_won);
    let use_combined = g.planned_rates.sql_to_won.is_some() || split.is_none();
    if use_combined {
        chain.push(("sql", rates.sql_to_won, source(g.planned_rates.sql_to_won)));
    } else {
        chain.push((
            "opportunity",
            rates.opportunity_to_won,
            source(g.planned_rates.opportunity_to_won),
        ));
        chain.push((
            "sql",
            rates.sql_to_opportunity,
            source(g.planned_rates.sql_to_opportunity),
        ));
    }
    chain.push(("sal", rates.sal_to_sql, source(g.planned_rates.sal_to_sql)));
    chain.push(("mql", rates.mql_to_sal, source(g.planned_rates.mql_to_sal)));
    chain.push((
        "lead",
        rates.lead_to_mql,
        source(g.planned_rates.lead_to_mql),
    ));
    chain.push((
        "visitor",
        rates.visitor_to_lead,
        source(g.planned_rates.visitor_to_lead),
    ));

    let mut steps = vec![FunnelStep {
        stage: "won".into(),
        needed: Some(wins),
        per_month: Some(wins / months),
        rate_to_next: None,
        rate_source: None,
    }];
    let mut missing = Vec::new();
    let mut needed = Some(wins);
    let mut next_stage = "won";
    for (stage, rate, src) in chain {
        let here = match (needed, rate) {
            (Some(n), Some(r)) if r > 0.0 => Some((n / r).ceil()),
            _ => None,
        };
        if rate.is_none() && needed.is_some() {
            missing.push(format!(
                "{stage} → {next_stage}: no rate planned, and the data cannot measure it"
            ));
        }
        steps.push(FunnelStep {
            stage: stage.into(),
            needed: here,
            per_month: here.map(|h| h / months),
            rate_to_next: rate,
            rate_source: rate.map(|_| src.to_string()),
        });
        needed = here;
        next_stage = stage;
    }
    Some(ReverseFunnel {
        revenue_target: target,
        average_deal_size: deal,
        deal_size_source: deal_source.into(),
        months,
        steps,
        missing,
    })
}

/// Where the period stands against the goal.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Pacing {
    /// Share of the period elapsed at the as-of date (0–1).
    pub elapsed: f64,
    /// Revenue won in the period up to the as-of date.
    pub actual: f64,
    /// What a steady pace would have won by now.
    pub planned_to_date: f64,
    /// `actual ÷ elapsed`, the end of the period at this pace (`None` before it starts).
    pub projected: Option<f64>,
    pub on_track: Option<bool>,
}

/// Pace at `as_of_day` (days since 1970) given the won amounts and their days.
pub fn pacing(g: &Goals, won: &[(i64, f64)], as_of_day: i64) -> Option<Pacing> {
    let target = g.revenue_target?;
    let p = g.period.as_ref()?;
    let (s, e) = (
        crate::lifecycle::calendar::parse_date(&p.start)?,
        crate::lifecycle::calendar::parse_date(&p.end)?,
    );
    let total = (e - s + 1) as f64;
    let done = ((as_of_day - s + 1) as f64).clamp(0.0, total);
    let elapsed = done / total;
    // Folded from +0.0: a float sum of nothing is -0.0, which prints as "-$0".
    let actual: f64 = won
        .iter()
        .filter(|(d, _)| *d >= s && *d <= e.min(as_of_day))
        .fold(0.0, |t, (_, a)| t + a);
    let projected = (elapsed > 0.0).then(|| actual / elapsed);
    Some(Pacing {
        elapsed,
        actual,
        planned_to_date: target * elapsed,
        projected,
        on_track: projected.map(|x| x >= target),
    })
}

/// Sales capacity against the MQLs the agreement produces.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CapacityCheck {
    /// Leads sales can work in a month.
    pub capacity_per_month: f64,
    /// MQLs the agreement produces in a month, on the data's pace.
    pub mqls_per_month: f64,
    /// `capacity − MQLs`: negative means more MQLs than sales can work.
    pub gap: f64,
}

/// Capacity against `mqls` produced over `data_months` months of data.
pub fn capacity(g: &Goals, mqls: u64, data_months: f64) -> Option<CapacityCheck> {
    let c = g.capacity?;
    let cap = c.reps * c.leads_per_rep_per_month;
    let per_month = if data_months > 0.0 {
        mqls as f64 / data_months
    } else {
        mqls as f64
    };
    Some(CapacityCheck {
        capacity_per_month: cap,
        mqls_per_month: per_month,
        gap: cap - per_month,
    })
}

/// A rate with the count behind it and a Wilson 95 % interval, so that 2 of 3 is not read as
/// 67 % without caution.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rate {
    pub hits: u64,
    pub of: u64,
    pub rate: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
}

/// `hits` of `of`, with its Wilson score interval at 95 %.
pub fn wilson(hits: u64, of: u64) -> Rate {
    if of == 0 {
        return Rate {
            hits,
            of,
            rate: None,
            low: None,
            high: None,
        };
    }
    let z = 1.959_963_984_540_054_f64;
    let n = of as f64;
    let p = hits.min(of) as f64 / n;
    let denom = 1.0 + z * z / n;
    let centre = (p + z * z / (2.0 * n)) / denom;
    let half = z * ((p * (1.0 - p) / n + z * z / (4.0 * n * n)).sqrt()) / denom;
    Rate {
        hits,
        of,
        rate: Some(p),
        low: Some((centre - half).max(0.0)),
        high: Some((centre + half).min(1.0)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn goals() -> Goals {
        Goals {
            revenue_target: Some(1_000_000.0),
            currency: Some("USD".into()),
            period: Some(Period {
                start: "2027-01-01".into(),
                end: "2027-12-31".into(),
            }),
            average_deal_size: Some(25_000.0),
            planned_rates: Rates {
                sql_to_won: Some(0.25),
                sal_to_sql: Some(0.5),
                mql_to_sal: Some(0.8),
                ..Rates::default()
            },
            capacity: Some(Capacity {
                reps: 4.0,
                leads_per_rep_per_month: 60.0,
            }),
        }
    }

    #[test]
    fn the_worked_example() {
        // $1,000,000 at $25,000 a deal: 40 wins; 25 % of SQLs win: 160 SQLs; half the SALs become
        // SQLs: 320 SALs; 80 % of MQLs are accepted: 400 MQLs; 10 % of leads become MQLs (from
        // the data): 4,000 leads; 2 % of visitors leave their details: 200,000 visitors.
        let measured = Rates {
            lead_to_mql: Some(0.1),
            visitor_to_lead: Some(0.02),
            sql_to_won: Some(0.9),
            ..Rates::default()
        };
        let f = reverse_funnel(&goals(), &measured, Some(99.0)).unwrap();
        let needed: Vec<(String, f64)> = f
            .steps
            .iter()
            .map(|s| (s.stage.clone(), s.needed.unwrap()))
            .collect();
        assert_eq!(
            needed,
            [
                ("won".into(), 40.0),
                ("sql".into(), 160.0),
                ("sal".into(), 320.0),
                ("mql".into(), 400.0),
                ("lead".into(), 4000.0),
                ("visitor".into(), 200_000.0)
            ]
        );
        assert_eq!(
            f.steps[1].rate_source.as_deref(),
            Some("planned"),
            "the planned 25 % beats the measured 90 %"
        );
        assert_eq!(f.steps[4].rate_source.as_deref(), Some("measured"));
        assert_eq!(f.deal_size_source, "entered");
        assert!((f.months - 12.0).abs() < 0.01, "{}", f.months);
        assert!((f.steps[3].per_month.unwrap() - 400.0 / f.months).abs() < 1e-9);
        assert!(f.missing.is_empty());
        // Without a visitor rate, the last step says why it is missing.
        let f = reverse_funnel(
            &goals(),
            &Rates {
                lead_to_mql: Some(0.1),
                ..Rates::default()
            },
            None,
        )
        .unwrap();
        assert_eq!(f.steps.last().unwrap().needed, None);
        assert_eq!(
            f.missing,
            ["visitor → lead: no rate planned, and the data cannot measure it"]
        );
        // The deal size from the data when none is entered; none at all: no funnel.
        let mut g = goals();
        g.average_deal_size = None;
        assert_eq!(
            reverse_funnel(&g, &Rates::default(), Some(50_000.0))
                .unwrap()
                .steps[0]
                .needed,
            Some(20.0)
        );
        assert!(reverse_funnel(&g, &Rates::default(), None).is_none());
    }

    #[test]
    fn pacing_at_start_middle_and_end() {
        let g = goals();
        let day = |s: &str| crate::lifecycle::calendar::parse_date(s).unwrap();
        let won = [
            (day("2027-02-10"), 200_000.0),
            (day("2027-06-01"), 300_000.0),
            (day("2026-12-31"), 999_999.0),
        ];
        // Before the period: nothing elapsed, nothing projected.
        let p = pacing(&g, &won, day("2026-12-31")).unwrap();
        assert_eq!((p.elapsed, p.actual, p.projected), (0.0, 0.0, None));
        assert!(p.actual.is_sign_positive(), "no -0 to print as -$0");
        // Mid-year (2 July, day 183 of 365): 500,000 won, on track for ~997,000: behind.
        let p = pacing(&g, &won, day("2027-07-02")).unwrap();
        assert!((p.elapsed - 183.0 / 365.0).abs() < 1e-12);
        assert_eq!(p.actual, 500_000.0);
        assert!((p.projected.unwrap() - 500_000.0 * 365.0 / 183.0).abs() < 1e-6);
        assert_eq!(p.on_track, Some(false));
        // At the end: what was won is the projection.
        let p = pacing(&g, &won, day("2027-12-31")).unwrap();
        assert_eq!((p.elapsed, p.projected), (1.0, Some(500_000.0)));
    }

    #[test]
    fn capacity_gap() {
        let c = capacity(&goals(), 3_600, 12.0).unwrap();
        assert_eq!(
            (c.capacity_per_month, c.mqls_per_month, c.gap),
            (240.0, 300.0, -60.0)
        );
    }

    #[test]
    fn wilson_intervals_match_known_values() {
        // Known values (Wilson 1927; e.g. 2 of 3: 0.208–0.939; 0 of 10: 0–0.278; 50 of 100: 0.404–0.596).
        let r = wilson(2, 3);
        assert!(
            (r.low.unwrap() - 0.2077).abs() < 1e-3 && (r.high.unwrap() - 0.9385).abs() < 1e-3,
            "{r:?}"
        );
        let r = wilson(0, 10);
        assert!(
            r.low.unwrap().abs() < 1e-12 && (r.high.unwrap() - 0.2775).abs() < 1e-3,
            "{r:?}"
        );
        let r = wilson(50, 100);
        assert!(
            (r.low.unwrap() - 0.4038).abs() < 1e-3 && (r.high.unwrap() - 0.5962).abs() < 1e-3,
            "{r:?}"
        );
        assert_eq!(wilson(0, 0).rate, None);
    }
}
