//! `accord sql`: quoting and escaping per dialect, nothing from the agreement reaching the SQL
//! outside a literal, errors that name the rule's JSON path, and each dialect's own text. (The
//! numbers themselves are checked on DuckDB and PostgreSQL by tests/warehouse/check.py.)

use accord::agreement::presets;
use accord::sql::{generate, Column, Dialect, Kind, Options, Source, SqlError, DIALECTS};
use accord::{Agreement, Workbench};
use std::process::Command;

fn default_sql(d: Dialect) -> String {
    let a = Agreement::default();
    generate(&a, &Source::assumed("leads", &a), &Options::new(d)).expect("the default agreement")
}

fn with_rule(rule: serde_json::Value) -> Agreement {
    let mut v: serde_json::Value =
        serde_json::from_str(presets::B2B_SOFTWARE).expect("the preset is JSON");
    v["qualification"]["fit"]["groups"][0]["rules"]
        .as_array_mut()
        .expect("rules")
        .push(rule);
    Agreement::from_json(&v.to_string()).expect("a valid agreement")
}

/// The SQL text with every string literal and quoted identifier blanked out, as `d` reads
/// them: what is left is what the generator wrote itself.
fn outside_literals(sql: &str, d: Dialect) -> String {
    let backslash = matches!(d, Dialect::BigQuery | Dialect::Snowflake | Dialect::Spark);
    let chars: Vec<char> = sql.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let close = match c {
            '\'' => Some('\''),
            '"' if !matches!(d, Dialect::BigQuery | Dialect::Spark) => Some('"'),
            '`' if matches!(d, Dialect::BigQuery | Dialect::Spark) => Some('`'),
            _ => None,
        };
        let Some(q) = close else {
            out.push(c);
            i += 1;
            continue;
        };
        i += 1;
        loop {
            assert!(i < chars.len(), "an unclosed literal in:\n{sql}");
            let x = chars[i];
            if backslash && q == '\'' && x == '\\' {
                i += 2;
                continue;
            }
            if d == Dialect::BigQuery && q == '`' && x == '\\' {
                i += 2;
                continue;
            }
            if x == q {
                if chars.get(i + 1) == Some(&q) && !(backslash && q == '\'') {
                    i += 2;
                    continue;
                }
                i += 1;
                break;
            }
            i += 1;
        }
        out.push_str("LIT");
    }
    out
}

#[test]
fn identifiers_and_strings_are_quoted_per_dialect() {
    assert_eq!(
        Dialect::Postgres.ident("Job \"Title\""),
        "\"Job \"\"Title\"\"\""
    );
    assert_eq!(Dialect::DuckDb.ident("a"), "\"a\"");
    assert_eq!(Dialect::Snowflake.ident("a\"b"), "\"a\"\"b\"");
    assert_eq!(Dialect::Spark.ident("a`b"), "`a``b`");
    assert_eq!(Dialect::BigQuery.ident("a`b"), "`a\\`b`");
    assert_eq!(Dialect::BigQuery.qualified("ds.leads"), "`ds`.`leads`");
    assert_eq!(Dialect::Postgres.string("it's \\ --"), "'it''s \\ --'");
    assert_eq!(Dialect::DuckDb.string("it's"), "'it''s'");
    for d in [Dialect::BigQuery, Dialect::Snowflake, Dialect::Spark] {
        assert_eq!(d.string("it's \\ --"), "'it\\'s \\\\ --'", "{}", d.name());
    }
    assert_eq!(
        Dialect::BigQuery.column_name("Job Title (2)"),
        "Job_Title__2_"
    );
    assert_eq!(Dialect::BigQuery.column_name("2nd"), "_2nd");
    assert_eq!(Dialect::Postgres.column_name("Job Title"), "Job Title");
    assert_eq!(Dialect::parse("PostgreSQL"), Some(Dialect::Postgres));
    assert_eq!(Dialect::parse("databricks"), Some(Dialect::Spark));
    assert_eq!(Dialect::parse("oracle"), None);
}

