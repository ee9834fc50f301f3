//! `accord`: the native command line over the same engine as the page.
//!
//! accord sample [--rows N] [--seed S] [--out FILE]   write the built-in sample export as CSV
//! accord kpis LEADS.csv [--agreement FILE]           score and print the results as JSON
//! accord agreement                                   print the default agreement
//! accord bench [--rows N] [--seed S]                 time load, score and threshold moves
//! accord learn LEADS [--features OUT.csv] …          measure the agreement, fit points to outcomes

mod sql_cmd;

use accord::{Agreement, Workbench};
use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "usage:
  accord sample [--rows N] [--seed S] [--out FILE] [--extra-columns K]
                                                     write the built-in sample export as CSV
  accord kpis LEADS [--agreement FILE] [--sheet S] [--activities EVENTS]
                                                     score the leads and print the results as JSON
  accord agreement                                   print the default agreement
  accord learn LEADS [--agreement FILE] [--holdout F] [--split random|time] [--seed S]
                     [--l2 L] [--candidates yes|no] [--features OUT.csv]
                                                     measure the agreement against the outcomes,
                                                     fit points to them and print both as JSON;
                                                     --features writes the fit's design matrix
  accord bench [--rows N] [--seed S] [--extra-columns K]
                                                     time ingest, scoring and threshold moves
  accord sql --dialect postgres|duckdb|bigquery|snowflake|spark [--agreement FILE]
            [--leads FILE] [--table NAME] [--view NAME] [--ddl] [--keep COL,COL…]
            [--without-activities]
                                                     the agreement's scoring (fit, interest,
                                                     grade, status, reasons) as one SQL query
  accord score LEADS [--agreement FILE] [--out FILE] the engine's scored export as CSV
  accord version";

/// Default size and seed of the built-in sample, shared with the page.
const SAMPLE_ROWS: usize = 5_000;
const SAMPLE_SEED: u64 = 42;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("accord: {msg}");
            ExitCode::from(2)
        }
    }
}

struct Opts {
    positional: Vec<String>,
    flags: Vec<(String, String)>,
}

