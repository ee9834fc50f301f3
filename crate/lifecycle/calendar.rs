//! Business-hours calendar: time zones with daylight-saving rules, working schedules and
//! SLA deadline arithmetic ("N business hours after this instant").
//!
//! Every instant is an `i64` count of seconds since 1970-01-01T00:00:00Z. Nothing here reads a
//! clock, a file or the system time-zone database: the zone rules are built in (current rules,
//! applied to every year) and the caller passes every instant, so this builds for wasm32.
//!
//! All scans are capped at [`HORIZON_DAYS`] (about three years) so that a schedule whose every
//! working day is a holiday cannot loop forever; see [`Schedule::add_business_hours`].

const DAY: i64 = 86_400;
const HOUR: i64 = 3_600;

/// How far the business-hours scans look ahead from their start: 1,096 days (three years).
pub const HORIZON_DAYS: i64 = 1_096;
const HORIZON: i64 = HORIZON_DAYS * DAY;

/// Which daylight-saving rule a zone follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    /// No daylight saving.
    Fixed,
    /// EU: last Sunday of March 01:00 UTC → last Sunday of October 01:00 UTC.
    Eu,
    /// US/Canada: 2nd Sunday of March 02:00 standard → 1st Sunday of November 02:00 daylight.
    Us,
    /// SE Australia: 1st Sunday of October 02:00 standard → 1st Sunday of April 03:00 daylight.
    Au,
    /// New Zealand: last Sunday of September 02:00 standard → 1st Sunday of April 03:00 daylight.
    Nz,
}

/// A time zone: a fixed offset, or a standard offset with a daylight-saving rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Zone {
    /// Standard offset from UTC, seconds east.
    std: i32,
    /// Daylight offset from UTC (equal to `std` for fixed zones).
    dst: i32,
    rule: Rule,
}

const H: i32 = 3_600;
/// Supported IANA names (lower case, space-separated) with standard offset, daylight offset, rule.
#[rustfmt::skip]
const ZONES: &[(&str, i32, i32, Rule)] = &[
    ("utc etc/utc gmt etc/gmt z", 0, 0, Rule::Fixed),
    ("europe/paris europe/berlin europe/madrid europe/rome", H, 2 * H, Rule::Eu),
    ("europe/brussels europe/amsterdam europe/zurich europe/vienna", H, 2 * H, Rule::Eu),
    ("europe/stockholm europe/oslo europe/copenhagen europe/warsaw", H, 2 * H, Rule::Eu),
    ("europe/prague europe/luxembourg", H, 2 * H, Rule::Eu),
    ("europe/london europe/dublin europe/lisbon", 0, H, Rule::Eu),
    ("europe/helsinki europe/athens europe/bucharest", 2 * H, 3 * H, Rule::Eu),
    ("america/new_york america/toronto america/montreal", -5 * H, -4 * H, Rule::Us),
    ("america/detroit", -5 * H, -4 * H, Rule::Us),
    ("america/chicago", -6 * H, -5 * H, Rule::Us),
    ("america/mexico_city", -6 * H, -6 * H, Rule::Fixed),
    ("america/denver", -7 * H, -6 * H, Rule::Us),
    ("america/phoenix", -7 * H, -7 * H, Rule::Fixed),
    ("america/los_angeles america/vancouver", -8 * H, -7 * H, Rule::Us),
    ("america/sao_paulo", -3 * H, -3 * H, Rule::Fixed),
    ("asia/tokyo asia/seoul", 9 * H, 9 * H, Rule::Fixed),
    ("asia/shanghai asia/hong_kong asia/singapore", 8 * H, 8 * H, Rule::Fixed),
    ("asia/kolkata", 5 * H + 1_800, 5 * H + 1_800, Rule::Fixed),
    ("asia/dubai", 4 * H, 4 * H, Rule::Fixed),
    ("australia/sydney australia/melbourne", 10 * H, 11 * H, Rule::Au),
    ("pacific/auckland", 12 * H, 13 * H, Rule::Nz),
];

impl Zone {
    /// Coordinated Universal Time.
    pub const UTC: Zone = Zone::fixed(0);

    const fn fixed(secs: i32) -> Zone {
        let rule = Rule::Fixed;
        Zone {
            std: secs,
            dst: secs,
            rule,
        }
    }

