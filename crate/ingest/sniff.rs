//! What kind of file an input is (from its first bytes), and which delimiter a text uses.

/// What a file seems to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// Text in any encoding the reader knows (UTF-8, Windows-1252, UTF-16 with or without BOM).
    Text,
    /// Text whose first non-blank character is `[` or `{`.
    Json,
    /// An Excel workbook (Office Open XML).
    Xlsx,
    /// An OLE2 compound file: Excel 97–2003 (or another legacy Office file).
    Xls,
    /// A ZIP archive that is not an Excel workbook.
    Zip,
    Pdf,
    Png,
    Jpeg,
    Gif,
    Gzip,
    /// Anything else with many control bytes.
    Binary,
}

/// How many leading bytes [`file_kind`] looks at (more may be passed).
pub const SNIFF_WINDOW: usize = 64 * 1024;

const OLE2_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
const PNG_MAGIC: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
const ZIP_LOCAL: &[u8] = b"PK\x03\x04";

/// From the first bytes (the first [`SNIFF_WINDOW`] are looked at) and an optional file name (for
/// the extension).
///
/// Magic numbers decide first (OLE2, ZIP, PDF, PNG, JPEG, GIF, gzip). A ZIP is [`FileKind::Xlsx`]
/// when one of the local file headers in the prefix names an entry under `xl/`, or a stored
/// `[Content_Types].xml` mentions spreadsheetml; when the prefix holds only generic package parts
/// (`[Content_Types].xml`, `_rels/`, `docProps/`, `customXml/`) an `.xlsx`/`.xlsm` name decides;
/// otherwise it is a [`FileKind::Zip`]. Anything else is text unless more than 5% of it is
/// control characters (tab, CR, LF and form feed excepted); UTF-16 (BOM, or NULs in every other
/// byte) is judged on its 16-bit units. Text whose first non-blank character (after any BOM) is
/// `[` or `{` is [`FileKind::Json`], unless the next non-blank character cannot follow it in
/// JSON (so a header like `[Email],[Name]` stays text).
pub fn file_kind(prefix: &[u8], name: Option<&str>) -> FileKind {
    let prefix = prefix.get(..SNIFF_WINDOW).unwrap_or(prefix);
    if prefix.starts_with(&OLE2_MAGIC) {
        return FileKind::Xls;
    }
    if prefix.starts_with(ZIP_LOCAL)
        || prefix.starts_with(b"PK\x05\x06")
        || prefix.starts_with(b"PK\x07\x08")
    {
        return zip_kind(prefix, name);
    }
    if prefix.starts_with(b"%PDF-") {
        return FileKind::Pdf;
    }
    if prefix.starts_with(&PNG_MAGIC) {
        return FileKind::Png;
    }
    if prefix.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return FileKind::Jpeg;
    }
    if prefix.starts_with(b"GIF87a") || prefix.starts_with(b"GIF89a") {
        return FileKind::Gif;
    }
    if prefix.starts_with(&[0x1F, 0x8B]) {
        return FileKind::Gzip;
    }
    text_kind(prefix)
}

fn u16_at(b: &[u8], at: usize) -> Option<usize> {
    let s = b.get(at..at.checked_add(2)?)?;
    Some(usize::from(u16::from_le_bytes([*s.first()?, *s.get(1)?])))
}

