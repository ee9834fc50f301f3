//! A 2-D histogram of (fit, interest) at whole-score resolution, with outcome counts and
//! suffix sums, so that any threshold or grade band is read without touching a row.

/// Whole scores 0..=100.
pub const BUCKETS: usize = 101;
const SIDE: usize = BUCKETS + 1;

/// Counts of leads, won and lost, per (fit, interest) bucket, with 2-D suffix sums.
#[derive(Debug, Clone)]
pub struct Histogram {
    /// `suffix[k][f * SIDE + i]`: leads with fit bucket ≥ f and interest bucket ≥ i, for
    /// k = 0 all, 1 won, 2 lost.
    suffix: [Vec<u64>; 3],
    fit: Vec<u64>,
    interest: Vec<u64>,
}

/// The bucket of a score: its whole part, clamped to 0..=100.
#[inline]
pub fn bucket(score: f32) -> usize {
    if score.is_nan() || score <= 0.0 {
        0
    } else {
        (score as usize).min(BUCKETS - 1)
    }
}

/// Counts being gathered: one counter per (fit bucket, interest bucket, outcome), so that a
/// lead costs one increment (the totals, won and lost, and the per-axis distributions are
/// derived once in `finish`, not counted per lead). u32 keeps the table in cache (336 KB for
/// two classes); a table holds far fewer than 2³² leads.
struct Cells {
    counts: Vec<u32>,
}

/// Outcome slots per cell: 0 open/unknown, 1 won, 2 lost, 3 any other code.
const OUTCOMES: usize = 4;

impl Cells {
    fn new() -> Self {
        Cells {
            counts: vec![0; BUCKETS * BUCKETS * OUTCOMES],
        }
    }

    /// One more lead in bucket (`f`, `i`) with `outcome`.
    #[inline]
    fn add_bucket(&mut self, f: usize, i: usize, outcome: u8) {
        let slot = (f * BUCKETS + i) * OUTCOMES + usize::from(outcome).min(OUTCOMES - 1);
        if let Some(n) = self.counts.get_mut(slot) {
            *n += 1;
        }
    }

    #[inline]
    fn add(&mut self, f: f32, i: f32, outcome: u8) {
        self.add_bucket(bucket(f), bucket(i), outcome);
    }

    /// [`add`](Self::add) for scores in hundredths: bucket `h / 100` (at most 100).
    #[inline]
    fn add_hundredths(&mut self, f: u16, i: u16, outcome: u8) {
        let b = |h: u16| usize::from(h / 100).min(BUCKETS - 1);
        self.add_bucket(b(f), b(i), outcome);
    }

    /// Turn the counts into 2-D suffix sums of all, won and lost, and the per-axis counts.
    fn finish(self) -> Histogram {
        let mut cells: [Vec<u64>; 3] = [
            vec![0; SIDE * SIDE],
            vec![0; SIDE * SIDE],
            vec![0; SIDE * SIDE],
        ];
        let mut fit = vec![0u64; BUCKETS];
        let mut interest = vec![0u64; BUCKETS];
        for f in 0..BUCKETS {
            for i in 0..BUCKETS {
                let c = &self.counts[(f * BUCKETS + i) * OUTCOMES..][..OUTCOMES];
                let all = c.iter().map(|&n| u64::from(n)).sum::<u64>();
                cells[0][f * SIDE + i] = all;
                cells[1][f * SIDE + i] = u64::from(c[1]);
                cells[2][f * SIDE + i] = u64::from(c[2]);
                fit[f] += all;
                interest[i] += all;
            }
        }
        for c in cells.iter_mut() {
            for f in (0..BUCKETS).rev() {
                for i in (0..BUCKETS).rev() {
                    c[f * SIDE + i] +=
                        c[(f + 1) * SIDE + i] + c[f * SIDE + i + 1] - c[(f + 1) * SIDE + i + 1];
                }
            }
        }
        Histogram {
            suffix: cells,
            fit,
            interest,
        }
    }
}

impl Histogram {
    /// Build from per-lead scores and outcomes (0 open/unknown, 1 won, 2 lost).
    pub fn build(fit: &[f32], interest: &[f32], outcome: &[u8]) -> Self {
        Self::build_where(fit, interest, outcome, |_| true)
    }