#[test]
fn nothing_from_the_agreement_reaches_the_sql_outside_a_literal() {
    let evil = "o'brien'; DROP TABLE leads; --";
    let mut a = with_rule(serde_json::json!({
        "id": "x'); DELETE FROM leads; --", "field": "job_title",
        "contains_any": [evil, "a\\b`c\"d"], "points": 5 }));
    a.qualification.disqualify[0].reason = Some("Bye'; DROP VIEW v; -- \\".into());
    a.qualification.grades.fit = [("A'--".to_string(), 50.0), ("D".to_string(), 0.0)].into();
    let mut src = Source::assumed("leads", &a);
    src.mapping
        .insert("job_title".into(), "Title\"; DROP TABLE x; --`".into());
    for (_, d) in DIALECTS {
        let mut o = Options::new(*d);
        o.view = Some("scored".into());
        let sql = generate(&a, &src, &o).expect("sql");
        let bare = outside_literals(&sql, *d);
        assert!(
            !bare.contains("--"),
            "{}: a comment outside a literal",
            d.name()
        );
        assert!(!bare.to_uppercase().contains("DROP"), "{}", d.name());
        assert!(!bare.to_uppercase().contains("DELETE"), "{}", d.name());
        assert_eq!(bare.matches(';').count(), 1, "{}: one statement", d.name());
        assert!(bare.trim_end().ends_with(';'));
    }
}

#[test]
fn each_dialect_writes_its_own_functions() {
    let want: &[(Dialect, &[&str], &[&str])] = &[
        (
            Dialect::Postgres,
            &[
                "\"job_title\"",
                " ~ '",
                "AS MATERIALIZED (",
                "CAST(100 AS REAL)",
                "STRPOS(",
            ],
            &["`job_title`", "REGEXP_CONTAINS", "RLIKE"],
        ),
        (
            Dialect::DuckDb,
            &["regexp_matches(", "AS MATERIALIZED (", "CAST(100 AS FLOAT)"],
            &["`job_title`", " ~ '"],
        ),
        (
            Dialect::BigQuery,
            &["REGEXP_CONTAINS(", "`job_title`", "FLOAT64", "STRPOS("],
            &["MATERIALIZED", "\"job_title\"", "REAL"],
        ),
        (
            Dialect::Snowflake,
            &["REGEXP_INSTR(", "\"job_title\"", "POSITION("],
            &["MATERIALIZED", "`job_title`"],
        ),
        (
            Dialect::Spark,
            &[" RLIKE '", "`job_title`", "CAST(100 AS FLOAT)", "INSTR("],
            &["MATERIALIZED", "\"job_title\""],
        ),
    ];
    for (d, has, lacks) in want {
        let sql = default_sql(*d);
        for h in *has {
            assert!(sql.contains(h), "{} lacks {h}", d.name());
        }
        for l in *lacks {
            assert!(!sql.contains(l), "{} has {l}", d.name());
        }
        assert!(sql.starts_with("WITH "), "{}: a bare query", d.name());
        for col in [
            "AS fit",
            "AS interest",
            "AS grade",
            "AS status",
            "AS reasons",
        ] {
            assert!(sql.contains(col), "{} lacks {col}", d.name());
        }
    }
}

#[test]
fn dates_count_from_the_agreements_day_or_today() {
    let mut a = with_rule(serde_json::json!({
        "id": "recent", "field": "create_date", "within_days": 30, "points": 5 }));
    let src = Source::assumed("leads", &a);
    let days = |d: Dialect, a: &Agreement| generate(a, &src, &Options::new(d)).expect("sql");
    assert!(
        days(Dialect::Postgres, &a).contains("(CURRENT_DATE - CAST(t.\"create_date\" AS DATE))")
    );
    a.as_of = Some("2025-10-01".into());
    assert!(days(Dialect::Postgres, &a)
        .contains("(DATE '2025-10-01' - CAST(t.\"create_date\" AS DATE))"));
    assert!(days(Dialect::DuckDb, &a)
        .contains("date_diff('day', CAST(t.\"create_date\" AS DATE), DATE '2025-10-01')"));
    assert!(days(Dialect::BigQuery, &a)
        .contains("DATE_DIFF(DATE '2025-10-01', CAST(t.`create_date` AS DATE), DAY)"));
    assert!(days(Dialect::Snowflake, &a)
        .contains("DATEDIFF(day, CAST(t.\"create_date\" AS DATE), DATE '2025-10-01')"));
    assert!(days(Dialect::Spark, &a)
        .contains("DATEDIFF(DATE '2025-10-01', CAST(t.`create_date` AS DATE))"));
}

