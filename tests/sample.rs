//! The sample lead generator: shape, determinism, consistency and realism of what it writes.

use accord::sample::{sample_csv, write_sample_csv, SAMPLE_HEADERS};
use std::time::Instant;

const FIRST_NAME: usize = 0;
const EMAIL: usize = 2;
const COMPANY: usize = 3;
const JOB_TITLE: usize = 4;
const COMPANY_SIZE: usize = 5;
const INDUSTRY: usize = 6;
const COUNTRY: usize = 7;
const LEAD_SOURCE: usize = 8;
const CREATE_DATE: usize = 9;
const PAGE_VIEWS: usize = 10;
const SESSIONS: usize = 11;
const FORMS: usize = 12;
const EMAIL_OPENS: usize = 13;
const EMAIL_CLICKS: usize = 14;
const RECENT_CONVERSION: usize = 15;
const STAGE: usize = 16;
const MQL_DATE: usize = 17;
const SQL_DATE: usize = 18;
const OPPORTUNITY_DATE: usize = 19;
const CUSTOMER_DATE: usize = 20;
const FIRST_TOUCH: usize = 21;
const SALES_ACTIVITIES: usize = 22;
const OWNER: usize = 23;
const OUTCOME: usize = 24;
const DEAL_AMOUNT: usize = 25;

const STAGES: [&str; 6] = [
    "subscriber",
    "lead",
    "marketingqualifiedlead",
    "salesqualifiedlead",
    "opportunity",
    "customer",
];
const FREE_MAIL: &[&str] = &[
    "gmail.com",
    "yahoo.",
    "outlook.",
    "hotmail.",
    "orange.fr",
    "free.fr",
    "laposte.net",
    "sfr.fr",
    "wanadoo.fr",
    "icloud.com",
    "aol.com",
    "protonmail.com",
    "btinternet.com",
    "gmx.",
    "web.de",
    "t-online.de",
    "skynet.be",
    "telenet.be",
    "bluewin.ch",
    "videotron.ca",
];
const BANDS: &[&str] = &[
    "1-10",
    "11-50",
    "51-200",
    "201-500",
    "501-1000",
    "1001-5000",
    "5001-10000",
    "10000+",
];

/// Splits a CSV document into records of fields, honouring quotes (RFC 4180 style).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    field.push('"');
                    chars.next();
                }
                '"' => quoted = false,
                _ => field.push(c),
            }
        } else {
            match c {
                '"' => {
                    assert!(
                        field.is_empty(),
                        "quote inside an unquoted field: {field:?}"
                    );
                    quoted = true;
                }
                ',' => record.push(std::mem::take(&mut field)),
                '\n' => {
                    record.push(std::mem::take(&mut field));
                    records.push(std::mem::take(&mut record));
                }
                '\r' => panic!("line ends must be bare \\n"),
                _ => field.push(c),
            }
        }
    }
    assert!(!quoted, "unterminated quoted field");
    assert!(
        field.is_empty() && record.is_empty(),
        "last line must end with \\n"
    );
    records
}

fn leads(rows: usize, seed: u64) -> Vec<Vec<String>> {
    let mut records = parse_csv(&sample_csv(rows, seed));
    let header = records.remove(0);
    assert_eq!(header, SAMPLE_HEADERS);
    records
}

fn share(rows: &[Vec<String>], keep: impl Fn(&Vec<String>) -> bool) -> f64 {
    rows.iter().filter(|r| keep(r)).count() as f64 / rows.len() as f64
}

fn won_rate<'a>(rows: impl Iterator<Item = &'a Vec<String>>) -> (f64, usize) {
    let (mut won, mut n) = (0, 0);
    for r in rows {
        n += 1;
        won += usize::from(r[OUTCOME] == "Won");
    }
    (won as f64 / n.max(1) as f64, n)
}

fn is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 16
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            10 => *c == b' ',
            13 => *c == b':',
            _ => c.is_ascii_digit(),
        })
        && (1..=12).contains(&s[5..7].parse::<u32>().unwrap())
        && (1..=31).contains(&s[8..10].parse::<u32>().unwrap())
        && s[11..13].parse::<u32>().unwrap() < 24
        && s[14..16].parse::<u32>().unwrap() < 60
}

