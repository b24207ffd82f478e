//! `str` storage: UTF-8 text with a cached hash and an ASCII flag that makes code-point
//! indexing O(1) for the common case.
//!
//! **Lone surrogates**: a Rust `String` cannot hold U+D800..U+DFFF, so the surrogate
//! U+D800+k (k < 2048) is stored as the private-use code point U+10F000+k (2048 code
//! points of plane 16, short of U+10FFFF). The mapping keeps order and contiguity, so lengths,
//! indexing, slicing, searching and concatenation need nothing special; what shows a
//! code point to Python (`ord`, `repr`, codecs, comparison, hashing, `unicodedata`)
//! goes through [`code_point`] / [`from_code_point`]. U+10F000..U+10F7FF themselves
//! cannot be represented: `chr`, escapes and decoders refuse them ([`NOT_REPRESENTABLE`]).

use crate::objects::rc::Arc;
use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Mutex, OnceLock};

use super::value::Value;

/// The process's interned identifiers: every code object names a global or attribute
/// through the same `Arc`, so dict lookups of names usually succeed on a pointer test.
static INTERNED: OnceLock<Mutex<HashMap<String, Arc<PyStr>>>> = OnceLock::new();

/// The interned `str` for an identifier.
pub fn intern(s: &str) -> Value {
    let table = INTERNED.get_or_init(|| Mutex::new(HashMap::new()));
    let mut t = table.lock().unwrap_or_else(|p| p.into_inner());
    // Mostly a name seen before (every load of cached code interns all its names): no
    // key to allocate then.
    if let Some(v) = t.get(s) {
        return Value::Str(v.clone());
    }
    let v = t.entry(s.to_owned()).or_insert_with(|| {
        let mut p = PyStr::new(s.to_owned());
        p.interned = true;
        Arc::new(p)
    });
    Value::Str(v.clone())
}

/// First of the code points standing for lone surrogates (U+D800 is stored as this).
/// Plane 16's private use area, short of its end: U+10FFFF (`sys.maxunicode`) is a
/// common upper bound in programs (`'\ue000' <= c <= '\U0010ffff'`, regex classes).
pub const SURROGATE_BASE: u32 = 0x10F000;

/// Past the last code point standing for a lone surrogate.
const SURROGATE_END: u32 = SURROGATE_BASE + 0x800;

/// Why U+10F000..U+10F7FF are refused (the end of a `UnicodeDecodeError`/`ValueError`).
pub const NOT_REPRESENTABLE: &str =
    "code point not representable in pyvm (U+10F000..U+10F7FF stand for lone surrogates)";

/// The Python code point of a stored `char` (a lone surrogate for U+10F000..U+10F7FF).
#[inline]
pub fn code_point(c: char) -> u32 {
    let u = c as u32;
    if (SURROGATE_BASE..SURROGATE_END).contains(&u) {
        u - SURROGATE_BASE + 0xD800
    } else {
        u
    }
}

/// The stored `char` for a Python code point; `None` beyond U+10FFFF and for the
/// unrepresentable U+10F000..U+10F7FF.
#[inline]
pub fn from_code_point(u: u32) -> Option<char> {
    match u {
        0xD800..=0xDFFF => char::from_u32(u - 0xD800 + SURROGATE_BASE),
        SURROGATE_BASE..SURROGATE_END => None,
        _ => char::from_u32(u),
    }
}

/// Does this stored `char` stand for a lone surrogate?
#[inline]
pub fn is_surrogate(c: char) -> bool {
    (SURROGATE_BASE..SURROGATE_END).contains(&(c as u32))
}

/// Does UTF-8 text contain a stored surrogate? (U+10F000..U+10F7FF is
/// `F4 8F 80..9F ..`.)
pub fn has_surrogates(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(k) = b[i..].iter().position(|&x| x == 0xF4) {
        i += k + 1;
        if b.get(i) == Some(&0x8F) && b.get(i + 1).is_some_and(|&x| x <= 0x9F) {
            return true;
        }
    }
    false
}

/// Code-point order of two texts, as CPython compares `str`s: byte order of UTF-8
/// unless one side holds a stored surrogate, which sorts as U+D800..U+DFFF.
pub fn cmp_text(a: &str, b: &str) -> std::cmp::Ordering {
    if !has_surrogates(a) && !has_surrogates(b) {
        return a.cmp(b);
    }
    a.chars().map(code_point).cmp(b.chars().map(code_point))
}

