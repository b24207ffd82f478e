//! Built-in iterators (`list_iterator`, `range_iterator`, `enumerate`, `zip`, `map`, ...)
//! and dict views. Stepping one that calls Python (`map`, `filter`) is done by the VM.

use super::exception::{runtime_error, PyErr};
use super::gil::Gil;
use super::value::Value;

/// What a dict iterator or view yields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DictPart {
    Keys,
    Values,
    Items,
}

pub enum Iter {
    /// Over a list, tuple, str, bytes or bytearray by index.
    Seq {
        seq: Value,
        idx: usize,
    },
    /// A str iterator by byte offset (O(1) per step for any text).
    Chars {
        s: Value,
        byte: usize,
    },
    /// CPython's `range_iterator`: every item and the one past the end fit an `i64`
    /// (`Range::iter` decides). Stepped inline by `FOR_ITER` (`next_fast`).
    Range {
        next: i64,
        step: i64,
        left: u64,
        /// The first item (for `__reduce__`/`__setstate__`: the position is
        /// `(next - start) / step`).
        start: i64,
    },
    /// CPython's `longrange_iterator`, for the other ranges (bounds beyond an `i64`).
    LongRange(Box<LongRangeIter>),
    /// Over a dict (or a set's table) by slot; `size` detects a change during iteration.
    Dict {
        dict: Value,
        slot: usize,
        part: DictPart,
        size: usize,
    },
    Reversed {
        seq: Value,
        idx: usize,
    },
    Enumerate {
        inner: Value,
        count: i64,
    },
    Zip {
        inners: Vec<Value>,
        /// `zip(..., strict=True)`: unequal lengths raise `ValueError`.
        strict: bool,
    },
    Map {
        func: Value,
        inners: Vec<Value>,
    },
    Filter {
        func: Value,
        inner: Value,
    },
    /// A `map`, `filter`, `zip` or `enumerate` (`kind`) over an iterable that may
    /// suspend the micro-thread: stepped by the generator of its deferral-aware
    /// Python half (`_deferrable._map`), which `FOR_ITER` resumes as a frame.
    Soft {
        kind: &'static str,
        gen: Value,
    },
    /// The lines of a file opened for reading.
    Lines {
        file: Value,
    },
    /// `d.keys()`, `d.values()`, `d.items()`: views, not iterators.
    View {
        dict: Value,
        part: DictPart,
    },
    /// An iterator a module defines (`itertools`), stepped through its trait.
    Native(Box<dyn NativeIter>),
    /// Ended: only its type's name is kept (an exhausted `list_iterator` is still one).
    Exhausted(&'static str),
}

/// The state of a `longrange_iterator` (stepped by `LongRangeIter::advance`).
pub struct LongRangeIter {
    /// The first item (for `__reduce__`/`__setstate__`).
    pub start: num_bigint::BigInt,
    /// The next item (valid while `left > 0`).
    pub next: num_bigint::BigInt,
    pub step: num_bigint::BigInt,
    /// Items still to come.
    pub left: num_bigint::BigInt,
}

/// An iterator type a built-in module defines. The VM steps it with the cell's
/// borrow released (its state is taken out meanwhile), so `next` may call Python.
pub trait NativeIter: Send {
    /// CPython's `tp_name` (`itertools.count`).
    fn type_name(&self) -> &'static str;
    /// One step: `None` when exhausted.
    fn next(
        &mut self,
        cx: &mut crate::native::Cx<'_, '_>,
    ) -> crate::native::PyResult<Option<Value>>;
    /// A repr other than `<itertools.chain object at 0x...>` (`count(5)`).
    fn repr(&self, gil: Gil<'_>) -> Result<Option<String>, PyErr> {
        let _ = gil;
        Ok(None)
    }
    /// The type `type()` gives for it when it is a module's own type
    /// (`itertools.count`); `None`: a type named after [`Self::type_name`].
    fn py_type(&self) -> Option<crate::objects::rc::Arc<crate::objects::types::PyType>> {
        None
    }
    /// Visit the values it holds, once per handle it owns (never more: the safety
    /// rule in `objects/gc.rs`), for the cycle collector.
    fn gc_traverse(&self, visit: &mut dyn FnMut(&Value)) {
        let _ = visit;
    }
    /// `__reduce__`: how pickle rebuilds it (`None`: it cannot be pickled).
    fn reduce(&self, gil: Gil<'_>) -> Option<Result<Value, PyErr>> {
        let _ = gil;
        None
    }
    /// `__setstate__(state)` (`None`: it has no such method).
    fn setstate(&mut self, gil: Gil<'_>, state: &Value) -> Option<Result<(), PyErr>> {
        let _ = (gil, state);
        None
    }
    /// `__copy__`, for an iterator that has one (`itertools._tee`): an independent
    /// iterator at the same position (`None`: it has no such method).
    fn copy(&self, gil: Gil<'_>) -> Option<Box<dyn NativeIter>> {
        let _ = gil;
        None
    }
    /// `__length_hint__`, when it knows how many items are to come.
    fn length_hint(&self, gil: Gil<'_>) -> Option<usize> {
        let _ = gil;
        None
    }
    /// For the module that defines it to recognise its own iterators
    /// (`itertools._grouper(parent, key)` takes a `groupby`).
    fn as_any(&self) -> Option<&dyn std::any::Any> {
        None
    }
}

impl Iter {
    pub fn type_name(&self) -> &'static str {
        match self {
            Iter::Seq { seq, .. } => match seq {
                Value::Tuple(_) => "tuple_iterator",
                Value::Bytes(_) => "bytes_iterator",
                Value::ByteArray(_) => "bytearray_iterator",
                _ => "list_iterator",
            },
            Iter::Chars {
                s: Value::Str(s), ..
            } if !s.as_str().is_ascii() => "str_iterator",
            Iter::Chars { .. } => "str_ascii_iterator",
            Iter::Range { .. } => "range_iterator",
            Iter::LongRange(_) => "longrange_iterator",
            Iter::Dict { part, dict, .. } => match (part, dict) {
                (_, Value::Set(_) | Value::FrozenSet(_)) => "set_iterator",
                (DictPart::Keys, _) => "dict_keyiterator",
                (DictPart::Values, _) => "dict_valueiterator",
                (DictPart::Items, _) => "dict_itemiterator",
            },
            // (Only `list` has a `__reversed__` of its own; any other sequence gets
            // the `reversed` object.)
            Iter::Reversed {
                seq: Value::List(_),
                ..
            } => "list_reverseiterator",
            Iter::Reversed { .. } => "reversed",
            Iter::Enumerate { .. } => "enumerate",
            Iter::Lines { .. } => "TextIOWrapper",
            Iter::Zip { .. } => "zip",
            Iter::Map { .. } => "map",
            Iter::Filter { .. } => "filter",
            Iter::Soft { kind, .. } => kind,
            Iter::View { part, .. } => match part {
                DictPart::Keys => "dict_keys",
                DictPart::Values => "dict_values",
                DictPart::Items => "dict_items",
            },
            Iter::Native(n) => n.type_name(),
            Iter::Exhausted(name) => name,
        }
    }

