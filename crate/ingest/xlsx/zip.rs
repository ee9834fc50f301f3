//! A small, defensive ZIP reader: entries are found through the central directory, and only
//! STORED and DEFLATE entries are read. Every offset and length read from the file is checked
//! before use, and inflation is bounded so that a "zip bomb" ends with [`XlsxError::TooLarge`].

use super::XlsxError;
use std::borrow::Cow;

/// Largest size one entry may inflate to.
pub(super) const MAX_ENTRY_BYTES: u64 = 512 * 1024 * 1024;
/// Largest size all entries read for one call may inflate to, together.
pub(super) const MAX_TOTAL_BYTES: u64 = 1024 * 1024 * 1024;

const SIG_LOCAL: u32 = 0x0403_4b50;
const SIG_CENTRAL: u32 = 0x0201_4b50;
const SIG_EOCD: u32 = 0x0605_4b50;
const SIG_ZIP64_EOCD: u32 = 0x0606_4b50;
const SIG_ZIP64_LOCATOR: u32 = 0x0706_4b50;
const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

fn u16_at(d: &[u8], at: usize) -> Option<u16> {
    let b = d.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([b[0], b[1]]))
}

fn u32_at(d: &[u8], at: usize) -> Option<u32> {
    let b = d.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

fn u64_at(d: &[u8], at: usize) -> Option<u64> {
    let b = d.get(at..at.checked_add(8)?)?;
    let mut a = [0u8; 8];
    a.copy_from_slice(b);
    Some(u64::from_le_bytes(a))
}

fn corrupt(what: &str) -> XlsxError {
    XlsxError::Corrupt(what.to_string())
}

/// One file inside the archive, as the central directory describes it.
#[derive(Debug, Clone)]
pub(super) struct Entry<'a> {
    pub name: &'a [u8],
    flags: u16,
    method: u16,
    compressed: u64,
    uncompressed: u64,
    /// Offset of the local header, already corrected for data prepended to the archive.
    local_offset: u64,
}

impl Entry<'_> {
    pub fn name_lossy(&self) -> String {
        String::from_utf8_lossy(self.name).into_owned()
    }
}

/// How much inflated data one call may still produce.
#[derive(Debug)]
pub(super) struct Budget {
    pub per_entry: u64,
    pub total_left: u64,
    pub total: u64,
}

impl Budget {
    pub fn new() -> Self {
        Budget::with_limits(MAX_ENTRY_BYTES, MAX_TOTAL_BYTES)
    }

    pub fn with_limits(per_entry: u64, total: u64) -> Self {
        Budget {
            per_entry,
            total_left: total,
            total,
        }
    }
}

fn mib(n: u64) -> String {
    const GIB: u64 = 1024 * 1024 * 1024;
    if n >= GIB && (n / GIB) * GIB == n {
        format!("{} GiB", n / GIB)
    } else if n >= 1024 * 1024 {
        format!("{} MiB", n / (1024 * 1024))
    } else {
        format!("{n} bytes")
    }
}

/// An opened archive: the file's bytes and its directory.
#[derive(Debug)]
pub(super) struct Archive<'a> {
    data: &'a [u8],
    entries: Vec<Entry<'a>>,
}

/// Explain why `data` is not a readable ZIP archive.
fn not_a_zip(data: &[u8]) -> XlsxError {
    if data.starts_with(&OLE_MAGIC) {
        // Password-protected OOXML files are OLE compound files holding an "EncryptedPackage"
        // stream; its name is stored in UTF-16LE in the directory.
        const NEEDLE: &[u8] = b"E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";
        if data.windows(NEEDLE.len()).any(|w| w == NEEDLE) {
            return XlsxError::Encrypted;
        }
        return XlsxError::NotAZip;
    }
    if data.starts_with(b"PK\x03\x04") {
        return corrupt(
            "the end of the file, where the ZIP directory is kept, is missing: the file was \
             probably cut off while it was downloaded or copied",
        );
    }
    XlsxError::NotAZip
}

