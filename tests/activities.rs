//! The optional activities file: joined to leads by id or e-mail, unmatched events reported.

use accord::Workbench;

const LEADS: &str =
    "Record ID,Email,Job Title\n101,Ana@Acme.io,CTO\n102,bob@corp.fr,Intern\n103,,CEO\n";

#[test]
fn events_join_by_email_case_insensitively_and_unmatched_are_counted() {
    let mut wb = Workbench::new();
    wb.load_csv("Email,Job Title\nAna@Acme.io,CTO\nbob@corp.fr,Intern\n")
        .unwrap();
    let events = "Email,Activity Type,Timestamp\n\
        ana@acme.io,Page view,2024-03-01 10:00\n\
        ANA@ACME.IO,Form submission,2024-03-02 11:30\n\
        bob@corp.fr,Email open,2024-03-05 09:00\n\
        ghost@nowhere.io,Page view,2024-03-05 09:00\n\
        ghost@nowhere.io,Page view,2024-03-06 09:00\n";
    let s = wb
        .load_activities_bytes(events.as_bytes(), Some("events.csv"))
        .unwrap()
        .clone();
    assert_eq!((s.events, s.matched, s.unmatched), (5, 3, 2));
    assert_eq!(s.unmatched_examples, ["ghost@nowhere.io"]);
    assert_eq!(s.joined_on, "email");
    assert_eq!(s.type_column.as_deref(), Some("Activity Type"));
    assert_eq!(s.time_column.as_deref(), Some("Timestamp"));
    let types: Vec<(&str, u64)> = s
        .by_type
        .iter()
        .map(|t| (t.kind.as_str(), t.events))
        .collect();
    assert_eq!(
        types,
        [("Email open", 1), ("Form submission", 1), ("Page view", 1)],
        "matched events only"
    );
    let a = wb.activities().unwrap();
    assert_eq!(a.lead, [0, 0, 1], "sorted by lead");
    assert_eq!(wb.results().activities.unwrap().matched, 3);
}

#[test]
fn events_join_by_id_when_both_files_have_one() {
    let mut wb = Workbench::new();
    wb.load_csv(LEADS).unwrap();
    let s = wb
        .load_activities_bytes(b"Contact ID,Event,Date\n101,Demo request,2024-01-02\n103,Webinar,2024-01-03\n999,Webinar,2024-01-04\n", None)
        .unwrap()
        .clone();
    assert_eq!(s.joined_on, "lead_id");
    assert_eq!((s.matched, s.unmatched), (2, 1));
    // New leads: the same events are joined again.
    wb.load_csv("Record ID,Email\n103,x@y.io\n").unwrap();
    assert_eq!(wb.results().activities.unwrap().matched, 1);
}

#[test]
fn an_events_file_without_a_key_is_a_clear_error_and_needs_leads_first() {
    let mut wb = Workbench::new();
    let e = wb
        .load_activities_bytes(b"Email,Type\na@b.io,x\n", None)
        .unwrap_err();
    assert!(e.to_string().contains("load the leads"), "{e}");
    wb.load_csv(LEADS).unwrap();
    let e = wb
        .load_activities_bytes(b"When,What\n2024-01-01,call\n", None)
        .unwrap_err();
    assert!(e.to_string().contains("no column to join on"), "{e}");
    assert!(wb.results().activities.is_none());
}
