//! How big an agreement may be. Real agreements are a few kilobytes with tens of rules; these
//! limits are a hundred times that and more, and exist so that a mistaken or hostile document (a
//! million rules, a 10 MB keyword list) is refused at once, with its JSON path and the limit,
//! instead of keeping the engine busy. Every limit is checked before any rule is compiled or any
//! lead scored; the worst agreement they accept still scores 100,000 leads in about a second
//! (README, "Limits").

use super::{Agreement, AgreementError, Rule};

/// The largest agreement document, in bytes of JSON text (checked before parsing).
pub const MAX_BYTES: usize = 1 << 20;
/// The most rules in the whole agreement: scoring rules, disqualifiers, fast-tracks and the
/// conditions inside `all_of` / `any_of`, all counted.
pub const MAX_RULES: usize = 500;
/// The most groups per axis.
pub const MAX_GROUPS: usize = 100;
/// The most values in one list (`contains_any`, `equals_any`, `starts_with`, `domain_in`,
/// `activity`, a track's `persona` or `last_conversion`).
pub const MAX_LIST: usize = 500;
/// The most values in all those lists together.
pub const MAX_VALUES: usize = 2_000;
/// The longest value in those lists, in characters.
pub const MAX_VALUE_CHARS: usize = 500;
/// How deep `all_of` / `any_of` may nest.
pub const MAX_DEPTH: usize = 8;
/// The most nurture tracks.
pub const MAX_TRACKS: usize = 200;

fn too_many(path: impl Into<String>, what: &str, n: usize, max: usize) -> AgreementError {
    AgreementError::at(
        path,
        format!("has {n} {what}; an agreement may have at most {max}"),
    )
}

/// The document's size, before it is parsed.
pub fn check_size(json: &str) -> Result<(), AgreementError> {
    if json.len() > MAX_BYTES {
        return Err(AgreementError::at(
            "(root)",
            format!(
                "the document is {} KB; an agreement may be at most {} KB (real ones are a few KB: is this the right file?)",
                json.len().div_ceil(1024),
                MAX_BYTES / 1024
            ),
        ));
    }
    Ok(())
}

#[derive(Default)]
struct Count {
    rules: usize,
    values: usize,
}

impl Count {
    fn list(&mut self, path: String, list: Option<&Vec<String>>) -> Result<(), AgreementError> {
        let Some(list) = list else { return Ok(()) };
        if list.len() > MAX_LIST {
            return Err(too_many(path, "values", list.len(), MAX_LIST));
        }
        for (i, v) in list.iter().enumerate() {
            // Counting characters stops early: a 10 MB value costs no more than a short one.
            if v.chars().nth(MAX_VALUE_CHARS).is_some() {
                return Err(AgreementError::at(
                    format!("{path}[{i}]"),
                    format!(
                        "is longer than {MAX_VALUE_CHARS} characters; a keyword or value may be at most {MAX_VALUE_CHARS}"
                    ),
                ));
            }
        }
        self.values += list.len();
        if self.values > MAX_VALUES {
            return Err(AgreementError::at(
                path,
                format!(
                    "brings the agreement's keywords and values to more than {MAX_VALUES}, the most an agreement may have"
                ),
            ));
        }
        Ok(())
    }

    fn rule(&mut self, path: &str, rule: &Rule, depth: usize) -> Result<(), AgreementError> {
        self.rules += 1;
        if self.rules > MAX_RULES {
            return Err(AgreementError::at(
                path,
                format!("brings the agreement to more than {MAX_RULES} rules (conditions inside all_of / any_of included), the most it may have"),
            ));
        }
        for (name, list) in [
            ("contains_any", &rule.contains_any),
            ("equals_any", &rule.equals_any),
            ("starts_with", &rule.starts_with),
            ("domain_in", &rule.domain_in),
            ("activity", &rule.activity),
        ] {
            self.list(format!("{path}.{name}"), list.as_ref())?;
        }
        for (name, parts) in [("all_of", &rule.all_of), ("any_of", &rule.any_of)] {
            let Some(parts) = parts else { continue };
            if depth + 1 > MAX_DEPTH {
                return Err(AgreementError::at(
                    format!("{path}.{name}"),
                    format!("nests all_of / any_of more than {MAX_DEPTH} deep, the most an agreement may"),
                ));
            }
            for (i, part) in parts.iter().enumerate() {
                self.rule(&format!("{path}.{name}[{i}]"), part, depth + 1)?;
            }
        }
        Ok(())
    }
}

/// Whether the parsed agreement is within the limits (the first excess, with its path).
pub fn check(a: &Agreement) -> Result<(), AgreementError> {
    let mut c = Count::default();
    let q = &a.qualification;
    for (axis_name, axis) in [("fit", &q.fit), ("interest", &q.interest)] {
        let path = format!("qualification.{axis_name}.groups");
        if axis.groups.len() > MAX_GROUPS {
            return Err(too_many(path, "groups", axis.groups.len(), MAX_GROUPS));
        }
        for (g, group) in axis.groups.iter().enumerate() {
            for (r, rule) in group.rules.iter().enumerate() {
                c.rule(&format!("{path}[{g}].rules[{r}]"), rule, 0)?;
            }
        }
    }
    for (name, list) in [("disqualify", &q.disqualify), ("fast_track", &q.fast_track)] {
        for (i, rule) in list.iter().enumerate() {
            c.rule(&format!("qualification.{name}[{i}]"), rule, 0)?;
        }
    }
    let tracks = &a.nurture.tracks;
    if tracks.len() > MAX_TRACKS {
        return Err(too_many(
            "nurture.tracks",
            "tracks",
            tracks.len(),
            MAX_TRACKS,
        ));
    }
    for (i, t) in tracks.iter().enumerate() {
        let path = format!("nurture.tracks[{i}].when");
        c.list(format!("{path}.persona"), t.when.persona.as_ref())?;
        c.list(
            format!("{path}.last_conversion"),
            t.when.last_conversion.as_ref(),
        )?;
    }
    Ok(())
}
