//! Column typing: decide each column's type from its distinct raw values ([`infer`]), read one
//! value under that type ([`parse`]) and write a typed value back in the column's own format
//! ([`render`]), so that only values whose rendering differs from their raw text need keeping.
//!
//! Pure functions over `&str`: no clock, no I/O, no allocation per value in the scanning paths,
//! and no panic on any input.

mod dates;

use crate::table::trim;
pub use dates::{DateFormat, DateOrder, Offset, OffsetStyle};

/// A parsed cell.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    Missing,
    Number(f64),
    /// Seconds since 1970-01-01T00:00:00 UTC (local times without offset are taken as UTC);
    /// `has_time` false for date-only values.
    Date {
        secs: i64,
        has_time: bool,
    },
    Bool(bool),
    /// Inclusive bounds; `lo` may be `-∞` ("< 10") and `hi` `+∞` ("10000+").
    Range {
        lo: f64,
        hi: f64,
    },
}

/// How a column's numbers are written, decided per column. The value of "12 %" is 12.
#[derive(Debug, Clone, PartialEq)]
pub struct NumberFormat {
    /// '.' or ','.
    pub decimal: char,
    /// Thousands separator: ',', '.', ' ', '\u{a0}', '\u{202f}' or '\''; None when not grouped.
    pub grouping: Option<char>,
    /// Fixed number of decimals when the column writes them ("18250.50"); None: as many as needed.
    pub fraction_digits: Option<u8>,
    pub percent: bool,
    /// "€", "$", "USD", …
    pub currency: Option<String>,
    /// "25 000 €" rather than "€25 000".
    pub currency_after: bool,
    /// The space between the number and its currency or percent sign, if any ("12 %").
    pub space: Option<char>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BoolFormat {
    pub true_text: String,
    pub false_text: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ColumnType {
    Number(NumberFormat),
    Date(DateFormat),
    Bool(BoolFormat),
    /// Ranges ("51-200", "10 000+") and plain numbers; the caller keeps their text.
    Range,
    Text,
}

/// The decision for one column.
#[derive(Debug, Clone, PartialEq)]
pub struct Inference {
    pub column_type: ColumnType,
    /// Indices (into the `values` slice given) of non-missing values that do not fit the chosen type.
    pub misfits: Vec<usize>,
    /// Set when the data could not decide and the locale did.
    pub note: Option<String>,
}

impl Default for NumberFormat {
    fn default() -> Self {
        Self {
            decimal: '.',
            grouping: None,
            fraction_digits: None,
            percent: false,
            currency: None,
            currency_after: false,
            space: None,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Shared helpers

fn add(total: &mut u64, w: u64) {
    *total = total.saturating_add(w);
}

/// Whether `bad` rows out of `total` leave at least 95% fitting.
fn fits(bad: u64, total: u64) -> bool {
    u128::from(bad) * 20 <= u128::from(total)
}

/// Index and weight of the first largest entry (0, 0 for an empty slice).
fn argmax(xs: &[u64]) -> (usize, u64) {
    xs.iter().enumerate().fold(
        (0, 0),
        |best, (i, &x)| if x > best.1 { (i, x) } else { best },
    )
}

/// Count `w` for `key` in a small tally; keys past the 16th are ignored.
fn tally<K: PartialEq>(v: &mut Vec<(K, u64)>, key: K, w: u64) {
    if let Some(e) = v.iter_mut().find(|e| e.0 == key) {
        add(&mut e.1, w);
    } else if v.len() < 16 {
        v.push((key, w));
    }
}

fn top<K: Copy>(v: &[(K, u64)]) -> Option<K> {
    v.iter().rev().max_by_key(|e| e.1).map(|e| e.0)
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}')
}

fn strip_space(s: &str) -> (Option<char>, &str) {
    match s.chars().next() {
        Some(c) if is_space(c) => (Some(c), s.get(c.len_utf8()..).unwrap_or_default()),
        _ => (None, s),
    }
}

/// Lower-case `s` and strip Latin accents into `buf`; None when it does not fit or holds a
/// character without a plain form.
fn fold_small<'b>(s: &str, buf: &'b mut [u8; 48]) -> Option<&'b str> {
    let mut n = 0;
    for c in s.chars() {
        let one;
        let rep: &[u8] = if c.is_ascii() {
            one = [c.to_ascii_lowercase() as u8];
            &one
        } else {
            strip_accent(c)?.as_bytes()
        };
        buf.get_mut(n..n + rep.len())?.copy_from_slice(rep);
        n += rep.len();
    }
    std::str::from_utf8(buf.get(..n)?).ok()
}

/// Copied from `crate::text`: the plain form of accented Latin letters and typographic marks.
fn strip_accent(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => "a",
        'ç' | 'Ç' => "c",
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => "i",
        'ñ' | 'Ñ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' => "o",
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => "u",
        '\u{2013}' | '\u{2014}' => "-",
        '\u{a0}' | '\u{202f}' => " ",
        _ => return None,
    })
}

// ---------------------------------------------------------------------------------------------
// Missing values and booleans

/// Folded missing-value tokens, '|'-separated (after stripping dashes, brackets, '#', '?', '.').
pub(crate) const MISSING: &str =
    "|n/a|na|n.a|null|none|nil|nan|blank|empty|vide|select|select one|\
    please select|selectionner|choisir|veuillez choisir|non renseigne|non renseignee|\
    non communique|not set|undefined";

/// Missing-value tokens: "", N/A, NA, #N/A, -, --, null, none, nil, (blank), "Select",
/// "-- Select --", "Choisir", "Sélectionner", "Non renseigné", "?", "0000-00-00"…
/// (case/accent-insensitive, trimmed, ignoring surrounding dashes, brackets, '#', '?' and '.').
pub fn is_missing(raw: &str) -> bool {
    let t = trim(raw);
    match t.bytes().next() {
        None => return true,
        Some(b'0') => return t.starts_with("0000-00-00"),
        // Quick refusal of what cannot start a token: digits, most letters.
        // (`matches!`, not `[u8]::contains`: that is a `memchr` call per value.)
        Some(b)
            if b.is_ascii()
                && !matches!(
                    b,
                    b'n' | b'N'
                        | b'b'
                        | b'B'
                        | b'e'
                        | b'E'
                        | b'v'
                        | b'V'
                        | b's'
                        | b'S'
                        | b'c'
                        | b'C'
                        | b'p'
                        | b'P'
                        | b'u'
                        | b'U'
                )
                && !is_edge(b) =>
        {
            return false
        }
        _ => {}
    }
    // Every ASCII byte of a token or its edges is a letter, '/', a space or an edge mark: a
    // digit, '@' or ',' anywhere rules the value out before it is folded.
    if t.bytes()
        .any(|b| b.is_ascii() && !MISSING_ASCII[usize::from(b)])
    {
        return false;
    }
    let mut buf = [0u8; 48];
    let Some(f) = fold_small(t, &mut buf) else {
        return false;
    };
    // (A byte test: `MISSING_EDGES.contains(c)` searches the string for every char.)
    let core = f.trim_matches(|c: char| c.is_ascii() && is_edge(c as u8));
    missing_token(core)
}