    /// By IANA name (case-insensitive, see the module's supported list) or as a fixed offset
    /// written "+02:00", "-05:30", "+0530", "+2", "UTC+1", "GMT-05:00" (east of UTC is positive;
    /// at most 14 hours).
    pub fn parse(name: &str) -> Result<Zone, String> {
        let lower = name.trim().to_ascii_lowercase();
        if let Some(&(_, std, dst, rule)) =
            ZONES.iter().find(|z| z.0.split(' ').any(|n| n == lower))
        {
            return Ok(Zone { std, dst, rule });
        }
        let offset = lower
            .strip_prefix("utc")
            .or_else(|| lower.strip_prefix("gmt"))
            .unwrap_or(&lower);
        parse_offset(offset).map(Zone::fixed).ok_or_else(|| {
            format!(
                "Unknown time zone \"{}\": use an IANA name such as Europe/Paris, Europe/London, \
                 America/New_York, America/Los_Angeles, Asia/Tokyo, Australia/Sydney or UTC, \
                 or a fixed offset such as \"+02:00\" or \"UTC-5\".",
                name.trim()
            )
        })
    }

    /// UTC offset in seconds (east positive) at a UTC instant.
    pub fn offset_at(&self, utc: i64) -> i32 {
        let (std, dst) = (i64::from(self.std), i64::from(self.dst));
        // (month, nth Sunday with 0 = last, local time, offset the local time is read in)
        let (start, end) = match self.rule {
            Rule::Fixed => return self.std,
            Rule::Eu => ((3, 0, HOUR, 0), (10, 0, HOUR, 0)),
            Rule::Us => ((3, 2, 2 * HOUR, std), (11, 1, 2 * HOUR, dst)),
            Rule::Au => ((10, 1, 2 * HOUR, std), (4, 1, 3 * HOUR, dst)),
            Rule::Nz => ((9, 0, 2 * HOUR, std), (4, 1, 3 * HOUR, dst)),
        };
        let (year, _, _) = civil_from_days(utc.saturating_add(std).div_euclid(DAY));
        let at = |(month, nth, secs, offset): (u32, i64, i64, i64)| {
            let day = sunday(year, month, nth).saturating_mul(DAY);
            day.saturating_add(secs).saturating_sub(offset)
        };
        let (start, end) = (at(start), at(end));
        // Southern zones (end < start) are on standard time between the two instants.
        let between = (start.min(end)..start.max(end)).contains(&utc);
        if between == (start < end) {
            self.dst
        } else {
            self.std
        }
    }

    /// The UTC instant of a local wall-clock time (`local` = seconds since 1970 as if the wall
    /// clock were UTC). A wall time skipped by spring-forward maps to the same wall time one hour
    /// later; a wall time that occurs twice at fall-back maps to the earlier instant.
    pub fn to_utc(&self, local: i64) -> i64 {
        let late = local.saturating_sub(i64::from(self.std));
        if self.rule == Rule::Fixed {
            return late;
        }
        // Daylight offsets are ahead of standard ones, so the daylight reading is the earlier.
        let early = local.saturating_sub(i64::from(self.dst));
        if self.offset_at(early) == self.dst {
            early
        } else {
            // A valid standard-time reading, or the gap: `late` is then the instant whose
            // daylight wall time is `local` + (dst − std), i.e. one hour forward.
            late
        }
    }

    /// The local wall-clock reading (seconds since 1970 as if the wall clock were UTC).
    pub fn to_local(&self, utc: i64) -> i64 {
        utc.saturating_add(i64::from(self.offset_at(utc)))
    }
}

/// "+HH:MM", "+HHMM", "+H", "-HH:MM"… → seconds east of UTC (at most 14 hours).
fn parse_offset(s: &str) -> Option<i32> {
    let (sign, rest) = match s.as_bytes().first() {
        Some(b'+') => (1, s.get(1..)?),
        Some(b'-') => (-1, s.get(1..)?),
        _ => return None,
    };
    let (h, m) = match rest.split_once(':') {
        Some((h, m)) => (h, m),
        None if rest.len() == 4 => (rest.get(..2)?, rest.get(2..)?),
        None => (rest, "00"),
    };
    let h = digits(h, 1, 2)?;
    let m = digits(m, 2, 2)?;
    let secs = h * 3_600 + m * 60;
    (m < 60 && secs <= 14 * 3_600).then_some(sign * secs as i32)
}

