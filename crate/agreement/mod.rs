//! The agreement: one versioned JSON document holding the seven parts of the SLA.
//!
//! Parts 1, 2 and 4–7 (goals, definitions, handoff, nurture, follow-up, KPIs) are carried
//! through unchanged until the engine reads them; qualification (part 3) is typed and checked,
//! and every problem names its JSON path and what to write instead. Older versions are migrated.

pub mod limits;
pub mod parts;
pub mod presets;
pub mod rule;

pub use parts::{
    BusinessHours, Definitions, FollowUp, Handoff, Nurture, Recycle, StageDef, Step, Text, Track,
    TrackWhen, Trigger,
};
pub use rule::{Decay, Role, Rule};

use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// The agreement format this engine reads and writes.
pub const AGREEMENT_VERSION: u32 = 2;

/// The agreement a new user starts from (the B2B software preset).
pub const DEFAULT_AGREEMENT_JSON: &str = presets::B2B_SOFTWARE;

/// An agreement that could not be read: the JSON path and fix of the first problem, and the
/// other problems found (one per rule or section) in `also`.
#[derive(Debug, Clone, PartialEq)]
pub struct AgreementError {
    /// Where, as a JSON path such as `qualification.fit.groups[0].rules[1].points`
    /// (`(root)` for the document itself).
    pub path: String,
    pub message: String,
    /// Further problems, each with its own path.
    pub also: Vec<AgreementError>,
}

impl std::fmt::Display for AgreementError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)?;
        for e in &self.also {
            write!(f, "\n{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for AgreementError {}

impl AgreementError {
    pub(crate) fn at(path: impl Into<String>, message: impl Into<String>) -> Self {
        AgreementError {
            path: path.into(),
            message: message.into(),
            also: Vec::new(),
        }
    }

    /// Every problem, the first included.
    pub fn all(&self) -> impl Iterator<Item = &AgreementError> {
        std::iter::once(self).chain(self.also.iter())
    }
}

/// Problems collected while checking, so that one check reports them all.
#[derive(Default)]
struct Problems(Vec<AgreementError>);

impl Problems {
    fn check(&mut self, r: Result<(), AgreementError>) {
        if let Err(e) = r {
            self.0.push(e);
        }
    }

    fn finish(self) -> Result<(), AgreementError> {
        let mut it = self.0.into_iter();
        match it.next() {
            None => Ok(()),
            Some(mut first) => {
                first.also = it.collect();
                Err(first)
            }
        }
    }
}

/// The whole agreement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agreement {
    pub version: u32,
    #[serde(default)]
    pub name: String,
    #[serde(default = "default_locale")]
    pub locale: String,
    /// The date "today" is for date rules and SLA clocks (`YYYY-MM-DD`); `null` means today.
    #[serde(default)]
    pub as_of: Option<String>,
    #[serde(default)]
    pub goals: crate::goals::Goals,
    #[serde(default)]
    pub definitions: Definitions,
    /// Canonical field → header as written in the export, overriding detection.
    #[serde(default)]
    pub mapping: BTreeMap<String, String>,
    /// What the outcome column's values mean, when the built-in reading (won/lost, 1/0, yes/no,
    /// a date) is not the export's.
    #[serde(default, skip_serializing_if = "OutcomeValues::is_empty")]
    pub outcome: OutcomeValues,
    pub qualification: Qualification,
    #[serde(default)]
    pub handoff: Handoff,
    #[serde(default)]
    pub nurture: Nurture,
    #[serde(default)]
    pub follow_up: FollowUp,
    #[serde(default)]
    pub kpis: Value,
}

fn default_locale() -> String {
    "en".to_string()
}

/// The outcome column's values that count as success (`won`) and as failure (`lost`), compared
/// ignoring case and accents. With `won` given, any other value is lost unless `lost` is given
/// too (then other values are still open); empty cells are open.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomeValues {
    #[serde(default)]
    pub won: Vec<String>,
    #[serde(default)]
    pub lost: Vec<String>,
}