/// What is stripped around a missing-value token ("-- Select --", "#N/A").
const MISSING_EDGES: &str = " -_()[]<>*?.#!";

/// Whether `b` is one of [`MISSING_EDGES`].
fn is_edge(b: u8) -> bool {
    matches!(
        b,
        b' ' | b'-'
            | b'_'
            | b'('
            | b')'
            | b'['
            | b']'
            | b'<'
            | b'>'
            | b'*'
            | b'?'
            | b'.'
            | b'#'
            | b'!'
    )
}

/// The ASCII bytes a missing-value token and its edges may hold.
const MISSING_ASCII: [bool; 128] = {
    let mut t = [false; 128];
    let mut i = 0;
    while i < 128 {
        let b = i as u8;
        t[i] = b.is_ascii_alphabetic() || b == b'/';
        i += 1;
    }
    let edges = MISSING_EDGES.as_bytes();
    let mut j = 0;
    while j < edges.len() {
        t[edges[j] as usize] = true;
        j += 1;
    }
    t
};

/// Whether a folded, stripped value is one of [`MISSING`] (a `match` rather than a walk
/// through the list: this runs for every distinct value of every column; the test
/// `missing_token_is_the_list` keeps the two the same).
fn missing_token(core: &str) -> bool {
    matches!(
        core,
        "" | "n/a"
            | "na"
            | "n.a"
            | "null"
            | "none"
            | "nil"
            | "nan"
            | "blank"
            | "empty"
            | "vide"
            | "select"
            | "select one"
            | "please select"
            | "selectionner"
            | "choisir"
            | "veuillez choisir"
            | "non renseigne"
            | "non renseignee"
            | "non communique"
            | "not set"
            | "undefined"
    )
}

const BOOL_PAIRS: [(&str, &str); 7] = [
    ("yes", "no"),
    ("y", "n"),
    ("true", "false"),
    ("t", "f"),
    ("oui", "non"),
    ("vrai", "faux"),
    ("1", "0"),
];
const DIGIT_PAIR: usize = 6;

/// The truth value of a boolean token and the index of its pair in [`BOOL_PAIRS`].
fn bool_token(raw: &str) -> Option<(bool, usize)> {
    let mut buf = [0u8; 48];
    let f = fold_small(trim(raw), &mut buf)?;
    BOOL_PAIRS
        .iter()
        .enumerate()
        .find_map(|(i, &(t, n))| (f == t || f == n).then_some((f == t, i)))
}

/// The other word of `spelling`'s pair, cased like it ("Yes" → "No", "TRUE" → "FALSE").
fn partner(spelling: &str, pair: usize) -> String {
    let (t, f) = BOOL_PAIRS.get(pair).copied().unwrap_or(BOOL_PAIRS[0]);
    let base = if bool_token(spelling).is_some_and(|b| b.0) {
        f
    } else {
        t
    };
    if spelling.chars().any(char::is_alphabetic) && !spelling.chars().any(char::is_lowercase) {
        base.to_uppercase()
    } else if spelling.starts_with(char::is_uppercase) {
        let mut c = base.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default()
    } else {
        base.to_string()
    }
}

type Spelling<'a> = (&'a str, bool, usize);

fn bool_format(spellings: &[(Spelling<'_>, u64)]) -> Option<BoolFormat> {
    let best = |v: bool| {
        let words = spellings
            .iter()
            .filter(|e| e.0 .1 == v && e.0 .2 != DIGIT_PAIR);
        top(&words.copied().collect::<Vec<_>>())
    };
    let (t, f) = (best(true), best(false));
    let text = |own: Option<Spelling<'_>>, other: Option<Spelling<'_>>| match (own, other) {
        (Some(s), _) => Some(s.0.to_string()),
        (None, Some(o)) => Some(partner(o.0, o.2)),
        (None, None) => None,
    };
    Some(BoolFormat {
        true_text: text(t, f)?,
        false_text: text(f, t)?,
    })
}

// ---------------------------------------------------------------------------------------------
// Numbers

const GROUP_CHARS: [char; 6] = [',', '.', ' ', '\u{a0}', '\u{202f}', '\''];
const SPACES: [Option<char>; 4] = [None, Some(' '), Some('\u{a0}'), Some('\u{202f}')];
const CURRENCIES: [&str; 24] = [
    "€", "$", "£", "¥", "₹", "US$", "CHF", "USD", "EUR", "GBP", "CAD", "AUD", "JPY", "CNY", "INR",
    "SEK", "NOK", "DKK", "PLN", "BRL", "MXN", "ZAR", "NZD", "SGD",
];
const MAX_GROUPS: usize = 8;
const MAX_DIGITS: usize = 30;
/// More significant digits than an f64 keeps exactly: such values (IDs, phones) are not numbers.
const MAX_SIGNIFICANT: usize = 15;

/// Digit groups and the separators between them, as written ("1 234,5": 1|234|5, ' ' ',').
#[derive(Clone, Copy)]
struct Body<'a> {
    text: &'a str,
    n: usize,
    lens: [u8; MAX_GROUPS],
    seps: [char; MAX_GROUPS],
}

/// One reading of a [`Body`] with a given decimal separator.
#[derive(Clone, Copy)]
struct Reading {
    grouping: Option<char>,
    frac: usize,
    int_len: usize,
    lead_zero: bool,
    trailing_zero: bool,
}

/// The longest digits-and-separators run at the start of `s`, and what follows it.
fn scan_body(s: &str) -> Option<(Body<'_>, &str)> {
    let mut b = Body {
        text: "",
        n: 1,
        lens: [0; MAX_GROUPS],
        seps: ['\0'; MAX_GROUPS],
    };
    let (mut end, mut digits, mut first_sig, mut last_sig) = (0, 0, None, 0);
    for (i, c) in s.char_indices() {
        if c.is_ascii_digit() {
            if c != '0' {
                first_sig.get_or_insert(digits);
                last_sig = digits;
            }
            digits += 1;
            let len = b.lens.get_mut(b.n - 1)?;
            *len += 1;
            end = i + 1;
            if digits > MAX_DIGITS {
                return None;
            }
        } else if end > 0
            && end == i
            && GROUP_CHARS.contains(&c)
            && s.get(i + c.len_utf8()..)
                .is_some_and(|r| r.starts_with(|d: char| d.is_ascii_digit()))
        {
            *b.seps.get_mut(b.n - 1)? = c;
            b.n += 1;
            if b.n > MAX_GROUPS {
                return None;
            }
        } else {
            break;
        }
    }
    if end == 0 || first_sig.is_some_and(|f| last_sig - f >= MAX_SIGNIFICANT) {
        return None;
    }
    b.text = s.get(..end)?;
    Some((b, s.get(end..)?))
}

/// Read `b` with `decimal` as decimal separator: the other separators must group by thousands.
fn interpret(b: &Body<'_>, decimal: char) -> Option<Reading> {
    let n = b.n;
    let lens = b.lens.get(..n)?;
    let seps = b.seps.get(..n - 1)?;
    let has_frac = matches!(decimal, '.' | ',') && seps.last() == Some(&decimal);
    let int_groups = if has_frac { n - 1 } else { n };
    let mut grouping = None;
    if int_groups > 1 {
        let g = *seps.first()?;
        let ok = g != decimal
            && (1..=3).contains(lens.first()?)
            && !b.text.starts_with('0')
            && seps.get(..int_groups - 1)?.iter().all(|&c| c == g)
            && lens.get(1..int_groups)?.iter().all(|&l| l == 3);
        if !ok {
            return None;
        }
        grouping = Some(g);
    }
    let int_len: usize = lens
        .get(..int_groups)?
        .iter()
        .map(|&l| usize::from(l))
        .sum();
    Some(Reading {
        grouping,
        frac: if has_frac {
            usize::from(*lens.last()?)
        } else {
            0
        },
        int_len,
        lead_zero: int_groups == 1 && int_len > 1 && b.text.starts_with('0'),
        trailing_zero: has_frac && b.text.ends_with('0'),
    })
}

/// The value of `b` read with `decimal` (which [`interpret`] accepted).
fn body_value(b: &Body<'_>, decimal: char) -> Option<f64> {
    let frac_at = match b.seps.get(b.n.wrapping_sub(2)) {
        Some(&c) if c == decimal && matches!(c, '.' | ',') => b.n - 1,
        _ => usize::MAX,
    };
    let (mut buf, mut len, mut seps) = ([0u8; MAX_DIGITS + 2], 0, 0);
    for c in b.text.chars() {
        let byte = if c.is_ascii_digit() {
            c as u8
        } else {
            seps += 1;
            if seps != frac_at {
                continue;
            }
            b'.'
        };
        *buf.get_mut(len)? = byte;
        len += 1;
    }
    std::str::from_utf8(buf.get(..len)?).ok()?.parse().ok()
}

/// A number as written, before the column's decimal separator is known.
struct NumScan<'a> {
    neg: bool,
    body: Body<'a>,
    currency: Option<&'static str>,
    after: bool,
    percent: bool,
    space: Option<char>,
}

