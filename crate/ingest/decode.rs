//! STUB (replaced by the real module): UTF-8 only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding { Utf8, Utf16Le, Utf16Be, Windows1252 }
impl Encoding { pub fn label(self) -> &'static str { "UTF-8" } }
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Detected { pub encoding: Encoding, pub bom_len: usize, pub repair_mojibake: bool }
pub fn detect(prefix: &[u8]) -> Detected { Detected { encoding: Encoding::Utf8, bom_len: if prefix.starts_with(&[0xEF,0xBB,0xBF]) {3} else {0}, repair_mojibake: false } }
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeIssue { pub line: usize, pub kind: DecodeIssueKind }
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecodeIssueKind { InvalidUtf8, NulByte, UnpairedSurrogate, OddTrailingByte }
impl DecodeIssue { pub fn message(&self) -> String { "bad bytes".into() } }
pub struct Decoder { skip: usize, carry: Vec<u8>, issues: Vec<DecodeIssue> }
impl Decoder {
    pub fn new(d: Detected) -> Self { Decoder { skip: d.bom_len, carry: Vec::new(), issues: Vec::new() } }
    pub fn decode(&mut self, bytes: &[u8], out: &mut String, last: bool) {
        self.carry.extend_from_slice(bytes);
        let s = self.skip.min(self.carry.len()); self.carry.drain(..s); self.skip -= s;
        let valid = match std::str::from_utf8(&self.carry) { Ok(_) => self.carry.len(), Err(e) => e.valid_up_to() };
        let take = if last { self.carry.len() } else { valid };
        out.push_str(&String::from_utf8_lossy(&self.carry[..take]));
        self.carry.drain(..take);
    }
    pub fn issues(&self) -> &[DecodeIssue] { &self.issues }
    pub fn issue_total(&self) -> usize { self.issues.len() }
}
