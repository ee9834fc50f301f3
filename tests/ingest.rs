//! Reading real-world exports: formats, encodings, delimiters, typed values, bad input,
//! streaming. Fixtures are written by the tests (see `support`).

mod support;

use accord::ingest::{self, IngestError, Loaded, Options, ProblemKind};
use accord::score::email::Domains;
use accord::table::{ColumnKind, Table};
use support::{cp1252, utf16be, utf16le, xlsx, Cell};

fn opts(locale: &str, name: Option<&str>) -> Options {
    Options {
        name: name.map(str::to_string),
        locale: locale.into(),
        sheet: None,
        size: None,
        part: None,
    }
}

fn load(bytes: &[u8]) -> Loaded {
    ingest::read_bytes(bytes, opts("en", None)).unwrap_or_else(|e| panic!("load failed: {e}"))
}

fn load_err(bytes: &[u8], name: Option<&str>) -> IngestError {
    match ingest::read_bytes(bytes, opts("en", name)) {
        Ok(l) => panic!("expected an error, loaded {} rows", l.table.rows),
        Err(e) => e,
    }
}

/// Every cell as displayed, header first.
fn cells(t: &Table) -> Vec<Vec<String>> {
    let mut out = vec![t.columns.iter().map(|c| c.name.clone()).collect::<Vec<_>>()];
    for r in 0..t.rows {
        out.push(t.columns.iter().map(|c| c.display(r)).collect());
    }
    out
}

fn kind_of(t: &Table, name: &str) -> ColumnKind {
    t.columns
        .iter()
        .find(|c| c.name == name)
        .map(|c| c.kind())
        .unwrap_or_else(|| panic!("no column {name}"))
}

const FRENCH: &str = "Société;Intitulé du poste;Effectif;Chiffre d'affaires\r\nÉcole Polytechnique;Directrice générale;1 001-5 000;1 234,50\r\nCafé « Le Zénith »;Stagiaire;11-50;0,5\r\n";

#[test]
fn delimiters_are_sniffed() {
    let rows = [
        ["Email", "Job Title", "Page Views"],
        ["a@x.io", "VP, Sales", "12"],
        ["b@y.fr", "CTO", "3"],
    ];
    for d in [",", ";", "\t", "|"] {
        let text: String = rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|c| {
                        if c.contains(d) || c.contains(',') && d == "," {
                            format!("\"{c}\"")
                        } else {
                            c.to_string()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(d)
                    + "\n"
            })
            .collect();
        let l = load(text.as_bytes());
        assert_eq!(l.table.rows, 2, "delimiter {d:?}");
        assert_eq!(cells(&l.table)[1][1], "VP, Sales", "delimiter {d:?}");
        assert_eq!(kind_of(&l.table, "Page Views"), ColumnKind::Number);
    }
}

#[test]
fn encodings_are_detected_and_mojibake_never_reaches_the_table() {
    let expected = cells(&load(FRENCH.as_bytes()).table);
    assert_eq!(expected[1][0], "École Polytechnique");
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(FRENCH.as_bytes());
    for (label, bytes) in [
        ("UTF-8 BOM", bom),
        ("UTF-16 LE", utf16le(FRENCH)),
        ("UTF-16 BE", utf16be(FRENCH)),
        ("Windows-1252", cp1252(FRENCH)),
    ] {
        let l = load(&bytes);
        assert_eq!(cells(&l.table), expected, "{label}");
        assert!(l.format.encoding.is_some(), "{label}");
        let all: String = cells(&l.table).concat().concat();
        assert!(
            !all.contains('Ã') && !all.contains('\u{FFFD}'),
            "{label}: {all}"
        );
    }
    assert_eq!(
        load(&cp1252(FRENCH)).format.encoding.as_deref(),
        Some("Windows-1252")
    );
    assert_eq!(
        load(&utf16le(FRENCH)).format.delimiter.as_deref(),
        Some("semicolon")
    );
}

