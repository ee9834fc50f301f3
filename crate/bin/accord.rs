//! `accord`: the native command line over the same engine as the page.
//!
//! accord sample [--rows N] [--seed S] [--out FILE]   write the built-in sample export as CSV
//! accord kpis LEADS.csv [--agreement FILE]           score and print the results as JSON
//! accord agreement                                   print the default agreement
//! accord bench [--rows N] [--seed S]                 time load, score and threshold moves

use accord::{Agreement, Workbench};
use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "usage:
  accord sample [--rows N] [--seed S] [--out FILE]   write the built-in sample export as CSV
  accord kpis LEADS.csv [--agreement FILE]           score the leads and print the results as JSON
  accord agreement                                   print the default agreement
  accord bench [--rows N] [--seed S]                 time loading, scoring and threshold moves
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
            let o = Opts::parse(rest, &["rows", "seed", "out"])?;
            let rows = o.number("rows", SAMPLE_ROWS)?;
            let seed = o.number("seed", SAMPLE_SEED)?;
            match o.get("out") {
                Some(path) => {
                    let f = std::fs::File::create(path).map_err(|e| format!("{path}: {e}"))?;
                    let mut w = std::io::BufWriter::new(f);
                    accord::sample::write_sample_csv(&mut w, rows, seed)
                        .and_then(|_| w.flush())
                        .map_err(|e| format!("{path}: {e}"))
                }
                None => {
                    let stdout = std::io::stdout();
                    let mut w = std::io::BufWriter::new(stdout.lock());
                    accord::sample::write_sample_csv(&mut w, rows, seed)
                        .and_then(|_| w.flush())
                        .map_err(|e| e.to_string())
                }
            }
        }
        "kpis" => {
            let o = Opts::parse(rest, &["agreement"])?;
            let path = o
                .positional
                .first()
                .ok_or(format!("kpis needs a leads file\n{USAGE}"))?;
            let mut wb = Workbench::new();
            if let Some(a) = o.get("agreement") {
                let json = std::fs::read_to_string(a).map_err(|e| format!("{a}: {e}"))?;
                wb.set_agreement_json(&json)
                    .map_err(|e| format!("{a}: {e}"))?;
            }
            let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
            let summary = wb
                .load_csv(&text)
                .map_err(|e| format!("{path}: {e}"))?
                .clone();
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
        "agreement" => {
            println!("{}", Agreement::default().to_json());
            Ok(())
        }
        "bench" => {
            let o = Opts::parse(rest, &["rows", "seed"])?;
            bench(o.number("rows", 1_000_000)?, o.number("seed", SAMPLE_SEED)?)
        }
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

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

/// Print the figures the README quotes: how long each step takes on `rows` sample leads.
fn bench(rows: usize, seed: u64) -> Result<(), String> {
    let t = Instant::now();
    let csv = accord::sample::sample_csv(rows, seed);
    println!(
        "generate  {rows} rows, {:.1} MB: {:.0} ms",
        csv.len() as f64 / 1e6,
        ms(t)
    );

    let t = Instant::now();
    let loaded = accord::ingest::read_csv(&csv).map_err(|e| e.to_string())?;
    println!("parse + type (ingest only): {:.0} ms", ms(t));
    drop(loaded);

    let mut wb = Workbench::new();
    let t = Instant::now();
    wb.load_csv(&csv).map_err(|e| e.to_string())?;
    println!("load (parse, type, map, first scoring): {:.0} ms", ms(t));
    drop(csv);

    // Re-weight: change one rule's points (cached matches, no re-evaluation).
    let mut a = wb.agreement().clone();
    let t = Instant::now();
    const STEPS: usize = 10;
    for step in 0..STEPS {
        a.qualification.fit.groups[0].rules[0].points = Some(20.0 + step as f64);
        wb.set_agreement(a.clone());
    }
    println!(
        "re-score after a points change: {:.1} ms each",
        ms(t) / STEPS as f64
    );

    // Threshold moves: read from the histogram, no row touched.
    let t = Instant::now();
    let mut mqls = 0;
    const MOVES: usize = 100;
    for step in 0..MOVES {
        a.qualification.thresholds.mql.fit = (step % 100) as f64;
        wb.set_agreement(a.clone());
        mqls += wb.results().mqls;
    }
    println!(
        "threshold move + results: {:.3} ms each (checksum {mqls})",
        ms(t) / MOVES as f64
    );
    Ok(())
}