fn u32_at(b: &[u8], at: usize) -> Option<usize> {
    let s = b.get(at..at.checked_add(4)?)?;
    let mut w = [0u8; 4];
    w.copy_from_slice(s);
    usize::try_from(u32::from_le_bytes(w)).ok()
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

fn has_extension(name: Option<&str>, exts: &[&str]) -> bool {
    let Some(name) = name else { return false };
    let Some((_, ext)) = name.rsplit_once('.') else {
        return false;
    };
    exts.iter().any(|e| ext.eq_ignore_ascii_case(e))
}

/// Xlsx or plain Zip, from the entry names in the local file headers of the prefix.
fn zip_kind(prefix: &[u8], name: Option<&str>) -> FileKind {
    let mut excel = false;
    let mut content_types = false;
    let mut other = false;
    let mut at = 0usize;
    // Local file header: signature(4) version(2) flags(2) method(2) time(2) date(2) crc(4)
    // compressed size(4) size(4) name length(2) extra length(2), then name, extra, data.
    for _ in 0..10_000 {
        let Some(rest) = prefix.get(at..) else { break };
        if !rest.starts_with(ZIP_LOCAL) {
            // Not where a header should be (sizes unknown, or data descriptors): search for one.
            match find(rest, ZIP_LOCAL) {
                Some(p) => at = at.saturating_add(p),
                None => break,
            }
            continue;
        }
        let (Some(flags), Some(csize), Some(nlen), Some(xlen)) = (
            u16_at(rest, 6),
            u32_at(rest, 18),
            u16_at(rest, 26),
            u16_at(rest, 28),
        ) else {
            break;
        };
        let Some(entry) = rest.get(30..30 + nlen) else {
            break;
        };
        if entry.starts_with(b"xl/") {
            excel = true;
        } else if entry == b"[Content_Types].xml" {
            content_types = true;
        } else if !(entry.starts_with(b"_rels/")
            || entry.starts_with(b"docProps/")
            || entry.starts_with(b"customXml/"))
        {
            other = true;
        }
        let data = 30 + nlen + xlen;
        at = if flags & 0x08 == 0 && csize != 0xFFFF_FFFF {
            at.saturating_add(data).saturating_add(csize)
        } else {
            at.saturating_add(data.max(4))
        };
    }
    if excel || (content_types && find(prefix, b"spreadsheetml").is_some()) {
        return FileKind::Xlsx;
    }
    if !other && has_extension(name, &["xlsx", "xlsm", "xltx", "xltm"]) {
        return FileKind::Xlsx;
    }
    FileKind::Zip
}

/// Text, Json or Binary.
fn text_kind(prefix: &[u8]) -> FileKind {
    if let Some(rest) = prefix.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return bytes_kind(rest);
    }
    if let Some(rest) = prefix.strip_prefix(&[0xFF, 0xFE]) {
        return units_kind(rest, false);
    }
    if let Some(rest) = prefix.strip_prefix(&[0xFE, 0xFF]) {
        return units_kind(rest, true);
    }
    match utf16_from_nuls(prefix) {
        Some(be) => units_kind(prefix, be),
        None => bytes_kind(prefix),
    }
}

/// UTF-16 without BOM (the decoder's test): `Some(big_endian)`.
fn utf16_from_nuls(prefix: &[u8]) -> Option<bool> {
    super::decode::utf16_from_nuls(prefix).map(|e| e == super::decode::Encoding::Utf16Be)
}

fn is_control(c: u32) -> bool {
    (c < 0x20 && !matches!(c, 0x09 | 0x0A | 0x0C | 0x0D)) || c == 0x7F
}

fn is_blank(c: u32) -> bool {
    matches!(c, 0x09 | 0x0A | 0x0C | 0x0D | 0x20 | 0xA0 | 0xFEFF)
}

/// Judge a sequence of code units (bytes or UTF-16 units): Json, Text or Binary.
fn units_judge(units: impl Iterator<Item = u32>) -> FileKind {
    let (mut total, mut controls) = (0usize, 0usize);
    let (mut first, mut second) = (None, None);
    for u in units {
        total += 1;
        if is_control(u) {
            controls += 1;
        }
        if second.is_none() && !is_blank(u) {
            if first.is_none() {
                first = Some(u);
            } else {
                second = Some(u);
            }
        }
    }
    if controls * 20 > total {
        return FileKind::Binary;
    }
    // `[` or `{`, then what JSON allows next (a header such as `[Email],[Name]` is text).
    let json = match (first, second.and_then(char::from_u32)) {
        (Some(0x5B), None) | (Some(0x7B), None) => true,
        (Some(0x5B), Some(c)) => {
            matches!(c, '[' | '{' | '"' | ']' | '-' | '0'..='9' | 't' | 'f' | 'n')
        }
        (Some(0x7B), Some(c)) => matches!(c, '"' | '}'),
        _ => false,
    };
    if json {
        FileKind::Json
    } else {
        FileKind::Text
    }
}