fn count(r: &[String], column: usize) -> u64 {
    r[column]
        .parse()
        .unwrap_or_else(|_| panic!("column {column} is not a count: {:?}", r[column]))
}

fn is_free_mail(email: &str) -> bool {
    let domain = email.split_once('@').map_or("", |(_, d)| d);
    FREE_MAIL.iter().any(|f| domain.starts_with(f))
}

fn is_student(title: &str) -> bool {
    [
        "Student",
        "Intern",
        "Stagiaire",
        "Étudiant",
        "Alternant",
        "Apprenti",
    ]
    .iter()
    .any(|k| title.contains(k))
}

fn is_senior(title: &str) -> bool {
    [
        "VP",
        "Vice",
        "Director",
        "Directeur",
        "Directrice",
        "Head",
        "Chief",
    ]
    .iter()
    .any(|k| title.contains(k))
}

#[test]
fn headers_are_the_hubspot_like_export_columns() {
    assert_eq!(SAMPLE_HEADERS.len(), 26);
    assert_eq!(SAMPLE_HEADERS[0], "First Name");
    assert_eq!(SAMPLE_HEADERS[16], "Lifecycle Stage");
    assert_eq!(SAMPLE_HEADERS[25], "Deal Amount");
    let expected = SAMPLE_HEADERS.join(",") + "\n";
    assert_eq!(sample_csv(0, 42), expected, "0 rows gives just the header");
    assert!(sample_csv(1, 42).starts_with(&expected));
}

#[test]
fn same_seed_same_bytes_other_seed_other_bytes() {
    let a = sample_csv(2000, 42);
    assert_eq!(a, sample_csv(2000, 42));
    assert_ne!(a, sample_csv(2000, 43));
    assert_ne!(sample_csv(50, 0), sample_csv(50, 1));
    // A shorter export is a prefix of a longer one with the same seed.
    assert!(a.starts_with(&sample_csv(500, 42)));

    let mut streamed = Vec::new();
    write_sample_csv(&mut streamed, 2000, 42).unwrap();
    assert_eq!(
        streamed,
        a.as_bytes(),
        "streamed and in-memory output are identical"
    );
}

#[test]
fn output_is_pinned_for_seed_42() {
    // Byte-identical output on every platform: a fingerprint of the text, computed portably.
    let text = sample_csv(1000, 42);
    let fnv = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    let first_line = text.lines().nth(1).unwrap();
    assert_eq!(
        fnv, EXPECTED_FNV_1000_42,
        "first row now reads {first_line:?}"
    );
}

/// FNV-1a of `sample_csv(1000, 42)`. Changing the generator on purpose changes it: update it then,
/// and say so, since saved demo data and benchmarks built from a seed will differ.
const EXPECTED_FNV_1000_42: u64 = 13_360_818_532_879_926_302;

#[test]
fn every_row_has_all_fields_and_counts_add_up() {
    let text = sample_csv(5000, 7);
    assert_eq!(
        text.matches('\n').count(),
        5001,
        "header + one line per lead"
    );
    let rows = leads(5000, 7);
    assert_eq!(rows.len(), 5000);
    for r in &rows {
        assert_eq!(r.len(), 26, "row {r:?}");
        for column in [
            FIRST_NAME,
            1,
            EMAIL,
            COMPANY,
            COUNTRY,
            LEAD_SOURCE,
            STAGE,
            OUTCOME,
        ] {
            assert!(
                !r[column].is_empty(),
                "{} empty in {r:?}",
                SAMPLE_HEADERS[column]
            );
        }
        let email = &r[EMAIL];
        assert_eq!(email.matches('@').count(), 1, "{email}");
        assert!(
            email
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"@.-_".contains(&b)),
            "e-mail must be lowercase ASCII: {email}"
        );
        let (local, domain) = email.split_once('@').unwrap();
        assert!(!local.is_empty() && domain.contains('.') && !domain.starts_with('.'));
        for column in [PAGE_VIEWS, SESSIONS, FORMS, EMAIL_OPENS, EMAIL_CLICKS] {
            count(r, column);
        }
        assert!(count(r, SESSIONS) >= 1);
        assert!(count(r, PAGE_VIEWS) >= count(r, SESSIONS));
        assert!(count(r, EMAIL_CLICKS) <= count(r, EMAIL_OPENS));
        assert_eq!(
            count(r, FORMS) == 0,
            r[RECENT_CONVERSION].is_empty(),
            "a recent conversion means at least one form: {r:?}"
        );
        assert!(count(r, SALES_ACTIVITIES) <= 15);
        let size = &r[COMPANY_SIZE];
        assert!(
            size.is_empty()
                || BANDS.contains(&size.as_str())
                || size.parse::<u32>().is_ok_and(|n| n > 0),
            "company size {size:?}"
        );
        if !r[DEAL_AMOUNT].is_empty() {
            let amount = &r[DEAL_AMOUNT];
            let (units, cents) = amount.split_once('.').unwrap_or((amount, "00"));
            assert!(
                units.parse::<u64>().is_ok_and(|n| n > 0) && cents.len() == 2,
                "{amount}"
            );
            assert!(cents.bytes().all(|b| b.is_ascii_digit()), "{amount}");
        }
    }
}

