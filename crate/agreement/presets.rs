//! Starting agreements: a B2B software vendor, an industrial manufacturer selling to engineers
//! and purchasing, and a professional-services firm. Each is a complete agreement with stage
//! definitions in English and French.

use serde::Serialize;

/// B2B software (the default).
pub const B2B_SOFTWARE: &str = include_str!("presets/b2b-software.json");
/// Industrial manufacturer.
pub const INDUSTRIAL: &str = include_str!("presets/industrial.json");
/// Professional services.
pub const SERVICES: &str = include_str!("presets/services.json");

/// A preset as listed for the user.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Preset {
    pub id: &'static str,
    pub name: &'static str,
    pub name_fr: &'static str,
}

/// Every preset, in display order.
pub const PRESETS: &[(Preset, &str)] = &[
    (
        Preset {
            id: "b2b-software",
            name: "B2B software",
            name_fr: "Éditeur de logiciels B2B",
        },
        B2B_SOFTWARE,
    ),
    (
        Preset {
            id: "industrial",
            name: "Industrial manufacturer",
            name_fr: "Industriel",
        },
        INDUSTRIAL,
    ),
    (
        Preset {
            id: "services",
            name: "Professional services",
            name_fr: "Services professionnels",
        },
        SERVICES,
    ),
];

/// The JSON of preset `id`.
pub fn preset(id: &str) -> Option<&'static str> {
    PRESETS
        .iter()
        .find(|(p, _)| p.id == id)
        .map(|(_, json)| *json)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agreement::Agreement;

    #[test]
    fn every_preset_is_valid_bilingual_and_warning_free() {
        for (p, json) in PRESETS {
            let a = Agreement::from_json(json).unwrap_or_else(|e| panic!("{}: {e}", p.id));
            assert!(a.warnings().is_empty(), "{}: {:?}", p.id, a.warnings());
            let stages = &a.definitions.stages;
            assert!(stages.len() >= 6, "{}", p.id);
            for s in stages {
                for text in [&s.name, &s.definition] {
                    match text {
                        crate::agreement::Text::Many(m) => {
                            for lang in ["en", "fr"] {
                                assert!(
                                    m.get(lang).is_some_and(|t| !t.is_empty()),
                                    "{}: stage {} lacks {lang}",
                                    p.id,
                                    s.id
                                );
                            }
                        }
                        crate::agreement::Text::One(_) => {
                            panic!("{}: stage {} is in one language", p.id, s.id)
                        }
                    }
                }
            }
        }
        assert!(preset("industrial").is_some());
        assert!(preset("nope").is_none());
    }
}
