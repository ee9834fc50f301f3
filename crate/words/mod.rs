//! The agreement in words, in English and French: a rule as a sentence (`describe`), the
//! difference between two agreements (`diff`), and the printable SLA document (`sla`). Every
//! phrase comes from one table per language (`phrases`); numbers are written the language's way
//! (`1,234.5` / `1 234,5`, `47.3%` / `47,3 %`).

pub mod describe;
pub mod diff;
mod phrases;
pub mod sla;

pub use describe::describe_rule;
pub use diff::{diff, Change};
pub use sla::{Block, Figure, SlaDoc, SlaPart};

use phrases::{EN, FIELD_KEYS, FR, KPI_KEYS, STAGE_KEYS, W};

/// The narrow no-break space French puts between thousands and before `%`.
const NNBSP: char = '\u{202f}';

/// A language the engine writes: French for `"fr"`, English for anything else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Fr,
}

impl Lang {
    /// `"fr"` is French; anything else is English.
    pub fn of(code: &str) -> Lang {
        if code == "fr" {
            Lang::Fr
        } else {
            Lang::En
        }
    }

    /// The language's code, as `Text` values are keyed.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    fn fr(self) -> bool {
        self == Lang::Fr
    }

    /// One phrase.
    pub(crate) fn w(self, w: W) -> &'static str {
        self.nth(w as usize)
    }

    #[inline(never)]
    fn nth(self, i: usize) -> &'static str {
        let table = if self.fr() { FR } else { EN };
        table.split('\u{1}').nth(i).unwrap_or("")
    }

    /// A phrase with its `{}` filled, in order, by `args`.
    #[inline(never)]
    pub(crate) fn f(self, w: W, args: &[&str]) -> String {
        fill(self.w(w), args)
    }

    /// A quoted text: “vp” / « vp ».
    #[inline(never)]
    pub(crate) fn q(self, s: &str) -> String {
        if self.fr() {
            cat(&["«\u{a0}", s, "\u{a0}»"])
        } else {
            cat(&["“", s, "”"])
        }
    }

    /// Items joined with commas and `joiner` (or, and) before the last; past `max` items, the
    /// first `max − 1` and "or N more". Each item is quoted when `quote` is set.
    #[inline(never)]
    pub(crate) fn list(self, items: &[String], max: usize, joiner: W, quote: bool) -> String {
        let n = items.len();
        let shown = if n > max.max(2) { max.max(2) - 1 } else { n };
        let mut out = String::new();
        for (i, s) in items.iter().take(shown).enumerate() {
            if i > 0 {
                out.push_str(if i + 1 == n { self.w(joiner) } else { ", " });
            }
            if quote {
                out.push_str(&self.q(s));
            } else {
                out.push_str(s);
            }
        }
        if shown < n {
            out.push_str(self.w(joiner));
            out.push_str(&self.f(W::More, &[&(n - shown).to_string()]));
        }
        out
    }

    /// A number rounded to `digits` decimals, grouped by thousands.
    #[inline(never)]
    pub(crate) fn dec(self, x: f64, digits: i32) -> String {
        if !x.is_finite() {
            return own("—");
        }
        let p = 10f64.powi(digits);
        let r = (x * p).round() / p;
        let mut s = String::new();
        if r < 0.0 {
            s.push('−');
        }
        let (decimal, group) = if self.fr() { (',', NNBSP) } else { ('.', ',') };
        crate::ingest::values::push_abs(&mut s, r, decimal, Some(group), None);
        s
    }

    /// A whole count: 1,234 / 1 234.
    #[inline(never)]
    pub(crate) fn int(self, n: u64) -> String {
        self.dec(n as f64, 0)
    }

    /// A number with at most two decimals.
    #[inline(never)]
    pub(crate) fn num(self, x: f64) -> String {
        self.dec(x, 2)
    }

    /// A ratio as a percentage with at most one decimal: 47.3% / 47,3 %.
    #[inline(never)]
    pub(crate) fn pct(self, r: f64) -> String {
        let n = self.dec(r * 100.0, 1);
        if self.fr() {
            cat(&[&n, "\u{202f}%"])
        } else {
            cat(&[&n, "%"])
        }
    }

    /// Points with their sign: +35, −10.
    #[inline(never)]
    pub(crate) fn pts(self, p: f64) -> String {
        if p > 0.0 {
            cat(&["+", &self.num(p)])
        } else {
            self.num(p)
        }
    }

    /// An amount in `currency`: $1,000,000 / 1 000 000 $US; other codes after the number.
    #[inline(never)]
    pub(crate) fn money(self, x: f64, currency: Option<&str>) -> String {
        let n = self.dec(x, 0);
        let c = currency.unwrap_or("");
        let (before, after) = match (c, self.fr()) {
            ("", _) => ("", ""),
            ("USD", false) => ("$", ""),
            ("EUR", false) => ("€", ""),
            ("GBP", false) => ("£", ""),
            ("USD", true) => ("", "\u{a0}$US"),
            ("EUR", true) => ("", "\u{a0}€"),
            ("GBP", true) => ("", "\u{a0}£"),
            (c, _) => return cat(&[&n, "\u{a0}", c]),
        };
        cat(&[before, &n, after])
    }

    /// A canonical field in words ("Job title"); any other header as written.
    pub(crate) fn field(self, name: &str) -> String {
        self.keyed(FIELD_KEYS, W::FLeadId, name)
    }

    /// A KPI's name ("MQL acceptance rate"); an unknown id as written.
    pub(crate) fn kpi(self, id: &str) -> String {
        self.keyed(KPI_KEYS, W::KMqlAcceptance, id)
    }

    /// A stage's short name ("MQL", "opportunity"), for labels such as "MQL → SAL".
    pub(crate) fn stage_short(self, id: &str) -> String {
        self.keyed(STAGE_KEYS, W::SVisitor, id)
    }

    #[inline(never)]
    fn keyed(self, keys: &[&str], first: W, key: &str) -> String {
        match keys.iter().position(|k| *k == key) {
            Some(i) => own(self.nth(first as usize + i)),
            None => own(key),
        }
    }

    /// "fit" / "adéquation" (0) or "interest" / "intérêt" (1).
    pub(crate) fn axis(self, i: usize) -> &'static str {
        self.w(if i == 0 { W::Fit } else { W::Interest })
    }
}

