//! `accord validate`: every problem of an agreement with its JSON path, what a migration from an
//! older version changed, and the warnings the page would show.

use super::input::{display_name, read_text};
use super::{print_json, print_text, Fail, Opts, EXIT_PROBLEMS};
use accord::Agreement;

pub fn validate(o: &Opts) -> Result<(), Fail> {
    let path = match o.positional.as_slice() {
        [p] => p,
        [] => {
            return Err(Fail::usage(format!(
                "validate needs an agreement file (or - for stdin)\n{}",
                crate::USAGE
            )))
        }
        [_, extra, ..] => {
            return Err(Fail::usage(format!(
                "validate reads one agreement; \"{extra}\" is one too many"
            )))
        }
    };
    let json = match o.get("format") {
        None | Some("text") => false,
        Some("json") => true,
        Some(x) => {
            return Err(Fail::usage(format!(
                "--format is text or json, not \"{x}\""
            )))
        }
    };
    let name = display_name(path);
    let text = read_text(path)?;
    if let Err(e) = serde_json::from_str::<serde::de::IgnoredAny>(&text) {
        return Err(Fail::not_input(
            name,
            format!("not JSON (line {}, column {}): {e}", e.line(), e.column()),
        ));
    }
    let problems: Vec<(String, String)> = match Agreement::parse(&text) {
        Ok((a, notes)) => {
            for n in notes {
                eprintln!("{name}: migrated: {n}");
            }
            for w in a.warnings() {
                eprintln!("{name}: warning: {w}");
            }
            Vec::new()
        }
        Err(e) => e
            .all()
            .map(|p| (p.path.clone(), p.message.clone()))
            .collect(),
    };
    if json {
        let list: Vec<serde_json::Value> = problems
            .iter()
            .map(|(path, message)| serde_json::json!({ "path": path, "message": message }))
            .collect();
        print_json(&list)?;
    } else if problems.is_empty() {
        print_text("ok\n")?;
    } else {
        let lines: String = problems
            .iter()
            .map(|(path, message)| format!("{path}: {message}\n"))
            .collect();
        print_text(&lines)?;
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Fail {
            code: EXIT_PROBLEMS,
            msg: format!(
                "{name}: {} problem{}",
                problems.len(),
                if problems.len() == 1 { "" } else { "s" }
            ),
        })
    }
}
