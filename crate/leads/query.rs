//! The leads table's query: read from JSON (by hand: a derived reader costs the page's
//! WebAssembly several times this code), and checked against the agreement's grades.

use super::{Bands, DEFAULT_LIMIT, SLA_STATES, SORT_KEYS, STATUSES};
use crate::agreement::parts::STAGES;
use crate::text::fold;
use serde_json::Value;

/// What the leads table asks for: a page of leads, sorted and filtered. Every field is
/// optional; an empty list filters nothing, values within a list are alternatives, and the
/// lists are combined (a lead must pass each).
#[derive(Debug, Clone, PartialEq)]
pub struct LeadQuery {
    /// Position of the first row, in the filtered and sorted order.
    pub offset: usize,
    /// Rows wanted (at most [`MAX_LIMIT`]).
    pub limit: usize,
    /// One of [`SORT_KEYS`]; ties are in file order.
    pub sort: String,
    pub desc: bool,
    /// Stages under the agreement (stage ids).
    pub stages: Vec<String>,
    /// Fit grades ("A"), interest grades ("1") or cells ("B2").
    pub grades: Vec<String>,
    /// Nurture track ids, or [`NO_TRACK`].
    pub tracks: Vec<String>,
    /// [`STATUSES`].
    pub statuses: Vec<String>,
    /// [`SLA_STATES`].
    pub sla: Vec<String>,
    /// Found in the name, e-mail, company or job title, ignoring case and accents.
    pub text: String,
}

impl Default for LeadQuery {
    fn default() -> Self {
        LeadQuery {
            offset: 0,
            limit: DEFAULT_LIMIT,
            sort: "row".into(),
            desc: false,
            stages: Vec::new(),
            grades: Vec::new(),
            tracks: Vec::new(),
            statuses: Vec::new(),
            sla: Vec::new(),
            text: String::new(),
        }
    }
}

/// The fields of a query, as JavaScript writes them.
pub const QUERY_FIELDS: &[&str] = &[
    "offset", "limit", "sort", "desc", "stages", "grades", "tracks", "statuses", "sla", "text",
];

impl LeadQuery {
    /// Read a query written as JSON; the error names the field.
    pub fn from_json(json: &str) -> Result<Self, QueryError> {
        let v: Value = serde_json::from_str(json).map_err(|e| QueryError(e.to_string()))?;
        Self::from_value(&v)
    }

    /// Read a query from a JSON object. A field that is absent or `null` keeps its default; an
    /// unknown field is an error (a misspelt filter must not silently filter nothing).
    pub fn from_value(v: &Value) -> Result<Self, QueryError> {
        let obj = v
            .as_object()
            .ok_or_else(|| QueryError("a query is an object such as {\"sort\": \"fit\"}".into()))?;
        let mut q = LeadQuery::default();
        for (k, x) in obj.iter().filter(|(_, x)| !x.is_null()) {
            let bad = |want: &str| QueryError(format!("{k}: expected {want}"));
            let number = || {
                x.as_u64()
                    .map(|n| n as usize)
                    .ok_or_else(|| bad("a whole number"))
            };
            let text = || x.as_str().map(str::to_string).ok_or_else(|| bad("a text"));
            match k.as_str() {
                "offset" => q.offset = number()?,
                "limit" => q.limit = number()?,
                "sort" => q.sort = text()?,
                "desc" => q.desc = x.as_bool().ok_or_else(|| bad("true or false"))?,
                "stages" => q.stages = texts(k, x)?,
                "grades" => q.grades = texts(k, x)?,
                "tracks" => q.tracks = texts(k, x)?,
                "statuses" => q.statuses = texts(k, x)?,
                "sla" => q.sla = texts(k, x)?,
                "text" => q.text = text()?,
                _ => {
                    return Err(QueryError(format!(
                        "unknown field `{k}`; a query has {}",
                        QUERY_FIELDS.join(", ")
                    )))
                }
            }
        }
        Ok(q)
    }
}

/// A list of texts, or an error naming field `k`.
fn texts(k: &str, x: &Value) -> Result<Vec<String>, QueryError> {
    let bad = || QueryError(format!("{k}: expected a list of texts"));
    let mut out = Vec::new();
    for s in x.as_array().ok_or_else(bad)? {
        out.push(s.as_str().ok_or_else(bad)?.to_string());
    }
    Ok(out)
}

/// A query that cannot be answered: the field and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("lead query: {0}")]
pub struct QueryError(pub String);

/// A query checked against the agreement.
pub(super) struct Plan {
    pub sort: usize,
    pub stages: u32,
    pub cells: Option<Vec<bool>>,
    pub statuses: u32,
    pub sla: u32,
    pub text: String,
}

impl Plan {
    pub fn needs_facts(&self, q: &LeadQuery) -> bool {
        self.stages != 0 || !q.tracks.is_empty() || self.sla != 0 || self.sort >= 7
    }
}

/// Bit `i` set for each value that is `names[i]`; an unknown value is an error naming `field`.
fn mask(field: &str, values: &[String], names: &[&str]) -> Result<u32, QueryError> {
    let mut m = 0;
    for v in values {
        let i = names.iter().position(|n| n == v).ok_or_else(|| {
            QueryError(format!(
                "{field}: \"{v}\" is not one of {}",
                names.join(", ")
            ))
        })?;
        m |= 1 << i;
    }
    Ok(m)
}

pub(super) fn plan(q: &LeadQuery, bands: &Bands) -> Result<Plan, QueryError> {
    let sort = mask("sort", std::slice::from_ref(&q.sort), SORT_KEYS)?.trailing_zeros() as usize;
    let (fit, int) = (&bands.fit, &bands.int);
    let mut cells = vec![false; (fit.len() + 1) * (int.len() + 1)];
    for g in &q.grades {
        let same = |x: Option<&str>, l: &str| x.is_some_and(|x| x.eq_ignore_ascii_case(l));
        let mut known = false;
        for (f, fl) in fit.iter().enumerate() {
            for (i, il) in int.iter().enumerate() {
                // "A" (a fit grade), "1" (an interest grade) or "A1" (a cell).
                let cut = g.len().saturating_sub(il.len());
                if same(Some(g), fl)
                    || same(Some(g), il)
                    || (same(g.get(..cut), fl) && same(g.get(cut..), il))
                {
                    cells[f * (int.len() + 1) + i] = true;
                    known = true;
                }
            }
        }
        if !known {
            return Err(QueryError(format!(
                "grades: \"{g}\" is not a grade; use a fit grade ({}), an interest grade ({}) or a cell such as {}{}",
                fit.join(", "),
                int.join(", "),
                fit.first().map_or("", String::as_str),
                int.first().map_or("", String::as_str),
            )));
        }
    }
    Ok(Plan {
        sort,
        stages: mask("stages", &q.stages, STAGES)?,
        cells: (!q.grades.is_empty()).then_some(cells),
        statuses: mask("statuses", &q.statuses, STATUSES)?,
        sla: mask("sla", &q.sla, SLA_STATES)?,
        text: fold(q.text.trim()),
    })
}
