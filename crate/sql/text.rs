//! Text in SQL as the engine reads it: a cell with its missing-value tokens emptied, folded
//! (lower case, accents off), keywords on word boundaries, bands such as `51-200`, free-mail
//! domains. Each piece mirrors a function of the engine, named in its doc line.

use super::Dialect;

/// A text or band cell as the engine holds it: empty when NULL or a missing-value token
/// ("N/A", "Select", "-", "0000-00-00"…), which the engine reads as an empty cell.
pub(super) fn cell_text(d: Dialect, col: &str) -> String {
    let t = format!("TRIM(COALESCE({col}, ''))");
    let core = d.trim_chars(&fold_sql(d, &t), MISSING_EDGES);
    let tokens: Vec<String> = crate::ingest::values::MISSING
        .split('|')
        .map(|m| d.string(m))
        .collect();
    format!(
        "CASE WHEN {len} <= 48 AND {core} IN ({}) THEN '' WHEN SUBSTR({t}, 1, 10) = '0000-00-00' THEN '' ELSE COALESCE({col}, '') END",
        tokens.join(", "),
        len = d.length(&t),
    )
}

/// Control characters that are word boundaries (with the space and ASCII punctuation).
pub(super) const CONTROL_SPACES: &[u32] = &[9, 10, 11, 12, 13];

/// What the engine strips around a missing-value token ("-- Select --", "#N/A").
const MISSING_EDGES: &str = " -_()[]<>*?.#!";

/// A number or a band in a text column, read as `text::parse_range` reads it: conditions on
/// its compact form (spaces and commas removed) and the bounds as 64-bit floats.
pub(super) struct Band {
    pub(super) plain: String,
    pub(super) plain_value: String,
    pub(super) plus: String,
    pub(super) plus_lo: String,
    pub(super) dash: String,
    pub(super) dash_lo: String,
    pub(super) dash_hi: String,
}

const NUM: &str = "([0-9]+([.][0-9]*)?|[.][0-9]+)";

impl Band {
    /// The band in `cell` (a text expression that is never NULL).
    pub(super) fn of(d: Dialect, cell: &str) -> Band {
        let mut c = cell.to_string();
        for x in [" ", "\u{a0}", "\u{202f}", ","] {
            c = format!("REPLACE({c}, {}, '')", d.string(x));
        }
        let num = |e: &str| d.double(e);
        Band {
            plain: d.regex_matches(&c, &format!("^[+-]?{NUM}$")),
            plain_value: num(&c),
            plus: d.regex_matches(&c, &format!("^[+-]?{NUM}[+]$")),
            plus_lo: num(&format!("SUBSTR({c}, 1, {} - 1)", d.length(&c))),
            dash: d.regex_matches(&c, &format!("^[+]?{NUM}[-\u{2013}][+-]?{NUM}$")),
            dash_lo: num(&d.regex_remove(&c, "[-\u{2013}].*$")),
            dash_hi: num(&d.regex_remove(&c, "^[^-\u{2013}]*[-\u{2013}]")),
        }
    }
}

/// Characters `text::fold` turns into two letters.
const FOLD_PAIRS: &[(char, &str)] = &[
    ('æ', "ae"),
    ('Æ', "ae"),
    ('œ', "oe"),
    ('Œ', "oe"),
    ('ß', "ss"),
];

/// Characters `text::fold` turns into one, and what into.
const FOLD_FROM: &str = "àáâãäåÀÁÂÃÄÅçÇèéêëÈÉÊËìíîïÌÍÎÏñÑòóôõöøÒÓÔÕÖØùúûüÙÚÛÜýÿÝ\u{2019}\u{2018}\u{2013}\u{2014}\u{a0}\u{202f}";
const FOLD_TO: &str = "aaaaaaaaaaaacceeeeeeeeiiiiiiiinnoooooooooooouuuuuuuuyyy''--  ";

/// `text::fold` in SQL: the same table of accents, then lower case.
pub fn fold_sql(d: Dialect, e: &str) -> String {
    let mut s = e.to_string();
    for (c, to) in FOLD_PAIRS {
        s = format!(
            "REPLACE({s}, {}, {})",
            d.string(&c.to_string()),
            d.string(to)
        );
    }
    format!(
        "LOWER(TRANSLATE({s}, {}, {}))",
        d.string(FOLD_FROM),
        d.string(FOLD_TO)
    )
}

/// A regular expression that finds any of `keys` (folded) on word boundaries, as
/// `text::contains_word`: a boundary is the start, the end, or an ASCII character that is not a
/// letter or digit (the cell's tabs and line breaks are made spaces first). Written with escapes every engine reads alike (a backslash before
/// punctuation, no character classes with escapes).
pub fn word_pattern(keys: &[String]) -> String {
    let mut boundary = String::from("( ");
    for b in 0u8..0x80 {
        let c = b as char;
        if c.is_ascii_punctuation() {
            boundary.push('|');
            boundary.push('\\');
            boundary.push(c);
        }
    }
    boundary.push(')');
    let alts: Vec<String> = keys.iter().map(|k| escape_regex(k)).collect();
    format!("(^|{boundary})({})($|{boundary})", alts.join("|"))
}

fn escape_regex(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 2);
    for c in s.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Whether `host` (lower-case) is a free-mail provider's, as `email::is_free_mail_domain`.
pub(super) fn free_mail_sql(d: Dialect, host: &str) -> String {
    let (wild, exact): (Vec<&str>, Vec<&str>) = crate::score::email::FREE_MAIL
        .iter()
        .partition(|f| f.ends_with(".*"));
    let exact: Vec<String> = exact.iter().map(|s| d.string(s)).collect();
    let names: Vec<String> = wild
        .iter()
        .map(|s| d.string(s.trim_end_matches(".*")))
        .collect();
    let dot = d.strpos(host, "'.'");
    format!(
        "({host} IN ({}) OR ({dot} > 0 AND SUBSTR({host}, 1, {dot} - 1) IN ({})))",
        exact.join(", "),
        names.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold;

    #[test]
    fn the_sql_fold_table_is_text_fold() {
        assert_eq!(FOLD_FROM.chars().count(), FOLD_TO.chars().count());
        for (c, to) in FOLD_FROM.chars().zip(FOLD_TO.chars()) {
            assert_eq!(fold(&c.to_string()), to.to_string(), "{c}");
        }
        for (c, to) in FOLD_PAIRS {
            assert_eq!(fold(&c.to_string()), *to, "{c}");
        }
        // Every other character folds as SQL's LOWER does: so no entry of the table is missing.
        for c in (0x80u32..0x3000).filter_map(char::from_u32) {
            let listed = FOLD_FROM.contains(c) || FOLD_PAIRS.iter().any(|(p, _)| *p == c);
            if !listed {
                assert_eq!(fold(&c.to_string()), c.to_lowercase().to_string(), "{c:?}");
            }
        }
    }

    #[test]
    fn keywords_are_escaped_in_the_word_pattern() {
        let p = word_pattern(&["c++".into(), "r&d".into(), "head of".into()]);
        assert!(p.contains("(c\\+\\+|r\\&d|head of)"), "{p}");
        assert!(p.starts_with("(^|( |"));
    }
}
