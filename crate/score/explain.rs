//! Why a lead scored what it did: every rule with its points, each group's total and cap, the
//! axis's raw points and score, and the disqualifier or fast-track that applied. The parts add up
//! exactly to the scores (they are computed the same way, in the same order).

use super::axis::{capped, score_of};
use super::cond::{self, Cond, Ctx};
use super::results::grade_of;
use super::{over_line, Scorer, DISQUALIFIED, FAST_TRACK};
use crate::agreement::{Axis, Qualification, Rule};
use serde::Serialize;

/// One rule, for one lead.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleExplanation {
    pub id: String,
    /// The condition's kind ("contains_any", "per_unit", "activity"…).
    pub condition: String,
    pub field: Option<String>,
    /// The column the field resolved to, and the lead's value in it.
    pub column: Option<String>,
    pub value: Option<String>,
    pub matched: bool,
    /// For per-unit and activity rules: the units counted (decayed events).
    pub units: Option<f32>,
    pub points: f32,
    /// E.g. "capped at max 20", "decayed: half-life 30 days".
    pub note: Option<String>,
}

/// One group, for one lead.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupExplanation {
    pub name: String,
    pub cap: Option<f64>,
    /// The sum of the rules' points.
    pub total: f32,
    /// The total after the cap: what the group adds to the axis.
    pub counted: f32,
    pub rules: Vec<RuleExplanation>,
}

/// One axis, for one lead.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AxisExplanation {
    /// The sum of the groups' counted points.
    pub raw: f32,
    /// `clamp(raw, 0, 100)` rounded to 0.01: the score shown.
    pub score: f32,
    pub grade: String,
    pub groups: Vec<GroupExplanation>,
}

/// A disqualifier or fast-track rule that applied.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Applied {
    pub id: String,
    pub reason: Option<String>,
}

/// A cell of the lead's row.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldValue {
    pub column: String,
    pub field: Option<String>,
    pub value: String,
}

/// Everything about one lead's qualification.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Explanation {
    pub row: u64,
    pub fit: AxisExplanation,
    pub interest: AxisExplanation,
    /// The combined score, in combined mode.
    pub combined: Option<f32>,
    pub mql: bool,
    pub sql: bool,
    pub disqualified: Option<Applied>,
    pub fast_track: Option<Applied>,
    pub values: Vec<FieldValue>,
}

fn explain_axis(
    ctx: &Ctx,
    axis: &Axis,
    grades: &std::collections::BTreeMap<String, f64>,
    row: usize,
) -> AxisExplanation {
    let mut raw = 0f32;
    let mut groups = Vec::with_capacity(axis.groups.len());
    for g in &axis.groups {
        let mut total = 0f32;
        let mut rules = Vec::with_capacity(g.rules.len());
        for r in &g.rules {
            let c = cond::compile(r, ctx.table, ctx.mapping, axis.decay);
            let m = cond::eval_row(ctx, &c.cond, row);
            let points = c.weight.apply(m);
            total += points;
            rules.push(rule_explanation(ctx, r, &c, m, points, row));
        }
        let counted = capped(total, g.cap);
        raw += counted;
        groups.push(GroupExplanation {
            name: g.name.clone(),
            cap: g.cap,
            total,
            counted,
            rules,
        });
    }
    let score = score_of(raw);
    AxisExplanation {
        raw,
        score,
        grade: grade_of(grades, score),
        groups,
    }
}

fn rule_explanation(
    ctx: &Ctx,
    r: &Rule,
    c: &cond::Compiled,
    m: f32,
    points: f32,
    row: usize,
) -> RuleExplanation {
    let column = match &c.cond {
        Cond::Leaf { col: Some(col), .. } => Some(*col),
        _ => None,
    };
    let units = matches!(c.weight, cond::Weight::PerUnit { .. }).then_some(m);
    let note = match (c.weight, &c.cond) {
        (cond::Weight::PerUnit { per_unit, max }, cond) => {
            let mut parts = Vec::new();
            if let Cond::Activity { decay: Some(d), .. } = cond {
                parts.push(match d.half_life_days {
                    Some(h) => format!("events decayed with a half-life of {h} days"),
                    None => format!(
                        "events lose {}% every {} days",
                        d.step_percent.unwrap_or(0.0),
                        d.period_days.unwrap_or(0.0)
                    ),
                });
            }
            if per_unit * m.max(0.0) > max {
                parts.push(format!("capped at max {max}"));
            }
            (!parts.is_empty()).then(|| parts.join("; "))
        }
        _ => None,
    };
    RuleExplanation {
        id: r.id.clone(),
        condition: r.condition_name().to_string(),
        field: r.field.clone(),
        column: column.map(|c| ctx.table.columns[c].name.clone()),
        value: column.map(|c| ctx.table.columns[c].display(row)),
        matched: m != 0.0,
        units,
        points,
        note,
    }
}

impl Scorer {
    /// Explain lead `row` under `q` (the agreement the scores were computed for).
    pub fn explain(&self, ctx: &Ctx, q: &Qualification, row: usize) -> Option<Explanation> {
        if row >= ctx.table.rows {
            return None;
        }
        let fit = explain_axis(ctx, &q.fit, &q.grades.fit, row);
        let interest = explain_axis(ctx, &q.interest, &q.grades.interest, row);
        let status = self.status.status.get(row).copied().unwrap_or(0);
        let applied = |list: &[Rule]| {
            let k = self.status.rule.get(row).unwrap_or(0) as usize;
            list.get(k.wrapping_sub(1)).map(|r| Applied {
                id: r.id.clone(),
                reason: r.reason.clone(),
            })
        };
        let combined = match (q.thresholds.mode, q.thresholds.combined) {
            (crate::agreement::ThresholdMode::Combined, Some(c)) => {
                Some(super::combined_scores(&[fit.score], &[interest.score], c)[0])
            }
            _ => None,
        };
        let field_of = |col: usize| {
            ctx.mapping
                .iter()
                .find(|(_, &c)| c == col)
                .map(|(f, _)| f.to_string())
        };
        Some(Explanation {
            row: row as u64,
            mql: over_line(fit.score, interest.score, status, q, false),
            sql: over_line(fit.score, interest.score, status, q, true),
            disqualified: (status == DISQUALIFIED)
                .then(|| applied(&q.disqualify))
                .flatten(),
            fast_track: (status == FAST_TRACK)
                .then(|| applied(&q.fast_track))
                .flatten(),
            combined,
            fit,
            interest,
            values: ctx
                .table
                .columns
                .iter()
                .enumerate()
                .map(|(i, c)| FieldValue {
                    column: c.name.clone(),
                    field: field_of(i),
                    value: c.display(row),
                })
                .collect(),
        })
    }
}