#[test]
fn french_numbers_and_ranges_are_typed_and_shown_as_written() {
    let l = load(FRENCH.as_bytes());
    let t = &l.table;
    assert_eq!(kind_of(t, "Chiffre d'affaires"), ColumnKind::Number);
    assert_eq!(kind_of(t, "Effectif"), ColumnKind::Range);
    let ca = t
        .columns
        .iter()
        .find(|c| c.name == "Chiffre d'affaires")
        .unwrap();
    assert_eq!(ca.value(0), accord::ingest::values::Value::Number(1234.5));
    assert_eq!(ca.display(0), "1 234,50");
    let eff = t.columns.iter().find(|c| c.name == "Effectif").unwrap();
    assert_eq!(
        eff.value(0),
        accord::ingest::values::Value::Range {
            lo: 1001.0,
            hi: 5000.0
        }
    );
}

#[test]
fn dates_booleans_and_missing_tokens() {
    let text = "Email,Created,Opted in,Industry,Amount\n\
        a@x.io,25/12/2024,Oui,Software,€1 200\n\
        b@x.io,07/03/2024,Non,Select,€350\n\
        c@x.io,,Oui,N/A,\n";
    let l = load(text.as_bytes());
    let t = &l.table;
    assert_eq!(kind_of(t, "Created"), ColumnKind::Date);
    assert_eq!(kind_of(t, "Opted in"), ColumnKind::Bool);
    assert_eq!(kind_of(t, "Amount"), ColumnKind::Number);
    let created = &t.columns[1];
    // 25/12 decides the column: day first, so 07/03 is the 7th of March.
    match created.value(1) {
        accord::ingest::values::Value::Date { secs, .. } => assert_eq!(secs, 1_709_769_600),
        v => panic!("{v:?}"),
    }
    assert_eq!(created.display(1), "07/03/2024");
    assert_eq!(t.columns[2].display(1), "Non");
    // Missing tokens are empty values but still shown as written.
    assert_eq!(
        t.columns[3].value(1),
        accord::ingest::values::Value::Missing
    );
    assert_eq!(t.columns[3].display(1), "Select");
    assert_eq!(t.columns[4].display(0), "€1 200");
    assert_eq!(
        t.columns[4].value(1),
        accord::ingest::values::Value::Number(350.0)
    );
}

#[test]
fn values_that_do_not_fit_are_reported_with_line_column_and_value() {
    let mut text = String::from("Email,Page Views\n");
    for i in 0..40 {
        text.push_str(&format!("u{i}@x.io,{i}\n"));
    }
    text.push_str("late@x.io,lots\n");
    let l = load(text.as_bytes());
    assert_eq!(l.table.rows, 41, "the row is kept");
    assert_eq!(kind_of(&l.table, "Page Views"), ColumnKind::Number);
    let d = l
        .diagnostics
        .iter()
        .find(|d| d.kind == ProblemKind::TypeMismatch)
        .expect("a type problem");
    assert_eq!(d.line, 42);
    assert_eq!(d.column.as_deref(), Some("Page Views"));
    assert_eq!(d.value.as_deref(), Some("lots"));
    assert_eq!(
        l.table.columns[1].display(40),
        "lots",
        "the original text stays visible"
    );
}

#[test]
fn row_shapes_short_kept_broken_reported() {
    let l = load(
        b"a,b,c,d\n1,2,3,4\n5,6,7\n8\n9,10,11,12,13\n1,2,3,4\n1,2,3,4\n1,2,3,4\n\"open,1,2,3\n",
    );
    // "5,6,7" is short but kept; "8" (1 of 4) and the 5-field row are broken; the unclosed quote
    // swallows the rest and is reported.
    assert_eq!(l.table.rows, 5);
    assert_eq!(l.table.columns[3].display(1), "");
    let kinds: Vec<(ProblemKind, usize)> = l.diagnostics.iter().map(|d| (d.kind, d.line)).collect();
    assert!(kinds.contains(&(ProblemKind::ShortRow, 3)), "{kinds:?}");
    assert!(kinds.contains(&(ProblemKind::BrokenRow, 4)), "{kinds:?}");
    assert!(kinds.contains(&(ProblemKind::BrokenRow, 5)), "{kinds:?}");
    assert!(kinds.contains(&(ProblemKind::BrokenRow, 9)), "{kinds:?}");
    assert_eq!(l.skipped_rows, 3);
    let total: usize = l.problems.iter().map(|p| p.count).sum();
    assert_eq!(total, l.diagnostics_total);
}

