//! Dict lookups whose keys need Python: a user `__hash__`, or a user `__eq__` when a
//! stored key has the same hash. The lookup is a small state machine ([`Lookup`])
//! that hands each Python call to its driver and never holds the dict borrowed while
//! one runs, so `__eq__` may read or change the dict (CPython restarts a lookup whose
//! dict changed meanwhile; so do we).
//!
//! Two drivers:
//! - the loop's (`d[k]`, `d[k] = v`, `del d[k]`, `k in d`, dict displays and
//!   comprehensions, and calls of `d.get`/`d.setdefault`/`d.pop`, see [`method`]):
//!   each call is a frame with a [`Ret::Probe`] follow-up, so a `__eq__` or `__hash__`
//!   that blocks defers the micro-thread like any other Python code (DESIGN §4);
//! - [`find`], for natives (`dict.update`, `dict(...)`, `{**d}`, a native calling
//!   `dict.get`): the calls run on a scratch micro-thread (`vm::detached`) and cannot
//!   defer.
//!
//! Either way an exception the user method raises comes out of the lookup, as in
//! CPython.

use crate::objects::rc::Arc;

use smallvec::SmallVec;

use super::call::{call_then, Called};
use super::dunder::{self, HashBy};
use super::frame::Ret;
use super::state::MicroThread;
use crate::native::{Args, PyResult};
use crate::objects::class::is_user;
use crate::objects::compare::CmpOp;
use crate::objects::dict::{Dict, Probe};
use crate::objects::exception::{key_error, PyErr};
use crate::objects::gil::{Gil, GilCell};
use crate::objects::value::Value;

/// What the loop does with the key once it is found or known missing.
pub enum Action {
    /// `d[k]`: the value, or `KeyError`.
    Get,
    /// `d[k] = v`.
    Set(Value),
    /// `del d[k]`: `KeyError` if missing.
    Del,
    /// `k in d` (`true`: `not in`).
    Contains(bool),
    /// `d.get(k, default)`.
    GetOr(Value),
    /// `d.setdefault(k, default)`.
    SetDefault(Value),
    /// `d.pop(k[, default])`.
    Pop(Option<Value>),
    /// One pair of a dict display (`BUILD_MAP`): store `.0`, then the pairs left
    /// (keys and values alternating); the dict is the result.
    Build(Value, std::vec::IntoIter<Value>),
}

/// What carrying out an action leaves.
enum Applied {
    Done(Called),
    /// Another lookup to make (the next pair of a display), with its `__hash__`.
    Next(Lookup, Option<Value>),
}

/// A lookup in progress.
pub struct Lookup {
    dict: Arc<GilCell<Dict>>,
    key: Value,
    hash: i64,
    /// Slots already ruled out (see [`Probe::Ask`]).
    skip: SmallVec<[u32; 2]>,
    /// The candidate being compared: its slot and key, and the dict's epoch when it
    /// was handed out.
    slot: usize,
    other: Value,
    epoch: u64,
    /// The pending Python call is `__hash__` (else `__eq__`).
    hashing: bool,
    action: Action,
}

/// What a lookup needs next.
enum Step {
    /// Done: the key's slot, or `None` if it is missing.
    Found(Option<usize>),
    /// `stored == key` for this stored key, by a user `__eq__`.
    Eq(Value),
}

impl Lookup {
    /// A lookup of `key` in `dict`, with the `__hash__` to call first if the key has
    /// one written in Python.
    fn new(
        gil: Gil<'_>,
        dict: Arc<GilCell<Dict>>,
        key: Value,
        action: Action,
    ) -> Result<(Lookup, Option<Value>), PyErr> {
        let (hash, call) = if is_user(&key) {
            match dunder::hash_by(gil, &key)? {
                HashBy::Known(h) => (h, None),
                HashBy::Call(f) => (0, Some(f)),
            }
        } else {
            (crate::objects::dict::hash(&key)?, None)
        };
        let lookup = Lookup {
            dict,
            key,
            hash,
            skip: SmallVec::new(),
            slot: 0,
            other: Value::None,
            epoch: 0,
            hashing: call.is_some(),
            action,
        };
        Ok((lookup, call))
    }

