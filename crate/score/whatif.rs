//! What-if: pin the current agreement, change it, and see which leads became MQLs and which
//! stopped being MQLs, by matrix cell, with the leads listed.

use super::results::grade_of;
use super::{over_line, Scorer};
use crate::agreement::Qualification;
use crate::fields::Mapping;
use crate::table::Table;
use serde::Serialize;

/// Leads listed per direction.
pub const LISTED: usize = 100;

/// The scores and agreement pinned for comparison.
pub struct Pinned {
    fit: super::Scores,
    interest: super::Scores,
    status: Vec<u8>,
    q: Qualification,
}

/// One lead whose MQL status changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LeadChange {
    pub row: u64,
    /// The lead's e-mail (or company, or first column), to recognise it.
    pub label: String,
    pub fit_before: f32,
    pub fit_after: f32,
    pub interest_before: f32,
    pub interest_after: f32,
}

/// Changes in one matrix cell (the lead's cell now).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CellChange {
    pub fit_grade: String,
    pub interest_grade: String,
    pub became: u64,
    pub stopped: u64,
}

/// The difference between the pinned agreement and the current one.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WhatIf {
    pub mqls_before: u64,
    pub mqls_after: u64,
    /// `mqls_after − mqls_before`.
    pub mqls_change: i64,
    pub became_mql: u64,
    pub stopped_mql: u64,
    pub sqls_before: u64,
    pub sqls_after: u64,
    /// Leads whose score changed at all.
    pub rescored: u64,
    pub cells: Vec<CellChange>,
    /// The first leads of each direction.
    pub became: Vec<LeadChange>,
    pub stopped: Vec<LeadChange>,
}

impl Scorer {
    /// Pin the current scores and agreement for [`what_if`](Self::what_if).
    pub fn pin(&mut self, q: &Qualification) {
        self.pinned = Some(Pinned {
            fit: self.fit.scores.clone(),
            interest: self.interest.scores.clone(),
            status: self.status.status.clone(),
            q: q.clone(),
        });
    }

    /// Drop the pin.
    pub fn unpin(&mut self) {
        self.pinned = None;
    }

    /// Whether an agreement is pinned.
    pub fn is_pinned(&self) -> bool {
        self.pinned.is_some()
    }

    /// Compare the current scores under `q` with the pinned ones.
    pub fn what_if(&self, table: &Table, mapping: &Mapping, q: &Qualification) -> Option<WhatIf> {
        let p = self.pinned.as_ref()?;
        let n = self.fit.scores.len().min(p.fit.len());
        let label_col = ["email", "company", "last_name"]
            .iter()
            .find_map(|f| mapping.get(f).copied())
            .or((!table.columns.is_empty()).then_some(0));
        let label = |row: usize| {
            label_col
                .map(|c| table.columns[c].display(row))
                .unwrap_or_default()
        };
        let mut w = WhatIf {
            mqls_before: 0,
            mqls_after: 0,
            mqls_change: 0,
            became_mql: 0,
            stopped_mql: 0,
            sqls_before: 0,
            sqls_after: 0,
            rescored: 0,
            cells: Vec::new(),
            became: Vec::new(),
            stopped: Vec::new(),
        };
        let mut cells: std::collections::BTreeMap<(String, String), (u64, u64)> =
            Default::default();
        for row in 0..n {
            let (fb, ib, sb) = (p.fit[row], p.interest[row], p.status[row]);
            let (fa, ia) = (self.fit.scores[row], self.interest.scores[row]);
            let sa = self.status.status.get(row).copied().unwrap_or(0);
            let before = over_line(fb, ib, sb, &p.q, false);
            let after = over_line(fa, ia, sa, q, false);
            w.mqls_before += u64::from(before);
            w.mqls_after += u64::from(after);
            w.sqls_before += u64::from(over_line(fb, ib, sb, &p.q, true));
            w.sqls_after += u64::from(over_line(fa, ia, sa, q, true));
            w.rescored += u64::from(fb != fa || ib != ia || sb != sa);
            if before == after {
                continue;
            }
            let cell = cells
                .entry((
                    grade_of(&q.grades.fit, fa),
                    grade_of(&q.grades.interest, ia),
                ))
                .or_insert((0, 0));
            let change = || LeadChange {
                row: row as u64,
                label: label(row),
                fit_before: fb,
                fit_after: fa,
                interest_before: ib,
                interest_after: ia,
            };
            if after {
                w.became_mql += 1;
                cell.0 += 1;
                if w.became.len() < LISTED {
                    w.became.push(change());
                }
            } else {
                w.stopped_mql += 1;
                cell.1 += 1;
                if w.stopped.len() < LISTED {
                    w.stopped.push(change());
                }
            }
        }
        w.mqls_change = w.mqls_after as i64 - w.mqls_before as i64;
        w.cells = cells
            .into_iter()
            .map(
                |((fit_grade, interest_grade), (became, stopped))| CellChange {
                    fit_grade,
                    interest_grade,
                    became,
                    stopped,
                },
            )
            .collect();
        Some(w)
    }
}
