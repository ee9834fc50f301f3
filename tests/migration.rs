//! Agreements written by older versions of Accord are migrated, not refused. Each file in
//! tests/agreements/ is a real document from the project's history (named by version and commit):
//! - v1-2c303a2: the first engine's default agreement (version 1);
//! - v2-6397ee2-*: the presets of version 2 before the lifecycle parts were checked;
//! - v2-0e2daeb: the first preset whose lifecycle parts are checked (read as it is).

use accord::agreement::{migrate, Agreement, ThresholdMode, AGREEMENT_VERSION};
use accord::Workbench;
use serde_json::Value;

const V1: &str = include_str!("agreements/v1-2c303a2-default.json");
const V2_EARLY: [(&str, &str); 3] = [
    (
        "b2b-software",
        include_str!("agreements/v2-6397ee2-b2b-software.json"),
    ),
    (
        "industrial",
        include_str!("agreements/v2-6397ee2-industrial.json"),
    ),
    (
        "services",
        include_str!("agreements/v2-6397ee2-services.json"),
    ),
];
const V2_CHECKED: &str = include_str!("agreements/v2-0e2daeb-b2b-software.json");

fn parse(text: &str) -> (Agreement, Vec<String>) {
    Agreement::parse(text).unwrap_or_else(|e| panic!("refused: {e}"))
}

/// The recycling track and the nurture track it names (with its entry conditions).
fn recycle_track(a: &Agreement) -> (String, Option<Value>) {
    let track = a.handoff.recycle.track.clone().expect("a recycling track");
    let found = a
        .nurture
        .tracks
        .iter()
        .find(|t| t.id == track)
        .map(|t| serde_json::to_value(&t.when).unwrap());
    (track, found)
}

#[test]
fn the_first_engines_version_1_document_is_migrated() {
    let (a, notes) = parse(V1);
    assert_eq!(a.version, AGREEMENT_VERSION);
    assert_eq!(a.name, "B2B software (starter)");
    assert_eq!(a.qualification.thresholds.mode, ThresholdMode::Axes);
    assert_eq!(
        (
            a.qualification.thresholds.mql.fit,
            a.qualification.thresholds.mql.interest
        ),
        (50.0, 40.0)
    );
    assert_eq!(
        (
            a.qualification.thresholds.sql.fit,
            a.qualification.thresholds.sql.interest
        ),
        (65.0, 60.0)
    );
    // Its recycling track "re-engage" named no track: it is added, for recycled leads only.
    assert_eq!(
        recycle_track(&a),
        (
            "re-engage".into(),
            Some(serde_json::json!({ "recycled": true }))
        )
    );
    assert_eq!(
        a.nurture.tracks.len(),
        4,
        "the three tracks it had are kept"
    );
    assert_eq!(notes.len(), 2, "{notes:?}");
    assert!(notes[0].contains("version 1"), "{}", notes[0]);
    assert!(notes[1].contains("\"re-engage\""), "{}", notes[1]);
}

#[test]
fn early_version_2_presets_are_migrated_and_score_as_their_successor() {
    for (name, text) in V2_EARLY {
        let (a, notes) = parse(text);
        assert_eq!(
            recycle_track(&a).1,
            Some(serde_json::json!({ "recycled": true })),
            "{name}"
        );
        assert_eq!(notes.len(), 1, "{name}: {notes:?}");
        assert!(notes[0].contains("recycling track"), "{name}: {}", notes[0]);
    }
    // The qualification part did not change when the lifecycle parts became checked: the
    // migrated document scores the leads exactly as its successor does.
    let csv = accord::sample::sample_csv(2_000, 7);
    let mut old = Workbench::new();
    old.load_csv(&csv).unwrap();
    old.set_agreement_json(V2_EARLY[0].1).unwrap();
    let mut new = Workbench::new();
    new.load_csv(&csv).unwrap();
    new.set_agreement_json(V2_CHECKED).unwrap();
    let (o, n) = (old.results(), new.results());
    assert!(o.mqls > 0);
    assert_eq!((o.mqls, o.sqls), (n.mqls, n.sqls));
}

#[test]
fn documents_of_the_current_shape_are_read_as_they_are() {
    let (a, notes) = parse(V2_CHECKED);
    assert!(notes.is_empty(), "{notes:?}");
    let (raw, notes) = migrate(serde_json::from_str(V2_CHECKED).unwrap()).unwrap();
    assert!(notes.is_empty());
    assert_eq!(
        raw,
        serde_json::from_str::<Value>(V2_CHECKED).unwrap(),
        "not one value changed"
    );
    // A recycling track that names no track in a document of today's shape is a mistake to
    // point at, not something to migrate.
    let mut bad: Value = serde_json::to_value(&a).unwrap();
    bad["handoff"]["recycle"]["track"] = "re-engag".into();
    let e = Agreement::parse(&bad.to_string()).unwrap_err();
    assert_eq!(e.path, "handoff.recycle.track");
}

#[test]
fn a_migrated_document_is_written_back_in_the_current_shape() {
    for text in [V1, V2_EARLY[0].1, V2_EARLY[1].1, V2_EARLY[2].1] {
        let (a, _) = parse(text);
        let again = serde_json::to_string(&a).unwrap();
        let (b, notes) = parse(&again);
        assert!(
            notes.is_empty(),
            "migrating twice changes nothing: {notes:?}"
        );
        assert_eq!(a, b);
    }
}

#[test]
fn a_document_from_a_newer_engine_is_refused_with_its_version() {
    let mut v: Value = serde_json::from_str(V2_CHECKED).unwrap();
    v["version"] = (AGREEMENT_VERSION + 1).into();
    let e = Agreement::parse(&v.to_string()).unwrap_err();
    assert_eq!(e.path, "version");
    assert!(e.to_string().contains("newer"), "{e}");
}
