//! `accord sla`: the SLA document in words, as Markdown or a self-contained HTML page; with
//! `--leads`, its figures are measured on that data.

use super::sla_html::to_html;
use super::{finish, input, load, Fail, Opts, Output};
use accord::Workbench;

pub fn sla(o: &Opts) -> Result<(), Fail> {
    let html = match o.get("format") {
        None | Some("md") | Some("markdown") => false,
        Some("html") => true,
        Some(x) => return Err(Fail::usage(format!("--format is md or html, not \"{x}\""))),
    };
    if let Some(extra) = o.positional.first() {
        return Err(Fail::usage(format!(
            "sla takes no file argument (\"{extra}\"): give the data with --leads FILE"
        )));
    }
    let wb = match o.get("leads") {
        Some(leads) => {
            // `load` reads the first positional argument: hand it the leads file.
            let lo = Opts {
                positional: vec![leads.to_string()],
                flags: o.flags.clone(),
            };
            let wb = load(&lo, "sla")?;
            finish(&lo, &wb)?;
            wb
        }
        None => {
            let mut wb = Workbench::new();
            input::set_agreement(&mut wb, o)?;
            wb
        }
    };
    let lang = match o.get("lang") {
        None => wb.agreement().locale.clone(),
        Some(l @ ("en" | "fr")) => l.to_string(),
        Some(x) => return Err(Fail::usage(format!("--lang is en or fr, not \"{x}\""))),
    };
    let doc = wb.sla_document(&lang);
    let text = if html {
        to_html(&doc, &lang)
    } else {
        doc.to_markdown()
    };
    let mut out = Output::to(o.get("out"))?;
    out.put(text.as_bytes())?;
    out.finish()
}
