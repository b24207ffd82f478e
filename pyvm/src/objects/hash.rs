//! The hash of `str` and `bytes`: CPython's randomized SipHash-1-3 (PEP 456), so a
//! program cannot be made to fill a dict with colliding keys on purpose. The key is
//! drawn per process, or derived from `PYTHONHASHSEED` as CPython derives it (an
//! integer seed feeds its LCG; `0` is the all-zero key), so with the same seed pyvm
//! gives CPython's hash values and sets of strings iterate as they do there.

use std::sync::OnceLock;

/// The SipHash key `(k0, k1)`, and `sys.flags.hash_randomization` (0 only for seed 0).
static SECRET: OnceLock<(u64, u64, bool)> = OnceLock::new();

/// CPython's message for a `PYTHONHASHSEED` it cannot read.
pub const BAD_SEED: &str =
    "PYTHONHASHSEED must be \"random\" or an integer in range [0; 4294967295]";

/// Choose the key at start-up from `PYTHONHASHSEED`'s value (`None` when unset or
/// ignored, as under `-E`: a random key). Later calls keep the first key. `Err` with
/// CPython's message for a value that is neither `random` nor an integer in range.
pub fn init(seed: Option<&str>) -> Result<(), &'static str> {
    let secret = secret_for(seed.filter(|s| !s.is_empty()))?;
    let _ = SECRET.set(secret);
    Ok(())
}

fn secret_for(seed: Option<&str>) -> Result<(u64, u64, bool), &'static str> {
    let seed = match seed {
        None | Some("random") => return Ok(random_key()),
        Some(s) => s.parse::<u32>().map_err(|_| BAD_SEED)?,
    };
    // CPython's `lcg_urandom` over its 24-byte `_Py_HashSecret`; the key is the
    // first 16 bytes, little-endian. Seed 0 leaves the secret all zeros.
    let mut bytes = [0u8; 16];
    if seed != 0 {
        let mut x = seed;
        for b in bytes.iter_mut() {
            x = x.wrapping_mul(214_013).wrapping_add(2_531_011);
            *b = (x >> 16) as u8;
        }
    }
    let k0 = u64::from_le_bytes(bytes[..8].try_into().unwrap_or_default());
    let k1 = u64::from_le_bytes(bytes[8..].try_into().unwrap_or_default());
    // `sys.flags.hash_randomization` is CPython's `!use_hash_seed || hash_seed != 0`.
    Ok((k0, k1, seed != 0))
}

/// A key from the kernel's random source (`/dev/urandom`), else from the clock, the
/// process id and an address (never a fixed key).
fn random_key() -> (u64, u64, bool) {
    let mut bytes = [0u8; 16];
    let read = std::fs::File::open("/dev/urandom")
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut bytes));
    if read.is_err() {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64);
        let here = &bytes as *const _ as u64;
        let mix = siphash13(now, u64::from(std::process::id()), &here.to_le_bytes());
        bytes[..8].copy_from_slice(&now.to_le_bytes());
        bytes[8..].copy_from_slice(&mix.to_le_bytes());
    }
    let k0 = u64::from_le_bytes(bytes[..8].try_into().unwrap_or_default());
    let k1 = u64::from_le_bytes(bytes[8..].try_into().unwrap_or_default());
    (k0, k1, true)
}

fn key() -> (u64, u64) {
    let (k0, k1, _) = *SECRET.get_or_init(|| {
        secret_for(
            std::env::var("PYTHONHASHSEED")
                .ok()
                .as_deref()
                .filter(|s| !s.is_empty()),
        )
        .unwrap_or_else(|_| random_key())
    });
    (k0, k1)
}

/// `sys.flags.hash_randomization`: false only under `PYTHONHASHSEED=0`.
pub fn randomized() -> bool {
    key();
    SECRET.get().is_some_and(|s| s.2)
}

/// CPython's `_Py_HashBytes`: 0 for no bytes, SipHash-1-3 otherwise, -1 made -2.
pub fn hash_bytes(data: &[u8]) -> i64 {
    if data.is_empty() {
        return 0;
    }
    let (k0, k1) = key();
    match siphash13(k0, k1, data) as i64 {
        -1 => -2,
        h => h,
    }
}

/// The hash of a `str`: CPython hashes its PEP 393 form, one, two or four bytes per
/// code point (little-endian) by the largest code point.
pub fn hash_str(text: &str, ascii: bool, surrogates: bool) -> i64 {
    if ascii {
        return hash_bytes(text.as_bytes());
    }
    if surrogates {
        return hash_code_points(text.chars().map(super::str::code_point));
    }
    hash_code_points(text.chars().map(u32::from))
}