impl<'a> Archive<'a> {
    pub fn open(data: &'a [u8]) -> Result<Self, XlsxError> {
        let eocd = find_eocd(data).ok_or_else(|| not_a_zip(data))?;
        let bad_dir = || corrupt("the ZIP directory at the end of the file is damaged");

        let disk = u16_at(data, eocd + 4).ok_or_else(bad_dir)?;
        let cd_disk = u16_at(data, eocd + 6).ok_or_else(bad_dir)?;
        let mut count = u64::from(u16_at(data, eocd + 10).ok_or_else(bad_dir)?);
        let mut cd_size = u64::from(u32_at(data, eocd + 12).ok_or_else(bad_dir)?);
        let mut cd_offset = u64::from(u32_at(data, eocd + 16).ok_or_else(bad_dir)?);
        // Where the directory ends in the file: the end-of-directory record, or the ZIP64 one.
        let mut cd_end = eocd as u64;

        if count == 0xFFFF || cd_size == 0xFFFF_FFFF || cd_offset == 0xFFFF_FFFF {
            if let Some(loc) = eocd.checked_sub(20) {
                if u32_at(data, loc) == Some(SIG_ZIP64_LOCATOR) {
                    let rec = u64_at(data, loc + 8).ok_or_else(bad_dir)?;
                    let rec = usize::try_from(rec).map_err(|_| bad_dir())?;
                    // The record may have moved if data was prepended; it sits just before
                    // the locator in any well-formed file, so look there too.
                    let rec = if u32_at(data, rec) == Some(SIG_ZIP64_EOCD) {
                        rec
                    } else {
                        let guess = loc.checked_sub(56).ok_or_else(bad_dir)?;
                        if u32_at(data, guess) != Some(SIG_ZIP64_EOCD) {
                            return Err(bad_dir());
                        }
                        guess
                    };
                    count = u64_at(data, rec + 32).ok_or_else(bad_dir)?;
                    cd_size = u64_at(data, rec + 40).ok_or_else(bad_dir)?;
                    cd_offset = u64_at(data, rec + 48).ok_or_else(bad_dir)?;
                    cd_end = rec as u64;
                }
            }
        }
        if disk != 0 || cd_disk != 0 {
            return Err(corrupt(
                "it is one part of a split (multi-volume) ZIP archive; join the parts first",
            ));
        }

        // Data prepended to the archive (self-extracting stubs, some uploaders) shifts every
        // offset by the same amount; work it out from where the directory really ends.
        let expected_start = cd_end.checked_sub(cd_size).ok_or_else(bad_dir)?;
        let shift = expected_start.checked_sub(cd_offset).ok_or_else(bad_dir)?;
        let start = usize::try_from(expected_start).map_err(|_| bad_dir())?;
        let end = usize::try_from(cd_end).map_err(|_| bad_dir())?;
        let dir = data.get(start..end).ok_or_else(bad_dir)?;

        // Each central record is at least 46 bytes, so the count cannot exceed this.
        let cap = usize::try_from(count)
            .unwrap_or(usize::MAX)
            .min(dir.len() / 46);
        let mut entries = Vec::with_capacity(cap);
        let mut at = 0usize;
        while at < dir.len() {
            if u32_at(dir, at) != Some(SIG_CENTRAL) {
                break;
            }
            let rec = dir.get(at..at + 46).ok_or_else(bad_dir)?;
            let flags = u16_at(rec, 8).unwrap_or(0);
            let method = u16_at(rec, 10).unwrap_or(0);
            let mut compressed = u64::from(u32_at(rec, 20).unwrap_or(0));
            let mut uncompressed = u64::from(u32_at(rec, 24).unwrap_or(0));
            let name_len = usize::from(u16_at(rec, 28).unwrap_or(0));
            let extra_len = usize::from(u16_at(rec, 30).unwrap_or(0));
            let comment_len = usize::from(u16_at(rec, 32).unwrap_or(0));
            let mut local = u64::from(u32_at(rec, 42).unwrap_or(0));
            let name_start = at + 46;
            let extra_start = name_start + name_len;
            let next = extra_start + extra_len + comment_len;
            let name = dir.get(name_start..extra_start).ok_or_else(bad_dir)?;
            let extra = dir
                .get(extra_start..extra_start + extra_len)
                .ok_or_else(bad_dir)?;
            if uncompressed == 0xFFFF_FFFF || compressed == 0xFFFF_FFFF || local == 0xFFFF_FFFF {
                apply_zip64_extra(extra, &mut uncompressed, &mut compressed, &mut local);
            }
            let local_offset = local.checked_add(shift).ok_or_else(bad_dir)?;
            entries.push(Entry {
                name,
                flags,
                method,
                compressed,
                uncompressed,
                local_offset,
            });
            at = next;
        }
        if entries.is_empty() && count != 0 {
            return Err(bad_dir());
        }
        Ok(Archive { data, entries })
    }

