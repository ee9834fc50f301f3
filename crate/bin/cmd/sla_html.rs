//! The SLA document as one self-contained HTML page: every text escaped, no script, no external
//! resource (a Content-Security-Policy says so to the browser too), a print stylesheet.

use accord::words::sla::{Block, SlaDoc};

/// Screen and print styles, inline: the page needs nothing else. Changing them changes
/// [`STYLE_HASH`] (tests/e2e/privacy.test.mjs opens the page in Chromium and fails on the
/// violation a stale hash causes).
const STYLE: &str = "
:root { color-scheme: light; }
body { font: 15px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #1c2330;
  max-width: 52rem; margin: 2rem auto; padding: 0 1.25rem; }
h1 { font-size: 1.8rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; border-bottom: 1px solid #d5dae3; padding-bottom: .2rem; }
.subtitle, .as-of { color: #4a5568; margin: 0; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; font-size: .93rem; }
th, td { border: 1px solid #d5dae3; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f1f4f8; }
dl.figures { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dl.figures dt { font-weight: 600; }
dl.figures dd { margin: 0; }
.note { color: #4a5568; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; color: #000; }
  h2 { break-after: avoid; }
  section { break-inside: auto; }
  table, dl.figures, li { break-inside: avoid; }
  th { background: none; }
  @page { margin: 18mm 16mm; }
}
";

/// The SHA-256 of [`STYLE`], base64: the only style the page's Content-Security-Policy allows
/// (no `'unsafe-inline'`, no script at all).
const STYLE_HASH: &str = "sha256-Ccl/SWtzVMxqPCd9sn4xuJ4W+xuRKwAzwz1KjEI2P6c=";

/// Escape text for an HTML element or a quoted attribute.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The whole document, `lang` being the language it is written in.
pub fn to_html(doc: &SlaDoc, lang: &str) -> String {
    let e = escape;
    let mut o = String::new();
    o += "<!DOCTYPE html>\n";
    o += &format!(
        "<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n",
        e(lang)
    );
    o += &format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src '{STYLE_HASH}'; base-uri 'none'; form-action 'none'\">\n"
    );
    o += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    o += &format!(
        "<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        e(&doc.title)
    );
    o += &format!(
        "<header>\n<h1>{}</h1>\n<p class=\"subtitle\">{}</p>\n",
        e(&doc.title),
        e(&doc.subtitle)
    );
    if let Some(d) = &doc.as_of {
        o += &format!("<p class=\"as-of\">{}</p>\n", e(d));
    }
    o += "</header>\n<main>\n";
    for p in &doc.parts {
        o += &format!(
            "<section id=\"{}\">\n<h2>{}. {}</h2>\n",
            e(p.id),
            p.number,
            e(&p.title)
        );
        for b in &p.blocks {
            match b {
                Block::Paragraph { text } => o += &format!("<p>{}</p>\n", e(text)),
                Block::List { items } => {
                    o += "<ul>\n";
                    for i in items {
                        o += &format!("<li>{}</li>\n", e(i));
                    }
                    o += "</ul>\n";
                }
                Block::Figures { items } => {
                    o += "<dl class=\"figures\">\n";
                    for f in items {
                        o += &format!("<dt>{}</dt><dd>{}", e(&f.label), e(&f.value));
                        if let Some(n) = &f.note {
                            o += &format!(" <span class=\"note\">({})</span>", e(n));
                        }
                        o += "</dd>\n";
                    }
                    o += "</dl>\n";
                }
                Block::Table { head, rows } => {
                    o += "<table>\n<thead><tr>";
                    for h in head {
                        o += &format!("<th scope=\"col\">{}</th>", e(h));
                    }
                    o += "</tr></thead>\n<tbody>\n";
                    for r in rows {
                        o += "<tr>";
                        for c in r {
                            o += &format!("<td>{}</td>", e(c));
                        }
                        o += "</tr>\n";
                    }
                    o += "</tbody>\n</table>\n";
                }
            }
        }
        o += "</section>\n";
    }
    o += "</main>\n</body>\n</html>\n";
    o
}
