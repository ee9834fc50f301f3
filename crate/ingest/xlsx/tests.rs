//! Tests build small workbooks by hand: a ZIP writer (STORED or DEFLATE entries, optionally
//! with data descriptors or ZIP64 records) and the handful of XML parts a workbook needs.

use super::zip::Budget;
use super::*;

// ---------------------------------------------------------------------------------------------
// A minimal ZIP writer

#[derive(Clone, Copy, PartialEq)]
enum Method {
    Stored,
    Deflate,
    /// DEFLATE with sizes and CRC in a data descriptor after the data, as streaming writers do.
    DeflateDescriptor,
    /// STORED with ZIP64 extra fields and end records.
    Zip64,
    /// DEFLATE, with the compressed data of sheet parts cut in half (sizes adjusted).
    TruncatedSheets,
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn put16(v: &mut Vec<u8>, x: u16) {
    v.extend_from_slice(&x.to_le_bytes());
}
fn put32(v: &mut Vec<u8>, x: u32) {
    v.extend_from_slice(&x.to_le_bytes());
}
fn put64(v: &mut Vec<u8>, x: u64) {
    v.extend_from_slice(&x.to_le_bytes());
}

fn zip(files: &[(&str, &[u8])], method: Method) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    let zip64 = method == Method::Zip64;
    for (name, data) in files {
        let crc = crc32(data);
        let (code, body) = match method {
            Method::Stored | Method::Zip64 => (0u16, data.to_vec()),
            Method::Deflate | Method::DeflateDescriptor => {
                (8, miniz_oxide::deflate::compress_to_vec(data, 6))
            }
            Method::TruncatedSheets => {
                let mut body = miniz_oxide::deflate::compress_to_vec(data, 6);
                if name.starts_with("xl/worksheets/") {
                    body.truncate(body.len() / 2);
                }
                (8, body)
            }
        };
        let flags = if method == Method::DeflateDescriptor {
            8u16
        } else {
            0
        };
        let offset = out.len() as u64;
        let version = if zip64 { 45 } else { 20 };
        // Local header.
        put32(&mut out, 0x0403_4b50);
        put16(&mut out, version);
        put16(&mut out, flags);
        put16(&mut out, code);
        put16(&mut out, 0);
        put16(&mut out, 0x5821);
        let described = method == Method::DeflateDescriptor;
        put32(&mut out, if described { 0 } else { crc });
        if zip64 {
            put32(&mut out, 0xFFFF_FFFF);
            put32(&mut out, 0xFFFF_FFFF);
        } else {
            put32(&mut out, if described { 0 } else { body.len() as u32 });
            put32(&mut out, if described { 0 } else { data.len() as u32 });
        }
        put16(&mut out, name.len() as u16);
        put16(&mut out, if zip64 { 20 } else { 0 });
        out.extend_from_slice(name.as_bytes());
        if zip64 {
            put16(&mut out, 1);
            put16(&mut out, 16);
            put64(&mut out, data.len() as u64);
            put64(&mut out, body.len() as u64);
        }
        out.extend_from_slice(&body);
        if described {
            put32(&mut out, 0x0807_4b50);
            put32(&mut out, crc);
            put32(&mut out, body.len() as u32);
            put32(&mut out, data.len() as u32);
        }
        // Central record.
        put32(&mut central, 0x0201_4b50);
        put16(&mut central, version);
        put16(&mut central, version);
        put16(&mut central, flags);
        put16(&mut central, code);
        put16(&mut central, 0);
        put16(&mut central, 0x5821);
        put32(&mut central, crc);
        if zip64 {
            put32(&mut central, 0xFFFF_FFFF);
            put32(&mut central, 0xFFFF_FFFF);
        } else {
            put32(&mut central, body.len() as u32);
            put32(&mut central, data.len() as u32);
        }
        put16(&mut central, name.len() as u16);
        put16(&mut central, if zip64 { 28 } else { 0 });
        put16(&mut central, 0);
        put16(&mut central, 0);
        put16(&mut central, 0);
        put32(&mut central, 0);
        put32(
            &mut central,
            if zip64 { 0xFFFF_FFFF } else { offset as u32 },
        );
        central.extend_from_slice(name.as_bytes());
        if zip64 {
            put16(&mut central, 1);
            put16(&mut central, 24);
            put64(&mut central, data.len() as u64);
            put64(&mut central, body.len() as u64);
            put64(&mut central, offset);
        }
    }
    let cd_offset = out.len() as u64;
    let cd_size = central.len() as u64;
    out.extend_from_slice(&central);
    if zip64 {
        let rec = out.len() as u64;
        put32(&mut out, 0x0606_4b50);
        put64(&mut out, 44);
        put16(&mut out, 45);
        put16(&mut out, 45);
        put32(&mut out, 0);
        put32(&mut out, 0);
        put64(&mut out, files.len() as u64);
        put64(&mut out, files.len() as u64);
        put64(&mut out, cd_size);
        put64(&mut out, cd_offset);
        put32(&mut out, 0x0706_4b50);
        put32(&mut out, 0);
        put64(&mut out, rec);
        put32(&mut out, 1);
    }
    put32(&mut out, 0x0605_4b50);
    put16(&mut out, 0);
    put16(&mut out, 0);
    if zip64 {
        put16(&mut out, 0xFFFF);
        put16(&mut out, 0xFFFF);
        put32(&mut out, 0xFFFF_FFFF);
        put32(&mut out, 0xFFFF_FFFF);
    } else {
        put16(&mut out, files.len() as u16);
        put16(&mut out, files.len() as u16);
        put32(&mut out, cd_size as u32);
        put32(&mut out, cd_offset as u32);
    }
    put16(&mut out, 0);
    out
}

