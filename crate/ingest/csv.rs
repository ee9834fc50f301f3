//! A delimited-text record reader: quoted fields with doubled quotes and embedded line breaks,
//! CRLF / LF / CR line ends. It reads from a buffer that may end mid-record (the input streams in
//! chunks): such a record is left for the next call instead of being guessed at. It reuses the
//! caller's field buffer, so a million rows allocate only for their values.

use super::scan;
use std::fmt;

/// A record that could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordError {
    /// Line where the record starts.
    pub line: usize,
    pub kind: RecordErrorKind,
}

/// Why a record could not be read.
#[derive(Debug, Clone, PartialEq)]
pub enum RecordErrorKind {
    /// A quoted field opened on this line is never closed: the rest of the input is inside it.
    UnclosedQuote,
}

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            RecordErrorKind::UnclosedQuote => write!(
                f,
                "a quoted field opened on line {} is never closed, so everything after it was read as one value",
                self.line
            ),
        }
    }
}

/// What one call to [`Records::next_record`] found.
#[derive(Debug, Clone, PartialEq)]
pub enum Next {
    /// A whole record, starting on this line, is in the field buffer.
    Record(usize),
    /// A record that cannot be read (the input after it is still read).
    Broken(RecordError),
    /// The buffer ends inside a record: call again with more input.
    NeedMore,
    /// Nothing left.
    End,
}

/// Reads records from a text buffer.
pub struct Records<'a> {
    src: &'a str,
    pos: usize,
    line: usize,
    delimiter: u8,
    /// No more input will follow `src`: a record that runs to its end is complete.
    last: bool,
    /// Where the delimiters and line ends are, 64 bytes at a time (see [`Stops`]).
    stops: Stops,
}

impl<'a> Records<'a> {
    /// A reader over the whole of `src`, split on `delimiter` (an ASCII byte).
    pub fn new(src: &'a str, delimiter: u8) -> Self {
        Self::resume(src, delimiter, 1, true)
    }

    /// A reader over `src` that starts on line `line`; `last` says whether more input follows.
    pub fn resume(src: &'a str, delimiter: u8, line: usize, last: bool) -> Self {
        Records {
            src,
            pos: 0,
            line,
            delimiter,
            last,
            stops: Stops::new(),
        }
    }

    /// Bytes of `src` consumed by complete (or broken) records so far.
    pub fn consumed(&self) -> usize {
        self.pos
    }

    /// The line the next record starts on.
    pub fn line(&self) -> usize {
        self.line
    }

    /// Read the next record into `fields` (a copy of each value: see [`Records::next_fields`]
    /// for the reader that borrows them).
    pub fn next_record(&mut self, fields: &mut Vec<String>) -> Next {
        let mut spans = Fields::default();
        let out = self.next_fields(&mut spans);
        if matches!(out, Next::Record(_)) {
            fields.truncate(spans.len());
            for (i, value) in spans.iter(self.src).enumerate() {
                match fields.get_mut(i) {
                    Some(f) => {
                        f.clear();
                        f.push_str(value);
                    }
                    None => fields.push(value.to_string()),
                }
            }
        }
        out
    }

    /// Read the next record into `fields`: spans of the source text, so that a value is copied
    /// only when its quotes had to be undone (`""` inside, or text after the closing quote).
    pub fn next_fields(&mut self, fields: &mut Fields) -> Next {
        let (start_pos, start_line) = (self.pos, self.line);
        fields.clear();
        let out = self.read(fields);
        if out == Next::NeedMore {
            // Leave the partial record for the next call, with more input.
            self.pos = start_pos;
            self.line = start_line;
        }
        out
    }

