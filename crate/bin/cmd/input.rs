//! Reading and writing for the commands: files or stdin (`-`) streamed into the engine in
//! chunks, progress on a terminal's stderr, ingest problems summarised, and output to a file or
//! stdout that reports a closed pipe as an exit code instead of panicking.

use super::{Fail, Opts, EXIT_PROBLEMS};
use accord::ingest::parts::Share;
use accord::Workbench;
use accord::{IngestError, LoadSummary};
use std::io::{IsTerminal, Read, Write};
use std::time::{Duration, Instant};

/// Bytes read and pushed to the engine at a time (the page's worker uses 1 MiB too).
const CHUNK: usize = 1 << 20;
/// Examples of each kind of row problem printed on stderr; the rest are counted.
const EXAMPLES_PER_KIND: usize = 3;
/// How often the progress line is redrawn.
const PROGRESS_EVERY: Duration = Duration::from_millis(100);

/// A progress line on stderr, redrawn in place; silent unless stderr is a terminal.
pub struct Progress {
    on: bool,
    shown: bool,
    last: Option<Instant>,
}

impl Progress {
    /// Progress for this run: shown when stderr is a terminal and `--quiet` is not given.
    pub fn new(o: &Opts) -> Progress {
        Progress {
            on: !o.has("quiet") && std::io::stderr().is_terminal(),
            shown: false,
            last: None,
        }
    }

    /// Redraw the line with `text` (at most every [`PROGRESS_EVERY`] unless `force`).
    pub fn show(&mut self, text: impl FnOnce() -> String, force: bool) {
        if !self.on {
            return;
        }
        let now = Instant::now();
        if !force && self.last.is_some_and(|t| now - t < PROGRESS_EVERY) {
            return;
        }
        self.last = Some(now);
        self.shown = true;
        let mut e = std::io::stderr().lock();
        // Errors writing progress are not worth stopping the work for.
        let _ = write!(e, "\r\x1b[2K{}", text());
        let _ = e.flush();
    }

    /// Erase the line, so that what follows starts on a clean line.
    pub fn clear(&mut self) {
        if self.shown {
            let _ = write!(std::io::stderr().lock(), "\r\x1b[2K");
            self.shown = false;
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.clear();
    }
}

/// How a file is named in messages: `stdin` for `-`.
pub fn display_name(path: &str) -> &str {
    if path == "-" {
        "stdin"
    } else {
        path
    }
}

/// Open `path` for reading (`-`: stdin), with its size when known.
fn open(path: &str) -> Result<(Box<dyn Read>, Option<u64>), Fail> {
    if path == "-" {
        return Ok((Box::new(std::io::stdin().lock()), None));
    }
    let f = std::fs::File::open(path).map_err(|e| Fail::io(path, e))?;
    let size = f.metadata().ok().filter(|m| m.is_file()).map(|m| m.len());
    Ok((Box::new(f), size))
}

/// Read a whole small file (an agreement) as text; `-` is stdin.
pub fn read_text(path: &str) -> Result<String, Fail> {
    let (mut r, _) = open(path)?;
    let mut bytes = Vec::new();
    r.read_to_end(&mut bytes)
        .map_err(|e| Fail::io(display_name(path), e))?;
    String::from_utf8(bytes).map_err(|e| {
        Fail::not_input(
            display_name(path),
            format!(
                "not UTF-8 text (byte {}), so not a JSON agreement",
                e.utf8_error().valid_up_to()
            ),
        )
    })
}

/// Stream `path` into the load `wb` has begun, chunk by chunk, showing bytes and rows read.
fn stream(wb: &mut Workbench, path: &str, what: &str, p: &mut Progress) -> Result<(), Fail> {
    let name = display_name(path);
    let (mut r, size) = open(path)?;
    let mut buf = vec![0u8; CHUNK];
    let mut done: u64 = 0;
    loop {
        let n = match r.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(Fail::io(name, e)),
        };
        wb.push_chunk(&buf[..n]).map_err(|e| not_a_table(name, e))?;
        done += n as u64;
        let rows = wb.pending_rows();
        p.show(
            || {
                let mb = done as f64 / 1e6;
                let of = size.map_or(String::new(), |s| {
                    format!(
                        " of {:.1} MB ({:.0} %)",
                        s as f64 / 1e6,
                        done as f64 * 100.0 / s.max(1) as f64
                    )
                });
                format!(
                    "reading {what} {name}: {mb:.1} MB{of}, {} rows",
                    thousands(rows as u64)
                )
            },
            false,
        );
    }
    Ok(())
}

/// An input the engine could not read as a table: exit 4, with the engine's reason.
fn not_a_table(name: &str, e: IngestError) -> Fail {
    Fail::not_input(name, e)
}