// ---------------------------------------------------------------------------------------------
// Workbook parts

const NS: &str = r#"xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

fn sheet_xml(rows: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet {NS}><dimension ref="A1:C3"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetData>{rows}</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>"#
    )
}

fn sst_xml(items: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst {NS} count="9" uniqueCount="9">{items}</sst>"#
    )
}

/// Cell styles: 0 General, 1 built-in date (14), 2 custom "dd/mm/yyyy hh:mm", 3 "0.00",
/// 4 built-in time (21), 5 custom "[h]:mm:ss".
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy\ hh:mm"/><numFmt numFmtId="165" formatCode="[h]:mm:ss"/></numFmts>
<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>
<cellStyleXfs count="1"><xf numFmtId="14" fontId="0"/></cellStyleXfs>
<cellXfs count="6"><xf numFmtId="0" fontId="0" xfId="0"/><xf numFmtId="14" fontId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" xfId="0" applyNumberFormat="1"/><xf numFmtId="2" xfId="0"/><xf numFmtId="21" xfId="0"><alignment horizontal="left"/></xf><xf numFmtId="165" xfId="0"/></cellXfs>
<dxfs count="1"><dxf><numFmt numFmtId="2" formatCode="yyyy"/></dxf></dxfs>
</styleSheet>"#;

struct Book<'a> {
    /// (name, sheet XML); stored under unusual part names in reverse relationship order, so
    /// that nothing can work by assuming `sheet1.xml`.
    sheets: Vec<(&'a str, String)>,
    shared: Option<String>,
    styles: Option<&'a str>,
    date1904: bool,
}

