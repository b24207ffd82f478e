//! `dict` storage: an insertion-ordered entry vector indexed by a hash table of
//! positions (CPython's compact dict layout), plus the hashing of keys.
//!
//! ```text
//!  table (hashbrown HashTable<u32>)    entries (Vec, insertion order)
//!   [ 2 | . | 0 | . | 1 ]  ------->   0: (hash, "a", 1)
//!                                      1: None            <- deleted, skipped
//!                                      2: (hash, "c", 3)
//! ```
//! Deleted entries leave a hole that iteration skips; the vector is compacted when holes
//! outnumber live entries.
//!
//! A small dict has no table: while it has at most [`SMALL`] entry slots a lookup
//! scans them, comparing hashes first (CPython's instances mostly hold a handful of
//! attributes; an indexed table cost each new instance an allocation and a rehash).
//! **Invariant:** whenever `entries` has more than `SMALL` slots, `table` indexes
//! every live entry; at or below it, `table` is ignored (it may be stale), and it is
//! rebuilt from the entries when they grow past `SMALL` again.

use std::sync::atomic::{AtomicU64, Ordering};

use hashbrown::HashTable;

use super::compare::{key_eq, key_eq_native};
use super::exception::{type_error, PyErr};
use super::types::type_name;
use super::value::Value;

/// One step of a key lookup that leaves the Python calls to its caller (see
/// `vm::dictprobe`, which runs them with the dict not borrowed).
pub enum Probe {
    /// The key sits in this entry slot.
    Found(usize),
    Missing,
    /// The candidate in slot `slot` (an entry with the same hash, holding `other`)
    /// needs a Python `__eq__` to tell. After a `False`, the lookup goes on skipping
    /// it, if the dict's [`Dict::epoch`] is unchanged and the slot still holds
    /// `other`; otherwise it starts again (CPython's restart).
    Ask {
        slot: usize,
        other: Value,
    },
}

#[derive(Clone)]
pub struct Entry {
    pub hash: i64,
    pub key: Value,
    pub value: Value,
}

#[derive(Clone, Default)]
pub struct Dict {
    entries: Vec<Option<Entry>>,
    table: HashTable<u32>,
    used: usize,
    /// Names this dict's key layout (which key sits in which entry slot): a fresh
    /// number from [`next_version`] whenever a key is added or removed, or the slots
    /// are rebuilt (0: never changed, so empty). Storing into an existing key keeps
    /// it: the value changes in its slot. A clone copies it with the layout it names.
    /// `LOAD_GLOBAL`'s cache keys on (dict identity, version) and keeps a slot index,
    /// never a value (CPython 3.11's `dk_version`), so `total += x` at module level
    /// does not invalidate every cached global of the program.
    version: u64,
    /// A key needing Python to compare ([`needs_py`]) was ever added (until `clear`):
    /// the VM's lookups in this dict go through `vm::dictprobe`.
    py_keys: bool,
    /// Changes (to a fresh [`next_version`]) whenever entry slots may come to hold
    /// other keys: a compaction, `clear`. (A removal leaves a hole, an insertion takes a
    /// new slot: the other slots keep their keys.) A lookup paused on a user `__eq__`
    /// may trust the slots it ruled out while it is unchanged.
    epoch: u64,
    /// A one-word Bloom filter of the hashes of every key added since the dict was
    /// made or cleared (bit `hash % 64`; removals leave their bit): a clear bit proves
    /// a key absent without probing. `LOAD_METHOD` asks it whether an instance dict
    /// may shadow a method, which for a handful of attributes it almost never does.
    hashes_seen: u64,
}

/// The most entry slots a dict keeps without its hash table (see the module's
/// invariant).
const SMALL: usize = 8;

/// The [`Dict::hashes_seen`] bit of a hash.
#[inline]
fn seen_bit(hash: i64) -> u64 {
    1 << (hash as u64 & 63)
}

/// Versions are process-wide and increasing, so one number never names two layouts of
/// one dict.
static VERSION: AtomicU64 = AtomicU64::new(0);