impl OutcomeValues {
    pub fn is_empty(&self) -> bool {
        self.won.is_empty() && self.lost.is_empty()
    }
}

/// Part 3: how leads are scored and where the lines sit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Qualification {
    pub fit: Axis,
    pub interest: Axis,
    /// Leads these rules match are excluded, with the rule's reason.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disqualify: Vec<Rule>,
    /// Leads these rules match go to sales whatever their scores (a demo request…).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fast_track: Vec<Rule>,
    pub grades: Grades,
    pub thresholds: Thresholds,
}

/// One scoring axis (fit or interest): groups of rules, and for activities, how they decay.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Axis {
    /// How activity rules on this axis lose weight with age (none: events count fully).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decay: Option<Decay>,
    pub groups: Vec<Group>,
}

/// Rules whose points add up, capped at `cap` (and at `-cap` below).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap: Option<f64>,
    pub rules: Vec<Rule>,
}

/// Grade bands: label → lowest score of the band, per axis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Grades {
    pub fit: BTreeMap<String, f64>,
    pub interest: BTreeMap<String, f64>,
}

/// How the MQL and SQL lines are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ThresholdMode {
    /// Fit and interest must each reach their line.
    #[default]
    Axes,
    /// A weighted sum of fit and interest must reach one line.
    Combined,
}

/// The MQL and SQL lines.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Thresholds {
    #[serde(default)]
    pub mode: ThresholdMode,
    pub mql: Line,
    pub sql: Line,
    /// The weights and lines of the combined mode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub combined: Option<Combined>,
}

/// A lead is over the line when its fit and its interest both reach these scores (0–100).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Line {
    pub fit: f64,
    pub interest: f64,
}

/// Combined mode: `fit × weights.fit + interest × weights.interest` (weights summing to 1) must
/// reach `mql` (or `sql`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Combined {
    pub weights: Line,
    pub mql: f64,
    pub sql: f64,
}

impl Default for Agreement {
    fn default() -> Self {
        // The default document is part of the build and checked by a test.
        Agreement::from_json(DEFAULT_AGREEMENT_JSON)
            .unwrap_or_else(|e| unreachable!("the built-in default agreement is invalid: {e}"))
    }
}

impl Agreement {
    /// Read and check an agreement from JSON text (migrating older versions).
    pub fn from_json(json: &str) -> Result<Agreement, AgreementError> {
        Self::parse(json).map(|(a, _)| a)
    }

    /// Read, migrate and check an agreement; also returns what the migration changed, for the
    /// user to see.
    pub fn parse(json: &str) -> Result<(Agreement, Vec<String>), AgreementError> {
        limits::check_size(json)?;
        let raw: Value = serde_json::from_str(json).map_err(|e| {
            AgreementError::at(
                "(root)",
                format!(
                    "not valid JSON (line {}, column {}): {e}",
                    e.line(),
                    e.column()
                ),
            )
        })?;
        let (raw, notes) = migrate(raw)?;
        let agreement: Agreement = serde_path_to_error::deserialize(raw).map_err(|e| {
            let path = e.path().to_string();
            let path = if path == "." {
                "(root)".to_string()
            } else {
                path
            };
            AgreementError::at(path, friendly(&e.into_inner().to_string()))
        })?;
        // Sizes first: the checks and the scoring after them are then bounded.
        limits::check(&agreement)?;
        agreement.validate()?;
        Ok((agreement, notes))
    }

    /// The `as_of` date as seconds since 1970 UTC (the start of that day; rules count ages in
    /// whole days).
    pub fn as_of_secs(&self) -> Option<i64> {
        parse_day(self.as_of.as_deref()?)
    }