#[test]
fn trailing_delimiters_blank_lines_and_line_ends() {
    let l = load(b"\r\n\r\nEmail,Title,\r\na@x.io,CTO,\r\n\r\nb@y.io,CEO,\rc@z.io,VP,\n");
    assert_eq!(l.table.columns.len(), 2);
    assert_eq!(l.table.rows, 3);
    assert_eq!(l.diagnostics_total, 0, "{:?}", l.diagnostics);
}

#[test]
fn duplicate_and_empty_headers_are_disambiguated() {
    let l = load(b"Email,,Email,Email\na,b,c,d\n");
    let names: Vec<_> = l.table.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Email", "Column 2", "Email (2)", "Email (3)"]);
    assert_eq!(
        l.diagnostics
            .iter()
            .filter(|d| d.kind == ProblemKind::Header)
            .count(),
        3
    );
}

#[test]
fn a_header_of_thousands_of_repeated_names_stays_fast() {
    // Found by the fuzzer: disambiguating repeats used to take cubic time.
    let mut text = "a,".repeat(8_000);
    text.push('\n');
    text.push_str(&"1,".repeat(8_000));
    text.push('\n');
    let t = std::time::Instant::now();
    let l = load(text.as_bytes());
    assert_eq!(l.table.columns.len(), 8_000);
    assert_eq!(l.table.columns[7_999].name, "a (8000)");
    assert!(t.elapsed().as_secs() < 20, "took {:?}", t.elapsed());
    let e = load_err("x,".repeat(20_000).as_bytes(), None);
    assert!(e.to_string().contains("16384"), "{e}");
}

#[test]
fn json_exports() {
    let plain = br#"[{"Email":"a@x.io","Title":"CTO","Page Views":3},{"Email":"b@y.io","Title":null,"Page Views":5,"Extra":true}]"#;
    let l = load(plain);
    assert_eq!(l.format.kind, "json");
    assert_eq!(
        cells(&l.table)[0],
        ["Email", "Title", "Page Views", "Extra"]
    );
    assert_eq!(l.table.rows, 2);
    assert_eq!(kind_of(&l.table, "Page Views"), ColumnKind::Number);

    let hubspot = br#"{"results":[{"id":"101","properties":{"email":"a@x.io","jobtitle":"CTO"}},{"id":"102","properties":{"email":"b@y.io","jobtitle":"CEO"}}],"paging":{}}"#;
    let l = load(hubspot);
    assert_eq!(cells(&l.table)[0], ["id", "email", "jobtitle"]);
    assert_eq!(cells(&l.table)[2], ["102", "b@y.io", "CEO"]);

    let arrays = br#"[["Email","Title"],["a@x.io","CTO"],["b@y.io","CEO"]]"#;
    assert_eq!(load(arrays).table.rows, 2);

    match load_err(b"{\"nothing\": 1}", None) {
        IngestError::NotATable { reason } => {
            assert!(reason.contains("no list of records"), "{reason}")
        }
        e => panic!("{e:?}"),
    }
    match load_err(b"[{\"a\": 1}, ", None) {
        IngestError::NotATable { reason } => assert!(reason.contains("not valid JSON"), "{reason}"),
        e => panic!("{e:?}"),
    }
}

