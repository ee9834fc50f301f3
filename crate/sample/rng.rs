//! Randomness, civil-date arithmetic and byte-exact formatting for the sample generator.

// ---------------------------------------------------------------------------------------------
// Randomness: xoshiro256** seeded by splitmix64, both fully specified, so streams never change.

use super::{MINUTES_PER_DAY, SAMPLE_HEADERS};

pub(super) struct Rng {
    pub(super) s: [u64; 4],
}

impl Rng {
    pub(super) fn new(seed: u64) -> Rng {
        // Salted so that seed 0 and small seeds still start far apart from other users of splitmix.
        let mut state = seed ^ 0x6163_636f_7264_2d73;
        let mut next = || {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        Rng {
            s: [next(), next(), next(), next()],
        }
    }

    pub(super) fn next_u64(&mut self) -> u64 {
        let result = self.s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = self.s[1] << 17;
        self.s[2] ^= self.s[0];
        self.s[3] ^= self.s[1];
        self.s[1] ^= self.s[2];
        self.s[0] ^= self.s[3];
        self.s[2] ^= t;
        self.s[3] = self.s[3].rotate_left(45);
        result
    }

    /// Uniform integer in `0..n` (`n > 0`).
    pub(super) fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// Uniform integer in `lo..=hi`.
    pub(super) fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    /// Uniform in `[0, 1)` with 53 random bits.
    pub(super) fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    pub(super) fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub(super) fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }

    /// Index into a table of `(item, weight)`-like rows, drawn by weight.
    pub(super) fn weighted<T>(&mut self, items: &[T], weight: impl Fn(&T) -> u32) -> usize {
        let total: u64 = items.iter().map(|it| u64::from(weight(it))).sum();
        let mut ticket = self.below(total);
        for (i, it) in items.iter().enumerate() {
            let w = u64::from(weight(it));
            if ticket < w {
                return i;
            }
            ticket -= w;
        }
        items.len() - 1
    }

    pub(super) fn pick_weighted(&mut self, items: &[(&'static str, u32)]) -> &'static str {
        items[self.weighted(items, |it| it.1)].0
    }

    /// Bell-shaped noise with mean 0 and standard deviation 0.5 (Irwin–Hall of three uniforms).
    pub(super) fn noise(&mut self) -> f64 {
        self.unit() + self.unit() + self.unit() - 1.5
    }

    /// Right-skewed value in `[0, 32.3)`: mostly below 1, mean ≈ 2.6, occasionally large.
    pub(super) fn heavy(&mut self) -> f64 {
        1.0 / (1.0 - 0.97 * self.unit()) - 1.0
    }
}

pub(super) fn clamp01(x: f64) -> f64 {
    x.clamp(0.0, 1.0)
}

// ---------------------------------------------------------------------------------------------
// Calendar: days since 1970-01-01, timestamps in minutes since then (proleptic Gregorian, UTC).

pub(super) const fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

pub(super) fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// 0 = Monday … 6 = Sunday.
pub(super) fn weekday(days: i64) -> i64 {
    (days + 3).rem_euclid(7)
}

/// Relative chance of a lead arriving at each hour of the day (local business rhythm).
pub(super) const HOUR_WEIGHTS: [u32; 24] = [
    1, 1, 1, 1, 1, 2, 3, 5, 9, 12, 13, 12, 9, 10, 12, 12, 11, 9, 7, 6, 5, 4, 3, 2,
];

pub(super) fn push_timestamp(out: &mut String, minutes: i64) {
    let (y, m, d) = civil_from_days(minutes.div_euclid(MINUTES_PER_DAY));
    let in_day = minutes.rem_euclid(MINUTES_PER_DAY);
    push_padded(out, y as u64, 4);
    out.push('-');
    push_padded(out, m as u64, 2);
    out.push('-');
    push_padded(out, d as u64, 2);
    out.push(' ');
    push_padded(out, (in_day / 60) as u64, 2);
    out.push(':');
    push_padded(out, (in_day % 60) as u64, 2);
}

pub(super) fn push_padded(out: &mut String, n: u64, width: usize) {
    let mut digits = [b'0'; 20];
    let mut i = digits.len();
    let mut n = n;
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    let start = i.min(digits.len() - width.min(digits.len()));
    for &b in &digits[start..] {
        out.push(char::from(b));
    }
}

pub(super) fn push_u64(out: &mut String, n: u64) {
    push_padded(out, n, 1);
}

// ---------------------------------------------------------------------------------------------
// CSV output.

pub(super) fn push_field(out: &mut String, field: &str) {
    if field.contains([',', '"', '\n', '\r']) {
        out.push('"');
        for ch in field.chars() {
            if ch == '"' {
                out.push('"');
            }
            out.push(ch);
        }
        out.push('"');
    } else {
        out.push_str(field);
    }
}

pub(super) fn push_header(out: &mut String) {
    for (i, h) in SAMPLE_HEADERS.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_field(out, h);
    }
    out.push('\n');
}

pub(super) fn push_opt_timestamp(out: &mut String, t: Option<i64>) {
    out.push(',');
    if let Some(t) = t {
        push_timestamp(out, t);
    }
}

/// Lowercase ASCII rendering of a name for e-mail addresses and domains: accents dropped,
/// spaces and apostrophes removed, letters, digits and hyphens kept.
pub(super) fn push_ascii_slug(out: &mut String, text: &str) {
    for ch in text.chars() {
        let folded: &str = match ch {
            'a'..='z' | '0'..='9' | '-' => {
                out.push(ch);
                continue;
            }
            'A'..='Z' => {
                out.push(ch.to_ascii_lowercase());
                continue;
            }
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' | 'À' | 'Á' | 'Â' | 'Ä' => "a",
            'ç' | 'Ç' => "c",
            'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => "e",
            'ì' | 'í' | 'î' | 'ï' | 'Î' | 'Ï' => "i",
            'ñ' | 'Ñ' => "n",
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' | 'Ô' | 'Ö' => "o",
            'ù' | 'ú' | 'û' | 'ü' | 'Û' | 'Ü' => "u",
            'ÿ' => "y",
            'ß' => "ss",
            'œ' | 'Œ' => "oe",
            'æ' | 'Æ' => "ae",
            _ => "",
        };
        out.push_str(folded);
    }
}
