//! The design matrix of the fit: one feature per scoring rule (1/0 when it fires; a per-unit
//! rule's points as a share of its max, 0–1), and optionally candidate features drawn from the
//! columns, each written as the rule that would score it, so that what the fit sees is exactly
//! what scoring with the suggested agreement computes.
//!
//! Candidates, per column not tied to the outcome or to a person's identity: the 5 most frequent
//! values of a text or band column (`equals_any` / `between`), the middle and top thirds of a
//! number column (`between` / `at_least`), `is: true` of a yes/no column, and the 5 most
//! frequent words of job titles (`contains_any`). Rows are the closed leads no disqualifier
//! excludes.

use super::LearnError;
use crate::agreement::{Qualification, Rule};
use crate::fields::Mapping;
use crate::score::cond::{self, Cond, Ctx, MatchCache, Weight};
use crate::score::{AxisName, DISQUALIFIED};
use crate::table::{format_number, ColumnData, Table};
use crate::text::fold;

/// At most this many features (one bit each per lead).
pub const MAX_FEATURES: usize = 64;
/// Values (or words) per column offered as candidates.
const TOP: usize = 5;
/// A candidate must hold for this share of the leads at least, and fail for as many.
pub const MIN_SHARE: f64 = 0.005;
/// A text column with more distinct values than this is not a category.
const MAX_CATEGORIES: usize = 200;

/// Fields that record what happened to the lead (using them would predict the outcome from
/// itself) or who it is; never candidates.
const NOT_CANDIDATES: &[&str] = &[
    "outcome",
    "lead_id",
    "email",
    "first_name",
    "last_name",
    "company",
    "create_date",
    "lifecycle_stage",
    "mql_date",
    "sql_date",
    "opportunity_date",
    "customer_date",
    "first_touch_date",
    "sales_activities",
    "owner",
    "deal_amount",
    "last_activity_date",
];
/// Fields whose candidates go on the interest axis; the others describe the lead (fit).
const INTEREST_FIELDS: &[&str] = &[
    "page_views",
    "sessions",
    "form_submissions",
    "email_opens",
    "email_clicks",
    "recent_conversion",
];
/// Words too common to mean anything in a job title.
const STOP_WORDS: &[&str] = &["and", "the", "for", "des", "avec", "pour"];

/// One column of the design matrix.
#[derive(Debug, Clone, PartialEq)]
pub struct Feature {
    /// The rule's id (a candidate's is new, unique on its axis).
    pub id: String,
    pub axis: AxisName,
    /// Where the rule sits in the agreement: (group, rule) on its axis; `None` for a candidate.
    pub at: Option<(usize, usize)>,
    /// The rule (a candidate's condition with 0 points).
    pub rule: Rule,
    /// What it means, in words ("Industry is \"Software\"").
    pub description: String,
    /// Values other than 0 and 1 (per-unit rules).
    pub continuous: bool,
}

/// Features per closed lead, with its outcome and side of the split.
pub struct Design {
    pub features: Vec<Feature>,
    /// The lead (table row) of each design row.
    pub rows: Vec<u32>,
    pub won: Vec<bool>,
    pub holdout: Vec<bool>,
    /// Bit `j` set when binary feature `j` holds.
    pub mask: Vec<u64>,
    /// Continuous features: index and value per design row.
    pub cont: Vec<(usize, Vec<f32>)>,
    /// Design rows where each feature is not 0.
    pub matched: Vec<u64>,
    /// A fingerprint of the rows each binary feature holds for, to drop duplicates.
    sig: Vec<u64>,
}

impl Design {
    /// Feature `j`'s value on design row `r`.
    pub fn value(&self, j: usize, r: usize) -> f32 {
        match self.cont.iter().find(|(c, _)| *c == j) {
            Some((_, v)) => v[r],
            None => ((self.mask[r] >> j) & 1) as f32,
        }
    }
}

