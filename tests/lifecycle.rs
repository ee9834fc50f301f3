//! Every lead's place in the lifecycle: stages in the export and under the agreement, the
//! follow-up SLA in business hours, recycling, nurture tracks, the handoff sheet.

use accord::agreement::Agreement;
use accord::lifecycle::Sla;
use accord::Workbench;
use serde_json::{json, Value};

/// The default agreement, with `edit` applied, as of Friday 2027-03-05.
fn agreement(edit: impl FnOnce(&mut Value)) -> Agreement {
    let mut v: Value = serde_json::from_str(accord::agreement::DEFAULT_AGREEMENT_JSON).unwrap();
    v["as_of"] = "2027-03-05".into();
    v["follow_up"]["business_hours"] = json!({ "days": "mon-fri", "open": "09:00", "close": "18:00", "time_zone": "Europe/Paris", "holidays": [] });
    v["follow_up"]["first_touch_hours"] = 4.into();
    v["handoff"]["recycle"] =
        json!({ "after_attempts": 3, "after_days": 30, "track": "re-engage" });
    edit(&mut v);
    Agreement::from_json(&v.to_string()).unwrap_or_else(|e| panic!("{e}"))
}

fn load(csv: &str, a: Agreement) -> Workbench {
    let mut wb = Workbench::new();
    wb.set_agreement(a);
    wb.load_csv(csv).unwrap_or_else(|e| panic!("{e}"));
    wb
}

// Times are UTC in the export (Z); Paris is UTC+1 in March before the 28th.
const FOLLOW_UP: &str = "Email,Job Title,Lifecycle Stage,Became MQL Date,First Sales Touch,Sales Activities,Became SQL Date\n\
a@x.io,VP Sales,marketingqualifiedlead,2027-03-01T08:00:00Z,2027-03-01T11:59:00Z,1,\n\
b@x.io,VP Sales,marketingqualifiedlead,2027-03-01T08:00:00Z,2027-03-01T12:01:00Z,1,\n\
c@x.io,VP Sales,Working - Contacted,2027-03-05T15:00:00Z,2027-03-08T09:30:00Z,2,\n\
d@x.io,VP Sales,Lead qualifié marketing,2027-03-03T08:00:00Z,,0,\n\
e@x.io,VP Sales,salesqualifiedlead,2027-03-01T08:00:00Z,2027-03-01T09:00:00Z,3,2027-03-02T10:00:00Z\n\
f@x.io,VP Sales,marketingqualifiedlead,2027-03-01T08:00:00Z,2027-03-01T09:00:00Z,2,\n\
g@x.io,VP Sales,marketingqualifiedlead,2027-03-01T08:00:00Z,2027-03-01T09:00:00Z,3,\n\
h@x.io,Intern,subscriber,,,,\n";

#[test]
fn first_touch_deadline_in_business_hours() {
    let wb = load(FOLLOW_UP, agreement(|_| {}));
    // Handed over Monday 09:00 Paris; 4 business hours → 13:00 Paris = 12:00 UTC.
    let a = wb.lead_lifecycle(0).unwrap();
    assert_eq!(a.sla, Sla::Met, "touched one minute before the deadline");
    assert_eq!(a.deadline, Some(1_803_902_400), "2027-03-01T12:00:00Z");
    assert!((a.speed_hours.unwrap() - (3.0 + 59.0 / 60.0)).abs() < 1e-6);
    let b = wb.lead_lifecycle(1).unwrap();
    assert_eq!(b.sla, Sla::Missed, "touched one minute after");
    // Handed over Friday 16:00 Paris: 2 hours that day, 2 on Monday → Monday 11:00 Paris;
    // touched Monday 10:30 Paris: 2 + 1.5 = 3.5 business hours (the weekend does not count).
    let c = wb.lead_lifecycle(2).unwrap();
    assert_eq!(c.sla, Sla::Met);
    assert!(
        (c.speed_hours.unwrap() - 3.5).abs() < 1e-6,
        "{:?}",
        c.speed_hours
    );
    // Handed over Wednesday 09:00 Paris, never touched, deadline Wednesday 13:00: overdue on Friday.
    let d = wb.lead_lifecycle(3).unwrap();
    assert_eq!(d.sla, Sla::Overdue);
    let s = wb.lifecycle().unwrap().follow_up;
    assert_eq!(s.handed_over, Some(7));
    assert_eq!(s.overdue_now, Some(1));
    assert_eq!((s.within_sla, s.missed_sla), (Some(5), Some(1)));
}

#[test]
fn recycled_exactly_at_the_attempt_limit() {
    let wb = load(FOLLOW_UP, agreement(|_| {}));
    // Three attempts allowed: two is not yet, three is; reaching SQL is never recycled.
    assert_eq!(wb.lead_lifecycle(5).unwrap().recycled, None);
    let g = wb.lead_lifecycle(6).unwrap();
    assert_eq!(g.recycled.as_deref(), Some("no response after 3 attempts"));
    assert_eq!(g.agreement_stage, "recycled");
    assert_eq!(
        (g.track.as_deref(), g.track_by.as_deref()),
        (Some("re-engage"), Some("recycle"))
    );
    assert_eq!(wb.lead_lifecycle(4).unwrap().recycled, None, "reached SQL");
    // After 30 days without progress, whatever the attempts.
    let later = load(FOLLOW_UP, agreement(|v| v["as_of"] = "2027-04-15".into()));
    assert_eq!(
        later.lead_lifecycle(5).unwrap().recycled.as_deref(),
        Some("no progress in 30 days")
    );
}

