//! STUB (replaced by the real module).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind { Text, Json, Xlsx, Xls, Zip, Pdf, Png, Jpeg, Gif, Gzip, Binary }
pub fn file_kind(prefix: &[u8], _name: Option<&str>) -> FileKind {
    if prefix.starts_with(b"PK") { return FileKind::Xlsx; }
    if prefix.starts_with(b"\x89PNG") { return FileKind::Png; }
    match prefix.iter().find(|b| !b.is_ascii_whitespace()) { Some(b'[') | Some(b'{') => FileKind::Json, _ => FileKind::Text }
}
pub fn not_a_table(kind: FileKind) -> Option<String> { match kind { FileKind::Png => Some("This is a PNG image, not a table.".into()), _ => None } }
pub fn sniff_delimiter(sample: &str) -> u8 {
    let first = sample.lines().next().unwrap_or("");
    [b'\t', b';', b',', b'|'].into_iter().max_by_key(|&d| first.bytes().filter(|&b| b == d).count()).unwrap_or(b',')
}