#[test]
fn lifecycle_dates_are_consistent_with_the_stage_reached() {
    let rows = leads(20_000, 11);
    for r in &rows {
        let create = &r[CREATE_DATE];
        assert!(is_timestamp(create), "{create}");
        assert!(
            create.as_str() >= "2025-01-01 00:00" && create.as_str() <= "2026-06-30 23:59",
            "create date outside the window: {create}"
        );
        let stage = STAGES
            .iter()
            .position(|s| *s == r[STAGE])
            .unwrap_or_else(|| panic!("unknown stage {:?}", r[STAGE]));
        // Became MQL/SQL/Opportunity/Customer are filled exactly up to the stage reached.
        let mut previous = create.clone();
        for (i, column) in [MQL_DATE, SQL_DATE, OPPORTUNITY_DATE, CUSTOMER_DATE]
            .into_iter()
            .enumerate()
        {
            let date = &r[column];
            if stage >= i + 2 {
                assert!(
                    is_timestamp(date),
                    "{} {date:?} in {r:?}",
                    SAMPLE_HEADERS[column]
                );
                assert!(
                    *date >= previous,
                    "{} before the previous step in {r:?}",
                    SAMPLE_HEADERS[column]
                );
                assert!(
                    date.as_str() <= "2026-09-30 23:59",
                    "date after the export in {r:?}"
                );
                previous = date.clone();
            } else {
                assert!(
                    date.is_empty(),
                    "{} beyond the stage in {r:?}",
                    SAMPLE_HEADERS[column]
                );
            }
        }
        // Sales touch only after the hand-over, and before sales accepts the lead.
        let touch = &r[FIRST_TOUCH];
        if touch.is_empty() {
            assert_eq!(count(r, SALES_ACTIVITIES), 0, "{r:?}");
            assert!(stage <= 2, "an SQL was touched by sales: {r:?}");
        } else {
            assert!(is_timestamp(touch) && stage >= 2, "{r:?}");
            assert!(*touch >= r[MQL_DATE], "first touch before MQL in {r:?}");
            assert!(touch.as_str() <= "2026-09-30 23:59");
            assert!(stage == 2 || *touch <= r[SQL_DATE], "{r:?}");
            assert!(count(r, SALES_ACTIVITIES) >= 1);
            assert!(!r[OWNER].is_empty(), "touched without an owner: {r:?}");
        }
        if stage < 2 {
            assert!(r[OWNER].is_empty(), "owner before hand-over: {r:?}");
        }
        // Outcomes and deal amounts follow the stage.
        match r[OUTCOME].as_str() {
            "Won" => assert_eq!(stage, 5, "{r:?}"),
            "Lost" | "Open" => assert!(stage < 5, "{r:?}"),
            other => panic!("unknown outcome {other:?}"),
        }
        assert_eq!(
            r[DEAL_AMOUNT].is_empty(),
            stage < 4,
            "deal amount vs stage in {r:?}"
        );
    }
}

