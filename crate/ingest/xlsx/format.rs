//! Turning cell values into text: numbers, dates and times, and Excel's `_xHHHH_` escapes.

/// What a cell style's number format says about how to show a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum NumFmt {
    /// Show the number itself.
    Plain,
    /// A calendar date: `YYYY-MM-DD`.
    Date,
    /// A date and a time of day: `YYYY-MM-DD HH:MM` (`:SS` when the format shows seconds).
    DateTime { seconds: bool },
    /// A time of day (`HH:MM[:SS]`), or with `elapsed` a duration in hours (`[h]:mm:ss`).
    Time { seconds: bool, elapsed: bool },
}

/// The built-in number formats that are dates or times (ECMA-376 Part 1, 18.8.30).
pub(super) fn builtin(id: u32) -> NumFmt {
    match id {
        14..=17 => NumFmt::Date,
        18 | 20 => NumFmt::Time {
            seconds: false,
            elapsed: false,
        },
        19 | 21 | 45 | 47 => NumFmt::Time {
            seconds: true,
            elapsed: false,
        },
        22 => NumFmt::DateTime { seconds: false },
        46 => NumFmt::Time {
            seconds: true,
            elapsed: true,
        },
        _ => NumFmt::Plain,
    }
}

/// Classify a custom format code such as `dd/mm/yyyy hh:mm` or `#,##0.00 "EUR"`.
///
/// Only the first section (before `;`) is considered. Text in quotes, characters escaped with
/// `\`, the character after `_` or `*`, and bracketed parts other than elapsed-time units
/// (`[h]`, `[mm]`, `[ss]`) such as colours, conditions and locales are ignored.
pub(super) fn classify(code: &str) -> NumFmt {
    #[derive(Clone, Copy, PartialEq)]
    enum Tok {
        Y,
        D,
        H,
        M,
        S,
    }
    let mut toks: Vec<Tok> = Vec::new();
    let mut elapsed = false;
    let mut ampm = false;
    let b = code.as_bytes();
    let mut i = 0usize;
    while i < b.len() {
        let c = b[i].to_ascii_lowercase();
        match c {
            b';' => break,
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += 1;
                }
            }
            b'\\' | b'_' | b'*' => {
                // Skip the next character, whatever its length in UTF-8.
                i += 1;
                while i + 1 < b.len() && (b[i + 1] & 0xC0) == 0x80 {
                    i += 1;
                }
            }
            b'[' => {
                let start = i + 1;
                while i < b.len() && b[i] != b']' {
                    i += 1;
                }
                let inner = code.get(start..i.min(b.len())).unwrap_or("");
                let lower = inner.to_ascii_lowercase();
                let all = |ch: char| !lower.is_empty() && lower.chars().all(|x| x == ch);
                if all('h') {
                    toks.push(Tok::H);
                    elapsed = true;
                } else if all('m') {
                    toks.push(Tok::M);
                    elapsed = true;
                } else if all('s') {
                    toks.push(Tok::S);
                    elapsed = true;
                }
            }
            b'g' if b.len() >= i + 7 && b[i..i + 7].eq_ignore_ascii_case(b"general") => {
                i += 6;
            }
            b'a' if b.len() >= i + 5 && b[i..i + 5].eq_ignore_ascii_case(b"am/pm") => {
                ampm = true;
                i += 4;
            }
            b'a' if b.len() >= i + 3 && b[i..i + 3].eq_ignore_ascii_case(b"a/p") => {
                ampm = true;
                i += 2;
            }
            b'y' => push_run(&mut toks, Tok::Y),
            b'd' => push_run(&mut toks, Tok::D),
            b'h' => push_run(&mut toks, Tok::H),
            b'm' => push_run(&mut toks, Tok::M),
            b's' => push_run(&mut toks, Tok::S),
            _ => {}
        }
        i += 1;
    }

    fn push_run<T: Copy + PartialEq>(toks: &mut Vec<T>, t: T) {
        // "yyyy" is one token, not four.
        if toks.last() != Some(&t) {
            toks.push(t);
        }
    }

    let mut date = false;
    let mut time = ampm;
    let mut seconds = false;
    for (k, t) in toks.iter().enumerate() {
        match t {
            Tok::Y | Tok::D => date = true,
            Tok::H => time = true,
            Tok::S => {
                time = true;
                seconds = true;
            }
            Tok::M => {
                // Minutes when right after hours or right before seconds; months otherwise.
                let after_h = k > 0 && toks[k - 1] == Tok::H;
                let before_s = toks.get(k + 1) == Some(&Tok::S);
                if after_h || before_s || (elapsed && toks.len() == 1) {
                    time = true;
                } else {
                    date = true;
                }
            }
        }
    }
    match (date, time) {
        (true, true) => NumFmt::DateTime { seconds },
        (true, false) => NumFmt::Date,
        (false, true) => NumFmt::Time { seconds, elapsed },
        (false, false) => NumFmt::Plain,
    }
}

