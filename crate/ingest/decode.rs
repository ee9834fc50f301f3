//! Text encodings: find how an export's bytes encode its text, then decode them to UTF-8 chunk by
//! chunk, reporting every byte that had to be replaced or removed with the line where it was.
//!
//! Supported: UTF-8 (with or without BOM), UTF-16 LE/BE (with BOM, or recognised without one from
//! its NUL bytes), and Windows-1252 (which includes Latin-1). Text that was UTF-8, misread as
//! Windows-1252 and saved again as UTF-8 ("mojibake": `Ã©` for `é`, `â€™` for `’`) can be
//! repaired on the fly.
//!
//! Windows-1252 leaves five bytes undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D): they decode to the
//! C1 control characters with the same number (U+0081, …), as the WHATWG encoding standard does,
//! so nothing is lost and mojibake made through them can still be repaired.

use super::scan;
use std::str;

/// How many bytes [`detect`] is meant to see. The decoder uses it for one late decision: see
/// [`Decoder::encoding`].
pub const DETECT_WINDOW: usize = 64 * 1024;

/// How many issues a [`Decoder`] keeps; the others are only counted.
pub const MAX_ISSUES: usize = 1000;

/// A text encoding the reader understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    Windows1252,
}

impl Encoding {
    /// The encoding's usual name, for a person.
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16 LE",
            Encoding::Utf16Be => "UTF-16 BE",
            Encoding::Windows1252 => "Windows-1252",
        }
    }
}

/// What detection found: the encoding, whether a BOM was present (and how many bytes it takes),
/// and whether the UTF-8 text looks double-encoded (mojibake such as "Ã©" for "é", "â€™" for "’")
/// and should be repaired.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Detected {
    pub encoding: Encoding,
    pub bom_len: usize,
    pub repair_mojibake: bool,
}

/// Detect the encoding from the first bytes of the input: the first [`DETECT_WINDOW`] bytes are
/// looked at (more may be passed; fewer, even none, is fine; the prefix may end in the middle of
/// a character).
///
/// - A BOM decides: `EF BB BF` UTF-8, `FF FE` UTF-16 LE, `FE FF` UTF-16 BE.
/// - Without one, NUL bytes at most odd (even) positions and almost none at the others mean
///   UTF-16 LE (BE) text that is mostly ASCII.
/// - Otherwise the prefix is checked as UTF-8. Valid: UTF-8. Invalid sequences that are no more
///   numerous than the valid multi-byte characters: UTF-8 with stray bytes (the decoder replaces
///   and reports them). More invalid than valid, and at least half of the invalid bytes read as
///   Windows-1252 letters or usual punctuation: Windows-1252. Otherwise UTF-8.
/// - Valid UTF-8 whose non-ASCII characters all form double-encoding sequences (at least one of
///   them, and not a single correctly encoded accented letter) is marked for mojibake repair.
pub fn detect(prefix: &[u8]) -> Detected {
    // Only the first DETECT_WINDOW bytes count (the decoder's late fallback relies on it).
    let prefix = prefix.get(..DETECT_WINDOW).unwrap_or(prefix);
    let detected = |encoding, bom_len, repair_mojibake| Detected {
        encoding,
        bom_len,
        repair_mojibake,
    };
    if let Some(rest) = prefix.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return detected(Encoding::Utf8, 3, looks_double_encoded(rest));
    }
    if prefix.starts_with(&[0xFF, 0xFE]) {
        return detected(Encoding::Utf16Le, 2, false);
    }
    if prefix.starts_with(&[0xFE, 0xFF]) {
        return detected(Encoding::Utf16Be, 2, false);
    }
    if let Some(encoding) = utf16_from_nuls(prefix) {
        return detected(encoding, 0, false);
    }
    let stats = utf8_stats(prefix);
    if stats.invalid == 0 {
        return detected(Encoding::Utf8, 0, looks_double_encoded(prefix));
    }
    if stats.multibyte < stats.invalid && stats.plausible * 2 >= stats.invalid {
        return detected(Encoding::Windows1252, 0, false);
    }
    detected(Encoding::Utf8, 0, false)
}