fn strip_sign(s: &str) -> Option<&str> {
    s.strip_prefix('-').or_else(|| s.strip_prefix('\u{2212}'))
}

/// `[-](currency[ ])[-]digits([ ]% | [ ]currency)`, or the same in accounting parentheses.
fn scan_number(raw: &str) -> Option<NumScan<'_>> {
    let mut s = trim(raw);
    let mut neg = false;
    if let Some(inner) = s.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
        (neg, s) = (true, inner.trim());
    }
    if let Some(rest) = strip_sign(s) {
        if neg {
            return None;
        }
        (neg, s) = (true, rest);
    }
    let (mut currency, mut space) = (None, None);
    let digit_first = s.starts_with(|c: char| c.is_ascii_digit());
    if let Some(&code) = CURRENCIES
        .iter()
        .find(|c| !digit_first && s.starts_with(**c))
    {
        currency = Some(code);
        (space, s) = strip_space(s.get(code.len()..)?);
        if let (false, Some(rest)) = (neg, strip_sign(s)) {
            (neg, s) = (true, rest);
        }
    }
    let (body, rest) = scan_body(s)?;
    let (mut after, mut percent) = (false, false);
    if !rest.is_empty() {
        let (sp, rest) = strip_space(rest);
        space = sp.or(space);
        if rest == "%" {
            percent = true;
        } else if currency.is_none() {
            currency = Some(CURRENCIES.iter().copied().find(|c| *c == rest)?);
            after = true;
        } else {
            return None;
        }
    }
    Some(NumScan {
        neg,
        body,
        currency,
        after,
        percent,
        space,
    })
}

fn parse_number(raw: &str, f: &NumberFormat) -> Option<f64> {
    let s = scan_number(raw)?;
    if (s.percent && !f.percent) || s.currency.is_some_and(|c| f.currency.as_deref() != Some(c)) {
        return None;
    }
    if interpret(&s.body, f.decimal)?.lead_zero {
        return None;
    }
    let v = body_value(&s.body, f.decimal)?;
    Some(if s.neg { -v } else { v })
}

/// What the values say under one decimal-separator hypothesis.
#[derive(Default)]
struct Hypothesis {
    weight: u64,
    grouped: [u64; 6],
    plain_big: u64,
    frac: [u64; MAX_DIGITS + 1],
    frac_zero: [bool; MAX_DIGITS + 1],
}

impl Hypothesis {
    fn add(&mut self, r: Option<Reading>, w: u64) {
        let Some(r) = r else { return };
        add(&mut self.weight, w);
        match r
            .grouping
            .and_then(|g| GROUP_CHARS.iter().position(|&c| c == g))
        {
            Some(i) => add(&mut self.grouped[i], w),
            None if r.int_len >= 4 => add(&mut self.plain_big, w),
            None => {}
        }
        if let Some(f) = self.frac.get_mut(r.frac) {
            add(f, w);
        }
        if let Some(z) = self.frac_zero.get_mut(r.frac) {
            *z |= r.trailing_zero;
        }
    }
}

#[derive(Default)]
struct NumStats {
    fail: u64,
    lead_zero: bool,
    dot: Hypothesis,
    comma: Hypothesis,
    dot_only: u64,
    comma_only: u64,
    /// First value read differently with '.' and ',' as decimal separator ("1,234").
    ambiguous: Option<usize>,
    currency: [[u64; 2]; CURRENCIES.len()],
    percent: [u64; 2],
    space: [u64; 4],
}

impl NumStats {
    fn add(&mut self, raw: &str, w: u64, idx: usize) -> bool {
        let Some(s) = scan_number(raw) else {
            return false;
        };
        let (d, c) = (interpret(&s.body, '.'), interpret(&s.body, ','));
        match (d, c) {
            (None, None) => return false,
            (Some(_), None) => add(&mut self.dot_only, w),
            (None, Some(_)) => add(&mut self.comma_only, w),
            (Some(_), Some(_)) if s.body.text.contains(['.', ',']) => {
                self.ambiguous.get_or_insert(idx);
            }
            _ => {}
        }
        self.lead_zero |= d.or(c).is_some_and(|r| r.lead_zero);
        self.dot.add(d, w);
        self.comma.add(c, w);
        if let Some(i) = s
            .currency
            .and_then(|c| CURRENCIES.iter().position(|&k| k == c))
        {
            add(&mut self.currency[i][usize::from(s.after)], w);
        }
        add(&mut self.percent[usize::from(s.percent)], w);
        if s.currency.is_some() || s.percent {
            let i = SPACES.iter().position(|&c| c == s.space).unwrap_or(0);
            add(&mut self.space[i], w);
        }
        true
    }

    /// The column's format, and whether the locale had to pick the decimal separator.
    fn decide(&self, fr: bool) -> (NumberFormat, bool) {
        let by_locale = self.dot_only == self.comma_only;
        let comma = if by_locale {
            fr
        } else {
            self.comma_only > self.dot_only
        };
        let h = if comma { &self.comma } else { &self.dot };
        let (gi, gw) = argmax(&h.grouped);
        let fixed = (1..h.frac.len())
            .filter(|&d| h.frac_zero[d] && h.frac[d].saturating_mul(2) >= h.weight)
            .max_by_key(|&d| h.frac[d]);
        let totals: Vec<u64> = self
            .currency
            .iter()
            .map(|c| c[0].saturating_add(c[1]))
            .collect();
        let (ci, cw) = argmax(&totals);
        let percent = self.percent[1] > self.percent[0];
        let format = NumberFormat {
            decimal: if comma { ',' } else { '.' },
            grouping: (gw > h.plain_big).then_some(GROUP_CHARS[gi]),
            fraction_digits: fixed.and_then(|d| u8::try_from(d).ok()),
            percent,
            currency: (cw > 0 && !percent).then(|| CURRENCIES[ci].to_string()),
            currency_after: self.currency[ci][1] > self.currency[ci][0],
            space: SPACES[argmax(&self.space).0],
        };
        (format, by_locale && self.ambiguous.is_some())
    }
}