impl Opts {
    fn parse(args: &[String], known: &[&str]) -> Result<Opts, String> {
        let mut positional = Vec::new();
        let mut flags = Vec::new();
        let mut it = args.iter();
        while let Some(a) = it.next() {
            if let Some(name) = a.strip_prefix("--") {
                if !known.contains(&name) {
                    return Err(format!("unknown option --{name}\n{USAGE}"));
                }
                let v = it.next().ok_or(format!("--{name} needs a value"))?;
                flags.push((name.to_string(), v.clone()));
            } else {
                positional.push(a.clone());
            }
        }
        Ok(Opts { positional, flags })
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.flags
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn number<T: std::str::FromStr>(&self, name: &str, default: T) -> Result<T, String> {
        match self.get(name) {
            None => Ok(default),
            Some(v) => v
                .parse()
                .map_err(|_| format!("--{name} must be a whole number, not \"{v}\"")),
        }
    }
}

fn run(args: &[String]) -> Result<(), String> {
    let Some((cmd, rest)) = args.split_first() else {
        return Err(format!("no command given\n{USAGE}"));
    };
    match cmd.as_str() {
        "sample" => {
            let o = Opts::parse(rest, &["rows", "seed", "out", "extra-columns"])?;
            let rows = o.number("rows", SAMPLE_ROWS)?;
            let seed = o.number("seed", SAMPLE_SEED)?;
            let extra = o.number("extra-columns", 0)?;
            match o.get("out") {
                Some(path) => {
                    let f = std::fs::File::create(path).map_err(|e| format!("{path}: {e}"))?;
                    let mut w = std::io::BufWriter::new(f);
                    write_sample(&mut w, rows, seed, extra)
                        .and_then(|_| w.flush())
                        .map_err(|e| format!("{path}: {e}"))
                }
                None => {
                    let stdout = std::io::stdout();
                    let mut w = std::io::BufWriter::new(stdout.lock());
                    write_sample(&mut w, rows, seed, extra)
                        .and_then(|_| w.flush())
                        .map_err(|e| e.to_string())
                }
            }
        }
        "kpis" => {
            let o = Opts::parse(rest, &["agreement", "sheet", "activities"])?;
            let mut wb = load(&o, "kpis")?;
            let path = o.positional.first().map_or("", String::as_str);
            let summary = wb.summary().cloned().ok_or("no data loaded")?;
            if let Some(events) = o.get("activities") {
                let bytes = std::fs::read(events).map_err(|e| format!("{events}: {e}"))?;
                wb.load_activities_bytes(&bytes, Some(events))
                    .map_err(|e| format!("{events}: {e}"))?;
            }
            for d in &summary.diagnostics {
                eprintln!("{path}:{}: {}", d.line, d.message);
            }
            let out = serde_json::json!({ "load": summary, "results": wb.results() });
            println!(
                "{}",
                serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?
            );
            Ok(())
        }
        "learn" => learn(&Opts::parse(
            rest,
            &[
                "agreement",
                "sheet",
                "holdout",
                "split",
                "seed",
                "l2",
                "candidates",
                "features",
            ],
        )?),
        "agreement" => {
            println!("{}", Agreement::default().to_json());
            Ok(())
        }
        "bench" => {
            let o = Opts::parse(rest, &["rows", "seed", "extra-columns"])?;
            bench(
                o.number("rows", 1_000_000)?,
                o.number("seed", SAMPLE_SEED)?,
                o.number("extra-columns", 0)?,
            )
        }
        "sql" => sql_cmd::finish(sql_cmd::sql(rest)),
        "score" => sql_cmd::finish(sql_cmd::score(rest)),
        "version" | "--version" => {
            println!("accord {}", accord::VERSION);
            Ok(())
        }
        "help" | "--help" | "-h" => {
            println!("{USAGE}");
            Ok(())
        }
        other => Err(format!("unknown command \"{other}\"\n{USAGE}")),
    }
}

/// Read a leads file (and an agreement) into a workbench.
fn load(o: &Opts, what: &str) -> Result<Workbench, String> {
    let path = o
        .positional
        .first()
        .ok_or(format!("{what} needs a leads file\n{USAGE}"))?;
    let mut wb = Workbench::new();
    if let Ok(now) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        wb.set_today(now.as_secs() as i64);
    }
    if let Some(a) = o.get("agreement") {
        let json = std::fs::read_to_string(a).map_err(|e| format!("{a}: {e}"))?;
        wb.set_agreement_json(&json)
            .map_err(|e| format!("{a}: {e}"))?;
    }
    let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
    wb.begin_load(Some(path), o.get("sheet"));
    wb.push_chunk(&bytes).map_err(|e| format!("{path}: {e}"))?;
    wb.finish_load().map_err(|e| format!("{path}: {e}"))?;
    Ok(wb)
}

/// `accord learn`: the evaluation, the curve's current point and the fit, as JSON.
fn learn(o: &Opts) -> Result<(), String> {
    let mut wb = load(o, "learn")?;
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
        Some(x) => return Err(format!("--split is random or time, not \"{x}\"")),
    };
    opts.candidates = !matches!(o.get("candidates"), Some("no" | "false" | "0"));
    let t = Instant::now();
    let mut job = wb.fit_begin(&opts).map_err(|e| e.to_string())?;
    let features_ms = ms(t);
    let t = Instant::now();
    while !job.done() {
        job.step(1);
    }
    let newton_ms = ms(t);
    if let Some(path) = o.get("features") {
        std::fs::write(path, job.design_csv()).map_err(|e| format!("{path}: {e}"))?;
    }
    let t = Instant::now();
    let fit = wb.fit_result(&job).map_err(|e| e.to_string())?;
    let result_ms = ms(t);
    let out = serde_json::json!({
        "evaluation": wb.evaluation(),
        "curve": wb.threshold_curve().map(|c| serde_json::json!({
            "months": c.months, "current": c.current, "frontierPoints": c.points.len()
        })),
        "fit": fit,
        "timing": { "featuresMs": features_ms, "newtonMs": newton_ms, "resultMs": result_ms },
    });
    println!(
        "{}",
        serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?
    );
    Ok(())
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

