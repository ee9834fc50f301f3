//! Dates and timestamps: scanning, the per-column format decision, parsing and rendering, with
//! our own civil-calendar arithmetic (years 1900–2200 accepted when parsing).

use crate::civil::{civil_from_days, days_from_civil};

use super::{add, argmax, tally, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    Ymd,
    Dmy,
    Mdy,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OffsetStyle {
    /// "Z" (zero offset only).
    Z,
    /// "+01:00".
    Colon,
    /// "+0100".
    Compact,
}

/// The UTC offset a column's timestamps are written in; times are rendered in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Offset {
    pub minutes: i32,
    pub style: OffsetStyle,
}

/// How a column's dates are written, decided per column.
#[derive(Debug, Clone, PartialEq)]
pub struct DateFormat {
    pub order: DateOrder,
    /// Between date parts: '-', '/' or '.'.
    pub separator: char,
    /// Day and month written with two digits ("07/03/2024" rather than "7/3/2024").
    pub pad: bool,
    /// Two-digit years ("07/03/24"); not with `Ymd`.
    pub short_year: bool,
    /// Most values carry a time (each value renders its time when it has one).
    pub has_time: bool,
    /// 'T' or ' ' between date and time.
    pub time_separator: char,
    pub pad_hour: bool,
    /// "2:05 PM".
    pub twelve_hour: bool,
    pub seconds: bool,
    /// Digits written after the seconds (".000"); rendered as zeros.
    pub fraction_digits: u8,
    /// ISO timestamps with "Z" or "±hh:mm": the offset the column writes.
    pub offset: Option<Offset>,
}

impl Default for DateFormat {
    /// ISO 8601: "2024-03-07T14:05:09".
    fn default() -> Self {
        Self {
            order: DateOrder::Ymd,
            separator: '-',
            pad: true,
            short_year: false,
            has_time: false,
            time_separator: 'T',
            pad_hour: true,
            twelve_hour: false,
            seconds: true,
            fraction_digits: 0,
            offset: None,
        }
    }
}

/// A date or timestamp as written, before the column's day/month order is known.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Scan {
    /// Parts in written order: (year, month, day) when `year_first`, else (a, b, year).
    a: u32,
    b: u32,
    c: u32,
    year_first: bool,
    sep: u8,
    short_year: bool,
    /// A part below 10 written with two digits / with one.
    padded: bool,
    unpadded: bool,
    time: Option<Time>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Time {
    h: u32,
    m: u32,
    s: u32,
    seconds: bool,
    frac: u8,
    pm: Option<bool>,
    sep: u8,
    pad_hour: Option<bool>,
    offset: Option<(i32, OffsetStyle)>,
}

struct Cur<'a> {
    b: &'a [u8],
    i: usize,
}

impl Cur<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }
    fn eat(&mut self, c: u8) -> bool {
        let hit = self.peek() == Some(c);
        self.i += usize::from(hit);
        hit
    }
    fn eat_any(&mut self, set: &[u8]) -> Option<u8> {
        // (`iter().any`, not `contains`: on bytes that is a `memchr` call.)
        let c = self.peek().filter(|c| set.iter().any(|s| s == c))?;
        self.i += 1;
        Some(c)
    }
    /// Between `min` and `max` (≤ 9) digits: their value and count.
    fn num(&mut self, min: usize, max: usize) -> Option<(u32, usize)> {
        let (start, mut v) = (self.i, 0u32);
        while self.i - start < max {
            match self.peek() {
                Some(d @ b'0'..=b'9') => v = v * 10 + u32::from(d - b'0'),
                _ => break,
            }
            self.i += 1;
        }
        let n = self.i - start;
        (n >= min).then_some((v, n))
    }
    fn space(&mut self) -> bool {
        match self.peek() {
            Some(b' ') => {
                self.i += 1;
                return true;
            }
            // Not the first byte of a no-break space (C2 A0) or a narrow one (E2 80 AF).
            Some(b) if b != 0xC2 && b != 0xE2 => return false,
            None => return false,
            _ => {}
        }
        for sp in [" ", "\u{a0}", "\u{202f}"] {
            if self
                .b
                .get(self.i..)
                .is_some_and(|r| r.starts_with(sp.as_bytes()))
            {
                self.i += sp.len();
                return true;
            }
        }
        false
    }
    fn done(&self) -> bool {
        self.i >= self.b.len()
    }
}