/// Text from bytes the OS gave (file names, `argv`, the environment), as CPython's
/// `os.fsdecode` on Linux: UTF-8 with `surrogateescape`, each undecodable byte (and
/// each byte of a code point pyvm cannot represent) becoming U+DC80..U+DCFF, so
/// [`fs_encode`] gives the bytes back.
pub fn fs_decode(b: &[u8]) -> String {
    let escape = |out: &mut String, bytes: &[u8]| {
        out.extend(
            bytes
                .iter()
                .filter_map(|&x| from_code_point(0xdc00 + x as u32)),
        );
    };
    let mut out = String::with_capacity(b.len());
    let mut rest = b;
    while !rest.is_empty() {
        let (good, bad) = match std::str::from_utf8(rest) {
            Ok(s) => (s, 0),
            Err(e) => (
                std::str::from_utf8(&rest[..e.valid_up_to()]).unwrap_or(""),
                e.error_len().unwrap_or(rest.len() - e.valid_up_to()),
            ),
        };
        for c in good.chars() {
            if is_surrogate(c) {
                escape(&mut out, c.encode_utf8(&mut [0; 4]).as_bytes());
            } else {
                out.push(c);
            }
        }
        let at = good.len();
        escape(&mut out, &rest[at..at + bad]);
        rest = &rest[at + bad..];
    }
    out
}

/// The bytes for the OS of a text, as `os.fsencode`: UTF-8, U+DC80..U+DCFF back to
/// the bytes they escape; `Err` holds the code-point index of another lone surrogate.
pub fn fs_encode(s: &str) -> Result<Vec<u8>, usize> {
    if !has_surrogates(s) {
        return Ok(s.as_bytes().to_vec());
    }
    let mut out = Vec::with_capacity(s.len());
    for (i, c) in s.chars().enumerate() {
        match code_point(c) {
            u @ 0xdc80..=0xdcff => out.push((u - 0xdc00) as u8),
            0xd800..=0xdfff => return Err(i),
            _ => out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes()),
        }
    }
    Ok(out)
}

/// The strict UTF-8 of a str (a native text file's write): its bytes, or CPython's
/// `UnicodeEncodeError` for the first run of lone surrogates.
pub fn utf8_strict(text: &Value) -> Result<&[u8], super::exception::PyErr> {
    let s = text.as_str().unwrap_or_default();
    if !has_surrogates(s) {
        return Ok(s.as_bytes());
    }
    let start = s.chars().position(is_surrogate).unwrap_or(0);
    let run = s
        .chars()
        .skip(start)
        .take_while(|&c| is_surrogate(c))
        .count();
    Err(super::unicode_error::encode_error(
        "utf-8",
        text.clone(),
        start,
        start + run,
        "surrogates not allowed",
    ))
}