/// Print the figures the README quotes: how long each step takes on `rows` sample leads.
fn bench(rows: usize, seed: u64, extra: usize) -> Result<(), String> {
    let t = Instant::now();
    let mut buf = Vec::new();
    write_sample(&mut buf, rows, seed, extra).map_err(|e| e.to_string())?;
    let csv = String::from_utf8(buf).map_err(|e| e.to_string())?;
    let mb = csv.len() as f64 / 1e6;
    println!(
        "generate: {rows} rows × {} columns, {mb:.1} MB: {:.0} ms",
        accord::sample::SAMPLE_HEADERS.len() + extra,
        ms(t)
    );

    // Ingest alone, streamed in 1 MiB chunks as the page's worker feeds it.
    let t = Instant::now();
    let mut ingest = accord::ingest::Ingest::new(accord::ingest::Options {
        locale: "en".into(),
        ..Default::default()
    });
    for chunk in csv.as_bytes().chunks(1 << 20) {
        ingest.push(chunk).map_err(|e| e.to_string())?;
    }
    let loaded = ingest.finish().map_err(|e| e.to_string())?;
    let secs = t.elapsed().as_secs_f64();
    println!(
        "ingest (sniff, decode, parse, type; 1 MiB chunks): {:.0} ms = {:.0} MB/s, {:.0} rows/s",
        secs * 1000.0,
        mb / secs,
        rows as f64 / secs
    );
    drop(loaded);

    let mut wb = Workbench::new();
    let t = Instant::now();
    wb.load_csv(&csv).map_err(|e| e.to_string())?;
    println!("load (parse, type, map, first scoring): {:.0} ms", ms(t));
    drop(csv);

    // The default agreement widened to 30 rules, as the qualification targets are set.
    let mut a = thirty_rules(wb.agreement().clone())?;
    wb.set_agreement(a.clone());
    let rules = a
        .qualification
        .fit
        .groups
        .iter()
        .chain(&a.qualification.interest.groups)
        .map(|g| g.rules.len())
        .sum::<usize>()
        + a.qualification.disqualify.len()
        + a.qualification.fast_track.len();

    // Full scoring: every condition evaluated, every group summed, flags and histograms built.
    const FULL: usize = 5;
    let t = Instant::now();
    for _ in 0..FULL {
        wb.rescore_from_scratch();
    }
    println!(
        "full scoring, {rules} rules (single thread): {:.0} ms each",
        ms(t) / FULL as f64
    );

    // One rule's points: its group re-summed from cached matches, then the KPIs.
    let t = Instant::now();
    const STEPS: usize = 10;
    let mut checksum = 0;
    for step in 0..STEPS {
        a.qualification.fit.groups[0].rules[0].points = Some(20.0 + step as f64);
        wb.set_agreement(a.clone());
        checksum += wb.results().mqls;
    }
    println!(
        "one rule's points changed + updated KPIs: {:.1} ms each",
        ms(t) / STEPS as f64
    );

    // Threshold moves: read from the histograms, no row touched.
    let t = Instant::now();
    const MOVES: usize = 100;
    for step in 0..MOVES {
        a.qualification.thresholds.mql.fit = (step % 100) as f64;
        wb.set_agreement(a.clone());
        checksum += wb.results().mqls;
    }
    println!(
        "threshold moved + updated KPIs: {:.3} ms each (checksum {checksum})",
        ms(t) / MOVES as f64
    );

    // Explaining a lead.
    let t = Instant::now();
    for row in 0..100 {
        let _ = wb.explain(row * 997 % rows.max(1));
    }
    println!("explain one lead: {:.3} ms", ms(t) / 100.0);
    leads_bench(&mut wb, a, rows)?;
    learn_bench(&mut wb)?;
    if let Some(kb) = peak_rss_kb() {
        println!("peak memory (VmHWM): {:.0} MB, of which the CSV text held for the benchmark: {mb:.0} MB", kb as f64 / 1024.0);
    }
    Ok(())
}

