//! `accord sample`: the built-in sample export, any size, optionally widened.

use std::io::Write;

/// The sample export, with `extra` more columns ("Custom 1"…) to reach wider exports.
pub fn write_sample<W: Write>(
    out: &mut W,
    rows: usize,
    seed: u64,
    extra: usize,
) -> std::io::Result<()> {
    if extra == 0 {
        return accord::sample::write_sample_csv(out, rows, seed);
    }
    let mut w = ExtraColumns {
        out,
        extra,
        line: 0,
        pending: Vec::new(),
    };
    accord::sample::write_sample_csv(&mut w, rows, seed)?;
    w.flush()
}

/// Appends `extra` columns to every line written through it (the sample has no line breaks
/// inside values, so a line is a row).
struct ExtraColumns<'a, W: Write> {
    out: &'a mut W,
    extra: usize,
    line: u64,
    pending: Vec<u8>,
}

impl<W: Write> Write for ExtraColumns<'_, W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        for &b in buf {
            if b == b'\n' {
                for k in 1..=self.extra {
                    if self.line == 0 {
                        write!(self.pending, ",Custom {k}")?;
                    } else {
                        // Deterministic filler: a number, a code and a yes/no, by column.
                        let h = self
                            .line
                            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
                            .rotate_left(k as u32 * 7);
                        match k % 3 {
                            0 => write!(self.pending, ",{}", h % 1000)?,
                            1 => write!(self.pending, ",C{}", h % 50)?,
                            _ => {
                                write!(self.pending, ",{}", if h % 2 == 0 { "Yes" } else { "No" })?
                            }
                        }
                    }
                }
                self.line += 1;
            }
            self.pending.push(b);
            if self.pending.len() >= 1 << 16 {
                self.out.write_all(&self.pending)?;
                self.pending.clear();
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.write_all(&self.pending)?;
        self.pending.clear();
        self.out.flush()
    }
}