fn bytes_kind(b: &[u8]) -> FileKind {
    units_judge(b.iter().map(|&c| u32::from(c)))
}

fn units_kind(b: &[u8], be: bool) -> FileKind {
    units_judge(b.chunks_exact(2).map(|p| match *p {
        [x, y] if be => u32::from(u16::from_be_bytes([x, y])),
        [x, y] => u32::from(u16::from_le_bytes([x, y])),
        _ => 0,
    }))
}

const EXPORT_HINT: &str =
    "Export your leads as CSV (comma or semicolon) or as an Excel workbook (.xlsx).";

/// For kinds that are not tables, a message that names what the file seems to be and what to
/// do. `None` for Text, Json and Xlsx.
pub fn not_a_table(kind: FileKind) -> Option<String> {
    let what = match kind {
        FileKind::Text | FileKind::Json | FileKind::Xlsx => return None,
        FileKind::Xls => {
            return Some(
                "This looks like an Excel 97–2003 workbook (.xls), which Accord cannot read: \
                 open it in Excel or LibreOffice and save it as .xlsx or CSV. (A password-protected \
                 workbook looks the same: remove the password when you save it.)"
                    .to_string(),
            )
        }
        FileKind::Zip => {
            return Some(
                "This is a ZIP archive, but not an Excel workbook (.xlsx). If your export is \
                 inside it, unzip it and load the CSV or .xlsx file it holds; a LibreOffice (.ods) \
                 or Numbers file must first be saved as .xlsx or CSV."
                    .to_string(),
            )
        }
        FileKind::Gzip => {
            return Some(format!(
                "This is a gzip-compressed file, not a table. If it holds a CSV export, \
                 decompress it and load the CSV. {EXPORT_HINT}"
            ))
        }
        FileKind::Pdf => "This is a PDF document",
        FileKind::Png => "This is a PNG image",
        FileKind::Jpeg => "This is a JPEG image",
        FileKind::Gif => "This is a GIF image",
        FileKind::Binary => {
            return Some(format!(
                "This file is not text (it holds binary data) and not a format Accord can read. \
                 {EXPORT_HINT}"
            ))
        }
    };
    Some(format!("{what}, not a table. {EXPORT_HINT}"))
}

/// Delimiters [`sniff_delimiter`] chooses from, in the order that breaks ties.
pub const DELIMITERS: [u8; 4] = [b'\t', b';', b',', b'|'];

/// How much of a sample is looked at.
const MAX_SAMPLE_BYTES: usize = 256 * 1024;
const MAX_SAMPLE_RECORDS: usize = 1000;

/// The delimiter announced by an Excel `sep=;` first line, with the length of that line
/// (its line break included), so that a reader can skip it.
pub fn sep_hint(sample: &str) -> Option<(u8, usize)> {
    let s = sample.strip_prefix('\u{feff}').unwrap_or(sample);
    let bom = sample.len() - s.len();
    let rest = s.strip_prefix("sep=")?;
    let d = *rest.as_bytes().first()?;
    if !DELIMITERS.contains(&d) {
        return None;
    }
    let after = rest.get(1..)?;
    let eol = if after.starts_with("\r\n") {
        2
    } else if after.starts_with('\n') || after.starts_with('\r') {
        1
    } else if after.is_empty() {
        0
    } else {
        return None;
    };
    Some((d, bom + 4 + 1 + eol))
}

/// The evidence for one candidate delimiter.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Evidence {
    /// Following records with the header's field count (or one more, empty: a trailing delimiter).
    consistent: usize,
    /// Following records with another count (negated so that fewer is better).
    inconsistent_neg: isize,
    /// The delimiter is not mostly followed by a space, as commas and semicolons in prose are.
    not_prose: bool,
    header_fields: usize,
}