/// The leads table: the first query after an agreement change, paging, the first query that
/// needs the lifecycle facts, and the scored export.
fn leads_bench(wb: &mut Workbench, mut a: Agreement, rows: usize) -> Result<(), String> {
    a.qualification.fit.groups[0].rules[0].points = Some(33.0);
    wb.set_agreement(a);
    let mut q = accord::leads::LeadQuery {
        sort: "fit".into(),
        desc: true,
        ..Default::default()
    };
    let t = Instant::now();
    let page = wb.leads(&q).map_err(|e| e.to_string())?;
    let first = ms(t);
    const PAGES: usize = 100;
    let t = Instant::now();
    for k in 0..PAGES {
        q.offset = rows / PAGES * k;
        wb.leads(&q).map_err(|e| e.to_string())?;
    }
    println!(
        "leads table, sorted by fit: first query after an agreement change {first:.0} ms, \
         then a page of {} rows {:.2} ms ({} leads)",
        q.limit,
        ms(t) / PAGES as f64,
        page.total
    );
    let t = Instant::now();
    let q = accord::leads::LeadQuery {
        sort: "stage".into(),
        sla: vec!["overdue".into(), "pending".into()],
        ..Default::default()
    };
    let page = wb.leads(&q).map_err(|e| e.to_string())?;
    println!(
        "leads table, first query on lifecycle facts (stage sort, SLA filter): {:.0} ms ({} leads)",
        ms(t),
        page.total
    );
    let t = Instant::now();
    let mut bytes = 0;
    for start in (0..rows).step_by(20_000) {
        bytes += wb.scored_csv_chunk(start, 20_000).len();
    }
    println!(
        "scored CSV export: {:.0} ms, {:.0} MB",
        ms(t),
        bytes as f64 / 1e6
    );
    Ok(())
}

/// Learning from outcomes: the evaluation, the threshold curve, and the fit of weights with
/// candidate features, step by step as the worker runs it.
fn learn_bench(wb: &mut Workbench) -> Result<(), String> {
    let t = Instant::now();
    let e = wb.evaluation().ok_or("no outcome to evaluate")?;
    let eval = ms(t);
    let t = Instant::now();
    let curve = wb.threshold_curve().ok_or("no outcome for the curve")?;
    println!(
        "evaluation (AUCs, MQL rule, gains, calibration): {eval:.0} ms; threshold curve \
         ({} frontier points of 10,201 pairs of lines): {:.1} ms; combined AUC {:.3}",
        curve.points.len(),
        ms(t),
        e.auc.combined.value.unwrap_or(f64::NAN)
    );
    let t = Instant::now();
    let mut job = wb
        .fit_begin(&accord::learn::FitOptions::default())
        .map_err(|e| e.to_string())?;
    let features = ms(t);
    let t = Instant::now();
    while !job.done() {
        job.step(1);
    }
    let newton = ms(t);
    let passes = job.newton.passes + job.rules_only.as_ref().map_or(0, |r| r.passes);
    let t = Instant::now();
    let r = wb.fit_result(&job).map_err(|e| e.to_string())?;
    let d = &job.design;
    let candidates = d.features.iter().filter(|f| f.at.is_none()).count();
    println!(
        "fit weights, {} closed leads × {} features ({candidates} candidates): features {features:.0} ms, \
         {passes} Newton passes {newton:.0} ms ({:.0} ms a pass), result {:.0} ms; \
         holdout AUC model {:.3}, current {:.3}, suggested {:.3}",
        d.rows.len(),
        d.features.len(),
        newton / passes.max(1) as f64,
        ms(t),
        r.auc.model.unwrap_or(f64::NAN),
        r.auc.current.unwrap_or(f64::NAN),
        r.auc.suggested.unwrap_or(f64::NAN)
    );
    Ok(())
}

