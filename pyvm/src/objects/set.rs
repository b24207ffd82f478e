//! `set` and `frozenset` storage: CPython's open-addressing table (linear probes, then
//! perturbed probing; dummies on deletion; growth at 3/5 full), so a set iterates in the
//! same order as in CPython whenever the hashes agree (ints, floats, tuples of them).
//!
//! ```text
//!  table (size 8, mask 7):  [ 0:Full(0) | 1:Full(1) | 2:Empty | 3:Dummy | 4:Full(12) ...]
//!  iteration = slot order, skipping Empty and Dummy
//! ```

use super::compare::key_eq_result;
use super::dict::hash;
use super::exception::PyErr;
use super::value::Value;
use std::sync::atomic::{AtomicI64, Ordering};

const MIN_SIZE: usize = 8;
const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;

#[derive(Clone)]
enum Slot {
    Empty,
    /// A deleted entry: probing continues past it.
    Dummy,
    Full(i64, Value),
}

pub struct Set {
    table: Vec<Slot>,
    /// Full plus dummy slots.
    fill: usize,
    /// Full slots.
    used: usize,
    /// Where `pop` looks next.
    finger: usize,
    /// Some key may need Python to be compared (a user instance, a tuple or frozenset
    /// holding one, a native object): set when such a key goes in, never cleared.
    /// Without it, no operation on the set runs Python code, so the set algebra and
    /// comparisons may work on a borrowed set instead of a copy ([`SetOperand`]).
    py_keys: bool,
    /// A frozenset's hash once computed (-1: not yet), as CPython's frozenset caches
    /// it: a frozenset of frozensets is otherwise hashed again at every level of every
    /// lookup (the von Neumann numerals of `test_set` took exponential time). Only a
    /// frozenset is hashed, and a frozenset never changes; a copy starts without it,
    /// and every change forgets it anyway.
    hash: AtomicI64,
}

impl Clone for Set {
    fn clone(&self) -> Set {
        Set {
            table: self.table.clone(),
            fill: self.fill,
            used: self.used,
            finger: self.finger,
            py_keys: self.py_keys,
            hash: AtomicI64::new(-1),
        }
    }
}

/// A frozenset's keys are freed through `trash::dispose`, as a list's items are: a
/// frozenset nested a million deep is freed without deep recursion.
impl Drop for Set {
    fn drop(&mut self) {
        if !self.table.is_empty() {
            super::trash::dispose(std::mem::take(&mut self.table));
        }
    }
}

impl Default for Set {
    fn default() -> Self {
        Set::new()
    }
}

impl Set {
    pub fn new() -> Set {
        Set {
            table: vec![Slot::Empty; MIN_SIZE],
            fill: 0,
            used: 0,
            finger: 0,
            py_keys: false,
            hash: AtomicI64::new(-1),
        }
    }

    /// The hash computed for this frozenset before, if any (see `hash`).
    pub fn cached_hash(&self) -> Option<i64> {
        let h = self.hash.load(Ordering::Relaxed);
        (h != -1).then_some(h)
    }

    /// Remember this frozenset's hash.
    pub fn cache_hash(&self, h: i64) {
        self.hash.store(h, Ordering::Relaxed);
    }

    /// A change to the keys: a remembered hash no longer holds.
    fn changed(&mut self) {
        *self.hash.get_mut() = -1;
    }

    /// Whether comparing some key of this set may run Python code (see `py_keys`).
    pub fn may_run_python(&self) -> bool {
        self.py_keys
    }

    /// `set(iterable)` for a non-set iterable: add each item in order.
    pub fn from_values(items: impl IntoIterator<Item = Value>) -> Result<Set, PyErr> {
        let mut s = Set::new();
        for v in items {
            s.insert(v)?;
        }
        Ok(s)
    }

    /// `set(d)` for an exact dict (CPython's `set_update_internal`): the table is sized
    /// once for all `keys` first, so the iteration order is CPython's.
    pub fn from_dict_keys(keys: Vec<Value>) -> Result<Set, PyErr> {
        let mut s = Set::new();
        if (s.fill + keys.len()) * 5 >= s.mask() * 3 {
            s.try_resize((s.used + keys.len()) * 2)?;
        }
        for k in keys {
            s.insert(k)?;
        }
        Ok(s)
    }

