//! `accord score`: the scored export, byte for byte what the page's "Download scored leads"
//! gives for the same data and agreement (a UTF-8 BOM, then the engine's CSV chunks).

use super::input::{thousands, Progress};
use super::{finish, load, Fail, Opts, Output};

/// Leads per chunk of the export, as the page's worker asks for them.
const CHUNK_ROWS: usize = 20_000;
/// The byte order mark the page's download starts with, so that Excel reads the accents.
const BOM: &str = "\u{feff}";

pub fn score(o: &Opts) -> Result<(), Fail> {
    let bom = match o.get("bom") {
        None | Some("yes") => true,
        Some("no") => false,
        Some(x) => return Err(Fail::usage(format!("--bom is yes or no, not \"{x}\""))),
    };
    let mut wb = load(o, "score")?;
    let mut out = Output::to(o.get("out"))?;
    if bom {
        out.put(BOM.as_bytes())?;
    }
    let rows = wb.rows();
    let mut p = Progress::new(o);
    let mut start = 0;
    // The header comes with the first chunk, so there is always one, even without rows.
    while start == 0 || start < rows {
        let chunk = wb.scored_csv_chunk(start, CHUNK_ROWS);
        out.put(chunk.as_bytes())?;
        start += CHUNK_ROWS;
        let done = start.min(rows);
        p.show(
            || {
                format!(
                    "writing scored leads: {} of {}",
                    thousands(done as u64),
                    thousands(rows as u64)
                )
            },
            false,
        );
    }
    p.clear();
    out.finish()?;
    finish(o, &wb)
}