/// CPython's hash of a text given as code points (its PEP 393 form: 1, 2 or 4 bytes
/// per code point by the largest).
fn hash_code_points(points: impl Iterator<Item = u32> + Clone) -> i64 {
    let width = match points.clone().max().unwrap_or(0) {
        0..=0xff => 1,
        0x100..=0xffff => 2,
        _ => 4,
    };
    // Encoded a batch at a time into a buffer on the stack, never allocated.
    let (k0, k1) = key();
    let mut sip = Sip::new(k0, k1);
    let mut buf = [0u8; 256];
    let mut n = 0;
    for c in points {
        let unit = c.to_le_bytes();
        buf[n..n + width].copy_from_slice(&unit[..width]);
        n += width;
        if n + 4 > buf.len() {
            sip.write(&buf[..n]);
            n = 0;
        }
    }
    sip.write(&buf[..n]);
    match sip.finish() as i64 {
        -1 => -2,
        h => h,
    }
}

/// SipHash-1-3 fed in pieces (for text re-encoded on the fly).
struct Sip {
    v: [u64; 4],
    /// Bytes not yet absorbed (fewer than 8), in the low end of `tail`.
    tail: u64,
    ntail: usize,
    len: usize,
}

impl Sip {
    fn new(k0: u64, k1: u64) -> Sip {
        Sip {
            v: [
                k0 ^ 0x736f_6d65_7073_6575,
                k1 ^ 0x646f_7261_6e64_6f6d,
                k0 ^ 0x6c79_6765_6e65_7261,
                k1 ^ 0x7465_6462_7974_6573,
            ],
            tail: 0,
            ntail: 0,
            len: 0,
        }
    }

    fn absorb(&mut self, m: u64) {
        self.v[3] ^= m;
        round(&mut self.v);
        self.v[0] ^= m;
    }

    fn write(&mut self, mut data: &[u8]) {
        self.len += data.len();
        while self.ntail > 0 && !data.is_empty() {
            self.tail |= u64::from(data[0]) << (8 * self.ntail);
            self.ntail += 1;
            data = &data[1..];
            if self.ntail == 8 {
                let m = self.tail;
                self.absorb(m);
                (self.tail, self.ntail) = (0, 0);
            }
        }
        let mut chunks = data.chunks_exact(8);
        for c in &mut chunks {
            self.absorb(u64::from_le_bytes(c.try_into().unwrap_or_default()));
        }
        for (i, b) in chunks.remainder().iter().enumerate() {
            self.tail |= u64::from(*b) << (8 * i);
        }
        self.ntail = chunks.remainder().len();
    }

    fn finish(mut self) -> u64 {
        let b = ((self.len as u64) << 56) | self.tail;
        self.absorb(b);
        self.v[2] ^= 0xff;
        round(&mut self.v);
        round(&mut self.v);
        round(&mut self.v);
        (self.v[0] ^ self.v[1]) ^ (self.v[2] ^ self.v[3])
    }
}

#[inline(always)]
fn round(v: &mut [u64; 4]) {
    // Two of SipHash's half rounds (CPython's `SINGLE_ROUND`).
    v[0] = v[0].wrapping_add(v[1]);
    v[2] = v[2].wrapping_add(v[3]);
    v[1] = v[1].rotate_left(13) ^ v[0];
    v[3] = v[3].rotate_left(16) ^ v[2];
    v[0] = v[0].rotate_left(32);
    v[2] = v[2].wrapping_add(v[1]);
    v[0] = v[0].wrapping_add(v[3]);
    v[1] = v[1].rotate_left(17) ^ v[2];
    v[3] = v[3].rotate_left(21) ^ v[0];
    v[2] = v[2].rotate_left(32);
}

/// SipHash-1-3 as CPython's `siphash13` (`Python/pyhash.c`).
fn siphash13(k0: u64, k1: u64, data: &[u8]) -> u64 {
    let mut sip = Sip::new(k0, k1);
    sip.write(data);
    sip.finish()
}

/// A hash of addresses (and of tuples of them: each word is mixed into what came
/// before, so a single address hashes as it always did).
#[derive(Default)]
pub struct AddrHasher(u64);

impl std::hash::Hasher for AddrHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(self.0.rotate_left(8) ^ u64::from(b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        let x = (self.0.rotate_left(17) ^ n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        self.0 = x ^ (x >> 29);
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeds_give_cpythons_keys() {
        // `PYTHONHASHSEED=0 python3 -c "print(hash('abc'))"` and seed 12345.
        let (k0, k1, _) = secret_for(Some("0")).unwrap_or_default();
        assert_eq!(siphash13(k0, k1, b"abc") as i64, -4594863902769663758);
        let (k0, k1, _) = secret_for(Some("12345")).unwrap_or_default();
        assert_eq!(siphash13(k0, k1, b"abc") as i64, 2962436275791859092);
        assert!(secret_for(Some("4294967296")).is_err());
        assert!(secret_for(Some("-1")).is_err());
        // Pieces of any size hash as the whole.
        let text: Vec<u8> = (0..40u8).collect();
        for cut in 0..text.len() {
            let mut sip = Sip::new(3, 5);
            sip.write(&text[..cut]);
            sip.write(&text[cut..]);
            assert_eq!(sip.finish(), siphash13(3, 5, &text));
        }
    }
}