/// `scan` of the layouts nearly every export writes — "2024-03-07", "2024-03-07 14:05",
/// "2024-03-07T14:05:09" — read by position; None for anything else (`scan` reads it).
fn scan_iso(b: &[u8]) -> Option<Scan> {
    let d = |i: usize| match b.get(i) {
        Some(&c @ b'0'..=b'9') => Some(u32::from(c - b'0')),
        _ => None,
    };
    let two = |i: usize| Some(d(i)? * 10 + d(i + 1)?);
    if !matches!(b.len(), 10 | 16 | 19) || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y = two(0)? * 100 + two(2)?;
    let (m, day) = (two(5)?, two(8)?);
    let mut s = Scan {
        a: y,
        b: m,
        c: day,
        year_first: true,
        sep: b'-',
        padded: m < 10 || day < 10,
        ..Scan::default()
    };
    if b.len() > 10 {
        let sep = b[10];
        if !(sep == b'T' || sep == b' ') || b[13] != b':' {
            return None;
        }
        let (h, mi) = (two(11)?, two(14)?);
        let (sec, seconds) = if b.len() == 19 {
            if b[16] != b':' {
                return None;
            }
            (two(17)?, true)
        } else {
            (0, false)
        };
        if h >= 24 || mi >= 60 || sec >= 60 {
            return None;
        }
        s.time = Some(Time {
            h,
            m: mi,
            s: sec,
            seconds,
            frac: 0,
            pm: None,
            sep,
            pad_hour: (h < 10).then_some(true),
            offset: None,
        });
    }
    Some(s)
}

fn scan(raw: &str) -> Option<Scan> {
    let trimmed = crate::table::trim(raw).as_bytes();
    scan_iso(trimmed).or_else(|| scan_general(trimmed))
}

fn scan_general(trimmed: &[u8]) -> Option<Scan> {
    let mut c = Cur { b: trimmed, i: 0 };
    let (a, an) = c.num(1, 4)?;
    let sep = c.eat_any(b"-/.")?;
    let (b, bn) = c.num(1, 2)?;
    if !c.eat(sep) {
        return None;
    }
    let (x, xn) = c.num(1, 4)?;
    let mut s = Scan {
        a,
        b,
        c: x,
        sep,
        ..Scan::default()
    };
    let parts = match (an, xn) {
        (4, 1..=2) => {
            s.year_first = true;
            [(b, bn), (x, xn)]
        }
        (1..=2, 2 | 4) => {
            s.short_year = xn == 2;
            [(a, an), (b, bn)]
        }
        _ => return None,
    };
    for (_, n) in parts.into_iter().filter(|p| p.0 < 10) {
        s.padded |= n == 2;
        s.unpadded |= n == 1;
    }
    if !c.done() {
        s.time = Some(time(&mut c)?);
    }
    Some(s)
}

fn time(c: &mut Cur<'_>) -> Option<Time> {
    let sep = c.eat_any(b"T ")?;
    let (h, hn) = c.num(1, 2)?;
    if !c.eat(b':') {
        return None;
    }
    let (m, _) = c.num(2, 2)?;
    let mut t = Time {
        h,
        m,
        s: 0,
        seconds: false,
        frac: 0,
        pm: None,
        sep,
        pad_hour: (h < 10).then_some(hn == 2),
        offset: None,
    };
    if c.eat(b':') {
        t.s = c.num(2, 2)?.0;
        t.seconds = true;
        if c.eat_any(b".,").is_some() {
            t.frac = u8::try_from(c.num(1, 9)?.1).ok()?;
        }
    }
    let at = c.i;
    c.space();
    match (c.peek(), c.b.get(c.i + 1)) {
        (Some(p @ (b'A' | b'a' | b'P' | b'p')), Some(b'M' | b'm')) => {
            t.pm = Some(p.eq_ignore_ascii_case(&b'p'));
            c.i += 2;
        }
        _ => c.i = at,
    }
    if !c.done() {
        c.space();
        t.offset = Some(offset(c)?);
    }
    let hours_ok = if t.pm.is_some() {
        (1..=12).contains(&t.h)
    } else {
        t.h < 24
    };
    (c.done() && hours_ok && t.m < 60 && t.s < 60).then_some(t)
}