impl<'a> Book<'a> {
    fn new(sheets: Vec<(&'a str, String)>) -> Self {
        Book {
            sheets,
            shared: None,
            styles: Some(STYLES),
            date1904: false,
        }
    }

    fn parts(&self) -> Vec<(String, Vec<u8>)> {
        let n = self.sheets.len();
        let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
        parts.push((
            "[Content_Types].xml".into(),
            br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#.to_vec(),
        ));
        parts.push((
            "_rels/.rels".into(),
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#).into_bytes(),
        ));
        let mut sheets = String::new();
        let mut rels = String::new();
        for (i, (name, xml)) in self.sheets.iter().enumerate() {
            let id = n - i; // reverse order
            sheets.push_str(&format!(
                r#"<sheet name="{name}" sheetId="{}" r:id="rId{id}"/>"#,
                i + 1
            ));
            rels.push_str(&format!(
                r#"<Relationship Id="rId{id}" Type="{REL}/worksheet" Target="worksheets/data_{}.xml"/>"#,
                i + 7
            ));
            parts.push((
                format!("xl/worksheets/data_{}.xml", i + 7),
                xml.clone().into_bytes(),
            ));
        }
        if let Some(s) = &self.shared {
            rels.push_str(&format!(
                r#"<Relationship Id="rId90" Type="{REL}/sharedStrings" Target="/xl/strings.xml"/>"#
            ));
            parts.push(("xl/strings.xml".into(), s.clone().into_bytes()));
        }
        if let Some(s) = self.styles {
            rels.push_str(&format!(
                r#"<Relationship Id="rId91" Type="{REL}/styles" Target="styles.xml"/>"#
            ));
            parts.push(("xl/styles.xml".into(), s.as_bytes().to_vec()));
        }
        let pr = if self.date1904 {
            r#"<workbookPr date1904="1"/>"#
        } else {
            r#"<workbookPr defaultThemeVersion="124226"/>"#
        };
        parts.push((
            "xl/workbook.xml".into(),
            format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook {NS}>{pr}<bookViews><workbookView/></bookViews><sheets>{sheets}</sheets><calcPr calcId="145621"/></workbook>"#).into_bytes(),
        ));
        parts.push((
            "xl/_rels/workbook.xml.rels".into(),
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#).into_bytes(),
        ));
        parts
    }

    fn build(&self, method: Method) -> Vec<u8> {
        let parts = self.parts();
        let refs: Vec<(&str, &[u8])> = parts
            .iter()
            .map(|(n, d)| (n.as_str(), d.as_slice()))
            .collect();
        zip(&refs, method)
    }
}

type Rows = Vec<(u32, Vec<String>)>;

fn read(bytes: &[u8], choice: SheetChoice) -> Result<(String, Rows), XlsxError> {
    let mut rows = Vec::new();
    let name = read_sheet(bytes, choice, &mut |n, cells| {
        rows.push((n, cells.to_vec()))
    })?;
    Ok((name, rows))
}

fn row(n: u32, cells: &[&str]) -> (u32, Vec<String>) {
    (n, cells.iter().map(|s| s.to_string()).collect())
}

const ALL_METHODS: [Method; 4] = [
    Method::Stored,
    Method::Deflate,
    Method::DeflateDescriptor,
    Method::Zip64,
];

// ---------------------------------------------------------------------------------------------
// Cell values

#[test]
fn shared_strings_with_rich_text_phonetics_and_escapes() {
    let mut book = Book::new(vec![(
        "Leads",
        sheet_xml(
            r#"<row r="1" spans="1:3"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>
<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" t="s"><v> 4 </v></c><c r="C2" t="s"><v>5</v></c><c r="D2" t="s"><v>6</v></c></row>"#,
        ),
    )]);
    book.shared = Some(sst_xml(
        r#"<si><t>Email</t></si><si><r><rPr><b/></rPr><t>Lead</t></r><r><t xml:space="preserve"> Score</t></r></si><si><t/></si>
<si><t>Smith &amp; Sons &lt;UK&gt; &#233;&#x20AC; &bogus;</t></si><si><t>line1_x000D_
line2</t></si><si><r><t>東京</t></r><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si><si><t xml:space="preserve">  padded  </t></si>"#,
    ));
    for method in ALL_METHODS {
        let (name, rows) = read(&book.build(method), SheetChoice::First).unwrap();
        assert_eq!(name, "Leads");
        assert_eq!(
            rows,
            vec![
                row(1, &["Email", "Lead Score"]),
                row(
                    2,
                    &[
                        "Smith & Sons <UK> é€ &bogus;",
                        "line1\r\nline2",
                        "東京",
                        "  padded  "
                    ]
                ),
            ]
        );
    }
}

#[test]
fn inline_strings_numbers_booleans_errors_and_formulas() {
    let book = Book::new(vec![(
        "Sheet1",
        sheet_xml(
            r#"<row r="1"><c r="A1" t="inlineStr"><is><t>Acme_x000D_Corp</t></is></c><c r="B1" t="inlineStr"><is><r><t>Rich</t></r><r><t xml:space="preserve"> run</t></r></is></c><c r="C1"><is><t>no type</t></is></c></row>
<row r="2"><c r="A2"><v>350</v></c><c r="B2" s="3"><v>0.25</v></c><c r="C2" t="n"><v>1234.5</v></c><c r="D2"><v>4.0000000000000001E-3</v></c><c r="E2"><v>-0</v></c><c r="F2"><v>1E+21</v></c></row>
<row r="3"><c r="A3" t="b"><v>1</v></c><c r="B3" t="b"><v>0</v></c><c r="C3" t="e"><v>#N/A</v></c><c r="D3" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>
<row r="4"><c r="A4" t="str"><f>CONCAT("a","b")</f><v>ab</v></c><c r="B4"><f>1+1</f><v>2</v></c><c r="C4" t="str"><f>""</f><v></v></c><c r="D4" t="d"><v>2024-03-01T10:30:00Z</v></c><c r="E4" t="d"><v>2024-03-01T00:00:00</v></c></row>"#,
        ),
    )]);
    let (_, rows) = read(&book.build(Method::Deflate), SheetChoice::First).unwrap();
    assert_eq!(
        rows,
        vec![
            row(1, &["Acme\rCorp", "Rich run", "no type"]),
            row(2, &["350", "0.25", "1234.5", "0.004", "0", "1e21"]),
            row(3, &["TRUE", "FALSE", "#N/A", "#DIV/0!"]),
            row(4, &["ab", "2", "", "2024-03-01 10:30:00", "2024-03-01"]),
        ]
    );
}

#[test]
fn dates_from_builtin_and_custom_formats() {
    let rows_xml = r#"<row r="1"><c r="A1" s="1"><v>45000</v></c><c r="B1" s="2"><v>45000.75</v></c><c r="C1" s="1"><v>60</v></c><c r="D1" s="4"><v>0.5</v></c><c r="E1" s="5"><v>1.5</v></c><c r="F1" s="1"><v>-5</v></c><c r="G1" s="99"><v>45000</v></c><c r="H1" s="1" t="s"><v>0</v></c></row>"#;
    let mut book = Book::new(vec![("Dates", sheet_xml(rows_xml))]);
    book.shared = Some(sst_xml("<si><t>45000</t></si>"));
    let (_, rows) = read(&book.build(Method::Stored), SheetChoice::First).unwrap();
    assert_eq!(
        rows,
        vec![row(
            1,
            &[
                "2023-03-15",
                "2023-03-15 18:00",
                "1900-02-29",
                "12:00:00",
                "36:00:00",
                "-5",
                "45000",
                "45000"
            ]
        )]
    );

    // The same serials in the 1904 date system are 1462 days later.
    book.date1904 = true;
    let (_, rows) = read(&book.build(Method::Deflate), SheetChoice::First).unwrap();
    assert_eq!(rows[0].1[0], "2027-03-16");
    assert_eq!(rows[0].1[1], "2027-03-16 18:00");
    assert_eq!(rows[0].1[2], "1904-03-01");
}

#[test]
fn gaps_missing_refs_and_empty_rows() {
    let book = Book::new(vec![(
        "S",
        sheet_xml(
            r#"<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="C1"><v>3</v></c><c r="D1" s="1"/><c r="E1"><v></v></c></row>
<row r="2" spans="1:3"/>
<row r="3"><c r="A3" s="2"/></row>
<row><c><v>1</v></c><c><v>2</v></c><c r="E4"><v>5</v></c><c><v>6</v></c></row>
<row r="9"><c r="B9"><v>2</v></c><c r="A9"><v>1</v></c></row>
<row><c r="C10"><v>7</v></c></row>
<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#,
        ),
    )]);
    let (_, rows) = read(&book.build(Method::Stored), SheetChoice::First).unwrap();
    assert_eq!(rows[0], row(1, &["a", "", "3"]));
    assert_eq!(rows[1], row(4, &["1", "2", "", "", "5", "6"]));
    assert_eq!(rows[2], row(9, &["1", "2"]));
    assert_eq!(rows[3], row(10, &["", "", "7"]));
    assert_eq!(rows[4].0, 1_048_576);
    assert_eq!(rows[4].1.len(), MAX_COLUMNS);
    assert_eq!(rows[4].1[MAX_COLUMNS - 1], "1");
    assert_eq!(rows.len(), 5);
}

#[test]
fn namespace_prefixes_and_utf16_parts() {
    let xml = r#"<?xml version="1.0" encoding="UTF-16"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Zoë</x:t></x:is></x:c><x:c r="B1"><x:v>2</x:v></x:c></x:row></x:sheetData></x:worksheet>"#;
    let mut utf16 = vec![0xFF, 0xFE];
    for u in xml.encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    let book = Book::new(vec![("S", String::new())]);
    let mut parts = book.parts();
    for (name, data) in &mut parts {
        if name.starts_with("xl/worksheets/") {
            *data = utf16.clone();
        }
    }
    let refs: Vec<(&str, &[u8])> = parts
        .iter()
        .map(|(n, d)| (n.as_str(), d.as_slice()))
        .collect();
    let (_, rows) = read(&zip(&refs, Method::Deflate), SheetChoice::First).unwrap();
    assert_eq!(rows, vec![row(1, &["Zoë", "2"])]);
}

// ---------------------------------------------------------------------------------------------
// Sheets

fn two_sheets() -> Vec<u8> {
    Book::new(vec![
        (
            "Leads",
            sheet_xml(r#"<row r="1"><c r="A1" t="inlineStr"><is><t>lead</t></is></c></row>"#),
        ),
        (
            "Deals &amp; Won",
            sheet_xml(r#"<row r="2"><c r="B2" t="inlineStr"><is><t>deal</t></is></c></row>"#),
        ),
    ])
    .build(Method::Deflate)
}

#[test]
fn sheets_by_position_and_name() {
    let bytes = two_sheets();
    assert_eq!(sheet_names(&bytes).unwrap(), vec!["Leads", "Deals & Won"]);
    let (name, rows) = read(&bytes, SheetChoice::First).unwrap();
    assert_eq!((name.as_str(), rows), ("Leads", vec![row(1, &["lead"])]));
    let (name, rows) = read(&bytes, SheetChoice::Index(1)).unwrap();
    assert_eq!(
        (name.as_str(), rows),
        ("Deals & Won", vec![row(2, &["", "deal"])])
    );
    let (name, _) = read(&bytes, SheetChoice::Name("Deals & Won")).unwrap();
    assert_eq!(name, "Deals & Won");
    let (name, _) = read(&bytes, SheetChoice::Name(" leads ")).unwrap();
    assert_eq!(name, "Leads");

    let err = read(&bytes, SheetChoice::Name("Contacts")).unwrap_err();
    assert_eq!(
        err,
        XlsxError::NoSuchSheet {
            asked: "Contacts".into(),
            available: vec!["Leads".into(), "Deals & Won".into()],
        }
    );
    let text = err.to_string();
    assert!(text.contains("Contacts") && text.contains("Leads") && text.contains("Deals & Won"));
    let err = read(&bytes, SheetChoice::Index(2)).unwrap_err();
    assert!(matches!(err, XlsxError::NoSuchSheet { ref asked, .. } if asked == "#3"));
    assert!(matches!(
        read(&bytes, SheetChoice::Index(usize::MAX)),
        Err(XlsxError::NoSuchSheet { .. })
    ));
}

#[test]
fn chart_sheets_are_not_listed_and_empty_workbooks_say_so() {
    let book = Book::new(vec![("Data", sheet_xml(""))]);
    let mut parts = book.parts();
    for (name, data) in &mut parts {
        if name == "xl/workbook.xml" {
            let s = String::from_utf8(data.clone()).unwrap().replace(
                "<sheets>",
                r#"<sheets><sheet name="Chart1" sheetId="9" r:id="rId50"/>"#,
            );
            *data = s.into_bytes();
        }
        if name == "xl/_rels/workbook.xml.rels" {
            let s = String::from_utf8(data.clone()).unwrap().replace(
                "</Relationships>",
                &format!(r#"<Relationship Id="rId50" Type="{REL}/chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>"#),
            );
            *data = s.into_bytes();
        }
    }
    let refs: Vec<(&str, &[u8])> = parts
        .iter()
        .map(|(n, d)| (n.as_str(), d.as_slice()))
        .collect();
    let bytes = zip(&refs, Method::Stored);
    assert_eq!(sheet_names(&bytes).unwrap(), vec!["Data"]);
    let (name, rows) = read(&bytes, SheetChoice::First).unwrap();
    assert_eq!(name, "Data");
    assert!(rows.is_empty());

    // A self-closing shared-string table is an empty one.
    let mut book = Book::new(vec![(
        "Data",
        sheet_xml(r#"<row r="1"><c r="A1"><v>1</v></c></row>"#),
    )]);
    book.shared = Some(format!("<sst {NS}/>"));
    let (_, rows) = read(&book.build(Method::Deflate), SheetChoice::First).unwrap();
    assert_eq!(rows, vec![row(1, &["1"])]);

    let empty = Book::new(vec![]).build(Method::Stored);
    assert_eq!(sheet_names(&empty).unwrap(), Vec::<String>::new());
    let err = read(&empty, SheetChoice::First).unwrap_err();
    assert!(err.to_string().contains("no worksheets"));
}

#[test]
fn workbooks_without_relationship_parts_fall_back_to_usual_names() {
    let sheet = sheet_xml(r#"<row r="1"><c r="A1"><v>1</v></c></row>"#);
    let wb = format!(
        r#"<workbook {NS}><sheets><sheet name="Only" sheetId="1" r:id="rId1"/></sheets></workbook>"#
    );
    let bytes = zip(
        &[
            ("xl/workbook.xml", wb.as_bytes()),
            ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
        ],
        Method::Deflate,
    );
    let (name, rows) = read(&bytes, SheetChoice::Name("Only")).unwrap();
    assert_eq!(name, "Only");
    assert_eq!(rows, vec![row(1, &["1"])]);
}

// ---------------------------------------------------------------------------------------------
// Bad input

#[test]
fn not_a_workbook_not_a_zip_and_encrypted() {
    let docx = zip(
        &[("word/document.xml", b"<w:document/>".as_slice())],
        Method::Deflate,
    );
    assert_eq!(sheet_names(&docx).unwrap_err(), XlsxError::NotAWorkbook);
    assert_eq!(
        read(&docx, SheetChoice::First).unwrap_err(),
        XlsxError::NotAWorkbook
    );
    assert_eq!(
        sheet_names(b"Email,Score\na@b.c,3\n").unwrap_err(),
        XlsxError::NotAZip
    );
    assert_eq!(sheet_names(b"").unwrap_err(), XlsxError::NotAZip);

    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(1024, 0);
    assert_eq!(sheet_names(&ole).unwrap_err(), XlsxError::NotAZip);
    for u in "EncryptedPackage".encode_utf16() {
        ole.extend_from_slice(&u.to_le_bytes());
    }
    ole.resize(2048, 0);
    assert_eq!(sheet_names(&ole).unwrap_err(), XlsxError::Encrypted);
    for e in [
        XlsxError::NotAZip,
        XlsxError::NotAWorkbook,
        XlsxError::Encrypted,
        XlsxError::Corrupt("x".into()),
        XlsxError::TooLarge("x".into()),
    ] {
        assert!(e.to_string().len() > 40);
    }
}

#[test]
fn truncated_files_are_corrupt() {
    let bytes = two_sheets();
    for cut in [bytes.len() - 1, bytes.len() - 30, bytes.len() / 2, 100, 31] {
        let err = sheet_names(&bytes[..cut]).unwrap_err();
        assert!(
            matches!(err, XlsxError::Corrupt(_)),
            "cut at {cut}: {err:?}"
        );
    }
    // A deflate stream cut short inside an otherwise intact archive.
    let sheet = sheet_xml(&"<row><c><v>1</v></c></row>".repeat(2000));
    let bytes = Book::new(vec![("S", sheet)]).build(Method::TruncatedSheets);
    assert_eq!(sheet_names(&bytes).unwrap(), vec!["S"]);
    let err = read(&bytes, SheetChoice::First).unwrap_err();
    assert!(
        matches!(err, XlsxError::Corrupt(ref t) if t.contains("ends too early")),
        "{err:?}"
    );
}

#[test]
fn zip_bombs_stop_with_too_large() {
    let rows = "<row><c><v>1</v></c></row>".repeat(100_000);
    let book = Book::new(vec![("Big", sheet_xml(&rows))]);
    let bytes = book.build(Method::Deflate);
    assert!(bytes.len() < 100_000);
    let mut count = 0;
    let err = read_sheet_with(
        &bytes,
        SheetChoice::First,
        &mut |_, _| count += 1,
        Budget::with_limits(1 << 20, 1 << 30),
    )
    .unwrap_err();
    assert!(
        matches!(err, XlsxError::TooLarge(ref t) if t.contains("1 MiB")),
        "{err:?}"
    );
    let err = read_sheet_with(
        &bytes,
        SheetChoice::First,
        &mut |_, _| count += 1,
        Budget::with_limits(1 << 30, 1 << 20),
    )
    .unwrap_err();
    assert!(
        matches!(err, XlsxError::TooLarge(ref t) if t.contains("in total")),
        "{err:?}"
    );
    assert_eq!(count, 0);
    assert!(err.to_string().contains("too large"));
    // With room enough, it reads.
    read_sheet_with(
        &bytes,
        SheetChoice::First,
        &mut |_, _| count += 1,
        Budget::with_limits(4 << 20, 8 << 20),
    )
    .unwrap();
    assert_eq!(count, 100_000);
}

#[test]
fn hostile_xml_is_refused_or_read_without_expansion() {
    let cases = [
        // Entity definitions are not expanded.
        r#"<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]><worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t></is></c></row></sheetData></worksheet>"#.to_string(),
        // Deep nesting.
        format!("<worksheet><sheetData>{}</sheetData></worksheet>", "<row>".repeat(50_000)),
        "<worksheet><sheetData><row r=\"1\"><c r=\"ZZZZZZZZZZZZ1\"><v>1</v></c></row></sheetData></worksheet>".to_string(),
        "<worksheet><sheetData><row r=\"99999999999999\"><c r=\"A0\" s=\"-1\" t=\"s\"><v>99999999999999999999</v></c></row></sheetData></worksheet>".to_string(),
        "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>".to_string(),
        "<worksheet><sheetData><row><c><v>&#0;&#xD800;&#99999999;</v></c></row></sheetData></worksheet>".to_string(),
        "<worksheet><sheetData><row><c><v>1</v></c></wrong></sheetData></worksheet>".to_string(),
        "\u{0}\u{1}<<<>>>&&&".to_string(),
    ];
    let mut outcomes = Vec::new();
    for xml in &cases {
        let bytes = Book::new(vec![("S", xml.clone())]).build(Method::Deflate);
        let mut rows = Vec::new();
        let r = read_sheet(&bytes, SheetChoice::First, &mut |n, c| {
            rows.push((n, c.to_vec()))
        });
        outcomes.push((r.is_ok(), rows));
    }
    assert_eq!(outcomes[0].1, vec![row(1, &["&b;"])]);
    assert!(outcomes[1].1.is_empty());
    assert!(!outcomes[2].0, "a column past XFD is refused");
    assert!(
        !outcomes[3].0,
        "a shared string that does not exist is refused"
    );
    assert!(!outcomes[4].0, "a sheet cut short is refused");
    assert_eq!(outcomes[5].1, vec![row(1, &["\u{FFFD}\u{FFFD}\u{FFFD}"])]);
    assert!(!outcomes[6].0);
}

/// A deterministic xorshift generator for the fuzz-style tests.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn random_bytes_give_errors_not_panics() {
    let mut rng = Rng(0x1234_5678_9ABC_DEF1);
    for len in [0usize, 1, 4, 21, 22, 23, 100, 1000, 70_000] {
        for _ in 0..20 {
            let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
            assert!(sheet_names(&bytes).is_err());
            assert!(read(&bytes, SheetChoice::First).is_err());
        }
    }
}

#[test]
fn damaged_workbooks_never_panic() {
    let mut book = Book::new(vec![
        (
            "Leads",
            sheet_xml(
                r#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>45000</v></c><c r="C1" s="2"><v>45000.5</v></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c><c r="B2" t="b"><v>1</v></c></row>"#,
            ),
        ),
        ("Two", sheet_xml("")),
    ]);
    book.shared = Some(sst_xml("<si><t>Email</t></si>"));
    let mut rng = Rng(0xDEAD_BEEF_CAFE_F00D);
    for method in ALL_METHODS {
        let good = book.build(method);
        assert!(read(&good, SheetChoice::First).is_ok());
        // Every truncation length.
        for cut in 0..good.len() {
            let _ = read(&good[..cut], SheetChoice::First);
        }
        // Random byte flips, one to eight at a time.
        for _ in 0..1000 {
            let mut bad = good.clone();
            for _ in 0..=(rng.next() % 8) {
                let at = (rng.next() as usize) % bad.len();
                bad[at] = rng.next() as u8;
            }
            let _ = sheet_names(&bad);
            let _ = read(&bad, SheetChoice::Index(1));
            let _ = read(&bad, SheetChoice::First);
        }
    }
}

#[test]
fn prepended_bytes_and_case_insensitive_part_names() {
    let book = Book::new(vec![(
        "S",
        sheet_xml(r#"<row r="1"><c r="A1"><v>1</v></c></row>"#),
    )]);
    let mut parts = book.parts();
    for (name, _) in &mut parts {
        if name == "xl/workbook.xml" {
            *name = "XL/Workbook.xml".into();
        }
    }
    let refs: Vec<(&str, &[u8])> = parts
        .iter()
        .map(|(n, d)| (n.as_str(), d.as_slice()))
        .collect();
    let mut bytes = b"#!stub to be ignored\n".to_vec();
    bytes.extend_from_slice(&zip(&refs, Method::Deflate));
    let (_, rows) = read(&bytes, SheetChoice::First).unwrap();
    assert_eq!(rows, vec![row(1, &["1"])]);
}

#[test]
fn resolve_targets() {
    assert_eq!(
        resolve_target("xl", "worksheets/sheet1.xml"),
        "xl/worksheets/sheet1.xml"
    );
    assert_eq!(
        resolve_target("xl", "/xl/worksheets/sheet1.xml"),
        "xl/worksheets/sheet1.xml"
    );
    assert_eq!(resolve_target("xl/sub", "../styles.xml"), "xl/styles.xml");
    assert_eq!(resolve_target("", "./xl/workbook.xml"), "xl/workbook.xml");
    assert_eq!(resolve_target("xl", "../../../x.xml"), "x.xml");
    assert_eq!(column_name(0), "A");
    assert_eq!(column_name(25), "Z");
    assert_eq!(column_name(26), "AA");
    assert_eq!(column_name(16_383), "XFD");
    assert_eq!(parse_ref(b"XFD1048576"), (Some(16_383), Some(1_048_576)));
    assert_eq!(parse_ref(b"c7"), (Some(2), Some(7)));
    assert_eq!(parse_ref(b"7"), (None, Some(7)));
    assert_eq!(parse_ref(b"AAAA1").0, Some(MAX_COLUMNS));
}