#[test]
fn shares_look_like_a_real_export() {
    let rows = leads(20_000, 3);
    let free = share(&rows, |r| is_free_mail(&r[EMAIL]));
    assert!((0.18..=0.32).contains(&free), "free-mail share {free}");
    let role = share(&rows, |r| {
        [
            "info@",
            "contact@",
            "sales@",
            "hello@",
            "marketing@",
            "bonjour@",
            "admin@",
        ]
        .iter()
        .any(|p| r[EMAIL].starts_with(p))
    });
    assert!((0.015..=0.05).contains(&role), "role-address share {role}");
    let bands = share(&rows, |r| BANDS.contains(&r[COMPANY_SIZE].as_str()));
    assert!((0.30..=0.40).contains(&bands), "size-band share {bands}");
    let no_size = share(&rows, |r| r[COMPANY_SIZE].is_empty());
    assert!(
        (0.02..=0.06).contains(&no_size),
        "empty size share {no_size}"
    );
    let no_title = share(&rows, |r| r[JOB_TITLE].is_empty());
    assert!(
        (0.03..=0.07).contains(&no_title),
        "empty title share {no_title}"
    );

    let won = share(&rows, |r| r[OUTCOME] == "Won");
    let open = share(&rows, |r| r[OUTCOME] == "Open");
    assert!((0.05..=0.10).contains(&won), "win rate {won}");
    assert!((0.15..=0.25).contains(&open), "open share {open}");
    let subscribers = share(&rows, |r| r[STAGE] == "subscriber");
    assert!(
        (0.02..=0.15).contains(&subscribers),
        "subscriber share {subscribers}"
    );

    // Varied content: accents, French and English titles, quoted companies, several industries.
    assert!(rows.iter().any(|r| r[FIRST_NAME] == "Hélène"));
    assert!(rows.iter().any(|r| r[1] == "Lefèvre"));
    assert!(rows.iter().any(|r| r[JOB_TITLE].starts_with("Directrice")));
    assert!(rows.iter().any(|r| r[JOB_TITLE] == "VP Marketing"));
    assert!(rows
        .iter()
        .any(|r| r[JOB_TITLE].starts_with("Chef de projet")));
    assert!(rows.iter().any(|r| r[COMPANY].contains(", Fils & Cie")));
    assert!(rows.iter().any(|r| r[COMPANY].contains('"')));
    for industry in [
        "Software",
        "Financial Services",
        "Manufacturing",
        "Healthcare",
        "Government",
    ] {
        assert!(rows.iter().any(|r| r[INDUSTRY] == industry), "{industry}");
    }
    for country in [
        "France",
        "United States",
        "Germany",
        "United Kingdom",
        "Belgium",
        "Canada",
    ] {
        assert!(rows.iter().any(|r| r[COUNTRY] == country), "{country}");
    }
    // Engagement is skewed: the mean is well above the median, and a few leads are very active.
    let mut views: Vec<u64> = rows.iter().map(|r| count(r, PAGE_VIEWS)).collect();
    views.sort_unstable();
    let mean = views.iter().sum::<u64>() as f64 / views.len() as f64;
    let median = views[views.len() / 2] as f64;
    assert!(
        mean > 1.2 * median,
        "page views mean {mean} median {median}"
    );
    assert!(views[views.len() - 1] as f64 > 8.0 * median);
}

/// Win rates of senior people who asked for a demo, and of students who converted on nothing.
fn senior_demo_vs_students(rows: &[Vec<String>]) -> ((f64, usize), (f64, usize)) {
    let senior_demo = won_rate(
        rows.iter()
            .filter(|r| is_senior(&r[JOB_TITLE]) && r[RECENT_CONVERSION] == "Demo request"),
    );
    let students = won_rate(
        rows.iter()
            .filter(|r| is_student(&r[JOB_TITLE]) && r[RECENT_CONVERSION].is_empty()),
    );
    (senior_demo, students)
}

