//! `accord bench`: the figures the README quotes, timed on the built-in sample.

use super::learn::ms;
use super::sample::write_sample;
use accord::{Agreement, Workbench};
use std::time::Instant;

/// `println!` that ends the command (exit 3) when stdout is closed, e.g. piped into `head`,
/// instead of panicking.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout(), $($arg)*).map_err(|e| format!("cannot write the figures: {e}"))?
    }};
}

/// Print the figures the README quotes: how long each step takes on `rows` sample leads.
pub fn bench(rows: usize, seed: u64, extra: usize) -> Result<(), String> {
    let t = Instant::now();
    let mut buf = Vec::new();
    write_sample(&mut buf, rows, seed, extra).map_err(|e| e.to_string())?;
    let csv = String::from_utf8(buf).map_err(|e| e.to_string())?;
    let mb = csv.len() as f64 / 1e6;
    say!(
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
    say!(
        "ingest (sniff, decode, parse, type; 1 MiB chunks): {:.0} ms = {:.0} MB/s, {:.0} rows/s",
        secs * 1000.0,
        mb / secs,
        rows as f64 / secs
    );
    drop(loaded);

    let mut wb = Workbench::new();
    let t = Instant::now();
    wb.load_csv(&csv).map_err(|e| e.to_string())?;
    say!("load (parse, type, map, first scoring): {:.0} ms", ms(t));
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
    say!(
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
    say!(
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
    say!(
        "threshold moved + updated KPIs: {:.3} ms each (checksum {checksum})",
        ms(t) / MOVES as f64
    );

    // Explaining a lead.
    let t = Instant::now();
    for row in 0..100 {
        let _ = wb.explain(row * 997 % rows.max(1));
    }
    say!("explain one lead: {:.3} ms", ms(t) / 100.0);
    leads_bench(&mut wb, a, rows)?;
    learn_bench(&mut wb)?;
    if let Some(kb) = peak_rss_kb() {
        say!("peak memory (VmHWM): {:.0} MB, of which the CSV text held for the benchmark: {mb:.0} MB", kb as f64 / 1024.0);
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
    say!(
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
    say!(
        "leads table, first query on lifecycle facts (stage sort, SLA filter): {:.0} ms ({} leads)",
        ms(t),
        page.total
    );
    let t = Instant::now();
    let mut bytes = 0;
    for start in (0..rows).step_by(20_000) {
        bytes += wb.scored_csv_chunk(start, 20_000).len();
    }
    say!(
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
    say!(
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
    say!(
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

/// `accord bench --file LEADS`: the work the page's worker does for a picked file, natively,
/// `runs` times: the file read in 1 MiB chunks and pushed to a fresh engine (sniff, decode,
/// parse, type), the load finished (map, first scoring), then the results (the KPIs the page
/// shows). A file of 8 MiB or more is read by two engines at once, as the page reads it (a
/// second thread reads it too and types half the columns). One JSON line a run, times in ms, for tests/bench/showdown.mjs.
pub fn bench_file(path: &str, runs: usize) -> Result<(), String> {
    use std::io::Read as _;
    let name = std::path::Path::new(path)
        .file_name()
        .and_then(|n| n.to_str())
        .map(str::to_string);
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        let mut file = std::fs::File::open(path).map_err(|e| format!("{path}: {e}"))?;
        let mut wb = Workbench::new();
        let size = file.metadata().map(|m| m.len()).unwrap_or(0);
        // As the page and the other commands read it: a large file by two engines at once.
        let parts = super::input::in_parts(size);
        let helper = if parts {
            wb.begin_part(name.as_deref(), None, 0, 2, None);
            wb.expect_bytes(size);
            wb.helper_options(1).map(|opts| {
                let path = path.to_string();
                std::thread::spawn(move || super::input::read_part(&path, opts))
            })
        } else {
            wb.begin_load(name.as_deref(), None);
            wb.expect_bytes(size);
            None
        };
        let mut buf = vec![0u8; 1 << 20];
        let (mut bytes, mut read_ms) = (0usize, 0.0);
        loop {
            let r = Instant::now();
            let n = file.read(&mut buf).map_err(|e| format!("{path}: {e}"))?;
            read_ms += ms(r);
            if n == 0 {
                break;
            }
            bytes += n;
            wb.push_chunk(&buf[..n]).map_err(|e| e.to_string())?;
        }
        let pushed = ms(t);
        let f = Instant::now();
        if let Some(h) = helper {
            let missing = wb.finish_part().map_err(|e| e.to_string())?;
            let share = h.join().map_err(|_| "the second part stopped")??;
            if missing > 0 {
                wb.adopt_share(share).map_err(|e| e.to_string())?;
            }
        }
        let rows = wb.finish_load().map_err(|e| e.to_string())?.rows;
        let finish = ms(f);
        let r = Instant::now();
        let results = wb.results();
        let results_ms = ms(r);
        let total = ms(t);
        say!(
            "{}",
            serde_json::json!({
                "rows": rows, "bytes": bytes, "mqls": results.mqls, "totalMs": total,
                "readMs": read_ms, "ingestMs": pushed - read_ms, "finishMs": finish,
                "resultsMs": results_ms, "parts": if parts { 2 } else { 1 },
            })
        );
    }
    if let Some(kb) = peak_rss_kb() {
        say!("{}", serde_json::json!({ "peakRssBytes": kb * 1024 }));
    }
    Ok(())
}