    /// Two histograms in one pass, from scores kept in hundredths (0–10,000, as
    /// [`Scores`](super::axis::Scores) holds them): the leads whose `class` is `a`, and those
    /// whose class is `b` — what [`build_where`](Self::build_where) gives for each, each lead's
    /// buckets worked out in integers (`h / 100`, which is the whole part of the score
    /// `h / 100` the float path reads) instead of through a float and its checks. After a rule's points
    /// change, this pass over every lead is most of the work (1M leads: 5.9 of 9.2 ms). In
    /// the same pass, the leads of class `c` are counted: all of them, won (1) and lost (2).
    pub fn build_split_hundredths(
        fit: &[u16],
        interest: &[u16],
        outcome: &[u8],
        class: &[u8],
        [a, b, c]: [u8; 3],
    ) -> (Self, Self, [u64; 3]) {
        let (mut ha, mut hb) = (Cells::new(), Cells::new());
        let mut counted = [0u64; OUTCOMES];
        let n = fit.len().min(interest.len()).min(class.len());
        let outcome = |row: usize| outcome.get(row).copied().unwrap_or(0);
        for row in 0..n {
            let k = class[row];
            let cells = if k == a {
                &mut ha
            } else if k == b {
                &mut hb
            } else {
                if k == c {
                    counted[usize::from(outcome(row)).min(OUTCOMES - 1)] += 1;
                }
                continue;
            };
            cells.add_hundredths(fit[row], interest[row], outcome(row));
        }
        let all = counted.iter().sum();
        (ha.finish(), hb.finish(), [all, counted[1], counted[2]])
    }

    /// Build from the leads `include` accepts.
    pub fn build_where<'a>(
        fit: impl IntoIterator<Item = &'a f32>,
        interest: impl IntoIterator<Item = &'a f32>,
        outcome: &[u8],
        include: impl Fn(usize) -> bool,
    ) -> Self {
        let mut h = Cells::new();
        for (row, (&f, &i)) in fit.into_iter().zip(interest).enumerate() {
            if include(row) {
                h.add(f, i, outcome.get(row).copied().unwrap_or(0));
            }
        }
        h.finish()
    }

    fn at(&self, k: usize, f: usize, i: usize) -> u64 {
        self.suffix[k][f.min(BUCKETS) * SIDE + i.min(BUCKETS)]
    }

    /// Leads (k=0), won (1) or lost (2) with fit ≥ `f` and interest ≥ `i` (whole scores).
    pub fn at_least(&self, k: usize, f: usize, i: usize) -> u64 {
        self.at(k, f, i)
    }

    /// Leads (k=0), won (1) or lost (2) with fit in `[f0, f1)` and interest in `[i0, i1)`.
    pub fn rect(&self, k: usize, f0: usize, f1: usize, i0: usize, i1: usize) -> u64 {
        if f0 >= f1 || i0 >= i1 {
            return 0;
        }
        self.at(k, f0, i0) + self.at(k, f1, i1) - self.at(k, f1, i0) - self.at(k, f0, i1)
    }

    /// Leads per whole fit score (101 buckets).
    pub fn fit_distribution(&self) -> &[u64] {
        &self.fit
    }

    /// Leads per whole interest score (101 buckets).
    pub fn interest_distribution(&self) -> &[u64] {
        &self.interest
    }
}

/// Leads, won and lost per whole value of one score (e.g. the combined score), with suffix sums.
#[derive(Debug, Clone)]
pub struct Histogram1 {
    /// `suffix[k][b]`: leads (k=0), won (1), lost (2) with bucket ≥ b.
    suffix: [Vec<u64>; 3],
    counts: Vec<u64>,
}

