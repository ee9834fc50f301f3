//! Parts 2, 4, 5 and 6 of the agreement: the stage definitions, the handoff to sales and back,
//! the nurture tracks and the follow-up rules.

use super::AgreementError;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A text in one language, or in several (`{ "en": "…", "fr": "…" }`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Text {
    One(String),
    Many(BTreeMap<String, String>),
}

impl Text {
    /// The text in `lang`, else English, else any.
    pub fn get(&self, lang: &str) -> &str {
        match self {
            Text::One(s) => s,
            Text::Many(m) => m
                .get(lang)
                .or_else(|| m.get("en"))
                .or_else(|| m.values().next())
                .map_or("", String::as_str),
        }
    }
}

/// The stages every agreement knows, in funnel order.
pub const STAGES: &[&str] = &[
    "subscriber",
    "lead",
    "mql",
    "sal",
    "sql",
    "opportunity",
    "customer",
    "disqualified",
    "recycled",
];

/// Part 2: what each stage is called and means; how the export's labels map to stages.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Definitions {
    #[serde(default)]
    pub stages: Vec<StageDef>,
    /// The export's stage label (as written, any case) → a stage id; wins over the built-in
    /// table (HubSpot, Salesforce, Marketo, French labels).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub stage_map: BTreeMap<String, String>,
}

/// One stage's name and definition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StageDef {
    pub id: String,
    pub name: Text,
    pub definition: Text,
}

/// What sends a lead from marketing to sales.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Trigger {
    Mql,
    FastTrack,
}

/// Part 4: the handoff to sales, and the way back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Handoff {
    #[serde(default = "default_triggers")]
    pub triggers: Vec<Trigger>,
    /// The fields of the handoff sheet: canonical fields, headers, or "fit", "interest",
    /// "grade", "stage", "reason".
    #[serde(default)]
    pub fields: Vec<String>,
    #[serde(default)]
    pub recycle: Recycle,
}

fn default_triggers() -> Vec<Trigger> {
    vec![Trigger::Mql, Trigger::FastTrack]
}

impl Default for Handoff {
    fn default() -> Self {
        Handoff {
            triggers: default_triggers(),
            fields: Vec::new(),
            recycle: Recycle::default(),
        }
    }
}

/// When sales returns a lead to marketing, with which reasons, into which track.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recycle {
    /// After this many attempts without reaching SQL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after_attempts: Option<u32>,
    /// Or after this many days since the handoff without reaching SQL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after_days: Option<f64>,
    /// The nurture track recycled leads enter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub track: Option<String>,
    /// The reason codes sales may give.
    #[serde(default = "default_reasons")]
    pub reasons: Vec<String>,
}

fn default_reasons() -> Vec<String> {
    [
        "no response",
        "bad timing",
        "no budget",
        "wrong contact",
        "not a fit",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

impl Default for Recycle {
    fn default() -> Self {
        Recycle {
            after_attempts: None,
            after_days: None,
            track: None,
            reasons: default_reasons(),
        }
    }
}

/// Part 5: nurture tracks and manual placements.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Nurture {
    #[serde(default)]
    pub tracks: Vec<Track>,
    /// Lead (e-mail or id, as in the export) → track id, set by hand; wins over the rules.
    #[serde(default)]
    pub overrides: BTreeMap<String, String>,
}

/// A buyer-journey step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    Awareness,
    Consideration,
    Decision,
}

/// A nurture track and who enters it (every condition given must hold).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Track {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<Step>,
    #[serde(default)]
    pub when: TrackWhen,
}

/// One value, or a list of them (`"3"` or `["1", "2"]`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    /// Whether `v` is the value, or one of them.
    pub fn holds(&self, v: &str) -> bool {
        match self {
            OneOrMany::One(s) => s == v,
            OneOrMany::Many(l) => l.iter().any(|s| s == v),
        }
    }
}

/// Entry conditions of a track.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrackWhen {
    /// The lead's interest grade (or one of them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interest_band: Option<OneOrMany>,
    /// The lead's fit grade (or one of them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fit_grade: Option<OneOrMany>,
    /// Job title keywords (as `contains_any`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub persona: Option<Vec<String>>,
    /// Keywords of the content last converted on (as `contains_any` on `recent_conversion`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_conversion: Option<Vec<String>>,
    /// Recycled leads (with this reason, if given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recycled: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recycle_reason: Option<String>,
}