    /// Things that are allowed but probably not meant, for the user to see.
    pub fn warnings(&self) -> Vec<String> {
        let q = &self.qualification;
        let mut out = Vec::new();
        for (name, axis) in [("fit", &q.fit), ("interest", &q.interest)] {
            let best: f64 = axis
                .groups
                .iter()
                .map(|g| {
                    let gains: f64 = g
                        .rules
                        .iter()
                        .map(|r| r.points.unwrap_or(0.0).max(0.0) + r.max.unwrap_or(0.0).max(0.0))
                        .sum();
                    g.cap.map_or(gains, |c| gains.min(c))
                })
                .sum();
            if best < 100.0 {
                out.push(format!(
                    "The {name} axis can reach at most {best} of 100: no lead can score higher. Raise points or caps."
                ));
            }
            if axis
                .groups
                .iter()
                .flat_map(|g| &g.rules)
                .any(|r| r.activity.is_some())
                && axis.decay.is_none()
            {
                out.push(format!("The {name} axis scores activities without decay: a visit from two years ago counts like one from today."));
            }
        }
        if q.thresholds.sql_below_mql() {
            out.push("The SQL line is below the MQL line: every MQL is also an SQL.".into());
        }
        out
    }

    /// The agreement as pretty JSON, as saved and shared.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Check what the types alone cannot: one condition per rule, ranges, thresholds. Every
    /// problem is reported (the first one per rule or section), not only the first.
    pub fn validate(&self) -> Result<(), AgreementError> {
        let mut p = Problems::default();
        if let Some(d) = &self.as_of {
            if parse_day(d).is_none() {
                p.check(Err(AgreementError::at("as_of", format!("expected a date written YYYY-MM-DD (e.g. \"2027-01-31\"), or null for today; not \"{d}\""))));
            }
        }
        p.check(crate::goals::validate(&self.goals));
        if !self.outcome.lost.is_empty() && self.outcome.won.is_empty() {
            p.check(Err(AgreementError::at(
                "outcome.won",
                "name the values that count as won (e.g. [\"Closed Won\"]) when you name the lost ones",
            )));
        }
        if let Some(v) = self.outcome.won.iter().find(|w| {
            self.outcome
                .lost
                .iter()
                .any(|l| crate::text::fold(l.trim()) == crate::text::fold(w.trim()))
        }) {
            p.check(Err(AgreementError::at(
                "outcome.lost",
                format!("\"{v}\" is listed as won and as lost"),
            )));
        }
        p.check(parts::validate(
            &self.definitions,
            &self.handoff,
            &self.nurture,
            &self.follow_up,
        ));
        let q = &self.qualification;
        for (axis_name, axis) in [("fit", &q.fit), ("interest", &q.interest)] {
            if let Some(d) = &axis.decay {
                p.check(d.check(&format!("qualification.{axis_name}.decay")));
            }
            let mut ids = std::collections::BTreeSet::new();
            for (g, group) in axis.groups.iter().enumerate() {
                let gpath = format!("qualification.{axis_name}.groups[{g}]");
                if let Some(cap) = group.cap {
                    if !(cap.is_finite() && cap >= 0.0) {
                        p.check(Err(AgreementError::at(
                            format!("{gpath}.cap"),
                            "must be a number of points, 0 or more",
                        )));
                    }
                }
                for (r, rule) in group.rules.iter().enumerate() {
                    let rpath = format!("{gpath}.rules[{r}]");
                    p.check(rule.check(&rpath, Role::Score));
                    if !rule.id.is_empty() && !ids.insert(rule.id.as_str()) {
                        p.check(Err(AgreementError::at(
                            format!("{rpath}.id"),
                            format!("\"{}\" is already the id of another {axis_name} rule: ids must be unique", rule.id),
                        )));
                    }
                }
            }
        }
        for (list_name, list, role) in [
            ("disqualify", &q.disqualify, Role::Disqualify),
            ("fast_track", &q.fast_track, Role::FastTrack),
        ] {
            let mut ids = std::collections::BTreeSet::new();
            for (i, rule) in list.iter().enumerate() {
                let path = format!("qualification.{list_name}[{i}]");
                p.check(rule.check(&path, role));
                if !rule.id.is_empty() && !ids.insert(rule.id.as_str()) {
                    p.check(Err(AgreementError::at(
                        format!("{path}.id"),
                        format!("\"{}\" is already used in {list_name}", rule.id),
                    )));
                }
            }
        }
        p.check(self.validate_grades_and_lines());
        p.finish()
    }

