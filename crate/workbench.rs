//! The engine's stateful handle: loaded data plus agreement, asked questions by the page, the
//! CLI and the tests alike. The wasm binding wraps it without adding decisions.

use crate::agreement::{Agreement, AgreementError};
use crate::fields::{self, Mapping};
use crate::ingest::{self, ColumnInfo, IngestError, LoadSummary};
use crate::score::{Results, Scorer};
use crate::table::{ColumnData, Table};
use crate::text::fold;

/// Outcome values read as won / lost; anything else (empty, "Open", "In progress") is open.
const WON: &[&str] = &[
    "won",
    "closed won",
    "win",
    "customer",
    "converted",
    "1",
    "true",
    "yes",
    "oui",
    "gagne",
    "client",
];
const LOST: &[&str] = &[
    "lost",
    "closed lost",
    "loss",
    "0",
    "false",
    "no",
    "non",
    "perdu",
    "disqualified",
    "unqualified",
];

struct Data {
    table: Table,
    mapping: Mapping,
    summary: LoadSummary,
    /// Per lead: 0 open or unknown, 1 won, 2 lost.
    outcome: Vec<u8>,
    outcome_column: Option<String>,
}

/// Loaded leads and the agreement they are scored under.
pub struct Workbench {
    agreement: Agreement,
    data: Option<Data>,
    scorer: Scorer,
}

impl Default for Workbench {
    fn default() -> Self {
        Self::new()
    }
}

impl Workbench {
    /// A workbench with the default agreement and no data.
    pub fn new() -> Self {
        Workbench {
            agreement: Agreement::default(),
            data: None,
            scorer: Scorer::default(),
        }
    }

    /// Load a CSV export, replacing the current data. On error the current data stays loaded.
    pub fn load_csv(&mut self, text: &str) -> Result<&LoadSummary, IngestError> {
        let loaded = ingest::read_csv(text)?;
        let table = loaded.table;
        let mapping = fields::detect(&table, &self.agreement.mapping);
        let (outcome, outcome_column) = read_outcome(&table, &mapping);
        let columns = table
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| ColumnInfo {
                name: c.name.clone(),
                kind: c.kind(),
                field: mapping
                    .iter()
                    .find(|(_, &col)| col == i)
                    .map(|(f, _)| f.to_string()),
                distinct: c.distinct_or_filled(),
            })
            .collect();
        let summary = LoadSummary {
            rows: table.rows,
            columns,
            skipped_rows: loaded.skipped_rows,
            diagnostics: loaded.diagnostics,
            diagnostics_total: loaded.diagnostics_total,
        };
        self.scorer.reset();
        let data = Data {
            table,
            mapping,
            summary,
            outcome,
            outcome_column,
        };
        self.scorer.update(
            &data.table,
            &data.mapping,
            &data.outcome,
            &self.agreement.qualification,
        );
        let data = self.data.insert(data);
        Ok(&data.summary)
    }

    /// Replace the agreement. Only a change to the rules or the mapping re-scores; moving a
    /// threshold or a grade band is read from the histogram.
    pub fn set_agreement(&mut self, agreement: Agreement) {
        let mapping_changed = agreement.mapping != self.agreement.mapping;
        self.agreement = agreement;
        if mapping_changed {
            if let Some(d) = &mut self.data {
                d.mapping = fields::detect(&d.table, &self.agreement.mapping);
                let (o, c) = read_outcome(&d.table, &d.mapping);
                d.outcome = o;
                d.outcome_column = c;
                // The outcome feeds the histogram, so it must be rebuilt.
                self.scorer.reset();
            }
        }
        self.rescore();
    }

    /// Parse, check and set an agreement; on error the current one stays.
    pub fn set_agreement_json(&mut self, json: &str) -> Result<(), AgreementError> {
        let a = Agreement::from_json(json)?;
        self.set_agreement(a);
        Ok(())
    }

    /// The current agreement.
    pub fn agreement(&self) -> &Agreement {
        &self.agreement
    }

    /// What the last successful load produced.
    pub fn summary(&self) -> Option<&LoadSummary> {
        self.data.as_ref().map(|d| &d.summary)
    }

    /// Number of leads loaded.
    pub fn rows(&self) -> usize {
        self.data.as_ref().map_or(0, |d| d.table.rows)
    }

    /// Every figure for the current data and agreement.
    pub fn results(&self) -> Results {
        let col = self.data.as_ref().and_then(|d| d.outcome_column.as_deref());
        self.scorer.results(&self.agreement.qualification, col)
    }

    /// Fit score per lead, in row order.
    pub fn fit_scores(&self) -> &[f32] {
        self.scorer.fit()
    }

    /// Interest score per lead, in row order.
    pub fn interest_scores(&self) -> &[f32] {
        self.scorer.interest()
    }

    /// The scorer, for benchmarks and tests that look at caching.
    pub fn scorer(&self) -> &Scorer {
        &self.scorer
    }

    fn rescore(&mut self) {
        if let Some(d) = &self.data {
            self.scorer.update(
                &d.table,
                &d.mapping,
                &d.outcome,
                &self.agreement.qualification,
            );
        }
    }
}

fn read_outcome(table: &Table, mapping: &Mapping) -> (Vec<u8>, Option<String>) {
    let Some(&col) = mapping.get("outcome") else {
        return (Vec::new(), None);
    };
    let column = &table.columns[col];
    let classify = |v: &str| -> u8 {
        let f = fold(v.trim());
        if WON.contains(&f.as_str()) {
            1
        } else if LOST.contains(&f.as_str()) {
            2
        } else {
            0
        }
    };
    let outcome = match &column.data {
        ColumnData::Text { codes, dict } => {
            let lut: Vec<u8> = dict.iter().map(classify).collect();
            codes.iter().map(|&c| lut[c as usize]).collect()
        }
        ColumnData::Number(v) => v
            .iter()
            .map(|&x| {
                if x == 1.0 {
                    1
                } else if x == 0.0 {
                    2
                } else {
                    0
                }
            })
            .collect(),
    };
    (outcome, Some(column.name.clone()))
}