fn offset(c: &mut Cur<'_>) -> Option<(i32, OffsetStyle)> {
    if c.eat(b'Z') {
        return Some((0, OffsetStyle::Z));
    }
    let sign = if c.eat_any(b"+-")? == b'+' { 1 } else { -1 };
    let (h, _) = c.num(2, 2)?;
    let (m, style) = if c.eat(b':') {
        (c.num(2, 2)?.0, OffsetStyle::Colon)
    } else {
        (c.num(2, 2).map_or(0, |m| m.0), OffsetStyle::Compact)
    };
    let minutes = i32::try_from(h * 60 + m).ok()?;
    (h <= 14 && m < 60).then_some((sign * minutes, style))
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn valid(y: i64, m: u32, d: u32) -> Option<(i64, u32, u32)> {
    let ok = (1900..=2200).contains(&y) && (1..=12).contains(&m);
    (ok && d >= 1 && d <= days_in_month(y, m)).then_some((y, m, d))
}

/// The calendar date of `s` read in `order` (year-first dates are read as such in any order; in a
/// `Ymd` column, year-last dates must read one way only).
fn resolve(s: &Scan, order: DateOrder) -> Option<(i64, u32, u32)> {
    if s.year_first {
        return valid(i64::from(s.a), s.b, s.c);
    }
    let y = i64::from(match (s.short_year, s.c) {
        (true, c) if c < 69 => 2000 + c,
        (true, c) => 1900 + c,
        (false, c) => c,
    });
    match order {
        DateOrder::Dmy => valid(y, s.b, s.a),
        DateOrder::Mdy => valid(y, s.a, s.b),
        DateOrder::Ymd => match (valid(y, s.b, s.a), valid(y, s.a, s.b)) {
            (Some(d), None) | (None, Some(d)) => Some(d),
            (Some(d), Some(_)) if s.a == s.b => Some(d),
            _ => None,
        },
    }
}

fn to_value(s: &Scan, order: DateOrder) -> Option<Value> {
    Some(value_at(s, resolve(s, order)?))
}

/// The value of `s` on calendar date `(y, m, d)` (as [`resolve`] gives it), with its time.
fn value_at(s: &Scan, (y, m, d): (i64, u32, u32)) -> Value {
    let day = days_from_civil(y, m, d) * 86_400;
    match s.time {
        None => Value::Date {
            secs: day,
            has_time: false,
        },
        Some(t) => {
            let h = match t.pm {
                Some(pm) => t.h % 12 + if pm { 12 } else { 0 },
                None => t.h,
            };
            let off = t.offset.map_or(0, |o| i64::from(o.0) * 60);
            let secs = day + i64::from(h * 3600 + t.m * 60 + t.s) - off;
            Value::Date {
                secs,
                has_time: true,
            }
        }
    }
}

pub(super) fn parse(raw: &str, f: &DateFormat) -> Option<Value> {
    to_value(&scan(raw)?, f.order)
}

/// What a column's date values say, weighted by rows.
#[derive(Default)]
pub(super) struct DateStats {
    pub(super) fail: u64,
    ymd: u64,
    dmy: u64,
    mdy: u64,
    both: u64,
    /// First value that reads as two different dates ("03/07/2024").
    ambiguous: Option<usize>,
    sep_ymd: [u64; 3],
    sep_yl: [u64; 3],
    pad: [u64; 2],
    short: [u64; 2],
    timed: [u64; 2],
    t_sep: [u64; 2],
    twelve: [u64; 2],
    seconds: [u64; 2],
    pad_hour: [u64; 2],
    frac: [u64; 10],
    offsets: Vec<((i32, OffsetStyle), u64)>,
    no_offset: u64,
}

const SEPS: &[u8; 3] = b"-/.";

/// What [`DateStats::add`] made of a value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Read {
    /// Not a valid date in any order.
    Not,
    /// A year-first date, read the same whatever the column's order: its value, as
    /// [`parse`] gives it under any format.
    YearFirst(Value),
    /// A valid date with the year last, whose value waits for the column's order.
    YearLast,
}

impl DateStats {
    /// Count one value.
    pub(super) fn add(&mut self, raw: &str, w: u64, idx: usize) -> Read {
        let Some(s) = scan(raw) else {
            return Read::Not;
        };
        let sep = SEPS.iter().position(|&c| c == s.sep).unwrap_or(0);
        let read = if s.year_first {
            let Some(ymd) = resolve(&s, DateOrder::Ymd) else {
                return Read::Not;
            };
            add(&mut self.ymd, w);
            add(&mut self.sep_ymd[sep], w);
            Read::YearFirst(value_at(&s, ymd))
        } else {
            let dmy = resolve(&s, DateOrder::Dmy).is_some();
            let slot = match (dmy, resolve(&s, DateOrder::Mdy).is_some()) {
                (false, false) => return Read::Not,
                (true, false) => &mut self.dmy,
                (false, true) => &mut self.mdy,
                (true, true) => {
                    if s.a != s.b {
                        self.ambiguous.get_or_insert(idx);
                    }
                    &mut self.both
                }
            };
            add(slot, w);
            add(&mut self.sep_yl[sep], w);
            add(&mut self.short[usize::from(s.short_year)], w);
            Read::YearLast
        };
        if s.padded || s.unpadded {
            add(&mut self.pad[usize::from(s.padded)], w);
        }
        add(&mut self.timed[usize::from(s.time.is_some())], w);
        if let Some(t) = s.time {
            add(&mut self.t_sep[usize::from(t.sep == b' ')], w);
            add(&mut self.twelve[usize::from(t.pm.is_some())], w);
            add(&mut self.seconds[usize::from(t.seconds)], w);
            if let Some(p) = t.pad_hour {
                add(&mut self.pad_hour[usize::from(p)], w);
            }
            if let Some(f) = self.frac.get_mut(usize::from(t.frac)) {
                add(f, w);
            }
            match t.offset {
                Some(o) => tally(&mut self.offsets, o, w),
                None => add(&mut self.no_offset, w),
            }
        }
        read
    }