/// Text for stderr, as CPython's `backslashreplace` stderr writes it: each lone
/// surrogate as `\udXXX`.
pub fn backslash_surrogates(s: &str) -> std::borrow::Cow<'_, str> {
    if !has_surrogates(s) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_surrogate(c) {
            out.push_str(&format!("\\u{:04x}", code_point(c)));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// [`fs_encode`], failing as CPython's `os.fsencode` does.
pub fn fs_encode_value(text: &Value) -> Result<Vec<u8>, super::exception::PyErr> {
    let s = text.as_str().unwrap_or_default();
    fs_encode(s).map_err(|i| {
        super::unicode_error::encode_error(
            "utf-8",
            text.clone(),
            i,
            i + 1,
            "surrogates not allowed",
        )
    })
}

/// UTF-8 with each lone surrogate as its own three bytes (`ED A0..BF ..`), as CPython's
/// `surrogatepass` writes it (`marshal`, `pickle`).
pub fn encode_surrogatepass(s: &str) -> std::borrow::Cow<'_, [u8]> {
    if !has_surrogates(s) {
        return std::borrow::Cow::Borrowed(s.as_bytes());
    }
    let mut out = Vec::with_capacity(s.len());
    for c in s.chars() {
        match code_point(c) {
            u @ 0xd800..=0xdfff => out.extend_from_slice(&[
                0xe0 | (u >> 12) as u8,
                0x80 | ((u >> 6) & 0x3f) as u8,
                0x80 | (u & 0x3f) as u8,
            ]),
            _ => out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes()),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The text of [`encode_surrogatepass`]'s bytes; `None` for bytes that are not UTF-8
/// with surrogates, or hold a code point pyvm cannot represent.
pub fn decode_surrogatepass(b: &[u8]) -> Option<String> {
    let mut out = String::with_capacity(b.len());
    let mut rest = b;
    loop {
        let (good, tail) = match std::str::from_utf8(rest) {
            Ok(s) => (s, &[][..]),
            Err(e) => (
                std::str::from_utf8(&rest[..e.valid_up_to()]).ok()?,
                &rest[e.valid_up_to()..],
            ),
        };
        if has_surrogates(good) {
            return None;
        }
        out.push_str(good);
        match *tail {
            [] => return Some(out),
            [0xed, y @ 0xa0..=0xbf, z @ 0x80..=0xbf, ..] => {
                let u = 0xd000 | ((y as u32 & 0x3f) << 6) | (z as u32 & 0x3f);
                out.extend(from_code_point(u));
                rest = &tail[3..];
            }
            _ => return None,
        }
    }
}

pub struct PyStr {
    s: String,
    /// Number of code points (== byte length when ASCII).
    chars: usize,
    /// Holds a stored lone surrogate (see the module comment): comparisons and hashing
    /// then map code points.
    surrogates: bool,
    /// The hash, or -1 while not computed yet (no hash is -1).
    hash: AtomicI64,
    /// For non-ASCII text: the byte offset of every `STRIDE`-th code point, made the
    /// first time the text is indexed by code point, so `s[i]`, slices and `find`'s
    /// result cost O(`STRIDE`), not O(n) (a parser walking `s[pos]` over non-ASCII text
    /// would otherwise be quadratic).
    index: OnceLock<Box<[usize]>>,
    /// Made by [`intern`]: the table keeps it for the life of the process, so its
    /// address is never reused by another string (caches may key on it).
    interned: bool,
}

/// Code points between two entries of [`PyStr`]'s index.
const STRIDE: usize = 32;

impl PyStr {
    pub fn new(s: String) -> PyStr {
        let (chars, surrogates) = if s.is_ascii() {
            (s.len(), false)
        } else {
            (s.chars().count(), has_surrogates(&s))
        };
        PyStr {
            s,
            chars,
            surrogates,
            hash: AtomicI64::new(-1),
            index: OnceLock::new(),
            interned: false,
        }
    }

    /// Is this one of the process's interned names (see `interned`)?
    #[inline]
    pub fn is_interned(&self) -> bool {
        self.interned
    }

    pub fn as_str(&self) -> &str {
        &self.s
    }

    pub fn is_ascii(&self) -> bool {
        self.chars == self.s.len()
    }

    /// Does the text hold a lone surrogate (stored as U+10F000..U+10F7FF)?
    #[inline]
    pub fn has_surrogates(&self) -> bool {
        self.surrogates
    }

    /// Append text (the caller owns this string exclusively).
    /// Room for `n` more bytes (amortized), or `MemoryError` (`s += t` in a loop).
    pub fn reserve(&mut self, n: usize) -> Result<(), super::exception::PyErr> {
        super::memory::spare_string(&mut self.s, n)
    }

    pub fn push_str(&mut self, t: &str) {
        if t.is_ascii() {
            self.chars += t.len();
        } else {
            self.chars += t.chars().count();
            self.surrogates |= has_surrogates(t);
        }
        self.s.push_str(t);
        *self.hash.get_mut() = -1;
        self.index = OnceLock::new();
    }

    /// Length in code points.
    pub fn char_len(&self) -> usize {
        self.chars
    }

    /// The code point at index `i` (`0 <= i < char_len`).
    pub fn char_at(&self, i: usize) -> Option<char> {
        if self.is_ascii() {
            self.s.as_bytes().get(i).map(|b| *b as char)
        } else if i >= self.chars {
            None
        } else {
            self.s[self.byte_offset(i)..].chars().next()
        }
    }

    /// The byte offsets of every `STRIDE`-th code point (non-ASCII text only).
    fn index(&self) -> &[usize] {
        self.index.get_or_init(|| {
            self.s
                .char_indices()
                .step_by(STRIDE)
                .map(|(b, _)| b)
                .collect()
        })
    }

    /// Byte offset of code point `i` (`i <= char_len`).
    pub fn byte_offset(&self, i: usize) -> usize {
        if self.is_ascii() {
            return i.min(self.s.len());
        }
        if i >= self.chars {
            return self.s.len();
        }
        let (start, skip) = if self.chars < 2 * STRIDE {
            (0, i)
        } else {
            (self.index()[i / STRIDE], i % STRIDE)
        };
        self.s[start..]
            .char_indices()
            .nth(skip)
            .map_or(self.s.len(), |(b, _)| start + b)
    }

    /// Code-point index of byte offset `b` (a character boundary).
    pub fn char_index(&self, b: usize) -> usize {
        if self.is_ascii() {
            return b;
        }
        if self.chars < 2 * STRIDE {
            return self.s[..b].chars().count();
        }
        let idx = self.index();
        // The last indexed code point at or before `b`.
        let k = idx.partition_point(|&o| o <= b).saturating_sub(1);
        k * STRIDE + self.s[idx[k]..b].chars().count()
    }

    /// CPython's order of two strings (see [`cmp_text`]), byte order on the common path.
    pub fn compare(&self, other: &PyStr) -> std::cmp::Ordering {
        if self.surrogates || other.surrogates {
            cmp_text(&self.s, &other.s)
        } else {
            self.s.cmp(&other.s)
        }
    }

    /// CPython's hash of the text (randomized SipHash-1-3, `objects::hash`), cached.
    pub fn hash(&self) -> i64 {
        let h = self.hash.load(Ordering::Relaxed);
        if h != -1 {
            return h;
        }
        let h = super::hash::hash_str(&self.s, self.is_ascii(), self.surrogates);
        self.hash.store(h, Ordering::Relaxed);
        h
    }
}

/// Python's whitespace (`str.isspace`, `split()`, `strip()`, `int()`): Unicode's
/// White_Space plus the bidirectional separators U+001C..U+001F, which CPython's
/// `Py_UNICODE_ISSPACE` includes and Rust's `char::is_whitespace` does not.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}
