//! `str` storage: UTF-8 text with a cached hash and an ASCII flag that makes code-point
//! indexing O(1) for the common case.

use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use super::value::Value;

/// The process's interned identifiers: every code object names a global or attribute
/// through the same `Arc`, so dict lookups of names usually succeed on a pointer test.
static INTERNED: OnceLock<Mutex<HashMap<String, Arc<PyStr>>>> = OnceLock::new();

/// The interned `str` for an identifier.
pub fn intern(s: &str) -> Value {
    let table = INTERNED.get_or_init(|| Mutex::new(HashMap::new()));
    let mut t = table.lock().unwrap_or_else(|p| p.into_inner());
    let v = t
        .entry(s.to_owned())
        .or_insert_with(|| Arc::new(PyStr::new(s.to_owned())));
    Value::Str(v.clone())
}

pub struct PyStr {
    s: String,
    /// Number of code points (== byte length when ASCII).
    chars: usize,
    /// The hash, or 0 while not computed yet (a real hash of 0 is stored as 1).
    hash: AtomicI64,
}

impl PyStr {
    pub fn new(s: String) -> PyStr {
        let chars = if s.is_ascii() {
            s.len()
        } else {
            s.chars().count()
        };
        PyStr {
            s,
            chars,
            hash: AtomicI64::new(0),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.s
    }

    pub fn is_ascii(&self) -> bool {
        self.chars == self.s.len()
    }

    /// Append text (the caller owns this string exclusively).
    pub fn push_str(&mut self, t: &str) {
        self.chars += if t.is_ascii() {
            t.len()
        } else {
            t.chars().count()
        };
        self.s.push_str(t);
        *self.hash.get_mut() = 0;
    }

    /// Length in code points.
    pub fn char_len(&self) -> usize {
        self.chars
    }

    /// The code point at index `i` (`0 <= i < char_len`).
    pub fn char_at(&self, i: usize) -> Option<char> {
        if self.is_ascii() {
            self.s.as_bytes().get(i).map(|b| *b as char)
        } else {
            self.s.chars().nth(i)
        }
    }

    /// Byte offset of code point `i` (`i <= char_len`).
    pub fn byte_offset(&self, i: usize) -> usize {
        if self.is_ascii() {
            i.min(self.s.len())
        } else {
            self.s
                .char_indices()
                .nth(i)
                .map_or(self.s.len(), |(b, _)| b)
        }
    }

    /// Code-point index of byte offset `b`.
    pub fn char_index(&self, b: usize) -> usize {
        if self.is_ascii() {
            b
        } else {
            self.s[..b].chars().count()
        }
    }

    /// FNV-1a over the UTF-8 bytes (Python's string hash is randomized per process, so
    /// no program can depend on its value).
    pub fn hash(&self) -> i64 {
        let h = self.hash.load(Ordering::Relaxed);
        if h != 0 {
            return h;
        }
        let mut x: u64 = 0xcbf29ce484222325;
        for b in self.s.as_bytes() {
            x ^= *b as u64;
            x = x.wrapping_mul(0x100000001b3);
        }
        let mut h = (x >> 1) as i64;
        if h == 0 || h == -1 {
            h = 1;
        }
        self.hash.store(h, Ordering::Relaxed);
        h
    }
}