    /// Find an entry by name. Part names in OOXML packages are case-insensitive, and a few
    /// writers use backslashes or a leading slash, so the comparison forgives those.
    pub fn find(&self, name: &str) -> Option<&Entry<'a>> {
        let want = name.trim_start_matches('/').as_bytes();
        let same = |a: &[u8], b: &[u8]| {
            a.len() == b.len()
                && a.iter().zip(b).all(|(&x, &y)| {
                    let x = if x == b'\\' { b'/' } else { x };
                    x.eq_ignore_ascii_case(&y)
                })
        };
        self.entries.iter().find(|e| e.name == want).or_else(|| {
            self.entries.iter().find(|e| {
                let n = e.name.strip_prefix(b"/").unwrap_or(e.name);
                same(n, want)
            })
        })
    }

    /// The entry's uncompressed bytes: borrowed for STORED entries, inflated for DEFLATE.
    pub fn read(&self, entry: &Entry<'a>, budget: &mut Budget) -> Result<Cow<'a, [u8]>, XlsxError> {
        let name = entry.name_lossy();
        let cut = || {
            XlsxError::Corrupt(format!(
                "the part {name} is cut short or its ZIP header is damaged"
            ))
        };
        if entry.flags & 1 != 0 {
            return Err(XlsxError::Encrypted);
        }
        let local = usize::try_from(entry.local_offset).map_err(|_| cut())?;
        if u32_at(self.data, local) != Some(SIG_LOCAL) {
            return Err(cut());
        }
        let name_len = usize::from(u16_at(self.data, local + 26).ok_or_else(cut)?);
        let extra_len = usize::from(u16_at(self.data, local + 28).ok_or_else(cut)?);
        let start = local
            .checked_add(30 + name_len + extra_len)
            .ok_or_else(cut)?;
        let len = usize::try_from(entry.compressed).map_err(|_| cut())?;
        let end = start.checked_add(len).ok_or_else(cut)?;
        let raw = self.data.get(start..end).ok_or_else(cut)?;

        match entry.method {
            0 => Ok(Cow::Borrowed(raw)),
            8 => {
                let limit = budget.per_entry.min(budget.total_left);
                let too_large = || {
                    if budget.per_entry <= budget.total_left {
                        XlsxError::TooLarge(format!(
                            "the part {name} unpacks to more than {}",
                            mib(budget.per_entry)
                        ))
                    } else {
                        XlsxError::TooLarge(format!(
                            "its parts unpack to more than {} in total",
                            mib(budget.total)
                        ))
                    }
                };
                if entry.uncompressed > limit {
                    return Err(too_large());
                }
                let out = inflate(raw, entry.uncompressed, limit).map_err(|e| match e {
                    InflateError::Limit => too_large(),
                    InflateError::Truncated => XlsxError::Corrupt(format!(
                        "the compressed data of {name} ends too early: the file was probably \
                         cut off while it was downloaded or copied"
                    )),
                    InflateError::Bad => {
                        XlsxError::Corrupt(format!("the compressed data of {name} is damaged"))
                    }
                })?;
                budget.total_left = budget.total_left.saturating_sub(out.len() as u64);
                Ok(Cow::Owned(out))
            }
            m => Err(XlsxError::Corrupt(format!(
                "the part {name} is compressed with method {m}, which Excel does not use and \
                 this reader does not support"
            ))),
        }
    }
}

/// The last end-of-central-directory record in the file (it may be followed by a comment).
fn find_eocd(data: &[u8]) -> Option<usize> {
    let last = data.len().checked_sub(22)?;
    let first = last.saturating_sub(0xFFFF);
    (first..=last).rev().find(|&at| {
        u32_at(data, at) == Some(SIG_EOCD)
            && u16_at(data, at + 20).is_some_and(|c| at + 22 + usize::from(c) <= data.len())
    })
}

/// Replace the 32-bit fields that are saturated (0xFFFFFFFF) with their values from the
/// ZIP64 extended-information extra field (id 1), which lists them in this order.
fn apply_zip64_extra(extra: &[u8], uncompressed: &mut u64, compressed: &mut u64, local: &mut u64) {
    let mut at = 0usize;
    while let (Some(id), Some(size)) = (u16_at(extra, at), u16_at(extra, at + 2)) {
        let body_start = at + 4;
        let body_end = body_start + usize::from(size);
        let Some(body) = extra.get(body_start..body_end) else {
            return;
        };
        if id == 1 {
            let mut p = 0usize;
            for field in [uncompressed, compressed, local] {
                if *field == 0xFFFF_FFFF {
                    match u64_at(body, p) {
                        Some(v) => *field = v,
                        None => return,
                    }
                    p += 8;
                }
            }
            return;
        }
        at = body_end;
    }
}

