//! `accord sql`: the agreement's scoring as SQL for a warehouse; `accord score`: the engine's
//! scored export of a leads file (what the SQL is checked against).

use accord::sql::{self, Dialect, Options, Source, SqlError};
use accord::{Agreement, Workbench};
use std::io::Write;

/// Usage lines of the two commands (shown in `accord help`).
pub const USAGE: &str =
    "  accord sql --dialect postgres|duckdb|bigquery|snowflake|spark [--agreement FILE]
            [--leads FILE] [--table NAME] [--view NAME] [--ddl] [--keep COL,COL…]
            [--without-activities]
                                                     the agreement's scoring (fit, interest,
                                                     grade, status, reasons) as one SQL query
  accord score LEADS [--agreement FILE] [--out FILE] the engine's scored export as CSV";

/// A command's failure: the message and the exit code (2 usage or input, 1 an agreement the
/// SQL cannot express).
pub struct Failure(pub String, pub u8);

impl Failure {
    fn usage(msg: impl Into<String>) -> Failure {
        Failure(msg.into(), 2)
    }
}

/// The failure as the CLI's own (`accord: …` on stderr and the exit code, by `main`).
pub fn finish(r: Result<(), Failure>) -> Result<(), crate::Fail> {
    r.map_err(|Failure(msg, code)| crate::Fail { code, msg })
}

struct Args {
    positional: Vec<String>,
    values: Vec<(String, String)>,
    switches: Vec<String>,
}

impl Args {
    fn parse(args: &[String], with_value: &[&str], switches: &[&str]) -> Result<Args, Failure> {
        let mut out = Args {
            positional: Vec::new(),
            values: Vec::new(),
            switches: Vec::new(),
        };
        let mut it = args.iter();
        while let Some(a) = it.next() {
            match a.strip_prefix("--") {
                Some(name) if with_value.contains(&name) => {
                    let v = it
                        .next()
                        .ok_or_else(|| Failure::usage(format!("--{name} needs a value")))?;
                    out.values.push((name.to_string(), v.clone()));
                }
                Some(name) if switches.contains(&name) => out.switches.push(name.to_string()),
                Some(name) => {
                    return Err(Failure::usage(format!(
                        "unknown option --{name}\nusage:\n{USAGE}"
                    )))
                }
                None => out.positional.push(a.clone()),
            }
        }
        Ok(out)
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.values
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn on(&self, name: &str) -> bool {
        self.switches.iter().any(|s| s == name)
    }
}

fn read_agreement(path: Option<&str>) -> Result<Agreement, Failure> {
    match path {
        None => Ok(Agreement::default()),
        Some(p) => {
            let json =
                std::fs::read_to_string(p).map_err(|e| Failure::usage(format!("{p}: {e}")))?;
            Agreement::from_json(&json).map_err(|e| Failure::usage(format!("{p}: {e}")))
        }
    }
}

fn load(wb: &mut Workbench, path: &str) -> Result<(), Failure> {
    let bytes = std::fs::read(path).map_err(|e| Failure::usage(format!("{path}: {e}")))?;
    wb.begin_load(Some(path), None);
    wb.push_chunk(&bytes)
        .map_err(|e| Failure::usage(format!("{path}: {e}")))?;
    wb.finish_load()
        .map_err(|e| Failure::usage(format!("{path}: {e}")))?;
    Ok(())
}

/// `accord sql …`.
pub fn sql(args: &[String]) -> Result<(), Failure> {
    let o = Args::parse(
        args,
        &["dialect", "agreement", "leads", "table", "view", "keep"],
        &["ddl", "without-activities"],
    )?;
    if let Some(p) = o.positional.first() {
        return Err(Failure::usage(format!(
            "unexpected argument \"{p}\" (the leads file goes after --leads)\nusage:\n{USAGE}"
        )));
    }
    let names: Vec<&str> = sql::DIALECTS.iter().map(|(n, _)| *n).collect();
    let dialect = match o.get("dialect") {
        None => {
            return Err(Failure::usage(format!(
                "--dialect is required: one of {}",
                names.join(", ")
            )))
        }
        Some(d) => Dialect::parse(d).ok_or_else(|| {
            Failure::usage(format!(
                "--dialect \"{d}\" is not one of {}",
                names.join(", ")
            ))
        })?,
    };
    let agreement = read_agreement(o.get("agreement"))?;
    let table = o.get("table").unwrap_or("leads");
    let source = match o.get("leads") {
        Some(path) => {
            let mut wb = Workbench::new();
            wb.set_agreement(agreement.clone());
            load(&mut wb, path)?;
            Source::from_workbench(table, &wb)
                .ok_or_else(|| Failure::usage(format!("{path}: no data loaded")))?
        }
        None => {
            if o.on("ddl") {
                return Err(Failure::usage(
                    "--ddl needs --leads FILE: the column types come from the export",
                ));
            }
            Source::assumed(table, &agreement)
        }
    };
    let mut opts = Options::new(dialect);
    opts.view = o.get("view").map(str::to_string);
    opts.activities_as_zero = o.on("without-activities");
    opts.keep = o.get("keep").map(|k| {
        k.split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    });
    let mut out = String::new();
    if o.on("ddl") {
        out.push_str(
            &source
                .ddl(dialect)
                .map_err(|e| Failure::usage(e.to_string()))?,
        );
        out.push('\n');
    }
    let query = sql::generate(&agreement, &source, &opts).map_err(|e| match e {
        SqlError::Unsupported { .. } => Failure(
            format!(
                "{}: the agreement cannot be written in SQL: {e}",
                o.get("agreement").unwrap_or("the default agreement")
            ),
            1,
        ),
        SqlError::Input(m) => Failure::usage(m),
    })?;
    out.push_str(&query);
    std::io::stdout()
        .lock()
        .write_all(out.as_bytes())
        .map_err(|e| Failure::usage(e.to_string()))
}