    fn validate_grades_and_lines(&self) -> Result<(), AgreementError> {
        let q = &self.qualification;
        for (axis_name, bands) in [("fit", &q.grades.fit), ("interest", &q.grades.interest)] {
            let path = format!("qualification.grades.{axis_name}");
            if bands.is_empty() {
                return Err(AgreementError::at(
                    path,
                    "needs at least one grade, e.g. {\"A\": 75, \"B\": 50, \"C\": 25, \"D\": 0}",
                ));
            }
            for (label, min) in bands {
                if !(0.0..=100.0).contains(min) || min.fract() != 0.0 {
                    return Err(AgreementError::at(
                        format!("{path}.{label}"),
                        "must be a whole score from 0 to 100",
                    ));
                }
            }
            if !bands.values().any(|&m| m == 0.0) {
                return Err(AgreementError::at(
                    path,
                    "the lowest grade must start at 0 so that every lead has a grade",
                ));
            }
        }
        let whole = |path: String, v: f64| {
            if (0.0..=100.0).contains(&v) && v.fract() == 0.0 {
                Ok(())
            } else {
                Err(AgreementError::at(
                    path,
                    format!("must be a whole score from 0 to 100, not {v}"),
                ))
            }
        };
        let t = &q.thresholds;
        for (line_name, line) in [("mql", t.mql), ("sql", t.sql)] {
            for (axis_name, v) in [("fit", line.fit), ("interest", line.interest)] {
                whole(
                    format!("qualification.thresholds.{line_name}.{axis_name}"),
                    v,
                )?;
            }
        }
        match (t.mode, &t.combined) {
            (ThresholdMode::Combined, None) => {
                return Err(AgreementError::at(
                    "qualification.thresholds.combined",
                    "missing: the combined mode needs {\"weights\": {\"fit\": 0.5, \"interest\": 0.5}, \"mql\": 50, \"sql\": 65}",
                ))
            }
            (_, Some(c)) => {
                let path = "qualification.thresholds.combined";
                whole(format!("{path}.mql"), c.mql)?;
                whole(format!("{path}.sql"), c.sql)?;
                let (wf, wi) = (c.weights.fit, c.weights.interest);
                if !(wf >= 0.0 && wi >= 0.0 && ((wf + wi) - 1.0).abs() < 1e-6) {
                    return Err(AgreementError::at(format!("{path}.weights"), format!("fit and interest weights must be 0 or more and add up to 1, not {wf} + {wi}")));
                }
            }
            _ => {}
        }
        Ok(())
    }
}

impl Thresholds {
    /// Whether the SQL line asks less than the MQL line.
    pub fn sql_below_mql(&self) -> bool {
        match (self.mode, self.combined) {
            (ThresholdMode::Combined, Some(c)) => c.sql < c.mql,
            _ => self.sql.fit < self.mql.fit && self.sql.interest < self.mql.interest,
        }
    }
}

/// A `YYYY-MM-DD` day as seconds since 1970 UTC at its start.
fn parse_day(d: &str) -> Option<i64> {
    let t = d.trim();
    if t.len() != 10 {
        return None;
    }
    use crate::ingest::values::{self, ColumnType, DateFormat, Value};
    match values::parse(t, &ColumnType::Date(DateFormat::default())) {
        Value::Date { secs, .. } => Some(secs),
        _ => None,
    }
}