    /// `set(other_set)` / `s.copy()`: a new set merged from `other` (CPython's set_merge).
    pub fn copy_of(other: &Set) -> Set {
        let mut s = Set::new();
        s.merge(other);
        s
    }

    /// The layout CPython gives an all-constant set display: the folded frozenset is
    /// rebuilt from its own iteration order, then merged into a new set.
    pub fn as_folded_constant(built: &Set) -> Set {
        let mut again = Set::new();
        for (h, k) in built.entries() {
            again.add_entry(k.clone(), h);
        }
        Set::copy_of(&again)
    }

    pub fn len(&self) -> usize {
        self.used
    }

    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    fn mask(&self) -> usize {
        self.table.len() - 1
    }

    /// The slot holding `key`, if any (an exception from a user `__eq__` counts as
    /// "not equal": for the set algebra, which cannot fail).
    fn find(&self, key: &Value, h: i64) -> Option<usize> {
        self.lookup(key, h, false).unwrap_or(None)
    }

    /// The slot holding `key`, if any; `strict`: an exception from a user `__eq__`
    /// comes out, as in CPython (else it counts as "not equal").
    fn lookup(&self, key: &Value, h: i64, strict: bool) -> Result<Option<usize>, PyErr> {
        let mask = self.mask();
        let mut i = (h as u64 as usize) & mask;
        let mut perturb = h as u64;
        loop {
            let probes = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            for j in i..=i + probes {
                match &self.table[j] {
                    Slot::Empty => return Ok(None),
                    Slot::Full(eh, k) if *eh == h && eq_or(k, key, strict)? => return Ok(Some(j)),
                    _ => {}
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
    }

    pub fn contains(&self, v: &Value) -> Result<bool, PyErr> {
        let h = hash(v)?;
        Ok(self.lookup(v, h, true)?.is_some())
    }

    pub fn insert(&mut self, v: Value) -> Result<(), PyErr> {
        let h = hash(&v)?;
        self.add_entry_with(v, h, true)
    }

    /// [`Set::add_entry_with`] for the set algebra (never fails).
    fn add_entry(&mut self, key: Value, h: i64) {
        let _ = self.add_entry_with(key, h, false);
    }

    /// CPython's set_add_entry: reuse the first dummy seen, grow when 3/5 full
    /// (`strict`: as in [`Set::lookup`]).
    fn add_entry_with(&mut self, key: Value, h: i64, strict: bool) -> Result<(), PyErr> {
        self.changed();
        self.py_keys |= key_may_run_python(&key);
        let mask = self.mask();
        let mut i = (h as u64 as usize) & mask;
        let mut perturb = h as u64;
        let mut freeslot = None;
        loop {
            let probes = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            for j in i..=i + probes {
                match &self.table[j] {
                    Slot::Empty => {
                        match freeslot {
                            Some(f) => {
                                self.table[f] = Slot::Full(h, key);
                                self.used += 1;
                            }
                            None => {
                                self.table[j] = Slot::Full(h, key);
                                self.fill += 1;
                                self.used += 1;
                                if self.fill * 5 >= mask * 3 {
                                    let minused = if self.used > 50000 {
                                        self.used * 2
                                    } else {
                                        self.used * 4
                                    };
                                    // (As CPython's: the key is in; a table that
                                    // cannot grow is a `MemoryError`.)
                                    self.try_resize(minused)?;
                                }
                            }
                        }
                        return Ok(());
                    }
                    Slot::Full(eh, k) if *eh == h && eq_or(k, &key, strict)? => return Ok(()),
                    Slot::Dummy if freeslot.is_none() => freeslot = Some(j),
                    _ => {}
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
    }

    /// Place a key known to be absent into a table without dummies.
    fn insert_clean(table: &mut [Slot], key: Value, h: i64) {
        let mask = table.len() - 1;
        let mut i = (h as u64 as usize) & mask;
        let mut perturb = h as u64;
        loop {
            let probes = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            if let Some(slot) = table[i..=i + probes]
                .iter_mut()
                .find(|s| matches!(s, Slot::Empty))
            {
                *slot = Slot::Full(h, key);
                return;
            }
            perturb >>= PERTURB_SHIFT;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
    }

    /// CPython's set_table_resize: the smallest power of two above `minused`.
    fn resize(&mut self, minused: usize) {
        self.rehash(vec![Slot::Empty; Set::size_for(minused)]);
    }

    /// [`Set::resize`], or `MemoryError` when the new table cannot be had (a set
    /// the program grows past its memory).
    fn try_resize(&mut self, minused: usize) -> Result<(), PyErr> {
        let size = Set::size_for(minused);
        let mut table = Vec::new();
        super::memory::reserve(&mut table, size)?;
        table.resize(size, Slot::Empty);
        self.rehash(table);
        Ok(())
    }

    /// The smallest power of two above `minused` (at least the minimum size).
    fn size_for(minused: usize) -> usize {
        let mut size = MIN_SIZE;
        while size <= minused {
            size <<= 1;
        }
        size
    }

    /// Move the keys into `table` (empty).
    fn rehash(&mut self, table: Vec<Slot>) {
        let old = std::mem::replace(&mut self.table, table);
        for slot in old {
            if let Slot::Full(h, k) = slot {
                Set::insert_clean(&mut self.table, k, h);
            }
        }
        self.fill = self.used;
    }

    /// CPython's set_merge: add every key of `other`, sizing the table once first.
    pub fn merge(&mut self, other: &Set) {
        self.changed();
        if other.used == 0 {
            return;
        }
        self.py_keys |= other.py_keys;
        let grow = (self.fill + other.used) * 5 >= self.mask() * 3;
        let size = if grow {
            Set::size_for((self.used + other.used) * 2)
        } else {
            self.table.len()
        };
        if self.fill == 0 && size == other.table.len() && other.fill == other.used {
            // (The table the resize would make is dropped unused: not made.)
            self.table = other.table.clone();
            self.fill = other.fill;
            self.used = other.used;
            return;
        }
        if grow {
            self.resize((self.used + other.used) * 2);
        }
        if self.fill == 0 {
            for slot in &other.table {
                if let Slot::Full(h, k) = slot {
                    Set::insert_clean(&mut self.table, k.clone(), *h);
                }
            }
            self.fill = other.used;
            self.used = other.used;
            return;
        }
        for slot in &other.table {
            if let Slot::Full(h, k) = slot {
                self.add_entry(k.clone(), *h);
            }
        }
    }

    /// Remove `v`; `false` if it was absent.
    pub fn remove(&mut self, v: &Value) -> Result<bool, PyErr> {
        self.changed();
        let h = hash(v)?;
        Ok(match self.lookup(v, h, true)? {
            Some(i) => {
                self.table[i] = Slot::Dummy;
                self.used -= 1;
                true
            }
            None => false,
        })
    }

    /// [`Set::remove`] for the set algebra.
    fn discard_hashed(&mut self, v: &Value, h: i64) -> bool {
        self.changed();
        match self.find(v, h) {
            Some(i) => {
                self.table[i] = Slot::Dummy;
                self.used -= 1;
                true
            }
            None => false,
        }
    }

    /// `set.pop()`: CPython's finger walk.
    pub fn pop(&mut self) -> Option<Value> {
        self.changed();
        if self.used == 0 {
            return None;
        }
        let n = self.table.len();
        let mut i = self.finger & self.mask();
        while !matches!(self.table[i], Slot::Full(..)) {
            i = (i + 1) % n;
        }
        let slot = std::mem::replace(&mut self.table[i], Slot::Dummy);
        self.used -= 1;
        self.finger = i + 1;
        match slot {
            Slot::Full(_, k) => Some(k),
            _ => None,
        }
    }

    pub fn clear(&mut self) {
        self.changed();
        *self = Set::new();
    }

    /// Keys in iteration (slot) order.
    pub fn keys(&self) -> impl Iterator<Item = &Value> {
        self.table.iter().filter_map(|s| match s {
            Slot::Full(_, k) => Some(k),
            _ => None,
        })
    }

    fn entries(&self) -> impl Iterator<Item = (i64, &Value)> {
        self.table.iter().filter_map(|s| match s {
            Slot::Full(h, k) => Some((*h, k)),
            _ => None,
        })
    }

    /// Slot `i` for iterators: `None` past the end, `Some(None)` for a free slot.
    pub fn slot(&self, i: usize) -> Option<Option<&Value>> {
        self.table.get(i).map(|s| match s {
            Slot::Full(_, k) => Some(k),
            _ => None,
        })
    }

    pub fn is_subset(&self, other: &Set) -> Result<bool, PyErr> {
        for (h, k) in self.entries() {
            if other.find(k, h).is_none() {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// `a | b` (set_or: a copy of `a`, then `b` merged).
    pub fn union(a: &Set, b: &Set) -> Set {
        let mut r = Set::copy_of(a);
        r.merge(b);
        r
    }

    /// `a & b`: walk the smaller, keep what the larger holds.
    pub fn intersection(a: &Set, b: &Set) -> Set {
        let (big, small) = if b.len() > a.len() { (b, a) } else { (a, b) };
        let mut r = Set::new();
        for (h, k) in small.entries() {
            if big.find(k, h).is_some() {
                r.add_entry(k.clone(), h);
            }
        }
        r
    }

    /// `a - b` (set_difference's two strategies).
    pub fn difference(a: &Set, b: &Set) -> Set {
        if (a.len() >> 2) > b.len() {
            let mut r = Set::copy_of(a);
            for (h, k) in b.entries() {
                r.discard_hashed(k, h);
            }
            return r;
        }
        let mut r = Set::new();
        for (h, k) in a.entries() {
            if b.find(k, h).is_none() {
                r.add_entry(k.clone(), h);
            }
        }
        r
    }

    /// `a ^ b`: a copy of `b`, then each key of `a` toggled.
    pub fn symmetric_difference(a: &Set, b: &Set) -> Set {
        let mut r = Set::copy_of(b);
        for (h, k) in a.entries() {
            if !r.discard_hashed(k, h) {
                r.add_entry(k.clone(), h);
            }
        }
        r
    }
}

/// Could comparing `key` with another key run Python code? Only the built-in
/// scalar kinds, and tuples and frozensets of them, are known not to.
fn key_may_run_python(key: &Value) -> bool {
    match key {
        Value::Int(_)
        | Value::Bool(_)
        | Value::Big(_)
        | Value::Float(_)
        | Value::Complex(_)
        | Value::Str(_)
        | Value::Bytes(_)
        | Value::None => false,
        Value::Tuple(t) => t.iter().any(key_may_run_python),
        Value::FrozenSet(s) => s.py_keys,
        _ => true,
    }
}

/// Key equality for a probe: `strict`, the exception a user `__eq__` raises; else
/// that exception counts as "not equal".
fn eq_or(a: &Value, b: &Value, strict: bool) -> Result<bool, PyErr> {
    match key_eq_result(a, b) {
        Err(e) if strict => Err(e),
        r => Ok(r.unwrap_or(false)),
    }
}

/// A set operator; in place (`|=` ...) keeps `x`'s table layout as CPython does.
pub fn set_op(op: &str, x: &Set, y: &Set, inplace: bool) -> Set {
    match (op, inplace) {
        ("|", false) => Set::union(x, y),
        ("&", _) => Set::intersection(x, y),
        ("-", false) => Set::difference(x, y),
        ("^", false) => Set::symmetric_difference(x, y),
        (_, true) => {
            let mut r = x.clone();
            update_in_place(&mut r, op, y);
            r
        }
        _ => unreachable!("set operator {op}"),
    }
}

/// `x op= y` on `x` itself: `|=` merges, `&=` keeps the intersection, `-=` discards
/// and `^=` toggles each key of `y` in `x`.
pub fn update_in_place(x: &mut Set, op: &str, y: &Set) {
    match op {
        "|" => x.merge(y),
        "&" => *x = Set::intersection(x, y),
        _ => {
            for (h, k) in y.entries() {
                let had = x.discard_hashed(k, h);
                if op == "^" && !had {
                    x.add_entry(k.clone(), h);
                }
            }
        }
    }
}
