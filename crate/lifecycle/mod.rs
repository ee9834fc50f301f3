//! Every lead's place in the lifecycle: its stage in the export and under the agreement (kept
//! apart), how sales followed it up against the SLA (from the export's dates, in business
//! hours), whether it came back to marketing and why, and which nurture track it is in.

pub mod calendar;
pub mod stages;

use crate::agreement::{Agreement, Trigger};
use crate::fields::Mapping;
use crate::formula::push_row;
use crate::score::{over_line, results::grade_of, DISQUALIFIED, FAST_TRACK};
use crate::table::{ColumnData, Table, NO_DATE};
use crate::text::{contains_word, fold};
use calendar::Schedule;
use serde::Serialize;
use stages::{rank, StageMap};

const DAY: i64 = 86_400;

/// What the lifecycle is computed from.
pub struct Inputs<'a> {
    pub table: &'a Table,
    pub mapping: &'a Mapping,
    pub agreement: &'a Agreement,
    pub fit: &'a crate::score::Scores,
    pub interest: &'a crate::score::Scores,
    pub status: &'a [u8],
    pub as_of: Option<i64>,
}

/// The SLA state of one handed-over lead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Sla {
    /// Touched within the deadline.
    Met,
    /// Touched after the deadline.
    Missed,
    /// Not touched, and the deadline is past: overdue now.
    Overdue,
    /// Not touched, and the deadline is still ahead.
    Pending,
    /// Not handed over to sales.
    NotHandedOver,
    /// The export lacks what the figure needs (see `needs`).
    NotAvailable,
}

/// One lead's lifecycle.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LeadLifecycle {
    /// The stage the export gives (its label mapped), or from its dates.
    pub actual_stage: Option<String>,
    /// The label as written in the export.
    pub actual_label: Option<String>,
    /// What the agreement decides today.
    pub agreement_stage: String,
    /// Handed to sales (per the export: a handoff date), in seconds since 1970.
    pub handed_at: Option<i64>,
    pub first_touch_at: Option<i64>,
    /// The first-touch deadline, in business hours after the handoff.
    pub deadline: Option<i64>,
    /// Business hours from handoff to first touch.
    pub speed_hours: Option<f64>,
    pub sla: Sla,
    pub attempts: Option<u32>,
    pub next_attempt_due: Option<i64>,
    /// Why the lead went back to marketing, when it did.
    pub recycled: Option<String>,
    /// The nurture track, and how it was chosen ("override", "recycle", "rule").
    pub track: Option<String>,
    pub track_by: Option<String>,
    /// Why there is no track.
    pub no_track: Option<String>,
    /// Columns the figures above would need and the export lacks.
    pub needs: Vec<String>,
}

/// Leads in one stage.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StageCount {
    pub stage: String,
    pub name: String,
    pub leads: u64,
}

/// A figure with how many leads it rests on, or why it is not available.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FollowUpSummary {
    /// Leads handed to sales in the export (with a handoff date).
    pub handed_over: Option<u64>,
    pub touched: Option<u64>,
    pub within_sla: Option<u64>,
    pub missed_sla: Option<u64>,
    /// Within ÷ touched-or-overdue.
    pub sla_rate: Option<f64>,
    pub overdue_now: Option<u64>,
    pub pending: Option<u64>,
    pub median_speed_hours: Option<f64>,
    pub p90_speed_hours: Option<f64>,
    pub mean_attempts: Option<f64>,
    pub recycled: Option<u64>,
    pub recycled_by_reason: Vec<(String, u64)>,
    /// "figure: needs column X" for every figure the export cannot give.
    pub not_available: Vec<String>,
}

/// Leads per nurture track.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TrackCount {
    pub track: String,
    pub leads: u64,
    pub overridden: u64,
}

/// The lifecycle of all leads.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LifecycleSummary {
    /// Per stage, from the export (`None` when it has neither a stage column nor stage dates).
    pub actual: Option<Vec<StageCount>>,
    /// Per stage, under the agreement.
    pub agreement: Vec<StageCount>,
    /// Export labels that map to no stage, with their leads (map them in definitions.stage_map).
    pub unmapped_labels: Vec<(String, u64)>,
    pub follow_up: FollowUpSummary,
    pub tracks: Vec<TrackCount>,
    /// Leads not with sales that no track takes.
    pub untracked: u64,
    /// Leads the handoff sheet lists.
    pub handoff_leads: u64,
}

fn date(table: &Table, mapping: &Mapping, field: &str, row: usize) -> Option<i64> {
    let col = *mapping.get(field)?;
    match &table.columns[col].data {
        ColumnData::Date(v) => v.get(row).filter(|&d| d != NO_DATE),
        _ => None,
    }
}