#[derive(Debug, PartialEq)]
pub(super) enum InflateError {
    Limit,
    Truncated,
    Bad,
}

/// Inflate a raw DEFLATE stream into at most `limit` bytes. `hint` (the size the directory
/// declares) sizes the first allocation, within what the input could possibly produce.
pub(super) fn inflate(input: &[u8], hint: u64, limit: u64) -> Result<Vec<u8>, InflateError> {
    use miniz_oxide::inflate::core::{decompress, inflate_flags, DecompressorOxide};
    use miniz_oxide::inflate::TINFLStatus;

    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    // DEFLATE cannot expand by more than about 1032:1.
    let possible = input.len().saturating_mul(1032).saturating_add(64);
    let hint = usize::try_from(hint).unwrap_or(usize::MAX);
    let first = hint.min(possible).min(limit).max(64.min(limit));
    let mut out = vec![0u8; first];
    let mut decomp = Box::<DecompressorOxide>::default();
    let flags = inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
    let mut rest = input;
    let mut pos = 0usize;
    loop {
        let (status, used, written) = decompress(&mut decomp, rest, &mut out, pos, flags);
        pos = pos.saturating_add(written).min(out.len());
        rest = rest.get(used..).unwrap_or(&[]);
        match status {
            TINFLStatus::Done => {
                out.truncate(pos);
                return Ok(out);
            }
            TINFLStatus::HasMoreOutput => {
                if out.len() >= limit {
                    return Err(InflateError::Limit);
                }
                let grown = out.len().saturating_mul(2).max(4096).min(limit);
                out.resize(grown, 0);
            }
            TINFLStatus::NeedsMoreInput | TINFLStatus::FailedCannotMakeProgress => {
                return Err(InflateError::Truncated)
            }
            _ => return Err(InflateError::Bad),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use miniz_oxide::deflate::compress_to_vec;

    #[test]
    fn inflate_round_trips_and_respects_limits() {
        let data: Vec<u8> = (0..100_000u32).map(|i| (i % 251) as u8).collect();
        let packed = compress_to_vec(&data, 6);
        // Right hint, wrong hint, no hint.
        for hint in [data.len() as u64, 10, 0, u64::MAX] {
            assert_eq!(inflate(&packed, hint, 1 << 20).unwrap(), data);
        }
        assert_eq!(
            inflate(&packed, 0, 99_999).unwrap_err(),
            InflateError::Limit
        );
        assert_eq!(inflate(&packed, 0, 100_000).unwrap(), data);
        assert_eq!(
            inflate(&packed[..packed.len() / 2], 0, 1 << 20).unwrap_err(),
            InflateError::Truncated
        );
        assert!(inflate(&[0xFF; 64], 0, 1 << 20).is_err());
        assert!(inflate(&[], 0, 1 << 20).is_err());
        assert_eq!(inflate(&compress_to_vec(b"", 6), 0, 0).unwrap(), b"");
    }

    #[test]
    fn a_zip_bomb_stops_at_the_limit() {
        let zeros = vec![0u8; 8 << 20];
        let packed = compress_to_vec(&zeros, 10);
        assert!(packed.len() < 64 << 10);
        assert_eq!(
            inflate(&packed, 0, 1 << 20).unwrap_err(),
            InflateError::Limit
        );
    }

    #[test]
    fn random_bytes_and_edges_never_panic() {
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        for len in 0..400usize {
            let mut bytes = Vec::with_capacity(len + 30);
            if len % 3 == 0 {
                bytes.extend_from_slice(b"PK\x03\x04");
            }
            for _ in 0..len {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                bytes.push(seed as u8);
            }
            if len % 5 == 0 {
                bytes.extend_from_slice(b"PK\x05\x06");
                bytes.extend_from_slice(&[0xFF; 18]);
            }
            if let Ok(a) = Archive::open(&bytes) {
                for e in a.entries.clone() {
                    let _ = a.read(&e, &mut Budget::with_limits(1 << 20, 1 << 21));
                }
            }
        }
    }
}