    fn read(&mut self, fields: &mut Fields) -> Next {
        let bytes = self.src.as_bytes();
        if self.pos >= bytes.len() {
            return Next::End;
        }
        let start_line = self.line;
        loop {
            // The value so far: `src[start..end]`, or, once unescaped, `scratch[own..]`
            // followed by `src[start..end]` still to be appended.
            let (mut start, mut end) = (self.pos, self.pos);
            let mut own: Option<usize> = None;
            let quoted = bytes.get(self.pos) == Some(&b'"');
            if quoted {
                let open_line = self.line;
                self.pos += 1;
                start = self.pos;
                loop {
                    let rest = bytes.get(self.pos..).unwrap_or_default();
                    match memchr::memchr2(b'"', b'\n', rest) {
                        None => {
                            if !self.last {
                                return Next::NeedMore;
                            }
                            self.pos = bytes.len();
                            return Next::Broken(RecordError {
                                line: open_line,
                                kind: RecordErrorKind::UnclosedQuote,
                            });
                        }
                        Some(i) => {
                            let at = self.pos + i;
                            if bytes[at] == b'\n' {
                                // A line break inside the quotes is part of the value.
                                self.line += 1;
                                self.pos = at + 1;
                            } else if bytes.get(at + 1) == Some(&b'"') {
                                // A doubled quote: the value is unescaped into `scratch`.
                                own.get_or_insert(fields.scratch.len());
                                fields.scratch.push_str(&self.src[start..at + 1]);
                                self.pos = at + 2;
                                start = self.pos;
                            } else if at + 1 == bytes.len() && !self.last {
                                // A quote at the very end: the next chunk may hold its twin.
                                return Next::NeedMore;
                            } else {
                                end = at;
                                self.pos = at + 1;
                                break;
                            }
                        }
                    }
                }
            }
            // Unquoted text, or text after a closing quote (`"a"b`, kept as part of the value).
            let stop = match self.stops.first_from(bytes, self.pos, self.delimiter) {
                Some(i) => i,
                None if !self.last => return Next::NeedMore,
                None => bytes.len(),
            };
            if !quoted {
                end = stop;
            } else if stop > self.pos {
                own.get_or_insert(fields.scratch.len());
                fields.scratch.push_str(&self.src[start..end]);
                start = self.pos;
                end = stop;
            }
            self.pos = stop;
            match own {
                None => fields.spans.push(Span {
                    start,
                    end,
                    own: false,
                }),
                Some(o) => {
                    fields.scratch.push_str(&self.src[start..end]);
                    fields.spans.push(Span {
                        start: o,
                        end: fields.scratch.len(),
                        own: true,
                    });
                }
            }
            match bytes.get(self.pos) {
                Some(&b) if b == self.delimiter => {
                    self.pos += 1;
                    if self.pos == bytes.len() && !self.last {
                        return Next::NeedMore;
                    }
                }
                Some(b'\r') => {
                    if self.pos + 1 == bytes.len() && !self.last {
                        // A CR at the end of the buffer: is a LF coming?
                        return Next::NeedMore;
                    }
                    self.pos += 1;
                    if bytes.get(self.pos) == Some(&b'\n') {
                        self.pos += 1;
                    }
                    self.line += 1;
                    break;
                }
                Some(b'\n') => {
                    self.pos += 1;
                    self.line += 1;
                    break;
                }
                _ => break,
            }
        }
        Next::Record(start_line)
    }
}

/// Where one value of a record is: in the source text, or in [`Fields`]' own buffer.
#[derive(Debug, Clone, Copy)]
struct Span {
    start: usize,
    end: usize,
    own: bool,
}

/// The values of one record, as read by [`Records::next_fields`]: spans of the source text,
/// plus a buffer for the values whose quotes were undone. Reused from record to record.
#[derive(Debug, Default)]
pub struct Fields {
    spans: Vec<Span>,
    scratch: String,
}

impl Fields {
    fn clear(&mut self) {
        self.spans.clear();
        self.scratch.clear();
    }