fn number(table: &Table, mapping: &Mapping, field: &str, row: usize) -> Option<f64> {
    let col = *mapping.get(field)?;
    match &table.columns[col].data {
        ColumnData::Number(v) => v.get(row).filter(|x| !x.is_nan()),
        _ => None,
    }
}

fn text(table: &Table, mapping: &Mapping, field: &str, row: usize) -> Option<String> {
    let col = *mapping.get(field)?;
    let v = table.columns[col].display(row);
    (!v.trim().is_empty()).then_some(v)
}

/// Per-export facts computed once for all leads.
pub struct Lifecycle<'a> {
    inp: Inputs<'a>,
    schedule: Schedule,
    stage_map: StageMap,
}

/// What the handoff sheet carries when the agreement names no fields (the SLA document says
/// the same).
pub const DEFAULT_HANDOFF_FIELDS: [&str; 6] = [
    "email",
    "job_title",
    "company",
    "fit",
    "interest",
    "recent_conversion",
];

impl<'a> Lifecycle<'a> {
    /// Prepare; the schedule comes from the agreement's business hours (round the clock without).
    pub fn new(inp: Inputs<'a>) -> Self {
        let schedule = inp
            .agreement
            .follow_up
            .business_hours
            .as_ref()
            .and_then(|b| b.schedule().ok())
            .unwrap_or_else(Schedule::always);
        let stage_map = StageMap::new(&inp.agreement.definitions.stage_map);
        Lifecycle {
            inp,
            schedule,
            stage_map,
        }
    }

    fn actual(&self, row: usize) -> (Option<String>, Option<String>) {
        let (t, m) = (self.inp.table, self.inp.mapping);
        if let Some(label) = text(t, m, "lifecycle_stage", row) {
            return (
                self.stage_map.stage(&label).map(str::to_string),
                Some(label),
            );
        }
        // No stage column (or an empty cell): the furthest "became … date".
        for (field, stage) in [
            ("customer_date", "customer"),
            ("opportunity_date", "opportunity"),
            ("sql_date", "sql"),
            ("mql_date", "mql"),
        ] {
            if date(t, m, field, row).is_some() {
                return (Some(stage.to_string()), None);
            }
        }
        let has_dates = ["customer_date", "opportunity_date", "sql_date", "mql_date"]
            .iter()
            .any(|f| m.contains_key(f));
        (has_dates.then(|| "lead".to_string()), None)
    }

    /// One lead's lifecycle.
    pub fn lead(&self, row: usize) -> LeadLifecycle {
        let inp = &self.inp;
        let (t, m, a) = (inp.table, inp.mapping, inp.agreement);
        let (actual_stage, actual_label) = self.actual(row);
        let mut needs = Vec::new();
        let handed_at = date(t, m, "mql_date", row);
        if !m.contains_key("mql_date") {
            needs.push("mql_date".to_string());
        }
        let first_touch_at = date(t, m, "first_touch_date", row);
        if !m.contains_key("first_touch_date") {
            needs.push("first_touch_date".to_string());
        }
        let attempts = number(t, m, "sales_activities", row).map(|x| x.max(0.0) as u32);
        if !m.contains_key("sales_activities") {
            needs.push("sales_activities".to_string());
        }
        let reached_sql = date(t, m, "sql_date", row).is_some()
            || actual_stage
                .as_deref()
                .is_some_and(|s| rank(s) >= rank("sql"));
        let f = &a.follow_up;

        let deadline = handed_at.map(|h| self.schedule.add_business_hours(h, f.first_touch_hours));
        let speed_hours = match (handed_at, first_touch_at) {
            (Some(h), Some(touch)) => Some(self.schedule.business_hours_between(h, touch)),
            _ => None,
        };
        let sla = match (handed_at, deadline, first_touch_at) {
            (None, _, _) if m.contains_key("mql_date") => Sla::NotHandedOver,
            (None, _, _) => Sla::NotAvailable,
            (Some(_), Some(d), Some(touch)) => {
                if touch <= d {
                    Sla::Met
                } else {
                    Sla::Missed
                }
            }
            (Some(_), Some(d), None) if m.contains_key("first_touch_date") => match inp.as_of {
                Some(now) if now > d => Sla::Overdue,
                Some(_) => Sla::Pending,
                None => Sla::NotAvailable,
            },
            _ => Sla::NotAvailable,
        };

        let recycle = &a.handoff.recycle;
        let limit = recycle.after_attempts.unwrap_or(f.attempts);
        let recycled = match handed_at {
            Some(h) if !reached_sql => {
                if attempts.is_some_and(|n| n >= limit) {
                    Some(format!("no response after {limit} attempts"))
                } else {
                    match (recycle.after_days, inp.as_of) {
                        (Some(days), Some(now)) if (now - h) as f64 / DAY as f64 > days => {
                            Some(format!("no progress in {days} days"))
                        }
                        _ => None,
                    }
                }
            }
            _ => None,
        };
        let next_attempt_due = match (handed_at, attempts) {
            (Some(h), Some(n))
                if recycled.is_none()
                    && !reached_sql
                    && (n as usize) < f.cadence_days.len()
                    && n < f.attempts =>
            {
                Some(h + (f.cadence_days[n as usize] * DAY as f64) as i64)
            }
            _ => None,
        };

        let status = inp.status.get(row).copied().unwrap_or(0);
        let (fit, int) = (
            inp.fit.get(row).unwrap_or(0.0),
            inp.interest.get(row).unwrap_or(0.0),
        );
        let q = &a.qualification;
        let beyond = actual_stage
            .as_deref()
            .filter(|s| rank(s) >= rank("opportunity"));
        let agreement_stage = if status == DISQUALIFIED {
            "disqualified".to_string()
        } else if let Some(s) = beyond {
            // Sales outcomes are not the agreement's to decide.
            s.to_string()
        } else if recycled.is_some() {
            "recycled".to_string()
        } else if over_line(fit, int, status, q, true) {
            "sql".to_string()
        } else if self.handed(fit, int, status) {
            "mql".to_string()
        } else {
            "lead".to_string()
        };

        let mut lead = LeadLifecycle {
            actual_stage,
            actual_label,
            agreement_stage,
            handed_at,
            first_touch_at,
            deadline,
            speed_hours,
            sla,
            attempts,
            next_attempt_due,
            recycled,
            track: None,
            track_by: None,
            no_track: None,
            needs,
        };
        self.assign_track(row, &mut lead);
        lead
    }