/// Bring an older document up to [`AGREEMENT_VERSION`], saying what changed.
///
/// The shapes met so far, each with a real example in `tests/agreements/` (from the project's
/// history) and a test in `tests/migration.rs`:
/// - version 1 (the first engine): thresholds without a `mode`, and a free-text recycling
///   track that may name no nurture track;
/// - version 2 before the lifecycle parts were checked: the same free-text recycling track
///   (its tracks carry no `name` nor `step`, its recycling no `reasons`);
/// - version 2 since: read as it is.
pub fn migrate(mut raw: Value) -> Result<(Value, Vec<String>), AgreementError> {
    let version = match raw.get("version") {
        None => {
            return Err(AgreementError::at(
                "version",
                format!("missing: add \"version\": {AGREEMENT_VERSION}"),
            ))
        }
        Some(v) => v.as_u64().ok_or_else(|| {
            AgreementError::at(
                "version",
                format!("must be a whole number such as {AGREEMENT_VERSION}, not {v}"),
            )
        })?,
    };
    if version > AGREEMENT_VERSION as u64 {
        return Err(AgreementError::at(
            "version",
            format!("this document is version {version}, newer than this engine reads ({AGREEMENT_VERSION}): open it with a newer Accord"),
        ));
    }
    if version == 0 {
        return Err(AgreementError::at(
            "version",
            format!("version 0 does not exist: use {AGREEMENT_VERSION}"),
        ));
    }
    let mut notes = Vec::new();
    if version < 2 {
        // Version 2 names how the MQL and SQL lines are drawn; version 1 only had fit and
        // interest lines, which is the "axes" mode.
        if let Some(t) = raw
            .pointer_mut("/qualification/thresholds")
            .and_then(Value::as_object_mut)
        {
            t.entry("mode").or_insert_with(|| Value::from("axes"));
        }
        notes.push("Migrated from version 1: the MQL and SQL lines are now drawn in \"axes\" mode (fit and interest each reach their line), as before.".to_string());
    }
    if version < 2 || lifecycle_unchecked(&raw) {
        add_recycle_track(&mut raw, &mut notes);
    }
    if let Some(obj) = raw.as_object_mut() {
        obj.insert("version".into(), Value::from(AGREEMENT_VERSION));
    }
    Ok((raw, notes))
}

/// Whether a version 2 document was written before the lifecycle parts were checked: none of
/// its nurture tracks has a `name` or a `step`, and its recycling lists no `reasons` (every
/// document written since has them, the presets' and the page's alike).
fn lifecycle_unchecked(raw: &Value) -> bool {
    let tracks = raw.pointer("/nurture/tracks").and_then(Value::as_array);
    let plain = tracks.is_none_or(|ts| {
        ts.iter()
            .all(|t| t.get("name").is_none() && t.get("step").is_none())
    });
    plain && raw.pointer("/handoff/recycle/reasons").is_none()
}

/// Before the lifecycle parts were checked, `handoff.recycle.track` was free text and could
/// name no nurture track (the first presets sent recycled leads to "re-engage" and had no such
/// track). Recycled leads go to that track whatever the tracks' conditions, so adding it, entered
/// by recycled leads, keeps what the document meant.
fn add_recycle_track(raw: &mut Value, notes: &mut Vec<String>) {
    let Some(track) = raw
        .pointer("/handoff/recycle/track")
        .and_then(Value::as_str)
        .map(str::to_string)
    else {
        return;
    };
    let Some(nurture) = raw
        .as_object_mut()
        .map(|o| o.entry("nurture").or_insert_with(|| serde_json::json!({})))
        .and_then(Value::as_object_mut)
    else {
        return;
    };
    let Some(tracks) = nurture
        .entry("tracks")
        .or_insert_with(|| Value::Array(Vec::new()))
        .as_array_mut()
    else {
        return;
    };
    if tracks
        .iter()
        .any(|t| t.get("id").and_then(Value::as_str) == Some(track.as_str()))
    {
        return;
    }
    tracks.insert(
        0,
        serde_json::json!({ "id": track, "when": { "recycled": true } }),
    );
    notes.push(format!("Migrated from an older version: the recycling track \"{track}\" was not among the nurture tracks; it is added as a track for recycled leads, where they went before."));
}