/// An unsigned decimal of `min..=max` ASCII digits.
fn digits(s: &str, min: usize, max: usize) -> Option<u32> {
    if s.len() < min || s.len() > max || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

pub use crate::civil::{civil_from_days, days_from_civil};

/// ISO weekday of a day count since 1970: 1 = Monday … 7 = Sunday.
pub fn weekday(days: i64) -> u32 {
    // 1970-01-01 was a Thursday.
    ((days.rem_euclid(7) + 3) % 7 + 1) as u32
}

/// Parses "YYYY-MM-DD" (surrounding spaces ignored) to days since 1970; `None` if malformed
/// or not a real date.
pub fn parse_date(s: &str) -> Option<i64> {
    let mut parts = s.trim().split('-');
    let y = digits(parts.next()?, 4, 4)?;
    let m = digits(parts.next()?, 2, 2)?;
    let d = digits(parts.next()?, 2, 2)?;
    let days = days_from_civil(i64::from(y), m, d);
    // Out-of-range months and days do not survive the round trip.
    (parts.next().is_none() && civil_from_days(days) == (i64::from(y), m, d)).then_some(days)
}

/// Day count of the `n`th Sunday of a month (1-based; 0 = the last Sunday), for `m` < 12.
fn sunday(y: i64, m: u32, n: i64) -> i64 {
    if n == 0 {
        let last = days_from_civil(y, m + 1, 1).saturating_sub(1);
        return last.saturating_sub(i64::from(weekday(last) % 7));
    }
    let first = days_from_civil(y, m, 1);
    let to_sunday = i64::from((7 - weekday(first)) % 7);
    first.saturating_add(to_sunday).saturating_add(7 * (n - 1))
}

/// Working hours: which weekdays, opening and closing time, holidays, in a time zone.
#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    zone: Zone,
    /// Bit `i` set = ISO weekday `i + 1` is a working day.
    days: u8,
    /// Opening and closing time, seconds after local midnight (`open < close <= 86_400`).
    open: i64,
    close: i64,
    /// Local dates (days since 1970), sorted, deduplicated.
    holidays: Vec<i64>,
}

impl Schedule {
    /// `days`: "mon-fri", "mon-sat", "sun-thu", "mon,tue,thu", "mon-fri,sat", "fri-mon"
    /// (three-letter or full English names, or French "lun-ven"; ranges wrap around the week);
    /// `open`/`close`: "HH:MM", close after open, "24:00" allowed for close; `zone`: see
    /// [`Zone::parse`]; `holidays`: local dates "YYYY-MM-DD" on which nothing is open.
    pub fn new(
        days: &str,
        open: &str,
        close: &str,
        zone: &str,
        holidays: &[String],
    ) -> Result<Schedule, String> {
        let (opening, closing) = (
            parse_time(open, "opening", false)?,
            parse_time(close, "closing", true)?,
        );
        if closing <= opening {
            let (close, open) = (close.trim(), open.trim());
            return Err(format!(
                "The closing time \"{close}\" must be after the opening time \"{open}\"."
            ));
        }
        let bad = |h: &String| {
            format!(
                "The holiday \"{}\" is not a valid date: write it as YYYY-MM-DD, e.g. 2027-05-06.",
                h.trim()
            )
        };
        let mut dates = holidays
            .iter()
            .map(|h| parse_date(h).ok_or_else(|| bad(h)))
            .collect::<Result<Vec<i64>, String>>()?;
        dates.sort_unstable();
        dates.dedup();
        Ok(Schedule {
            days: parse_days(days)?,
            zone: Zone::parse(zone)?,
            open: opening,
            close: closing,
            holidays: dates,
        })
    }

    /// Round the clock, every day, UTC (for agreements without business hours).
    pub fn always() -> Schedule {
        Schedule {
            zone: Zone::UTC,
            days: 0x7f,
            open: 0,
            close: DAY,
            holidays: Vec::new(),
        }
    }

    /// The schedule's time zone.
    pub fn zone(&self) -> Zone {
        self.zone
    }

    /// The instant `hours` business hours after `start`, to the second (`hours` is rounded to
    /// whole seconds). A start outside opening hours counts from the next opening; a deadline
    /// that uses up a day exactly lands on that day's closing instant. `hours <= 0` or NaN →
    /// `start`. If the hours cannot be found within [`HORIZON_DAYS`] of `start` (e.g. every
    /// working day is a holiday, or `hours` is huge) the result is `start` + `HORIZON_DAYS` days.
    pub fn add_business_hours(&self, start: i64, hours: f64) -> i64 {
        if hours.is_nan() || hours <= 0.0 {
            return start;
        }
        let mut need = (hours * 3_600.0).round() as i64; // saturating cast
        let limit = start.saturating_add(HORIZON);
        for (from, to) in self.spans(start, limit) {
            if to - from >= need {
                return from + need;
            }
            need -= to - from;
        }
        limit
    }