    /// `__hash__` returned `r`.
    fn hashed(&mut self, r: &Value) -> Result<(), PyErr> {
        self.hash = dunder::hash_result(r)?;
        self.hashing = false;
        Ok(())
    }

    /// Probe on until the lookup ends or needs a user `__eq__`.
    fn run(&mut self, gil: Gil<'_>) -> Result<Step, PyErr> {
        loop {
            let d = self.dict.borrow(gil);
            let (slot, other) = match d.probe(self.hash, &self.key, &self.skip) {
                Probe::Found(i) => return Ok(Step::Found(Some(i))),
                Probe::Missing => return Ok(Step::Found(None)),
                Probe::Ask { slot, other } => (slot, other),
            };
            self.slot = slot;
            self.other = other.clone();
            self.epoch = d.epoch();
            drop(d);
            if is_user(&other) || is_user(&self.key) {
                return Ok(Step::Eq(other));
            }
            // Tuples holding instances: compared item by item, detached.
            let eq = crate::objects::compare::eq(gil, &other, &self.key)?;
            if let Some(found) = self.compared(gil, eq) {
                return Ok(Step::Found(Some(found)));
            }
        }
    }

    /// The candidate compared `eq`: its slot if that ends the lookup. Otherwise the
    /// lookup goes on past it, or starts again if the dict's slots changed meanwhile
    /// (CPython's check: the same keys table, the same key in the entry).
    fn compared(&mut self, gil: Gil<'_>, eq: bool) -> Option<usize> {
        let d = self.dict.borrow(gil);
        let same =
            d.epoch() == self.epoch && d.key_at(self.slot).is_some_and(|k| k.is(&self.other));
        self.other = Value::None;
        if !same {
            self.skip.clear();
            return None;
        }
        if eq {
            return Some(self.slot);
        }
        self.skip.push(self.slot as u32);
        None
    }

    /// Carry out the loop's action on the key's slot.
    fn apply(self, gil: Gil<'_>, slot: Option<usize>) -> Result<Applied, PyErr> {
        let Lookup {
            dict,
            key,
            hash,
            action,
            ..
        } = self;
        let value = |i: usize| dict.borrow(gil).value_at(i).cloned().unwrap_or(Value::None);
        let store = |v: Value| match slot {
            Some(i) => dict.borrow_mut(gil).set_at(i, v),
            None => dict.borrow_mut(gil).insert_new(hash, key.clone(), v),
        };
        let done = match (action, slot) {
            (Action::Get | Action::GetOr(_) | Action::SetDefault(_), Some(i)) => {
                Called::Value(value(i))
            }
            (Action::Get | Action::Del | Action::Pop(None), None) => return Err(key_error(key)),
            (Action::Set(v), _) => {
                store(v);
                Called::Nothing
            }
            (Action::Del, Some(i)) => {
                dict.borrow_mut(gil).remove_at(i, hash);
                Called::Nothing
            }
            (Action::Contains(negate), slot) => {
                Called::Value(Value::bool(slot.is_some() != negate))
            }
            (Action::GetOr(default) | Action::Pop(Some(default)), None) => Called::Value(default),
            (Action::SetDefault(v), None) => {
                store(v.clone());
                Called::Value(v)
            }
            (Action::Pop(_), Some(i)) => Called::Value(
                dict.borrow_mut(gil)
                    .remove_at(i, hash)
                    .unwrap_or(Value::None),
            ),
            (Action::Build(v, mut rest), _) => {
                store(v);
                return Ok(match (rest.next(), rest.next()) {
                    (Some(k), Some(v)) => {
                        let (next, call) = Lookup::new(gil, dict, k, Action::Build(v, rest))?;
                        Applied::Next(next, call)
                    }
                    _ => Applied::Done(Called::Value(Value::Dict(dict))),
                });
            }
        };
        Ok(Applied::Done(done))
    }
}

