//! STUB (replaced by the real module).
#[derive(Debug, Clone, PartialEq)]
pub enum XlsxError { NotAZip }
impl std::fmt::Display for XlsxError { fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { write!(f, "not a workbook") } }
pub enum SheetChoice<'a> { First, Index(usize), Name(&'a str) }
pub fn sheet_names(_bytes: &[u8]) -> Result<Vec<String>, XlsxError> { Err(XlsxError::NotAZip) }
pub fn read_sheet(_bytes: &[u8], _sheet: SheetChoice, _on_row: &mut dyn FnMut(u32, &[String])) -> Result<String, XlsxError> { Err(XlsxError::NotAZip) }
