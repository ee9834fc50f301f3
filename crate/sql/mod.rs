//! The agreement's scoring as one SQL query or view: fit, interest, grade, status and reasons
//! per lead, computed in the warehouse exactly as the engine computes them (see
//! [`crate::score::axis`] for the formula). Dialect differences live in [`dialect`]; what cannot
//! be written in SQL is an error naming the rule's JSON path, never a silently different query.

pub mod dialect;
mod source;
mod text;

pub use dialect::{Dialect, DIALECTS};
pub use source::{default_kind, Column, Kind, Source};
use text::{cell_text, free_mail_sql, Band, CONTROL_SPACES};
pub use text::{fold_sql, word_pattern};

use crate::agreement::{Agreement, Axis, Rule, ThresholdMode};
use crate::text::fold;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// A rule (or a source) the SQL cannot express, with where and why.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SqlError {
    #[error("{path}: {why}")]
    Unsupported { path: String, why: String },
    #[error("{0}")]
    Input(String),
}

/// What to write.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    pub dialect: Dialect,
    /// `CREATE OR REPLACE VIEW name AS …`; `None`: the bare query.
    pub view: Option<String>,
    /// Columns to keep in front of the scores (`None`: every column of the table when known,
    /// else the columns the rules read).
    pub keep: Option<Vec<String>>,
    /// Score activity rules (events from a separate file) as 0, as the engine does without an
    /// activities file; otherwise they are an error.
    pub activities_as_zero: bool,
}

impl Options {
    /// A bare query in `dialect`.
    pub fn new(dialect: Dialect) -> Options {
        Options {
            dialect,
            view: None,
            keep: None,
            activities_as_zero: false,
        }
    }
}

/// The columns the query adds after the kept ones.
pub const OUTPUT_COLUMNS: &[&str] = &["fit", "interest", "grade", "status", "reasons"];

/// Yes/no words, as the engine reads them from a text column.
const TRUE_WORDS: &[&str] = &["yes", "y", "true", "1", "oui", "vrai", "x"];
const FALSE_WORDS: &[&str] = &["no", "n", "false", "0", "non", "faux"];

/// Prefix of the query's working columns (kept out of the result).
const P: &str = "_accord_";

struct Gen<'a> {
    d: Dialect,
    src: &'a Source,
    opts: &'a Options,
    today: String,
    /// Columns the rules read, in first-use order.
    read: Vec<String>,
    /// Text and band columns the rules read, as cells computed once per lead (see `cell`).
    cells: Vec<String>,
}

