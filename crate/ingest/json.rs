//! JSON exports: an array of objects (one per lead), the same wrapped in an object
//! (`{ "results": [...] }`, as CRM APIs return), HubSpot's `{ "properties": {...} }` items, or an
//! array of arrays whose first row names the columns.

use super::sink::RowSink;
use super::IngestError;
use serde_json::Value;

/// Keys under which APIs wrap their list of records.
const WRAPPERS: &[&str] = &[
    "results", "data", "records", "items", "rows", "leads", "contacts", "values",
];

/// Read a JSON document into `sink`. Diagnostics name items by their 1-based position.
pub fn read(bytes: &[u8], sink: &mut RowSink) -> Result<(), IngestError> {
    let doc: Value = serde_json::from_slice(bytes).map_err(|e| IngestError::NotATable {
        reason: format!(
            "the file starts like JSON but is not valid JSON (line {}, column {}: {e}). Export the leads as CSV, .xlsx, or a JSON array of objects.",
            e.line(),
            e.column()
        ),
    })?;
    let items = match &doc {
        Value::Array(a) => a,
        Value::Object(o) => WRAPPERS
            .iter()
            .find_map(|k| o.get(*k).and_then(Value::as_array))
            .ok_or_else(|| IngestError::NotATable {
                reason: format!(
                    "this JSON object holds no list of records (looked for {}). Give an array of objects, one per lead.",
                    WRAPPERS.join(", ")
                ),
            })?,
        _ => {
            return Err(IngestError::NotATable {
                reason: "this JSON document is a single value, not a list of records.".into(),
            })
        }
    };
    if items.is_empty() {
        return Err(IngestError::Empty);
    }
    if items[0].is_array() {
        return read_arrays(items, sink);
    }

    // Columns: the union of keys, in first-seen order.
    let mut names: Vec<String> = Vec::new();
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for item in items {
        if let Some(obj) = record(item) {
            for key in obj.keys() {
                if !index.contains_key(key) {
                    index.insert(key.clone(), names.len());
                    names.push(key.clone());
                }
            }
        }
    }
    if names.is_empty() {
        return Err(IngestError::NotATable {
            reason: "the JSON list holds no objects with fields.".into(),
        });
    }
    sink.header(&names, 0)?;
    let mut cells = vec![String::new(); names.len()];
    for (n, item) in items.iter().enumerate() {
        let line = n + 1;
        match record(item) {
            Some(obj) => {
                cells.iter_mut().for_each(String::clear);
                for (key, v) in &obj {
                    if let Some(&i) = index.get(key) {
                        cells[i] = cell_text(v);
                    }
                }
                sink.row(&cells, line);
            }
            None => sink.broken(
                line,
                format!("item {line} is {}, not an object", kind(item)),
            ),
        }
    }
    Ok(())
}

/// The fields of a record: the object itself, with HubSpot's nested `properties` lifted up.
fn record(item: &Value) -> Option<serde_json::Map<String, Value>> {
    let obj = item.as_object()?;
    match obj.get("properties").and_then(Value::as_object) {
        Some(props) => {
            let mut flat = serde_json::Map::new();
            for (k, v) in obj {
                if k != "properties" {
                    flat.insert(k.clone(), v.clone());
                }
            }
            for (k, v) in props {
                flat.insert(k.clone(), v.clone());
            }
            Some(flat)
        }
        None => Some(obj.clone()),
    }
}

fn read_arrays(items: &[Value], sink: &mut RowSink) -> Result<(), IngestError> {
    let rows: Vec<Vec<String>> = items
        .iter()
        .map(|r| {
            r.as_array()
                .map(|a| a.iter().map(cell_text).collect())
                .unwrap_or_default()
        })
        .collect();
    sink.header(&rows[0], 1)?;
    for (n, row) in rows.iter().enumerate().skip(1) {
        if items[n].is_array() {
            sink.row(row, n + 1);
        } else {
            sink.broken(
                n + 1,
                format!(
                    "item {} is {}, not an array like the first",
                    n + 1,
                    kind(&items[n])
                ),
            );
        }
    }
    Ok(())
}

fn cell_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        other => other.to_string(),
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
