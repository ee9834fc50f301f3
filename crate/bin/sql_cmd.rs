//! `accord sql`: the agreement's scoring as SQL for a warehouse. Options, agreement and leads
//! are read as every other command reads them (`cmd::input`), with the same exit codes.

use crate::cmd::input::{self, load_path};
use crate::cmd::{print_text, Fail};
use crate::Opts;
use accord::sql::{self, Dialect, Options, Source, SqlError};
use accord::Workbench;

/// `accord sql …`.
pub fn sql(o: &Opts) -> Result<(), Fail> {
    if let Some(p) = o.positional.first() {
        return Err(Fail::usage(format!(
            "unexpected argument \"{p}\" (the leads file goes after --leads)\n{}",
            crate::USAGE
        )));
    }
    let names: Vec<&str> = sql::DIALECTS.iter().map(|(n, _)| *n).collect();
    let dialect = match o.get("dialect") {
        None => {
            return Err(Fail::usage(format!(
                "--dialect is required: one of {}",
                names.join(", ")
            )))
        }
        Some(d) => Dialect::parse(d).ok_or_else(|| {
            Fail::usage(format!(
                "--dialect \"{d}\" is not one of {}",
                names.join(", ")
            ))
        })?,
    };
    let table = o.get("table").unwrap_or("leads");
    let (agreement, source) = match o.get("leads") {
        Some(path) => {
            let wb = load_path(o, path)?;
            let source = Source::from_workbench(table, &wb)
                .ok_or_else(|| Fail::not_input(path, "no data loaded"))?;
            (wb.agreement().clone(), source)
        }
        None => {
            if o.has("ddl") {
                return Err(Fail::usage(
                    "--ddl needs --leads FILE: the column types come from the export",
                ));
            }
            let mut wb = Workbench::new();
            input::set_agreement(&mut wb, o)?;
            let agreement = wb.agreement().clone();
            let source = Source::assumed(table, &agreement);
            (agreement, source)
        }
    };
    let mut opts = Options::new(dialect);
    opts.view = o.get("view").map(str::to_string);
    opts.activities_as_zero = o.has("without-activities");
    opts.keep = o.get("keep").map(|k| {
        k.split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    });
    let mut out = String::new();
    if o.has("ddl") {
        out.push_str(
            &source
                .ddl(dialect)
                .map_err(|e| Fail::usage(e.to_string()))?,
        );
        out.push('\n');
    }
    let query = sql::generate(&agreement, &source, &opts).map_err(|e| match e {
        SqlError::Unsupported { .. } => Fail::problems(format!(
            "{}: the agreement cannot be written in SQL: {e}",
            o.get("agreement").unwrap_or("the default agreement")
        )),
        SqlError::Input(m) => Fail::usage(m),
    })?;
    out.push_str(&query);
    print_text(&out)
}
