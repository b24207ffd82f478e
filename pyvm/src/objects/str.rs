//! `str` storage: UTF-8 text with a cached hash and an ASCII flag that makes code-point
//! indexing O(1) for the common case.

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
    let v = t.entry(s.to_owned()).or_insert_with(|| {
        let mut p = PyStr::new(s.to_owned());
        p.interned = true;
        Arc::new(p)
    });
    Value::Str(v.clone())
}

pub struct PyStr {
    s: String,
    /// Number of code points (== byte length when ASCII).
    chars: usize,
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
        let chars = if s.is_ascii() {
            s.len()
        } else {
            s.chars().count()
        };
        PyStr {
            s,
            chars,
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

    /// Append text (the caller owns this string exclusively).
    /// Room for `n` more bytes (amortized), or `MemoryError` (`s += t` in a loop).
    pub fn reserve(&mut self, n: usize) -> Result<(), super::exception::PyErr> {
        super::memory::spare_string(&mut self.s, n)
    }

    pub fn push_str(&mut self, t: &str) {
        self.chars += if t.is_ascii() {
            t.len()
        } else {
            t.chars().count()
        };
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

    /// CPython's hash of the text (randomized SipHash-1-3, `objects::hash`), cached.
    pub fn hash(&self) -> i64 {
        let h = self.hash.load(Ordering::Relaxed);
        if h != -1 {
            return h;
        }
        let h = super::hash::hash_str(&self.s, self.is_ascii());
        self.hash.store(h, Ordering::Relaxed);
        h
    }
}