#[test]
fn excel_workbooks() {
    let book = xlsx(&[
        (
            "Notes",
            vec![vec![Cell::Text("Read me"), Cell::Text("first")]],
        ),
        (
            "Contacts",
            vec![
                vec![
                    Cell::Text("Email"),
                    Cell::Text("Created"),
                    Cell::Text("Employees"),
                    Cell::Text("Title"),
                ],
                vec![
                    Cell::Text("a@x.io"),
                    Cell::Date(45358.0),
                    Cell::Number(350.0),
                    Cell::Text("CTO"),
                ],
                vec![
                    Cell::Text("b@y.io"),
                    Cell::Date(45293.0),
                    Cell::Empty,
                    Cell::Text("Head of IT"),
                ],
            ],
        ),
    ]);
    let l = ingest::read_bytes(
        &book,
        Options {
            sheet: Some("Contacts".into()),
            ..opts("en", Some("leads.xlsx"))
        },
    )
    .unwrap();
    assert_eq!(l.format.kind, "xlsx");
    assert_eq!(l.format.sheets, ["Notes", "Contacts"]);
    assert_eq!(l.format.sheet.as_deref(), Some("Contacts"));
    assert_eq!(l.table.rows, 2);
    assert_eq!(kind_of(&l.table, "Created"), ColumnKind::Date);
    assert_eq!(l.table.columns[1].display(0), "2024-03-07");
    assert_eq!(l.table.columns[2].display(1), "");
    // By number, and the first sheet by default.
    let l = ingest::read_bytes(
        &book,
        Options {
            sheet: Some("2".into()),
            ..opts("en", None)
        },
    )
    .unwrap();
    assert_eq!(l.format.sheet.as_deref(), Some("Contacts"));
    let first = ingest::read_bytes(&book, opts("en", None)).unwrap_err();
    assert!(matches!(first, IngestError::NoRows { .. }), "{first:?}");
    let e = ingest::read_bytes(
        &book,
        Options {
            sheet: Some("Deals".into()),
            ..opts("en", None)
        },
    )
    .unwrap_err();
    assert!(
        e.to_string().contains("Contacts"),
        "the message lists the sheets: {e}"
    );
}

#[test]
fn files_that_are_not_tables_say_what_they_are() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    let pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj".to_vec();
    let xls = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0\0\0\0\0".to_vec();
    let zip = support::zip(&[("photos/a.txt", b"hello".to_vec())]);
    for (bytes, name, says) in [
        (png, "logo.png", "PNG"),
        (pdf, "leads.pdf", "PDF"),
        (xls, "leads.xls", ".xlsx"),
        (zip, "archive.zip", "zip"),
    ] {
        let e = load_err(&bytes, Some(name));
        let msg = e.to_string();
        assert!(msg.contains(says), "{name}: {msg}");
        assert!(matches!(e, IngestError::Unsupported(_)), "{name}: {e:?}");
    }
}

#[test]
fn empty_header_only_and_single_column() {
    assert_eq!(load_err(b"", None), IngestError::Empty);
    assert_eq!(load_err(b"  \r\n\n", None), IngestError::Empty);
    assert!(matches!(
        load_err(b"\nEmail,Title\n", None),
        IngestError::NoRows {
            line: 2,
            columns: 2
        }
    ));
    assert!(matches!(
        load_err(b"Email\na@x.io\nb@y.io\n", None),
        IngestError::NotATable { .. }
    ));
}

#[test]
fn hostile_input_is_handled_without_panic() {
    // A 10 MB single field: kept, cut to the longest cell kept (tests/limits.rs).
    let mut big = b"Email,Notes\na@x.io,\"".to_vec();
    big.extend(std::iter::repeat_n(b'x', 10 << 20));
    big.extend_from_slice(b"\"\nb@y.io,short\n");
    let l = load(&big);
    assert_eq!(l.table.rows, 2);
    assert_eq!(
        l.table.columns[1].display(0).len(),
        ingest::sink::MAX_CELL_BYTES
    );
    // NUL bytes and invalid UTF-8 in a UTF-8 file: reported, the rest loads.
    let l =
        load(b"Email,Title\na@x.io,C\0TO\nb@y.io,Direct\xFFeur g\xC3\xA9n\xC3\xA9ral\nc@z.io,VP\n");
    assert_eq!(l.table.rows, 3);
    assert!(
        l.problems.iter().any(|p| p.kind == ProblemKind::Encoding),
        "{:?}",
        l.problems
    );
    assert_eq!(l.table.columns[1].display(0), "CTO");
    assert!(l.table.columns[1].display(1).ends_with("général"));
}