    /// `__length_hint__`: how many items are still to come, when this kind of
    /// iterator knows (CPython's list, tuple, bytes, str, range and reversed
    /// iterators); `None` otherwise.
    pub fn length_hint(&self, gil: Gil<'_>) -> Option<Value> {
        let seq_len = |v: &Value| -> Option<usize> {
            Some(match v {
                Value::List(l) => l.borrow(gil).len(),
                Value::Tuple(t) => t.len(),
                Value::Bytes(b) => b.len(),
                Value::ByteArray(b) => b.borrow(gil).len(),
                Value::Str(s) => s.char_len(),
                _ => return None,
            })
        };
        let n = match self {
            Iter::Seq { seq, idx } => seq_len(seq)?.saturating_sub(*idx),
            Iter::Chars {
                s: Value::Str(s),
                byte,
            } => s.as_str().get(*byte..).map_or(0, |t| t.chars().count()),
            Iter::Range { left, .. } => return Some(super::int::normalize((*left).into())),
            Iter::LongRange(r) => return Some(super::int::normalize(r.left.clone())),
            Iter::Reversed { seq, idx } => (*idx).min(seq_len(seq)?),
            Iter::Exhausted(_) => 0,
            Iter::Native(n) => n.length_hint(gil)?,
            _ => return None,
        };
        Some(Value::Int(n as i64))
    }

    pub fn is_view(&self) -> bool {
        matches!(self, Iter::View { .. })
    }

    /// For a dict view: its name and items (for `repr`).
    pub fn view_items(&self, gil: Gil<'_>) -> Option<(&'static str, Vec<Value>)> {
        match self {
            Iter::View {
                dict: Value::Dict(d),
                part,
            } => {
                let d = d.borrow(gil);
                let items = d.iter().map(|(k, v)| pick(*part, k, v)).collect();
                Some((self.type_name(), items))
            }
            _ => None,
        }
    }

