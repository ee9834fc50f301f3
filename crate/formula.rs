//! CSV cells that a spreadsheet would run as a formula: neutralised on the way out (every CSV
//! Accord writes goes through [`push_row`]) and restored on the way in (the CSV reader undoes
//! exactly what [`neutralise`] did, so Accord's own export loads back as the original values).
//!
//! The rule. A cell *needs* neutralising when its first character is `=`, `+`, `-`, `@`, a tab
//! or a carriage return — the characters on which Excel, LibreOffice and Sheets start a formula
//! (or a DDE call) — except a `-` that begins a plain number, or when it is an apostrophe
//! followed by a cell that needs it (so that a value which already looks like Accord's own
//! output stays distinct from it). Such a cell is written with one more `'` in front; the
//! reader takes one `'` off a cell exactly when what follows needs neutralising. The two are
//! inverse on every text: `restore(neutralise(x)) == x`, and a cell that was never neutralised
//! is read as it is.
//!
//! Why a plain negative number is left alone: `-12.5` in the numbers the engine writes (scores,
//! points) or in a number column of the data is read by a spreadsheet as the number −12.5, not
//! evaluated; prefixing it would turn every negative figure into text. The test is on the text
//! itself — a `-`, then only digits, separators, an optional exponent and percent sign — so
//! `-1+1`, `-A1`, `-SUM(A1)` or `-2)*cmd|' /C calc'!A0` (an operator, a letter or a bracket
//! after the minus) are neutralised whichever column they are in.

use std::borrow::Cow;

/// Whether `cell` is a plain number written with a leading minus: `-12`, `-1,234.5`, `-1 234,5`,
/// `-.5`, `-1e-3`, `-12%`. Nothing a spreadsheet could evaluate as more than that number.
fn negative_number(cell: &str) -> bool {
    let Some(rest) = cell.strip_prefix('-') else {
        return false;
    };
    let rest = rest.strip_suffix('%').unwrap_or(rest);
    let (mantissa, exponent) = match rest.find(['e', 'E']) {
        Some(i) => (&rest[..i], Some(&rest[i + 1..])),
        None => (rest, None),
    };
    let digits = mantissa.chars().filter(char::is_ascii_digit).count();
    let shape = mantissa.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        && mantissa.chars().all(|c| {
            c.is_ascii_digit() || matches!(c, '.' | ',' | ' ' | '\'' | '\u{a0}' | '\u{202f}')
        });
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        !e.is_empty() && e.chars().all(|c| c.is_ascii_digit())
    });
    digits > 0 && shape && exponent_ok
}

/// Whether a spreadsheet could run `cell` as a formula (see the module's rule).
pub fn needs_neutralising(cell: &str) -> bool {
    match cell.as_bytes().first() {
        Some(b'=' | b'+' | b'@' | b'\t' | b'\r') => true,
        Some(b'-') => !negative_number(cell),
        Some(b'\'') => needs_neutralising(&cell[1..]),
        _ => false,
    }
}

/// `cell` as written to a CSV: with a leading apostrophe when a spreadsheet could run it, so it
/// is shown as text.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if needs_neutralising(cell) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// A cell read from a CSV, with the apostrophe [`neutralise`] added taken off again. A cell
/// without one, or whose apostrophe is not followed by what `neutralise` guards, is unchanged
/// (`'hello`, `'-5` and `'` stay as they are). Borrowed: no copy.
#[inline]
pub fn restore(cell: &str) -> &str {
    // Nearly every cell: one byte compared, inlined into the reader's loop.
    if cell.as_bytes().first() != Some(&b'\'') {
        return cell;
    }
    match cell.strip_prefix('\'') {
        Some(rest) if needs_neutralising(rest) => rest,
        _ => cell,
    }
}

/// Append a CSV row: every cell neutralised, quoted where needed, CRLF-terminated.
pub fn push_row<'a>(out: &mut String, cells: impl Iterator<Item = &'a str>) {
    for (i, c) in cells.enumerate() {
        if i > 0 {
            out.push(',');
        }
        let safe = neutralise(c);
        if safe.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&safe.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&safe);
        }
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_formula_start_is_neutralised() {
        for cell in [
            "=1+1",
            "+1",
            "@SUM(A1)",
            "\t=1",
            "\r=1",
            "-1+1",
            "-A1",
            "-cmd|' /C calc'!A0",
            "-",
            "-inf",
            "-1e",
            "-1,2)",
            "'=1",
            "''+x",
        ] {
            assert_eq!(neutralise(cell), format!("'{cell}"), "{cell:?}");
        }
    }

    #[test]
    fn plain_text_and_negative_numbers_are_left_alone() {
        for cell in [
            "", "hello", "-12", "-12.5", "-.5", "-1,234.5", "-1 234,5", "-1e-3", "-2E+10", "-12%",
            "'", "'hello", "'-5", "a=b", " =1", "12",
        ] {
            assert_eq!(neutralise(cell), cell, "{cell:?}");
        }
    }

    #[test]
    fn restore_undoes_neutralise_and_nothing_else() {
        for cell in [
            "=1+1", "+33 6 12", "@x", "\tx", "\rx", "-1+1", "-12", "'=1", "''=1", "'", "'hello",
            "'-5", "hello", "", "'''@",
        ] {
            assert_eq!(restore(&neutralise(cell)), cell, "{cell:?}");
        }
        for cell in ["'hello", "'-5", "'", "hello", "'12"] {
            assert_eq!(restore(cell), cell, "{cell:?}: not Accord's mark");
        }
    }
}