/// A load and a store, not a read-modify-write: dicts change only under the GIL, so
/// updates never race; if they did, two dicts could share a number, which is harmless
/// because the cache also checks which dict it is.
fn next_version() -> u64 {
    let v = VERSION.load(Ordering::Relaxed) + 1;
    VERSION.store(v, Ordering::Relaxed);
    v
}

/// Does comparing `v` with another key need Python (a user `__eq__`)? Instances of
/// Python classes, and tuples holding them.
pub fn needs_py(v: &Value) -> bool {
    super::class::is_user(v) || matches!(v, Value::Tuple(t) if t.iter().any(needs_py))
}

/// `hash(v)` for the built-in hashable types; `TypeError` for the others.
pub fn hash(v: &Value) -> Result<i64, PyErr> {
    Ok(match v {
        Value::Int(_) | Value::Bool(_) | Value::Big(_) => super::int::hash(v),
        Value::Float(f) => super::float::hash(f.get()),
        Value::Complex(c) => super::complex::hash(**c),
        Value::Str(s) => s.hash(),
        Value::None => 0x5f3759df,
        Value::Bytes(b) => super::hash::hash_bytes(b),
        Value::Range(r) => r.hash()?,
        // (Only a tuple with an item that hashes its own items can recurse deeply.)
        Value::Tuple(items) if items.iter().all(hashes_flat) => tuple_hash(items)?,
        Value::Tuple(items) => {
            crate::stack::maybe_grow(64 * 1024, 4 * 1024 * 1024, || tuple_hash(items))
                .unwrap_or_else(|| Err(super::exception::memory_error()))?
        }
        Value::FrozenSet(s) if s.cached_hash().is_some() => s.cached_hash().unwrap_or(0),
        Value::FrozenSet(s) => crate::stack::maybe_grow(64 * 1024, 4 * 1024 * 1024, || {
            // CPython's `frozenset_hash` (the empty and dummy slots it also mixes in
            // cancel out).
            let mut acc: u64 = 0;
            for k in s.keys() {
                let h = hash(k)? as u64;
                acc ^= (h ^ 89869747 ^ (h << 16)).wrapping_mul(3644798167);
            }
            acc ^= (s.len() as u64 + 1).wrapping_mul(1927868237);
            acc ^= (acc >> 11) ^ (acc >> 25);
            acc = acc.wrapping_mul(69069).wrapping_add(907133923);
            let h = match acc as i64 {
                -1 => 590923713,
                h => h,
            };
            s.cache_hash(h);
            Ok::<i64, PyErr>(h)
        })
        .unwrap_or_else(|| Err(super::exception::memory_error()))?,
        Value::List(_) | Value::Dict(_) | Value::Set(_) | Value::ByteArray(_) | Value::Slice(_) => {
            return Err(type_error(format!("unhashable type: '{}'", type_name(v))))
        }
        // `dict_keys` and `dict_items` are set-like, so unhashable (`dict_values` is not).
        Value::Iter(it)
            if super::gil::with_gil(|gil| {
                matches!(
                    &*it.borrow(gil),
                    super::iter::Iter::View {
                        part: super::iter::DictPart::Keys | super::iter::DictPart::Items,
                        ..
                    }
                )
            }) =>
        {
            return Err(type_error(format!("unhashable type: '{}'", type_name(v))))
        }
        other if super::class::is_user(other) => {
            super::gil::with_gil(|gil| crate::native::hash_instance(gil, other))?
        }
        Value::Object(o) if o.0.hash().is_some() => o.0.hash().unwrap_or(Ok(0))?,
        // A bound method: its `self`'s identity mixed with its function's hash
        // (CPython's `method_hash`), so equal bound methods hash alike.
        Value::Method(m) => identity_hash(&m.this)? ^ hash(&m.func)?,
        Value::BoundNative(b) => identity_hash(&b.0)? ^ ((b.1 as *const _ as usize >> 4) as i64),
        other => (other.heap_ptr().unwrap_or(0) >> 4) as i64,
    })
}

/// Does hashing `v` never hash other values (no recursion to guard)?
fn hashes_flat(v: &Value) -> bool {
    matches!(
        v,
        Value::Int(_)
            | Value::Bool(_)
            | Value::Float(_)
            | Value::None
            | Value::Str(_)
            | Value::Bytes(_)
            | Value::Big(_)
            | Value::Complex(_)
    )
}