/// Choose the delimiter of delimited text from a decoded sample (its first lines; the sample may
/// end mid-record). Candidates: tab, `;`, `,`, `|`. Quote-aware (a delimiter inside "…" does not
/// count; a quoted field may span lines). A candidate must split the header (the first non-blank
/// line) into more than one field; among those, the one whose following records most often have
/// the header's field count wins, then the one with fewer records that do not, then one not
/// mostly followed by spaces (prose), then the one with more header fields; the order tab,
/// semicolon, comma, pipe breaks the remaining ties. A last record cut by the end of the sample
/// counts only if it agrees. An Excel `sep=X` first line decides. A single-column text gives `,`.
pub fn sniff_delimiter(sample: &str) -> u8 {
    if let Some((d, _)) = sep_hint(sample) {
        return d;
    }
    let bytes = sample.as_bytes();
    let bytes = bytes.get(..MAX_SAMPLE_BYTES).unwrap_or(bytes);
    let mut best: Option<(Evidence, u8)> = None;
    for d in DELIMITERS {
        let Some(ev) = evidence(bytes, d) else {
            continue;
        };
        if best.is_none_or(|(b, _)| ev > b) {
            best = Some((ev, d));
        }
    }
    best.map_or(b',', |(_, d)| d)
}

/// One record as the sniffer sees it.
struct Rec {
    fields: usize,
    last_empty: bool,
    /// Ended by a line break (not by the end of the sample).
    ended: bool,
}

fn evidence(s: &[u8], d: u8) -> Option<Evidence> {
    let mut ev = Evidence::default();
    let mut header = None;
    let (mut delims, mut spaced) = (0usize, 0usize);
    let mut i = 0usize;
    for _ in 0..MAX_SAMPLE_RECORDS {
        if i >= s.len() {
            break;
        }
        let Some(rec) = read_record(s, &mut i, d, &mut delims, &mut spaced) else {
            break; // a quoted field runs past the end of the sample
        };
        if rec.fields == 1 && rec.last_empty {
            continue; // blank line
        }
        let Some(h) = header else {
            if rec.fields <= 1 {
                return None;
            }
            header = Some(rec.fields);
            ev.header_fields = rec.fields;
            continue;
        };
        let agrees = rec.fields == h || (rec.fields == h + 1 && rec.last_empty);
        if agrees {
            ev.consistent += 1;
        } else if rec.ended {
            ev.inconsistent_neg -= 1;
        }
    }
    header?;
    ev.not_prose = spaced * 2 <= delims;
    Some(ev)
}