    /// Number of values.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// Whether the record has no value.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// The values, given the text the record was read from.
    pub fn iter<'s>(&'s self, src: &'s str) -> impl Iterator<Item = &'s str> + 's {
        (0..self.spans.len()).map(move |i| self.value(src, i))
    }

    /// Value `i`, given the text the record was read from ("" past the end).
    #[inline(always)]
    pub fn value<'s>(&'s self, src: &'s str, i: usize) -> &'s str {
        self.spans.get(i).map_or("", |s| {
            let text = if s.own { self.scratch.as_str() } else { src };
            text.get(s.start..s.end).unwrap_or_default()
        })
    }

    /// The length of value `i` in bytes (0 past the end), without looking at its text.
    #[inline]
    pub fn value_len(&self, i: usize) -> usize {
        self.spans
            .get(i)
            .map_or(0, |s| s.end.saturating_sub(s.start))
    }
}

/// The delimiters, LFs and CRs of the source text, found 64 bytes at a time: one bit per byte
/// of the block that holds the last position asked for. A cell then ends at the next set bit,
/// found without looking at its bytes again; most blocks hold several cells. (The quotes are
/// looked for apart, only within quoted values.)
#[derive(Debug, Clone, Copy)]
struct Stops {
    /// Start of the block (a multiple of 64); before the first, a start from which no
    /// position is less than 64 bytes on (`pos - block` wraps to `pos + 64`).
    block: usize,
    /// Bit `i` set when byte `block + i` is a stop.
    bits: u64,
}

impl Stops {
    fn new() -> Self {
        Stops {
            block: usize::MAX - 63,
            bits: 0,
        }
    }

    /// The first delimiter, LF or CR at or after `from` in `s`.
    #[inline]
    fn first_from(&mut self, s: &[u8], from: usize, delimiter: u8) -> Option<usize> {
        let mut pos = from;
        loop {
            let mut off = pos.wrapping_sub(self.block);
            if off >= 64 {
                self.block = pos & !63;
                self.bits = block_stops(s, self.block, delimiter);
                off = pos - self.block;
            }
            let ahead = self.bits >> off;
            if ahead != 0 {
                return Some(pos + ahead.trailing_zeros() as usize);
            }
            pos = self.block + 64;
            if pos >= s.len() {
                return None;
            }
        }
    }
}

/// The stops of the (up to) 64 bytes of `s` from `at`, as bits.
#[inline]
fn block_stops(s: &[u8], at: usize, delimiter: u8) -> u64 {
    match s
        .get(at..at + 64)
        .and_then(|b| <&[u8; 64]>::try_from(b).ok())
    {
        Some(block) => scan::matches(block, [delimiter, b'\n', b'\r']),
        None => s
            .get(at..)
            .unwrap_or_default()
            .iter()
            .enumerate()
            .fold(0, |bits, (i, &b)| {
                bits | (u64::from(is_stop(b, delimiter)) << i)
            }),
    }
}

#[inline]
fn is_stop(b: u8, delimiter: u8) -> bool {
    b == delimiter || b == b'\n' || b == b'\r'
}