/// The agreement's scoring over `src` as SQL text.
pub fn generate(a: &Agreement, src: &Source, opts: &Options) -> Result<String, SqlError> {
    let d = opts.dialect;
    if src.table.trim().is_empty() {
        return Err(SqlError::Input("the table name is empty".into()));
    }
    let mut g = Gen {
        d,
        src,
        opts,
        today: d.day(a.as_of.as_deref()),
        read: Vec::new(),
        cells: Vec::new(),
    };
    let q = &a.qualification;

    // Level 1: each rule's points, the disqualifier and fast-track that apply.
    let mut rules: Vec<(String, String)> = Vec::new(); // (id, points expression)
    let mut axes: Vec<Vec<(Option<f64>, Vec<usize>)>> = Vec::new();
    for (axis_name, axis) in [("fit", &q.fit), ("interest", &q.interest)] {
        axes.push(g.axis(axis_name, axis, &mut rules)?);
    }
    let mut flags = String::new();
    for (list, name) in [(&q.disqualify, "disqualify"), (&q.fast_track, "fast_track")] {
        let mut e = String::from("CASE");
        for (k, r) in list.iter().enumerate() {
            let c = g.cond(r, &format!("qualification.{name}[{k}]"))?;
            let _ = write!(e, " WHEN {c} THEN {}", k + 1);
        }
        e.push_str(" ELSE 0 END");
        if list.is_empty() {
            e = "0".into();
        }
        let col = if name == "disqualify" { "dq" } else { "ft" };
        let _ = write!(flags, ",\n    {e} AS {}", g.w(col));
    }
    let mut l1 = String::from("SELECT t.*");
    for (i, (_, e)) in rules.iter().enumerate() {
        let _ = write!(l1, ",\n    {e} AS {}", g.w(&format!("v{i}")));
    }
    l1.push_str(&flags);
    let _ = write!(l1, "\n  FROM {} AS t", g.cte("cells"));
    // Level 0: each text column read, as the engine holds it, folded, folded and trimmed.
    let mut l0 = String::from("SELECT t.*");
    // What Rust's `trim` takes off a folded text (no-break spaces are spaces once folded),
    // written without control characters in the SQL text.
    let whitespace = std::iter::once(32)
        .chain(CONTROL_SPACES.iter().copied())
        .map(|c| d.char_of(c))
        .collect::<Vec<_>>()
        .join(" || ");
    for (k, col) in g.cells.iter().enumerate() {
        let cell = cell_text(d, col);
        let folded = fold_sql(d, &cell);
        // Tabs and line breaks are word boundaries as spaces are: made spaces here, the word
        // pattern holds no control character.
        let mut spaced = folded.clone();
        for c in CONTROL_SPACES {
            spaced = format!("REPLACE({spaced}, {}, ' ')", d.char_of(*c));
        }
        let _ = write!(
            l0,
            ",\n    {cell} AS {},\n    {spaced} AS {},\n    {} AS {}",
            g.w(&format!("c{k}")),
            g.w(&format!("f{k}")),
            d.trim_set(&folded, &whitespace),
            g.w(&format!("g{k}")),
        );
    }
    let _ = write!(l0, "\n  FROM {} AS t", d.qualified(&src.table));

    // Level 2: the scores, and each rule's points as the reasons show them.
    let zero = g.num(0.0);
    let mut l2 = String::from("SELECT a.*");
    for (axis_name, groups) in ["fit", "interest"].iter().zip(&axes) {
        let mut raw: Vec<String> = Vec::new();
        for (cap, members) in groups {
            let sum = if members.is_empty() {
                zero.clone()
            } else {
                members
                    .iter()
                    .map(|i| format!("a.{}", g.w(&format!("v{i}"))))
                    .collect::<Vec<_>>()
                    .join(" + ")
            };
            raw.push(match cap {
                Some(c) => g.clamp(&format!("({sum})"), -c, *c),
                None => format!("({sum})"),
            });
        }
        let raw = if raw.is_empty() {
            zero.clone()
        } else {
            raw.join(" + ")
        };
        let score = g.round2(&g.clamp(&format!("({raw})"), 0.0, 100.0));
        let _ = write!(l2, ",\n    {score} AS {}", g.w(axis_name));
    }
    for i in 0..rules.len() {
        let v = format!("a.{}", g.w(&format!("v{i}")));
        let _ = write!(l2, ",\n    {} AS {}", g.round2(&v), g.w(&format!("x{i}")));
    }
    l2.push_str(&format!("\n  FROM {} AS a", g.cte("rules")));

    // Level 3: the combined score (combined mode), grade, status, reasons.
    let fit = format!("b.{}", g.w("fit"));
    let int = format!("b.{}", g.w("interest"));
    let t = &q.thresholds;
    let (mql, sql) = match (t.mode, t.combined) {
        (ThresholdMode::Combined, Some(c)) => {
            let comb = g.round2(&g.clamp(
                &format!(
                    "({fit} * {} + {int} * {})",
                    g.num(c.weights.fit),
                    g.num(c.weights.interest)
                ),
                0.0,
                100.0,
            ));
            (
                format!("{comb} >= {}", g.num(c.mql)),
                format!("{comb} >= {}", g.num(c.sql)),
            )
        }
        _ => {
            let line = |l: &crate::agreement::Line| {
                format!(
                    "{fit} >= {} AND {int} >= {}",
                    g.num(l.fit),
                    g.num(l.interest)
                )
            };
            (line(&t.mql), line(&t.sql))
        }
    };
    let dq = format!("b.{}", g.w("dq"));
    let ft = format!("b.{}", g.w("ft"));
    let status = format!(
        "CASE WHEN {dq} > 0 THEN 'disqualified' WHEN {sql} THEN 'sql' WHEN {ft} > 0 THEN 'fast_track' \
         WHEN {mql} THEN 'mql' ELSE 'lead' END"
    );
    let grade = format!(
        "{} || {}",
        g.grade(&fit, &q.grades.fit),
        g.grade(&int, &q.grades.interest)
    );
    let mut reasons: Vec<String> = Vec::new();
    for (list, flag, extra) in [
        (&q.disqualify, &dq, String::new()),
        (&q.fast_track, &ft, format!("{dq} = 0 AND ")),
    ] {
        if list.is_empty() {
            continue;
        }
        let mut e = String::from("CASE");
        for (k, r) in list.iter().enumerate() {
            let why = r.reason.clone().unwrap_or_else(|| r.id.clone());
            let _ = write!(
                e,
                " WHEN {extra}{flag} = {} THEN {}",
                k + 1,
                d.string(&format!("; {why}"))
            );
        }
        e.push_str(" ELSE '' END");
        reasons.push(e);
    }
    for (i, (id, _)) in rules.iter().enumerate() {
        let x = format!("b.{}", g.w(&format!("x{i}")));
        let int_text = d.text(&format!("CAST({x} AS {})", d.int_type()));
        let text = format!(
            "CASE WHEN {x} = FLOOR({x}) THEN {int_text} ELSE {} END",
            d.text(&x)
        );
        reasons.push(format!(
            "CASE WHEN {x} <> 0 THEN {} || CASE WHEN {x} > 0 THEN '+' ELSE '' END || {text} ELSE '' END",
            d.string(&format!("; {id} "))
        ));
    }
    let reasons = if reasons.is_empty() {
        "''".to_string()
    } else {
        format!(
            "SUBSTR({}, 3)",
            reasons
                .iter()
                .map(|r| format!("({r})"))
                .collect::<Vec<_>>()
                .join(" || ")
        )
    };

    let keep: Vec<String> = match (&opts.keep, &src.columns) {
        (Some(k), _) => k.clone(),
        (None, Some(cols)) => cols.iter().map(|c| c.name.clone()).collect(),
        (None, None) => g.read.clone(),
    };
    let mut out = String::new();
    if let Some(v) = &opts.view {
        if v.trim().is_empty() {
            return Err(SqlError::Input("the view name is empty".into()));
        }
        out.push_str(&d.create_view(v));
        out.push('\n');
    }
    // Two steps as common table expressions, kept apart where the dialect allows: inlined, each
    // rule's test would be repeated wherever a score is used.
    let m = d.materialized();
    let _ = write!(
        out,
        "WITH {} AS {m}(\n  {l0}\n), {} AS {m}(\n  {l1}\n), {} AS {m}(\n  {l2}\n)\n",
        g.cte("cells"),
        g.cte("rules"),
        g.cte("scores")
    );
    out.push_str("SELECT");
    for k in &keep {
        let _ = write!(out, "\n  b.{},", d.ident(&d.column_name(k)));
    }
    let _ = write!(
        out,
        "\n  {fit} AS fit,\n  {int} AS interest,\n  {grade} AS grade,\n  {status} AS status,\n  {reasons} AS reasons\nFROM {} AS b",
        g.cte("scores")
    );
    if opts.view.is_some() {
        out.push(';');
    }
    out.push('\n');
    Ok(out)
}