/// UTF-16 without BOM: mostly-ASCII text has a NUL in every other byte.
pub(crate) fn utf16_from_nuls(prefix: &[u8]) -> Option<Encoding> {
    let mut pairs = 0usize;
    let (mut nul_even, mut nul_odd) = (0usize, 0usize);
    for pair in prefix.chunks_exact(2) {
        if let [a, b] = *pair {
            pairs += 1;
            nul_even += usize::from(a == 0);
            nul_odd += usize::from(b == 0);
        }
    }
    if pairs == 0 {
        return None;
    }
    if nul_odd * 2 >= pairs && nul_even * 10 < nul_odd {
        Some(Encoding::Utf16Le)
    } else if nul_even * 2 >= pairs && nul_odd * 10 < nul_even {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

struct Utf8Stats {
    /// Valid multi-byte characters.
    multibyte: usize,
    /// Invalid sequences (an incomplete character at the very end is not counted).
    invalid: usize,
    /// Invalid sequences whose bytes all read as Windows-1252 letters or usual punctuation.
    plausible: usize,
}

fn utf8_stats(prefix: &[u8]) -> Utf8Stats {
    let mut stats = Utf8Stats {
        multibyte: 0,
        invalid: 0,
        plausible: 0,
    };
    let mut rest = prefix;
    loop {
        match str::from_utf8(rest) {
            Ok(s) => {
                stats.multibyte += count_lead_bytes(s.as_bytes());
                return stats;
            }
            Err(e) => {
                let (good, bad) = rest.split_at(e.valid_up_to().min(rest.len()));
                stats.multibyte += count_lead_bytes(good);
                let Some(n) = e.error_len() else {
                    // The prefix ends in the middle of a character: not an error.
                    return stats;
                };
                let (seq, after) = bad.split_at(n.min(bad.len()));
                stats.invalid += 1;
                if seq.iter().all(|&b| plausible_cp1252(b)) {
                    stats.plausible += 1;
                }
                rest = after;
            }
        }
    }
}

fn count_lead_bytes(valid: &[u8]) -> usize {
    valid.iter().filter(|&&b| b >= 0xC0).count()
}

/// Does this byte, read as Windows-1252, give a letter or punctuation usual in text?
fn plausible_cp1252(b: u8) -> bool {
    match b {
        0x00..=0x7F | 0x81 | 0x8D | 0x8F | 0x90 | 0x9D => false,
        0x80..=0xBF => matches!(
            b,
            0x80 | 0x82
                | 0x84
                | 0x85
                | 0x8A
                | 0x8C
                | 0x8E
                | 0x91..=0x97
                | 0x99
                | 0x9A
                | 0x9C
                | 0x9E
                | 0x9F
                | 0xA0..=0xA3
                | 0xA7
                | 0xA9
                | 0xAB
                | 0xAE
                | 0xB0..=0xB7
                | 0xBB..=0xBF
        ),
        _ => true,
    }
}

/// Is this valid UTF-8 text (possibly ending mid-character) double-encoded throughout?
fn looks_double_encoded(prefix: &[u8]) -> bool {
    let text = match str::from_utf8(prefix) {
        Ok(s) => s,
        Err(e) if e.error_len().is_none() => {
            let valid = prefix.get(..e.valid_up_to()).unwrap_or_default();
            str::from_utf8(valid).unwrap_or_default()
        }
        Err(_) => return false,
    };
    let mut sequences = 0usize;
    let mut i = 0usize;
    let bytes = text.as_bytes();
    while let Some(pos) = bytes
        .get(i..)
        .and_then(|b| b.iter().position(|&c| c >= 0x80))
    {
        i += pos;
        let Some(rest) = text.get(i..) else { break };
        let Some(c) = rest.chars().next() else { break };
        match unmojibake(rest) {
            Seq::Match(_, used) => {
                sequences += 1;
                i += used;
                continue;
            }
            Seq::Incomplete => break,
            Seq::NoMatch => {
                // "Ã " and "Â " are usually an "à" and a no-break space whose second byte
                // (a no-break space, U+00A0) became a plain space.
                let broken = matches!(c, 'Ã' | 'Â')
                    && rest.get(c.len_utf8()..).is_some_and(|r| r.starts_with(' '));
                if !broken {
                    // A correctly encoded character: this text is not double-encoded.
                    return false;
                }
            }
        }
        i += c.len_utf8();
    }
    sequences > 0
}

/// What the characters at the start of a text give when mapped back to Windows-1252 bytes and
/// read as UTF-8.
#[derive(Debug, PartialEq)]
enum Seq {
    /// One character, made from this many bytes of the text.
    Match(char, usize),
    /// The text ends before the sequence does.
    Incomplete,
    NoMatch,
}

fn unmojibake(text: &str) -> Seq {
    let mut chars = text.chars();
    let Some(first) = chars.next() else {
        return Seq::NoMatch;
    };
    let Some(lead) = cp1252_byte(first) else {
        return Seq::NoMatch;
    };
    let need = match lead {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return Seq::NoMatch,
    };
    let mut buf = [lead, 0, 0, 0];
    let mut used = first.len_utf8();
    for slot in buf.iter_mut().take(need).skip(1) {
        let Some(c) = chars.next() else {
            return Seq::Incomplete;
        };
        match cp1252_byte(c) {
            Some(b @ 0x80..=0xBF) => {
                *slot = b;
                used += c.len_utf8();
            }
            _ => return Seq::NoMatch,
        }
    }
    match str::from_utf8(buf.get(..need).unwrap_or_default()) {
        Ok(s) => match s.chars().next() {
            Some(c) if !c.is_control() => Seq::Match(c, used),
            _ => Seq::NoMatch,
        },
        Err(_) => Seq::NoMatch,
    }
}

/// The character a Windows-1252 byte stands for (undefined bytes: the same-numbered C1 control).
pub fn cp1252_char(b: u8) -> char {
    match b {
        0x80 => '\u{20AC}',
        0x82 => '\u{201A}',
        0x83 => '\u{0192}',
        0x84 => '\u{201E}',
        0x85 => '\u{2026}',
        0x86 => '\u{2020}',
        0x87 => '\u{2021}',
        0x88 => '\u{02C6}',
        0x89 => '\u{2030}',
        0x8A => '\u{0160}',
        0x8B => '\u{2039}',
        0x8C => '\u{0152}',
        0x8E => '\u{017D}',
        0x91 => '\u{2018}',
        0x92 => '\u{2019}',
        0x93 => '\u{201C}',
        0x94 => '\u{201D}',
        0x95 => '\u{2022}',
        0x96 => '\u{2013}',
        0x97 => '\u{2014}',
        0x98 => '\u{02DC}',
        0x99 => '\u{2122}',
        0x9A => '\u{0161}',
        0x9B => '\u{203A}',
        0x9C => '\u{0153}',
        0x9E => '\u{017E}',
        0x9F => '\u{0178}',
        _ => char::from(b),
    }
}

/// The Windows-1252 byte for a character, if it has one. U+0080–U+009F map to the same byte, so
/// text double-encoded through Latin-1 is recognised as well.
fn cp1252_byte(c: char) -> Option<u8> {
    let b = match c {
        '\u{0080}'..='\u{00FF}' => return u8::try_from(u32::from(c)).ok(),
        '\u{20AC}' => 0x80,
        '\u{201A}' => 0x82,
        '\u{0192}' => 0x83,
        '\u{201E}' => 0x84,
        '\u{2026}' => 0x85,
        '\u{2020}' => 0x86,
        '\u{2021}' => 0x87,
        '\u{02C6}' => 0x88,
        '\u{2030}' => 0x89,
        '\u{0160}' => 0x8A,
        '\u{2039}' => 0x8B,
        '\u{0152}' => 0x8C,
        '\u{017D}' => 0x8E,
        '\u{2018}' => 0x91,
        '\u{2019}' => 0x92,
        '\u{201C}' => 0x93,
        '\u{201D}' => 0x94,
        '\u{2022}' => 0x95,
        '\u{2013}' => 0x96,
        '\u{2014}' => 0x97,
        '\u{02DC}' => 0x98,
        '\u{2122}' => 0x99,
        '\u{0161}' => 0x9A,
        '\u{203A}' => 0x9B,
        '\u{0153}' => 0x9C,
        '\u{017E}' => 0x9E,
        '\u{0178}' => 0x9F,
        _ => return None,
    };
    Some(b)
}

/// A problem met while decoding, with the 1-based line of the decoded text where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeIssue {
    pub line: usize,
    pub kind: DecodeIssueKind,
}

/// What was wrong with the bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecodeIssueKind {
    /// Bytes that are not valid UTF-8 (each maximal invalid sequence is one issue and one U+FFFD).
    InvalidUtf8,
    /// A NUL character, removed from the text.
    NulByte,
    /// Half of a UTF-16 surrogate pair, replaced by U+FFFD.
    UnpairedSurrogate,
    /// UTF-16 input with an odd number of bytes: the last one was ignored.
    OddTrailingByte,
}