    /// [`Iter::next_simple`] with the `range` step inlined into the caller (the loop's
    /// `FOR_ITER`): `for i in range(n)` is the commonest loop.
    #[inline(always)]
    pub fn next_fast(&mut self, gil: Gil<'_>) -> Option<Result<Option<Value>, PyErr>> {
        if let Iter::Range {
            next, step, left, ..
        } = self
        {
            if *left == 0 {
                return self.next_simple(gil);
            }
            let v = *next;
            *left -= 1;
            *next = next.wrapping_add(*step);
            return Some(Ok(Some(Value::Int(v))));
        }
        self.next_simple(gil)
    }

    /// One step of an iterator that never calls Python. `None` means the VM must step it
    /// (it calls a function or holds other iterators).
    pub fn next_simple(&mut self, gil: Gil<'_>) -> Option<Result<Option<Value>, PyErr>> {
        let out = match self {
            Iter::Seq { seq, idx } => {
                let v = seq_item(gil, seq, *idx);
                *idx += 1;
                v
            }
            Iter::Chars {
                s: Value::Str(s),
                byte,
            } => {
                let rest = &s.as_str()[*byte..];
                rest.chars().next().map(|c| {
                    *byte += c.len_utf8();
                    Value::string(c.to_string())
                })
            }
            Iter::Range {
                next, step, left, ..
            } => {
                if *left > 0 {
                    let v = *next;
                    *left -= 1;
                    *next = next.wrapping_add(*step);
                    Some(Value::Int(v))
                } else {
                    None
                }
            }
            Iter::LongRange(it) => it.advance(),
            Iter::Dict {
                dict,
                slot,
                part,
                size,
            } => return Some(dict_step(gil, dict, slot, *part, *size)),
            Iter::Reversed { seq, idx } => {
                if *idx == 0 {
                    None
                } else {
                    *idx -= 1;
                    seq_item(gil, seq, *idx)
                }
            }
            Iter::Lines {
                file: Value::File(f),
            } => match f.borrow_mut(gil).read_line() {
                Ok(line) => line,
                Err(e) => return Some(Err(e)),
            },
            Iter::Exhausted(_) | Iter::Chars { .. } | Iter::View { .. } | Iter::Lines { .. } => {
                None
            }
            _ => return None,
        };
        // A range iterator keeps its range when it ends (its `__reduce__` still
        // names it, as CPython's).
        if out.is_none() && !matches!(self, Iter::Range { .. } | Iter::LongRange(_)) {
            *self = Iter::Exhausted(self.type_name());
        }
        Some(Ok(out))
    }
}

fn pick(part: DictPart, k: &Value, v: &Value) -> Value {
    match part {
        DictPart::Keys => k.clone(),
        DictPart::Values => v.clone(),
        DictPart::Items => Value::tuple(vec![k.clone(), v.clone()]),
    }
}

fn seq_item(gil: Gil<'_>, seq: &Value, idx: usize) -> Option<Value> {
    match seq {
        Value::List(l) => l.borrow(gil).get(idx).cloned(),
        Value::Tuple(t) => t.get(idx).cloned(),
        Value::Bytes(b) => b.get(idx).map(|c| Value::Int(*c as i64)),
        Value::ByteArray(b) => b.borrow(gil).get(idx).map(|c| Value::Int(*c as i64)),
        Value::Str(s) => s.char_at(idx).map(|c| Value::string(c.to_string())),
        _ => None,
    }
}

fn dict_step(
    gil: Gil<'_>,
    dict: &Value,
    slot: &mut usize,
    part: DictPart,
    size: usize,
) -> Result<Option<Value>, PyErr> {
    let mut step = |d: &super::dict::Dict, what: &str| -> Result<Option<Value>, PyErr> {
        if d.len() != size {
            return Err(runtime_error(format!(
                "{what} changed size during iteration"
            )));
        }
        while let Some(e) = d.slot(*slot) {
            *slot += 1;
            if let Some(e) = e {
                return Ok(Some(pick(part, &e.key, &e.value)));
            }
        }
        Ok(None)
    };
    let set_step = |s: &super::set::Set, slot: &mut usize| -> Result<Option<Value>, PyErr> {
        if s.len() != size {
            return Err(runtime_error("Set changed size during iteration"));
        }
        while let Some(k) = s.slot(*slot) {
            *slot += 1;
            if let Some(k) = k {
                return Ok(Some(k.clone()));
            }
        }
        Ok(None)
    };
    match dict {
        Value::Dict(d) => step(&d.borrow(gil), "dictionary"),
        Value::Set(s) => set_step(&s.borrow(gil), slot),
        Value::FrozenSet(s) => set_step(s, slot),
        _ => Ok(None),
    }
}