    /// Business hours between two instants (0 if `end <= start`). Only the first
    /// [`HORIZON_DAYS`] days after `start` are counted.
    pub fn business_hours_between(&self, start: i64, end: i64) -> f64 {
        let secs: i64 = self.spans(start, end).map(|(from, to)| to - from).sum();
        secs as f64 / 3_600.0
    }

    /// Whether the instant is inside opening hours (opening instant included, closing excluded).
    pub fn is_open(&self, at: i64) -> bool {
        self.spans(at, at.saturating_add(1)).next().is_some()
    }

    /// `at` itself if open, else the next opening instant; `None` if there is none within
    /// [`HORIZON_DAYS`] days.
    pub fn next_opening(&self, at: i64) -> Option<i64> {
        let mut spans = self.spans(at, at.saturating_add(HORIZON));
        spans.next().map(|(from, _)| from)
    }

    /// The opening hours within `[start, min(end, start + HORIZON))`, in order, as UTC spans
    /// that do not overlap (O(days spanned)).
    fn spans(&self, start: i64, end: i64) -> impl Iterator<Item = (i64, i64)> + '_ {
        let end = end.min(start.saturating_add(HORIZON));
        let first = self.zone.to_local(start).div_euclid(DAY).saturating_sub(1);
        let last = self.zone.to_local(end).div_euclid(DAY).saturating_add(1);
        let mut cursor = start;
        (first..=last).filter_map(move |day| {
            let (open, close) = self.window(day)?;
            let (from, to) = (open.max(cursor), close.min(end));
            cursor = cursor.max(to);
            (to > from).then_some((from, to))
        })
    }

    /// The opening hours of a local date as UTC instants, if it is a working day.
    fn window(&self, day: i64) -> Option<(i64, i64)> {
        let bit = 1u8 << (weekday(day) - 1);
        if self.days & bit == 0 || self.holidays.binary_search(&day).is_ok() {
            return None;
        }
        let midnight = day.saturating_mul(DAY);
        let open = self.zone.to_utc(midnight.saturating_add(self.open));
        let close = self.zone.to_utc(midnight.saturating_add(self.close));
        Some((open, close))
    }
}

/// Weekday names → index 0 (Monday) … 6 (Sunday).
const DAY_NAMES: [[&str; 4]; 7] = [
    ["mon", "monday", "lun", "lundi"],
    ["tue", "tuesday", "mar", "mardi"],
    ["wed", "wednesday", "mer", "mercredi"],
    ["thu", "thursday", "jeu", "jeudi"],
    ["fri", "friday", "ven", "vendredi"],
    ["sat", "saturday", "sam", "samedi"],
    ["sun", "sunday", "dim", "dimanche"],
];

fn day_index(name: &str, spec: &str) -> Result<u32, String> {
    let lower = name.trim().to_ascii_lowercase();
    (0u32..)
        .zip(DAY_NAMES.iter())
        .find(|(_, names)| names.contains(&lower.as_str()))
        .map(|(i, _)| i)
        .ok_or_else(|| {
            format!(
                "Unknown weekday \"{}\" in the working days \"{}\": use mon, tue, wed, thu, fri, \
                 sat, sun (or lun … dim), e.g. \"mon-fri\" or \"mon,tue,thu\".",
                name.trim(),
                spec.trim()
            )
        })
}

fn parse_days(spec: &str) -> Result<u8, String> {
    let mut mask = 0u8;
    for item in spec.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let (a, b) = item.split_once('-').unwrap_or((item, item));
        let (a, b) = (day_index(a, spec)?, day_index(b, spec)?);
        let mut d = a;
        loop {
            mask |= 1 << d;
            if d == b {
                break;
            }
            d = (d + 1) % 7;
        }
    }
    if mask == 0 {
        return Err(format!(
            "The working days \"{}\" name no working day: write e.g. \"mon-fri\".",
            spec.trim()
        ));
    }
    Ok(mask)
}

/// "HH:MM" → seconds after midnight; "24:00" only when `allow_24`.
fn parse_time(s: &str, what: &str, allow_24: bool) -> Result<i64, String> {
    let t = s.trim();
    let secs = t.split_once(':').and_then(|(h, m)| {
        let (h, m) = (digits(h, 1, 2)?, digits(m, 2, 2)?);
        let ok = (h < 24 && m < 60) || (allow_24 && h == 24 && m == 0);
        ok.then_some(i64::from(h * 3_600 + m * 60))
    });
    let last = if allow_24 { "24:00" } else { "23:59" };
    secs.ok_or_else(|| {
        format!("The {what} time \"{t}\" is not a time of day: write HH:MM, 00:00 to {last}.")
    })
}
#[cfg(test)]
mod tests {
    use super::*;

