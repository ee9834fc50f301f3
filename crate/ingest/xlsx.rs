//! Read Excel workbooks (.xlsx, Office Open XML) as rows of text, the way HubSpot and
//! Salesforce export them.
//!
//! The file is read straight from its bytes: ZIP entries are located through the central
//! directory and inflated with bounds (submodule `zip`), the workbook's relationships lead to
//! the sheet part, and the sheet XML is scanned with `quick-xml`'s pull reader, one row at a
//! time, without building a tree. Cell values become text (submodule `format`): shared and
//! inline strings, numbers in their shortest round-trip form, `TRUE`/`FALSE`, error codes, and
//! ISO dates for numbers styled as dates. Nothing here touches the file system, threads or the
//! clock, so it runs the same in WebAssembly.
//!
//! Memory stays near the inflated size of the sheet XML, plus the shared strings and one row.
//! Inflation is capped at 512 MiB for one part and 1 GiB for all the parts of one call.

mod format;
mod zip;

#[cfg(test)]
mod tests;

use format::NumFmt;
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::Reader;
use std::borrow::Cow;
use std::fmt;
use zip::{Archive, Budget};

/// Excel's last column is XFD, the 16,384th.
const MAX_COLUMNS: usize = 16_384;

/// Why a workbook could not be read.
#[derive(Debug, Clone, PartialEq)]
pub enum XlsxError {
    /// The bytes are not a ZIP archive, so not an .xlsx file (an old .xls, a CSV, ...).
    NotAZip,
    /// A ZIP archive without an Excel workbook in it (a .docx, a zipped folder, ...).
    NotAWorkbook,
    /// The file is damaged; the text says where.
    Corrupt(String),
    /// The asked sheet does not exist; `available` lists the worksheets in workbook order.
    NoSuchSheet {
        asked: String,
        available: Vec<String>,
    },
    /// The workbook unpacks to more than this reader accepts; the text says what.
    TooLarge(String),
    /// The workbook is protected by a password.
    Encrypted,
}

impl fmt::Display for XlsxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            XlsxError::NotAZip => write!(
                f,
                "This file is not an Excel workbook (.xlsx). If it is an older .xls file, open \
                 it in Excel or LibreOffice and save it as .xlsx, or export the data as CSV \
                 and load that instead."
            ),
            XlsxError::NotAWorkbook => write!(
                f,
                "This is a ZIP archive but not an Excel workbook: it has no xl/workbook.xml \
                 inside. Export the report from your CRM as .xlsx or CSV and load that file."
            ),
            XlsxError::Corrupt(detail) => write!(
                f,
                "The workbook is damaged and cannot be read: {detail}. Download or export it \
                 again, or open it in Excel and save a fresh copy."
            ),
            XlsxError::NoSuchSheet { asked, available } => {
                if available.is_empty() {
                    write!(
                        f,
                        "The workbook has no worksheets with data to read. Check that you \
                         exported the right report."
                    )
                } else {
                    let names: Vec<String> = available
                        .iter()
                        .map(|n| format!("\u{201C}{n}\u{201D}"))
                        .collect();
                    write!(
                        f,
                        "The workbook has no sheet \u{201C}{asked}\u{201D}. Its sheets are {}; \
                         choose one of those.",
                        names.join(", ")
                    )
                }
            }
            XlsxError::TooLarge(detail) => write!(
                f,
                "The workbook is too large to read here: {detail}. Export fewer rows or \
                 columns (for example one filtered view at a time), or split it into several \
                 files."
            ),
            XlsxError::Encrypted => write!(
                f,
                "The workbook is protected by a password. Open it in Excel, remove the \
                 password (File > Info > Protect Workbook > Encrypt with Password, and clear \
                 it), save it, and load it again."
            ),
        }
    }
}

impl std::error::Error for XlsxError {}

/// Which sheet to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetChoice<'a> {
    /// The first worksheet in workbook order.
    First,
    /// A worksheet by its position in workbook order, counting from 0.
    Index(usize),
    /// A worksheet by name; an exact match first, then ignoring case and outer spaces, as
    /// Excel does.
    Name(&'a str),
}