impl Histogram1 {
    /// Build from per-lead values and outcomes, for the leads `include` accepts.
    pub fn build_where(values: &[f32], outcome: &[u8], include: impl Fn(usize) -> bool) -> Self {
        let mut cells: [Vec<u64>; 3] = [vec![0; SIDE], vec![0; SIDE], vec![0; SIDE]];
        for (row, &v) in values.iter().enumerate() {
            if !include(row) {
                continue;
            }
            let b = bucket(v);
            cells[0][b] += 1;
            match outcome.get(row) {
                Some(1) => cells[1][b] += 1,
                Some(2) => cells[2][b] += 1,
                _ => {}
            }
        }
        let counts = cells[0][..BUCKETS].to_vec();
        for c in cells.iter_mut() {
            for b in (0..BUCKETS).rev() {
                c[b] += c[b + 1];
            }
        }
        Histogram1 {
            suffix: cells,
            counts,
        }
    }

    /// Leads (k=0), won (1) or lost (2) with a value ≥ `b` (whole score).
    pub fn at_least(&self, k: usize, b: usize) -> u64 {
        self.suffix[k][b.min(BUCKETS)]
    }

    /// Leads per whole value (101 buckets).
    pub fn distribution(&self) -> &[u64] {
        &self.counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffix_sums_match_a_direct_count() {
        let fit = [0.0, 10.5, 50.0, 75.0, 99.99, 100.0, 49.99];
        let int = [100.0, 40.0, 40.0, 39.99, 80.0, 0.0, 60.0];
        let out = [0, 1, 2, 1, 0, 2, 1];
        let h = Histogram::build(&fit, &int, &out);
        for f in [0, 10, 11, 50, 75, 100, 101] {
            for i in [0, 39, 40, 41, 100] {
                let direct = fit
                    .iter()
                    .zip(&int)
                    .filter(|(a, b)| bucket(**a) >= f && bucket(**b) >= i)
                    .count() as u64;
                assert_eq!(h.at_least(0, f, i), direct, "f={f} i={i}");
            }
        }
        assert_eq!(h.at_least(1, 0, 0), 3);
        assert_eq!(h.at_least(2, 50, 0), 2);
        assert_eq!(h.rect(0, 50, 101, 0, 50), 3);
        assert_eq!(h.fit_distribution().iter().sum::<u64>(), 7);
    }

    #[test]
    fn hundredths_give_the_histograms_the_scores_give() {
        // Every score there can be on both axes (each hundredth 0..=10,000, so every bucket
        // edge), with every outcome and class, in a scrambled order.
        let n = 30_011usize;
        let scramble = |row: usize, k: usize| ((row * k + row / 7) % 10_001) as u16;
        let fit: Vec<u16> = (0..n).map(|r| scramble(r, 7_919)).collect();
        let int: Vec<u16> = (0..n).map(|r| scramble(r, 104_729)).collect();
        let outcome: Vec<u8> = (0..n).map(|r| (r % 5) as u8).collect();
        let class: Vec<u8> = (0..n).map(|r| (r % 3) as u8).collect();
        let f32s = |h: &[u16]| {
            h.iter()
                .map(|&h| f32::from(h) / 100.0)
                .collect::<Vec<f32>>()
        };
        let (ff, fi) = (f32s(&fit), f32s(&int));
        let (fa, fb) = (
            Histogram::build_where(&ff, &fi, &outcome, |r| class[r] == 0),
            Histogram::build_where(&ff, &fi, &outcome, |r| class[r] == 2),
        );
        let (ha, hb, ones) =
            Histogram::build_split_hundredths(&fit, &int, &outcome, &class, [0, 2, 1]);
        let of_one = |o: Option<u8>| {
            (0..n)
                .filter(|&r| r % 3 == 1 && o.is_none_or(|o| outcome[r] == o))
                .count() as u64
        };
        assert_eq!(ones, [of_one(None), of_one(Some(1)), of_one(Some(2))]);
        for (float, ints) in [(&fa, &ha), (&fb, &hb)] {
            assert_eq!(float.suffix, ints.suffix);
            assert_eq!(float.fit, ints.fit);
            assert_eq!(float.interest, ints.interest);
        }
        assert_eq!(
            ha.at_least(0, 0, 0),
            (0..n).filter(|r| r % 3 == 0).count() as u64
        );
        assert!(hb.at_least(0, 100, 0) > 0, "the 100 bucket is reached");
    }
}