#[test]
fn without_an_export_a_header_holds_what_its_condition_reads() {
    let a = with_rule(serde_json::json!({
        "id": "touched", "field": "Last Touch", "within_days": 7, "points": 5 }));
    let sql = generate(
        &a,
        &Source::assumed("leads", &a),
        &Options::new(Dialect::Postgres),
    )
    .expect("sql");
    // A date, counted in days, not a text that never holds.
    assert!(
        sql.contains("(CURRENT_DATE - CAST(t.\"Last Touch\" AS DATE))"),
        "{sql}"
    );
    let a = with_rule(serde_json::json!({
        "id": "seats", "field": "Seats", "at_least": 10, "points": 5 }));
    let sql = generate(
        &a,
        &Source::assumed("leads", &a),
        &Options::new(Dialect::Postgres),
    )
    .expect("sql");
    assert!(sql.contains("(t.\"Seats\" >= 10)"), "{sql}");
}

#[test]
fn a_view_or_a_bare_query_and_the_columns_kept() {
    let a = Agreement::default();
    let src = Source::assumed("crm.leads", &a);
    let mut o = Options::new(Dialect::Postgres);
    o.view = Some("analytics.leads_scored".into());
    o.keep = Some(vec!["Record ID".into()]);
    let sql = generate(&a, &src, &o).expect("sql");
    assert!(sql.starts_with("CREATE OR REPLACE VIEW \"analytics\".\"leads_scored\" AS\nWITH "));
    assert!(sql.contains("FROM \"crm\".\"leads\" AS t"));
    assert!(sql.contains("SELECT\n  b.\"Record ID\",\n  b.\"_accord_fit\" AS fit,"));
    // Without an export, the columns the rules read come first.
    let bare = generate(&a, &src, &Options::new(Dialect::Postgres)).expect("sql");
    assert!(
        bare.contains("SELECT\n  b.\"job_title\",\n  b.\"email\","),
        "{bare}"
    );
    o.view = Some(" ".into());
    assert!(matches!(generate(&a, &src, &o), Err(SqlError::Input(_))));
}

#[test]
fn the_agreements_mapping_names_the_columns_and_switches_fields_off() {
    let mut a = Agreement::default();
    a.mapping
        .insert("job_title".into(), "Intitulé du poste".into());
    a.mapping.insert("industry".into(), String::new());
    let sql = generate(
        &a,
        &Source::assumed("leads", &a),
        &Options::new(Dialect::DuckDb),
    )
    .expect("sql");
    assert!(sql.contains("t.\"Intitulé du poste\""));
    assert!(
        !sql.contains("industry\""),
        "a field switched off is read nowhere"
    );
}

#[test]
fn rules_the_sql_cannot_write_name_their_json_path() {
    // Activities come from a separate file.
    let a = Agreement::from_json(presets::INDUSTRIAL).expect("preset");
    let src = Source::assumed("leads", &a);
    match generate(&a, &src, &Options::new(Dialect::Postgres)) {
        Err(e @ SqlError::Unsupported { .. }) => {
            let m = e.to_string();
            assert!(
                m.starts_with("qualification.interest.groups[0].rules[2].activity: "),
                "{m}"
            );
            assert!(m.contains("--without-activities"), "{m}");
        }
        other => panic!("expected an error, got {other:?}"),
    }
    let mut o = Options::new(Dialect::Postgres);
    o.activities_as_zero = true;
    assert!(generate(&a, &src, &o).is_ok());

    // Keywords in a number column.
    let a = with_rule(serde_json::json!({
        "id": "big", "field": "page_views", "contains_any": ["1000"], "points": 5 }));
    let e = generate(
        &a,
        &Source::assumed("leads", &a),
        &Options::new(Dialect::DuckDb),
    )
    .expect_err("contains_any on a number");
    assert!(e
        .to_string()
        .starts_with("qualification.fit.groups[0].rules[4].contains_any: contains_any on \"page_views\", a number column"));

    // Counting a text column inside all_of is fine; a yes/no column cannot hold keywords.
    let a = with_rule(serde_json::json!({
        "id": "both", "all_of": [
            { "field": "job_title", "contains_any": ["cto"] },
            { "field": "do_not_contact", "starts_with": ["y"] } ], "points": 5 }));
    let e = generate(
        &a,
        &Source::assumed("leads", &a),
        &Options::new(Dialect::Spark),
    )
    .expect_err("starts_with on yes/no");
    assert_eq!(
        e.to_string().split(':').next(),
        Some("qualification.fit.groups[0].rules[4].all_of[1].starts_with")
    );
}