/// Append a number in the shortest form that reads back as the same `f64`.
///
/// `raw` is the cell's stored text. Plain decimals of up to 15 significant digits are already
/// in that form and are copied; anything else is parsed and printed again. Text that is not a
/// number is copied as it is.
pub(super) fn push_number(raw: &str, out: &mut String) {
    if is_canonical_decimal(raw) {
        out.push_str(raw);
        return;
    }
    match raw.trim().parse::<f64>() {
        Ok(v) if v.is_finite() => push_f64(v, out),
        _ => out.push_str(raw),
    }
}

pub(super) fn push_f64(v: f64, out: &mut String) {
    use std::fmt::Write;
    let v = if v == 0.0 { 0.0 } else { v }; // no "-0"
    let a = v.abs();
    if a != 0.0 && !(1e-7..1e21).contains(&a) {
        let _ = write!(out, "{v:e}");
    } else {
        let _ = write!(out, "{v}");
    }
}

/// `-?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?` with at most 15 digits and not below 1e-7 in size:
/// such text is exactly what printing its `f64` gives back.
fn is_canonical_decimal(s: &str) -> bool {
    let b = s.as_bytes();
    let b = b.strip_prefix(b"-").unwrap_or(b);
    let (int, frac) = match b.iter().position(|&c| c == b'.') {
        Some(p) => (&b[..p], Some(&b[p + 1..])),
        None => (b, None),
    };
    if int.is_empty() || !int.iter().all(u8::is_ascii_digit) || (int.len() > 1 && int[0] == b'0') {
        return false;
    }
    let digits = match frac {
        None => {
            // "-0" prints as "0".
            if int == b"0" && s.starts_with('-') {
                return false;
            }
            int.len()
        }
        Some(f) => {
            if f.is_empty() || !f.iter().all(u8::is_ascii_digit) || f.last() == Some(&b'0') {
                return false;
            }
            if int == b"0" && f.iter().take_while(|&&c| c == b'0').count() >= 6 {
                return false;
            }
            int.len() + f.len()
        }
    };
    digits <= 15
}

/// Days from 1970-01-01 to the given proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// The serial of 9999-12-31, Excel's last date, plus one (1900 system).
const END_1900: f64 = 2_958_466.0;
/// 1904 serials are 1462 days smaller than 1900 ones.
const OFFSET_1904: i64 = 1462;

/// Append a date/time serial as ISO text, as `fmt` asks. Returns false (and appends nothing)
/// when the value cannot be a date in Excel (negative, or after the year 9999); the caller
/// then shows the number.
pub(super) fn push_date(v: f64, fmt: NumFmt, date1904: bool, out: &mut String) -> bool {
    use std::fmt::Write;
    let end = if date1904 {
        END_1900 - OFFSET_1904 as f64
    } else {
        END_1900
    };
    if !v.is_finite() || v < 0.0 || v >= end {
        return false;
    }
    // Round to the second, then split into days and seconds of the day.
    let total = (v * 86_400.0).round() as i64;
    let (day, sec) = (total.div_euclid(86_400), total.rem_euclid(86_400));
    let (hh, mm, ss) = (sec / 3600, sec / 60 % 60, sec % 60);

    if let NumFmt::Time { seconds, elapsed } = fmt {
        if elapsed {
            let _ = write!(out, "{:02}:{mm:02}", total / 3600);
            if seconds {
                let _ = write!(out, ":{ss:02}");
            }
            return true;
        }
        if day == 0 {
            let _ = write!(out, "{hh:02}:{mm:02}");
            if seconds {
                let _ = write!(out, ":{ss:02}");
            }
            return true;
        }
        // A time format on a full date-time value: keep the date too.
    }

    let (y, m, d) = if date1904 {
        civil_from_days(days_from_civil(1904, 1, 1) + day)
    } else if day == 60 {
        // Excel (like Lotus 1-2-3) counts a 29 February 1900 that never existed.
        (1900, 2, 29)
    } else if day < 60 {
        civil_from_days(days_from_civil(1899, 12, 31) + day)
    } else {
        civil_from_days(days_from_civil(1899, 12, 30) + day)
    };
    if y > 9999 {
        return false;
    }
    // Written digit by digit: this runs for every date cell of large sheets.
    push2(out, y / 100);
    push2(out, y % 100);
    out.push('-');
    push2(out, m);
    out.push('-');
    push2(out, d);
    match fmt {
        NumFmt::Date | NumFmt::Plain => {}
        NumFmt::DateTime { seconds } | NumFmt::Time { seconds, .. } => {
            out.push(' ');
            push2(out, hh);
            out.push(':');
            push2(out, mm);
            if seconds {
                out.push(':');
                push2(out, ss);
            }
        }
    }
    true
}