/// Names of the worksheets, in workbook order.
///
/// Chart sheets and other non-worksheet tabs are left out, so that positions agree with
/// [`SheetChoice::Index`].
pub fn sheet_names(bytes: &[u8]) -> Result<Vec<String>, XlsxError> {
    let archive = Archive::open(bytes)?;
    let mut budget = Budget::new();
    let book = Workbook::open(&archive, &mut budget)?;
    Ok(book.sheets.into_iter().map(|s| s.name).collect())
}

/// Read one sheet row by row. `on_row(row_number, cells)` gets the 1-based Excel row number and
/// the row's cells as text, with empty cells as "" so that column positions are kept (cell refs
/// like "C7" place the value; missing cells are empty; trailing empty cells are omitted). Rows
/// without any value are not reported. Returns the sheet's name.
///
/// On an error part-way through the sheet, the rows before it have already been reported.
pub fn read_sheet(
    bytes: &[u8],
    sheet: SheetChoice,
    on_row: &mut dyn FnMut(u32, &[String]),
) -> Result<String, XlsxError> {
    read_sheet_with(bytes, sheet, on_row, Budget::new())
}

fn read_sheet_with(
    bytes: &[u8],
    sheet: SheetChoice,
    on_row: &mut dyn FnMut(u32, &[String]),
    mut budget: Budget,
) -> Result<String, XlsxError> {
    let archive = Archive::open(bytes)?;
    let book = Workbook::open(&archive, &mut budget)?;
    let chosen = book.choose(sheet)?;
    let sheet = &book.sheets[chosen];

    let styles = match &book.styles {
        Some(path) => match archive.find(path) {
            Some(entry) => {
                let xml = utf8_xml(archive.read(entry, &mut budget)?);
                parse_styles(&xml, path)?
            }
            None => Vec::new(),
        },
        None => Vec::new(),
    };
    let strings = match &book.shared_strings {
        Some(path) => match archive.find(path) {
            Some(entry) => {
                let xml = utf8_xml(archive.read(entry, &mut budget)?);
                parse_shared_strings(&xml, path)?
            }
            None => SharedStrings::default(),
        },
        None => SharedStrings::default(),
    };
    let entry = archive.find(&sheet.path).ok_or_else(|| {
        XlsxError::Corrupt(format!(
            "the sheet \u{201C}{}\u{201D} should be stored as {}, which is missing",
            sheet.name, sheet.path
        ))
    })?;
    let xml = utf8_xml(archive.read(entry, &mut budget)?);
    let ctx = CellContext {
        strings: &strings,
        styles: &styles,
        date1904: book.date1904,
    };
    parse_sheet(&xml, &sheet.path, &ctx, on_row)?;
    Ok(sheet.name.clone())
}

// ---------------------------------------------------------------------------------------------
// XML helpers

/// XML parts are UTF-8 in practice; a UTF-8 byte-order mark is dropped and UTF-16 (marked by
/// its byte-order mark) is converted.
fn utf8_xml(raw: Cow<'_, [u8]>) -> Cow<'_, [u8]> {
    let utf16 = |bytes: &[u8], be: bool| -> Cow<'static, [u8]> {
        let units = bytes.chunks_exact(2).map(|p| {
            if be {
                u16::from_be_bytes([p[0], p[1]])
            } else {
                u16::from_le_bytes([p[0], p[1]])
            }
        });
        let text: String = char::decode_utf16(units)
            .map(|r| r.unwrap_or('\u{FFFD}'))
            .collect();
        Cow::Owned(text.into_bytes())
    };
    if raw.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return match raw {
            Cow::Borrowed(b) => Cow::Borrowed(&b[3..]),
            Cow::Owned(mut v) => {
                v.drain(..3);
                Cow::Owned(v)
            }
        };
    }
    if raw.starts_with(&[0xFF, 0xFE]) {
        return utf16(&raw[2..], false);
    }
    if raw.starts_with(&[0xFE, 0xFF]) {
        return utf16(&raw[2..], true);
    }
    raw
}

fn xml_error(part: &str, reader: &Reader<&[u8]>, err: quick_xml::Error) -> XlsxError {
    XlsxError::Corrupt(format!(
        "{part} is not well-formed XML (near byte {}: {err})",
        reader.error_position()
    ))
}

fn not_utf8(part: &str) -> XlsxError {
    XlsxError::Corrupt(format!("{part} contains text that is not valid UTF-8"))
}