/// The hash of `v`'s identity: its address when it has one, else (an int, `None`,
/// ... whose identity is its value) its hash.
fn identity_hash(v: &Value) -> Result<i64, PyErr> {
    match v.heap_ptr() {
        Some(p) => Ok((p >> 4) as i64),
        None => hash(v),
    }
}

/// CPython's tuple hash (xxHash-based), so equal tuples hash alike.
fn tuple_hash(items: &[Value]) -> Result<i64, PyErr> {
    const P1: u64 = 11400714785074694791;
    const P2: u64 = 14029467366897019727;
    const P5: u64 = 2870177450012600261;
    let mut acc = P5;
    for item in items {
        // (Ints and strings inline: `hash` is a large function, and the items of the
        // tuples hashed as keys are mostly these.)
        let lane = match item {
            Value::Int(i) if (-(1i64 << 60)..(1i64 << 60)).contains(i) && *i != -1 => *i,
            Value::Str(s) => s.hash(),
            _ => hash(item)?,
        } as u64;
        acc = acc.wrapping_add(lane.wrapping_mul(P2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(P1);
    }
    acc = acc.wrapping_add((items.len() as u64) ^ (P5 ^ 3527539));
    Ok(if acc as i64 == -1 {
        1546275796
    } else {
        acc as i64
    })
}

impl Dict {
    pub fn new() -> Dict {
        Dict::default()
    }

    /// An empty dict with room for `n` entries (`n` small: an instance's
    /// `__dict__` sized by its class, `PyType::dict_hint`).
    pub fn with_slots(n: usize) -> Dict {
        Dict {
            entries: Vec::with_capacity(n),
            ..Dict::default()
        }
    }

    pub fn len(&self) -> usize {
        self.used
    }

    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    /// Whether a key needing Python was added (see the field).
    pub fn has_py_keys(&self) -> bool {
        self.py_keys
    }

    /// The version of the key layout (see the field).
    pub fn version(&self) -> u64 {
        self.version
    }

    /// Is the table the index (more than [`SMALL`] slots), or are slots scanned?
    #[inline(always)]
    fn indexed(&self) -> bool {
        self.entries.len() > SMALL
    }

    fn find(&self, hash: i64, key: &Value) -> Option<usize> {
        let entries = &self.entries;
        if !self.indexed() {
            return entries.iter().position(|e| {
                e.as_ref()
                    .is_some_and(|e| e.hash == hash && key_eq(&e.key, key))
            });
        }
        self.table
            .find(hash as u64, |&i| {
                entries[i as usize]
                    .as_ref()
                    .is_some_and(|e| e.hash == hash && key_eq(&e.key, key))
            })
            .map(|&i| i as usize)
    }

    /// The lookup of `key` (hashed `hash`), passing over the slots in `skip`, without
    /// calling Python: a candidate only a user `__eq__` can decide is handed back.
    /// Candidates are tried in insertion order, which is CPython's probe order for
    /// keys of one hash, so user `__eq__` methods run in the order they do there.
    pub fn probe(&self, hash: i64, key: &Value, skip: &[u32]) -> Probe {
        let wanted = |&i: &u32| {
            self.entries[i as usize]
                .as_ref()
                .is_some_and(|e| e.hash == hash)
                && !skip.contains(&i)
        };
        let mut candidates: smallvec::SmallVec<[u32; 4]> = if self.indexed() {
            self.table
                .iter_hash(hash as u64)
                .copied()
                .filter(wanted)
                .collect()
        } else {
            (0..self.entries.len() as u32).filter(wanted).collect()
        };
        candidates.sort_unstable();
        for i in candidates {
            let Some(e) = &self.entries[i as usize] else {
                continue;
            };
            match key_eq_native(&e.key, key) {
                Some(true) => return Probe::Found(i as usize),
                Some(false) => {}
                None => {
                    return Probe::Ask {
                        slot: i as usize,
                        other: e.key.clone(),
                    }
                }
            }
        }
        Probe::Missing
    }

    /// See the field.
    pub fn epoch(&self) -> u64 {
        self.epoch
    }

    /// The key in entry slot `i`.
    pub fn key_at(&self, i: usize) -> Option<&Value> {
        self.entries.get(i)?.as_ref().map(|e| &e.key)
    }

    /// Replace the value in entry slot `i` (found by [`Dict::probe`] at this version).
    pub fn set_at(&mut self, i: usize, value: Value) {
        if let Some(Some(e)) = self.entries.get_mut(i) {
            e.value = value;
        }
    }

    pub fn get(&self, key: &Value) -> Result<Option<Value>, PyErr> {
        let h = hash(key)?;
        Ok(self.get_hashed(h, key))
    }

    pub fn get_hashed(&self, hash: i64, key: &Value) -> Option<Value> {
        self.find(hash, key)
            .and_then(|i| self.entries[i].as_ref().map(|e| e.value.clone()))
    }

    /// Lookup by a `str` key (globals, builtins, keyword arguments).
    pub fn get_str(&self, key: &super::str::PyStr) -> Option<Value> {
        self.find_str(key).and_then(|i| self.value_at(i).cloned())
    }

    /// The entry slot of a `str` key, for [`Dict::value_at`] (valid until the version
    /// changes: it holds that key's current value until then).
    pub fn find_str(&self, key: &super::str::PyStr) -> Option<usize> {
        let h = key.hash();
        let entries = &self.entries;
        if !self.indexed() {
            return entries.iter().position(|e| {
                e.as_ref().is_some_and(|e| {
                    matches!(&e.key, Value::Str(s) if std::ptr::eq(&**s, key)
                        || (e.hash == h && s.as_str() == key.as_str()))
                })
            });
        }
        self.table
            .find(h as u64, |&i| {
                entries[i as usize].as_ref().is_some_and(|e| {
                    e.hash == h
                        && matches!(&e.key, Value::Str(s)
                            if std::ptr::eq(&**s, key) || s.as_str() == key.as_str())
                })
            })
            .map(|&i| i as usize)
    }

    /// [`Dict::find_str`], answered without probing when no key with the name's
    /// hash bit was ever added (see [`Dict::hashes_seen`]).
    #[inline]
    pub fn find_str_maybe(&self, key: &super::str::PyStr) -> Option<usize> {
        if self.hashes_seen & seen_bit(key.hash()) == 0 {
            return None;
        }
        self.find_str(key)
    }

    /// [`Dict::find_str`] trying entry slot `*hint` first (the same interned name
    /// there: no hashing, no probing); `*hint` is updated to where the key was found.
    #[inline]
    pub fn find_str_hinted(&self, key: &super::str::PyStr, hint: &mut u32) -> Option<usize> {
        if let Some(Some(e)) = self.entries.get(*hint as usize) {
            if matches!(&e.key, Value::Str(s) if std::ptr::eq(&**s, key)) {
                return Some(*hint as usize);
            }
        }
        let i = self.find_str(key)?;
        *hint = i as u32;
        Some(i)
    }

    /// The value of the `str` key `name` when this is a dict of a few slots, found by
    /// comparing the text of each key (no string to make, nothing to hash: a
    /// native reading an instance's attribute by name): `Some(None)` when absent,
    /// and `None` when the dict is too big for that or holds keys only Python can
    /// compare (look it up the general way then).
    pub fn scan_name(&self, name: &str) -> Option<Option<Value>> {
        if self.entries.len() > 2 * SMALL || self.py_keys {
            return None;
        }
        Some(self.entries.iter().flatten().find_map(|e| match &e.key {
            Value::Str(s) if s.as_str() == name => Some(e.value.clone()),
            _ => None,
        }))
    }

    /// The value in entry slot `i`.
    #[inline]
    pub fn value_at(&self, i: usize) -> Option<&Value> {
        self.entries.get(i)?.as_ref().map(|e| &e.value)
    }

    pub fn contains(&self, key: &Value) -> Result<bool, PyErr> {
        Ok(self.find(hash(key)?, key).is_some())
    }

    pub fn insert(&mut self, key: Value, value: Value) -> Result<(), PyErr> {
        let h = hash(&key)?;
        self.try_insert_hashed(h, key, value)
    }

    /// [`Dict::insert_hashed`], or `MemoryError` when the dict cannot grow.
    pub fn try_insert_hashed(&mut self, hash: i64, key: Value, value: Value) -> Result<(), PyErr> {
        self.room_for_one()?;
        self.insert_hashed(hash, key, value);
        Ok(())
    }

    /// Room for one more key, or `MemoryError` when the dict cannot grow (a dict the
    /// program fills past what its memory holds: CPython's `MemoryError`, not an
    /// abort when the entries or the table double).
    pub fn room_for_one(&mut self) -> Result<(), PyErr> {
        if self.entries.len() == self.entries.capacity() {
            super::memory::grow(&mut self.entries, 1)?;
        }
        // Past `SMALL` the table is needed: room for every live entry when it is
        // about to be rebuilt, else for one more.
        let want = match self.entries.len() {
            n if n < SMALL => return Ok(()),
            SMALL => {
                self.table.clear();
                self.used + 1
            }
            _ => 1,
        };
        if self.table.capacity() - self.table.len() < want {
            let entries = &self.entries;
            self.table
                .try_reserve(want, |&i| {
                    entries[i as usize].as_ref().map_or(0, |e| e.hash as u64)
                })
                .map_err(|_| super::exception::memory_error())?;
        }
        Ok(())
    }

    /// `insert` of a name (`STORE_NAME`, `obj.x = v`): when the key is a `str`
    /// already present (a pointer test for an interned name, see `find_str`), only
    /// its value is replaced; the key is neither cloned nor hashed and compared
    /// generically. Anything else takes `insert`.
    pub fn insert_name(&mut self, key: &Value, value: Value) -> Result<(), PyErr> {
        self.insert_name_hinted(key, value, &mut 0)
    }

    /// [`Dict::insert_name`] through a hint (see [`Dict::find_str_hinted`]).
    pub fn insert_name_hinted(
        &mut self,
        key: &Value,
        value: Value,
        hint: &mut u32,
    ) -> Result<(), PyErr> {
        if let Value::Str(s) = key {
            if let Some(i) = self.find_str_hinted(s, hint) {
                if let Some(e) = self.entries[i].as_mut() {
                    e.value = value;
                    return Ok(());
                }
            }
            // Missing (`find_str` compares by value too; with no key that only
            // Python can compare, no other key can equal it): added without a
            // second lookup. The next instance of the class likely puts it in this
            // slot.
            if !self.py_keys {
                self.room_for_one()?;
                *hint = self.entries.len() as u32;
                self.insert_new(s.hash(), key.clone(), value);
                return Ok(());
            }
        }
        self.insert(key.clone(), value)
    }

    pub fn insert_hashed(&mut self, hash: i64, key: Value, value: Value) {
        if let Some(i) = self.find(hash, &key) {
            self.set_at(i, value);
            return;
        }
        self.insert_new(hash, key, value);
    }

    /// Add a key [`Dict::probe`] found missing at this version.
    pub fn insert_new(&mut self, hash: i64, key: Value, value: Value) {
        self.version = next_version();
        self.hashes_seen |= seen_bit(hash);
        if !self.py_keys && needs_py(&key) {
            self.py_keys = true;
        }
        let idx = self.entries.len() as u32;
        self.entries.push(Some(Entry { hash, key, value }));
        self.used += 1;
        let entries = &self.entries;
        let rehash = |&i: &u32| entries[i as usize].as_ref().map_or(0, |e| e.hash as u64);
        match entries.len() {
            n if n <= SMALL => {}
            // Past `SMALL`: the table starts indexing, every live entry.
            n if n == SMALL + 1 => {
                self.table.clear();
                for (i, e) in entries.iter().enumerate() {
                    if let Some(e) = e {
                        self.table.insert_unique(e.hash as u64, i as u32, rehash);
                    }
                }
            }
            _ => {
                self.table.insert_unique(hash as u64, idx, rehash);
            }
        }
    }

    pub fn remove(&mut self, key: &Value) -> Result<Option<Value>, PyErr> {
        let h = hash(key)?;
        let Some(i) = self.find(h, key) else {
            return Ok(None);
        };
        Ok(self.remove_at(i, h))
    }

    /// Remove the entry in slot `i` (hashed `h`), found by [`Dict::probe`] at this
    /// version.
    pub fn remove_at(&mut self, i: usize, h: i64) -> Option<Value> {
        self.version = next_version();
        if self.indexed() {
            if let Ok(slot) = self.table.find_entry(h as u64, |&j| j as usize == i) {
                slot.remove();
            }
        }
        let old = self.entries[i].take().map(|e| e.value);
        self.used -= 1;
        if self.entries.len() > 16 && self.used * 2 < self.entries.len() {
            self.compact();
        }
        old
    }

    fn compact(&mut self) {
        self.epoch = next_version();
        let live: Vec<Entry> = self.entries.drain(..).flatten().collect();
        self.table.clear();
        self.used = 0;
        // The keys are distinct: placed without comparing (a user `__eq__` must not
        // run because a removal compacted the table).
        for e in live {
            self.insert_new(e.hash, e.key, e.value);
        }
    }

    /// Remove and return the last inserted pair (`popitem`).
    pub fn pop_last(&mut self) -> Option<(Value, Value)> {
        let i = self.entries.iter().rposition(Option::is_some)?;
        let e = self.entries[i].clone()?;
        self.remove_at(i, e.hash);
        if self.entries.len() > i {
            // The holes at the end go (as CPython's `dk_nentries = i`): else each
            // `popitem` of a loop emptying the dict would walk back over all of them.
            // (The epoch stays, as CPython's keys object does: a lookup paused on a
            // user `__eq__` goes on. The next insertion reuses slot `i`, which such a
            // lookup may have ruled out: it then misses that new key, as CPython's
            // lookup does when the dict changes under it.)
            self.entries.truncate(i);
        }
        Some((e.key, e.value))
    }

    pub fn clear(&mut self) {
        *self = Dict {
            version: next_version(),
            epoch: next_version(),
            ..Dict::new()
        };
    }

    pub fn iter(&self) -> impl Iterator<Item = (&Value, &Value)> {
        self.entries.iter().flatten().map(|e| (&e.key, &e.value))
    }

    pub fn keys(&self) -> impl Iterator<Item = &Value> {
        self.entries.iter().flatten().map(|e| &e.key)
    }

    /// Entry slot `i` for iterators, which walk slots by position; `None` for a hole.
    pub fn slot(&self, i: usize) -> Option<Option<&Entry>> {
        self.entries.get(i).map(Option::as_ref)
    }

    pub fn slots(&self) -> usize {
        self.entries.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::objects::str::{intern, PyStr};

    /// `find_str_maybe` (the filter of key hashes) never misses a key that is there:
    /// after insertions, removals, the compaction removals trigger, and `clear`.
    #[test]
    fn hash_filter_never_hides_a_key() {
        crate::objects::gil::with_gil(|_| {
            let mut d = Dict::new();
            let names: Vec<Value> = (0..200).map(|i| intern(&format!("attr_{i}"))).collect();
            let s = |v: &Value| match v {
                Value::Str(s) => s.clone(),
                _ => unreachable!(),
            };
            for (i, n) in names.iter().enumerate() {
                d.insert_name(n, Value::Int(i as i64)).unwrap();
            }
            for n in &names {
                assert!(d.find_str_maybe(&s(n)).is_some());
            }
            // Removing most keys compacts the entries; the rest stay findable.
            for n in names
                .iter()
                .step_by(3)
                .chain(names.iter().skip(1).step_by(3))
            {
                d.remove(n).unwrap();
            }
            for (i, n) in names.iter().enumerate() {
                assert_eq!(d.find_str_maybe(&s(n)).is_some(), i % 3 == 2, "{i}");
            }
            // An empty dict answers at once, and keys added after `clear` are found.
            d.clear();
            assert_eq!(d.hashes_seen, 0);
            assert!(d.find_str_maybe(&PyStr::new("attr_5".into())).is_none());
            d.insert_name(&names[7], Value::None).unwrap();
            assert!(d.find_str_maybe(&s(&names[7])).is_some());
        });
    }
}