/// Append `n` (0..=99) as two digits.
fn push2(out: &mut String, n: i64) {
    let n = n.clamp(0, 99) as u8;
    out.push(char::from(b'0' + n / 10));
    out.push(char::from(b'0' + n % 10));
}

/// Append `s`, decoding Excel's `_xHHHH_` escapes (UTF-16 code units, e.g. `_x000D_` for a
/// carriage return; `_x005F_` escapes an underscore).
pub(super) fn push_unescaped(s: &str, out: &mut String) {
    if !s.contains("_x") {
        out.push_str(s);
        return;
    }
    let b = s.as_bytes();
    let mut i = 0usize;
    let mut copied = 0usize;
    let mut units: Vec<u16> = Vec::new();
    while i < b.len() {
        if let Some(u) = escape_at(b, i) {
            out.push_str(&s[copied..i]);
            units.clear();
            units.push(u);
            i += 7;
            // A surrogate pair is written as two escapes in a row.
            while (0xD800..0xDC00).contains(units.last().unwrap_or(&0)) {
                match escape_at(b, i) {
                    Some(next) => {
                        units.push(next);
                        i += 7;
                    }
                    None => break,
                }
            }
            out.extend(char::decode_utf16(units.iter().copied()).map(|r| r.unwrap_or('\u{FFFD}')));
            copied = i;
        } else {
            i += 1;
        }
    }
    out.push_str(&s[copied..]);
}