/// The records of `src` read as the streaming ingest reads them: fed in pieces of `size`
/// bytes (widened to character boundaries), each piece's unfinished record carried over to the
/// next. For the tests of the reader in any chunking, natively and in the browser.
#[doc(hidden)]
pub fn records_in_pieces(
    src: &str,
    delimiter: u8,
    size: usize,
) -> Vec<Result<(usize, Vec<String>), RecordError>> {
    let mut buf = String::new();
    let mut line = 1;
    let mut f = Vec::new();
    let mut out = Vec::new();
    let mut rest = src;
    loop {
        let mut cut = size.max(1).min(rest.len());
        while !rest.is_char_boundary(cut) {
            cut += 1;
        }
        buf.push_str(rest.get(..cut).unwrap_or_default());
        rest = rest.get(cut..).unwrap_or_default();
        let last = rest.is_empty();
        let mut r = Records::resume(&buf, delimiter, line, last);
        loop {
            match r.next_record(&mut f) {
                Next::Record(l) => out.push(Ok((l, f.clone()))),
                Next::Broken(e) => out.push(Err(e)),
                Next::NeedMore | Next::End => break,
            }
        }
        line = r.line();
        let used = r.consumed();
        buf.drain(..used);
        if last {
            return out;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Got = Vec<Result<(usize, Vec<String>), RecordError>>;

    fn all(src: &str) -> Got {
        let mut r = Records::new(src, b',');
        let mut f = Vec::new();
        let mut out = Vec::new();
        loop {
            match r.next_record(&mut f) {
                Next::Record(l) => out.push(Ok((l, f.clone()))),
                Next::Broken(e) => out.push(Err(e)),
                Next::NeedMore => unreachable!("the whole input is given"),
                Next::End => return out,
            }
        }
    }

    /// Feed `src` in pieces of `size` bytes (on char boundaries), as the streaming ingest does.
    fn chunked(src: &str, size: usize) -> Got {
        records_in_pieces(src, b',', size)
    }

    #[test]
    fn quotes_newlines_and_line_ends() {
        let got = all("a,\"b,\"\"c\"\"\nd\"\r\ne,f\rg,h");
        assert_eq!(
            got,
            vec![
                Ok((1, vec!["a".into(), "b,\"c\"\nd".into()])),
                Ok((3, vec!["e".into(), "f".into()])),
                Ok((4, vec!["g".into(), "h".into()])),
            ]
        );
    }

    #[test]
    fn unclosed_quote_is_reported_with_its_line() {
        let got = all("a,b\n1,\"oops\n2,3\n");
        assert_eq!(got.len(), 2);
        assert_eq!(
            got[1],
            Err(RecordError {
                line: 2,
                kind: RecordErrorKind::UnclosedQuote
            })
        );
    }

    #[test]
    fn text_after_a_closing_quote_is_kept_in_any_chunking() {
        let src = "\"a\"b,\"x\"\"y\"z,\"p\",\"\"\"\"\n\"l1\nl2\"\"q\"\" t\",\"\"tail\r\n";
        let want = vec![
            Ok((
                1,
                vec!["ab".into(), "x\"yz".into(), "p".into(), "\"".into()],
            )),
            Ok((2, vec!["l1\nl2\"q\" t".into(), "tail".into()])),
        ];
        assert_eq!(all(src), want);
        for size in 1..src.len() + 1 {
            assert_eq!(chunked(src, size), want, "chunks of {size} bytes");
        }
    }

    #[test]
    fn stops_are_found_in_every_position_and_across_blocks() {
        // Every block width up to three blocks and a ragged end, with the stops placed by a
        // simple generator: the first stop from every position must be the naive one.
        let mut seed = 7u64;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize
        };
        let alphabet = [
            b'a', b',', b'\n', b'\r', b'\t', 0x80, 0xC3, 0xA9, b'"', 0xFF, b';',
        ];
        for len in (0..200).chain([1000]) {
            for sparse in [2, 30] {
                let s: Vec<u8> = (0..len)
                    .map(|_| {
                        if next() % sparse == 0 {
                            alphabet[1 + next() % (alphabet.len() - 1)]
                        } else {
                            b'a'
                        }
                    })
                    .collect();
                for delimiter in [b',', b'\t', b';'] {
                    let mut stops = Stops::new();
                    for from in 0..=len {
                        let want = s
                            .iter()
                            .skip(from)
                            .position(|&b| is_stop(b, delimiter))
                            .map(|i| i + from);
                        assert_eq!(
                            stops.first_from(&s, from, delimiter),
                            want,
                            "{s:?} from {from}"
                        );
                        // A fresh finder (no block kept) agrees.
                        assert_eq!(Stops::new().first_from(&s, from, delimiter), want);
                    }
                }
            }
        }
    }

    #[test]
    fn empty_fields_and_multibyte_text() {
        let got = all(",é,\n");
        assert_eq!(got, vec![Ok((1, vec!["".into(), "é".into(), "".into()]))]);
    }

    #[test]
    fn any_chunking_reads_the_same_records() {
        let src = "Name,Note\r\n\"Dupont, Fils\",\"say \"\"hi\"\"\r\nnext line\"\r\nÉcole,été\rx,\"\"\n,\n\"unclosed,1\n2";
        let whole = all(src);
        for size in 1..src.len() + 1 {
            assert_eq!(chunked(src, size), whole, "chunks of {size} bytes");
        }
    }
}