#[test]
fn streaming_in_any_chunks_gives_the_same_table() {
    let sample = accord::sample::sample_csv(300, 5);
    let whole = load(sample.as_bytes());
    for size in [1, 7, 100, 4096, 65_535, 65_536, 70_000] {
        let mut ing = ingest::Ingest::new(opts("en", None));
        for chunk in sample.as_bytes().chunks(size) {
            ing.push(chunk).unwrap();
        }
        let l = ing.finish().unwrap();
        assert_eq!(cells(&l.table), cells(&whole.table), "chunks of {size}");
    }
    let fr = utf16le(FRENCH);
    let whole = cells(&load(&fr).table);
    for size in 1..8 {
        let mut ing = ingest::Ingest::new(opts("en", None));
        for chunk in fr.chunks(size) {
            ing.push(chunk).unwrap();
        }
        assert_eq!(
            cells(&ing.finish().unwrap().table),
            whole,
            "UTF-16 in chunks of {size}"
        );
    }
}

#[test]
fn the_sample_and_the_real_export_load_cleanly() {
    let l = load(accord::sample::sample_csv(2_000, 42).as_bytes());
    assert_eq!(l.table.rows, 2_000);
    assert_eq!(l.skipped_rows, 0);
    assert_eq!(kind_of(&l.table, "Create Date"), ColumnKind::Date);
    assert_eq!(kind_of(&l.table, "Company Size"), ColumnKind::Range);
    assert_eq!(kind_of(&l.table, "Deal Amount"), ColumnKind::Number);
    // Every cell shows as the export wrote it.
    let text = accord::sample::sample_csv(2_000, 42);
    let mut lines = text.lines().skip(1);
    let first: Vec<String> = lines
        .next()
        .unwrap()
        .split(',')
        .map(str::to_string)
        .collect();
    let shown: Vec<String> = l.table.columns.iter().map(|c| c.display(0)).collect();
    if !first.iter().any(|f| f.starts_with('"')) {
        assert_eq!(shown, first);
    }
}

/// The input's size, when known, sizes the columns once: the same table whatever the size said
/// (right, too small, absurd), and an absurd one does not reserve without bound.
#[test]
fn a_size_hint_changes_nothing_but_memory() {
    let mut csv = String::from("Email,Company Size,Create Date,Owner\n");
    for i in 0..20_000u32 {
        csv.push_str(&format!(
            "lead{i}@example.com,{},2025-{:02}-{:02} 10:{:02},{}\n",
            (i * 37) % 900 + 1,
            i % 12 + 1,
            i % 28 + 1,
            i % 60,
            ["Ann", "Bob", "Chloé"][(i % 3) as usize]
        ));
    }
    let read = |size: Option<u64>| {
        let mut ing = ingest::Ingest::new(opts("en", None));
        if let Some(s) = size {
            ing.expect_bytes(s);
        }
        for chunk in csv.as_bytes().chunks(4096) {
            ing.push(chunk).unwrap();
        }
        ing.finish().unwrap_or_else(|e| panic!("{e}"))
    };
    let want = cells(&read(None).table);
    assert_eq!(want.len(), 20_001);
    for size in [csv.len() as u64, 10, csv.len() as u64 * 3, u64::MAX] {
        assert_eq!(cells(&read(Some(size)).table), want, "size {size}");
    }
}