    /// The column's format, with a note when the locale had to choose the day/month order.
    pub(super) fn decide(
        &self,
        values: &dyn super::Tally,
        fr: bool,
        locale: &str,
    ) -> (DateFormat, Option<String>) {
        let year_last = self.dmy.saturating_add(self.mdy).saturating_add(self.both);
        let (order, ambiguous) = if self.ymd >= year_last {
            (DateOrder::Ymd, None)
        } else if self.dmy != self.mdy {
            (
                if self.dmy > self.mdy {
                    DateOrder::Dmy
                } else {
                    DateOrder::Mdy
                },
                None,
            )
        } else {
            (
                if fr { DateOrder::Dmy } else { DateOrder::Mdy },
                self.ambiguous,
            )
        };
        let note = ambiguous.filter(|&i| i < values.len()).map(|i| {
            let v = values.at(i);
            let read = if order == DateOrder::Dmy {
                "day/month/year"
            } else {
                "month/day/year"
            };
            format!(
                "dates read as {read} (no value decides between day/month and month/day, e.g. \
                 \"{}\"; the agreement's locale {locale} decides)",
                v.0.trim()
            )
        });
        let seps = if order == DateOrder::Ymd {
            &self.sep_ymd
        } else {
            &self.sep_yl
        };
        let twelve_hour = self.twelve[1] > self.twelve[0];
        let offset = (self.offsets.iter().rev().max_by_key(|e| e.1))
            .filter(|e| e.1 > self.no_offset)
            .map(|&((minutes, style), _)| Offset { minutes, style });
        let format = DateFormat {
            order,
            separator: char::from(SEPS[argmax(seps).0]),
            pad: self.pad[1] >= self.pad[0],
            short_year: order != DateOrder::Ymd && self.short[1] > self.short[0],
            has_time: self.timed[1] > self.timed[0],
            time_separator: if self.t_sep[0] > self.t_sep[1] {
                'T'
            } else {
                ' '
            },
            pad_hour: if self.pad_hour == [0, 0] {
                !twelve_hour
            } else {
                self.pad_hour[1] >= self.pad_hour[0]
            },
            twelve_hour,
            seconds: self.seconds[1] > self.seconds[0],
            fraction_digits: u8::try_from(argmax(&self.frac).0).unwrap_or(0),
            offset,
        };
        (format, note)
    }
}

/// A rendered date, made on the stack: each byte is a store, where `String::push` is a call
/// (the render runs once per distinct value of every date column). Long enough for any
/// date this module writes; a byte past the end is dropped, which can only make a rendering
/// differ from its original, whose text is then kept.
struct Text {
    buf: [u8; 96],
    len: usize,
}

impl Default for Text {
    fn default() -> Self {
        Text {
            buf: [0; 96],
            len: 0,
        }
    }
}

impl Text {
    #[inline(always)]
    fn byte(&mut self, b: u8) {
        if let Some(x) = self.buf.get_mut(self.len) {
            *x = b;
            self.len += 1;
        }
    }

    fn ch(&mut self, c: char) {
        let mut utf8 = [0u8; 4];
        for &b in c.encode_utf8(&mut utf8).as_bytes() {
            self.byte(b);
        }
    }

    fn as_str(&self) -> &str {
        // Whole characters only (`ch` writes all of a character's bytes or, past the end, the
        // first of them: cut there).
        let bytes = self.buf.get(..self.len).unwrap_or_default();
        match std::str::from_utf8(bytes) {
            Ok(s) => s,
            Err(e) => std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default(),
        }
    }
}

