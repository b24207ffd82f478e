//! `set` and `frozenset` storage: a [`Dict`] whose values are unused.

use super::dict::{hash, Dict};
use super::exception::PyErr;
use super::value::Value;

#[derive(Clone, Default)]
pub struct Set(Dict);

impl Set {
    pub fn new() -> Set {
        Set::default()
    }

    pub fn from_values(items: impl IntoIterator<Item = Value>) -> Result<Set, PyErr> {
        let mut s = Set::new();
        for v in items {
            s.insert(v)?;
        }
        Ok(s)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn insert(&mut self, v: Value) -> Result<(), PyErr> {
        let h = hash(&v)?;
        self.0.insert_hashed(h, v, Value::None);
        Ok(())
    }

    pub fn contains(&self, v: &Value) -> Result<bool, PyErr> {
        self.0.contains(v)
    }

    pub fn remove(&mut self, v: &Value) -> Result<bool, PyErr> {
        Ok(self.0.remove(v)?.is_some())
    }

    pub fn pop(&mut self) -> Option<Value> {
        self.0.pop_last().map(|(k, _)| k)
    }

    pub fn clear(&mut self) {
        self.0.clear()
    }

    pub fn keys(&self) -> impl Iterator<Item = &Value> {
        self.0.keys()
    }

    /// The underlying table (for iterators walking slots).
    pub fn dict(&self) -> &Dict {
        &self.0
    }

    pub fn is_subset(&self, other: &Set) -> Result<bool, PyErr> {
        for k in self.keys() {
            if !other.contains(k)? {
                return Ok(false);
            }
        }
        Ok(true)
    }
}