impl DecodeIssue {
    /// What happened, as a sentence for a person (without the line, which is in `line`).
    pub fn message(&self) -> String {
        match self.kind {
            DecodeIssueKind::InvalidUtf8 => "bytes that are not valid UTF-8 were replaced by �",
            DecodeIssueKind::NulByte => "a NUL character (code 0) was removed",
            DecodeIssueKind::UnpairedSurrogate => {
                "a broken UTF-16 character (an unpaired surrogate) was replaced by �"
            }
            DecodeIssueKind::OddTrailingByte => {
                "the file ends with a single stray byte (UTF-16 text comes in pairs of bytes), which was ignored"
            }
        }
        .to_string()
    }
}

/// Streaming decoder: bytes in (any chunking, even 1 byte at a time), UTF-8 text out. The output
/// does not depend on how the input is cut into chunks.
#[derive(Debug)]
pub struct Decoder {
    encoding: Encoding,
    /// BOM bytes still to skip.
    bom_left: usize,
    repair: bool,
    /// UTF-8: the start of a character cut by the end of the last chunk (a valid prefix).
    pending: [u8; 4],
    pending_len: usize,
    /// UTF-16: the odd byte left at the end of the last chunk.
    odd: Option<u8>,
    /// UTF-16: a high surrogate waiting for its low half.
    high: Option<u16>,
    /// Bytes consumed so far, the BOM included.
    offset: usize,
    /// A UTF-8 decoder may switch to Windows-1252 (see [`Decoder::encoding`]).
    may_fallback: bool,
    seen_non_ascii: bool,
    /// Line of the decoded text at the end of what has been counted.
    line: usize,
    /// The counted text ends with '\r' (a '\n' next is the same line end).
    prev_cr: bool,
    issues: Vec<DecodeIssue>,
    issue_total: usize,
    /// Mojibake repair: the decoded text before repair, and characters held back because they
    /// may start a sequence that the next chunk completes.
    scratch: String,
    carry: String,
}

impl Decoder {
    /// A decoder for what [`detect`] found. It skips the BOM itself (the first `bom_len` bytes it
    /// is given), so pass it the input from its very first byte.
    pub fn new(d: Detected) -> Self {
        Decoder {
            encoding: d.encoding,
            bom_left: d.bom_len,
            repair: d.repair_mojibake,
            pending: [0; 4],
            pending_len: 0,
            odd: None,
            high: None,
            offset: 0,
            may_fallback: d.encoding == Encoding::Utf8 && d.bom_len == 0,
            seen_non_ascii: false,
            line: 1,
            prev_cr: false,
            issues: Vec::new(),
            issue_total: 0,
            scratch: String::new(),
            carry: String::new(),
        }
    }

    /// The encoding being decoded. It is the detected one, except in one case: UTF-8 without BOM
    /// whose first non-ASCII byte comes after the first [`DETECT_WINDOW`] bytes (so detection
    /// saw only ASCII) and is invalid UTF-8 but a plausible Windows-1252 letter: the decoder then
    /// switches to Windows-1252 for the rest (everything before was ASCII, which reads the same).
    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// Decode `bytes`, appending to `out`. `last` = no more input follows (flush partial sequences).
    pub fn decode(&mut self, bytes: &[u8], out: &mut String, last: bool) {
        let mut bytes = bytes;
        if self.bom_left > 0 {
            let skip = self.bom_left.min(bytes.len());
            bytes = bytes.get(skip..).unwrap_or_default();
            self.bom_left -= skip;
            self.offset = self.offset.saturating_add(skip);
        }
        if self.repair {
            let mut base = std::mem::take(&mut self.scratch);
            base.clear();
            self.decode_base(bytes, &mut base, last);
            self.repair_into(&base, out, last);
            self.scratch = base;
        } else {
            self.decode_base(bytes, out, last);
        }
    }

    /// Issues so far (at most [`MAX_ISSUES`] kept; [`Decoder::issue_total`] counts all).
    pub fn issues(&self) -> &[DecodeIssue] {
        &self.issues
    }

    /// How many issues were met, including those not kept.
    pub fn issue_total(&self) -> usize {
        self.issue_total
    }

    fn decode_base(&mut self, bytes: &[u8], out: &mut String, last: bool) {
        let mut counted = out.len();
        match self.encoding {
            Encoding::Utf8 => self.utf8(bytes, out, last, &mut counted),
            Encoding::Windows1252 => self.cp1252(bytes, out, &mut counted),
            Encoding::Utf16Le => self.utf16(bytes, out, last, false, &mut counted),
            Encoding::Utf16Be => self.utf16(bytes, out, last, true, &mut counted),
        }
        self.offset = self.offset.saturating_add(bytes.len());
        self.count_lines(out, &mut counted);
    }

    /// Count the line ends of `out[counted..]`.
    fn count_lines(&mut self, out: &str, counted: &mut usize) {
        if self.issues.len() < MAX_ISSUES {
            let fresh = out.as_bytes().get(*counted..).unwrap_or_default();
            self.line = self
                .line
                .saturating_add(count_line_ends(fresh, &mut self.prev_cr));
        }
        *counted = out.len();
    }

    fn issue(&mut self, kind: DecodeIssueKind, out: &str, counted: &mut usize) {
        self.issue_total = self.issue_total.saturating_add(1);
        if self.issues.len() < MAX_ISSUES {
            self.count_lines(out, counted);
            self.issues.push(DecodeIssue {
                line: self.line,
                kind,
            });
        }
    }

    /// Append valid text, removing (and reporting) NUL characters.
    fn emit(&mut self, s: &str, out: &mut String, counted: &mut usize) {
        // (`memchr` looks 16 bytes at a time where `contains` looks at a word: a tenth of
        // the decoding time of a large file.)
        if memchr::memchr(0, s.as_bytes()).is_none() {
            out.push_str(s);
            return;
        }
        for (i, piece) in s.split('\0').enumerate() {
            if i > 0 {
                self.issue(DecodeIssueKind::NulByte, out, counted);
            }
            out.push_str(piece);
        }
    }

    fn emit_utf8(&mut self, s: &str, out: &mut String, counted: &mut usize) {
        if !self.seen_non_ascii && !s.is_ascii() {
            self.seen_non_ascii = true;
        }
        self.emit(s, out, counted);
    }

    fn invalid_utf8(&mut self, out: &mut String, counted: &mut usize) {
        self.seen_non_ascii = true;
        out.push('\u{FFFD}');
        self.issue(DecodeIssueKind::InvalidUtf8, out, counted);
    }

    /// Should the invalid UTF-8 byte `b`, at input offset `at`, switch the decoder to
    /// Windows-1252?
    fn falls_back(&self, b: Option<u8>, at: usize) -> bool {
        self.may_fallback
            && !self.seen_non_ascii
            && at >= DETECT_WINDOW
            && b.is_some_and(plausible_cp1252)
    }