/// Whether the loop must take [`start`] for `key` in `dict` rather than a native
/// lookup: the key is an instance of a Python class, or a tuple holding one, or a
/// stored key with its hash is.
pub fn needed(gil: Gil<'_>, dict: &GilCell<Dict>, key: &Value) -> bool {
    crate::objects::dict::needs_py(key) || dict.borrow(gil).has_py_keys()
}

/// A call of `dict.get`, `dict.setdefault` or `dict.pop` (native `n` with `args`)
/// whose key needs Python, made as the loop's lookup so that it may defer; `None`
/// for any other call (and for bad arguments, which the native reports).
pub fn method(
    gil: Gil<'_>,
    th: &mut MicroThread,
    n: &'static crate::objects::function::NativeDef,
    args: &Args,
) -> Option<PyResult<Called>> {
    // Every native call passes here: the pointer test turns the others away first.
    if !crate::objects::methods::is_dict_lookup(n) || !args.kw.is_empty() {
        return None;
    }
    let (Some(Value::Dict(d)), Some(key)) = (args.pos.first(), args.pos.get(1)) else {
        return None;
    };
    if args.pos.len() > 3 || !needed(gil, d, key) {
        return None;
    }
    if n.name == "pop" && d.borrow(gil).is_empty() {
        return None; // the native's fast path: no hashing (as CPython)
    }
    let extra = args.pos.get(2).cloned();
    let action = match n.name {
        "get" => Action::GetOr(extra.unwrap_or(Value::None)),
        "setdefault" => Action::SetDefault(extra.unwrap_or(Value::None)),
        _ => Action::Pop(extra),
    };
    Some(start(gil, th, d.clone(), key.clone(), action))
}

/// The loop's lookup of `key` in `dict`, then `action`: the value to push, nothing
/// (a store, a delete), or a frame of `__hash__`/`__eq__` to run first.
pub fn start(
    gil: Gil<'_>,
    th: &mut MicroThread,
    dict: Arc<GilCell<Dict>>,
    key: Value,
    action: Action,
) -> PyResult<Called> {
    let (lookup, call) = Lookup::new(gil, dict, key, action)?;
    begin(gil, th, lookup, call)
}

/// A dict display (`BUILD_MAP`) whose keys need Python: `items` are its keys and
/// values alternating; the result is the dict.
pub fn build(gil: Gil<'_>, th: &mut MicroThread, items: Vec<Value>) -> PyResult<Called> {
    let dict = Arc::new(GilCell::new(Dict::new()));
    let mut rest = items.into_iter();
    match (rest.next(), rest.next()) {
        (Some(k), Some(v)) => start(gil, th, dict, k, Action::Build(v, rest)),
        _ => Ok(Called::Value(Value::Dict(dict))),
    }
}

/// Make `lookup`, calling the key's `__hash__` first if it has one in Python.
fn begin(
    gil: Gil<'_>,
    th: &mut MicroThread,
    lookup: Lookup,
    call: Option<Value>,
) -> PyResult<Called> {
    match call {
        Some(f) => {
            let args = Args::new(vec![lookup.key.clone()]);
            call_then(gil, th, &f, args, Ret::Probe(Box::new(lookup)))
        }
        None => drive(gil, th, lookup),
    }
}

/// The action is carried out: done, or the next lookup begins.
fn applied(gil: Gil<'_>, th: &mut MicroThread, a: Applied) -> PyResult<Called> {
    match a {
        Applied::Done(c) => Ok(c),
        Applied::Next(lookup, call) => begin(gil, th, lookup, call),
    }
}

/// Run `lookup` on until it needs a frame or ends.
fn drive(gil: Gil<'_>, th: &mut MicroThread, mut lookup: Lookup) -> PyResult<Called> {
    loop {
        let other = match lookup.run(gil)? {
            Step::Found(slot) => {
                let a = lookup.apply(gil, slot)?;
                return applied(gil, th, a);
            }
            Step::Eq(other) => other,
        };
        let key = lookup.key.clone();
        match dunder::compare(gil, th, CmpOp::Eq, other, key, None)? {
            Called::Frame => {
                let top = th.frames.last_mut().expect("the frame compare pushed");
                let inner = std::mem::replace(&mut top.ret, Ret::Push);
                top.ret = Ret::chain(inner, Ret::Probe(Box::new(lookup)));
                return Ok(Called::Frame);
            }
            Called::Value(r) => {
                let eq = dunder::truthy(gil, &r)?;
                if let Some(slot) = lookup.compared(gil, eq) {
                    let a = lookup.apply(gil, Some(slot))?;
                    return applied(gil, th, a);
                }
            }
            Called::Nothing => unreachable!("a comparison without a branch has a value"),
        }
    }
}