/// The code unit of an `_xHHHH_` escape starting at `i`.
fn escape_at(b: &[u8], i: usize) -> Option<u16> {
    let e = b.get(i..i + 7)?;
    if e[0] != b'_' || e[1] != b'x' || e[6] != b'_' {
        return None;
    }
    let mut v = 0u16;
    for &h in &e[2..6] {
        v = v * 16 + (h as char).to_digit(16)? as u16;
    }
    Some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(v: f64, fmt: NumFmt, d1904: bool) -> String {
        let mut s = String::new();
        assert!(push_date(v, fmt, d1904, &mut s), "{v} is not a date");
        s
    }

    fn num(raw: &str) -> String {
        let mut s = String::new();
        push_number(raw, &mut s);
        s
    }

    #[test]
    fn numbers_are_shortest_round_trip() {
        for (raw, want) in [
            ("350", "350"),
            ("0.25", "0.25"),
            ("1234.5", "1234.5"),
            ("1234.50", "1234.5"),
            ("-0", "0"),
            ("-12", "-12"),
            ("007", "7"),
            ("1E3", "1000"),
            ("2.5E-3", "0.0025"),
            ("4.0000000000000001E-3", "0.004"),
            ("0.30000000000000004", "0.30000000000000004"),
            ("0.1", "0.1"),
            ("1e21", "1e21"),
            ("1.5e-8", "1.5e-8"),
            ("0.0000001", "0.0000001"),
            ("123456789012345678", "123456789012345680"),
            ("abc", "abc"),
            ("", ""),
            ("NaN", "NaN"),
        ] {
            assert_eq!(num(raw), want, "{raw}");
        }
    }

    #[test]
    fn the_fast_path_agrees_with_parsing() {
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..200_000 {
            let r = next();
            let len = (r % 18) as usize + 1;
            let mut s = String::new();
            if r & (1 << 40) != 0 {
                s.push('-');
            }
            let dot = (r >> 8) as usize % (len + 2);
            for k in 0..len {
                if k == dot && k > 0 {
                    s.push('.');
                }
                let digit = (next() % 10) as u8;
                // Plenty of zeros, to exercise leading and trailing zero rules.
                let digit = if next() % 3 == 0 { 0 } else { digit };
                s.push((b'0' + digit) as char);
            }
            if is_canonical_decimal(&s) {
                let mut slow = String::new();
                push_f64(s.parse::<f64>().unwrap(), &mut slow);
                assert_eq!(slow, s);
            }
        }
    }

    #[test]
    fn builtin_and_custom_formats() {
        assert_eq!(builtin(14), NumFmt::Date);
        assert_eq!(builtin(22), NumFmt::DateTime { seconds: false });
        assert_eq!(builtin(0), NumFmt::Plain);
        assert_eq!(builtin(2), NumFmt::Plain);
        assert_eq!(builtin(49), NumFmt::Plain);
        let cases = [
            ("dd/mm/yyyy hh:mm", NumFmt::DateTime { seconds: false }),
            ("yyyy-mm-dd", NumFmt::Date),
            ("yyyy-mm-dd\\ hh:mm:ss", NumFmt::DateTime { seconds: true }),
            ("[$-409]d-mmm-yy;@", NumFmt::Date),
            ("mmm yyyy", NumFmt::Date),
            ("mmmm", NumFmt::Date),
            (
                "h:mm AM/PM",
                NumFmt::Time {
                    seconds: false,
                    elapsed: false,
                },
            ),
            (
                "[h]:mm:ss",
                NumFmt::Time {
                    seconds: true,
                    elapsed: true,
                },
            ),
            (
                "mm:ss",
                NumFmt::Time {
                    seconds: true,
                    elapsed: false,
                },
            ),
            ("General", NumFmt::Plain),
            ("0.00", NumFmt::Plain),
            ("#,##0.00 \"days\"", NumFmt::Plain),
            ("[Red]#,##0;[Blue]-#,##0", NumFmt::Plain),
            ("0.00E+00", NumFmt::Plain),
            ("0 \\d", NumFmt::Plain),
            ("#,##0_);(#,##0)", NumFmt::Plain),
            ("[$€-2] #,##0.00", NumFmt::Plain),
            ("@", NumFmt::Plain),
            ("_-* #,##0 _€_-", NumFmt::Plain),
            ("\"Due \"yyyy", NumFmt::Date),
            ("", NumFmt::Plain),
            ("[", NumFmt::Plain),
            ("\"", NumFmt::Plain),
            ("\\", NumFmt::Plain),
        ];
        for (code, want) in cases {
            assert_eq!(classify(code), want, "{code}");
        }
    }

    #[test]
    fn dates_in_both_systems() {
        assert_eq!(date(45000.0, NumFmt::Date, false), "2023-03-15");
        assert_eq!(date(1.0, NumFmt::Date, false), "1900-01-01");
        assert_eq!(date(59.0, NumFmt::Date, false), "1900-02-28");
        assert_eq!(date(60.0, NumFmt::Date, false), "1900-02-29");
        assert_eq!(date(61.0, NumFmt::Date, false), "1900-03-01");
        assert_eq!(date(2_958_465.0, NumFmt::Date, false), "9999-12-31");
        assert_eq!(date(0.0, NumFmt::Date, true), "1904-01-01");
        assert_eq!(date(45000.0 - 1462.0, NumFmt::Date, true), "2023-03-15");
        assert_eq!(
            date(45000.75, NumFmt::DateTime { seconds: false }, false),
            "2023-03-15 18:00"
        );
        assert_eq!(
            date(
                45000.0 + 3723.0 / 86400.0,
                NumFmt::DateTime { seconds: true },
                false
            ),
            "2023-03-15 01:02:03"
        );
        // Rounding to the second carries into the next day.
        assert_eq!(
            date(45_000.999_999_9, NumFmt::DateTime { seconds: true }, false),
            "2023-03-16 00:00:00"
        );
        let time = NumFmt::Time {
            seconds: false,
            elapsed: false,
        };
        assert_eq!(date(0.5, time, false), "12:00");
        assert_eq!(date(45000.5, time, false), "2023-03-15 12:00");
        let elapsed = NumFmt::Time {
            seconds: true,
            elapsed: true,
        };
        assert_eq!(date(1.5, elapsed, false), "36:00:00");
        let mut s = String::new();
        assert!(!push_date(-1.0, NumFmt::Date, false, &mut s));
        assert!(!push_date(3e6, NumFmt::Date, false, &mut s));
        assert!(!push_date(f64::NAN, NumFmt::Date, false, &mut s));
        assert!(!push_date(2_958_465.0, NumFmt::Date, true, &mut s));
        assert!(s.is_empty());
    }

    #[test]
    fn civil_round_trip() {
        for z in (-800_000..3_000_000).step_by(997) {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
    }

    #[test]
    fn excel_escapes() {
        let un = |s: &str| {
            let mut o = String::new();
            push_unescaped(s, &mut o);
            o
        };
        assert_eq!(un("a_x000D_b"), "a\rb");
        assert_eq!(un("_x005F_x000D_"), "_x000D_");
        assert_eq!(un("_x0041__x0042_"), "AB");
        assert_eq!(un("_xD83D__xDE00_"), "\u{1F600}");
        assert_eq!(un("_xD83D_"), "\u{FFFD}");
        assert_eq!(un("_xZZZZ_ _x12"), "_xZZZZ_ _x12");
        assert_eq!(un("é_x00e9_é"), "ééé");
        assert_eq!(un("plain"), "plain");
    }
}