    fn utf8(&mut self, bytes: &[u8], out: &mut String, last: bool, counted: &mut usize) {
        let mut input = bytes;
        if self.pending_len > 0 {
            let p = self.pending_len.min(3);
            let take = input.len().min(4 - p);
            let mut tmp = [0u8; 4];
            let (head, tail) = tmp.split_at_mut(p);
            head.copy_from_slice(self.pending.get(..p).unwrap_or_default());
            let (more, _) = input.split_at(take);
            if let Some(dst) = tail.get_mut(..take) {
                dst.copy_from_slice(more);
            }
            let joined = tmp.get(..p + take).unwrap_or_default();
            self.pending_len = 0;
            match str::from_utf8(joined) {
                Ok(s) => {
                    self.emit_utf8(s, out, counted);
                    input = input.get(take..).unwrap_or_default();
                }
                Err(e) if e.valid_up_to() > 0 => {
                    let v = e.valid_up_to();
                    if let Ok(s) = str::from_utf8(joined.get(..v).unwrap_or_default()) {
                        self.emit_utf8(s, out, counted);
                    }
                    input = input.get(v.saturating_sub(p)..).unwrap_or_default();
                }
                Err(e) => match e.error_len() {
                    Some(n) => {
                        let at = self.offset.saturating_sub(p);
                        if self.falls_back(joined.first().copied(), at) {
                            self.encoding = Encoding::Windows1252;
                            let pend = self.pending;
                            self.cp1252(pend.get(..p).unwrap_or_default(), out, counted);
                            self.cp1252(input, out, counted);
                            return;
                        }
                        self.invalid_utf8(out, counted);
                        input = input.get(n.saturating_sub(p)..).unwrap_or_default();
                    }
                    None => {
                        // Still incomplete: every byte given so far belongs to the character.
                        let k = joined.len().min(4);
                        self.pending = tmp;
                        self.pending_len = k;
                        input = input.get(take..).unwrap_or_default();
                    }
                },
            }
        }
        if self.pending_len > 0 {
            if last {
                self.pending_len = 0;
                self.invalid_utf8(out, counted);
            }
            return;
        }
        // Hold back a character cut by the end of the chunk, so that valid input is checked
        // in one pass.
        let cut = if last { 0 } else { incomplete_tail(input) };
        let (body, tail) = input.split_at(input.len() - cut.min(input.len()));
        let base = self
            .offset
            .saturating_add(bytes.len().saturating_sub(input.len()));
        let mut rest = body;
        loop {
            match str::from_utf8(rest) {
                Ok(s) => {
                    self.emit_utf8(s, out, counted);
                    break;
                }
                Err(e) => {
                    let (good, bad) = rest.split_at(e.valid_up_to().min(rest.len()));
                    if let Ok(s) = str::from_utf8(good) {
                        self.emit_utf8(s, out, counted);
                    }
                    let at = base.saturating_add(body.len().saturating_sub(bad.len()));
                    if self.falls_back(bad.first().copied(), at) {
                        self.encoding = Encoding::Windows1252;
                        self.cp1252(bad, out, counted);
                        self.cp1252(tail, out, counted);
                        return;
                    }
                    self.invalid_utf8(out, counted);
                    match e.error_len() {
                        Some(n) => rest = bad.get(n..).unwrap_or_default(),
                        // Only when `last`: the input ends mid-character.
                        None => break,
                    }
                }
            }
        }
        if let Some(dst) = self.pending.get_mut(..tail.len()) {
            dst.copy_from_slice(tail);
            self.pending_len = tail.len();
        }
    }

    fn cp1252(&mut self, bytes: &[u8], out: &mut String, counted: &mut usize) {
        let mut rest = bytes;
        while !rest.is_empty() {
            let n = ascii_prefix_len(rest);
            let (ascii, high) = rest.split_at(n.min(rest.len()));
            if let Ok(s) = str::from_utf8(ascii) {
                self.emit(s, out, counted);
            }
            let m = high.iter().position(|&b| b < 0x80).unwrap_or(high.len());
            let (run, after) = high.split_at(m);
            out.extend(run.iter().map(|&b| cp1252_char(b)));
            rest = after;
        }
    }

    fn utf16(&mut self, bytes: &[u8], out: &mut String, last: bool, be: bool, counted: &mut usize) {
        let unit = |a: u8, b: u8| {
            if be {
                u16::from_be_bytes([a, b])
            } else {
                u16::from_le_bytes([a, b])
            }
        };
        let mut input = bytes;
        if let Some(a) = self.odd.take() {
            match input.split_first() {
                Some((&b, rest)) => {
                    self.utf16_unit(unit(a, b), out, counted);
                    input = rest;
                }
                None => self.odd = Some(a),
            }
        }
        let mut pairs = input.chunks_exact(2);
        for pair in &mut pairs {
            if let [a, b] = *pair {
                let u = unit(a, b);
                match char::from_u32(u32::from(u)) {
                    Some(c) if u != 0 && self.high.is_none() => out.push(c),
                    _ => self.utf16_unit(u, out, counted),
                }
            }
        }
        if let [b] = *pairs.remainder() {
            self.odd = Some(b);
        }
        if last {
            if self.high.take().is_some() {
                out.push('\u{FFFD}');
                self.issue(DecodeIssueKind::UnpairedSurrogate, out, counted);
            }
            if self.odd.take().is_some() {
                self.issue(DecodeIssueKind::OddTrailingByte, out, counted);
            }
        }
    }

    fn utf16_unit(&mut self, u: u16, out: &mut String, counted: &mut usize) {
        match u {
            0xD800..=0xDBFF => {
                if self.high.replace(u).is_some() {
                    out.push('\u{FFFD}');
                    self.issue(DecodeIssueKind::UnpairedSurrogate, out, counted);
                }
            }
            0xDC00..=0xDFFF => match self.high.take() {
                Some(h) => {
                    let cp = 0x10000 + ((u32::from(h) - 0xD800) << 10) + (u32::from(u) - 0xDC00);
                    out.push(char::from_u32(cp).unwrap_or('\u{FFFD}'));
                }
                None => {
                    out.push('\u{FFFD}');
                    self.issue(DecodeIssueKind::UnpairedSurrogate, out, counted);
                }
            },
            _ => {
                if self.high.take().is_some() {
                    out.push('\u{FFFD}');
                    self.issue(DecodeIssueKind::UnpairedSurrogate, out, counted);
                }
                if u == 0 {
                    self.issue(DecodeIssueKind::NulByte, out, counted);
                } else {
                    out.push(char::from_u32(u32::from(u)).unwrap_or('\u{FFFD}'));
                }
            }
        }
    }