/// Write |x| with the given separators: shortest round-trip digits, or `fixed` decimals.
pub(crate) fn push_abs(
    out: &mut String,
    x: f64,
    decimal: char,
    grouping: Option<char>,
    fixed: Option<u8>,
) {
    let s = match fixed {
        Some(d) => format!("{:.*}", usize::from(d.min(30)), x.abs()),
        None => format!("{}", x.abs()),
    };
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let len = int.len();
    for (i, c) in int.chars().enumerate() {
        if let Some(g) = grouping.filter(|_| i > 0 && len >= 4 && (len - i) % 3 == 0) {
            out.push(g);
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push(decimal);
        out.push_str(frac);
    }
}

fn render_number(out: &mut String, x: f64, f: &NumberFormat) {
    if !x.is_finite() {
        return;
    }
    if x < 0.0 {
        out.push('-');
    }
    let currency = f.currency.as_deref().unwrap_or_default();
    if !f.currency_after && !currency.is_empty() {
        out.push_str(currency);
        out.extend(f.space);
    }
    push_abs(out, x, f.decimal, f.grouping, f.fraction_digits);
    if f.currency_after && !currency.is_empty() {
        out.extend(f.space);
        out.push_str(currency);
    }
    if f.percent {
        out.extend(f.space);
        out.push('%');
    }
}

// ---------------------------------------------------------------------------------------------
// Ranges

/// A range bound: a non-negative number, "1,001" read as a thousand and one; and what follows.
fn bound(s: &str) -> Option<(f64, &str)> {
    let (b, rest) = scan_body(s)?;
    let read = |d| {
        interpret(&b, d)
            .filter(|r| !r.lead_zero)
            .and_then(|_| body_value(&b, d))
    };
    let v = match (read('.'), read(',')) {
        (Some(x), Some(y)) => x.max(y),
        (x, y) => x.or(y)?,
    };
    Some((v, rest))
}

const ABOVE_WORDS: [&str; 5] = ["+", "et plus", "and more", "and above", "or more"];

/// A range's bounds, and whether it is a real range rather than a single number.
fn scan_range(raw: &str) -> Option<(f64, f64, bool)> {
    let s = trim(raw);
    for p in [">=", "≥", ">", "<=", "≤", "<"] {
        if let Some(after) = s.strip_prefix(p) {
            let (v, tail) = bound(strip_space(after).1)?;
            let above = p.starts_with(['>', '≥']);
            return match (tail.is_empty(), above) {
                (false, _) => None,
                (true, true) => Some((v, f64::INFINITY, true)),
                (true, false) => Some((f64::NEG_INFINITY, v, true)),
            };
        }
    }
    let (lo, rest) = bound(s)?;
    if rest.is_empty() || ABOVE_WORDS.contains(&rest.trim()) {
        return Some((
            lo,
            if rest.is_empty() { lo } else { f64::INFINITY },
            !rest.is_empty(),
        ));
    }
    let k = rest.find(|c: char| c.is_ascii_digit())?;
    let word = rest.get(..k)?.trim_matches(is_space);
    if !(matches!(word, "-" | "–" | "—" | "à" | "a") || word.eq_ignore_ascii_case("to")) {
        return None;
    }
    let (hi, tail) = bound(rest.get(k..)?)?;
    (tail.is_empty() && lo <= hi).then_some((lo, hi, true))
}

/// Canonical writing: "51-200", "10000+", "<10", "350". A bound with three decimals gets a
/// fourth so that it cannot read as thousands.
fn render_range(out: &mut String, lo: f64, hi: f64) {
    let num = |out: &mut String, x: f64| {
        if x < 0.0 {
            out.push('-');
        }
        let three = format!("{}", x.abs())
            .split_once('.')
            .is_some_and(|(_, f)| f.len() == 3);
        push_abs(out, x, '.', None, three.then_some(4));
    };
    match (lo.is_finite(), hi.is_finite()) {
        (true, true) => {
            num(out, lo);
            if lo != hi {
                out.push('-');
                num(out, hi);
            }
        }
        (true, false) => {
            num(out, lo);
            out.push('+');
        }
        (false, true) => {
            out.push('<');
            num(out, hi);
        }
        (false, false) => {}
    }
}

// ---------------------------------------------------------------------------------------------
// Inference

/// Distinct raw values and how many rows hold each, read by index: a slice of pairs, or a
/// column's dictionary with its counts (no copy of a million pairs for the inference).
/// (Used as `&dyn Tally`: the inference is long, and one copy of it keeps the wasm small.)
pub(crate) trait Tally {
    fn len(&self) -> usize;
    /// Value `i` and its rows (`("", 0)` past the end).
    fn at(&self, i: usize) -> (&str, u64);
}

/// Every value of `t` with its rows, in order.
fn pairs<'a>(t: &'a dyn Tally) -> impl Iterator<Item = (&'a str, u64)> + 'a {
    (0..t.len()).map(move |i| t.at(i))
}

impl Tally for &[(&str, u64)] {
    fn len(&self) -> usize {
        <[(&str, u64)]>::len(self)
    }
    fn at(&self, i: usize) -> (&str, u64) {
        self.get(i).copied().unwrap_or(("", 0))
    }
}

/// Indices of non-missing values that `t` cannot read, or None when they pass 5% of the rows;
/// with every value parsed (kept: the caller needs them, and a date costs a scan each time).
fn misfits(
    values: &dyn Tally,
    missing: &[bool],
    t: &ColumnType,
    total: u64,
) -> Option<(Vec<usize>, Vec<Value>)> {
    let (mut out, mut bad) = (Vec::new(), 0);
    // One more than needed: the typing puts the empty value's slot in front, in place.
    let mut parsed = Vec::with_capacity(values.len() + 1);
    for (i, (raw, w)) in pairs(values).enumerate() {
        if missing.get(i).copied().unwrap_or(true) {
            parsed.push(Value::Missing);
            continue;
        }
        let v = parse_present(trim(raw), t);
        if v == Value::Missing {
            out.push(i);
            add(&mut bad, w);
            if !fits(bad, total) {
                return None;
            }
        }
        parsed.push(v);
    }
    Some((out, parsed))
}

/// [`misfits`] of values already parsed (`parsed[i]` for `values.at(i)`; Missing for those
/// that do not read), without parsing them again.
fn misfits_of(
    values: &dyn Tally,
    missing: &[bool],
    parsed: Vec<Value>,
    total: u64,
) -> Option<(Vec<usize>, Vec<Value>)> {
    let (mut out, mut bad) = (Vec::new(), 0);
    for (i, v) in parsed.iter().enumerate() {
        if *v == Value::Missing && !missing.get(i).copied().unwrap_or(true) {
            out.push(i);
            add(&mut bad, values.at(i).1);
            if !fits(bad, total) {
                return None;
            }
        }
    }
    Some((out, parsed))
}

/// The dates the inference read on its way, by value: a column of year-first dates has them
/// all (read the same whatever the column's order), and is not read a second time for the
/// typing (each date is a scan; a column of a million timestamps has hundreds of thousands).
#[derive(Default)]
struct DatesRead {
    parsed: Vec<Value>,
    /// Whether a value was a year-last date, whose value depends on the column's order.
    year_last: bool,
}

impl DatesRead {
    /// Value `i` (of `n`) read as `v`; the values before it not put are Missing.
    fn put(&mut self, i: usize, v: Value, n: usize) {
        if self.year_last {
            return;
        }
        if self.parsed.capacity() == 0 {
            // One more: the typing puts the empty value's slot in front, in place.
            self.parsed.reserve_exact(n + 1);
        }
        if self.parsed.len() < i {
            self.parsed.resize(i, Value::Missing);
        }
        self.parsed.push(v);
    }

    /// A value waits for the column's order: the values are parsed once it is known.
    fn year_last(&mut self) {
        self.year_last = true;
        self.parsed = Vec::new();
    }

    /// Every value of `n` read, when none waits for the column's order.
    fn whole(&mut self, n: usize) -> Option<Vec<Value>> {
        if self.year_last || self.parsed.is_empty() || self.parsed.len() > n {
            return None;
        }
        let mut parsed = std::mem::take(&mut self.parsed);
        parsed.resize(n, Value::Missing);
        Some(parsed)
    }
}

/// An [`Inference`] with what was worked out on the way, for the caller that types the column.
pub(crate) struct Typed {
    pub inference: Inference,
    /// `missing[i]`: whether `values[i]` is a missing-value token.
    pub missing: Vec<bool>,
    /// `parsed[i]`: `parse(values[i], column_type)` (None for Text: all missing).
    pub parsed: Option<Vec<Value>>,
}

/// Decide a column's type from its distinct raw values and how many rows hold each.
///
/// `locale` ("en", "fr"; others read as "en") only breaks ties the data cannot break: day/month
/// order and whether "1,234" groups thousands (then `note` says so). A type is chosen when at
/// least 95% of the non-missing rows parse as it (the rest are misfits), trying in turn:
/// - Bool: every non-missing distinct value a boolean token, at least one a word (not 1/0);
/// - Number: one decimal separator for the column (from the values that decide it), any value
///   with a leading zero ("01234") rules Number out, so does a currency other than the column's;
///   values with more than 15 significant digits (IDs, phones) do not fit;
/// - Date: year-first always; otherwise day/month order by the values that decide it;
/// - Range: at least one real range ("51-200", "10000+"), plain numbers fit as n..n;
/// - Text otherwise (no misfits).
pub fn infer(values: &[(&str, u64)], locale: &str) -> Inference {
    infer_typed(&values, locale).inference
}

/// [`infer`], keeping each value's missing flag and parsed value.
pub(crate) fn infer_typed(values: &dyn Tally, locale: &str) -> Typed {
    // Which values are missing tokens, and the rows of the others, in one pass (a column of
    // a million addresses has nearly as many values).
    let mut total = 0u64;
    let missing: Vec<bool> = pairs(values)
        .map(|(raw, w)| {
            let m = is_missing(raw);
            if !m {
                total = total.saturating_add(w);
            }
            m
        })
        .collect();
    let locale = locale.trim();
    let fr = locale
        .get(..2)
        .is_some_and(|p| p.eq_ignore_ascii_case("fr"));
    let shown_locale = if locale.is_empty() { "en" } else { locale };
    let present = || {
        pairs(values)
            .enumerate()
            .filter(|v| !missing.get(v.0).copied().unwrap_or(true))
    };
    let (mut bool_ok, mut word, mut spellings) = (true, false, Vec::new());
    let (mut nums, mut num_ok) = (NumStats::default(), true);
    let (mut dts, mut date_ok) = (dates::DateStats::default(), true);
    let mut dates_read = DatesRead::default();
    let done = |column_type, typed: Option<(Vec<usize>, Vec<Value>)>, note| {
        let (misfits, parsed) = match typed {
            Some((m, p)) => (m, Some(p)),
            None => (Vec::new(), None),
        };
        Typed {
            inference: Inference {
                column_type,
                misfits,
                note,
            },
            missing: missing.clone(),
            parsed,
        }
    };
    if present().next().is_none() {
        return done(ColumnType::Text, None, None);
    }
    for (i, (raw, w)) in present() {
        let raw = trim(raw);
        match bool_ok.then(|| bool_token(raw)).flatten() {
            Some((v, pair)) => {
                word |= pair != DIGIT_PAIR;
                tally(&mut spellings, (raw, v, pair), w);
            }
            None => bool_ok = false,
        }
        if num_ok && !nums.add(raw, w, i) {
            add(&mut nums.fail, w);
            num_ok = fits(nums.fail, total);
        }
        num_ok &= !nums.lead_zero;
        if date_ok {
            match dts.add(raw, w, i) {
                dates::Read::Not => {
                    add(&mut dts.fail, w);
                    date_ok = fits(dts.fail, total);
                }
                dates::Read::YearFirst(v) => dates_read.put(i, v, values.len()),
                dates::Read::YearLast => dates_read.year_last(),
            }
        }
        if !(bool_ok || num_ok || date_ok) {
            break;
        }
    }
    if let Some(f) = bool_format(&spellings).filter(|_| bool_ok && word) {
        let t = ColumnType::Bool(f);
        let parsed = pairs(values)
            .zip(&missing)
            .map(|(v, &m)| {
                if m {
                    Value::Missing
                } else {
                    parse_present(trim(v.0), &t)
                }
            })
            .collect();
        return done(t, Some((Vec::new(), parsed)), None);
    }
    if num_ok {
        let (f, by_locale) = nums.decide(fr);
        let note = nums
            .ambiguous
            .filter(|_| by_locale)
            .filter(|&i| i < values.len())
            .map(|i| values.at(i))
            .map(|v| {
                let example = v.0.trim();
                let sep = if example.contains('.') { '.' } else { ',' };
                let how = if sep == f.decimal {
                    "decimal"
                } else {
                    "thousands"
                };
                format!(
                    "numbers read with \"{sep}\" as the {how} separator (no value decides how to \
                     read \"{example}\"; the agreement's locale {shown_locale} decides)"
                )
            });
        let t = ColumnType::Number(f);
        if let Some(m) = misfits(values, &missing, &t, total) {
            return done(t, Some(m), note);
        }
    }
    if date_ok {
        let (f, note) = dts.decide(values, fr, shown_locale);
        let t = ColumnType::Date(f);
        let m = match dates_read.whole(values.len()) {
            Some(parsed) => misfits_of(values, &missing, parsed, total),
            None => misfits(values, &missing, &t, total),
        };
        if let Some(m) = m {
            return done(t, Some(m), note);
        }
    }
    // Ranges last, in their own pass: a column of plain numbers is decided before this.
    let (mut fail, mut spread) = (0, false);
    for (_, (raw, w)) in present() {
        match scan_range(raw) {
            Some(r) => spread |= r.2,
            None => add(&mut fail, w),
        }
        if !fits(fail, total) {
            return done(ColumnType::Text, None, None);
        }
    }
    if spread {
        if let Some(m) = misfits(values, &missing, &ColumnType::Range, total) {
            return done(ColumnType::Range, Some(m), None);
        }
    }
    done(ColumnType::Text, None, None)
}

/// Parse one raw value under a decided type: Missing for missing tokens, misfits and Text.
pub fn parse(raw: &str, t: &ColumnType) -> Value {
    let raw = trim(raw);
    if is_missing(raw) {
        return Value::Missing;
    }
    parse_present(raw, t)
}

/// [`parse`] of a trimmed value known not to be a missing-value token.
fn parse_present(raw: &str, t: &ColumnType) -> Value {
    let v = match t {
        ColumnType::Number(f) => parse_number(raw, f).map(Value::Number),
        ColumnType::Date(f) => dates::parse(raw, f),
        ColumnType::Bool(_) => bool_token(raw).map(|b| Value::Bool(b.0)),
        ColumnType::Range => scan_range(raw).map(|r| Value::Range { lo: r.0, hi: r.1 }),
        ColumnType::Text => None,
    };
    v.unwrap_or(Value::Missing)
}

/// Render a value in the column's format; for the typical value
/// `render(parse(raw, t), t) == raw.trim()`. Missing renders as "". In a Date column the time is
/// written when the column's format has times (`DateFormat::has_time`), whatever the value's own
/// `has_time`. Ranges render canonically ("51-200", "10000+", "<10"): their columns keep the text.
pub fn render(v: Value, t: &ColumnType) -> String {
    let mut out = String::new();
    render_into(&mut out, v, t);
    out
}

/// Whether a column's typed values render back to the text they were read from (then the
/// typed column need not keep the text), asked value by value.
pub struct RendersBack<'a> {
    /// The column's type.
    t: &'a ColumnType,
    /// A date column's shape, when its values can be told by it without rendering them.
    shape: Option<dates::Shape>,
    scratch: String,
}