/// The default agreement plus rules of every kind, to reach 30 scoring rules.
fn thirty_rules(mut a: Agreement) -> Result<Agreement, String> {
    let extra = serde_json::json!({
        "fit": [
            { "id": "b-country", "field": "country", "equals_any": ["France", "Germany", "United Kingdom"], "points": 5 },
            { "id": "b-title-starts", "field": "job_title", "starts_with": ["chief", "head"], "points": 4 },
            { "id": "b-no-size", "field": "company_size", "is_empty": true, "points": -3 },
            { "id": "b-corp-mail", "field": "email", "free_mail": false, "points": 3 },
            { "id": "b-combo", "all_of": [ { "field": "industry", "equals_any": ["Software"] }, { "field": "company_size", "between": [100, 2000] } ], "points": 6 },
            { "id": "b-either", "any_of": [ { "field": "country", "equals_any": ["Belgium"] }, { "field": "country", "equals_any": ["Switzerland"] } ], "points": 2 },
            { "id": "b-source", "field": "lead_source", "contains_any": ["referral", "event"], "points": 4 },
            { "id": "b-owner", "field": "owner", "is_empty": false, "points": 1 }
        ],
        "interest": [
            { "id": "b-opens", "field": "email_opens", "per_unit": 1, "max": 10 },
            { "id": "b-recent", "field": "create_date", "within_days": 120, "points": 5 },
            { "id": "b-old", "field": "create_date", "older_than_days": 400, "points": -5 },
            { "id": "b-activities", "field": "sales_activities", "at_least": 3, "points": 4 },
            { "id": "b-webinar", "field": "recent_conversion", "equals_any": ["Webinar"], "points": 6 },
            { "id": "b-stage", "field": "lifecycle_stage", "contains_any": ["opportunity"], "points": 3 },
            { "id": "b-forms-any", "field": "form_submissions", "at_least": 1, "points": 2 }
        ]
    });
    let rules = |v: &serde_json::Value| -> Result<Vec<accord::agreement::Rule>, String> {
        serde_json::from_value(v.clone()).map_err(|e| e.to_string())
    };
    a.qualification.fit.groups.push(accord::agreement::Group {
        name: "Bench fit".into(),
        cap: Some(20.0),
        rules: rules(&extra["fit"])?,
    });
    a.qualification
        .interest
        .groups
        .push(accord::agreement::Group {
            name: "Bench interest".into(),
            cap: Some(20.0),
            rules: rules(&extra["interest"])?,
        });
    a.as_of = Some("2026-09-30".into());
    a.validate().map_err(|e| e.to_string())?;
    Ok(a)
}

/// Peak resident memory of this process (Linux), in KiB.
fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The sample export, with `extra` more columns ("Custom 1"…) to reach wider exports.
fn write_sample<W: Write>(
    out: &mut W,
    rows: usize,
    seed: u64,
    extra: usize,
) -> std::io::Result<()> {
    if extra == 0 {
        return accord::sample::write_sample_csv(out, rows, seed);
    }
    let mut w = ExtraColumns {
        out,
        extra,
        line: 0,
        pending: Vec::new(),
    };
    accord::sample::write_sample_csv(&mut w, rows, seed)?;
    w.flush()
}

/// Appends `extra` columns to every line written through it (the sample has no line breaks
/// inside values, so a line is a row).
struct ExtraColumns<'a, W: Write> {
    out: &'a mut W,
    extra: usize,
    line: u64,
    pending: Vec<u8>,
}

impl<W: Write> Write for ExtraColumns<'_, W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        for &b in buf {
            if b == b'\n' {
                for k in 1..=self.extra {
                    if self.line == 0 {
                        write!(self.pending, ",Custom {k}")?;
                    } else {
                        // Deterministic filler: a number, a code and a yes/no, by column.
                        let h = self
                            .line
                            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
                            .rotate_left(k as u32 * 7);
                        match k % 3 {
                            0 => write!(self.pending, ",{}", h % 1000)?,
                            1 => write!(self.pending, ",C{}", h % 50)?,
                            _ => {
                                write!(self.pending, ",{}", if h % 2 == 0 { "Yes" } else { "No" })?
                            }
                        }
                    }
                }
                self.line += 1;
            }
            self.pending.push(b);
            if self.pending.len() >= 1 << 16 {
                self.out.write_all(&self.pending)?;
                self.pending.clear();
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.write_all(&self.pending)?;
        self.pending.clear();
        self.out.flush()
    }
}