/// The value of the attribute with this local name (any prefix), with entities decoded.
fn attr(e: &BytesStart<'_>, local: &[u8]) -> Option<String> {
    e.attributes().with_checks(false).flatten().find_map(|a| {
        (a.key.local_name().as_ref() == local).then(|| match a.unescape_value() {
            Ok(v) => v.into_owned(),
            Err(_) => String::from_utf8_lossy(&a.value).into_owned(),
        })
    })
}

/// Append an entity or character reference (`&amp;`, `&#233;`). Unknown entities are kept as
/// written; invalid character references become U+FFFD.
fn push_reference(r: &BytesRef<'_>, out: &mut String) {
    if r.is_char_ref() {
        match r.resolve_char_ref() {
            Ok(Some(c)) => out.push(c),
            _ => out.push('\u{FFFD}'),
        }
        return;
    }
    match &**r {
        b"lt" => out.push('<'),
        b"gt" => out.push('>'),
        b"amp" => out.push('&'),
        b"apos" => out.push('\''),
        b"quot" => out.push('"'),
        other => {
            out.push('&');
            out.push_str(&String::from_utf8_lossy(other));
            out.push(';');
        }
    }
}

/// Append the character data of a text, CDATA or reference event; other events add nothing.
fn push_event_text(ev: &Event<'_>, out: &mut String, part: &str) -> Result<(), XlsxError> {
    match ev {
        Event::Text(t) => out.push_str(&t.xml10_content().map_err(|_| not_utf8(part))?),
        Event::CData(t) => out.push_str(&t.xml10_content().map_err(|_| not_utf8(part))?),
        Event::GeneralRef(r) => push_reference(r, out),
        _ => {}
    }
    Ok(())
}

/// Resolve a relationship target against the folder of the part that refers to it.
fn resolve_target(base_dir: &str, target: &str) -> String {
    let target = target.replace('\\', "/");
    let joined = if let Some(abs) = target.strip_prefix('/') {
        abs.to_string()
    } else if base_dir.is_empty() {
        target
    } else {
        format!("{base_dir}/{target}")
    };
    let mut parts: Vec<&str> = Vec::new();
    for seg in joined.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

fn dir_of(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..i])
}