/// Read the agreement named by `--agreement`, if any, into `wb`: unreadable is exit 3, not JSON
/// exit 4, an invalid agreement exit 1 with every problem and its JSON path.
pub fn set_agreement(wb: &mut Workbench, o: &Opts) -> Result<(), Fail> {
    let Some(path) = o.get("agreement") else {
        return Ok(());
    };
    let json = read_text(path)?;
    let name = display_name(path);
    if let Err(e) = serde_json::from_str::<serde::de::IgnoredAny>(&json) {
        return Err(Fail::not_input(
            name,
            format!("not JSON (line {}, column {}): {e}", e.line(), e.column()),
        ));
    }
    wb.set_agreement_json(&json).map_err(|e| Fail {
        code: EXIT_PROBLEMS,
        msg: format!(
            "{name} is not a valid agreement:\n{}",
            e.all()
                .map(|p| format!("  {}: {}", p.path, p.message))
                .collect::<Vec<_>>()
                .join("\n")
        ),
    })?;
    for n in wb.migration_notes() {
        eprintln!("{name}: migrated: {n}");
    }
    Ok(())
}

/// "Today" for the SLA clocks: `--today YYYY-MM-DD` (midnight UTC), so that a nightly run and
/// a rerun give the same file; otherwise the machine's clock, as the page uses the browser's.
pub fn today(o: &Opts) -> Result<i64, Fail> {
    let Some(v) = o.get("today") else {
        return Ok(std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64));
    };
    let bad = || Fail::usage(format!("--today wants a date as YYYY-MM-DD, not \"{v}\""));
    let mut parts = v.splitn(3, '-');
    let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(bad());
    };
    let (y, m, d): (i64, u32, u32) = (
        y.parse().map_err(|_| bad())?,
        m.parse().map_err(|_| bad())?,
        d.parse().map_err(|_| bad())?,
    );
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || !(1900..=9999).contains(&y) {
        return Err(bad());
    }
    Ok(accord::civil::days_from_civil(y, m, d) * 86_400)
}

/// Read the leads file (the first positional argument, `-` for stdin), the agreement
/// (`--agreement`) and the activities (`--activities`) into a workbench, streamed; ingest
/// problems are summarised on stderr and the rest of the data kept.
pub fn load(o: &Opts, what: &str) -> Result<Workbench, Fail> {
    let path = o.positional.first().ok_or_else(|| {
        Fail::usage(format!(
            "{what} needs a leads file (or - for stdin)\n{}",
            crate::USAGE
        ))
    })?;
    if let Some(extra) = o.positional.get(1) {
        return Err(Fail::usage(format!(
            "{what} reads one leads file; \"{extra}\" is one too many"
        )));
    }
    load_path(o, path)
}

/// Files at least this large are read by two engines at once when there is a second core,
/// as the page does (a 22 MB file natively: 113 → 72 ms; 11 MB: 58 → 39 ms). The environment
/// variable `ACCORD_PARTS_BYTES` sets another size (0: every file; a huge one: none).
pub const PARTS_BYTES: u64 = 8 << 20;

/// Whether a file of `size` bytes is read in two parts on this machine.
pub fn in_parts(size: u64) -> bool {
    let least = std::env::var("ACCORD_PARTS_BYTES")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(PARTS_BYTES);
    size >= least && std::thread::available_parallelism().is_ok_and(|n| n.get() >= 2)
}

/// A helper part: `path` read with `opts` (its own share of the columns), handed over whole.
pub fn read_part(path: &str, opts: accord::ingest::Options) -> Result<Share, String> {
    let mut file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut ingest = accord::ingest::Ingest::new(opts);
    let mut buf = vec![0u8; CHUNK];
    loop {
        let n = match file.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e.to_string()),
        };
        ingest.push(&buf[..n]).map_err(|e| e.to_string())?;
    }
    Ok(ingest
        .finish_part()
        .map_err(|e| e.to_string())?
        .into_share())
}

/// [`load`] from a leads file named otherwise (e.g. `accord sql --leads FILE`).
pub fn load_path(o: &Opts, path: &str) -> Result<Workbench, Fail> {
    let mut wb = Workbench::new();
    wb.set_today(today(o)?);
    set_agreement(&mut wb, o)?;
    let mut p = Progress::new(o);
    let name = display_name(path);
    let size = (path != "-")
        .then(|| std::fs::metadata(path).ok())
        .flatten()
        .filter(|m| m.is_file())
        .map(|m| m.len());
    let read_alone = |wb: &mut Workbench, p: &mut Progress| -> Result<(), Fail> {
        wb.begin_load((path != "-").then_some(path), o.get("sheet"));
        if let Some(size) = size {
            wb.expect_bytes(size);
        }
        stream(wb, path, "leads", p)
    };
    if size.is_some_and(in_parts) {
        // Two engines at once, one per core, each typing half of the columns (as the page
        // reads a large file); if the second fails, the file is read again by one.
        wb.begin_part(Some(path), o.get("sheet"), 0, 2, None);
        wb.expect_bytes(size.unwrap_or(0));
        let helper = wb.helper_options(1).map(|opts| {
            let path = path.to_string();
            std::thread::spawn(move || read_part(&path, opts))
        });
        stream(&mut wb, path, "leads", &mut p)?;
        let missing = wb.finish_part().map_err(|e| not_a_table(name, e))?;
        let share = helper.map(|h| h.join().unwrap_or_else(|_| Err("it stopped".into())));
        let adopted = match share {
            _ if missing == 0 => true,
            Some(Ok(share)) => wb.adopt_share(share).is_ok(),
            _ => false,
        };
        if !adopted {
            read_alone(&mut wb, &mut p)?;
        }
    } else {
        read_alone(&mut wb, &mut p)?;
    }
    p.show(
        || format!("scoring {} leads…", thousands(wb.pending_rows() as u64)),
        true,
    );
    let summary = wb.finish_load().map_err(|e| not_a_table(name, e))?.clone();
    p.clear();
    report_problems(name, &summary);
    if let Some(events) = o.get("activities") {
        let ename = display_name(events);
        wb.begin_activities((events != "-").then_some(events), None);
        stream(&mut wb, events, "activities", &mut p)?;
        let s = wb.finish_activities().map_err(|e| not_a_table(ename, e))?;
        p.clear();
        if s.unmatched > 0 {
            eprintln!(
                "{ename}: {} events match no lead (first keys: {})",
                thousands(s.unmatched),
                s.unmatched_examples.join(", ")
            );
        }
    }
    Ok(wb)
}