    /// Whether the agreement sends this lead to sales (its handoff triggers).
    fn handed(&self, fit: f32, int: f32, status: u8) -> bool {
        let a = self.inp.agreement;
        let q = &a.qualification;
        let by_mql = a.handoff.triggers.contains(&Trigger::Mql)
            && status != FAST_TRACK
            && over_line(fit, int, status, q, false);
        let by_fast = a.handoff.triggers.contains(&Trigger::FastTrack) && status == FAST_TRACK;
        by_mql || by_fast
    }

    fn assign_track(&self, row: usize, lead: &mut LeadLifecycle) {
        let (t, m, a) = (self.inp.table, self.inp.mapping, self.inp.agreement);
        if matches!(
            lead.agreement_stage.as_str(),
            "mql" | "sal" | "sql" | "opportunity" | "customer"
        ) {
            lead.no_track = Some("with sales".into());
            return;
        }
        if lead.agreement_stage == "disqualified" {
            lead.no_track = Some("disqualified".into());
            return;
        }
        let key_of = |f: &str| text(t, m, f, row).map(|v| v.trim().to_lowercase());
        let keys: Vec<String> = ["email", "lead_id"]
            .iter()
            .filter_map(|f| key_of(f))
            .collect();
        if let Some((_, track)) = a
            .nurture
            .overrides
            .iter()
            .find(|(k, _)| keys.contains(&k.trim().to_lowercase()))
        {
            lead.track = Some(track.clone());
            lead.track_by = Some("override".into());
            return;
        }
        if lead.recycled.is_some() {
            if let Some(track) = &a.handoff.recycle.track {
                lead.track = Some(track.clone());
                lead.track_by = Some("recycle".into());
                return;
            }
        }
        let q = &a.qualification;
        let fit = self.inp.fit.get(row).unwrap_or(0.0);
        let int = self.inp.interest.get(row).unwrap_or(0.0);
        let words = |field: &str, keys: &[String]| {
            let v = fold(&text(t, m, field, row).unwrap_or_default());
            keys.iter().any(|k| contains_word(&v, &fold(k.trim())))
        };
        for track in &a.nurture.tracks {
            let w = &track.when;
            let ok = w
                .interest_band
                .as_ref()
                .is_none_or(|b| b.holds(&grade_of(&q.grades.interest, int)))
                && w.fit_grade
                    .as_ref()
                    .is_none_or(|g| g.holds(&grade_of(&q.grades.fit, fit)))
                && w.persona.as_ref().is_none_or(|k| words("job_title", k))
                && w.last_conversion
                    .as_ref()
                    .is_none_or(|k| words("recent_conversion", k))
                && w.recycled.is_none_or(|r| r == lead.recycled.is_some())
                && w.recycle_reason.as_ref().is_none_or(|r| {
                    lead.recycled
                        .as_deref()
                        .is_some_and(|x| x.contains(r.as_str()))
                });
            if ok {
                lead.track = Some(track.id.clone());
                lead.track_by = Some("rule".into());
                return;
            }
        }
        lead.no_track = Some(if a.nurture.tracks.is_empty() {
            "the agreement has no nurture tracks".into()
        } else {
            "no track's entry rules match".into()
        });
    }

