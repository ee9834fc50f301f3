//! A rule of the qualification part: one condition on a field (or a combination of
//! conditions, or the lead's activities) and what it gives. The same shape serves scoring rules,
//! disqualifiers and fast-track conversions; `check` says, with a JSON path, what a rule of each
//! role must and must not have.

use super::AgreementError;
use serde::{Deserialize, Serialize};

/// Exponential or stepped decay of activity points with age.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decay {
    /// An event this many days old counts half.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub half_life_days: Option<f64>,
    /// Or: each full `period_days` of age takes `step_percent` % off (not below 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step_percent: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_days: Option<f64>,
}

/// One rule. Exactly one condition is set; see [`Rule::CONDITIONS`].
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// Unique within its list (scoring rules: within their axis). Not used inside `all_of` /
    /// `any_of`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    /// A canonical field (`job_title`) or a header as written in the export.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,

    /// Text contains any of these keywords, on word boundaries, ignoring case and accents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contains_any: Option<Vec<String>>,
    /// Text equals any of these values, ignoring case and accents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub equals_any: Option<Vec<String>>,
    /// Text starts with any of these, ignoring case and accents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starts_with: Option<Vec<String>>,
    /// `true`: the cell is empty (or a missing token such as "N/A"); `false`: it is not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_empty: Option<bool>,
    /// A number, or a band such as `51-200`, overlaps the inclusive range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub between: Option<[f64; 2]>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_least: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_most: Option<f64>,
    /// A date no more than this many days before the as-of date (and not after it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within_days: Option<f64>,
    /// A date more than this many days before the as-of date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub older_than_days: Option<f64>,
    /// An e-mail address at a free-mail provider (gmail.com, orange.fr…) — or not, with `false`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub free_mail: Option<bool>,
    /// A role address (info@, contact@, sales@…) — or not, with `false`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_address: Option<bool>,
    /// An e-mail address (or a web address) whose domain is one of these (subdomains included).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain_in: Option<Vec<String>>,
    /// A yes/no value is this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is: Option<bool>,
    /// Every one of these conditions holds (each with its own field).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub all_of: Option<Vec<Rule>>,
    /// At least one of these conditions holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub any_of: Option<Vec<Rule>>,
    /// The lead's events (from the activities file) of these types (any type if the list is
    /// empty), each counted with the axis's decay; use with `per_unit` and `max`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activity: Option<Vec<String>>,

    /// Points when the condition holds (may be negative).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points: Option<f64>,
    /// Or: points per unit of a number (or per decayed event), up to `max`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_unit: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// Decay for this activity rule, instead of the axis's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decay: Option<Decay>,
    /// Why a disqualifier or a fast-track applies, as shown to sales ("Personal address").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// What a rule is used for, which decides what it must carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Gives points on an axis.
    Score,
    /// Excludes the lead, with a reason.
    Disqualify,
    /// Sends the lead to sales whatever its scores.
    FastTrack,
    /// Inside `all_of` / `any_of`: a bare condition.
    Part,
}