    /// "YYYY-MM-DD HH:MM" as a wall time in `z`, or as UTC when it ends in "Z".
    fn t(z: Zone, s: &str) -> i64 {
        let (d, hm) = s.trim_end_matches('Z').split_once(' ').unwrap();
        let wall = parse_date(d).unwrap() * DAY + parse_time(hm, "test", true).unwrap();
        if s.ends_with('Z') {
            wall
        } else {
            z.to_utc(wall)
        }
    }

    fn u(s: &str) -> i64 {
        t(Zone::UTC, s)
    }

    /// One row a line, cells separated by " | ".
    fn rows(table: &str) -> Vec<Vec<&str>> {
        let lines = table.lines().map(str::trim).filter(|l| !l.is_empty());
        lines.map(|l| l.split(" | ").collect()).collect()
    }

    /// "days open close zone [holiday,holiday…]".
    fn sched(spec: &str) -> Schedule {
        let f: Vec<&str> = spec.split(' ').collect();
        let hol: Vec<String> = f
            .get(4)
            .map_or(vec![], |h| h.split(',').map(String::from).collect());
        Schedule::new(f[0], f[1], f[2], f[3], &hol).unwrap()
    }

    #[test]
    fn civil_dates() {
        assert_eq!((days_from_civil(1970, 1, 1), weekday(0)), (0, 4)); // a Thursday
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(weekday(u("2027-03-26 00:00") / DAY), 5); // a Friday
        for d in (-1_000_000..1_000_000).step_by(97) {
            let (y, m, dd) = civil_from_days(d);
            assert_eq!(days_from_civil(y, m, dd), d);
        }
        for d in [i64::MIN, -1, i64::MAX] {
            let (y, m, dd) = civil_from_days(d);
            assert!((1..=12).contains(&m) && (1..=31).contains(&dd) && weekday(d) <= 7);
            let _ = days_from_civil(y, m, dd);
        }
        assert_eq!(days_from_civil(i64::MAX, 99, u32::MAX), i64::MAX);
        assert_eq!(days_from_civil(i64::MIN, 0, 0), i64::MIN);
        assert_eq!(
            (parse_date("1970-01-02"), parse_date(" 2028-02-29 ")),
            (Some(1), Some(21_243))
        );
        let bad = "2027-02-29|2027-13-01|2027-00-10|2027-04-31|2027-04-00|27-01-01|2027-1-01||\
                   2027-01-01-|2027-01-01x|+027-01-01|２０２７-01-01";
        assert!(bad.split('|').all(|s| parse_date(s).is_none()));
    }

    #[test]
    fn zones_and_transitions() {
        let july = u("2027-07-01 00:00");
        let names = "europe/PARIS 7200|UTC 0|Etc/UTC 0|gmt 0|+02:00 7200|-05:30 -19800|+2 7200|\
                     UTC+1 3600|GMT-0500 -18000|Asia/Kolkata 19800|America/Mexico_City -21600|\
                     America/Phoenix -25200|America/Chicago -18000|Australia/Sydney 36000";
        for case in names.split('|') {
            let (name, off) = case.split_once(' ').unwrap();
            assert_eq!(Zone::parse(name).unwrap().offset_at(july).to_string(), off);
        }
        for bad in "Mars/Olympus||+15:00|+02:60|UTC+|+|+2:0|paris".split('|') {
            let err = Zone::parse(bad).unwrap_err();
            assert!(err.contains("Europe/Paris") && err.contains(bad), "{err}");
        }
        // zone | transition instant | offset the second before | offset from then on.
        // Paris: 2027-03-28 02:00 CET → 03:00 CEST is 01:00 UTC; 2027-10-31 03:00 CEST → 02:00
        // CET is 01:00 UTC. New York: 2027-03-14 02:00 EST = 07:00 UTC; 2027-11-07 02:00 EDT =
        // 06:00 UTC. Sydney: 2027-04-04 03:00 AEDT = 04-03 16:00 UTC; 2027-10-03 02:00 AEST =
        // 10-02 16:00 UTC. Auckland: 2027-04-04 03:00 NZDT = 04-03 14:00 UTC; the last Sunday
        // of September is the 26th, 02:00 NZST = 09-25 14:00 UTC.
        let table = "
            Europe/Paris | 2027-03-28 01:00 | 3600 | 7200
            Europe/Paris | 2027-10-31 01:00 | 7200 | 3600
            Europe/London | 2027-03-28 01:00 | 0 | 3600
            Europe/Helsinki | 2027-10-31 01:00 | 10800 | 7200
            America/New_York | 2027-03-14 07:00 | -18000 | -14400
            America/New_York | 2027-11-07 06:00 | -14400 | -18000
            America/Los_Angeles | 2027-03-14 10:00 | -28800 | -25200
            Australia/Sydney | 2027-04-03 16:00 | 39600 | 36000
            Australia/Sydney | 2027-10-02 16:00 | 36000 | 39600
            Australia/Sydney | 2027-01-01 00:00 | 39600 | 39600
            Pacific/Auckland | 2027-04-03 14:00 | 46800 | 43200
            Pacific/Auckland | 2027-09-25 14:00 | 43200 | 46800";
        for r in rows(table) {
            let (z, at) = (Zone::parse(r[0]).unwrap(), u(r[1]));
            assert_eq!(z.offset_at(at - 1).to_string(), r[2], "{r:?}");
            assert_eq!(z.offset_at(at).to_string(), r[3], "{r:?}");
        }
    }

