//! The agreement: one versioned JSON document holding the seven parts of the SLA.
//!
//! Parts 1, 2 and 4–7 (goals, definitions, handoff, nurture, follow-up, KPIs) are carried
//! through unchanged until the engine reads them; qualification (part 3) is typed and checked,
//! and every problem names its JSON path.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// The agreement format this engine reads and writes.
pub const AGREEMENT_VERSION: u32 = 1;

/// The agreement a new user starts from.
pub const DEFAULT_AGREEMENT_JSON: &str = include_str!("default_agreement.json");

/// An agreement that could not be read, with the JSON path of the first problem.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{path}: {message}")]
pub struct AgreementError {
    /// Where, as a JSON path such as `qualification.fit.groups[0].rules[1].points`
    /// (`(root)` for the document itself).
    pub path: String,
    pub message: String,
}

impl AgreementError {
    fn at(path: impl Into<String>, message: impl Into<String>) -> Self {
        AgreementError {
            path: path.into(),
            message: message.into(),
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
    pub goals: Value,
    #[serde(default)]
    pub definitions: Value,
    /// Canonical field → header as written in the export, overriding detection.
    #[serde(default)]
    pub mapping: BTreeMap<String, String>,
    pub qualification: Qualification,
    #[serde(default)]
    pub handoff: Value,
    #[serde(default)]
    pub nurture: Value,
    #[serde(default)]
    pub follow_up: Value,
    #[serde(default)]
    pub kpis: Value,
}

fn default_locale() -> String {
    "en".to_string()
}

/// Part 3: how leads are scored and where the lines sit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Qualification {
    pub fit: Axis,
    pub interest: Axis,
    pub grades: Grades,
    pub thresholds: Thresholds,
}

/// One scoring axis (fit or interest): groups of rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Axis {
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

/// One rule: a condition on a field and the points it gives. Exactly one condition is set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub id: String,
    /// A canonical field (`job_title`) or a header as written in the export.
    pub field: String,
    /// Text contains any of these keywords, on word boundaries, ignoring case and accents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contains_any: Option<Vec<String>>,
    /// Text equals any of these values, ignoring case and accents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub equals_any: Option<Vec<String>>,
    /// Number (or band such as `51-200`) overlaps the inclusive range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub between: Option<[f64; 2]>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_least: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_most: Option<f64>,
    /// Points per unit of a number, up to `max`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_unit: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// Points when the condition holds (may be negative). Not used with `per_unit`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points: Option<f64>,
}

/// Grade bands: label → lowest score of the band, per axis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Grades {
    pub fit: BTreeMap<String, f64>,
    pub interest: BTreeMap<String, f64>,
}

/// The MQL and SQL lines.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Thresholds {
    pub mql: Line,
    pub sql: Line,
}

/// A lead is over the line when its fit and its interest both reach these scores (0–100).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Line {
    pub fit: f64,
    pub interest: f64,
}

impl Default for Agreement {
    fn default() -> Self {
        // The default document is part of the build and checked by a test.
        Agreement::from_json(DEFAULT_AGREEMENT_JSON)
            .unwrap_or_else(|e| unreachable!("the built-in default agreement is invalid: {e}"))
    }
}

impl Agreement {
    /// Read and check an agreement from JSON text.
    pub fn from_json(json: &str) -> Result<Agreement, AgreementError> {
        // Read the version first, so that a future document gets a message about its version
        // rather than about a field this engine does not know.
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
        match raw.get("version") {
            None => return Err(AgreementError::at("version", "missing: this engine reads agreements with \"version\": 1")),
            Some(v) if v.as_u64() != Some(AGREEMENT_VERSION as u64) => {
                return Err(AgreementError::at(
                    "version",
                    format!("this engine reads agreement version {AGREEMENT_VERSION}, the document says {v}"),
                ))
            }
            _ => {}
        }
        let agreement: Agreement = serde_path_to_error::deserialize(raw).map_err(|e| {
            let path = e.path().to_string();
            let path = if path == "." {
                "(root)".to_string()
            } else {
                path
            };
            AgreementError::at(path, e.into_inner().to_string())
        })?;
        agreement.validate()?;
        Ok(agreement)
    }