/// Columns whose values are nearly all different (e-mail addresses, timestamps, ids) are read
/// without a dictionary lookup a cell past the first rows; they must read, type and report
/// exactly as the others: every cell as written, one code a distinct text value, dates typed,
/// a misfit reported at its line.
#[test]
fn nearly_unique_columns_read_type_and_report_like_the_others() {
    let rows = 40_000usize;
    let email = |r: usize| match r {
        // A missing-value token past the rows that decide how the column is read: an empty
        // cell all the same, wherever it comes.
        20_000 | 36_000 | 36_001 => "N/A".to_string(),
        // Unique at first, then repeating earlier addresses (a file sorted by e-mail would
        // not, but a CRM's merge of two exports would).
        _ if r < 30_000 => format!("lead{r}@firm{}.com", r % 97),
        _ => format!("lead{}@firm{}.com", r % 500, (r % 500) % 97),
    };
    let created = |r: usize| match r {
        35_000 => "soon".to_string(),
        _ => {
            // Past row 30,000, the dates of earlier rows again.
            let m = if r < 30_000 { r * 7 } else { (r - 30_000) * 7 };
            format!(
                "2025-{:02}-{:02} {:02}:{:02}",
                1 + m / (28 * 24 * 60) % 12,
                1 + m / (24 * 60) % 28,
                m / 60 % 24,
                m % 60
            )
        }
    };
    // Amounts nearly all different, then repeating.
    let amount = |r: usize| (r % 30_000 * 13 % 100_003) as f64 + (r % 100) as f64 / 100.0;
    let mut text = String::from("Email,Created,Stage,Note,Amount\n");
    for r in 0..rows {
        let note = if r % 4 == 0 {
            format!("n{r}")
        } else {
            String::new()
        };
        let stage = ["lead", "mql", "sql"][r % 3];
        text.push_str(&format!(
            "{},{},{stage},{note},{}\n",
            email(r),
            created(r),
            amount(r)
        ));
    }
    let l = load(text.as_bytes());
    let t = &l.table;
    assert_eq!(t.rows, rows);
    assert_eq!(kind_of(t, "Email"), ColumnKind::Text);
    assert_eq!(kind_of(t, "Created"), ColumnKind::Date);
    assert_eq!(kind_of(t, "Note"), ColumnKind::Text);
    assert_eq!(kind_of(t, "Amount"), ColumnKind::Number);
    for r in (0..rows).step_by(7).chain([29_999, 30_000, 39_999]) {
        assert_eq!(t.columns[0].display(r), email(r), "e-mail, row {r}");
        assert_eq!(
            t.columns[4].value(r),
            accord::ingest::values::Value::Number(amount(r)),
            "amount, row {r}"
        );
        assert_eq!(t.columns[1].display(r), created(r), "date, row {r}");
        let note = if r % 4 == 0 {
            format!("n{r}")
        } else {
            String::new()
        };
        assert_eq!(t.columns[3].display(r), note, "sparse, row {r}");
    }
    let (codes, dict) = t.columns[0].codes_and_dict().expect("text codes");
    for r in [20_000, 36_000, 36_001] {
        // Shown as written, read as empty.
        assert_eq!(t.columns[0].display(r), "N/A", "row {r}");
        assert_eq!(
            t.columns[0].value(r),
            accord::ingest::values::Value::Missing,
            "row {r}"
        );
        assert_eq!(
            codes.get(r),
            Some(0),
            "row {r}: a missing-value token has the empty code"
        );
    }
    // One code a distinct value, as the rules (evaluated once a value) and the counts expect.
    // (The token is among the values written: its cells are cleared, not its entry.)
    let distinct: std::collections::HashSet<String> = (0..rows).map(email).collect();
    assert_eq!(t.columns[0].distinct_or_filled(), distinct.len());
    let values: std::collections::HashSet<&str> = dict.iter().collect();
    assert_eq!(values.len(), dict.len(), "no value twice in the dictionary");
    assert_eq!(dict.get(codes.get(30_000).unwrap_or(0)), email(30_000));
    assert_eq!(t.columns[3].distinct_or_filled(), rows / 4);
    // The misfit in the date column: reported at its line, its text kept.
    let d = l
        .diagnostics
        .iter()
        .find(|d| d.kind == ProblemKind::TypeMismatch)
        .expect("a type problem");
    assert_eq!((d.line, d.column.as_deref()), (35_002, Some("Created")));
    assert_eq!(t.columns[1].display(35_000), "soon");
    assert_eq!(
        t.columns[1].value(35_000),
        accord::ingest::values::Value::Missing
    );
}

/// Every column as bytes (the form one engine hands a column to another in), to compare two
/// tables whole: codes, values, formats, originals.
fn encoded(l: &Loaded) -> Vec<Vec<u8>> {
    l.table
        .columns
        .iter()
        .map(accord::ingest::wire::column_bytes)
        .collect()
}