    #[test]
    fn wall_clock_gaps_and_overlaps() {
        // zone | local wall time | UTC instant. Gaps move forward one hour: Paris 02:30 on
        // 03-28 → 03:30 CEST = 01:30 UTC. Overlaps take the earlier (daylight) reading: Paris
        // 02:30 on 10-31 happens at 00:30 UTC (CEST) and 01:30 UTC (CET).
        let table = "
            Europe/Paris | 2027-03-28 02:30 | 2027-03-28 01:30
            Europe/Paris | 2027-10-31 02:30 | 2027-10-31 00:30
            Europe/Paris | 2027-10-31 03:00 | 2027-10-31 02:00
            America/New_York | 2027-03-14 02:30 | 2027-03-14 07:30
            America/New_York | 2027-11-07 01:30 | 2027-11-07 05:30
            Australia/Sydney | 2027-10-03 02:30 | 2027-10-02 16:30
            Australia/Sydney | 2027-04-04 02:30 | 2027-04-03 15:30
            Pacific/Auckland | 2027-09-26 02:30 | 2027-09-25 14:30";
        for r in rows(table) {
            let z = Zone::parse(r[0]).unwrap();
            assert_eq!(t(z, r[1]), u(r[2]), "{r:?}");
            // Every wall time of 2027 maps back to itself, or one hour later in a gap.
            for l in (u("2027-01-01 00:00")..u("2028-01-01 00:00")).step_by(1800) {
                let back = z.to_local(z.to_utc(l));
                assert!(back == l || back == l + HOUR, "{z:?} {l}");
            }
            let _ = (z.to_utc(i64::MIN), z.to_utc(i64::MAX), z.to_local(i64::MAX));
        }
    }

