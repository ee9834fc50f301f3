//! The export's stage labels, mapped to the agreement's stages: HubSpot's internal values and
//! labels, Salesforce lead statuses, Marketo's revenue stages, French labels. The agreement's
//! `definitions.stage_map` wins over this table.

use crate::text::header_key;
use std::collections::BTreeMap;

/// Built-in label (as a header key: folded, punctuation as spaces) → stage id.
#[rustfmt::skip]
const BUILT_IN: &[(&str, &str)] = &[
    // HubSpot (internal values and labels)
    ("subscriber", "subscriber"), ("lead", "lead"), ("marketingqualifiedlead", "mql"), ("marketing qualified lead", "mql"),
    ("mql", "mql"), ("salesqualifiedlead", "sql"), ("sales qualified lead", "sql"), ("sql", "sql"),
    ("opportunity", "opportunity"), ("customer", "customer"), ("evangelist", "customer"), ("other", "lead"),
    // Salesforce lead statuses
    ("open not contacted", "mql"), ("working contacted", "sal"), ("closed converted", "opportunity"),
    ("closed not converted", "recycled"), ("new", "lead"), ("working", "sal"), ("contacted", "sal"),
    ("nurturing", "recycled"), ("qualified", "sql"), ("unqualified", "disqualified"), ("disqualified", "disqualified"),
    ("accepted", "sal"), ("sales accepted lead", "sal"), ("sal", "sal"),
    // Marketo revenue stages
    ("anonymous", "subscriber"), ("known", "lead"), ("engaged", "lead"), ("recycled", "recycled"),
    ("won", "customer"), ("closed won", "customer"), ("lost", "recycled"), ("closed lost", "recycled"),
    // French
    ("abonne", "subscriber"), ("abonnee", "subscriber"), ("prospect", "lead"), ("contact", "lead"),
    ("lead qualifie marketing", "mql"), ("lead qualifie marketing mql", "mql"), ("accepte par les ventes", "sal"),
    ("lead accepte", "sal"), ("lead qualifie ventes", "sql"), ("lead qualifie commercial", "sql"),
    ("lead qualifie ventes sql", "sql"), ("opportunite", "opportunity"), ("client", "customer"),
    ("disqualifie", "disqualified"), ("recycle", "recycled"), ("en cours", "sal"), ("gagne", "customer"),
    ("perdu", "recycled"),
];

/// Maps export labels to stage ids.
pub struct StageMap {
    overrides: BTreeMap<String, String>,
}

impl StageMap {
    /// With the agreement's overrides (label as written → stage id).
    pub fn new(overrides: &BTreeMap<String, String>) -> Self {
        StageMap {
            overrides: overrides
                .iter()
                .map(|(k, v)| (header_key(k), v.clone()))
                .collect(),
        }
    }

    /// The stage of an export label, if known.
    pub fn stage(&self, label: &str) -> Option<&str> {
        let key = header_key(label);
        if key.is_empty() {
            return None;
        }
        if let Some(s) = self.overrides.get(&key) {
            return Some(s);
        }
        BUILT_IN.iter().find(|(k, _)| *k == key).map(|(_, s)| *s)
    }
}

/// Funnel rank of a stage (higher is further); disqualified and recycled rank with lead.
pub fn rank(stage: &str) -> u8 {
    match stage {
        "subscriber" => 0,
        "lead" | "disqualified" | "recycled" => 1,
        "mql" => 2,
        "sal" => 3,
        "sql" => 4,
        "opportunity" => 5,
        "customer" => 6,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_export_family_maps() {
        let m = StageMap::new(&BTreeMap::new());
        for (label, stage) in [
            ("marketingqualifiedlead", "mql"),
            ("Marketing Qualified Lead", "mql"),
            ("Working - Contacted", "sal"),
            ("Open - Not Contacted", "mql"),
            ("Closed - Not Converted", "recycled"),
            ("Lead qualifié marketing", "mql"),
            ("Opportunité", "opportunity"),
            ("Client", "customer"),
            ("Engaged", "lead"),
        ] {
            assert_eq!(m.stage(label), Some(stage), "{label}");
        }
        assert_eq!(m.stage("Something else"), None);
        let mut o = BTreeMap::new();
        o.insert("Something Else".to_string(), "sal".to_string());
        o.insert("customer".to_string(), "opportunity".to_string());
        let m = StageMap::new(&o);
        assert_eq!(m.stage("something else"), Some("sal"));
        assert_eq!(
            m.stage("Customer"),
            Some("opportunity"),
            "the agreement wins"
        );
    }
}