/// Part 6: how sales follows up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowUp {
    /// First touch within this many business hours of the handoff.
    #[serde(default = "default_first_touch")]
    pub first_touch_hours: f64,
    /// Attempts before recycling.
    #[serde(default = "default_attempts")]
    pub attempts: u32,
    #[serde(default)]
    pub channels: Vec<String>,
    /// Days after the handoff of each attempt (e.g. 0, 1, 3, 5, 8, 13).
    #[serde(default)]
    pub cadence_days: Vec<f64>,
    /// Opening hours the deadline counts in; none: round the clock.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub business_hours: Option<BusinessHours>,
}

fn default_first_touch() -> f64 {
    24.0
}
fn default_attempts() -> u32 {
    6
}

impl Default for FollowUp {
    fn default() -> Self {
        FollowUp {
            first_touch_hours: 24.0,
            attempts: 6,
            channels: Vec::new(),
            cadence_days: Vec::new(),
            business_hours: None,
        }
    }
}

/// Working days and hours in a time zone, with holidays.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BusinessHours {
    pub days: String,
    pub open: String,
    pub close: String,
    pub time_zone: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub holidays: Vec<String>,
}

impl BusinessHours {
    /// The schedule, or why it cannot be one.
    pub fn schedule(&self) -> Result<crate::lifecycle::calendar::Schedule, String> {
        crate::lifecycle::calendar::Schedule::new(
            &self.days,
            &self.open,
            &self.close,
            &self.time_zone,
            &self.holidays,
        )
    }
}

/// Check parts 2, 4, 5 and 6.
pub fn validate(
    d: &Definitions,
    h: &Handoff,
    n: &Nurture,
    f: &FollowUp,
) -> Result<(), AgreementError> {
    let err = |p: String, m: String| Err(AgreementError::at(p, m));
    for (i, s) in d.stages.iter().enumerate() {
        if !STAGES.contains(&s.id.as_str()) {
            return err(
                format!("definitions.stages[{i}].id"),
                format!(
                    "\"{}\" is not a stage: use one of {}",
                    s.id,
                    STAGES.join(", ")
                ),
            );
        }
    }
    for (label, stage) in &d.stage_map {
        if !STAGES.contains(&stage.as_str()) {
            return err(
                format!("definitions.stage_map.{label}"),
                format!(
                    "\"{stage}\" is not a stage: use one of {}",
                    STAGES.join(", ")
                ),
            );
        }
    }
    if h.triggers.is_empty() {
        return err(
            "handoff.triggers".into(),
            "needs at least one of \"mql\", \"fast_track\"".into(),
        );
    }
    let track_ids: Vec<&str> = n.tracks.iter().map(|t| t.id.as_str()).collect();
    for (i, t) in n.tracks.iter().enumerate() {
        if t.id.trim().is_empty() {
            return err(
                format!("nurture.tracks[{i}].id"),
                "a track needs an id, e.g. \"consideration\"".into(),
            );
        }
        if track_ids.iter().filter(|&&x| x == t.id).count() > 1 {
            return err(
                format!("nurture.tracks[{i}].id"),
                format!("\"{}\" is the id of another track", t.id),
            );
        }
    }
    if let Some(t) = &h.recycle.track {
        if !track_ids.contains(&t.as_str()) {
            return err(
                "handoff.recycle.track".into(),
                format!(
                    "\"{t}\" is not a nurture track: use one of {}",
                    track_ids.join(", ")
                ),
            );
        }
    }
    if h.recycle.after_attempts == Some(0) {
        return err(
            "handoff.recycle.after_attempts".into(),
            "must be 1 or more".into(),
        );
    }
    if let Some(d) = h.recycle.after_days {
        if !(d.is_finite() && d > 0.0) {
            return err(
                "handoff.recycle.after_days".into(),
                "must be a number of days above 0".into(),
            );
        }
    }
    for (lead, track) in &n.overrides {
        if !track_ids.contains(&track.as_str()) {
            return err(
                format!("nurture.overrides.{lead}"),
                format!(
                    "\"{track}\" is not a nurture track: use one of {}",
                    track_ids.join(", ")
                ),
            );
        }
    }
    if !(f.first_touch_hours.is_finite() && f.first_touch_hours > 0.0) {
        return err(
            "follow_up.first_touch_hours".into(),
            "must be a number of hours above 0".into(),
        );
    }
    if f.attempts == 0 {
        return err("follow_up.attempts".into(), "must be 1 or more".into());
    }
    if f.cadence_days.windows(2).any(|w| w[1] < w[0])
        || f.cadence_days.iter().any(|d| !(d.is_finite() && *d >= 0.0))
    {
        return err("follow_up.cadence_days".into(), "must be days after the handoff, 0 or more, in increasing order (e.g. [0, 1, 3, 5, 8, 13])".into());
    }
    if let Some(b) = &f.business_hours {
        if let Err(m) = b.schedule() {
            return err("follow_up.business_hours".into(), m);
        }
    }
    Ok(())
}