impl Rule {
    /// Every condition key, as written in the agreement.
    pub const CONDITIONS: &'static str = "contains_any, equals_any, starts_with, is_empty, between, at_least, at_most, \
         within_days, older_than_days, free_mail, role_address, domain_in, is, all_of, any_of, activity, \
         or per_unit with max (points per unit of the field's number)";

    fn conditions_set(&self) -> Vec<&'static str> {
        let mut v = Vec::new();
        let mut add = |on: bool, name: &'static str| {
            if on {
                v.push(name);
            }
        };
        add(self.contains_any.is_some(), "contains_any");
        add(self.equals_any.is_some(), "equals_any");
        add(self.starts_with.is_some(), "starts_with");
        add(self.is_empty.is_some(), "is_empty");
        add(self.between.is_some(), "between");
        add(self.at_least.is_some(), "at_least");
        add(self.at_most.is_some(), "at_most");
        add(self.within_days.is_some(), "within_days");
        add(self.older_than_days.is_some(), "older_than_days");
        add(self.free_mail.is_some(), "free_mail");
        add(self.role_address.is_some(), "role_address");
        add(self.domain_in.is_some(), "domain_in");
        add(self.is.is_some(), "is");
        add(self.all_of.is_some(), "all_of");
        add(self.any_of.is_some(), "any_of");
        add(self.activity.is_some(), "activity");
        // Points per unit of the field's number is a condition of its own ("count this").
        add(
            self.per_unit.is_some() && self.activity.is_none(),
            "per_unit",
        );
        v
    }

    /// The single condition this rule has (after `check`).
    pub fn condition_name(&self) -> &'static str {
        self.conditions_set().first().copied().unwrap_or("none")
    }

    /// Check a rule in `role` at JSON path `path`.
    pub fn check(&self, path: &str, role: Role) -> Result<(), AgreementError> {
        let err = |p: String, m: String| Err(AgreementError::at(p, m));
        let set = self.conditions_set();
        match set.len() {
            0 => return err(path.into(), format!("the rule has no condition: add one of {}", Self::CONDITIONS)),
            1 => {}
            n => {
                return err(
                    path.into(),
                    format!(
                        "the rule has {n} conditions ({}): keep one, or combine them with all_of / any_of{}",
                        set.join(", "),
                        if set.contains(&"per_unit") { " (per_unit counts the field's number and takes no other condition)" } else { "" }
                    ),
                )
            }
        }
        let cond = set[0];
        if role != Role::Part && self.id.trim().is_empty() {
            return err(
                format!("{path}.id"),
                "a rule needs an id, e.g. \"decision-maker\"".into(),
            );
        }
        if role == Role::Part && !self.id.is_empty() {
            return err(
                format!("{path}.id"),
                "a condition inside all_of / any_of takes no id".into(),
            );
        }
        let combines = matches!(cond, "all_of" | "any_of" | "activity");
        match (&self.field, combines) {
            (None, false) => return err(format!("{path}.field"), format!("missing: which field {cond} applies to (a canonical field such as \"job_title\" or a header)")),
            (Some(f), false) if f.trim().is_empty() => return err(format!("{path}.field"), "must name a field".into()),
            (Some(_), true) => return err(format!("{path}.field"), format!("{cond} takes no field: each of its conditions names its own")),
            _ => {}
        }
        for (name, v) in [
            ("points", self.points),
            ("per_unit", self.per_unit),
            ("max", self.max),
            ("at_least", self.at_least),
            ("at_most", self.at_most),
            ("within_days", self.within_days),
            ("older_than_days", self.older_than_days),
        ] {
            if let Some(x) = v {
                if !x.is_finite() {
                    return err(format!("{path}.{name}"), "must be a finite number".into());
                }
            }
        }
        for (name, v) in [
            ("within_days", self.within_days),
            ("older_than_days", self.older_than_days),
        ] {
            if let Some(x) = v {
                if x < 0.0 {
                    return err(
                        format!("{path}.{name}"),
                        "must be a number of days, 0 or more".into(),
                    );
                }
            }
        }
        for (name, list) in [
            ("contains_any", &self.contains_any),
            ("equals_any", &self.equals_any),
            ("starts_with", &self.starts_with),
            ("domain_in", &self.domain_in),
        ] {
            if let Some(list) = list {
                if list.iter().all(|k| k.trim().is_empty()) {
                    return err(
                        format!("{path}.{name}"),
                        "needs at least one non-empty value, e.g. [\"director\", \"vp\"]".into(),
                    );
                }
            }
        }
        if let Some([lo, hi]) = self.between {
            if lo.partial_cmp(&hi).is_none_or(|o| o.is_gt()) {
                return err(format!("{path}.between"), format!("the range [{lo}, {hi}] is empty: the first number must not exceed the second"));
            }
        }
        for (name, parts) in [("all_of", &self.all_of), ("any_of", &self.any_of)] {
            if let Some(parts) = parts {
                if parts.is_empty() {
                    return err(
                        format!("{path}.{name}"),
                        "needs at least one condition".into(),
                    );
                }
                for (i, p) in parts.iter().enumerate() {
                    p.check(&format!("{path}.{name}[{i}]"), Role::Part)?;
                }
            }
        }
        if let Some(d) = &self.decay {
            if cond != "activity" {
                return err(
                    format!("{path}.decay"),
                    "decay only applies to activity rules".into(),
                );
            }
            d.check(&format!("{path}.decay"))?;
        }

        // What each role gives.
        let gives = self.points.is_some() || self.per_unit.is_some() || self.max.is_some();
        match role {
            Role::Part => {
                if gives {
                    return err(path.into(), "a condition inside all_of / any_of gives no points: put points on the rule that holds it".into());
                }
                if self.reason.is_some() {
                    return err(
                        format!("{path}.reason"),
                        "a condition inside all_of / any_of takes no reason".into(),
                    );
                }
            }
            Role::Disqualify | Role::FastTrack => {
                if gives {
                    return err(
                        path.into(),
                        "disqualifiers and fast-track rules give no points".into(),
                    );
                }
                if cond == "activity" {
                    return err(format!("{path}.activity"), "activities give points; as a disqualifier or fast-track, use a field condition".into());
                }
                if role == Role::Disqualify
                    && self.reason.as_deref().is_none_or(|r| r.trim().is_empty())
                {
                    return err(format!("{path}.reason"), "missing: why the lead is excluded, as sales will read it (e.g. \"Competitor\")".into());
                }
            }
            Role::Score => {
                if self.reason.is_some() {
                    return err(
                        format!("{path}.reason"),
                        "reason is for disqualifiers and fast-track rules".into(),
                    );
                }
                if self.per_unit.is_some() || cond == "activity" {
                    if self.points.is_some() {
                        return err(
                            format!("{path}.points"),
                            "this rule gives per_unit points per unit up to max: remove points"
                                .into(),
                        );
                    }
                    if self.per_unit.is_none() {
                        return err(
                            format!("{path}.per_unit"),
                            "missing: points per event (e.g. 2)".into(),
                        );
                    }
                    match self.max {
                        None => {
                            return err(
                                format!("{path}.max"),
                                "missing: a per_unit rule needs a max, so its points are bounded"
                                    .into(),
                            )
                        }
                        Some(m) if m < 0.0 => {
                            return err(format!("{path}.max"), "must be 0 or more".into())
                        }
                        _ => {}
                    }
                } else {
                    if self.points.is_none() {
                        return err(
                            format!("{path}.points"),
                            "missing: how many points the rule gives (may be negative)".into(),
                        );
                    }
                    if self.max.is_some() {
                        return err(
                            format!("{path}.max"),
                            "max only applies to per_unit rules".into(),
                        );
                    }
                }
            }
        }
        Ok(())
    }
}