    /// What the lifecycle is computed from.
    pub fn inputs(&self) -> &Inputs<'a> {
        &self.inp
    }

    /// Leads that reached each stage in the export (a lead that went further reached the stages
    /// before): subscriber, lead, mql, sal, sql, opportunity, customer. `None` when the export
    /// gives no stages.
    pub fn reached(&self) -> Option<[u64; 7]> {
        let mut out = [0u64; 7];
        let mut any = false;
        for row in 0..self.inp.table.rows {
            let Some(stage) = self.actual(row).0 else {
                continue;
            };
            any = true;
            let r = rank(&stage) as usize;
            for slot in out.iter_mut().take(r.min(6) + 1) {
                *slot += 1;
            }
        }
        any.then_some(out)
    }

    /// All leads, summed up.
    pub fn summary(&self) -> LifecycleSummary {
        let n = self.inp.table.rows;
        let a = self.inp.agreement;
        let mut actual: std::collections::BTreeMap<String, u64> = Default::default();
        let mut have_actual = false;
        let mut unmapped: std::collections::BTreeMap<String, u64> = Default::default();
        let mut agreement: std::collections::BTreeMap<String, u64> = Default::default();
        let mut tracks: std::collections::BTreeMap<String, (u64, u64)> = Default::default();
        let mut untracked = 0u64;
        let (mut handed, mut touched, mut within, mut missed, mut overdue, mut pending) =
            (0u64, 0u64, 0u64, 0u64, 0u64, 0u64);
        let mut speeds: Vec<f64> = Vec::new();
        let (mut attempts_sum, mut attempts_n) = (0u64, 0u64);
        let mut recycled: std::collections::BTreeMap<String, u64> = Default::default();
        let mut handoff = 0u64;
        let mut needs: Vec<String> = Vec::new();
        for row in 0..n {
            let l = self.lead(row);
            if row == 0 {
                needs = l.needs.clone();
            }
            if let Some(s) = &l.actual_stage {
                have_actual = true;
                *actual.entry(s.clone()).or_insert(0) += 1;
            } else if let Some(label) = &l.actual_label {
                have_actual = true;
                *unmapped.entry(label.clone()).or_insert(0) += 1;
            }
            *agreement.entry(l.agreement_stage.clone()).or_insert(0) += 1;
            if l.agreement_stage == "mql" || l.agreement_stage == "sql" {
                handoff += 1;
            }
            match (&l.track, &l.no_track) {
                (Some(t), _) => {
                    let e = tracks.entry(t.clone()).or_insert((0, 0));
                    e.0 += 1;
                    e.1 += u64::from(l.track_by.as_deref() == Some("override"));
                }
                (None, Some(why)) if why != "with sales" && why != "disqualified" => untracked += 1,
                _ => {}
            }
            if l.handed_at.is_some() {
                handed += 1;
            }
            match l.sla {
                Sla::Met => {
                    touched += 1;
                    within += 1;
                }
                Sla::Missed => {
                    touched += 1;
                    missed += 1;
                }
                Sla::Overdue => overdue += 1,
                Sla::Pending => pending += 1,
                _ => {}
            }
            if let Some(s) = l.speed_hours {
                speeds.push(s);
            }
            if l.handed_at.is_some() {
                if let Some(n) = l.attempts {
                    attempts_sum += u64::from(n);
                    attempts_n += 1;
                }
            }
            if let Some(r) = &l.recycled {
                *recycled.entry(r.clone()).or_insert(0) += 1;
            }
        }
        speeds.sort_by(f64::total_cmp);
        let pct = |p: f64| -> Option<f64> {
            if speeds.is_empty() {
                return None;
            }
            let i = ((speeds.len() - 1) as f64 * p).round() as usize;
            speeds.get(i).map(|x| (x * 100.0).round() / 100.0)
        };
        let name = |id: &str| -> String {
            a.definitions
                .stages
                .iter()
                .find(|s| s.id == id)
                .map_or_else(|| id.to_string(), |s| s.name.get(&a.locale).to_string())
        };
        let counts = |m: &std::collections::BTreeMap<String, u64>| -> Vec<StageCount> {
            let mut v: Vec<StageCount> = m
                .iter()
                .map(|(s, &c)| StageCount {
                    stage: s.clone(),
                    name: name(s),
                    leads: c,
                })
                .collect();
            let order = |s: &str| {
                crate::agreement::parts::STAGES
                    .iter()
                    .position(|x| *x == s)
                    .unwrap_or(99)
            };
            v.sort_by_key(|c| order(&c.stage));
            v
        };
        let mapping = self.inp.mapping;
        let has = |f: &str| mapping.contains_key(f);
        let mut not_available = Vec::new();
        for (figure, fields) in [
            ("handoffs", &["mql_date"][..]),
            (
                "speed to lead and SLA compliance",
                &["mql_date", "first_touch_date"][..],
            ),
            (
                "contact attempts and recycling by attempts",
                &["sales_activities"][..],
            ),
        ] {
            let missing: Vec<&str> = fields.iter().filter(|f| !has(f)).copied().collect();
            if !missing.is_empty() {
                not_available.push(format!(
                    "{figure}: not available, needs column {}",
                    missing.join(" and ")
                ));
            }
        }
        let _ = needs;
        let sla_ok = has("mql_date") && has("first_touch_date");
        let some = |x: u64, ok: bool| ok.then_some(x);
        let mut by_reason: Vec<(String, u64)> = recycled.into_iter().collect();
        by_reason.sort_by_key(|b| std::cmp::Reverse(b.1));
        LifecycleSummary {
            actual: have_actual.then(|| counts(&actual)),
            agreement: counts(&agreement),
            unmapped_labels: unmapped.into_iter().collect(),
            follow_up: FollowUpSummary {
                handed_over: some(handed, has("mql_date")),
                touched: some(touched, sla_ok),
                within_sla: some(within, sla_ok),
                missed_sla: some(missed, sla_ok),
                sla_rate: (sla_ok && within + missed + overdue > 0)
                    .then(|| within as f64 / (within + missed + overdue) as f64),
                overdue_now: some(overdue, sla_ok),
                pending: some(pending, sla_ok),
                median_speed_hours: pct(0.5),
                p90_speed_hours: pct(0.9),
                mean_attempts: (attempts_n > 0).then(|| attempts_sum as f64 / attempts_n as f64),
                recycled: some(by_reason.iter().map(|r| r.1).sum(), has("mql_date")),
                recycled_by_reason: by_reason,
                not_available,
            },
            tracks: tracks
                .into_iter()
                .map(|(track, (leads, overridden))| TrackCount {
                    track,
                    leads,
                    overridden,
                })
                .collect(),
            untracked,
            handoff_leads: handoff,
        }
    }

    /// The handoff sheet: the leads the agreement sends to sales, with the agreement's fields,
    /// as CSV. Cells that a spreadsheet would read as a formula are neutralised.
    pub fn handoff_csv(&self) -> String {
        let inp = &self.inp;
        let a = inp.agreement;
        let fields: Vec<String> = if a.handoff.fields.is_empty() {
            DEFAULT_HANDOFF_FIELDS
                .iter()
                .map(|s| s.to_string())
                .collect()
        } else {
            a.handoff.fields.clone()
        };
        let mut out = String::new();
        let mut header: Vec<String> = fields.clone();
        header.push("reason".into());
        push_row(&mut out, header.iter().map(String::as_str));
        for row in 0..inp.table.rows {
            let status = inp.status.get(row).copied().unwrap_or(0);
            let (fit, int) = (
                inp.fit.get(row).unwrap_or(0.0),
                inp.interest.get(row).unwrap_or(0.0),
            );
            if !self.handed(fit, int, status) {
                continue;
            }
            let cells: Vec<String> = fields
                .iter()
                .map(|f| match f.as_str() {
                    "fit" => format!("{fit}"),
                    "interest" => format!("{int}"),
                    "grade" => format!(
                        "{}{}",
                        grade_of(&a.qualification.grades.fit, fit),
                        grade_of(&a.qualification.grades.interest, int)
                    ),
                    _ => crate::fields::resolve(inp.table, inp.mapping, f)
                        .map(|c| inp.table.columns[c].display(row))
                        .unwrap_or_default(),
                })
                .chain(std::iter::once(if status == FAST_TRACK {
                    "fast-track".to_string()
                } else {
                    "MQL".to_string()
                }))
                .collect();
            push_row(&mut out, cells.iter().map(String::as_str));
        }
        out
    }
}