/// Ingest problems on stderr: the total, the count of each kind, then the first few of each
/// kind as `FILE:LINE: column "C": message`.
fn report_problems(name: &str, s: &LoadSummary) {
    if s.diagnostics_total == 0 {
        return;
    }
    let mut e = std::io::stderr().lock();
    let kinds: Vec<String> = s
        .problems
        .iter()
        .map(|p| format!("{} {}", thousands(p.count as u64), p.label.to_lowercase()))
        .collect();
    let _ = writeln!(
        e,
        "{name}: {} ({}); {} left out, {} read",
        plural(s.diagnostics_total, "problem"),
        kinds.join(", "),
        plural(s.skipped_rows, "row"),
        plural(s.rows, "lead")
    );
    for p in &s.problems {
        let of_kind = s.diagnostics.iter().filter(|d| d.kind == p.kind);
        for d in of_kind.take(EXAMPLES_PER_KIND) {
            let col = d
                .column
                .as_ref()
                .map_or(String::new(), |c| format!(" column \"{c}\":"));
            let val = d
                .value
                .as_ref()
                .map_or(String::new(), |v| format!(" (value \"{v}\")"));
            let _ = writeln!(e, "{name}:{}:{col} {}{val}", d.line, d.message);
        }
        if p.count > EXAMPLES_PER_KIND {
            let _ = writeln!(
                e,
                "{name}: … and {} more of this kind",
                thousands((p.count - EXAMPLES_PER_KIND) as u64)
            );
        }
    }
}

/// The end of a command that read leads: with `--strict`, exit 1 when rows were left out.
pub fn finish(o: &Opts, wb: &Workbench) -> Result<(), Fail> {
    let skipped = wb.summary().map_or(0, |s| s.skipped_rows);
    if o.has("strict") && skipped > 0 {
        let name = o.positional.first().map_or("", |p| display_name(p));
        return Err(Fail::problems(format!(
            "{name}: {} could not be read (--strict)",
            plural(skipped, "row")
        )));
    }
    Ok(())
}

/// `1 problem`, `1,234 problems`.
pub fn plural(n: usize, word: &str) -> String {
    format!(
        "{} {word}{}",
        thousands(n as u64),
        if n == 1 { "" } else { "s" }
    )
}

/// `1234567` → `1,234,567`.
pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Where a command writes: a file (`--out`) or stdout, buffered; every error names it and is
/// exit 3 (a reader that closed the pipe included).
pub struct Output {
    name: String,
    w: Box<dyn Write>,
}

impl Output {
    /// Standard output.
    pub fn stdout() -> Output {
        Output {
            name: "stdout".into(),
            w: Box::new(std::io::BufWriter::with_capacity(
                1 << 16,
                std::io::stdout().lock(),
            )),
        }
    }

    /// `--out FILE` when given, else stdout; `-` is stdout too.
    pub fn to(path: Option<&str>) -> Result<Output, Fail> {
        match path {
            None | Some("-") => Ok(Output::stdout()),
            Some(p) => {
                let f = std::fs::File::create(p).map_err(|e| Fail::io(p, e))?;
                Ok(Output {
                    name: p.to_string(),
                    w: Box::new(std::io::BufWriter::with_capacity(1 << 16, f)),
                })
            }
        }
    }

    /// Write all of `bytes`.
    pub fn put(&mut self, bytes: &[u8]) -> Result<(), Fail> {
        self.w.write_all(bytes).map_err(|e| self.fail(e))
    }

    /// Flush; the output is complete only once this succeeded.
    pub fn finish(mut self) -> Result<(), Fail> {
        self.w.flush().map_err(|e| self.fail(e))
    }

    /// The failure for an error writing to this output.
    pub fn fail(&self, e: std::io::Error) -> Fail {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Fail::io(&self.name, "the reader closed the pipe before the end")
        } else {
            Fail::io(&self.name, e)
        }
    }
}

/// For writers that take any `Write` (the sample generator); errors go through [`Output::fail`].
impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.w.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.w.flush()
    }
}