/// The relationships of a part: (id, type, resolved target), internal targets only.
fn parse_rels(xml: &[u8], part: &str, base_dir: &str) -> Result<Vec<Rel>, XlsxError> {
    let mut reader = Reader::from_reader(xml);
    let mut rels = Vec::new();
    loop {
        let ev = reader
            .read_event()
            .map_err(|e| xml_error(part, &reader, e))?;
        match &ev {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"Relationship" => {
                if attr(e, b"TargetMode").is_some_and(|m| m.eq_ignore_ascii_case("External")) {
                    continue;
                }
                if let (Some(id), Some(kind), Some(target)) =
                    (attr(e, b"Id"), attr(e, b"Type"), attr(e, b"Target"))
                {
                    rels.push(Rel {
                        id,
                        kind,
                        target: resolve_target(base_dir, &target),
                    });
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(rels)
}

#[derive(Debug)]
struct Rel {
    id: String,
    kind: String,
    target: String,
}

impl Rel {
    fn is(&self, kind: &str) -> bool {
        self.kind
            .rsplit('/')
            .next()
            .is_some_and(|k| k.eq_ignore_ascii_case(kind))
    }
}

// ---------------------------------------------------------------------------------------------
// The workbook part

#[derive(Debug)]
struct SheetRef {
    name: String,
    /// The sheet part inside the archive, e.g. `xl/worksheets/sheet1.xml`.
    path: String,
}

#[derive(Debug)]
struct Workbook {
    sheets: Vec<SheetRef>,
    date1904: bool,
    shared_strings: Option<String>,
    styles: Option<String>,
}

impl Workbook {
    fn open(archive: &Archive<'_>, budget: &mut Budget) -> Result<Self, XlsxError> {
        // The package's root relationships say where the workbook is; it is almost always
        // xl/workbook.xml.
        let mut book_path = None;
        if let Some(entry) = archive.find("_rels/.rels") {
            let xml = utf8_xml(archive.read(entry, budget)?);
            // A broken root relationship part is not fatal: fall back to the usual place.
            if let Ok(rels) = parse_rels(&xml, "_rels/.rels", "") {
                book_path = rels
                    .into_iter()
                    .find(|r| r.is("officeDocument") && archive.find(&r.target).is_some())
                    .map(|r| r.target);
            }
        }
        let book_path = match book_path {
            Some(p) => p,
            None if archive.find("xl/workbook.xml").is_some() => "xl/workbook.xml".to_string(),
            None => return Err(XlsxError::NotAWorkbook),
        };
        let entry = archive.find(&book_path).ok_or(XlsxError::NotAWorkbook)?;
        let xml = utf8_xml(archive.read(entry, budget)?);

        // (name, relationship id) in workbook order.
        let mut listed: Vec<(String, Option<String>)> = Vec::new();
        let mut date1904 = false;
        let mut in_sheets = false;
        let mut reader = Reader::from_reader(xml.as_ref());
        loop {
            let ev = reader
                .read_event()
                .map_err(|e| xml_error(&book_path, &reader, e))?;
            match &ev {
                Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                    b"workbookPr" => {
                        date1904 = attr(e, b"date1904").is_some_and(|v| {
                            let v = v.trim();
                            v == "1" || v.eq_ignore_ascii_case("true")
                        });
                    }
                    b"sheets" => in_sheets = matches!(ev, Event::Start(_)),
                    b"sheet" if in_sheets => {
                        let name = attr(e, b"name").unwrap_or_default();
                        listed.push((name, attr(e, b"id")));
                    }
                    _ => {}
                },
                Event::End(e) if e.local_name().as_ref() == b"sheets" => in_sheets = false,
                Event::Eof => break,
                _ => {}
            }
        }

        let base = dir_of(&book_path).to_string();
        let rels_path = if base.is_empty() {
            format!("_rels/{book_path}.rels")
        } else {
            format!("{base}/_rels/{}.rels", &book_path[base.len() + 1..])
        };
        let rels = match archive.find(&rels_path) {
            Some(entry) => {
                let xml = utf8_xml(archive.read(entry, budget)?);
                parse_rels(&xml, &rels_path, &base)?
            }
            None => Vec::new(),
        };

        let mut sheets = Vec::new();
        for (i, (name, id)) in listed.into_iter().enumerate() {
            let rel = id
                .as_deref()
                .and_then(|id| rels.iter().find(|r| r.id == id));
            let path = match rel {
                Some(r) if r.is("worksheet") => r.target.clone(),
                // Chart sheets, dialog sheets and macro sheets have no cells to read.
                Some(_) => continue,
                // No relationship: try where Excel would have put it.
                None => {
                    let guess = format!("{}worksheets/sheet{}.xml", prefix(&base), i + 1);
                    if archive.find(&guess).is_none() {
                        continue;
                    }
                    guess
                }
            };
            sheets.push(SheetRef { name, path });
        }

        let by_kind = |kind: &str, fallback: &str| {
            rels.iter()
                .find(|r| r.is(kind))
                .map(|r| r.target.clone())
                .or_else(|| {
                    let p = format!("{}{fallback}", prefix(&base));
                    archive.find(&p).map(|_| p)
                })
        };
        Ok(Workbook {
            sheets,
            date1904,
            shared_strings: by_kind("sharedStrings", "sharedStrings.xml"),
            styles: by_kind("styles", "styles.xml"),
        })
    }

    fn names(&self) -> Vec<String> {
        self.sheets.iter().map(|s| s.name.clone()).collect()
    }

    fn choose(&self, choice: SheetChoice) -> Result<usize, XlsxError> {
        let missing = |asked: String| XlsxError::NoSuchSheet {
            asked,
            available: self.names(),
        };
        match choice {
            SheetChoice::First if !self.sheets.is_empty() => Ok(0),
            SheetChoice::First => Err(missing("#1".to_string())),
            SheetChoice::Index(i) if i < self.sheets.len() => Ok(i),
            SheetChoice::Index(i) => Err(missing(format!("#{}", i.saturating_add(1)))),
            SheetChoice::Name(name) => self
                .sheets
                .iter()
                .position(|s| s.name == name)
                .or_else(|| {
                    let want = name.trim().to_lowercase();
                    self.sheets
                        .iter()
                        .position(|s| s.name.trim().to_lowercase() == want)
                })
                .ok_or_else(|| missing(name.to_string())),
        }
    }
}

fn prefix(base: &str) -> String {
    if base.is_empty() {
        String::new()
    } else {
        format!("{base}/")
    }
}

// ---------------------------------------------------------------------------------------------
// Shared strings and styles

/// All shared strings in one buffer, to spare an allocation per string.
#[derive(Debug, Default)]
struct SharedStrings {
    text: String,
    ends: Vec<usize>,
}

impl SharedStrings {
    fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)?;
        let start = match i {
            0 => 0,
            _ => *self.ends.get(i - 1)?,
        };
        self.text.get(start..end)
    }

    fn len(&self) -> usize {
        self.ends.len()
    }
}

fn parse_shared_strings(xml: &[u8], part: &str) -> Result<SharedStrings, XlsxError> {
    let mut sst = SharedStrings {
        text: String::with_capacity(xml.len() / 3),
        ends: Vec::new(),
    };
    let mut reader = Reader::from_reader(xml);
    let mut item = String::new();
    let (mut in_item, mut in_t, mut in_phonetic) = (false, false, false);
    let mut closed = false;
    loop {
        let ev = reader
            .read_event()
            .map_err(|e| xml_error(part, &reader, e))?;
        match &ev {
            Event::Start(e) => match e.local_name().as_ref() {
                b"si" => {
                    in_item = true;
                    item.clear();
                }
                b"t" if in_item && !in_phonetic => in_t = true,
                // Phonetic guides (furigana) are not part of the text.
                b"rPh" => in_phonetic = true,
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                b"si" => sst.ends.push(sst.text.len()),
                b"sst" => closed = true,
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"si" if in_item => {
                    format::push_unescaped(&item, &mut sst.text);
                    sst.ends.push(sst.text.len());
                    in_item = false;
                }
                b"t" => in_t = false,
                b"rPh" => in_phonetic = false,
                b"sst" => closed = true,
                _ => {}
            },
            Event::Text(_) | Event::CData(_) | Event::GeneralRef(_) if in_t => {
                push_event_text(&ev, &mut item, part)?;
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !closed {
        return Err(XlsxError::Corrupt(format!("{part} ends too early")));
    }
    Ok(sst)
}

/// The number format of each cell style (`cellXfs`), by style index.
fn parse_styles(xml: &[u8], part: &str) -> Result<Vec<NumFmt>, XlsxError> {
    let mut reader = Reader::from_reader(xml);
    let mut custom: Vec<(u32, NumFmt)> = Vec::new();
    let mut xf_ids: Vec<u32> = Vec::new();
    let (mut in_numfmts, mut in_xfs) = (false, false);
    let id_of = |e: &BytesStart<'_>| {
        attr(e, b"numFmtId")
            .and_then(|v| v.trim().parse::<u32>().ok())
            .unwrap_or(0)
    };
    loop {
        let ev = reader
            .read_event()
            .map_err(|e| xml_error(part, &reader, e))?;
        match &ev {
            Event::Start(e) | Event::Empty(e) => {
                let open = matches!(ev, Event::Start(_));
                match e.local_name().as_ref() {
                    b"numFmts" => in_numfmts = open,
                    b"cellXfs" => in_xfs = open,
                    b"numFmt" if in_numfmts => {
                        let code = attr(e, b"formatCode").unwrap_or_default();
                        custom.push((id_of(e), format::classify(&code)));
                    }
                    b"xf" if in_xfs => xf_ids.push(id_of(e)),
                    _ => {}
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"numFmts" => in_numfmts = false,
                b"cellXfs" => in_xfs = false,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(xf_ids
        .into_iter()
        .map(|id| {
            custom
                .iter()
                .rev()
                .find(|(c, _)| *c == id)
                .map_or_else(|| format::builtin(id), |(_, k)| *k)
        })
        .collect())
}

// ---------------------------------------------------------------------------------------------
// The sheet

struct CellContext<'a> {
    strings: &'a SharedStrings,
    styles: &'a [NumFmt],
    date1904: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum CellType {
    Number,
    Shared,
    Inline,
    Formula,
    Bool,
    Error,
    IsoDate,
}

/// Split a reference like `C7` into a 0-based column and the row. `None` parts are missing or
/// unusable; a column past XFD is reported as `Some(MAX_COLUMNS)`.
fn parse_ref(r: &[u8]) -> (Option<usize>, Option<u32>) {
    let letters = r.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    let col = if letters == 0 {
        None
    } else if letters > 3 {
        Some(MAX_COLUMNS)
    } else {
        let n = r[..letters].iter().fold(0usize, |n, c| {
            n * 26 + usize::from(c.to_ascii_uppercase() - b'A' + 1)
        });
        Some((n - 1).min(MAX_COLUMNS))
    };
    let row = std::str::from_utf8(&r[letters..])
        .ok()
        .and_then(|d| d.parse::<u32>().ok())
        .filter(|&n| n > 0);
    (col, row)
}

fn column_name(col: usize) -> String {
    let mut n = col + 1;
    let mut s = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        s.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// The row being assembled; its strings are reused from row to row.
struct RowBuf {
    cells: Vec<String>,
    /// Cells past `len` are empty.
    len: usize,
}

impl RowBuf {
    fn clear(&mut self) {
        for c in &mut self.cells[..self.len] {
            c.clear();
        }
        self.len = 0;
    }
}

fn render_cell(
    ty: CellType,
    style: usize,
    raw: &str,
    ctx: &CellContext<'_>,
    at: (usize, u32),
    out: &mut String,
) -> Result<(), XlsxError> {
    match ty {
        CellType::Number => {
            let fmt = ctx.styles.get(style).copied().unwrap_or(NumFmt::Plain);
            if fmt != NumFmt::Plain {
                if let Ok(v) = raw.trim().parse::<f64>() {
                    if format::push_date(v, fmt, ctx.date1904, out) {
                        return Ok(());
                    }
                }
            }
            format::push_number(raw, out);
        }
        CellType::Shared => {
            let text = raw
                .trim()
                .parse::<usize>()
                .ok()
                .and_then(|i| ctx.strings.get(i))
                .ok_or_else(|| {
                    XlsxError::Corrupt(format!(
                        "cell {}{} refers to shared text number \u{201C}{}\u{201D}, but the workbook has \
                         {} shared texts",
                        column_name(at.0),
                        at.1,
                        raw.trim(),
                        ctx.strings.len()
                    ))
                })?;
            out.push_str(text);
        }
        CellType::Inline | CellType::Formula => format::push_unescaped(raw, out),
        CellType::Bool => out.push_str(match raw.trim() {
            "1" => "TRUE",
            "0" => "FALSE",
            other => other,
        }),
        CellType::Error => out.push_str(raw),
        CellType::IsoDate => {
            // `2024-03-01T10:30:00Z` becomes `2024-03-01 10:30:00`; a midnight time is dropped.
            let s = raw.trim().trim_end_matches('Z');
            let s = s.strip_suffix("T00:00:00").unwrap_or(s);
            out.extend(s.chars().map(|c| if c == 'T' { ' ' } else { c }));
        }
    }
    Ok(())
}

fn parse_sheet(
    xml: &[u8],
    part: &str,
    ctx: &CellContext<'_>,
    on_row: &mut dyn FnMut(u32, &[String]),
) -> Result<(), XlsxError> {
    let mut reader = Reader::from_reader(xml);
    let mut row = RowBuf {
        cells: Vec::new(),
        len: 0,
    };
    let mut in_data = false;
    let mut in_row = false;
    let mut row_num = 0u32;
    let mut row_num_known = false;
    let mut next_col = 0usize;

    // The cell being read.
    let mut in_cell = false;
    let mut cell_col: Option<usize> = None;
    let mut cell_style = 0usize;
    let mut cell_type = CellType::Number;
    let mut value = String::new();
    let mut has_inline = false;
    let mut in_value = false;
    let mut in_inline = false;
    let mut in_phonetic = false;

    loop {
        let ev = reader
            .read_event()
            .map_err(|e| xml_error(part, &reader, e))?;
        let (start, empty) = match &ev {
            Event::Start(e) => (Some(e), false),
            Event::Empty(e) => (Some(e), true),
            _ => (None, false),
        };
        if let Some(e) = start {
            let name = e.local_name();
            let name = name.as_ref();
            if !in_data {
                if name == b"sheetData" {
                    if empty {
                        return Ok(());
                    }
                    in_data = true;
                }
                continue;
            }
            match name {
                b"c" if in_row => {
                    in_cell = true;
                    cell_col = None;
                    cell_style = 0;
                    cell_type = CellType::Number;
                    value.clear();
                    has_inline = false;
                    for a in e.attributes().with_checks(false).flatten() {
                        match a.key.local_name().as_ref() {
                            b"r" => {
                                let (c, r) = parse_ref(&a.value);
                                cell_col = c;
                                if let (false, Some(r)) = (row_num_known, r) {
                                    row_num = r;
                                    row_num_known = true;
                                }
                            }
                            b"s" => {
                                cell_style = std::str::from_utf8(&a.value)
                                    .ok()
                                    .and_then(|s| s.parse().ok())
                                    .unwrap_or(0);
                            }
                            b"t" => {
                                cell_type = match a.value.as_ref() {
                                    b"s" => CellType::Shared,
                                    b"inlineStr" => CellType::Inline,
                                    b"str" => CellType::Formula,
                                    b"b" => CellType::Bool,
                                    b"e" => CellType::Error,
                                    b"d" => CellType::IsoDate,
                                    _ => CellType::Number,
                                }
                            }
                            _ => {}
                        }
                    }
                    if empty {
                        in_cell = false;
                        next_col = cell_col.unwrap_or(next_col).saturating_add(1);
                    }
                }
                b"v" if in_cell && !empty => in_value = true,
                b"is" if in_cell && !empty => {
                    in_inline = true;
                    has_inline = true;
                }
                b"t" if in_inline && !in_phonetic && !empty => in_value = true,
                b"rPh" if in_inline && !empty => in_phonetic = true,
                b"row" => {
                    row.clear();
                    next_col = 0;
                    let r = attr_raw(e, b"r").and_then(|v| {
                        std::str::from_utf8(v.as_ref())
                            .ok()
                            .and_then(|s| s.trim().parse::<u32>().ok())
                            .filter(|&n| n > 0)
                    });
                    row_num_known = r.is_some();
                    row_num = r.unwrap_or_else(|| row_num.saturating_add(1));
                    in_row = !empty;
                }
                _ => {}
            }
            continue;
        }
        match &ev {
            Event::Text(_) | Event::CData(_) | Event::GeneralRef(_) if in_value => {
                push_event_text(&ev, &mut value, part)?;
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"v" | b"t" => in_value = false,
                b"is" => {
                    in_inline = false;
                    in_value = false;
                }
                b"rPh" => in_phonetic = false,
                b"c" if in_cell => {
                    in_cell = false;
                    in_value = false;
                    let col = cell_col.unwrap_or(next_col);
                    next_col = col.saturating_add(1);
                    if value.is_empty() {
                        continue;
                    }
                    if col >= MAX_COLUMNS {
                        return Err(XlsxError::Corrupt(format!(
                            "row {row_num} has a cell beyond column XFD, the last one Excel \
                             allows"
                        )));
                    }
                    if row.cells.len() <= col {
                        row.cells.resize_with(col + 1, String::new);
                    }
                    let ty = match cell_type {
                        CellType::Number if has_inline => CellType::Inline,
                        t => t,
                    };
                    let out = &mut row.cells[col];
                    out.clear();
                    render_cell(ty, cell_style, &value, ctx, (col, row_num), out)?;
                    if !out.is_empty() {
                        row.len = row.len.max(col + 1);
                    }
                }
                b"row" if in_row => {
                    in_row = false;
                    if row.len > 0 {
                        on_row(row_num, &row.cells[..row.len]);
                    }
                    row.clear();
                }
                b"sheetData" => return Ok(()),
                _ => {}
            },
            Event::Eof => {
                if in_data {
                    return Err(XlsxError::Corrupt(format!(
                        "{part} ends in the middle of its rows"
                    )));
                }
                return Ok(());
            }
            _ => {}
        }
    }
}

/// The raw (still escaped) value of an attribute by local name.
fn attr_raw<'e>(e: &'e BytesStart<'_>, local: &[u8]) -> Option<Cow<'e, [u8]>> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .map(|a| a.value)
}