#[test]
fn a_band_the_sql_reads_otherwise_is_an_error_with_the_value() {
    let mut wb = Workbench::new();
    let csv = "Email,Company Size\na@x.io,1 à 10\nb@y.io,11-50\nc@z.io,51-200\nd@w.io,10000+\n";
    wb.load_csv(csv).expect("loads");
    let src = Source::from_workbench("leads", &wb).expect("data");
    let size = src
        .columns
        .as_ref()
        .and_then(|c| c.iter().find(|c| c.name == "Company Size"))
        .expect("the column");
    assert_eq!(size.kind, Kind::Range);
    let e = generate(
        &Agreement::default(),
        &src,
        &Options::new(Dialect::Postgres),
    )
    .expect_err("1 à 10 is not read by the SQL");
    let m = e.to_string();
    assert!(
        m.starts_with("qualification.fit.groups[1].rules[0].between: "),
        "{m}"
    );
    assert!(m.contains("\"1 à 10\""), "{m}");

    // The same bands written plainly are fine, and the DDL has the inferred types.
    let mut wb = Workbench::new();
    wb.load_csv("Email,Company Size,Created,Page Views\na@x.io,1-10,2025-01-02,3\n")
        .expect("loads");
    let src = Source::from_workbench("leads", &wb).expect("data");
    assert!(generate(
        &Agreement::default(),
        &src,
        &Options::new(Dialect::Postgres)
    )
    .is_ok());
    assert_eq!(
        src.ddl(Dialect::BigQuery).expect("ddl"),
        "CREATE TABLE `leads` (\n  `Email` STRING,\n  `Company_Size` STRING,\n  `Created` DATETIME,\n  `Page_Views` FLOAT64\n);\n"
    );
    assert_eq!(
        Source::assumed("leads", &Agreement::default())
            .ddl(Dialect::Postgres)
            .map_err(|e| e.to_string()),
        Err("the table's columns are known only from a leads file".to_string())
    );
    let _ = Column::new("x", Kind::Text);
}

fn accord(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_accord"))
        .args(args)
        .output()
        .expect("the accord binary runs")
}

#[test]
fn the_command_prints_sql_and_exits_2_on_usage_1_on_what_sql_cannot_say() {
    let ok = accord(&["sql", "--dialect", "bigquery", "--view", "ds.scored"]);
    assert!(ok.status.success());
    let out = String::from_utf8_lossy(&ok.stdout);
    assert!(
        out.starts_with("CREATE OR REPLACE VIEW `ds`.`scored` AS"),
        "{out}"
    );

    let bad = accord(&["sql", "--dialect", "oracle"]);
    assert_eq!(bad.status.code(), Some(2));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(
        err.starts_with("accord: --dialect \"oracle\" is not one of postgres, duckdb"),
        "{err}"
    );
    assert_eq!(accord(&["sql"]).status.code(), Some(2));
    assert_eq!(
        accord(&["sql", "--dialect", "duckdb", "--ddl"])
            .status
            .code(),
        Some(2)
    );

    let dir = std::env::temp_dir().join(format!("accord-sql-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp dir");
    let file = dir.join("industrial.json");
    std::fs::write(&file, presets::INDUSTRIAL).expect("written");
    let path = file.to_string_lossy().to_string();
    let no = accord(&["sql", "--dialect", "snowflake", "--agreement", &path]);
    assert_eq!(no.status.code(), Some(1));
    let err = String::from_utf8_lossy(&no.stderr);
    assert!(
        err.contains("qualification.interest.groups[0].rules[2].activity"),
        "{err}"
    );
    let yes = accord(&[
        "sql",
        "--dialect",
        "snowflake",
        "--agreement",
        &path,
        "--without-activities",
    ]);
    assert!(yes.status.success());
    let _ = std::fs::remove_dir_all(&dir);
}