/// The `__hash__` or `__eq__` frame of `lookup` returned `r`.
pub fn returned(
    gil: Gil<'_>,
    th: &mut MicroThread,
    mut lookup: Lookup,
    r: Value,
) -> PyResult<Called> {
    if lookup.hashing {
        lookup.hashed(&r)?;
    } else {
        let eq = dunder::truthy(gil, &r)?;
        if let Some(slot) = lookup.compared(gil, eq) {
            let a = lookup.apply(gil, Some(slot))?;
            return applied(gil, th, a);
        }
    }
    drive(gil, th, lookup)
}

/// Where `key` is in `dict`, for natives: its hash and its slot (valid until the
/// dict next changes), calling a user `__hash__`/`__eq__` detached.
pub fn find(
    gil: Gil<'_>,
    dict: &Arc<GilCell<Dict>>,
    key: &Value,
) -> Result<(i64, Option<usize>), PyErr> {
    let (mut lookup, call) = Lookup::new(gil, dict.clone(), key.clone(), Action::Get)?;
    if let Some(f) = call {
        let r = super::detached::call(gil, "hash", &f, vec![key.clone()])?;
        lookup.hashed(&r)?;
    }
    loop {
        let other = match lookup.run(gil)? {
            Step::Found(slot) => return Ok((lookup.hash, slot)),
            Step::Eq(other) => other,
        };
        let eq = dunder::compare_detached(gil, CmpOp::Eq, &other, key)?;
        if let Some(slot) = lookup.compared(gil, eq) {
            return Ok((lookup.hash, Some(slot)));
        }
    }
}

/// `dict.get(key)` for natives (see [`find`]).
pub fn get(gil: Gil<'_>, dict: &Arc<GilCell<Dict>>, key: &Value) -> Result<Option<Value>, PyErr> {
    if !needed(gil, dict, key) {
        return dict.borrow(gil).get(key);
    }
    let (_, slot) = find(gil, dict, key)?;
    Ok(slot.and_then(|i| dict.borrow(gil).value_at(i).cloned()))
}

/// `key in dict` for natives (see [`find`]).
pub fn contains(gil: Gil<'_>, dict: &Arc<GilCell<Dict>>, key: &Value) -> Result<bool, PyErr> {
    if !needed(gil, dict, key) {
        return dict.borrow(gil).contains(key);
    }
    Ok(find(gil, dict, key)?.1.is_some())
}

/// `dict[key] = value` for natives (see [`find`]).
pub fn set(gil: Gil<'_>, dict: &Arc<GilCell<Dict>>, key: Value, value: Value) -> Result<(), PyErr> {
    if !needed(gil, dict, &key) {
        let hash = crate::objects::dict::hash(&key)?;
        return dict.borrow_mut(gil).try_insert_hashed(hash, key, value);
    }
    match find(gil, dict, &key)? {
        (_, Some(i)) => dict.borrow_mut(gil).set_at(i, value),
        (hash, None) => {
            let mut d = dict.borrow_mut(gil);
            d.room_for_one()?;
            d.insert_new(hash, key, value)
        }
    }
    Ok(())
}

/// `dict.pop(key)` for natives (see [`find`]): the value, or `None` if missing.
pub fn remove(
    gil: Gil<'_>,
    dict: &Arc<GilCell<Dict>>,
    key: &Value,
) -> Result<Option<Value>, PyErr> {
    if !needed(gil, dict, key) {
        return dict.borrow_mut(gil).remove(key);
    }
    match find(gil, dict, key)? {
        (hash, Some(i)) => Ok(dict.borrow_mut(gil).remove_at(i, hash)),
        (_, None) => Ok(None),
    }
}