/// Append `v` in decimal, zero-padded to `width` digits (the render path runs once per distinct
/// value of every date column: `write!` and its formatter cost several times this).
fn push_num(out: &mut Text, v: u64, width: usize) {
    // Days, months, hours and minutes: one or two digits.
    if v < 100 && width <= 2 {
        let (tens, ones) = ((v / 10) as u8, (v % 10) as u8);
        if tens > 0 || width == 2 {
            out.byte(b'0' + tens);
        }
        out.byte(b'0' + ones);
        return;
    }
    let mut digits = [b'0'; 20];
    let (mut n, mut v) = (0, v);
    loop {
        digits[19 - n] = b'0' + (v % 10) as u8;
        v /= 10;
        n += 1;
        if v == 0 {
            break;
        }
    }
    for _ in n..width {
        out.byte(b'0');
    }
    for &d in &digits[20 - n..] {
        out.byte(d);
    }
}

/// A year as `{y:04}` writes it (a sign, then at least four digits with the sign counted).
fn push_year(out: &mut Text, y: i64) {
    if (1000..10_000).contains(&y) {
        // Nearly every year: two pairs of digits, no loop.
        let y = y as u64;
        push_num(out, y / 100, 2);
        push_num(out, y % 100, 2);
    } else if y < 0 {
        out.byte(b'-');
        push_num(out, y.unsigned_abs(), 3);
    } else {
        push_num(out, y.unsigned_abs(), 4);
    }
}

/// How a column's format writes its dates, byte by byte (`#` for a digit), made once a
/// column. A trimmed value that parses as a date and [`fits`](Shape::fits) it is exactly what
/// [`render`] writes for it, told from its shape alone: two-digit fields and four-digit years
/// where the format puts them, its separators, and a time of day within the clock. Typing a
/// date column asks this of every distinct value, and rendering each one to compare cost a
/// tenth of a load; a value that does not fit is rendered and compared (as every value of a
/// format with a 12-hour clock, an offset, fractions, short years or unpadded fields is).
#[derive(Debug, Clone, Copy)]
pub(super) struct Shape {
    bytes: [u8; 19],
    len: usize,
}

impl Shape {
    /// The shape of `f`'s dates, when its values can be told by their shape.
    pub(super) fn of(f: &DateFormat) -> Option<Shape> {
        if !f.pad || f.short_year || f.twelve_hour || f.offset.is_some() || f.fraction_digits > 0 {
            return None;
        }
        let (sep, t_sep) = (
            u8::try_from(f.separator).ok()?,
            u8::try_from(f.time_separator).ok()?,
        );
        let len = match (f.has_time, f.seconds) {
            (false, _) => 10,
            (true, _) if !f.pad_hour => return None,
            (true, false) => 16,
            (true, true) => 19,
        };
        let mut bytes = *b"##########T##:##:##";
        // Where the date's separators go: after the year, or after two two-digit fields.
        let date = if f.order == DateOrder::Ymd {
            [4, 7]
        } else {
            [2, 5]
        };
        for i in date {
            bytes[i] = sep;
        }
        bytes[10] = t_sep;
        Some(Shape { bytes, len })
    }

    /// Whether `raw` has this shape, with a clock within 23:59:59 (one past it would be read
    /// as the next day, and written as such).
    pub(super) fn fits(&self, raw: &[u8]) -> bool {
        if raw.len() != self.len {
            return false;
        }
        let shaped = raw.iter().zip(&self.bytes).all(|(&b, &want)| {
            if want == b'#' {
                b.wrapping_sub(b'0') < 10
            } else {
                b == want
            }
        });
        let two = |at: usize| u32::from(raw[at] - b'0') * 10 + u32::from(raw[at + 1] - b'0');
        shaped
            && (self.len == 10
                || (two(11) < 24 && two(14) < 60 && (self.len == 16 || two(17) < 60)))
    }
}

pub(super) fn render(into: &mut String, secs: i64, has_time: bool, f: &DateFormat) {
    // "2024-03-07T14:05:09.000+01:00" and the like, made on the stack and appended at once.
    let mut text = Text::default();
    render_text(&mut text, secs, has_time, f);
    into.push_str(text.as_str());
}

