//! Finding given bytes in text 64 bytes at a time, as a 64-bit mask: with 128-bit vectors
//! where the target has them (SSE2 on x86-64; `simd128` in WebAssembly, which every browser
//! that runs the page supports), else eight bytes at a time in a 64-bit word. The CSV reader
//! finds where cells end with it, and the decoder counts line ends.

/// Bit `i` set when `block[i]` is one of `bytes`.
#[inline]
pub fn matches(block: &[u8; 64], bytes: [u8; 3]) -> u64 {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: SSE2 is part of every x86-64 processor (the target's baseline).
    unsafe {
        matches_sse2(block, bytes)
    }
    #[cfg(target_arch = "wasm32")]
    {
        matches_simd128(block, bytes)
    }
    #[cfg(not(any(target_arch = "x86_64", target_arch = "wasm32")))]
    {
        matches_swar(block, bytes)
    }
}

/// For each of `bytes`, its mask as [`matches`] gives it, from one pass over the block (the
/// decoder counts LFs and CRs, and a CR-LF pair once, with it).
#[inline]
pub fn matches_each(block: &[u8; 64], bytes: [u8; 2]) -> [u64; 2] {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: SSE2 is part of every x86-64 processor (the target's baseline).
    unsafe {
        matches_each_sse2(block, bytes)
    }
    #[cfg(target_arch = "wasm32")]
    {
        matches_each_simd128(block, bytes)
    }
    #[cfg(not(any(target_arch = "x86_64", target_arch = "wasm32")))]
    {
        bytes.map(|b| matches_swar(block, [b; 3]))
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse2")]
fn matches_each_sse2(block: &[u8; 64], bytes: [u8; 2]) -> [u64; 2] {
    use std::arch::x86_64::*;
    let [a, b] = bytes.map(|x| _mm_set1_epi8(x as i8));
    let mut bits = [0u64; 2];
    for i in 0..4 {
        // SAFETY: bytes 16i..16i+16 of the 64-byte block; `loadu` needs no alignment.
        let v = unsafe { _mm_loadu_si128(block.as_ptr().add(16 * i).cast()) };
        bits[0] |= u64::from(_mm_movemask_epi8(_mm_cmpeq_epi8(v, a)) as u16) << (16 * i);
        bits[1] |= u64::from(_mm_movemask_epi8(_mm_cmpeq_epi8(v, b)) as u16) << (16 * i);
    }
    bits
}

#[cfg(target_arch = "wasm32")]
#[target_feature(enable = "simd128")]
fn matches_each_simd128(block: &[u8; 64], bytes: [u8; 2]) -> [u64; 2] {
    use std::arch::wasm32::*;
    let (a, b) = (u8x16_splat(bytes[0]), u8x16_splat(bytes[1]));
    let mut bits = [0u64; 2];
    for i in 0..4 {
        // SAFETY: bytes 16i..16i+16 of the 64-byte block; `v128.load` needs no alignment.
        let v = unsafe { v128_load(block.as_ptr().add(16 * i).cast()) };
        bits[0] |= u64::from(u8x16_bitmask(u8x16_eq(v, a))) << (16 * i);
        bits[1] |= u64::from(u8x16_bitmask(u8x16_eq(v, b))) << (16 * i);
    }
    bits
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse2")]
fn matches_sse2(block: &[u8; 64], bytes: [u8; 3]) -> u64 {
    use std::arch::x86_64::*;
    let [a, b, c] = bytes.map(|x| _mm_set1_epi8(x as i8));
    let mut bits = 0u64;
    for i in 0..4 {
        // SAFETY: bytes 16i..16i+16 of the 64-byte block; `loadu` needs no alignment.
        let v = unsafe { _mm_loadu_si128(block.as_ptr().add(16 * i).cast()) };
        let hit = _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(v, a), _mm_cmpeq_epi8(v, b)),
            _mm_cmpeq_epi8(v, c),
        );
        bits |= u64::from(_mm_movemask_epi8(hit) as u16) << (16 * i);
    }
    bits
}

#[cfg(target_arch = "wasm32")]
#[target_feature(enable = "simd128")]
fn matches_simd128(block: &[u8; 64], bytes: [u8; 3]) -> u64 {
    use std::arch::wasm32::*;
    let (a, b, c) = (
        u8x16_splat(bytes[0]),
        u8x16_splat(bytes[1]),
        u8x16_splat(bytes[2]),
    );
    let mut bits = 0u64;
    for i in 0..4 {
        // SAFETY: bytes 16i..16i+16 of the 64-byte block; `v128.load` needs no alignment.
        let v = unsafe { v128_load(block.as_ptr().add(16 * i).cast()) };
        let hit = v128_or(v128_or(u8x16_eq(v, a), u8x16_eq(v, b)), u8x16_eq(v, c));
        bits |= u64::from(u8x16_bitmask(hit)) << (16 * i);
    }
    bits
}

/// The scalar way: each byte's equality in its high bit (exact, no false positives), the
/// eight high bits of a word then gathered into one byte.
#[cfg_attr(any(target_arch = "x86_64", target_arch = "wasm32"), allow(dead_code))]
fn matches_swar(block: &[u8; 64], bytes: [u8; 3]) -> u64 {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let eq = |w: u64, b: u8| {
        let t = w ^ (LO * u64::from(b));
        !(((t & !HI).wrapping_add(!HI)) | t) & HI
    };
    let mut bits = 0u64;
    for (i, w) in block.chunks_exact(8).enumerate() {
        let w = u64::from_le_bytes(<[u8; 8]>::try_from(w).unwrap_or_default());
        let hits = eq(w, bytes[0]) | eq(w, bytes[1]) | eq(w, bytes[2]);
        // Bit 7 of byte k moved to bit 56 + k, then the top byte kept.
        let packed = ((hits >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56;
        bits |= packed << (8 * i);
    }
    bits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_way_of_matching_a_block_agrees() {
        let mut block = [0u8; 64];
        for round in 0..2000u64 {
            for (i, b) in block.iter_mut().enumerate() {
                let x = (round.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (i % 50)) as u8 ^ (i as u8);
                *b = match x % 7 {
                    0 => b',',
                    1 => b'\n',
                    2 => b'\r',
                    3 => x | 0x80,
                    _ => x,
                };
            }
            for bytes in [
                [b',', b'\n', b'\r'],
                [b'\t', b'\n', b'\r'],
                [b'\n'; 3],
                [0x80, 0xFF, 0],
            ] {
                let naive = block
                    .iter()
                    .enumerate()
                    .fold(0u64, |m, (i, b)| m | (u64::from(bytes.contains(b)) << i));
                assert_eq!(matches_swar(&block, bytes), naive, "{block:?} {bytes:?}");
                assert_eq!(matches(&block, bytes), naive, "{block:?} {bytes:?}");
                let each = matches_each(&block, [bytes[0], bytes[1]]);
                assert_eq!(
                    each[0],
                    matches_swar(&block, [bytes[0]; 3]),
                    "{block:?} {bytes:?}"
                );
                assert_eq!(
                    each[1],
                    matches_swar(&block, [bytes[1]; 3]),
                    "{block:?} {bytes:?}"
                );
            }
        }
    }
}