/// A large file is read by two workers at once, each building and typing its share of the
/// columns (`ingest::parts`). Whatever the file holds and however it is cut into chunks, the
/// table and every problem reported must be what one reader gives: the same cells, types,
/// codes and originals, the same lines, kinds and counts.
#[test]
fn a_file_read_in_parts_gives_what_one_reader_gives() {
    let rows = 20_000usize;
    let mut text = String::from("Email,Created,Employees,Stage,Score,Opt in,Revenue,Note,City\n");
    for r in 0..rows {
        let email = format!("lead{r}@firm{}.com", r % 89);
        let created = match r {
            3_000 => "soon".to_string(),
            r if r % 1_000 == 7 => format!("{}/{}/2025", 1 + r % 12, 1 + r % 28),
            _ => format!(
                "2025-{:02}-{:02} {:02}:{:02}",
                1 + r % 12,
                1 + r % 28,
                r % 24,
                r % 60
            ),
        };
        let employees = ["1-10", "11-50", "51-200", "201-500", "1000+"][r % 5];
        let stage = ["lead", "mql", "sql", "won"][r % 4];
        let score = if r % 977 == 0 {
            "n/a".to_string()
        } else {
            format!("{}", r % 100)
        };
        let opt = ["yes", "no", ""][r % 3];
        let revenue = format!("{:.2}", (r % 1000) as f64 * 12.5);
        let note = if r % 10 == 0 {
            format!("\"note, {r}\"")
        } else {
            String::new()
        };
        let city = ["Paris", "Lyon", "=1+2", "  Nantes "][r % 4];
        match r {
            // A short row (kept), a broken one (left out), a blank line, a huge cell: before
            // and after the columns are shared out between the parts.
            500 | 15_000 => {
                text.push_str(&format!("{email},{created},{employees},{stage},{score}\n"))
            }
            600 | 16_000 => text.push_str("a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q,r,s\n"),
            700 => text.push('\n'),
            800 => text.push_str(&format!(
                "{email},{created},{employees},{stage},{score},{opt},{revenue},{},{city}\n",
                "x".repeat((1 << 20) + 10)
            )),
            // After the split: a huge cell in every column, so in every part's (over two rows:
            // a record over 8 MiB is given up).
            17_000 | 17_001 => {
                let huge = "y".repeat((1 << 20) + 3);
                let cells: Vec<&str> = (0..9)
                    .map(|c| {
                        if (c < 5) == (r == 17_000) {
                            huge.as_str()
                        } else {
                            "z"
                        }
                    })
                    .collect();
                text.push_str(&cells.join(","));
                text.push('\n');
            }
            _ => text.push_str(&format!(
                "{email},{created},{employees},{stage},{score},{opt},{revenue},{note},{city}\n"
            )),
        }
    }
    let bytes = text.as_bytes();
    let one = load(bytes);
    assert!(one.table.rows > 19_000);
    assert!(
        one.problems.len() >= 4,
        "the file has problems of several kinds: {:?}",
        one.problems
    );
    let want = encoded(&one);
    for (count, chunk, as_bytes) in [(2, 1 << 20, true), (2, 65_537, false), (3, 300_007, true)] {
        let o = Options {
            size: Some(bytes.len() as u64),
            ..opts("en", None)
        };
        let parts = accord::ingest::parts::read_in_parts(bytes, &o, count, chunk, as_bytes)
            .expect("read in parts");
        let what = format!("{count} parts, chunks of {chunk}, as bytes: {as_bytes}");
        assert_eq!(parts.table.rows, one.table.rows, "{what}");
        assert!(encoded(&parts) == want, "columns differ, {what}");
        assert_eq!(parts.diagnostics, one.diagnostics, "{what}");
        assert_eq!(parts.problems, one.problems, "{what}");
        assert_eq!(parts.skipped_rows, one.skipped_rows, "{what}");
        // The column of addresses comes with its domains, worked out by the part that typed
        // it (and handed over with it): what the scorer would have worked out itself.
        let (_, dict) = parts.table.columns[0].codes_and_dict().expect("text");
        let ahead = parts.table.columns[0].domains.as_deref().expect("domains");
        let own = Domains::of(dict);
        assert_eq!(
            (&ahead.of_code, &ahead.role),
            (&own.of_code, &own.role),
            "{what}"
        );
        assert!(ahead.names.iter().eq(own.names.iter()), "{what}");
        assert!(ahead.names.iter().any(|d| d == "firm7.com"), "{what}");
        assert!(
            parts.table.columns[1..].iter().all(|c| c.domains.is_none()),
            "{what}"
        );
    }
}