/// An owned copy. Not inlined, here and below: each copy site would otherwise carry its own
/// allocation code, and the WebAssembly is near its size budget.
#[inline(never)]
pub(crate) fn own(s: &str) -> String {
    s.to_owned()
}

/// The parts, end to end.
#[inline(never)]
pub(crate) fn cat(parts: &[&str]) -> String {
    parts.concat()
}

/// Owned copies of the parts: a table row.
#[inline(never)]
pub(crate) fn owned(parts: &[&str]) -> Vec<String> {
    let mut v = Vec::with_capacity(parts.len());
    for p in parts {
        v.push(own(p));
    }
    v
}

/// `template` with each `{}` replaced by the next of `args` (nothing once they run out).
#[inline(never)]
pub(crate) fn fill(template: &str, args: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 24);
    let mut args = args.iter();
    let mut rest = template;
    while let Some(i) = rest.find("{}") {
        out.push_str(&rest[..i]);
        out.push_str(args.next().copied().unwrap_or(""));
        rest = &rest[i + 2..];
    }
    out.push_str(rest);
    out
}

/// Decay in words: "half after 30 days", "−25% every 30 days", or "none".
pub(crate) fn decay_words(
    l: Lang,
    half_life: Option<f64>,
    step: Option<f64>,
    period: Option<f64>,
) -> String {
    match (half_life, step, period) {
        (Some(h), _, _) => l.f(W::DecayHalf, &[&l.num(h)]),
        (None, Some(s), Some(p)) => l.f(W::DecayStep, &[&l.pct(s / 100.0), &l.num(p)]),
        _ => own(l.w(W::None)),
    }
}