    /// Mojibake repair of decoded text: each run of characters that maps back through
    /// Windows-1252 to a valid UTF-8 sequence becomes the character it encodes; all else is kept.
    fn repair_into(&mut self, base: &str, out: &mut String, last: bool) {
        let joined;
        let text: &str = if self.carry.is_empty() {
            base
        } else {
            let mut t = std::mem::take(&mut self.carry);
            t.push_str(base);
            joined = t;
            &joined
        };
        let bytes = text.as_bytes();
        let mut copied = 0usize;
        let mut i = 0usize;
        while let Some(pos) = bytes
            .get(i..)
            .and_then(|b| b.iter().position(|&c| c >= 0x80))
        {
            i += pos;
            let Some(rest) = text.get(i..) else { break };
            match unmojibake(rest) {
                Seq::Match(c, used) => {
                    out.push_str(text.get(copied..i).unwrap_or_default());
                    if c != '\u{FEFF}' {
                        out.push(c);
                    }
                    i += used;
                    copied = i;
                    continue;
                }
                Seq::Incomplete if !last => {
                    self.carry.push_str(rest);
                    out.push_str(text.get(copied..i).unwrap_or_default());
                    return;
                }
                _ => {}
            }
            i += rest.chars().next().map_or(1, char::len_utf8);
        }
        out.push_str(text.get(copied..).unwrap_or_default());
    }
}

/// How many bytes at the end of `b` are the valid start of a character that is not complete.
fn incomplete_tail(b: &[u8]) -> usize {
    for back in 1..=b.len().min(3) {
        let Some(&c) = b.get(b.len() - back) else {
            return 0;
        };
        if c & 0xC0 != 0x80 {
            let need = match c {
                0xC2..=0xDF => 2,
                0xE0..=0xEF => 3,
                0xF0..=0xF4 => 4,
                _ => return 0,
            };
            if need <= back {
                return 0;
            }
            let tail = b.get(b.len() - back..).unwrap_or_default();
            return match str::from_utf8(tail) {
                Err(e) if e.valid_up_to() == 0 && e.error_len().is_none() => back,
                _ => 0,
            };
        }
    }
    0
}

/// Length of the leading run of ASCII bytes.
fn ascii_prefix_len(b: &[u8]) -> usize {
    let mut n = 0usize;
    for chunk in b.chunks(16) {
        if chunk.is_ascii() {
            n += chunk.len();
        } else {
            return n + chunk.iter().position(|&c| c >= 0x80).unwrap_or(chunk.len());
        }
    }
    n
}