/// Build the design matrix: rule features, then candidates when asked (up to
/// [`MAX_FEATURES`]), over the closed leads not disqualified.
pub(crate) fn build(
    ctx: &Ctx,
    cache: &mut MatchCache,
    q: &Qualification,
    outcome: &[u8],
    status: &[u8],
    candidates: Option<&[String]>,
) -> Result<Design, LearnError> {
    let rows: Vec<u32> = (0..ctx.table.rows)
        .filter(|&r| matches!(outcome.get(r), Some(1 | 2)) && status.get(r) != Some(&DISQUALIFIED))
        .map(|r| r as u32)
        .collect();
    let mut d = Design {
        features: Vec::new(),
        won: rows.iter().map(|&r| outcome[r as usize] == 1).collect(),
        holdout: vec![false; rows.len()],
        mask: vec![0; rows.len()],
        cont: Vec::new(),
        matched: Vec::new(),
        sig: Vec::new(),
        rows,
    };
    // The rules first, in agreement order, then the candidates.
    let mut specs = Vec::new();
    for (axis, name) in [(&q.fit, AxisName::Fit), (&q.interest, AxisName::Interest)] {
        for (g, group) in axis.groups.iter().enumerate() {
            for (k, rule) in group.rules.iter().enumerate() {
                let text = crate::words::describe_rule(rule, "en");
                specs.push((rule.clone(), name, Some((g, k)), axis.decay, text));
            }
        }
    }
    if let Some(exclude) = candidates {
        for (rule, axis, text) in candidate_rules(ctx.table, ctx.mapping, exclude) {
            specs.push((rule, axis, None, None, text));
        }
    }
    let mut conds: Vec<Cond> = Vec::new();
    for (rule, axis, at, decay, description) in specs {
        if d.features.len() == MAX_FEATURES {
            if at.is_none() {
                break;
            }
            return Err(LearnError::new(format!(
                "the agreement has more than {MAX_FEATURES} scoring rules: too many to fit"
            )));
        }
        let c = cond::compile(&rule, ctx.table, ctx.mapping, decay);
        if at.is_none() && conds.contains(&c.cond) {
            continue;
        }
        let m = cache.get(ctx, &c.cond);
        let values = m.m.dense(ctx.table);
        let f = Feature {
            id: match at {
                Some(_) => rule.id.clone(),
                None => unique_id(&d.features, q, axis, &rule.id),
            },
            axis,
            at,
            rule,
            description,
            continuous: matches!(c.weight, Weight::PerUnit { .. }),
        };
        d.push(f, &values, c.weight);
        let j = d.features.len() - 1;
        let share = d.matched[j] as f64 / d.rows.len().max(1) as f64;
        // A candidate too rare, too common, or holding for the same leads as a feature before.
        let twin = (0..j).any(|i| d.sig[i] == d.sig[j] && d.matched[i] == d.matched[j]);
        if at.is_none() && (!(MIN_SHARE..=1.0 - MIN_SHARE).contains(&share) || twin) {
            d.pop();
            continue;
        }
        conds.push(c.cond);
    }
    Ok(d)
}

impl Design {
    /// Add a feature: a rule's match values, as the rule weighs them (1/0, or a per-unit
    /// rule's points as a share of its max).
    fn push(&mut self, f: Feature, values: &[f32], weight: Weight) {
        let x = |v: f32| match weight {
            Weight::PerUnit { per_unit, max } if per_unit > 0.0 && max > 0.0 => {
                weight.apply(v) / max
            }
            Weight::PerUnit { .. } => 0.0,
            Weight::Points(_) => (v != 0.0) as u8 as f32,
        };
        let j = self.features.len();
        let (mut matched, mut sig) = (0, 0u64);
        if f.continuous {
            let v: Vec<f32> = self.rows.iter().map(|&r| x(values[r as usize])).collect();
            matched = v.iter().filter(|&&a| a != 0.0).count() as u64;
            self.cont.push((j, v));
        } else {
            for (m, &r) in self.mask.iter_mut().zip(&self.rows) {
                if x(values[r as usize]) != 0.0 {
                    *m |= 1 << j;
                    matched += 1;
                    sig = sig.wrapping_add(super::fit::mix(r as u64));
                }
            }
        }
        self.features.push(f);
        self.matched.push(matched);
        self.sig.push(sig);
    }

