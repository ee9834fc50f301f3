//! Civil (proleptic Gregorian) dates as day counts since 1970-01-01, shared by the value parser
//! and the business-hours calendar. (The sample generator keeps a `const fn` copy: its calendar
//! constants are computed at compile time.)

/// Years (and day counts) within which the 64-bit arithmetic cannot overflow.
const FAST_YEARS: u64 = 1_000_000_000_000;
const FAST_DAYS: u64 = 365_000_000_000_000;

/// The days-from-civil arithmetic in the integer type `$t`: `i64` where nothing can overflow,
/// `i128` beyond (one text for both, so the two cannot drift apart).
macro_rules! days_from {
    ($t:ty, $y:expr, $m:expr, $d:expr) => {{
        let m = <$t>::from($m.clamp(1, 12));
        let y = <$t>::from($y) - <$t>::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * ((m + 9) % 12) + 2) / 5 + <$t>::from($d) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }};
}

/// The civil-from-days arithmetic in the integer type `$t`: (year, month, day) as `$t`.
macro_rules! civil_from {
    ($t:ty, $days:expr) => {{
        let z = <$t>::from($days) + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        (yoe + era * 400 + <$t>::from(m <= 2), m, d)
    }};
}

/// Days since 1970-01-01 of a proleptic Gregorian date. The month is clamped to 1..=12; the
/// day is counted from the first of the month, so day 0 or 32 rolls into the adjacent month.
/// Saturates at the `i64` range.
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    // Within ±10^12 years no step overflows i64: the same arithmetic without 128-bit division,
    // which costs tens of instructions a call (this runs once per distinct date of a column).
    if y.unsigned_abs() <= FAST_YEARS {
        return days_from!(i64, y, m, d);
    }
    let days = days_from!(i128, y, m, d);
    days.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64
}

/// The proleptic Gregorian date (year, month 1..=12, day 1..=31) of a day count since 1970.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    if days.unsigned_abs() <= FAST_DAYS {
        let (y, m, d) = civil_from!(i64, days);
        return (y, m as u32, d as u32);
    }
    let (y, m, d) = civil_from!(i128, days);
    (y as i64, m as u32, d as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The 64-bit paths agree with the 128-bit ones on both sides of their limits.
    #[test]
    fn fast_paths_match_the_wide_arithmetic() {
        fn wide_days(y: i64, m: u32, d: u32) -> i64 {
            let m = i128::from(m.clamp(1, 12));
            let y = i128::from(y) - i128::from(m <= 2);
            let era = y.div_euclid(400);
            let yoe = y - era * 400;
            let doy = (153 * ((m + 9) % 12) + 2) / 5 + i128::from(d) - 1;
            let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
            (era * 146_097 + doe - 719_468) as i64
        }
        let years = [
            -(FAST_YEARS as i64),
            -1_000_001,
            -401,
            -1,
            0,
            1,
            1899,
            1970,
            2000,
            2024,
            2200,
            FAST_YEARS as i64,
        ];
        for y in years {
            for m in [0, 1, 2, 3, 12, 13] {
                for d in [0, 1, 28, 29, 31, 40] {
                    let days = days_from_civil(y, m, d);
                    assert_eq!(days, wide_days(y, m, d), "{y}-{m}-{d}");
                    if (1..=12).contains(&m) && (1..=28).contains(&d) {
                        assert_eq!(civil_from_days(days), (y, m, d));
                    }
                }
            }
        }
        for days in [
            -(FAST_DAYS as i64),
            -719_469,
            -1,
            0,
            1,
            19_000,
            FAST_DAYS as i64,
        ] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }
}