    /// The agreement as pretty JSON, as saved and shared.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Check what the types alone cannot: one condition per rule, ranges, thresholds.
    pub fn validate(&self) -> Result<(), AgreementError> {
        let q = &self.qualification;
        for (axis_name, axis) in [("fit", &q.fit), ("interest", &q.interest)] {
            let mut ids = std::collections::BTreeSet::new();
            for (g, group) in axis.groups.iter().enumerate() {
                let gpath = format!("qualification.{axis_name}.groups[{g}]");
                if let Some(cap) = group.cap {
                    if !(cap.is_finite() && cap >= 0.0) {
                        return Err(AgreementError::at(
                            format!("{gpath}.cap"),
                            "must be a number of points, 0 or more",
                        ));
                    }
                }
                for (r, rule) in group.rules.iter().enumerate() {
                    let rpath = format!("{gpath}.rules[{r}]");
                    if rule.id.trim().is_empty() {
                        return Err(AgreementError::at(
                            format!("{rpath}.id"),
                            "a rule needs an id",
                        ));
                    }
                    if !ids.insert(rule.id.as_str()) {
                        return Err(AgreementError::at(
                            format!("{rpath}.id"),
                            format!(
                                "\"{}\" is already the id of another {axis_name} rule",
                                rule.id
                            ),
                        ));
                    }
                    if rule.field.trim().is_empty() {
                        return Err(AgreementError::at(
                            format!("{rpath}.field"),
                            "a rule needs a field",
                        ));
                    }
                    rule.check(&rpath)?;
                }
            }
        }
        for (axis_name, bands) in [("fit", &q.grades.fit), ("interest", &q.grades.interest)] {
            let path = format!("qualification.grades.{axis_name}");
            if bands.is_empty() {
                return Err(AgreementError::at(path, "needs at least one grade"));
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
        for (line_name, line) in [("mql", q.thresholds.mql), ("sql", q.thresholds.sql)] {
            for (axis_name, v) in [("fit", line.fit), ("interest", line.interest)] {
                if !(0.0..=100.0).contains(&v) || v.fract() != 0.0 {
                    return Err(AgreementError::at(
                        format!("qualification.thresholds.{line_name}.{axis_name}"),
                        format!("must be a whole score from 0 to 100, not {v}"),
                    ));
                }
            }
        }
        Ok(())
    }
}

impl Rule {
    fn check(&self, path: &str) -> Result<(), AgreementError> {
        let set = [
            self.contains_any.is_some(),
            self.equals_any.is_some(),
            self.between.is_some(),
            self.at_least.is_some(),
            self.at_most.is_some(),
            self.per_unit.is_some(),
        ]
        .iter()
        .filter(|x| **x)
        .count();
        const KINDS: &str = "contains_any, equals_any, between, at_least, at_most or per_unit";
        if set == 0 {
            return Err(AgreementError::at(
                path,
                format!("the rule has no condition: give one of {KINDS}"),
            ));
        }
        if set > 1 {
            return Err(AgreementError::at(
                path,
                format!("the rule has {set} conditions: give exactly one of {KINDS}"),
            ));
        }
        let finite = |name: &str, v: Option<f64>| match v {
            Some(x) if !x.is_finite() => Err(AgreementError::at(
                format!("{path}.{name}"),
                "must be a finite number",
            )),
            _ => Ok(()),
        };
        finite("points", self.points)?;
        finite("at_least", self.at_least)?;
        finite("at_most", self.at_most)?;
        finite("per_unit", self.per_unit)?;
        finite("max", self.max)?;
        for (name, list) in [
            ("contains_any", &self.contains_any),
            ("equals_any", &self.equals_any),
        ] {
            if let Some(list) = list {
                if list.iter().all(|k| k.trim().is_empty()) {
                    return Err(AgreementError::at(
                        format!("{path}.{name}"),
                        "needs at least one non-empty value",
                    ));
                }
            }
        }
        if let Some([lo, hi]) = self.between {
            if lo.partial_cmp(&hi).is_none_or(|o| o.is_gt()) {
                return Err(AgreementError::at(format!("{path}.between"), format!("the range [{lo}, {hi}] is empty: the first number must not exceed the second")));
            }
        }
        if self.per_unit.is_some() {
            if self.points.is_some() {
                return Err(AgreementError::at(
                    format!("{path}.points"),
                    "a per_unit rule gives per_unit points per unit up to max; remove points",
                ));
            }
            match self.max {
                None => {
                    return Err(AgreementError::at(
                        format!("{path}.max"),
                        "a per_unit rule needs a max, so its points are bounded",
                    ))
                }
                Some(m) if m < 0.0 => {
                    return Err(AgreementError::at(
                        format!("{path}.max"),
                        "must be 0 or more",
                    ))
                }
                _ => {}
            }
        } else {
            if self.points.is_none() {
                return Err(AgreementError::at(
                    format!("{path}.points"),
                    "missing: how many points the rule gives",
                ));
            }
            if self.max.is_some() {
                return Err(AgreementError::at(
                    format!("{path}.max"),
                    "max only applies to per_unit rules",
                ));
            }
        }
        Ok(())
    }
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
        assert_eq!(a.version, 1);
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
    }

    #[test]
    fn errors_name_the_json_path() {
        let e =
            with(|v| v["qualification"]["fit"]["groups"][0]["rules"][1]["points"] = "ten".into())
                .unwrap_err();
        assert_eq!(e.path, "qualification.fit.groups[0].rules[1].points");
        let e = with(|v| v["qualification"]["thresholds"]["mql"]["fit"] = 120.into()).unwrap_err();
        assert_eq!(e.path, "qualification.thresholds.mql.fit");
        let e =
            with(|v| v["qualification"]["interest"]["groups"][0]["rules"][0]["pionts"] = 3.into())
                .unwrap_err();
        assert!(e.message.contains("unknown field `pionts`"), "{e}");
        let e = with(|v| v["version"] = 2.into()).unwrap_err();
        assert_eq!(e.path, "version");
        let e = Agreement::from_json("{ not json").unwrap_err();
        assert_eq!(e.path, "(root)");
        assert!(e.message.contains("line 1"));
    }

    #[test]
    fn a_rule_needs_exactly_one_condition() {
        let e = with(|v| {
            v["qualification"]["fit"]["groups"][0]["rules"][0]["at_least"] = 3.into();
        })
        .unwrap_err();
        assert!(e.message.contains("2 conditions"), "{e}");
        let e = with(|v| {
            let r = &mut v["qualification"]["interest"]["groups"][0]["rules"][0];
            r.as_object_mut().unwrap().remove("max");
        })
        .unwrap_err();
        assert!(e.path.ends_with(".max"), "{e}");
    }
}
