//! Text folding and keyword matching shared by ingest and rules.

/// Lower-case `s` and strip the accents of Latin letters, so that "Directeur", "DIRECTEUR" and
/// "directéur" compare equal. Characters without a plain form are kept lower-cased.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            'A'..='Z' => out.push(c.to_ascii_lowercase()),
            'a'..='z' | '0'..='9' => out.push(c),
            c if c.is_ascii() => out.push(c),
            _ => match strip_accent(c) {
                Some(base) => out.push_str(base),
                None => out.extend(c.to_lowercase()),
            },
        }
    }
    out
}

fn strip_accent(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => "a",
        'æ' | 'Æ' => "ae",
        'ç' | 'Ç' => "c",
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => "i",
        'ñ' | 'Ñ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => "o",
        'œ' | 'Œ' => "oe",
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => "u",
        'ý' | 'ÿ' | 'Ý' => "y",
        'ß' => "ss",
        // Typographic apostrophes and dashes from spreadsheets and CRMs.
        '\u{2019}' | '\u{2018}' => "'",
        '\u{2013}' | '\u{2014}' => "-",
        '\u{a0}' | '\u{202f}' => " ",
        _ => return None,
    })
}

/// Whether `haystack` contains `needle` on word boundaries. Both must already be folded.
/// "cto" is found in "cto & co-founder" but not in "director".
pub fn contains_word(haystack: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    let bytes = haystack.as_bytes();
    let mut start = 0;
    while let Some(pos) = haystack[start..].find(needle) {
        let at = start + pos;
        let end = at + needle.len();
        let before_ok = at == 0 || !is_word_byte(bytes[at - 1]);
        let after_ok = end == bytes.len() || !is_word_byte(bytes[end]);
        if before_ok && after_ok {
            return true;
        }
        // Advance by one character, keeping to a char boundary.
        start = at + haystack[at..].chars().next().map_or(1, char::len_utf8);
    }
    false
}

/// [`contains_word`] for a needle tested against many short haystacks (a column's values):
/// candidates found by the needle's first byte, with no searcher to set up per call.
pub fn contains_word_fast(haystack: &str, needle: &str) -> bool {
    let (bytes, n) = (haystack.as_bytes(), needle.as_bytes());
    let Some(&first) = n.first() else {
        return false;
    };
    memchr::memchr_iter(first, bytes).any(|at| {
        let end = at + n.len();
        bytes.get(at..end) == Some(n)
            && (at == 0 || !is_word_byte(bytes[at - 1]))
            && (end == bytes.len() || !is_word_byte(bytes[end]))
    })
}

fn is_word_byte(b: u8) -> bool {
    // Non-ASCII bytes belong to letters that survived folding (e.g. Greek, Cyrillic).
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// Canonical form of a column header for matching against known synonyms:
/// folded, every run of non-alphanumeric characters turned into one space, trimmed.
pub fn header_key(s: &str) -> String {
    let folded = fold(s);
    let mut out = String::with_capacity(folded.len());
    let mut space = false;
    for c in folded.chars() {
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        } else {
            space = true;
        }
    }
    out
}

/// Parse a plain number as CRMs write it in a comma-separated export: optional sign, digits,
/// one optional `.` decimal part. Thousands separators and locales are the ingest issue's
/// business; here a value that is not plainly a number is text.
pub fn parse_plain_number(s: &str) -> Option<f64> {
    let t = s.trim();
    let digits = t.strip_prefix(['-', '+']).unwrap_or(t);
    if digits.is_empty() || digits.starts_with('.') && digits.len() == 1 {
        return None;
    }
    let mut dot = false;
    for b in digits.bytes() {
        match b {
            b'0'..=b'9' => {}
            b'.' if !dot => dot = true,
            _ => return None,
        }
    }
    t.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Parse a value that may be a number or a band such as `51-200`, `10000+` or `1 000-4 999`,
/// as the inclusive range it covers.
pub fn parse_range(s: &str) -> Option<(f64, f64)> {
    let t: String = s
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | ','))
        .collect();
    if t.is_empty() {
        return None;
    }
    if let Some(v) = parse_plain_number(&t) {
        return Some((v, v));
    }
    if let Some(lo) = t.strip_suffix('+') {
        return parse_plain_number(lo).map(|lo| (lo, f64::INFINITY));
    }
    let (lo, hi) = t.split_once(['-', '\u{2013}'])?;
    let (lo, hi) = (parse_plain_number(lo)?, parse_plain_number(hi)?);
    (lo <= hi).then_some((lo, hi))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_and_case() {
        assert_eq!(fold("Directrice Générale"), "directrice generale");
        assert_eq!(fold("ŒUVRE"), "oeuvre");
    }

    #[test]
    fn words_respect_boundaries() {
        assert!(contains_word("vp marketing", "vp"));
        assert!(contains_word("head of sales", "head of"));
        assert!(!contains_word("director", "cto"));
        assert!(!contains_word("vpn admin", "vp"));
        assert!(contains_word("cto/co-founder", "cto"));
        assert!(!contains_word("", "cto"));
    }

    #[test]
    fn header_keys() {
        assert_eq!(header_key("  Intitulé du poste "), "intitule du poste");
        assert_eq!(header_key("Job_Title"), "job title");
    }

    #[test]
    fn ranges() {
        assert_eq!(parse_range("51-200"), Some((51.0, 200.0)));
        assert_eq!(parse_range("10000+"), Some((10000.0, f64::INFINITY)));
        assert_eq!(parse_range("1 000"), Some((1000.0, 1000.0)));
        assert_eq!(parse_range("350"), Some((350.0, 350.0)));
        assert_eq!(parse_range("large"), None);
        assert_eq!(parse_range("200-50"), None);
        assert_eq!(parse_plain_number("."), None);
        assert_eq!(parse_plain_number("-3.5"), Some(-3.5));
        assert_eq!(parse_plain_number("1e5"), None);
    }
}