/// Line ends in `s`: '\n', '\r\n' (once) and a lone '\r'. `prev_cr` says whether the text before
/// `s` ended with '\r' (then a leading '\n' ends no new line); it is updated for `s`.
///
/// 64 bytes at a time, as masks of LFs and CRs ([`scan::matches`]).
fn count_line_ends(s: &[u8], prev_cr: &mut bool) -> usize {
    let mut n = 0usize;
    let mut cr_before = *prev_cr;
    let mut blocks = s.chunks_exact(64);
    for block in &mut blocks {
        let Ok(block) = <&[u8; 64]>::try_from(block) else {
            continue;
        };
        let [lf, cr] = scan::matches_each(block, [b'\n', b'\r']);
        // A CR whose next byte is a LF: the pair is one line end.
        let crlf = cr & (lf >> 1);
        n += (lf.count_ones() + cr.count_ones() - crlf.count_ones()) as usize;
        if cr_before && lf & 1 != 0 {
            n -= 1;
        }
        cr_before = cr >> 63 != 0;
    }
    for &b in blocks.remainder() {
        if b == b'\r' || (b == b'\n' && !cr_before) {
            n += 1;
        }
        cr_before = b == b'\r';
    }
    *prev_cr = cr_before;
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Decode `bytes` as detected, in one call.
    fn decode_all(bytes: &[u8]) -> (Detected, String, Vec<DecodeIssue>) {
        let d = detect(bytes);
        let (text, issues) = decode_with(d, bytes, &[bytes.len()]);
        (d, text, issues)
    }

    /// Decode `bytes` cut into chunks of the given sizes (the rest in a last chunk).
    fn decode_with(d: Detected, bytes: &[u8], sizes: &[usize]) -> (String, Vec<DecodeIssue>) {
        let mut dec = Decoder::new(d);
        let mut out = String::new();
        let mut rest = bytes;
        for &n in sizes {
            let (chunk, after) = rest.split_at(n.min(rest.len()));
            dec.decode(chunk, &mut out, false);
            rest = after;
        }
        dec.decode(rest, &mut out, true);
        (out, dec.issues().to_vec())
    }

    /// Decode one byte at a time, clearing the output between calls (as a streaming caller may).
    fn decode_bytewise(d: Detected, bytes: &[u8]) -> (String, Vec<DecodeIssue>) {
        let mut dec = Decoder::new(d);
        let mut all = String::new();
        let mut out = String::new();
        for &b in bytes {
            out.clear();
            dec.decode(&[b], &mut out, false);
            all.push_str(&out);
        }
        out.clear();
        dec.decode(&[], &mut out, true);
        all.push_str(&out);
        (all, dec.issues().to_vec())
    }

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

    fn cp1252(text: &str) -> Vec<u8> {
        text.chars()
            .map(|c| {
                u8::try_from(u32::from(c))
                    .ok()
                    .filter(|b| *b < 0x80)
                    .or_else(|| cp1252_byte(c))
                    .unwrap_or(b'?')
            })
            .collect()
    }

    fn kinds(issues: &[DecodeIssue]) -> Vec<(usize, DecodeIssueKind)> {
        issues.iter().map(|i| (i.line, i.kind)).collect()
    }

    const FRENCH: &str = "Société;Créée le\r\nÉcole;été";

    #[test]
    fn labels() {
        assert_eq!(Encoding::Utf8.label(), "UTF-8");
        assert_eq!(Encoding::Utf16Le.label(), "UTF-16 LE");
        assert_eq!(Encoding::Utf16Be.label(), "UTF-16 BE");
        assert_eq!(Encoding::Windows1252.label(), "Windows-1252");
    }

    #[test]
    fn empty_and_ascii() {
        let d = detect(b"");
        assert_eq!(
            d,
            Detected {
                encoding: Encoding::Utf8,
                bom_len: 0,
                repair_mojibake: false
            }
        );
        let (_, text, issues) = decode_all(b"");
        assert_eq!((text.as_str(), issues.len()), ("", 0));
        let (d, text, issues) = decode_all(b"a,b\n1,2\n");
        assert_eq!(d.encoding, Encoding::Utf8);
        assert_eq!(text, "a,b\n1,2\n");
        assert!(issues.is_empty());
    }

    #[test]
    fn utf8_bom() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice(FRENCH.as_bytes());
        let (d, text, issues) = decode_all(&bytes);
        assert_eq!(
            d,
            Detected {
                encoding: Encoding::Utf8,
                bom_len: 3,
                repair_mojibake: false
            }
        );
        assert_eq!(text, FRENCH);
        assert!(issues.is_empty());
        // The BOM may itself be cut by chunk boundaries.
        assert_eq!(decode_bytewise(d, &bytes).0, FRENCH);
        // A bare BOM.
        assert_eq!(decode_all(&[0xEF, 0xBB, 0xBF]).1, "");
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let text = "Nom\tSociété\r\nÉcole 😀\t€ 1 234,56\r\n";
        for be in [false, true] {
            let enc = if be {
                Encoding::Utf16Be
            } else {
                Encoding::Utf16Le
            };
            for bom in [true, false] {
                let bytes = utf16(text, be, bom);
                let (d, got, issues) = decode_all(&bytes);
                assert_eq!(d.encoding, enc, "be={be} bom={bom}");
                assert_eq!(d.bom_len, if bom { 2 } else { 0 });
                assert_eq!(got, text);
                assert!(issues.is_empty());
                assert_eq!(decode_bytewise(d, &bytes), (got, issues));
            }
        }
        // Very short UTF-16 without BOM.
        assert_eq!(detect(b"a\0").encoding, Encoding::Utf16Le);
        assert_eq!(detect(b"\0a").encoding, Encoding::Utf16Be);
    }

    #[test]
    fn utf16_broken_input() {
        let le = |units: &[u16]| {
            units
                .iter()
                .flat_map(|u| u.to_le_bytes())
                .collect::<Vec<u8>>()
        };
        let d = Detected {
            encoding: Encoding::Utf16Le,
            bom_len: 0,
            repair_mojibake: false,
        };
        // A lone high surrogate, a lone low one, a high one at the very end.
        let bytes = le(&[0x61, 0xD83D, 0x62, 0x0A, 0xDE00, 0x0A, 0x63, 0xD83D]);
        let (text, issues) = decode_with(d, &bytes, &[]);
        assert_eq!(text, "a\u{FFFD}b\n\u{FFFD}\nc\u{FFFD}");
        assert_eq!(
            kinds(&issues),
            vec![
                (1, DecodeIssueKind::UnpairedSurrogate),
                (2, DecodeIssueKind::UnpairedSurrogate),
                (3, DecodeIssueKind::UnpairedSurrogate)
            ]
        );
        // Two high surrogates in a row, then a pair cut across chunks.
        let bytes = le(&[0xD83D, 0xD83D, 0xDE00]);
        for cut in 0..=bytes.len() {
            let (text, issues) = decode_with(d, &bytes, &[cut]);
            assert_eq!(text, "\u{FFFD}😀");
            assert_eq!(
                kinds(&issues),
                vec![(1, DecodeIssueKind::UnpairedSurrogate)]
            );
        }
        // An odd last byte.
        let (text, issues) = decode_with(d, b"a\0\n\0b", &[]);
        assert_eq!(text, "a\n");
        assert_eq!(kinds(&issues), vec![(2, DecodeIssueKind::OddTrailingByte)]);
        // NUL characters.
        let (text, issues) = decode_with(d, &le(&[0x61, 0, 0x0A, 0x62]), &[]);
        assert_eq!(text, "a\nb");
        assert_eq!(kinds(&issues), vec![(1, DecodeIssueKind::NulByte)]);
    }

    #[test]
    fn windows_1252_french() {
        let bytes = cp1252(FRENCH);
        assert_eq!(bytes, b"Soci\xE9t\xE9;Cr\xE9\xE9e le\r\n\xC9cole;\xE9t\xE9");
        let (d, text, issues) = decode_all(&bytes);
        assert_eq!(
            d,
            Detected {
                encoding: Encoding::Windows1252,
                bom_len: 0,
                repair_mojibake: false
            }
        );
        assert_eq!(text, FRENCH);
        assert!(issues.is_empty());
        // Other cp1252 letters and punctuation, next to one another.
        let text = "Œuvre – “Ça” … 12 €, naïve, Straße, Ærø, Señor’s";
        let (d, got, _) = decode_all(&cp1252(text));
        assert_eq!(d.encoding, Encoding::Windows1252);
        assert_eq!(got, text);
    }

    #[test]
    fn windows_1252_table() {
        let bytes: Vec<u8> = (0x80..=0xFF).collect();
        let d = Detected {
            encoding: Encoding::Windows1252,
            bom_len: 0,
            repair_mojibake: false,
        };
        let (text, issues) = decode_with(d, &bytes, &[]);
        let expected: String = [
            "€\u{81}‚ƒ„…†‡ˆ‰Š‹Œ\u{8D}Ž\u{8F}",
            "\u{90}‘’“”•–—˜™š›œ\u{9D}žŸ",
            "\u{A0}¡¢£¤¥¦§¨©ª«¬\u{AD}®¯°±²³´µ¶·¸¹º»¼½¾¿",
            "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞß",
            "àáâãäåæçèéêëìíîïðñòóôõö÷øùúûüýþÿ",
        ]
        .concat();
        assert_eq!(text, expected);
        assert!(issues.is_empty());
        for b in 0x80..=0xFFu8 {
            assert_eq!(cp1252_byte(cp1252_char(b)), Some(b));
        }
        // NUL bytes are removed and reported in this encoding too.
        let (text, issues) = decode_with(d, b"a\r\n\0b", &[]);
        assert_eq!(text, "a\r\nb");
        assert_eq!(kinds(&issues), vec![(2, DecodeIssueKind::NulByte)]);
    }

    #[test]
    fn mojibake_is_repaired() {
        let bad = "SociÃ©tÃ©;CrÃ©Ã©e le\nÃ‰cole;Ã©tÃ©\nâ€œQuoteâ€\u{9d} â€™ â€“ 12â‚¬ Ã\u{a0} Ã\u{81}lvaro";
        let good = "Société;Créée le\nÉcole;été\n“Quote” ’ – 12€ à Álvaro";
        let (d, text, issues) = decode_all(bad.as_bytes());
        assert_eq!(
            d,
            Detected {
                encoding: Encoding::Utf8,
                bom_len: 0,
                repair_mojibake: true
            }
        );
        assert_eq!(text, good);
        assert!(issues.is_empty());
        assert_eq!(
            decode_all(b"Soci\xC3\x83\xC2\xA9t\xC3\x83\xC2\xA9").1,
            "Société"
        );
        // With a BOM, and a double-encoded BOM inside.
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice("ï»¿SociÃ©tÃ©".as_bytes());
        let (d, text, _) = decode_all(&bytes);
        assert!(d.repair_mojibake);
        assert_eq!(text, "Société");
    }

    #[test]
    fn genuine_text_is_not_repaired() {
        for text in [
            "Ville;Pays\nSÃO PAULO;Brésil",
            "Ville\nSÃO PAULO\n",
            "SociÃ©tÃ© et Société",
            "Nom\nDupont\n",
            "Prix: 12 €\n",
            "Straße “quoted”",
        ] {
            let (d, got, issues) = decode_all(text.as_bytes());
            assert!(!d.repair_mojibake, "{text}");
            assert_eq!(got, text);
            assert!(issues.is_empty());
        }
        // Even when repair is asked for, what does not round-trip stays as it is.
        let d = Detected {
            encoding: Encoding::Utf8,
            bom_len: 0,
            repair_mojibake: true,
        };
        let text = "SÃO PAULO, Ã, Ã©x, Â\u{85}, ÃÃ, Â, Ã €, Ã\u{85}";
        let (got, _) = decode_with(d, text.as_bytes(), &[]);
        assert_eq!(got, "SÃO PAULO, Ã, éx, Â\u{85}, ÃÃ, Â, Ã €, Å");
    }

    #[test]
    fn invalid_utf8_reported_with_its_line() {
        let bytes = b"Nom;Ville\r\nL\xC3\xA9a;S\xC3\xA3o\r\nZo\xC3\xAB;Z\xC3\xBCrich\nab\xFFcd;x\ry\xC3\r\nend\xE2\x82";
        let (d, text, issues) = decode_all(bytes);
        assert_eq!(d.encoding, Encoding::Utf8);
        assert_eq!(
            text,
            "Nom;Ville\r\nLéa;São\r\nZoë;Zürich\nab\u{FFFD}cd;x\ry\u{FFFD}\r\nend\u{FFFD}"
        );
        assert_eq!(
            kinds(&issues),
            vec![
                (4, DecodeIssueKind::InvalidUtf8),
                (5, DecodeIssueKind::InvalidUtf8),
                (6, DecodeIssueKind::InvalidUtf8)
            ]
        );
        assert_eq!(decode_bytewise(d, bytes), (text, issues));
    }

    #[test]
    fn nul_bytes_removed_and_reported() {
        let bytes = b"a\0b\r\n\0\0c\r\0\nd\0";
        let (d, text, issues) = decode_all(bytes);
        assert_eq!(d.encoding, Encoding::Utf8);
        assert_eq!(text, "ab\r\nc\r\nd");
        let nul = DecodeIssueKind::NulByte;
        assert_eq!(
            kinds(&issues),
            vec![(1, nul), (2, nul), (2, nul), (3, nul), (3, nul)]
        );
        assert_eq!(decode_bytewise(d, bytes), (text, issues));
    }

    #[test]
    fn prefix_cut_mid_character_is_not_invalid() {
        let text = "Zoë;Zürich;€;😀".as_bytes();
        for n in 0..=text.len() {
            let d = detect(&text[..n]);
            assert_eq!(
                d,
                Detected {
                    encoding: Encoding::Utf8,
                    bom_len: 0,
                    repair_mojibake: false
                },
                "{n}"
            );
        }
        let moj = "SociÃ©tÃ©".as_bytes();
        for n in 0..moj.len() {
            assert_eq!(detect(&moj[..n]).encoding, Encoding::Utf8);
        }
        assert!(detect(&moj[..moj.len() - 1]).repair_mojibake);
    }

    #[test]
    fn stray_bytes_in_utf8_stay_utf8() {
        let mut bytes = "Nom;Société\nLéa;Zürich\nZoë;Genève\n".as_bytes().to_vec();
        bytes.extend_from_slice(b"Bj\xF6rn;Malm\xF6\n");
        let (d, text, issues) = decode_all(&bytes);
        assert_eq!(d.encoding, Encoding::Utf8);
        assert!(text.ends_with("Bj\u{FFFD}rn;Malm\u{FFFD}\n"));
        assert_eq!(kinds(&issues), vec![(4, DecodeIssueKind::InvalidUtf8); 2]);
        // Garbage that does not read as cp1252 letters: UTF-8 with replacements.
        assert_eq!(detect(b"a,b\n\x81\x8D,\x90\n").encoding, Encoding::Utf8);
        // A single high byte that reads as a letter: cp1252.
        assert_eq!(detect(b"Nom\nMalm\xF6\n").encoding, Encoding::Windows1252);
    }

    #[test]
    fn late_cp1252_switches_encoding() {
        let mut bytes = Vec::new();
        while bytes.len() < DETECT_WINDOW + 100 {
            bytes.extend_from_slice(b"Dupont;Paris\r\n");
        }
        let lines = bytes.iter().filter(|&&b| b == b'\n').count();
        bytes.extend_from_slice(&cp1252("Société;Genève\r\n"));
        let d = detect(&bytes[..DETECT_WINDOW]);
        assert_eq!(d.encoding, Encoding::Utf8);
        assert_eq!(detect(&bytes), d, "only the window counts");
        for sizes in [vec![], vec![4096; 40], vec![DETECT_WINDOW + 100]] {
            let mut dec = Decoder::new(d);
            let mut out = String::new();
            let mut rest = &bytes[..];
            for n in sizes {
                let (a, b) = rest.split_at(n.min(rest.len()));
                dec.decode(a, &mut out, false);
                rest = b;
            }
            dec.decode(rest, &mut out, true);
            assert_eq!(dec.encoding(), Encoding::Windows1252);
            assert!(dec.issues().is_empty());
            assert!(out.ends_with("Paris\r\nSociété;Genève\r\n"));
        }
        // But not once UTF-8 has been seen, nor within the detection window.
        let mut mixed = "Zoë;Zürich\n".as_bytes().to_vec();
        mixed.extend_from_slice(&bytes);
        let (text, issues) = decode_with(detect(&mixed[..DETECT_WINDOW]), &mixed, &[]);
        assert!(text.ends_with("Soci\u{FFFD}t\u{FFFD};Gen\u{FFFD}ve\r\n"));
        assert_eq!(issues.len(), 3);
        assert_eq!(issues[0].line, lines + 2);
    }

    #[test]
    fn chunk_splits_give_identical_output() {
        let mut samples: Vec<(Detected, Vec<u8>)> = Vec::new();
        let rich = "Nom;Société\r\nZoë;Zürich\r😀 € ’\n\0x\r\n";
        samples.push((detect(rich.as_bytes()), rich.as_bytes().to_vec()));
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(rich.as_bytes());
        samples.push((detect(&bom), bom));
        let mut broken = rich.as_bytes().to_vec();
        broken.extend_from_slice(b"a\xE2\x82b\xF0\x9F\x98\n\xC3");
        samples.push((detect(&broken), broken));
        for be in [false, true] {
            let b = utf16("Société\r\n😀x\0\n", be, true);
            samples.push((detect(&b), b));
        }
        let cp = cp1252(FRENCH);
        samples.push((detect(&cp), cp));
        let moj = "SociÃ©tÃ©\r\nâ€œQuoteâ€\u{9d} Ã\u{a0} Ã\n"
            .as_bytes()
            .to_vec();
        samples.push((detect(&moj), moj));
        for (d, bytes) in samples {
            let whole = decode_with(d, &bytes, &[]);
            for cut in 0..=bytes.len() {
                assert_eq!(decode_with(d, &bytes, &[cut]), whole, "{d:?} cut at {cut}");
                for cut2 in cut..=bytes.len() {
                    assert_eq!(decode_with(d, &bytes, &[cut, cut2 - cut]), whole);
                }
            }
            assert_eq!(decode_bytewise(d, &bytes), whole);
        }
    }

    #[test]
    fn line_end_counter() {
        let naive = |s: &[u8], mut prev: bool| {
            let mut n = 0;
            for &b in s {
                if b == b'\r' || (b == b'\n' && !prev) {
                    n += 1;
                }
                prev = b == b'\r';
            }
            (n, prev)
        };
        let mut rng = Rng(42);
        for _ in 0..20_000 {
            let len = rng.below(200);
            let s: Vec<u8> = (0..len).map(|_| b"\r\nab"[rng.below(4)]).collect();
            for prev in [false, true] {
                let mut p = prev;
                let n = count_line_ends(&s, &mut p);
                assert_eq!((n, p), naive(&s, prev), "{s:?} {prev}");
            }
        }
    }

    #[test]
    fn issues_are_capped() {
        let bytes = vec![0u8; 1500];
        let d = Detected {
            encoding: Encoding::Windows1252,
            bom_len: 0,
            repair_mojibake: false,
        };
        let mut dec = Decoder::new(d);
        let mut out = String::new();
        dec.decode(&bytes, &mut out, true);
        assert_eq!(out, "");
        assert_eq!(dec.issues().len(), MAX_ISSUES);
        assert_eq!(dec.issue_total(), 1500);
    }

    #[test]
    fn messages() {
        for kind in [
            DecodeIssueKind::InvalidUtf8,
            DecodeIssueKind::NulByte,
            DecodeIssueKind::UnpairedSurrogate,
            DecodeIssueKind::OddTrailingByte,
        ] {
            let m = DecodeIssue { line: 3, kind }.message();
            assert!(m.len() > 20, "{m}");
        }
        let m = DecodeIssue {
            line: 1,
            kind: DecodeIssueKind::InvalidUtf8,
        }
        .message();
        assert_eq!(m, "bytes that are not valid UTF-8 were replaced by �");
    }

    /// A small deterministic generator (xorshift).
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: usize) -> usize {
            usize::try_from(self.next() % (n.max(1) as u64)).unwrap_or(0)
        }
    }

    #[test]
    fn valid_text_round_trips() {
        let alphabet: Vec<char> = "ab;,\"\r\n\t éÉàÃ©€’“”–ŒœŸ\u{a0}\u{81}\u{9d}ÿ😀中Ж"
            .chars()
            .collect();
        let in_cp1252 = |c: char| c.is_ascii() || cp1252_byte(c).is_some();
        let mut rng = Rng(7);
        for _ in 0..2000 {
            let len = rng.below(30);
            let text: String = (0..len)
                .map(|_| alphabet[rng.below(alphabet.len())])
                .collect();
            let sizes: Vec<usize> = (0..rng.below(5)).map(|_| rng.below(9)).collect();
            let plain = |encoding| Detected {
                encoding,
                bom_len: 0,
                repair_mojibake: false,
            };
            let check = |d: Detected, bytes: &[u8], want: &str| {
                let (got, issues) = decode_with(d, bytes, &sizes);
                assert_eq!(got, want, "{d:?} {bytes:?} {sizes:?}");
                assert!(issues.is_empty());
            };
            check(plain(Encoding::Utf8), text.as_bytes(), &text);
            check(plain(Encoding::Utf16Le), &utf16(&text, false, false), &text);
            check(plain(Encoding::Utf16Be), &utf16(&text, true, false), &text);
            if text.chars().all(in_cp1252) {
                check(plain(Encoding::Windows1252), &cp1252(&text), &text);
            }
            // Double-encoded text comes back (controls and BOMs excepted: never produced).
            let moj: String = text.bytes().map(cp1252_char).collect();
            let repair = Detected {
                encoding: Encoding::Utf8,
                bom_len: 0,
                repair_mojibake: true,
            };
            if !text.contains(['\u{81}', '\u{9d}']) {
                check(repair, moj.as_bytes(), &text);
            }
        }
    }

    #[test]
    fn fuzz_random_bytes() {
        // Bytes drawn from an alphabet rich in the interesting cases.
        let alphabet: Vec<u8> = [
            b"a;\r\n\0\"".as_slice(),
            "éÃ©€’😀".as_bytes(),
            &[
                0x80, 0x81, 0x9D, 0xA9, 0xBF, 0xC3, 0xE2, 0xF0, 0xFF, 0xFE, 0xD8, 0xDC, 0xEF, 0xBB,
            ],
        ]
        .concat();
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let rounds = std::env::var("FUZZ_ROUNDS")
            .ok()
            .and_then(|r| r.parse().ok())
            .unwrap_or(3000);
        for round in 0..rounds {
            let len = rng.below(if round % 10 == 0 { 400 } else { 40 });
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    if rng.below(3) == 0 {
                        rng.next() as u8
                    } else {
                        alphabet[rng.below(alphabet.len())]
                    }
                })
                .collect();
            let detected = detect(&bytes);
            let encoding = [
                Encoding::Utf8,
                Encoding::Utf16Le,
                Encoding::Utf16Be,
                Encoding::Windows1252,
            ][rng.below(4)];
            let forced = Detected {
                encoding,
                bom_len: rng.below(4),
                repair_mojibake: rng.below(2) == 0,
            };
            for d in [detected, forced] {
                let whole = decode_with(d, &bytes, &[]);
                let sizes: Vec<usize> = (0..rng.below(6)).map(|_| rng.below(12)).collect();
                assert_eq!(
                    decode_with(d, &bytes, &sizes),
                    whole,
                    "{d:?} {bytes:?} {sizes:?}"
                );
                assert!(whole.1.iter().all(|i| i.line >= 1));
                assert!(!whole.0.contains('\0'));
            }
        }
    }
}
