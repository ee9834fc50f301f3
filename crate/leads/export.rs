//! The scored export: every original column as the export wrote it, then the lead's scores,
//! grade, status, stages, track, SLA state and reasons, as CSV in chunks of rows (the worker
//! asks for a few thousand at a time and reports progress). Formula-like cells are neutralised.

use super::{sla_code, SLA_STATES, STATUSES};
use crate::agreement::Qualification;
use crate::formula::push_row;
use crate::score::cond::{self, Cached, Ctx, MatchCache, Weight};
use crate::Workbench;
use std::sync::Arc;

/// The columns the export adds after the original ones.
pub const SCORED_COLUMNS: &[&str] = &[
    "fit",
    "interest",
    "grade",
    "status",
    "stage",
    "export_stage",
    "track",
    "sla",
    "reasons",
];

/// Every scoring rule's value for every lead, evaluated once for a whole export.
pub(super) struct Points(Vec<(String, Arc<Cached>, Weight)>);

impl Points {
    fn new(ctx: &Ctx, q: &Qualification) -> Self {
        let mut cache = MatchCache::default();
        let mut out = Vec::new();
        for axis in [&q.fit, &q.interest] {
            for r in axis.groups.iter().flat_map(|g| &g.rules) {
                let c = cond::compile(r, ctx.table, ctx.mapping, axis.decay);
                out.push((r.id.clone(), cache.get(ctx, &c.cond), c.weight));
            }
        }
        Points(out)
    }
}

/// Points as the reasons show them: "+35", "-10", "+12.5".
fn signed(x: f32) -> String {
    if x > 0.0 {
        format!("+{x}")
    } else {
        x.to_string()
    }
}

impl Workbench {
    /// Rows `start..start + count` of the scored export as CSV text, the header line first when
    /// `start` is 0: the chunks of one export, concatenated, are the whole export. Empty
    /// without data.
    pub fn scored_csv_chunk(&mut self, start: usize, count: usize) -> String {
        let mut cache = std::mem::take(&mut self.leads);
        let out = self.write_chunk(&mut cache.points, start, count);
        self.leads = cache;
        out
    }

    fn write_chunk(&self, points: &mut Option<Points>, start: usize, count: usize) -> String {
        let (Some(v), Some(life)) = (self.view(), self.lifecycle_of()) else {
            return String::new();
        };
        let n = v.table.rows;
        let end = start.saturating_add(count).min(n);
        let mut out = String::new();
        if start == 0 {
            let header = v.table.columns.iter().map(|c| c.name.as_str());
            push_row(&mut out, header.chain(SCORED_COLUMNS.iter().copied()));
        }
        if start < end && points.is_none() {
            let ctx = Ctx {
                table: v.table,
                mapping: v.map,
                activities: self.activities(),
                as_of: self.as_of(),
            };
            *points = Some(Points::new(&ctx, &v.a.qualification));
        }
        let rules = points.as_ref().map_or(&[][..], |p| &p.0);
        let mut cells: Vec<String> = Vec::new();
        for row in start..end {
            let l = life.lead(row);
            let mut reasons: Vec<String> = v.reason(row).into_iter().collect();
            for (id, m, w) in rules {
                let x = (w.apply(m.m.at(v.table, row)) * 100.0).round() / 100.0;
                if x != 0.0 {
                    reasons.push(format!("{id} {}", signed(x)));
                }
            }
            cells.clear();
            cells.extend(v.table.columns.iter().map(|c| c.display(row)));
            cells.extend([
                v.fit(row).to_string(),
                v.int(row).to_string(),
                v.grade(row),
                STATUSES[v.status(row) as usize].to_string(),
                l.agreement_stage,
                l.actual_stage.unwrap_or_default(),
                l.track.unwrap_or_default(),
                SLA_STATES[sla_code(l.sla) as usize].to_string(),
                reasons.join("; "),
            ]);
            push_row(&mut out, cells.iter().map(String::as_str));
        }
        // The matches are only worth their memory while an export is being written.
        if end >= n {
            *points = None;
        }
        out
    }
}