/// Domains handed over with a column must fit it: one per distinct value, each a known
/// domain. Otherwise the column is refused, not scored on someone else's domains.
#[test]
fn domains_handed_over_must_fit_their_column() {
    use accord::ingest::wire::{get_column, put_column, Reader, Writer};
    let l = load(b"Email,Stage\na@x.com,mql\ninfo@Y.org,sql\nnobody,mql\n");
    let mut column = l.table.columns[0].clone();
    let (_, dict) = column.codes_and_dict().expect("text");
    let domains = Domains::of(dict);
    assert_eq!(
        (0..4).map(|c| domains.is_role(c)).collect::<Vec<_>>(),
        [false, false, true, false],
        "info@ is a role address"
    );
    let names: Vec<&str> = domains.names.iter().collect();
    assert_eq!(names, ["", "x.com", "y.org"], "lower-cased, one each");
    let read = |column: &accord::table::Column| {
        let mut w = Writer::default();
        put_column(&mut w, column);
        get_column(&mut Reader::new(&w.0))
    };
    column.domains = Some(std::sync::Arc::new(domains.clone()));
    let back = read(&column).expect("fits");
    assert_eq!(back.domains.expect("kept").of_code, domains.of_code);
    let ids = domains.of_code.to_vec();
    let mut short = domains.clone();
    short.of_code = accord::table::Codes::from_vec(ids[..ids.len() - 1].to_vec());
    column.domains = Some(std::sync::Arc::new(short));
    assert!(read(&column).unwrap_err().contains("do not fit"));
    let mut unknown = domains;
    let mut bad = ids;
    bad[1] = 9;
    unknown.of_code = accord::table::Codes::from_vec(bad);
    column.domains = Some(std::sync::Arc::new(unknown));
    assert!(read(&column)
        .unwrap_err()
        .contains("a code past its values"));
}

/// The parts really share the work: each types some of the columns, and a piece that does not
/// fit (another file's, cut short, or a column twice) is refused with a reason, not adopted.
#[test]
fn parts_share_the_columns_and_refuse_pieces_that_do_not_fit() {
    let text: String = std::iter::once("Email,Company,Stage,Score\n".to_string())
        .chain((0..5_000).map(|r| {
            format!(
                "a{r}@x{r}.com,Firm {r},{},{}\n",
                ["mql", "sql"][r % 2],
                r % 50
            )
        }))
        .collect();
    let read = |index: usize, text: &str| {
        let mut i = ingest::Ingest::new(Options {
            part: Some(accord::table::Part { index, count: 2 }),
            ..opts("en", None)
        });
        i.push(text.as_bytes()).expect("push");
        i.finish_part().expect("finish")
    };
    let (first, second) = (read(0, &text), read(1, &text));
    assert!(
        first.missing() > 0 && first.missing() < 4,
        "part 0 types some, not all"
    );
    let share = second.into_share();
    assert_eq!(
        share.columns.len(),
        first.missing(),
        "part 1 types the rest"
    );
    let pieces: Vec<Vec<u8>> = share.into_pieces().collect();

    // Cut short, or from a file with other rows: refused.
    let mut p = read(0, &text);
    let last = pieces.last().expect("a column piece");
    let err = p
        .adopt_piece(&last[..last.len() / 2])
        .expect_err("a cut piece");
    assert!(err.to_string().contains("ends early"), "{err}");
    let shorter: String = text.lines().take(4_000).map(|l| format!("{l}\n")).collect();
    let mut p = read(0, &shorter);
    assert!(p.adopt_piece(&pieces[0]).is_err(), "another file's rows");
    // The same column twice: refused; a missing one: the table is not made.
    let mut p = read(0, &text);
    p.adopt_piece(&pieces[0]).expect("head");
    p.adopt_piece(&pieces[1]).expect("a column");
    assert!(p
        .adopt_piece(&pieces[1])
        .unwrap_err()
        .to_string()
        .contains("twice"));
    if pieces.len() > 2 {
        assert!(p.complete().unwrap_err().to_string().contains("never came"));
    }
    // All of them: the table one reader makes.
    let mut p = read(0, &text);
    for piece in &pieces {
        p.adopt_piece(piece).expect("adopt");
    }
    let whole = p.complete().expect("complete");
    assert!(encoded(&whole) == encoded(&load(text.as_bytes())));
}