fn render_text(out: &mut Text, secs: i64, has_time: bool, f: &DateFormat) {
    let shift = match f.offset {
        Some(o) if has_time => i64::from(o.minutes) * 60,
        _ => 0,
    };
    let t = secs.saturating_add(shift);
    let (y, m, d) = civil_from_days(t.div_euclid(86_400));
    let tod = t.rem_euclid(86_400);
    let sep = f.separator;
    let width = if f.pad { 2 } else { 1 };
    if f.order == DateOrder::Ymd {
        push_year(out, y);
        out.ch(sep);
        push_num(out, u64::from(m), width);
        out.ch(sep);
        push_num(out, u64::from(d), width);
    } else {
        let (a, b) = if f.order == DateOrder::Dmy {
            (d, m)
        } else {
            (m, d)
        };
        push_num(out, u64::from(a), width);
        out.ch(sep);
        push_num(out, u64::from(b), width);
        out.ch(sep);
        if f.short_year {
            push_num(out, y.rem_euclid(100).unsigned_abs(), 2);
        } else {
            push_year(out, y);
        }
    }
    if !has_time {
        return;
    }
    let (h, mi, s) = (tod / 3600, tod / 60 % 60, tod % 60);
    let hh = if f.twelve_hour { (h + 11) % 12 + 1 } else { h };
    out.ch(f.time_separator);
    push_num(out, hh.unsigned_abs(), if f.pad_hour { 2 } else { 1 });
    out.byte(b':');
    push_num(out, mi.unsigned_abs(), 2);
    if f.seconds {
        out.byte(b':');
        push_num(out, s.unsigned_abs(), 2);
        if f.fraction_digits > 0 {
            out.byte(b'.');
            for _ in 0..f.fraction_digits.min(9) {
                out.byte(b'0');
            }
        }
    }
    if f.twelve_hour {
        for &b in if h < 12 { b" AM" } else { b" PM" } {
            out.byte(b);
        }
    }
    if let Some(o) = f.offset {
        let (sign, a) = (
            if o.minutes < 0 { b'-' } else { b'+' },
            o.minutes.unsigned_abs(),
        );
        if o.style == OffsetStyle::Z && o.minutes == 0 {
            out.byte(b'Z');
        } else {
            out.byte(sign);
            push_num(out, u64::from(a / 60), 2);
            if o.style != OffsetStyle::Compact {
                out.byte(b':');
            }
            push_num(out, u64::from(a % 60), 2);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{infer, parse, render, ColumnType, DateOrder, Value};
    use super::{civil_from_days, days_from_civil};

    fn column(values: &[&str], locale: &str) -> super::super::Inference {
        let v: Vec<(&str, u64)> = values.iter().map(|&s| (s, 1)).collect();
        infer(&v, locale)
    }

    /// Infers a column, checks each value renders back as written, and returns the type.
    fn round_trip(values: &[&str], locale: &str) -> ColumnType {
        let inf = column(values, locale);
        assert!(
            matches!(inf.column_type, ColumnType::Date(_)),
            "{values:?}: {inf:?}"
        );
        assert!(inf.misfits.is_empty(), "{values:?}: {inf:?}");
        for v in values {
            assert_eq!(
                render(parse(v, &inf.column_type), &inf.column_type),
                *v,
                "{inf:?}"
            );
        }
        inf.column_type
    }

    fn secs(raw: &str, t: &ColumnType) -> i64 {
        match parse(raw, t) {
            Value::Date { secs, .. } => secs,
            v => panic!("{raw}: {v:?}"),
        }
    }

    #[test]
    fn the_iso_fast_path_reads_as_the_general_scan() {
        let mut n = 0;
        for date in [
            "2024-03-07",
            "0024-12-31",
            "2024-13-45",
            "1999-01-01",
            "2024-3-07",
        ] {
            for time in [
                "",
                " 14:05",
                "T14:05",
                " 04:05",
                "T00:00:00",
                " 23:59:59",
                " 24:00",
                " 12:60",
                " 12:00:60",
                "T1:05",
                " 14:05:09",
                "x14:05",
                " 14-05",
                " 14:05-09",
            ] {
                let v = format!("{date}{time}");
                let fast = super::scan_iso(v.as_bytes());
                let general = super::scan_general(v.as_bytes());
                if fast.is_some() {
                    n += 1;
                    assert_eq!(fast, general, "{v}");
                }
            }
        }
        assert!(n > 20, "{n} values took the fast path");
    }

    /// The shape check that spares typing a render: whenever it says a value is written as
    /// rendered, the render says so too, in every format; and it does say so for the plain
    /// ISO and day-first values exports are full of (else it spares nothing).
    #[test]
    fn a_value_shaped_as_rendered_renders_as_written() {
        use super::{DateFormat, Shape};
        let written_as_rendered =
            |raw: &[u8], f: &DateFormat| Shape::of(f).is_some_and(|s| s.fits(raw));
        let orders = [DateOrder::Ymd, DateOrder::Dmy, DateOrder::Mdy];
        let (mut agreed, mut spared) = (0, 0);
        for order in orders {
            for (sep, t_sep, pad, short_year, has_time, seconds, pad_hour) in [
                ('-', ' ', true, false, true, false, true),
                ('-', 'T', true, false, true, true, true),
                ('/', ' ', true, false, false, false, true),
                ('.', ' ', true, false, true, true, true),
                ('/', ' ', false, false, true, false, true),
                ('/', ' ', true, true, false, false, true),
                ('-', ' ', true, false, true, false, false),
            ] {
                let f = DateFormat {
                    order,
                    separator: sep,
                    pad,
                    short_year,
                    has_time,
                    time_separator: t_sep,
                    pad_hour,
                    seconds,
                    ..DateFormat::default()
                };
                let t = ColumnType::Date(f.clone());
                for (y, m, d) in [
                    (2024, 3, 7),
                    (1999, 12, 31),
                    (2024, 2, 29),
                    (2023, 2, 29),
                    (2024, 11, 4),
                ] {
                    for (h, mi, s) in [
                        (0, 0, 0),
                        (9, 5, 7),
                        (23, 59, 59),
                        (24, 0, 0),
                        (12, 60, 0),
                        (12, 0, 60),
                    ] {
                        let (a, b) = if order == DateOrder::Mdy {
                            (m, d)
                        } else {
                            (d, m)
                        };
                        let dates = [
                            format!("{y:04}{sep}{m:02}{sep}{d:02}"),
                            format!("{a:02}{sep}{b:02}{sep}{y:04}"),
                            format!("{a}{sep}{b}{sep}{y}"),
                            format!("{y:04}-{m:02}-{d:02}"),
                        ];
                        let times = [
                            String::new(),
                            format!("{t_sep}{h:02}:{mi:02}"),
                            format!("{t_sep}{h:02}:{mi:02}:{s:02}"),
                            format!(" {h:02}:{mi:02}"),
                            format!("T{h}:{mi:02}"),
                        ];
                        for date in &dates {
                            for time in &times {
                                let raw = format!("{date}{time}");
                                let v = parse(&raw, &t);
                                if v == Value::Missing {
                                    continue;
                                }
                                let same = render(v, &t) == raw;
                                let shaped = written_as_rendered(raw.as_bytes(), &f);
                                assert!(
                                    !shaped || same,
                                    "{raw:?} under {f:?}: shaped, but renders as {:?}",
                                    render(v, &t)
                                );
                                agreed += usize::from(same);
                                spared += usize::from(shaped);
                            }
                        }
                    }
                }
            }
        }
        // Most values that render back are told by their shape (the rest: unpadded fields,
        // short years, hours without a leading zero).
        assert!(spared * 2 > agreed, "spared {spared} of {agreed}");
        let iso = DateFormat {
            has_time: true,
            time_separator: ' ',
            seconds: false,
            ..DateFormat::default()
        };
        assert!(written_as_rendered(b"2025-04-11 23:32", &iso));
        assert!(!written_as_rendered(b"2025-04-11 24:00", &iso));
        assert!(!written_as_rendered(b"2025-04-11T23:32", &iso));
        assert!(!written_as_rendered(b"2025-04-11", &iso));
    }

    #[test]
    fn numbers_written_as_format_writes_them() {
        for y in [
            -12_345i64,
            -2024,
            -5,
            0,
            7,
            99,
            2024,
            12_345,
            i64::MIN + 1,
            i64::MAX,
        ] {
            let mut out = super::Text::default();
            super::push_year(&mut out, y);
            assert_eq!(out.as_str(), format!("{y:04}"));
        }
        for v in [0u64, 5, 10, 59, 123, u64::MAX] {
            for w in 1..=3 {
                let mut out = super::Text::default();
                super::push_num(&mut out, v, w);
                assert_eq!(out.as_str(), format!("{v:0w$}"));
            }
        }
    }

    #[test]
    fn civil_arithmetic_round_trips() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(1900, 1, 1), -25_567);
        for z in (-30_000..100_000).step_by(7) {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
    }

    #[test]
    fn iso_dates_and_timestamps() {
        let t = round_trip(&["2024-03-07", "2024-12-31"], "en");
        assert_eq!(secs("2024-03-07", &t), 1_709_769_600);
        round_trip(&["2024-03-07T14:05", "2024-03-08T09:00"], "en");
        let t = round_trip(&["2024-03-07 14:05:09", "2024-03-08 09:00:00"], "en");
        assert_eq!(
            secs("2024-03-07 14:05:09", &t),
            1_709_769_600 + 14 * 3600 + 5 * 60 + 9
        );
        let t = round_trip(&["2024-03-07T14:05:09Z", "2024-03-07T15:00:00Z"], "en");
        assert_eq!(
            secs("2024-03-07T15:05:09+01:00", &t),
            secs("2024-03-07T14:05:09Z", &t)
        );
        assert_eq!(
            secs("2024-03-07T15:05:09+0100", &t),
            secs("2024-03-07T14:05:09Z", &t)
        );
        round_trip(
            &["2024-03-07T14:05:09+01:00", "2024-03-08T00:30:00+01:00"],
            "en",
        );
        round_trip(
            &["2024-03-07T14:05:09.000Z", "2024-03-07T15:00:00.000Z"],
            "en",
        );
        round_trip(&["2024-03-07T14:05:09-0500"], "en");
    }

    #[test]
    fn day_month_order() {
        // A first part above 12 decides day/month/year; a second part above 12 month/day/year.
        let t = round_trip(&["07/03/2024", "25/12/2024"], "en");
        assert!(matches!(&t, ColumnType::Date(f) if f.order == DateOrder::Dmy));
        assert_eq!(secs("07/03/2024", &t), 1_709_769_600);
        let t = round_trip(&["3/7/2024", "12/25/2024"], "fr");
        assert!(matches!(&t, ColumnType::Date(f) if f.order == DateOrder::Mdy));
        assert_eq!(secs("3/7/2024", &t), 1_709_769_600);
        round_trip(&["07.03.2024", "25.12.2024"], "en");
        round_trip(&["07-03-2024", "25-12-2024"], "en");
        round_trip(&["07/03/24", "25/12/24"], "en");
        // Neither: the locale decides and says so.
        let inf = column(&["07/03/2024", "01/02/2024"], "fr");
        assert!(matches!(&inf.column_type, ColumnType::Date(f) if f.order == DateOrder::Dmy));
        let note = inf.note.unwrap_or_default();
        assert!(
            note.contains("day/month/year") && note.contains("locale fr"),
            "{note}"
        );
        let inf = column(&["07/03/2024", "01/02/2024"], "en");
        assert!(matches!(&inf.column_type, ColumnType::Date(f) if f.order == DateOrder::Mdy));
        assert!(inf.note.is_some());
        assert!(column(&["01/01/2024", "2024-03-07"], "en").note.is_none());
        // Both: the majority wins, the others are misfits.
        let mut v = vec!["25/12/2024"; 30];
        v.push("12/25/2024");
        let inf = column(&v, "en");
        assert!(matches!(&inf.column_type, ColumnType::Date(f) if f.order == DateOrder::Dmy));
        assert_eq!(inf.misfits, vec![30]);
    }

    #[test]
    fn times_with_dates() {
        let t = round_trip(&["3/7/2024 14:05", "3/25/2024 9:30"], "en");
        assert_eq!(secs("3/7/2024 14:05", &t), 1_709_769_600 + 14 * 3600 + 300);
        let t = round_trip(
            &[
                "3/7/2024 2:05 PM",
                "3/25/2024 12:30 AM",
                "3/9/2024 11:59 PM",
            ],
            "en",
        );
        assert_eq!(
            secs("3/7/2024 2:05 PM", &t),
            1_709_769_600 + 14 * 3600 + 300
        );
        assert_eq!(secs("3/25/2024 12:30 AM", &t) % 86_400, 30 * 60);
        round_trip(&["07/03/2024 14:05:09", "25/12/2024 09:00:00"], "fr");
        // The column's format decides whether a time is written (a caller keeps the others).
        let t = column(
            &["2024-03-07 14:05", "2024-03-08 09:00", "2024-03-09"],
            "en",
        )
        .column_type;
        assert_eq!(render(parse("2024-03-09", &t), &t), "2024-03-09 00:00");
    }

    #[test]
    fn invalid_dates_are_misfits() {
        let mut v = vec!["2024-03-07"; 100];
        v.extend([
            "2024-02-31",
            "2023-02-29",
            "2024-13-01",
            "1850-01-01",
            "2024-03-07 25:00",
        ]);
        let inf = column(&v, "en");
        assert!(matches!(inf.column_type, ColumnType::Date(_)));
        assert_eq!(inf.misfits, vec![100, 101, 102, 103, 104]);
        assert!(matches!(
            parse("2024-02-29", &inf.column_type),
            Value::Date { .. }
        ));
        for bad in [
            "31/02/2024",
            "2024-03",
            "03/07",
            "2024-03-07T",
            "2024-03-07 14:5",
            "7/3/202",
        ] {
            assert_eq!(parse(bad, &inf.column_type), Value::Missing, "{bad}");
        }
    }
}
