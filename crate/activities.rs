//! Activities: an optional second export of events (lead key, type, timestamp, detail), joined
//! to the leads by id or by e-mail (case-insensitive), for time-decayed interest scoring.

use crate::fields::{self, Mapping};
use crate::table::{ColumnData, Dict, Table, NO_DATE};
use crate::text::header_key;
use serde::Serialize;

/// How many unmatched keys are listed (all are counted).
const UNMATCHED_EXAMPLES: usize = 10;

/// Header names of an events file's columns, strongest first.
const TYPE_NAMES: &[&str] = &[
    "activity type",
    "event type",
    "type",
    "event",
    "activity",
    "action",
    "event name",
    "type d activite",
    "type d evenement",
    "evenement",
];
const TIME_NAMES: &[&str] = &[
    "timestamp",
    "occurred at",
    "activity date",
    "event date",
    "date",
    "time",
    "created at",
    "created date",
    "date de l activite",
    "horodatage",
];
const DETAIL_NAMES: &[&str] = &[
    "detail",
    "details",
    "description",
    "subject",
    "url",
    "page",
    "page url",
    "name",
    "objet",
    "sujet",
];

/// Events joined to leads, sorted by lead then time.
#[derive(Debug, Clone, Default)]
pub struct Activities {
    /// Lead row of each event.
    pub lead: Vec<u32>,
    /// Event type code into `kinds` (0 = no type).
    pub kind: Vec<u32>,
    pub kinds: Dict,
    /// Seconds since 1970 UTC, or [`NO_DATE`].
    pub at: Vec<i64>,
}

/// What the join found, for the page and the CLI.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ActivitySummary {
    pub events: u64,
    pub matched: u64,
    pub unmatched: u64,
    /// The first keys that matched no lead.
    pub unmatched_examples: Vec<String>,
    /// "lead_id" or "email".
    pub joined_on: String,
    pub key_column: String,
    pub type_column: Option<String>,
    pub time_column: Option<String>,
    pub detail_column: Option<String>,
    /// Events without a readable timestamp (they cannot decay and are counted as of now).
    pub without_time: u64,
    /// Events per type, most frequent first.
    pub by_type: Vec<TypeCount>,
}

/// Events of one type.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TypeCount {
    pub kind: String,
    pub events: u64,
}

fn find(events: &Table, names: &[&str], skip: &[Option<usize>]) -> Option<usize> {
    let keys: Vec<String> = events.columns.iter().map(|c| header_key(&c.name)).collect();
    names
        .iter()
        .find_map(|n| (0..keys.len()).find(|&i| !skip.contains(&Some(i)) && keys[i] == *n))
}

/// Text of a cell for joining: trimmed, lower-cased (e-mails are case-insensitive).
fn key_of(table: &Table, col: usize, row: usize) -> String {
    table.columns[col].display(row).trim().to_lowercase()
}

/// Join `events` to `leads`. Fails with a sentence when the events have no column to join on.
pub fn join(
    leads: &Table,
    lead_mapping: &Mapping,
    events: &Table,
) -> Result<(Activities, ActivitySummary), String> {
    let ev_map = fields::detect(events, &Default::default()).mapping;
    let (field, lead_col, ev_col) = ["lead_id", "email"]
        .iter()
        .find_map(|f| Some((*f, *lead_mapping.get(f)?, *ev_map.get(f)?)))
        .ok_or_else(|| {
            "The activities file has no column to join on: it needs the lead's id or e-mail address, \
             under the same kind of header as in the leads file (e.g. \"Email\" or \"Record ID\")."
                .to_string()
        })?;

    let mut index: rustc_hash::FxHashMap<String, u32> = rustc_hash::FxHashMap::default();
    for row in 0..leads.rows {
        let k = key_of(leads, lead_col, row);
        if !k.is_empty() {
            index.entry(k).or_insert(row as u32);
        }
    }

    let type_col = find(events, TYPE_NAMES, &[Some(ev_col)]);
    let time_col = find(events, TIME_NAMES, &[Some(ev_col), type_col]).or_else(|| {
        events
            .columns
            .iter()
            .position(|c| matches!(c.data, ColumnData::Date(_)))
    });
    let detail_col = find(events, DETAIL_NAMES, &[Some(ev_col), type_col, time_col]);

    let mut kinds = Dict::new();
    let mut kind_index: rustc_hash::FxHashMap<String, u32> = rustc_hash::FxHashMap::default();
    let mut rows: Vec<(u32, i64, u32)> = Vec::with_capacity(events.rows);
    let mut unmatched = 0u64;
    let mut unmatched_examples = Vec::new();
    let mut without_time = 0u64;
    for row in 0..events.rows {
        let k = key_of(events, ev_col, row);
        let Some(&lead) = index.get(&k) else {
            unmatched += 1;
            if unmatched_examples.len() < UNMATCHED_EXAMPLES && !unmatched_examples.contains(&k) {
                unmatched_examples.push(k);
            }
            continue;
        };
        let at = match time_col.map(|c| &events.columns[c].data) {
            Some(ColumnData::Date(v)) => v.get(row).unwrap_or(NO_DATE),
            _ => NO_DATE,
        };
        if at == NO_DATE {
            without_time += 1;
        }
        let kind = match type_col {
            Some(c) => {
                let t = events.columns[c].display(row).trim().to_string();
                if t.is_empty() {
                    0
                } else if let Some(&code) = kind_index.get(&t) {
                    code
                } else {
                    let code = kinds.push(&t);
                    kind_index.insert(t, code);
                    code
                }
            }
            None => 0,
        };
        rows.push((lead, at, kind));
    }
    rows.sort_unstable();

    let mut per_kind = vec![0u64; kinds.len()];
    for &(_, _, k) in &rows {
        per_kind[k as usize] += 1;
    }
    let mut by_type: Vec<TypeCount> = per_kind
        .iter()
        .enumerate()
        .filter(|(_, &n)| n > 0)
        .map(|(k, &n)| TypeCount {
            kind: if k == 0 {
                "(no type)".to_string()
            } else {
                kinds.get(k as u32).to_string()
            },
            events: n,
        })
        .collect();
    by_type.sort_by(|a, b| b.events.cmp(&a.events).then(a.kind.cmp(&b.kind)));

    let summary = ActivitySummary {
        events: events.rows as u64,
        matched: rows.len() as u64,
        unmatched,
        unmatched_examples,
        joined_on: field.to_string(),
        key_column: events.columns[ev_col].name.clone(),
        type_column: type_col.map(|c| events.columns[c].name.clone()),
        time_column: time_col.map(|c| events.columns[c].name.clone()),
        detail_column: detail_col.map(|c| events.columns[c].name.clone()),
        without_time,
        by_type,
    };
    let activities = Activities {
        lead: rows.iter().map(|r| r.0).collect(),
        at: rows.iter().map(|r| r.1).collect(),
        kind: rows.iter().map(|r| r.2).collect(),
        kinds,
    };
    Ok((activities, summary))
}