impl<'a> RendersBack<'a> {
    /// For a column of type `t`.
    pub fn new(t: &'a ColumnType) -> Self {
        let shape = match t {
            ColumnType::Date(f) => dates::Shape::of(f),
            _ => None,
        };
        RendersBack {
            t,
            shape,
            scratch: String::new(),
        }
    }

    /// Whether `v`, parsed from `raw` under the column's type, renders back to `raw` trimmed.
    pub fn check(&mut self, raw: &str, v: Value) -> bool {
        let raw = trim(raw);
        if matches!(v, Value::Date { .. }) && self.shape.is_some_and(|s| s.fits(raw.as_bytes())) {
            return true;
        }
        self.scratch.clear();
        render_into(&mut self.scratch, v, self.t);
        self.scratch == raw
    }
}

/// [`render`], appended to `out` (a caller rendering many values reuses one buffer).
pub fn render_into(out: &mut String, v: Value, t: &ColumnType) {
    match (v, t) {
        (Value::Missing, _) => {}
        (Value::Number(x), ColumnType::Number(f)) => render_number(out, x, f),
        (Value::Number(x), _) => render_number(out, x, &NumberFormat::default()),
        // The column's format says whether times are written, whatever the value's `has_time`.
        (Value::Date { secs, .. }, ColumnType::Date(f)) => dates::render(out, secs, f.has_time, f),
        (Value::Date { secs, has_time }, _) => {
            dates::render(out, secs, has_time, &DateFormat::default());
        }
        (Value::Bool(b), ColumnType::Bool(f)) => {
            out.push_str(if b { &f.true_text } else { &f.false_text });
        }
        (Value::Bool(b), _) => out.push_str(if b { "true" } else { "false" }),
        (Value::Range { lo, hi }, _) => render_range(out, lo, hi),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_by_the_inference_are_what_parsing_gives() {
        // Year-first columns keep the dates the inference read; a column with a year-last
        // date parses again once the order is known. Either way each value is what `parse`
        // gives under the decided type, and the misfits are the values it cannot read.
        let columns: [&[(&str, u64)]; 4] = [
            &[
                ("2024-03-07 14:05", 3),
                ("N/A", 2),
                (" 2024-03-08 09:00 ", 1),
                ("2024-02-30 10:00", 1),
                ("2023-12-31 23:59", 40),
                ("soon", 1),
                ("2024-01-01", 5),
                ("2024-03-07T14:05:09", 2),
            ],
            // A year-last date among year-first ones: read in the order the column takes.
            &[
                ("2024-03-07", 60),
                ("07/03/2024", 1),
                ("13/03/2024", 1),
                ("", 4),
                ("2024-13-01", 1),
            ],
            // Year-last only, day first (13 decides).
            &[("13/03/2024", 30), ("07/03/2024", 30), ("31/02/2024", 1)],
            // Missing tokens before the first date.
            &[
                ("Select", 3),
                ("-", 1),
                ("2025-06-30", 50),
                ("2025-06-31", 1),
            ],
        ];
        for values in columns {
            let typed = infer_typed(&values, "en");
            let t = typed.inference.column_type.clone();
            assert!(matches!(t, ColumnType::Date(_)), "{values:?}: {t:?}");
            let parsed = typed.parsed.expect("a date column keeps its values");
            assert_eq!(parsed.len(), values.len(), "{values:?}");
            let mut misfits = Vec::new();
            for (i, &(raw, _)) in values.iter().enumerate() {
                let want = parse(raw, &t);
                assert_eq!(parsed[i], want, "{raw:?} in {values:?}");
                if want == Value::Missing && !is_missing(raw) {
                    misfits.push(i);
                }
            }
            assert_eq!(typed.inference.misfits, misfits, "{values:?}");
            assert!(!misfits.is_empty(), "each column has a misfit: {values:?}");
        }
    }

    #[test]
    fn missing_token_is_the_list() {
        let listed: Vec<&str> = MISSING.split('|').collect();
        for m in &listed {
            assert!(missing_token(m), "{m:?} is listed but not matched");
            // Near misses: every proper prefix and suffix, and the token doubled.
            for i in 1..m.len() {
                for part in [&m[..i], &m[i..]] {
                    assert_eq!(missing_token(part), listed.contains(&part), "{part:?}");
                }
            }
            let twice = format!("{m}{m}");
            assert_eq!(missing_token(&twice), listed.contains(&twice.as_str()));
        }
        assert_eq!(
            listed.len(),
            22,
            "a token added to MISSING goes into missing_token too"
        );
        for b in 0..=255u8 {
            assert_eq!(is_edge(b), MISSING_EDGES.as_bytes().contains(&b));
        }
    }

    /// `values` split on '|', one row each.
    fn column(values: &str, locale: &str) -> Inference {
        infer(
            &values.split('|').map(|s| (s, 1)).collect::<Vec<_>>(),
            locale,
        )
    }

    /// Infers a column, checks every value fits and renders back as written, returns the type.
    fn round_trip(values: &str, locale: &str) -> ColumnType {
        let inf = column(values, locale);
        assert!(inf.misfits.is_empty(), "{values:?}: {inf:?}");
        for v in values.split('|') {
            let p = parse(v, &inf.column_type);
            assert_ne!(p, Value::Missing, "{v}: {inf:?}");
            assert_eq!(render(p, &inf.column_type), v.trim(), "{inf:?}");
        }
        inf.column_type
    }

    fn number(values: &str, locale: &str) -> NumberFormat {
        match round_trip(values, locale) {
            ColumnType::Number(f) => f,
            t => panic!("{values:?}: {t:?}"),
        }
    }

    fn num(raw: &str, t: &ColumnType) -> f64 {
        match parse(raw, t) {
            Value::Number(x) => x,
            v => panic!("{raw}: {v:?}"),
        }
    }

    #[test]
    fn missing_tokens() {
        let missing = "|  |N/A|n/a|NA|#N/A|-|--|null|NULL|none|None|nil|(blank)|Select|-- Select --|\
            Choisir|Sélectionner|Non renseigné|?|???|\u{a0}|NaN|0000-00-00 00:00:00|- choisir -|#NULL!";
        for m in missing.split('|') {
            assert!(is_missing(m), "{m:?}");
        }
        for v in "0|Selection|Nancy|no|Non|n|2024-03-07|Unknown|-5".split('|') {
            assert!(!is_missing(v), "{v:?}");
        }
        let inf = column("12|N/A|-- Select --||7", "en");
        assert!(matches!(inf.column_type, ColumnType::Number(_)) && inf.misfits.is_empty());
        assert_eq!(parse("N/A", &inf.column_type), Value::Missing);
        assert_eq!(column("|n/a", "en").column_type, ColumnType::Text);
    }

    #[test]
    fn plain_numbers() {
        let f = number("1234.5|-3|0.25|12", "en");
        assert_eq!((f.decimal, f.grouping), ('.', None));
        let t = ColumnType::Number(f);
        assert_eq!((num("1234.5", &t), num("-3", &t)), (1234.5, -3.0));
        let f = number("1,234.5|12,345,678|3", "fr");
        assert_eq!((f.decimal, f.grouping), ('.', Some(',')));
        assert_eq!(num("12,345,678", &ColumnType::Number(f)), 12_345_678.0);
        for g in [' ', '\u{a0}', '\u{202f}'] {
            let f = number(&format!("1{g}234,5|12{g}000|0,5"), "en");
            assert_eq!((f.decimal, f.grouping), (',', Some(g)));
            assert_eq!(num(&format!("1{g}234,5"), &ColumnType::Number(f)), 1234.5);
        }
        let f = number("1.234,5|0,5|1.000.000", "en");
        assert_eq!((f.decimal, f.grouping), (',', Some('.')));
        assert_eq!(num("1.000.000", &ColumnType::Number(f)), 1e6);
        assert_eq!(number("1'234.5|25'000", "en").grouping, Some('\''));
        let f = number("0,5|2,25|1 000,5", "en");
        assert_eq!((f.decimal, num("0,5", &ColumnType::Number(f))), (',', 0.5));
    }

    #[test]
    fn percent_and_currency() {
        let f = number("12 %|5 %|100 %", "fr");
        assert!(f.percent && f.space == Some(' '));
        assert_eq!(num("12 %", &ColumnType::Number(f)), 12.0);
        assert!(number("12%|7.5%", "en").percent);
        let f = number("€25 000|€1 200,5|€3", "en");
        assert_eq!(
            (f.currency.as_deref(), f.currency_after, f.space),
            (Some("€"), false, None)
        );
        assert_eq!(num("€25 000", &ColumnType::Number(f)), 25_000.0);
        let f = number("25 000 €|3 €", "fr");
        assert_eq!((f.currency.as_deref(), f.currency_after), (Some("€"), true));
        let f = number("$1,200.50|$18,250.00|$3.10|-$5.00", "en");
        assert_eq!(
            (f.currency.as_deref(), f.fraction_digits),
            (Some("$"), Some(2))
        );
        assert_eq!(num("-$5.00", &ColumnType::Number(f)), -5.0);
        let f = number("USD 25,000|USD 1,500", "en");
        assert_eq!(
            (f.currency.as_deref(), f.space, f.grouping),
            (Some("USD"), Some(' '), Some(','))
        );
        let f = number("25000 EUR|300 EUR", "en");
        assert_eq!(
            (f.currency.as_deref(), f.currency_after),
            (Some("EUR"), true)
        );
        let t = ColumnType::Number(number("1,200|-3,000|5", "en"));
        assert_eq!(num("(1,200)", &t), -1200.0);
        // Another currency, or a percent in a plain column, does not fit.
        let t = ColumnType::Number(number("$5|$6", "en"));
        assert_eq!(
            (parse("€5", &t), parse("5%", &t)),
            (Value::Missing, Value::Missing)
        );
        assert_eq!(num("7", &t), 7.0);
    }

    #[test]
    fn fraction_digits() {
        assert_eq!(
            number("18250.50|100.00|12.25|3.10", "en").fraction_digits,
            Some(2)
        );
        let t = ColumnType::Number(number("1.25|3.5|2", "en"));
        assert_eq!(render(Value::Number(0.1 + 0.2), &t), "0.30000000000000004");
    }

    #[test]
    fn decimal_separator_ambiguity() {
        let inf = column("1,234|5,678|12", "en");
        let ColumnType::Number(f) = &inf.column_type else {
            panic!("{inf:?}")
        };
        assert_eq!((f.decimal, num("1,234", &inf.column_type)), ('.', 1234.0));
        let note = inf.note.unwrap_or_default();
        assert!(note.contains("thousands") && note.contains("1,234") && note.contains("locale en"));
        let inf = column("1,234|5,678|12", "fr");
        assert_eq!(num("1,234", &inf.column_type), 1.234);
        assert!(inf.note.unwrap_or_default().contains("decimal"));
        // Any decisive value settles it, without a note.
        let inf = column("1,234|0,5", "en");
        assert_eq!((num("1,234", &inf.column_type), inf.note), (1.234, None));
        // Never mixed: in a decimal-comma column "1.234" is grouped, "1.23" does not fit.
        let inf = column(&format!("{}1.234|1.23", "0,5|".repeat(40)), "en");
        assert_eq!(
            (num("1.234", &inf.column_type), inf.misfits),
            (1234.0, vec![41])
        );
    }

    #[test]
    fn texts_that_look_numeric() {
        for v in [
            "01234|75001|13008",
            "0612345678|0145678901",
            "12345678901234567",
            "Call back|12|Met at the fair|no budget|Q3",
        ] {
            assert_eq!(column(v, "fr").column_type, ColumnType::Text, "{v:?}");
        }
        assert!(matches!(
            column("0|1|1|0", "en").column_type,
            ColumnType::Number(_)
        ));
        assert!(matches!(
            column("2019|2020|2024", "en").column_type,
            ColumnType::Number(_)
        ));
        // 95% decides: 19 numbers and one word is Number with a misfit; 18 and 2 is Text.
        assert_eq!(
            column(&format!("{}lots", "42|".repeat(19)), "en").misfits,
            vec![19]
        );
        let text = column(&format!("many|{}lots", "42|".repeat(18)), "en");
        assert_eq!(text.column_type, ColumnType::Text);
        // Weighted by rows, not by distinct values.
        assert_eq!(infer(&[("42", 96), ("lots", 4)], "en").misfits, vec![1]);
        assert_eq!(
            infer(&[("42", 90), ("lots", 10)], "en").column_type,
            ColumnType::Text
        );
    }

    #[test]
    fn booleans() {
        for (vals, t, f) in [
            ("Yes|No|yes", "Yes", "No"),
            ("Y|N", "Y", "N"),
            ("TRUE|FALSE|1|0", "TRUE", "FALSE"),
            ("Oui|Non|Oui", "Oui", "Non"),
            ("vrai|faux", "vrai", "faux"),
            ("YES|0", "YES", "NO"),
            ("1|Non", "Oui", "Non"),
        ] {
            let inf = column(vals, "en");
            let want = BoolFormat {
                true_text: t.into(),
                false_text: f.into(),
            };
            assert_eq!(inf.column_type, ColumnType::Bool(want), "{vals:?}");
            assert_eq!(parse("1", &inf.column_type), Value::Bool(true));
            assert_eq!(parse(" no ", &inf.column_type), Value::Bool(false));
            assert_eq!(render(Value::Bool(false), &inf.column_type), f);
        }
        assert!(matches!(
            column("Yes|No|Maybe", "en").column_type,
            ColumnType::Text
        ));
    }

    fn range(lo: f64, hi: f64) -> Value {
        Value::Range { lo, hi }
    }

    #[test]
    fn ranges() {
        let t = round_trip("51-200|1-10|11-50|350|10000+", "en");
        assert_eq!(t, ColumnType::Range);
        assert_eq!(parse("51-200", &t), range(51.0, 200.0));
        assert_eq!(parse("350", &t), range(350.0, 350.0));
        assert_eq!(parse("10000+", &t), range(1e4, f64::INFINITY));
        assert_eq!(parse("200-51", &t), Value::Missing);
        for (raw, lo, hi) in [
            ("1,001-5,000", 1001.0, 5000.0),
            ("10 000+", 1e4, f64::INFINITY),
            ("1 000 - 5 000", 1e3, 5e3),
            ("1 à 10", 1.0, 10.0),
            ("1 to 10", 1.0, 10.0),
            ("11–50", 11.0, 50.0),
            ("< 10", f64::NEG_INFINITY, 10.0),
            (">1000", 1e3, f64::INFINITY),
            ("1,5-2,5", 1.5, 2.5),
            ("1000 et plus", 1e3, f64::INFINITY),
        ] {
            assert_eq!(parse(raw, &t), range(lo, hi), "{raw}");
        }
        let inf = column("1,001-5,000|10 000+|1 à 10|11–50|> 1000|350", "fr");
        assert_eq!((inf.column_type, inf.misfits), (ColumnType::Range, vec![]));
        assert!(matches!(
            column("350|12", "en").column_type,
            ColumnType::Number(_)
        ));
        assert_eq!(column("01-05|02-07", "en").column_type, ColumnType::Text);
    }

    /// Random strings, from characters and from pieces that matter here, and extreme values
    /// never panic; a value parsed under the inferred type reads back the same once rendered.
    #[test]
    fn random_strings_never_panic() {
        let chars: Vec<String> = "0123456789.,-/: +%€$()'TZPMapmEURSDYesNo\u{a0}\u{202f}–é<>#?x"
            .chars()
            .map(String::from)
            .collect();
        let pieces =
            "1|23|456|7890|0|12|2024|31|,|.| |-|/|:|T|Z|+|%|€|$|USD|\u{a0}| PM|–| to |(|)|'|\
            +01:00|yes|No|5|250|1 000|07/03/|2024-03-07";
        let pieces: Vec<String> = pieces.split('|').map(String::from).collect();
        let seeds = "2024-03-07T14:05:09.000+01:00|3/7/2024 2:05 PM|07.03.24 14:05|51-200|\
            1,001 to 5,000|> 10 000|(1 234,50 €)|-$1,200.50|12 %|1'234.5|Oui";
        let seeds: Vec<&str> = seeds.split('|').collect();
        let (mut number, mut date) = (NumberFormat::default(), DateFormat::default());
        (number.decimal, number.grouping, number.fraction_digits) = (',', Some('.'), Some(200));
        (date.order, date.twelve_hour) = (DateOrder::Dmy, true);
        date.offset = Some(Offset {
            minutes: i32::MIN,
            style: OffsetStyle::Z,
        });
        let bools = BoolFormat {
            true_text: String::new(),
            false_text: "é".into(),
        };
        let fixed = [
            ColumnType::Text,
            ColumnType::Number(number),
            ColumnType::Date(date),
            ColumnType::Bool(bools),
            ColumnType::Range,
        ];
        let date = |secs, has_time| Value::Date { secs, has_time };
        let extremes = [
            Value::Number(f64::NAN),
            Value::Number(-1e300),
            Value::Number(1e-300),
            date(i64::MIN, true),
            date(i64::MAX, false),
            range(f64::NAN, 1.0),
            Value::Bool(true),
        ];
        for (t, v) in fixed
            .iter()
            .flat_map(|t| extremes.iter().map(move |v| (t, *v)))
        {
            let _ = render(v, t);
        }
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            usize::try_from(seed % n as u64).unwrap_or(0)
        };
        for round in 0..3000 {
            let set = if round % 2 == 0 { &chars } else { &pieces };
            let shape: Vec<usize> = (0..1 + next(6)).map(|_| next(set.len())).collect();
            let seed = seeds.get(next(seeds.len())).copied().unwrap_or_default();
            let strings: Vec<String> = (0..1 + next(30))
                .map(|_| match round % 3 {
                    // A typical value with its digits changed and, now and then, one character.
                    0 => seed
                        .chars()
                        .map(|c| match (c.is_ascii_digit(), next(12)) {
                            (_, 0) => chars[next(chars.len())].clone(),
                            (true, _) => next(10).to_string(),
                            _ => c.to_string(),
                        })
                        .collect(),
                    _ => shape
                        .iter()
                        .map(|&i| set[if next(4) == 0 { next(set.len()) } else { i }].as_str())
                        .collect(),
                })
                .collect();
            let values: Vec<(&str, u64)> = strings
                .iter()
                .map(|s| (s.as_str(), [0, 1, 7, u64::MAX][next(4)]))
                .collect();
            for (s, t) in strings.iter().zip(fixed.iter().cycle()) {
                let _ = render(parse(s, t), t);
            }
            for locale in ["en", "fr", "", "é"] {
                let inf = infer(&values, locale);
                let t = &inf.column_type;
                let exact = match t {
                    ColumnType::Number(f) => f.fraction_digits.is_none(),
                    ColumnType::Date(f) => !f.short_year,
                    _ => true,
                };
                for s in strings.iter().filter(|_| exact) {
                    let v = parse(s, t);
                    let timed = |v| matches!(v, Value::Date { has_time: true, .. });
                    let column_timed = matches!(t, ColumnType::Date(f) if f.has_time);
                    if v != Value::Missing && timed(v) == column_timed {
                        let r = render(v, t);
                        assert_eq!(parse(&r, t), v, "{s:?} → {r:?} {inf:?}");
                    }
                }
            }
        }
    }
}