/// A naive fit + interest score over the visible columns.
fn naive_score(r: &[String]) -> f64 {
    let title = &r[JOB_TITLE];
    let mut s = if is_student(title) {
        -3.0
    } else if is_senior(title)
        || ["CEO", "CMO", "PDG", "Founder"]
            .iter()
            .any(|k| title.contains(k))
    {
        2.0
    } else if title.contains("Manager") || title.contains("Responsable") {
        1.0
    } else {
        0.0
    };
    let size = r[COMPANY_SIZE].split(['-', '+']).next().unwrap_or("");
    if let Ok(n) = size.parse::<u32>() {
        s += if (200..=5000).contains(&n) {
            1.5
        } else if n > 50 {
            0.5
        } else {
            -0.5
        };
    }
    let favoured = [
        "Software",
        "Financial Services",
        "Manufacturing",
        "Healthcare",
    ];
    if favoured.contains(&r[INDUSTRY].as_str()) {
        s += 1.0;
    }
    if is_free_mail(&r[EMAIL]) {
        s -= 1.0;
    }
    s += match r[RECENT_CONVERSION].as_str() {
        "Demo request" => 2.0,
        "Contact us" | "Pricing page" => 1.0,
        _ => 0.0,
    };
    s + (count(r, PAGE_VIEWS) as f64).sqrt() * 0.3
}

/// Win rates of the bottom and the top quarter of leads ranked by `naive_score`.
fn quartile_win_rates(rows: &[Vec<String>]) -> (f64, f64) {
    let mut scored: Vec<(f64, bool)> = rows
        .iter()
        .map(|r| (naive_score(r), r[OUTCOME] == "Won"))
        .collect();
    scored.sort_by(|a, b| a.0.total_cmp(&b.0));
    let quarter = scored.len() / 4;
    let rate =
        |part: &[(f64, bool)]| part.iter().filter(|x| x.1).count() as f64 / part.len() as f64;
    (
        rate(&scored[..quarter]),
        rate(&scored[scored.len() - quarter..]),
    )
}

#[test]
fn senior_demo_requests_win_far_more_often_than_students() {
    let rows = leads(40_000, 42);
    let ((senior_demo, n_senior), (students, n_students)) = senior_demo_vs_students(&rows);
    assert!(
        n_senior > 100 && n_students > 100,
        "{n_senior} {n_students}"
    );
    assert!(
        senior_demo > 0.15 && senior_demo > 5.0 * students.max(0.005),
        "senior demo requests win {senior_demo}, students without conversion {students}"
    );
}

#[test]
fn a_sensible_score_beats_chance() {
    // The top quarter by a naive score must win several times more often than the bottom one.
    let (bottom, top) = quartile_win_rates(&leads(40_000, 5));
    assert!(
        top > 4.0 * bottom.max(0.002),
        "top quarter wins {top}, bottom {bottom}"
    );
}

/// `cargo test --release --test sample -- --ignored --nocapture` prints figures and timing.
#[test]
#[ignore]
fn report_figures_and_speed() {
    let rows = leads(10_000, 42);
    for outcome in ["Won", "Lost", "Open"] {
        println!(
            "{outcome}: {:.2}%",
            100.0 * share(&rows, |r| r[OUTCOME] == outcome)
        );
    }
    let ((senior, n_senior), (students, n_students)) = senior_demo_vs_students(&rows);
    println!("senior + demo request won {senior:.3} (n={n_senior}), students without conversion {students:.3} (n={n_students})");
    let (bottom, top) = quartile_win_rates(&rows);
    println!("naive score: top quarter won {top:.3}, bottom quarter {bottom:.3}");
    println!("free mail {:.3}", share(&rows, |r| is_free_mail(&r[EMAIL])));
    println!(
        "size bands {:.3}",
        share(&rows, |r| BANDS.contains(&r[COMPANY_SIZE].as_str()))
    );
    for stage in STAGES {
        println!(
            "{stage}: {:.2}%",
            100.0 * share(&rows, |r| r[STAGE] == stage)
        );
    }
    let start = Instant::now();
    let mut sink = std::io::sink();
    write_sample_csv(&mut sink, 1_000_000, 42).unwrap();
    println!("1,000,000 rows streamed in {:?}", start.elapsed());
    let start = Instant::now();
    let text = sample_csv(1_000_000, 42);
    println!(
        "1,000,000 rows in memory in {:?}, {} MB",
        start.elapsed(),
        text.len() / 1_000_000
    );
}