    #[test]
    fn known_deadlines() {
        let schedules = [
            sched("mon-fri 09:00 18:00 Europe/Paris"),
            sched("mon-fri 09:00 18:00 Europe/Paris 2027-05-06"),
            sched("mon-fri 09:00 17:00 America/New_York"),
            sched("mon-fri 09:00 17:00 Australia/Sydney"),
        ];
        // Paris 09–18 (P; 2027-06-04 is a Friday). Fri 17:30 + 1h: 30 min Friday, 30 min
        // Monday. Saturday is closed: count from Monday 09:00. Mon 09:00 + 24h = Mon 9 + Tue 9
        // + Wed 6. Using up a day exactly ends at closing time. Fri 2027-03-26 17:00 CET (16:00
        // UTC) + 2h → Mon 03-29 10:00 CEST (08:00 UTC); 10-29 17:00 CEST + 2h → 11-01 10:00
        // CET. H: Ascension Thursday 2027 is 05-06 (Easter 03-28), so Wed 17:00 + 2h = 1h Wed
        // + 1h Fri. N, S: New York, Sydney 09–17, Fri 16:00 + 2h → Mon 10:00 across each DST
        // weekend: Mon 2027-11-08 10:00 EST = 15:00 UTC, 2027-10-04 10:00 AEDT = 10-03 23:00.
        let table = "
            P | 2027-06-04 17:30 | 1 | 2027-06-07 09:30
            P | 2027-06-05 11:00 | 2 | 2027-06-07 11:00
            P | 2027-06-07 09:00 | 24 | 2027-06-09 15:00
            P | 2027-06-07 09:00 | 9 | 2027-06-07 18:00
            P | 2027-06-07 16:00 | 3 | 2027-06-08 10:00
            P | 2027-06-05 11:00 | 0 | 2027-06-05 11:00
            P | 2027-06-05 11:00 | -3 | 2027-06-05 11:00
            P | 2027-06-05 11:00 | NaN | 2027-06-05 11:00
            P | 2027-03-26 17:00 | 2 | 2027-03-29 10:00
            P | 2027-03-26 16:00Z | 2 | 2027-03-29 08:00Z
            P | 2027-10-29 17:00 | 2 | 2027-11-01 10:00
            H | 2027-05-05 17:00 | 2 | 2027-05-07 10:00
            N | 2027-03-12 16:00 | 2 | 2027-03-15 10:00
            N | 2027-11-05 16:00 | 2 | 2027-11-08 10:00
            N | 2027-11-05 20:00Z | 2 | 2027-11-08 15:00Z
            S | 2027-04-02 16:00 | 2 | 2027-04-05 10:00
            S | 2027-10-01 16:00 | 2 | 2027-10-04 10:00
            S | 2027-10-01 06:00Z | 2 | 2027-10-03 23:00Z";
        for r in rows(table) {
            let s = &schedules["PHNS".find(r[0]).unwrap()];
            let start = t(s.zone, r[1]);
            let h: f64 = r[2].parse().unwrap();
            assert_eq!(s.add_business_hours(start, h), t(s.zone, r[3]), "{r:?}");
        }
        assert!(!schedules[1].is_open(u("2027-05-06 12:00")));
        // Round the clock in Paris (the holiday defeats the fast path): the spring-forward
        // Sunday has 23 business hours, the fall-back Sunday 25.
        let full = sched("mon-sun 00:00 24:00 Europe/Paris 2020-01-01");
        let day = |a, b| (t(full.zone, a), t(full.zone, b));
        let (a, b) = day("2027-03-28 00:00", "2027-03-29 00:00");
        assert_eq!(full.business_hours_between(a, b), 23.0);
        let (a, b) = day("2027-10-31 00:00", "2027-11-01 00:00");
        assert_eq!(full.business_hours_between(a, b), 25.0);
        assert_eq!(full.add_business_hours(a, 25.0), b);
    }

    #[test]
    fn open_hours_and_minutes_around_deadlines() {
        let paris = sched("mon-fri 09:00 18:00 Europe/Paris");
        let ny = sched("mon-fri 09:00 18:00 America/New_York");
        // Wed 2027-06-02 08:00 UTC is 10:00 in Paris and 04:00 in New York.
        assert!(paris.is_open(u("2027-06-02 08:00")) && !ny.is_open(u("2027-06-02 08:00")));
        assert!(!paris.is_open(t(paris.zone, "2027-06-02 18:00")));
        let (sat, mon) = (
            t(paris.zone, "2027-06-05 11:00"),
            t(paris.zone, "2027-06-07 09:00"),
        );
        assert_eq!(paris.next_opening(sat), Some(mon));
        assert_eq!(paris.business_hours_between(sat, sat - 1), 0.0);
        // Mon 10:00 + 5h → 15:00 and Mon 16:00 + 3h → Tue 10:00: a minute either side of
        // the deadline is inside hours, so it counts h ∓ 1/60.
        for (start, h) in [("2027-06-07 10:00", 5.0), ("2027-06-07 16:00", 3.0)] {
            let start = t(paris.zone, start);
            let end = paris.add_business_hours(start, h);
            let before = paris.business_hours_between(start, end - 60);
            let after = paris.business_hours_between(start, end + 60);
            assert!((before - (h - 1.0 / 60.0)).abs() < 1e-9, "{before}");
            assert!((after - (h + 1.0 / 60.0)).abs() < 1e-9, "{after}");
        }
    }

