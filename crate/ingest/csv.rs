//! A delimited-text record reader: quoted fields with doubled quotes and embedded line breaks,
//! CRLF / LF / CR line ends. It reuses the caller's field buffer, so a million rows allocate
//! only for their values.

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

/// Iterates over the records of a delimited text.
pub struct Records<'a> {
    src: &'a str,
    pos: usize,
    line: usize,
    delimiter: u8,
}

impl<'a> Records<'a> {
    /// A reader over `src` split on `delimiter` (an ASCII byte).
    pub fn new(src: &'a str, delimiter: u8) -> Self {
        Records {
            src,
            pos: 0,
            line: 1,
            delimiter,
        }
    }

    /// Read the next record into `fields`; returns the line it starts on, `None` at the end.
    pub fn next_record(&mut self, fields: &mut Vec<String>) -> Option<Result<usize, RecordError>> {
        let bytes = self.src.as_bytes();
        if self.pos >= bytes.len() {
            return None;
        }
        let start_line = self.line;
        let mut n = 0usize;
        loop {
            if fields.len() <= n {
                fields.push(String::new());
            }
            let field = &mut fields[n];
            field.clear();
            n += 1;
            if bytes.get(self.pos) == Some(&b'"') {
                let open_line = self.line;
                self.pos += 1;
                loop {
                    let rest = &bytes[self.pos..];
                    match memchr::memchr2(b'"', b'\n', rest) {
                        None => {
                            self.pos = bytes.len();
                            fields.truncate(n);
                            return Some(Err(RecordError {
                                line: open_line,
                                kind: RecordErrorKind::UnclosedQuote,
                            }));
                        }
                        Some(i) => {
                            field.push_str(&self.src[self.pos..self.pos + i]);
                            self.pos += i;
                            if bytes[self.pos] == b'\n' {
                                field.push('\n');
                                self.line += 1;
                                self.pos += 1;
                            } else if bytes.get(self.pos + 1) == Some(&b'"') {
                                field.push('"');
                                self.pos += 2;
                            } else {
                                self.pos += 1;
                                break;
                            }
                        }
                    }
                }
                // Text after the closing quote (`"a"b`) is kept as part of the value.
                let rest = &bytes[self.pos..];
                let i = memchr::memchr3(self.delimiter, b'\n', b'\r', rest).unwrap_or(rest.len());
                field.push_str(&self.src[self.pos..self.pos + i]);
                self.pos += i;
            } else {
                let rest = &bytes[self.pos..];
                let i = memchr::memchr3(self.delimiter, b'\n', b'\r', rest).unwrap_or(rest.len());
                field.push_str(&self.src[self.pos..self.pos + i]);
                self.pos += i;
            }
            match bytes.get(self.pos) {
                Some(&b) if b == self.delimiter => self.pos += 1,
                Some(b'\r') => {
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
        fields.truncate(n);
        Some(Ok(start_line))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(src: &str) -> Vec<Result<(usize, Vec<String>), RecordError>> {
        let mut r = Records::new(src, b',');
        let mut f = Vec::new();
        let mut out = Vec::new();
        while let Some(x) = r.next_record(&mut f) {
            out.push(x.map(|l| (l, f.clone())));
        }
        out
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
    fn empty_fields_and_multibyte_text() {
        let got = all(",é,\n");
        assert_eq!(got, vec![Ok((1, vec!["".into(), "é".into(), "".into()]))]);
    }
}
