//! `accord kpis`: the results and every KPI, as JSON (the default, kept compatible with earlier
//! versions: `load` and `results`, plus `kpis`) or as aligned text tables for a person.

use super::input::thousands;
use super::{finish, load, print_json, print_text, Fail, Opts};
use accord::agreement::ThresholdMode;
use accord::goals::kpis::{Funnel, Kpi, KpiReport};
use accord::goals::Rate;
use accord::Workbench;

pub fn kpis(o: &Opts) -> Result<(), Fail> {
    let table = match o.get("format") {
        None | Some("json") => false,
        Some("table") => true,
        Some(x) => {
            return Err(Fail::usage(format!(
                "--format is json or table, not \"{x}\""
            )))
        }
    };
    let wb = load(o, "kpis")?;
    let report = wb.kpis(None);
    if table {
        print_text(&as_table(&wb, report.as_ref()))?;
    } else {
        let summary = wb.summary().cloned();
        print_json(&serde_json::json!({
            "load": summary,
            "results": wb.results(),
            "kpis": report,
        }))?;
    }
    finish(o, &wb)
}

/// The readable form: the scoring results, the funnel with its rates, and the KPI rows.
fn as_table(wb: &Workbench, report: Option<&KpiReport>) -> String {
    let r = wb.results();
    let t = &wb.agreement().qualification.thresholds;
    let lines = match t.mode {
        ThresholdMode::Axes => format!(
            "MQL: fit ≥ {} and interest ≥ {}; SQL: fit ≥ {} and interest ≥ {}",
            t.mql.fit, t.mql.interest, t.sql.fit, t.sql.interest
        ),
        ThresholdMode::Combined => t.combined.map_or("combined".into(), |c| {
            format!(
                "combined score (fit × {} + interest × {}): MQL ≥ {}, SQL ≥ {}",
                c.weights.fit, c.weights.interest, c.mql, c.sql
            )
        }),
    };
    let mut out = format!("Scoring ({})\n", wb.agreement().name);
    out += &aligned(
        &["", "count", "of leads"],
        &[false, true, true],
        vec![
            vec!["Leads".into(), thousands(r.leads), String::new()],
            vec!["MQLs".into(), thousands(r.mqls), pct(r.mql_rate)],
            vec!["SQLs".into(), thousands(r.sqls), pct(r.sql_rate)],
            vec![
                "Disqualified".into(),
                thousands(r.disqualified.count),
                pct(ratio(r.disqualified.count, r.leads)),
            ],
            vec![
                "Fast-tracked".into(),
                thousands(r.fast_tracked.count),
                pct(ratio(r.fast_tracked.count, r.leads)),
            ],
        ],
    );
    out += &format!("{lines}\n");
    let Some(k) = report else {
        return out + "\nNo KPIs: no data loaded.\n";
    };
    out += "\nFunnel (the stages leads reached, from the export's dates and stages)\n";
    let f: &Funnel = &k.overall;
    out += &aligned(
        &["step", "leads", "rate", "of", "95 % interval"],
        &[false, true, true, false, false],
        vec![
            vec![
                "Leads".into(),
                thousands(f.leads),
                String::new(),
                String::new(),
                String::new(),
            ],
            step("MQLs", f.mqls, &f.lead_to_mql, "leads"),
            step("SQLs", f.sqls, &f.mql_to_sql, "MQLs"),
            vec![
                "Opportunities".into(),
                thousands(f.opportunities),
                String::new(),
                String::new(),
                String::new(),
            ],
            step("Won", f.won, &f.sql_to_won, "SQLs"),
        ],
    );
    out += &format!("Lead to won: {}\n", rate(&f.lead_to_won));
    out += "\nKPIs\n";
    let rows = k.kpis.iter().map(kpi_row).collect();
    out += &aligned(
        &["KPI", "value", "target", "met", "note"],
        &[false, true, true, false, false],
        rows,
    );
    out
}

fn step(label: &str, n: u64, r: &Rate, of: &str) -> Vec<String> {
    vec![
        label.into(),
        thousands(n),
        pct(r.rate),
        of.into(),
        interval(r),
    ]
}

fn kpi_row(k: &Kpi) -> Vec<String> {
    let value = k.value.map_or("—".into(), |v| in_unit(v, &k.unit));
    let target = k.target.map_or("—".into(), |v| in_unit(v, &k.unit));
    let met = match k.met {
        Some(true) => "yes",
        Some(false) => "no",
        None => "—",
    };
    let note = match (&k.not_available, &k.rate) {
        (Some(why), _) => why.clone(),
        (None, Some(r)) => format!("{} of {}", thousands(r.hits), thousands(r.of)),
        (None, None) => String::new(),
    };
    vec![k.name.clone(), value, target, met.into(), note]
}

/// A value in its KPI's unit: rates as percentages, durations with their unit.
fn in_unit(v: f64, unit: &str) -> String {
    match unit {
        "rate" => pct(Some(v)),
        "hours" => format!("{v:.1} h"),
        "days" => format!("{v:.1} d"),
        "count" => thousands(v.max(0.0).round() as u64),
        _ => format!("{v:.2}"),
    }
}

fn ratio(a: u64, b: u64) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

fn pct(x: Option<f64>) -> String {
    x.map_or("—".into(), |x| format!("{:.1} %", x * 100.0))
}

fn rate(r: &Rate) -> String {
    format!(
        "{} ({} of {}; {})",
        pct(r.rate),
        thousands(r.hits),
        thousands(r.of),
        interval(r)
    )
}

fn interval(r: &Rate) -> String {
    match (r.low, r.high) {
        (Some(l), Some(h)) => format!("{:.1}–{:.1} %", l * 100.0, h * 100.0),
        _ => String::new(),
    }
}

/// Columns padded to their widest cell (counted in characters), numbers right-aligned.
fn aligned(head: &[&str], right: &[bool], rows: Vec<Vec<String>>) -> String {
    let width = |s: &str| s.chars().count();
    let mut w: Vec<usize> = head.iter().map(|h| width(h)).collect();
    for r in &rows {
        for (i, c) in r.iter().enumerate() {
            if let Some(x) = w.get_mut(i) {
                *x = (*x).max(width(c));
            }
        }
    }
    let line = |cells: Vec<&str>| {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            let pad = " ".repeat(w[i].saturating_sub(width(c)));
            if i > 0 {
                s.push_str("  ");
            }
            if right.get(i) == Some(&true) {
                s.push_str(&pad);
                s.push_str(c);
            } else {
                s.push_str(c);
                s.push_str(&pad);
            }
        }
        format!("{}\n", s.trim_end())
    };
    let mut out = line(head.to_vec());
    // A rule under the header, as wide as each column.
    let rule: Vec<String> = w.iter().map(|&n| "-".repeat(n)).collect();
    out += &line(rule.iter().map(String::as_str).collect());
    for r in &rows {
        out += &line(r.iter().map(String::as_str).collect());
    }
    out
}