    #[test]
    fn round_trips() {
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        let lo = u("2026-01-01 00:00");
        let span = (u("2029-01-01 00:00") - lo) as u64;
        for s in [
            sched("mon-fri 09:00 18:00 Europe/Paris 2026-12-25,2027-05-06,2028-01-01"),
            sched("sun-thu 8:30 17:15 America/New_York 2027-07-04"),
            sched("lun,mar,jeu,sam 07:00 24:00 Australia/Sydney"),
            sched("mon-sat 10:00 19:00 Asia/Kolkata"),
        ] {
            for _ in 0..400 {
                let start = lo + next(span) as i64;
                let h = next(200_000) as f64 / 1_000.0;
                let end = s.add_business_hours(start, h);
                let from = s.next_opening(start).unwrap();
                assert_eq!(from == start, s.is_open(start));
                for a in [start, from] {
                    let got = s.business_hours_between(a, end);
                    assert!((got - h).abs() <= 1.0 / 3_600.0, "{s:?} {start} {h} {got}");
                }
                assert!(h == 0.0 || s.is_open(end - 1), "{s:?} {start} {h}");
                assert!(s.add_business_hours(start, h + 1.0) > end);
            }
        }
    }

    #[test]
    fn always_and_never() {
        let s = Schedule::always();
        let at = u("2027-03-28 00:30");
        assert_eq!(s.add_business_hours(at, 5.5), at + 19_800);
        assert_eq!(s.business_hours_between(at, at + 19_800), 5.5);
        assert!(s.is_open(i64::MIN) && s.is_open(i64::MAX - 1));
        assert_eq!(s.add_business_hours(at, 1e300), at + HORIZON);
        // Every Monday of 2026–2031 is a holiday: nothing opens within the horizon.
        let first = days_from_civil(2026, 1, 5); // a Monday
        let hol: Vec<String> = (0..320)
            .map(|k| civil_from_days(first + 7 * k))
            .map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"))
            .collect();
        let never = Schedule::new("mon", "09:00", "17:00", "UTC", &hol).unwrap();
        assert_eq!(never.add_business_hours(at, 1.0), at + HORIZON);
        assert_eq!(never.business_hours_between(at, at + 10 * HORIZON), 0.0);
        assert_eq!(never.next_opening(at), None);
        // Extreme instants and hours neither panic nor loop.
        let ny = sched("mon-fri 09:00 24:00 America/New_York");
        for at in [i64::MIN, i64::MIN + 1, -1, 0, i64::MAX - 1, i64::MAX] {
            for h in [0.5, 1e300, f64::INFINITY, f64::MIN_POSITIVE] {
                let _ = (ny.add_business_hours(at, h), s.add_business_hours(at, h));
            }
            let _ = (
                ny.is_open(at),
                ny.next_opening(at),
                ny.business_hours_between(at, -1),
            );
            let _ = ny.business_hours_between(i64::MIN, at);
        }
    }

    #[test]
    fn parses_schedules() {
        let mask = |d: &str| sched(&format!("{d} 09:00 17:00 UTC")).days;
        assert_eq!(mask("mon-fri"), 0b001_1111);
        assert_eq!(mask("sun-thu"), 0b100_1111);
        assert_eq!(mask("mon,tue,thu"), 0b000_1011);
        assert_eq!(mask("fri-mon"), 0b111_0001);
        assert_eq!(mask("monday,Friday"), 0b001_0001);
        assert_eq!(mask("mon-fri,sat"), mask("Mon-Sat"));
        assert_eq!(mask("lun-ven"), mask("mon-fri"));
        // days | open | close | zone | holiday | expected fragment of the error
        let table = "
            mon-xyz | 09:00 | 17:00 | UTC | 2027-01-01 | \"xyz\"
            mon- | 09:00 | 17:00 | UTC | 2027-01-01 | \"mon-\"
            , | 09:00 | 17:00 | UTC | 2027-01-01 | no working day
            mon | 25:00 | 17:00 | UTC | 2027-01-01 | \"25:00\"
            mon | 24:00 | 24:00 | UTC | 2027-01-01 | opening
            mon | 09:00 | 17:60 | UTC | 2027-01-01 | \"17:60\"
            mon | 09:00 | 9 | UTC | 2027-01-01 | \"9\"
            mon | 17:00 | 09:00 | UTC | 2027-01-01 | after
            mon | 09:00 | 17:00 | Mars/Base | 2027-01-01 | Mars/Base
            mon | 09:00 | 17:00 | UTC | 2027-02-30 | \"2027-02-30\"";
        for r in rows(table) {
            let err = Schedule::new(r[0], r[1], r[2], r[3], &[r[4].to_string()]).unwrap_err();
            assert!(err.contains(r[5]), "{r:?}: {err}");
        }
        assert_eq!(
            sched("mon 09:00 24:00 UTC 2027-01-01,2027-01-01")
                .holidays
                .len(),
            1
        );
    }
}