/// serde's wording, made readable: "invalid type: string \"ten\", expected f64" becomes
/// "wrong type: found the string \"ten\", expected a number".
fn friendly(msg: &str) -> String {
    let mut m = msg.to_string();
    for (from, to) in [
        ("expected f64", "expected a number"),
        ("expected u32", "expected a whole number"),
        ("expected u64", "expected a whole number"),
        ("expected a sequence", "expected a list"),
        ("expected a map", "expected an object"),
        ("expected a boolean", "expected true or false"),
        (
            "an array of length 2",
            "a list of two numbers, e.g. [200, 1000]",
        ),
    ] {
        m = m.replace(from, to);
    }
    if let Some(rest) = m.strip_prefix("invalid type: ") {
        m = format!("wrong type: found {rest}");
    }
    if m.starts_with("invalid type: sequence") || m.contains("found sequence") {
        m = m.replace("sequence", "a list");
    }
    if m.contains("expected struct") {
        m = m.replace("expected struct", "expected an object:");
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(edit: impl FnOnce(&mut Value)) -> Result<Agreement, AgreementError> {
        let mut v: Value = serde_json::from_str(DEFAULT_AGREEMENT_JSON).unwrap();
        edit(&mut v);
        Agreement::from_json(&v.to_string())
    }

    #[test]
    fn default_is_valid_and_round_trips() {
        let a = Agreement::default();
        assert_eq!(a.version, AGREEMENT_VERSION);
        assert_eq!(Agreement::from_json(&a.to_json()).unwrap(), a);
        for part in [
            "goals",
            "definitions",
            "handoff",
            "nurture",
            "follow_up",
            "kpis",
        ] {
            let v: Value = serde_json::from_str(&a.to_json()).unwrap();
            assert!(v[part].is_object(), "default agreement lacks part {part}");
        }
        assert!(a.warnings().is_empty(), "{:?}", a.warnings());
    }

    #[test]
    fn errors_name_the_json_path_and_the_fix() {
        let e =
            with(|v| v["qualification"]["fit"]["groups"][0]["rules"][1]["points"] = "ten".into())
                .unwrap_err();
        assert_eq!(e.path, "qualification.fit.groups[0].rules[1].points");
        assert!(e.message.contains("expected a number"), "{e}");
        let e = with(|v| {
            v["qualification"]["fit"]["groups"][0]["rules"][0]["contains_any"] = "vp".into()
        })
        .unwrap_err();
        assert_eq!(e.path, "qualification.fit.groups[0].rules[0].contains_any");
        assert!(e.message.contains("expected a list"), "{e}");
        let e = with(|v| v["qualification"]["thresholds"]["mql"]["fit"] = 120.into()).unwrap_err();
        assert_eq!(e.path, "qualification.thresholds.mql.fit");
        let e =
            with(|v| v["qualification"]["interest"]["groups"][0]["rules"][0]["pionts"] = 3.into())
                .unwrap_err();
        assert!(e.message.contains("unknown field `pionts`"), "{e}");
        let e = with(|v| v["version"] = 9.into()).unwrap_err();
        assert_eq!(e.path, "version");
        assert!(e.message.contains("newer"), "{e}");
        let e = Agreement::from_json("{ not json").unwrap_err();
        assert_eq!(e.path, "(root)");
        assert!(e.message.contains("line 1"));
    }

    #[test]
    fn goals_are_checked_with_their_path() {
        let e = with(|v| v["goals"]["revenue_target"] = (-5).into()).unwrap_err();
        assert_eq!(e.path, "goals.revenue_target");
        let e = with(|v| v["goals"]["planned_rates"]["sql_to_won"] = 1.5.into()).unwrap_err();
        assert_eq!(e.path, "goals.planned_rates.sql_to_won");
        assert!(e.message.contains("at most 1"), "{e}");
        for preset in crate::agreement::presets::PRESETS {
            assert!(Agreement::from_json(preset.1).is_ok(), "{}", preset.0.id);
        }
    }

    #[test]
    fn a_rule_needs_exactly_one_condition_and_what_its_role_needs() {
        let e = with(|v| v["qualification"]["fit"]["groups"][0]["rules"][0]["at_least"] = 3.into())
            .unwrap_err();
        assert!(e.message.contains("2 conditions"), "{e}");
        let e = with(|v| {
            let r = &mut v["qualification"]["interest"]["groups"][0]["rules"][0];
            r.as_object_mut().unwrap().remove("max");
        })
        .unwrap_err();
        assert!(e.path.ends_with(".max"), "{e}");
        let e = with(|v| {
            v["qualification"]["disqualify"] =
                serde_json::json!([{ "id": "x", "field": "email", "free_mail": true }]);
        })
        .unwrap_err();
        assert_eq!(e.path, "qualification.disqualify[0].reason");
        let e = with(|v| {
            v["qualification"]["fit"]["groups"][0]["rules"][0] = serde_json::json!({
                "id": "combo", "points": 5,
                "all_of": [ { "field": "job_title", "contains_any": ["vp"], "points": 3 } ]
            });
        })
        .unwrap_err();
        assert_eq!(e.path, "qualification.fit.groups[0].rules[0].all_of[0]");
        let e = with(|v| {
            v["qualification"]["thresholds"]["mode"] = "combined".into();
        })
        .unwrap_err();
        assert_eq!(e.path, "qualification.thresholds.combined");
    }

    #[test]
    fn every_problem_is_reported_with_its_path() {
        let e = with(|v| {
            v["qualification"]["fit"]["groups"][0]["rules"][0]["at_least"] = 3.into();
            v["qualification"]["interest"]["groups"][1]["rules"][0]
                .as_object_mut()
                .unwrap()
                .remove("max");
            v["qualification"]["thresholds"]["sql"]["fit"] = 101.into();
        })
        .unwrap_err();
        let paths: Vec<&str> = e.all().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "qualification.fit.groups[0].rules[0]",
                "qualification.interest.groups[1].rules[0].max",
                "qualification.thresholds.sql.fit"
            ]
        );
        assert_eq!(e.to_string().lines().count(), 3, "{e}");
    }

    #[test]
    fn version_1_documents_are_migrated() {
        let mut v: Value = serde_json::from_str(DEFAULT_AGREEMENT_JSON).unwrap();
        v["version"] = 1.into();
        v["qualification"]["thresholds"]
            .as_object_mut()
            .unwrap()
            .remove("mode");
        let (a, notes) = Agreement::parse(&v.to_string()).unwrap();
        assert_eq!(a.version, AGREEMENT_VERSION);
        assert_eq!(a.qualification.thresholds.mode, ThresholdMode::Axes);
        assert_eq!(notes.len(), 1);
        assert!(notes[0].contains("version 1"));
        assert!(Agreement::parse(DEFAULT_AGREEMENT_JSON)
            .unwrap()
            .1
            .is_empty());
    }

    #[test]
    fn decay_weights() {
        let h = Decay {
            half_life_days: Some(30.0),
            step_percent: None,
            period_days: None,
        };
        assert_eq!(h.weight(0.0), 1.0);
        assert!((h.weight(30.0) - 0.5).abs() < 1e-12);
        assert!((h.weight(60.0) - 0.25).abs() < 1e-12);
        assert_eq!(h.weight(-5.0), 1.0);
        let s = Decay {
            half_life_days: None,
            step_percent: Some(25.0),
            period_days: Some(30.0),
        };
        assert_eq!(s.weight(29.0), 1.0);
        assert_eq!(s.weight(30.0), 0.75);
        assert_eq!(s.weight(125.0), 0.0);
    }
}