#[test]
fn stages_from_every_export_family_and_under_the_agreement() {
    let wb = load(FOLLOW_UP, agreement(|_| {}));
    let s = wb.lifecycle().unwrap();
    let actual: Vec<(String, u64)> = s
        .actual
        .unwrap()
        .into_iter()
        .map(|c| (c.stage, c.leads))
        .collect();
    // HubSpot values, a Salesforce status ("Working - Contacted" = accepted) and a French label.
    assert_eq!(
        actual,
        [
            ("subscriber".into(), 1),
            ("mql".into(), 5),
            ("sal".into(), 1),
            ("sql".into(), 1)
        ]
    );
    assert!(s.unmapped_labels.is_empty());
    assert_eq!(
        wb.lead_lifecycle(3).unwrap().actual_label.as_deref(),
        Some("Lead qualifié marketing")
    );
    // The agreement's view is its own: the stage map override wins, and counts add up.
    let total: u64 = s.agreement.iter().map(|c| c.leads).sum();
    assert_eq!(total, 8);
    let wb = load(
        FOLLOW_UP,
        agreement(|v| v["definitions"]["stage_map"] = json!({ "Working - Contacted": "sql" })),
    );
    assert_eq!(
        wb.lead_lifecycle(2).unwrap().actual_stage.as_deref(),
        Some("sql")
    );
}

#[test]
fn missing_columns_say_what_they_need() {
    let wb = load("Email,Job Title\na@x.io,CTO\n", agreement(|_| {}));
    let s = wb.lifecycle().unwrap();
    assert_eq!(s.follow_up.handed_over, None);
    assert_eq!(s.follow_up.sla_rate, None);
    assert!(
        s.follow_up
            .not_available
            .iter()
            .any(|m| m.contains("needs column mql_date and first_touch_date")),
        "{:?}",
        s.follow_up.not_available
    );
    assert!(
        s.actual.is_none(),
        "no stage column and no stage dates: no actual stages, not zeros"
    );
    assert_eq!(wb.lead_lifecycle(0).unwrap().sla, Sla::NotAvailable);
}

#[test]
fn nurture_tracks_by_rule_and_by_override() {
    let csv = "Email,Job Title,Page Views,Recent Conversion\n\
        low@x.io,Student,0,\n\
        mid@x.io,Student,12,Webinar\n\
        pick@x.io,Student,0,\n";
    let wb = load(csv, agreement(|_| {}));
    // Interest 0 → band 4 → awareness; 12 page views + webinar 15 = 27 → band 3 → consideration.
    assert_eq!(
        wb.lead_lifecycle(0).unwrap().track.as_deref(),
        Some("awareness")
    );
    assert_eq!(
        wb.lead_lifecycle(1).unwrap().track.as_deref(),
        Some("consideration")
    );
    let wb = load(
        csv,
        agreement(|v| v["nurture"]["overrides"] = json!({ "PICK@x.io": "decision" })),
    );
    let p = wb.lead_lifecycle(2).unwrap();
    assert_eq!(
        (p.track.as_deref(), p.track_by.as_deref()),
        (Some("decision"), Some("override"))
    );
    let s = wb.lifecycle().unwrap();
    assert_eq!(
        s.tracks
            .iter()
            .find(|t| t.track == "decision")
            .map(|t| t.overridden),
        Some(1)
    );
    // A persona rule, and a lead no rule takes.
    let wb = load(
        csv,
        agreement(|v| {
            v["nurture"]["tracks"] = json!([
            { "id": "students", "when": { "persona": ["student"], "last_conversion": ["webinar"] } },
            { "id": "rest", "when": { "interest_band": "4" } } ]);
            v["handoff"]["recycle"]["track"] = Value::Null;
        }),
    );
    assert_eq!(
        wb.lead_lifecycle(1).unwrap().track.as_deref(),
        Some("students")
    );
    assert_eq!(wb.lead_lifecycle(0).unwrap().track.as_deref(), Some("rest"));
    assert_eq!(wb.lifecycle().unwrap().untracked, 0);
}

#[test]
fn the_handoff_sheet_neutralises_formulas() {
    let csv = "Email,Job Title,Company,Company Size,Industry,Page Views,Recent Conversion\n\
        a@x.io,VP Marketing,=HYPERLINK(\"http://evil\"),350,Software,30,Demo request\n\
        b@x.io,Intern,Acme,5,Education,1,\n";
    let wb = load(
        csv,
        agreement(|v| v["handoff"]["fields"] = json!(["email", "company", "fit", "grade"])),
    );
    let sheet = wb.handoff_csv();
    let lines: Vec<&str> = sheet.lines().collect();
    assert_eq!(lines[0], "email,company,fit,grade,reason");
    assert_eq!(lines.len(), 2, "only the lead sent to sales: {sheet}");
    assert!(
        lines[1].starts_with("a@x.io,\"'=HYPERLINK(\"\"http://evil\"\")\","),
        "{}",
        lines[1]
    );
    assert!(lines[1].ends_with(",fast-track"));
}