/// Read one record starting at `*i`; `None` if a quoted field is still open at the end.
fn read_record(
    s: &[u8],
    i: &mut usize,
    d: u8,
    delims: &mut usize,
    spaced: &mut usize,
) -> Option<Rec> {
    let mut fields = 1usize;
    let mut field_empty = true;
    loop {
        if s.get(*i) == Some(&b'"') {
            field_empty = false;
            *i += 1;
            loop {
                let q = s.get(*i..)?.iter().position(|&b| b == b'"')?;
                *i += q + 1;
                if s.get(*i) == Some(&b'"') {
                    *i += 1;
                } else {
                    break;
                }
            }
        }
        let rest = s.get(*i..).unwrap_or_default();
        let n = rest
            .iter()
            .position(|&b| b == d || b == b'\n' || b == b'\r')
            .unwrap_or(rest.len());
        if n > 0 {
            field_empty = false;
        }
        *i += n;
        match s.get(*i) {
            Some(&b) if b == d => {
                *i += 1;
                fields += 1;
                field_empty = true;
                *delims += 1;
                if s.get(*i) == Some(&b' ') {
                    *spaced += 1;
                }
            }
            Some(b'\r') => {
                *i += 1;
                if s.get(*i) == Some(&b'\n') {
                    *i += 1;
                }
                return Some(Rec {
                    fields,
                    last_empty: field_empty,
                    ended: true,
                });
            }
            Some(_) => {
                *i += 1;
                return Some(Rec {
                    fields,
                    last_empty: field_empty,
                    ended: true,
                });
            }
            None => {
                return Some(Rec {
                    fields,
                    last_empty: field_empty,
                    ended: false,
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A ZIP local file header with its (stored) data; `descriptor` sets flag bit 3 (sizes zero
    /// in the header, a data descriptor after the data).
    fn entry(name: &str, data: &[u8], descriptor: bool) -> Vec<u8> {
        let size = if descriptor { 0 } else { data.len() as u32 };
        let mut v = ZIP_LOCAL.to_vec();
        v.extend_from_slice(&20u16.to_le_bytes());
        v.extend_from_slice(&(if descriptor { 8u16 } else { 0 }).to_le_bytes());
        v.extend_from_slice(&[0; 10]); // method (stored), time, date, crc
        v.extend_from_slice(&size.to_le_bytes());
        v.extend_from_slice(&size.to_le_bytes());
        v.extend_from_slice(&(name.len() as u16).to_le_bytes());
        v.extend_from_slice(&0u16.to_le_bytes());
        v.extend_from_slice(name.as_bytes());
        v.extend_from_slice(data);
        if descriptor {
            v.extend_from_slice(b"PK\x07\x08");
            v.extend_from_slice(&[0; 4]);
            v.extend_from_slice(&(data.len() as u32).to_le_bytes());
            v.extend_from_slice(&(data.len() as u32).to_le_bytes());
        }
        v
    }

    fn zip(entries: &[(&str, &[u8])], descriptor: bool) -> Vec<u8> {
        let mut v: Vec<u8> = entries
            .iter()
            .flat_map(|(n, d)| entry(n, d, descriptor))
            .collect();
        v.extend_from_slice(b"PK\x05\x06");
        v.extend_from_slice(&[0; 18]);
        v
    }

    const CONTENT_TYPES: &[u8] = b"<Types><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/></Types>";

    fn utf16(text: &str, be: bool, bom: bool) -> Vec<u8> {
        let mut v = Vec::new();
        if bom {
            v.extend_from_slice(if be { &[0xFE, 0xFF] } else { &[0xFF, 0xFE] });
        }
        for u in text.encode_utf16() {
            v.extend_from_slice(&if be { u.to_be_bytes() } else { u.to_le_bytes() });
        }
        v
    }

    #[test]
    fn magic_numbers() {
        let cases: [(&[u8], FileKind); 8] = [
            (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", FileKind::Png),
            (b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n", FileKind::Pdf),
            (b"\xFF\xD8\xFF\xE0\0\x10JFIF\0", FileKind::Jpeg),
            (b"GIF89a\x01\0\x01\0", FileKind::Gif),
            (b"GIF87a", FileKind::Gif),
            (b"\x1F\x8B\x08\0\0\0\0\0", FileKind::Gzip),
            (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0", FileKind::Xls),
            (
                b"PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0",
                FileKind::Zip,
            ),
        ];
        for (bytes, kind) in cases {
            assert_eq!(file_kind(bytes, None), kind, "{bytes:?}");
            assert_eq!(file_kind(bytes, Some("leads.csv")), kind);
        }
    }

    #[test]
    fn xlsx_and_zip() {
        let xlsx = zip(
            &[
                ("[Content_Types].xml", b"\x9d\x8f compressed \x01\x02"),
                ("_rels/.rels", b"\x01\x02\x03"),
                ("xl/workbook.xml", b"<workbook/>"),
            ],
            false,
        );
        assert_eq!(file_kind(&xlsx, None), FileKind::Xlsx);
        assert_eq!(file_kind(&xlsx, Some("export.csv")), FileKind::Xlsx);
        // Only the first entry, cut short, but named .xlsx.
        assert_eq!(file_kind(&xlsx[..40], Some("Leads.XLSX")), FileKind::Xlsx);
        assert_eq!(file_kind(&xlsx[..40], None), FileKind::Zip);
        assert_eq!(file_kind(&xlsx[..4], None), FileKind::Zip);
        // Sizes unknown in the headers (data descriptors), as streaming writers do.
        let streamed = zip(
            &[
                ("docProps/app.xml", b"<Properties/>"),
                ("xl/worksheets/sheet1.xml", b"<x/>"),
            ],
            true,
        );
        assert_eq!(file_kind(&streamed, None), FileKind::Xlsx);
        // Stored content types that name a spreadsheet.
        let stored = zip(&[("[Content_Types].xml", CONTENT_TYPES)], false);
        assert_eq!(file_kind(&stored, None), FileKind::Xlsx);
        // A Word document, even named .xlsx, and an archive of CSV files.
        let docx = zip(
            &[
                ("[Content_Types].xml", b"\x01"),
                ("word/document.xml", b"<w/>"),
            ],
            false,
        );
        assert_eq!(file_kind(&docx, Some("leads.xlsx")), FileKind::Zip);
        let csvs = zip(&[("leads.csv", b"a,b\n1,2\n")], false);
        assert_eq!(file_kind(&csvs, Some("leads.zip")), FileKind::Zip);
        let ods = zip(
            &[(
                "mimetype",
                b"application/vnd.oasis.opendocument.spreadsheet",
            )],
            false,
        );
        assert_eq!(file_kind(&ods, Some("leads.ods")), FileKind::Zip);
    }

    #[test]
    fn text_json_binary() {
        assert_eq!(file_kind(b"", None), FileKind::Text);
        assert_eq!(
            file_kind(b"email,score\na@b.c,3\n", Some("x.csv")),
            FileKind::Text
        );
        assert_eq!(
            file_kind(b"Soci\xE9t\xE9;Cr\xE9\xE9e le\r\n\xC9cole;\xE9t\xE9", None),
            FileKind::Text
        );
        assert_eq!(
            file_kind("\u{feff}Nom;Ville\n".as_bytes(), None),
            FileKind::Text
        );
        assert_eq!(
            file_kind(b"  \r\n[{\"email\":\"a@b.c\"}]", None),
            FileKind::Json
        );
        assert_eq!(
            file_kind("\u{feff}{\"leads\":[]}".as_bytes(), None),
            FileKind::Json
        );
        // A few stray NULs in text (the decoder removes and reports them).
        assert_eq!(
            file_kind(b"email,name\na@b.c,Ann\0\nb@c.d,Bob\n", None),
            FileKind::Text
        );
        for be in [false, true] {
            for bom in [false, true] {
                let text = utf16("Nom\tSociété\r\nDupont\t12\r\n", be, bom);
                assert_eq!(file_kind(&text, None), FileKind::Text, "be={be} bom={bom}");
                let json = utf16(" [{\"a\": 1}]", be, bom);
                assert_eq!(file_kind(&json, None), FileKind::Json, "be={be} bom={bom}");
            }
        }
        let binary: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 251) as u8).collect();
        assert_eq!(file_kind(&binary, None), FileKind::Binary);
        assert_eq!(
            file_kind(b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xFF\xFF\0\0", None),
            FileKind::Binary
        );
        assert_eq!(
            file_kind(b"SQLite format 3\0\x10\0\x01\x01\0@  \0\0\0\x02", None),
            FileKind::Binary
        );
    }

    #[test]
    fn messages() {
        for kind in [FileKind::Text, FileKind::Json, FileKind::Xlsx] {
            assert_eq!(not_a_table(kind), None);
        }
        let msg = |k| not_a_table(k).unwrap_or_default();
        assert_eq!(
            msg(FileKind::Png),
            "This is a PNG image, not a table. Export your leads as CSV (comma or semicolon) or as an Excel workbook (.xlsx)."
        );
        assert!(
            msg(FileKind::Xls).contains("Excel 97–2003 workbook (.xls), which Accord cannot read")
        );
        assert!(msg(FileKind::Xls).contains("save it as .xlsx or CSV"));
        assert!(msg(FileKind::Zip).contains("ZIP archive, but not an Excel workbook"));
        assert!(msg(FileKind::Pdf).contains("PDF document"));
        assert!(msg(FileKind::Jpeg).contains("JPEG image"));
        assert!(msg(FileKind::Gif).contains("GIF image"));
        assert!(msg(FileKind::Gzip).contains("gzip"));
        assert!(msg(FileKind::Binary).contains("binary"));
    }

    #[test]
    fn delimiters() {
        let cases: &[(&str, u8)] = &[
            ("email,name,score\na@b.c,Ann,3\nb@c.d,Bob,4\n", b','),
            ("Nom;Montant\nDupont;1,5", b';'),
            (
                "Nom;Prénom;Montant;Taux\nDupont;Jean;1 234,56;0,5\nMartin;Léa;12,5;1,25\n",
                b';',
            ),
            ("Nom;Montant (k€, HT)\nDupont;1,5\nMartin;2,5\n", b';'),
            ("a,b\n\"x;y\",2", b','),
            (
                "name,notes,amount\n\"Smith; John\",\"a, b; c\",1.5\nAl,\"x;y;z\",2\n",
                b',',
            ),
            (
                "Name\tCity, Country\tScore\nAnn\tParis, FR\t3\nBob\tLyon, FR\t4\n",
                b'\t',
            ),
            ("Name\tNotes\nBob\t1 Main St, Springfield, IL\n", b'\t'),
            ("id|email|score\n1|a@b.c|3\n2|b@c.d|4\n", b'|'),
            ("Name, Title;City\nBob, CEO;Paris\nAnn, CTO;Lyon\n", b';'),
            ("name,notes\n\"multi\nline; with; semis\",x\nb,c\n", b','),
            ("Name,Email,Company", b','),
            ("Nom;Email;Société\r\n", b';'),
            ("Name\tEmail\n", b'\t'),
            ("email\na@b.c\nb@c.d\n", b','),
            ("just one line of text", b','),
            ("", b','),
            ("\n\n  \n", b','),
            ("\n\nNom;Ville\r\nA;B\r\n", b';'),
            ("a;b;c\n1;2;3;\n4;5;6;\n", b';'),
            ("sep=|\na,b|c\n", b'|'),
            ("a,b\n1,2\n3,4\n\"cut; in the", b','),
            ("a;b\r1;2\r3;4", b';'),
        ];
        for &(sample, want) in cases {
            assert_eq!(sniff_delimiter(sample) as char, want as char, "{sample:?}");
        }
    }

    #[test]
    fn sep_line() {
        assert_eq!(sep_hint("sep=;\r\nNom;Ville"), Some((b';', 7)));
        assert_eq!(sep_hint("\u{feff}sep=,\n"), Some((b',', 9)));
        assert_eq!(sep_hint("sep=\t"), Some((b'\t', 5)));
        assert_eq!(sep_hint("sep=;x\n"), None);
        assert_eq!(sep_hint("sep=#\n"), None);
        assert_eq!(sep_hint("Nom;Ville"), None);
    }

    #[test]
    fn fuzz_random_input() {
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let alphabet = b"ab ,;\t|\"\r\n\0PK\x03\x04xl/[";
        let rounds = std::env::var("FUZZ_ROUNDS")
            .ok()
            .and_then(|r| r.parse().ok())
            .unwrap_or(3000);
        for round in 0..rounds {
            let len = (next() % if round % 10 == 0 { 600 } else { 60 }) as usize;
            let mut bytes: Vec<u8> = (0..len)
                .map(|_| {
                    let r = next();
                    if r % 3 == 0 {
                        r as u8
                    } else {
                        alphabet[(r >> 8) as usize % alphabet.len()]
                    }
                })
                .collect();
            if round % 4 == 0 {
                let mut z = ZIP_LOCAL.to_vec();
                z.append(&mut bytes);
                bytes = z;
            }
            let kind = file_kind(&bytes, Some("x.xlsx"));
            let _ = file_kind(&bytes, None);
            let _ = not_a_table(kind);
            let text = String::from_utf8_lossy(&bytes);
            let d = sniff_delimiter(&text);
            assert!(DELIMITERS.contains(&d));
            let _ = sep_hint(&text);
        }
    }
}