impl Decay {
    /// Check at `path`: exactly one of a half-life or a step.
    pub fn check(&self, path: &str) -> Result<(), AgreementError> {
        match (self.half_life_days, self.step_percent, self.period_days) {
            (Some(h), None, None) if h.is_finite() && h > 0.0 => Ok(()),
            (Some(_), None, None) => Err(AgreementError::at(format!("{path}.half_life_days"), "must be a number of days above 0")),
            (None, Some(s), Some(p)) if (0.0..=100.0).contains(&s) && p.is_finite() && p > 0.0 => Ok(()),
            (None, Some(_), Some(_)) => Err(AgreementError::at(path, "step_percent must be 0–100 and period_days above 0")),
            _ => Err(AgreementError::at(
                path,
                "give either half_life_days (e.g. 30) or step_percent with period_days (e.g. 25 and 30)",
            )),
        }
    }

    /// The weight (0–1) of an event `age_days` old; events in the future count fully.
    pub fn weight(&self, age_days: f64) -> f64 {
        let age = age_days.max(0.0);
        if let Some(h) = self.half_life_days {
            return 0.5f64.powf(age / h);
        }
        match (self.step_percent, self.period_days) {
            (Some(s), Some(p)) => (1.0 - (age / p).floor() * s / 100.0).max(0.0),
            _ => 1.0,
        }
    }
}