    fn pop(&mut self) {
        let j = self.features.len() - 1;
        for m in &mut self.mask {
            *m &= !(1u64 << j);
        }
        if self.cont.last().is_some_and(|c| c.0 == j) {
            self.cont.pop();
        }
        self.features.pop();
        self.matched.pop();
        self.sig.pop();
    }
}

/// An id not yet used on `axis`, by the agreement's rules or the features so far.
fn unique_id(features: &[Feature], q: &Qualification, axis: AxisName, base: &str) -> String {
    let a = if axis == AxisName::Fit {
        &q.fit
    } else {
        &q.interest
    };
    let taken = |id: &str| {
        a.groups.iter().flat_map(|g| &g.rules).any(|r| r.id == id)
            || features.iter().any(|f| f.axis == axis && f.id == id)
    };
    let mut id = base.to_string();
    let mut n = 2;
    while taken(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// A lower-case id fragment: letters and digits, runs of anything else as one dash.
fn slug(s: &str) -> String {
    let mut out = String::new();
    for ch in fold(s).chars() {
        if ch.is_ascii_alphanumeric() {
            out.push(ch);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').chars().take(32).collect()
}

/// A candidate's condition, before it becomes a rule.
enum Cand {
    Contains(String),
    Equals(String),
    Between(f64, f64),
    AtLeast(f64),
    Yes,
}

/// The candidate rules drawn from the table's columns, in column order.
fn candidate_rules(
    table: &Table,
    mapping: &Mapping,
    exclude: &[String],
) -> Vec<(Rule, AxisName, String)> {
    let mut out = Vec::new();
    for (c, col) in table.columns.iter().enumerate() {
        let field = mapping.iter().find(|(_, &i)| i == c).map(|(f, _)| *f);
        if field.is_some_and(|f| NOT_CANDIDATES.contains(&f))
            || exclude
                .iter()
                .any(|e| e == &col.name || Some(e.as_str()) == field)
        {
            continue;
        }
        let rows = table.rows;
        let mut cands = Vec::new();
        match &col.data {
            ColumnData::Text { codes, dict } if field == Some("job_title") => {
                let mut words: std::collections::BTreeMap<String, u64> = Default::default();
                for (code, n) in code_counts(codes, dict.len()).into_iter().enumerate() {
                    if n == 0 || code == 0 {
                        continue;
                    }
                    let mut seen = Vec::new();
                    for w in fold(dict.get(code as u32)).split(|ch: char| !ch.is_alphanumeric()) {
                        if w.len() >= 3 && !STOP_WORDS.contains(&w) && !seen.contains(&w) {
                            seen.push(w);
                            *words.entry(w.to_string()).or_default() += n;
                        }
                    }
                }
                let (words, counts): (Vec<String>, Vec<u64>) = words.into_iter().unzip();
                for i in top(&counts, rows) {
                    cands.push(Cand::Contains(words[i].clone()));
                }
            }
            ColumnData::Text { codes, dict } if dict.len() <= MAX_CATEGORIES + 1 => {
                let mut counts = code_counts(codes, dict.len());
                counts[0] = 0;
                for code in top(&counts, rows) {
                    let v = dict.get(code as u32);
                    if !v.trim().is_empty() {
                        cands.push(Cand::Equals(v.to_string()));
                    }
                }
            }
            ColumnData::Range {
                codes,
                dict,
                bounds,
            } => {
                let mut counts = code_counts(codes, dict.len());
                counts[0] = 0;
                for code in top(&counts, rows) {
                    match bounds[code] {
                        (lo, _) if lo.is_nan() => {}
                        (lo, hi) if hi.is_finite() => cands.push(Cand::Between(lo, hi)),
                        (lo, _) => cands.push(Cand::AtLeast(lo)),
                    }
                }
            }
            ColumnData::Number(v) => cands = thirds(&v.to_vec()),
            ColumnData::Bool(_) => cands.push(Cand::Yes),
            _ => {}
        }
        let axis = if field.is_some_and(|f| INTEREST_FIELDS.contains(&f)) {
            AxisName::Interest
        } else {
            AxisName::Fit
        };
        for cand in cands {
            out.push(candidate(field.unwrap_or(&col.name), &col.name, axis, cand));
        }
    }
    out
}

/// A candidate as a rule on `field` (0 points), with its description.
fn candidate(field: &str, header: &str, axis: AxisName, c: Cand) -> (Rule, AxisName, String) {
    let mut r = Rule {
        field: Some(field.to_string()),
        points: Some(0.0),
        ..Rule::default()
    };
    let (what, text) = match c {
        Cand::Contains(w) => {
            let text = format!("contains \"{w}\"");
            r.contains_any = Some(vec![w.clone()]);
            (w, text)
        }
        Cand::Equals(v) => {
            let text = format!("is \"{v}\"");
            r.equals_any = Some(vec![v.clone()]);
            (v, text)
        }
        Cand::Between(a, b) => {
            r.between = Some([a, b]);
            let (a, b) = (format_number(a), format_number(b));
            if a == b {
                (a.clone(), format!("is {a}"))
            } else {
                (format!("{a} to {b}"), format!("between {a} and {b}"))
            }
        }
        Cand::AtLeast(a) => {
            r.at_least = Some(a);
            let a = format_number(a);
            (format!("{a} plus"), format!("at least {a}"))
        }
        Cand::Yes => {
            r.is = Some(true);
            ("yes".into(), "is yes".into())
        }
    };
    r.id = format!("s-{}-{}", slug(field), slug(&what));
    (r, axis, format!("{header} {text}"))
}

/// Leads per code.
fn code_counts(codes: &crate::table::Codes, len: usize) -> Vec<u64> {
    let mut n = vec![0u64; len];
    crate::with_codes!(codes, |v| for &c in v {
        if let Some(x) = n.get_mut(c as usize) {
            *x += 1;
        }
    });
    n
}

/// The indices of the [`TOP`] largest counts, each at least [`MIN_SHARE`] of `rows`; ties to
/// the first (picked one by one: no sort to carry in the wasm).
fn top(counts: &[u64], rows: usize) -> Vec<usize> {
    let min = (MIN_SHARE * rows as f64).ceil().max(1.0) as u64;
    let mut out: Vec<usize> = Vec::new();
    while out.len() < TOP {
        let best = (0..counts.len())
            .filter(|i| !out.contains(i) && counts[*i] >= min)
            .reduce(|a, b| if counts[b] > counts[a] { b } else { a });
        match best {
            Some(i) => out.push(i),
            None => break,
        }
    }
    out
}

/// The middle and top thirds of a number column, as `between` and `at_least` conditions.
/// Columns whose values are nearly all distinct (identifiers) give none.
fn thirds(v: &[f64]) -> Vec<Cand> {
    // A strided sample keeps the sort small on a million leads.
    let step = (v.len() / 100_000).max(1);
    let mut s: Vec<f64> = v
        .iter()
        .step_by(step)
        .copied()
        .filter(|x| !x.is_nan())
        .collect();
    s.sort_by(f64::total_cmp);
    let n = s.len();
    if n < 3 {
        return Vec::new();
    }
    let distinct = 1 + s.windows(2).filter(|w| w[0] != w[1]).count();
    if distinct * 2 > n && n > 100 {
        return Vec::new();
    }
    // Just above a cut: the next whole number for whole numbers.
    let above = |c: f64| {
        if s.iter().all(|x| x.fract() == 0.0) {
            c + 1.0
        } else {
            c
        }
    };
    let (c1, c2, max) = (s[n / 3], s[2 * n / 3], s[n - 1]);
    let mut out = Vec::new();
    if above(c1) <= c2 && c1 < c2 {
        out.push(Cand::Between(above(c1), c2));
    }
    if c2 < max {
        out.push(Cand::AtLeast(above(c2)));
    }
    out
}