impl Gen<'_> {
    /// A common table expression's quoted name.
    fn cte(&self, name: &str) -> String {
        self.d.ident(&format!("{P}{name}"))
    }

    /// A working column's quoted name.
    fn w(&self, name: &str) -> String {
        self.d.ident(&format!("{P}{name}"))
    }

    /// A number in the score type, as the engine converts it (`as f32`).
    fn num(&self, x: f64) -> String {
        let lit = if self.d.has_f32() {
            format!("{}", x as f32)
        } else {
            format!("{x}")
        };
        self.d.score(&lit)
    }

    /// `e` clamped to `[lo, hi]` (in the score type).
    fn clamp(&self, e: &str, lo: f64, hi: f64) -> String {
        let (lo, hi) = (self.num(lo), self.num(hi));
        format!("LEAST(GREATEST({e}, {lo}), {hi})")
    }

    /// `e` rounded to 0.01, half away from zero, as `(e * 100).round() / 100` in the score type.
    fn round2(&self, e: &str) -> String {
        let d = self.d;
        let h = d.double(&format!("({e} * {})", self.num(100.0)));
        let r = format!("SIGN({h}) * FLOOR(ABS({h}) + 0.5)");
        format!("({} / {})", d.score(&r), self.num(100.0))
    }

    /// The grade label of a score (`''` when no band holds it).
    fn grade(&self, score: &str, grades: &BTreeMap<String, f64>) -> String {
        let bands = crate::score::results::bands(grades);
        let mut e = String::from("CASE");
        for (label, lo, hi) in bands {
            if lo >= hi {
                continue;
            }
            // Bands come highest first and the first that holds wins, so the lower bound alone
            // decides.
            let _ = write!(e, " WHEN {score} >= {lo} THEN {}", self.d.string(&label));
        }
        e.push_str(" ELSE '' END");
        e
    }

    /// The rules of an axis as points expressions (pushed onto `rules`), and per group its cap
    /// and the indexes of its rules.
    #[allow(clippy::type_complexity)]
    fn axis(
        &mut self,
        name: &str,
        axis: &Axis,
        rules: &mut Vec<(String, String)>,
    ) -> Result<Vec<(Option<f64>, Vec<usize>)>, SqlError> {
        let mut groups = Vec::new();
        for (gi, group) in axis.groups.iter().enumerate() {
            let mut members = Vec::new();
            for (ri, r) in group.rules.iter().enumerate() {
                let path = format!("qualification.{name}.groups[{gi}].rules[{ri}]");
                let e = self.points(r, &path)?;
                members.push(rules.len());
                rules.push((r.id.clone(), e));
            }
            groups.push((group.cap, members));
        }
        Ok(groups)
    }

    /// What a scoring rule adds, in the score type.
    fn points(&mut self, r: &Rule, path: &str) -> Result<String, SqlError> {
        let zero = self.num(0.0);
        if let Some(per_unit) = r.per_unit {
            let units = self.units(r, path)?;
            let max = self.num(r.max.unwrap_or(0.0));
            let pu = self.num(per_unit);
            let pos = format!("CASE WHEN {units} > {zero} THEN {units} ELSE {zero} END");
            let v = format!("({pu} * {pos})");
            return Ok(format!("CASE WHEN {v} < {max} THEN {v} ELSE {max} END"));
        }
        let c = self.cond(r, path)?;
        Ok(format!(
            "CASE WHEN {c} THEN {} ELSE {zero} END",
            self.num(r.points.unwrap_or(0.0))
        ))
    }

    /// A text or band column's cell as the engine holds it, that cell folded, and folded and
    /// trimmed: working columns of the first step, so that each is computed once per lead.
    fn cell(&mut self, col: &str) -> (String, String, String) {
        let k = match self.cells.iter().position(|c| c == col) {
            Some(k) => k,
            None => {
                self.cells.push(col.to_string());
                self.cells.len() - 1
            }
        };
        let at = |p: &str| format!("t.{}", self.w(&format!("{p}{k}")));
        (at("c"), at("f"), at("g"))
    }

    fn column(&mut self, r: &Rule) -> Option<(String, Kind)> {
        let c = self.src.resolve(r.field.as_deref()?, r)?;
        if !self.read.contains(&c.name) {
            self.read.push(c.name.clone());
        }
        Some((
            format!("t.{}", self.d.ident(&self.d.column_name(&c.name))),
            c.kind,
        ))
    }

    /// The number a per-unit rule counts, in the score type (0 when empty).
    fn units(&mut self, r: &Rule, path: &str) -> Result<String, SqlError> {
        let zero = self.num(0.0);
        if r.activity.is_some() {
            return self.activity(path).map(|_| zero);
        }
        let Some((col, kind)) = self.column(r) else {
            return Ok(zero);
        };
        match kind {
            Kind::Number => Ok(format!("COALESCE({}, {zero})", self.d.score(&col))),
            Kind::Bool => Ok(format!(
                "CASE WHEN {col} IS NULL THEN {zero} WHEN {col} THEN {} ELSE {zero} END",
                self.num(1.0)
            )),
            Kind::Date => Ok(zero),
            Kind::Range | Kind::Text => {
                self.bands_readable(r, &format!("{path}.per_unit"))?;
                let (cell, _, _) = self.cell(&col);
                let b = Band::of(self.d, &cell);
                Ok(format!(
                    "CASE WHEN {} THEN {} WHEN {} AND {lo} = {hi} THEN {} ELSE {zero} END",
                    b.plain,
                    self.d.score(&b.plain_value),
                    b.dash,
                    self.d.score(&b.dash_lo),
                    lo = b.dash_lo,
                    hi = b.dash_hi,
                ))
            }
        }
    }

    /// An error when the rule's band column holds a value the SQL reads otherwise.
    fn bands_readable(&self, r: &Rule, path: &str) -> Result<(), SqlError> {
        let c = r.field.as_deref().and_then(|f| self.src.resolve(f, r));
        match c.and_then(|c| c.unread.map(|v| (c.name, v))) {
            Some((name, v)) => Err(unsupported(
                path,
                &format!(
                    "the column \"{name}\" holds the band \"{v}\", which the SQL reads only as \
                     51-200, 10000+ or 350: rewrite such values in the export"
                ),
            )),
            None => Ok(()),
        }
    }

    fn activity(&self, path: &str) -> Result<(), SqlError> {
        if self.opts.activities_as_zero {
            Ok(())
        } else {
            Err(unsupported(
                &format!("{path}.activity"),
                "counts events from a separate activities file, which the query does not read; \
                 score it as 0 (as the engine does without an activities file) with \
                 --without-activities, or remove the rule",
            ))
        }
    }

    /// A rule's condition as a boolean expression that is never NULL.
    fn cond(&mut self, r: &Rule, path: &str) -> Result<String, SqlError> {
        for (name, parts, op) in [
            ("all_of", &r.all_of, " AND "),
            ("any_of", &r.any_of, " OR "),
        ] {
            if let Some(parts) = parts {
                let mut v = Vec::new();
                for (i, p) in parts.iter().enumerate() {
                    v.push(self.cond(p, &format!("{path}.{name}[{i}]"))?);
                }
                return Ok(format!("({})", v.join(op)));
            }
        }
        if r.activity.is_some() {
            self.activity(path)?;
            return Ok("(1 = 0)".into());
        }
        let Some((col, kind)) = self.column(r) else {
            return Ok("(1 = 0)".into());
        };
        let e = self.leaf(r, path, &col, kind)?;
        Ok(format!("COALESCE({e}, 1 = 0)"))
    }

    fn leaf(&mut self, r: &Rule, path: &str, col: &str, kind: Kind) -> Result<String, SqlError> {
        let d = self.d;
        let field = r.field.as_deref().unwrap_or_default();
        let not_on = |cond: &str| {
            unsupported(
                &format!("{path}.{cond}"),
                &format!(
                    "{cond} on \"{field}\", a {} column, is not written in SQL: load the column as text, or use a condition for {}s",
                    kind.label(),
                    kind.label()
                ),
            )
        };
        let cond = r.condition_name();
        let bounds = || -> Option<(f64, f64)> {
            if let Some([lo, hi]) = r.between {
                Some((lo, hi))
            } else if let Some(lo) = r.at_least {
                Some((lo, f64::INFINITY))
            } else {
                r.at_most.map(|hi| (f64::NEG_INFINITY, hi))
            }
        };
        let range_sql = |x: &str, (lo, hi): (f64, f64)| {
            let mut parts = Vec::new();
            if lo.is_finite() {
                parts.push(format!("{x} >= {}", lit(lo)));
            }
            if hi.is_finite() {
                parts.push(format!("{x} <= {}", lit(hi)));
            }
            if parts.is_empty() {
                format!("{x} IS NOT NULL")
            } else {
                format!("({})", parts.join(" AND "))
            }
        };
        match kind {
            Kind::Number => {
                if let Some(b) = bounds() {
                    return Ok(range_sql(col, b));
                }
                if let Some(e) = r.is_empty {
                    return Ok(format!("{col} IS {}NULL", if e { "" } else { "NOT " }));
                }
                if let Some(want) = r.is {
                    return Ok(format!("{col} {} 0", if want { "<>" } else { "=" }));
                }
                Err(not_on(cond))
            }
            Kind::Date => {
                if let Some(e) = r.is_empty {
                    return Ok(format!("{col} IS {}NULL", if e { "" } else { "NOT " }));
                }
                let age = d.days_since(col, &self.today);
                if let Some(n) = r.within_days {
                    return Ok(format!("({age} >= 0 AND {age} <= {})", lit(n)));
                }
                if let Some(n) = r.older_than_days {
                    return Ok(format!("({age} > {})", lit(n)));
                }
                // The engine's other conditions never hold on a date.
                Ok("(1 = 0)".into())
            }
            Kind::Bool => {
                if let Some(e) = r.is_empty {
                    return Ok(format!("{col} IS {}NULL", if e { "" } else { "NOT " }));
                }
                if let Some(want) = r.is {
                    return Ok(format!("{col} = {}", if want { "TRUE" } else { "FALSE" }));
                }
                if let Some(b) = bounds() {
                    let n = format!("CASE WHEN {col} THEN 1 ELSE 0 END");
                    return Ok(format!("({col} IS NOT NULL AND {})", range_sql(&n, b)));
                }
                Err(not_on(cond))
            }
            Kind::Range | Kind::Text => {
                let (v, folded_cell, folded_trim) = self.cell(col);
                if let Some((lo, hi)) = bounds() {
                    self.bands_readable(r, &format!("{path}.{cond}"))?;
                    let b = Band::of(d, &v);
                    let over = |a: &str, z: &str| {
                        let mut p = Vec::new();
                        if hi.is_finite() {
                            p.push(format!("{a} <= {}", lit(hi)));
                        }
                        if lo.is_finite() {
                            p.push(format!("{z} >= {}", lit(lo)));
                        }
                        if p.is_empty() {
                            "1 = 1".to_string()
                        } else {
                            p.join(" AND ")
                        }
                    };
                    let above = if hi.is_finite() {
                        format!("{} <= {}", b.plus_lo, lit(hi))
                    } else {
                        "1 = 1".to_string()
                    };
                    return Ok(format!(
                        "CASE WHEN {} THEN ({}) WHEN {} THEN ({above}) WHEN {} THEN ({} <= {} AND {}) ELSE 1 = 0 END",
                        b.plain,
                        over(&b.plain_value, &b.plain_value),
                        b.plus,
                        b.dash,
                        b.dash_lo,
                        b.dash_hi,
                        over(&b.dash_lo, &b.dash_hi),
                    ));
                }
                if let Some(keys) = &r.contains_any {
                    let keys = folded(keys);
                    if keys.is_empty() {
                        return Ok("(1 = 0)".into());
                    }
                    return Ok(d.regex_matches(&folded_cell, &word_pattern(&keys)));
                }
                if let Some(values) = &r.equals_any {
                    let values = folded(values);
                    if values.is_empty() {
                        return Ok("(1 = 0)".into());
                    }
                    return Ok(format!("{folded_trim} IN ({})", self.list(&values)));
                }
                if let Some(prefixes) = &r.starts_with {
                    let v: Vec<String> = folded(prefixes)
                        .iter()
                        .map(|p| {
                            format!(
                                "SUBSTR({folded_trim}, 1, {}) = {}",
                                p.chars().count(),
                                d.string(p)
                            )
                        })
                        .collect();
                    if v.is_empty() {
                        return Ok("(1 = 0)".into());
                    }
                    return Ok(format!("({})", v.join(" OR ")));
                }
                if let Some(e) = r.is_empty {
                    return Ok(format!("{folded_trim} {} ''", if e { "=" } else { "<>" }));
                }
                if let Some(want) = r.is {
                    let words = if want { TRUE_WORDS } else { FALSE_WORDS };
                    let words: Vec<String> = words.iter().map(|w| w.to_string()).collect();
                    return Ok(format!("{folded_trim} IN ({})", self.list(&words)));
                }
                if r.within_days.is_some() || r.older_than_days.is_some() {
                    return Ok("(1 = 0)".into());
                }
                let at = d.strpos(&v, "'@'");
                // Everything after the last '@', lower-cased, as the engine's e-mail index.
                let host = format!("LOWER({})", d.regex_remove(&v, "^([^@]*@)+"));
                if let Some(want) = r.free_mail {
                    let free = free_mail_sql(d, &host);
                    let test = if want { free } else { format!("NOT {free}") };
                    return Ok(format!("({at} > 0 AND {test})"));
                }
                if let Some(list) = &r.domain_in {
                    let list: Vec<String> = list
                        .iter()
                        .map(|x| x.trim().to_lowercase())
                        .filter(|x| !x.is_empty())
                        .collect();
                    let mut alts = vec![format!("{host} IN ({})", self.list(&list))];
                    for x in &list {
                        let n = x.chars().count() + 1;
                        alts.push(format!(
                            "({len} > {n} AND SUBSTR({host}, {len} - {n} + 1) = {})",
                            d.string(&format!(".{x}")),
                            len = d.length(&host),
                        ));
                    }
                    return Ok(format!("({at} > 0 AND ({}))", alts.join(" OR ")));
                }
                if let Some(want) = r.role_address {
                    let t = format!("TRIM({v})");
                    let local = d.regex_remove(&t, "@[^@]*$");
                    let base = format!("LOWER({})", d.regex_remove(&local, "[+].*$"));
                    let roles: Vec<String> = crate::score::email::ROLE_LOCAL_PARTS
                        .iter()
                        .map(|s| s.to_string())
                        .collect();
                    let role = format!(
                        "({} > 0 AND {} <= 14 AND {base} IN ({}))",
                        d.strpos(&t, "'@'"),
                        d.length(&base),
                        self.list(&roles)
                    );
                    return Ok(if want {
                        format!("({v} <> '' AND {role})")
                    } else {
                        format!("({v} <> '' AND NOT {role})")
                    });
                }
                Err(not_on(cond))
            }
        }
    }

    fn list(&self, values: &[String]) -> String {
        values
            .iter()
            .map(|v| self.d.string(v))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn unsupported(path: &str, why: &str) -> SqlError {
    SqlError::Unsupported {
        path: path.to_string(),
        why: why.to_string(),
    }
}

/// A number literal for comparisons with a column's value (a 64-bit float in the engine).
fn lit(x: f64) -> String {
    if x < 0.0 {
        format!("({x})")
    } else {
        format!("{x}")
    }
}

fn folded(v: &[String]) -> Vec<String> {
    v.iter()
        .map(|k| fold(k.trim()))
        .filter(|k| !k.is_empty())
        .collect()
}
