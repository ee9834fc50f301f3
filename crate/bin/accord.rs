//! `accord`: the native command line over the same engine as the page.
//!
//! Each subcommand lives in `cmd/`; this file holds the usage text, the option parser and the
//! dispatch (one `match` arm per command). Exit codes: see [`USAGE`].

mod cmd;
mod sql_cmd;

use accord::Agreement;
use cmd::{Fail, EXIT_IO};
use std::process::ExitCode;

// Shared with the subcommand modules (`crate::load`, `crate::Opts`).
#[allow(unused_imports)]
use cmd::load;

const USAGE: &str = "usage:
  accord score LEADS [--agreement FILE] [--activities EVENTS] [--sheet S] [--out FILE]
                     [--bom yes|no] [--strict] [--quiet]
                                                     score the leads and write the scored CSV
                                                     (the page's \"Download scored leads\")
  accord kpis LEADS [--agreement FILE] [--activities EVENTS] [--sheet S]
                    [--format json|table] [--strict] [--quiet]
                                                     score the leads and print the results and
                                                     KPIs as JSON or as tables
  accord sla [--agreement FILE] [--leads FILE] [--lang en|fr] [--format md|html] [--out FILE]
                                                     the SLA document, with the data's figures
  accord validate AGREEMENT [--format text|json]     every problem of an agreement, by JSON path
  accord sample [--rows N] [--seed S] [--out FILE] [--extra-columns K]
                                                     write the built-in sample export as CSV
  accord agreement                                   print the default agreement
  accord learn LEADS [--agreement FILE] [--holdout F] [--split random|time] [--seed S]
                     [--l2 L] [--candidates yes|no] [--features OUT.csv]
                                                     measure the agreement against the outcomes,
                                                     fit points to them and print both as JSON;
                                                     --features writes the fit's design matrix
  accord bench [--rows N] [--seed S] [--extra-columns K]
                                                     time ingest, scoring and threshold moves
  accord bench --file LEADS [--runs N]               time the page's load of a file, natively:
                                                     read in 1 MiB chunks, ingest, map, score,
                                                     results (one JSON line a run; from 8 MiB
                                                     in two threads, as the page)
  accord sql --dialect postgres|duckdb|bigquery|snowflake|spark [--agreement FILE]
            [--leads FILE] [--table NAME] [--view NAME] [--ddl] [--keep COL,COL…]
            [--without-activities]
                                                     the agreement's scoring (fit, interest,
                                                     grade, status, reasons) as one SQL query
  accord version

  score and kpis also take --today YYYY-MM-DD: the date the SLA clocks are read at (default:
  the machine's clock), so that a rerun of a nightly job gives the same file.
  LEADS (or EVENTS, AGREEMENT) may be - for stdin. Progress goes to stderr when it is a
  terminal (--quiet silences it); results go to stdout or --out.

exit codes:
  0  success
  1  the input was read but has problems: an invalid agreement (validate, or --agreement);
     with --strict, rows of LEADS that could not be read (the output is still written)
  2  usage: unknown command or option, missing or bad argument
  3  a file could not be read or written (missing, permission, disk full, closed pipe)
  4  LEADS or EVENTS is not a table (empty, an image, a PDF, a broken workbook…), or an
     agreement is not JSON";

/// Default size and seed of the built-in sample, shared with the page.
const SAMPLE_ROWS: usize = 5_000;
const SAMPLE_SEED: u64 = 42;

/// Options that take no value.
const SWITCHES: &[&str] = &["quiet", "strict", "ddl", "without-activities"];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            if !f.msg.is_empty() {
                eprintln!("accord: {}", f.msg);
            }
            ExitCode::from(f.code)
        }
    }
}

/// A command's arguments: the positional ones, and `--name value` pairs (`--name` alone for
/// the [`SWITCHES`]).
pub(crate) struct Opts {
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
                if SWITCHES.contains(&name) {
                    flags.push((name.to_string(), String::new()));
                    continue;
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

    /// Whether a switch such as `--quiet` was given.
    fn has(&self, name: &str) -> bool {
        self.flags.iter().any(|(n, _)| n == name)
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

/// The options every command that reads leads accepts.
const LEADS_OPTS: [&str; 6] = [
    "agreement",
    "sheet",
    "activities",
    "quiet",
    "strict",
    "today",
];

fn run(args: &[String]) -> Result<(), Fail> {
    let Some((cmd, rest)) = args.split_first() else {
        return Err(Fail::usage(format!("no command given\n{USAGE}")));
    };
    let with = |more: &[&'static str]| -> Vec<&'static str> { [&LEADS_OPTS[..], more].concat() };
    match cmd.as_str() {
        "score" => cmd::score::score(&Opts::parse(rest, &with(&["out", "bom"]))?),
        "kpis" => cmd::kpis::kpis(&Opts::parse(rest, &with(&["format"]))?),
        "sla" => cmd::sla::sla(&Opts::parse(
            rest,
            &with(&["leads", "lang", "format", "out"]),
        )?),
        "validate" => cmd::validate::validate(&Opts::parse(rest, &["format"])?),
        "sample" => {
            let o = Opts::parse(rest, &["rows", "seed", "out", "extra-columns"])?;
            let rows = o.number("rows", SAMPLE_ROWS)?;
            let seed = o.number("seed", SAMPLE_SEED)?;
            let extra = o.number("extra-columns", 0)?;
            let mut out = cmd::Output::to(o.get("out"))?;
            match cmd::sample::write_sample(&mut out, rows, seed, extra) {
                Ok(()) => out.finish(),
                Err(e) => Err(out.fail(e)),
            }
        }
        "learn" => cmd::learn::learn(&Opts::parse(
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
        "agreement" => cmd::print_text(&format!("{}\n", Agreement::default().to_json())),
        "bench" => {
            let o = Opts::parse(rest, &["rows", "seed", "extra-columns", "file", "runs"])?;
            match o.get("file") {
                Some(file) => cmd::bench::bench_file(file, o.number("runs", 5)?),
                None => cmd::bench::bench(
                    o.number("rows", 1_000_000)?,
                    o.number("seed", SAMPLE_SEED)?,
                    o.number("extra-columns", 0)?,
                ),
            }
            .map_err(|e| Fail {
                code: EXIT_IO,
                msg: e,
            })
        }
        "sql" => sql_cmd::sql(&Opts::parse(
            rest,
            &[
                "dialect",
                "agreement",
                "leads",
                "sheet",
                "table",
                "view",
                "keep",
                "ddl",
                "without-activities",
                "quiet",
            ],
        )?),
        "version" | "--version" => cmd::print_text(&format!("accord {}\n", accord::VERSION)),
        "help" | "--help" | "-h" => cmd::print_text(&format!("{USAGE}\n")),
        other => Err(Fail::usage(format!("unknown command \"{other}\"\n{USAGE}"))),
    }
}
