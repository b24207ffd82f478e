//! The `match` statement's opcodes (CPython 3.11's `MATCH_CLASS`, `MATCH_KEYS`,
//! `MATCH_SEQUENCE`, `MATCH_MAPPING`, `GET_LEN`, and 3.10's
//! `COPY_DICT_WITHOUT_KEYS`): what the pattern compiler (`compile::patterns`) cannot
//! say with ordinary instructions.
//!
//! Attribute reads and `.get` calls may run Python (properties, `__getattr__`, a dict
//! subclass's `get`): they go through [`Cx`] (a bounded re-entry).

use deferred::Unwind;

use crate::native::{Cx, PyResult};
use crate::objects::exception::{type_error, value_error};
use crate::objects::gil::Gil;
use crate::objects::types::{type_name, types, PyType, COLLECTION_MAPPING, COLLECTION_SEQUENCE};
use crate::objects::value::Value;

/// Is `t` `collections.deque` or a subclass (a Python class in pyvm, a sequence for
/// matching as in CPython)?
fn is_deque(t: &PyType) -> bool {
    let deque = |t: &PyType| t.name == "deque" && &*t.module == "collections";
    deque(t) || t.mro.iter().any(|b| deque(b))
}

/// `MATCH_SEQUENCE`: list, tuple, range, `collections.deque` and their subclasses
/// (CPython's `Py_TPFLAGS_SEQUENCE`); never str, bytes or bytearray.
pub fn is_sequence(v: &Value) -> bool {
    match v {
        Value::List(_) | Value::Tuple(_) | Value::Range(_) => true,
        Value::Str(_) | Value::Bytes(_) | Value::ByteArray(_) | Value::Dict(_) => false,
        _ => {
            let t = crate::objects::class::class_of(v);
            match t.collection.load(std::sync::atomic::Ordering::Relaxed) {
                COLLECTION_SEQUENCE => true,
                0 => is_deque(&t),
                _ => false,
            }
        }
    }
}

/// `MATCH_MAPPING`: dict and its subclasses, and the classes flagged as mappings
/// (CPython's `Py_TPFLAGS_MAPPING`: `collections.abc.Mapping`'s subclasses and
/// registered classes).
pub fn is_mapping(v: &Value) -> bool {
    match v {
        Value::Dict(_) => true,
        Value::List(_) | Value::Tuple(_) | Value::Str(_) => false,
        _ => {
            crate::objects::class::class_of(v)
                .collection
                .load(std::sync::atomic::Ordering::Relaxed)
                == COLLECTION_MAPPING
        }
    }
}

/// `GET_LEN`: `len(v)` of a subject that passed `MATCH_SEQUENCE` or `MATCH_MAPPING`.
pub fn len(gil: Gil<'_>, v: &Value) -> Result<i64, crate::objects::exception::PyErr> {
    Ok(match v {
        Value::List(l) => l.borrow(gil).len() as i64,
        Value::Tuple(t) => t.len() as i64,
        Value::Dict(d) => d.borrow(gil).len() as i64,
        Value::Range(r) => r.len_ssize()? as i64,
        // A module's object (`array.array`, `collections.deque`'s native kin).
        Value::Object(o) if o.0.len(gil).is_some() => o.0.len(gil).unwrap_or(0) as i64,
        _ => super::dunder::len(gil, v)?,
    })
}

/// The built-in types whose class pattern takes one positional sub-pattern matching
/// the whole subject (CPython's `_Py_TPFLAGS_MATCH_SELF`), inherited by subclasses.
fn matches_self(t: &PyType) -> bool {
    let ts = types();
    [
        &ts.bool_,
        &ts.bytearray,
        &ts.bytes,
        &ts.dict,
        &ts.float,
        &ts.frozenset,
        &ts.int,
        &ts.list,
        &ts.set,
        &ts.str,
        &ts.tuple,
    ]
    .iter()
    .any(|b| t.is_subtype(b))
}

/// `getattr(subject, name)` for a class pattern: `None` when there is no such
/// attribute (the match fails); `seen` catches a repeated attribute.
fn class_attr(
    cx: &mut Cx<'_, '_>,
    subject: &Value,
    t: &PyType,
    name: &str,
    seen: &mut Vec<String>,
) -> PyResult<Option<Value>> {
    if seen.iter().any(|s| s == name) {
        return Err(type_error(format!(
            "{}() got multiple sub-patterns for attribute '{name}'",
            t.name
        ))
        .into());
    }
    seen.push(name.to_owned());
    match cx.load_attr(subject, name) {
        Ok(v) => Ok(Some(v)),
        Err(Unwind::Raise(e)) if e.is_instance(&types().exc.attribute_error) => Ok(None),
        Err(e) => Err(e),
    }
}

/// `MATCH_CLASS nargs`: is `subject` an instance of `cls` with the attributes the
/// pattern names (`nargs` positional ones through `__match_args__`, then the keyword
/// ones in `names`)? Their values as a tuple, or `None`.
pub fn match_class(
    cx: &mut Cx<'_, '_>,
    subject: &Value,
    cls: &Value,
    nargs: usize,
    names: &Value,
) -> PyResult<Value> {
    let Value::Type(t) = cls else {
        return Err(type_error("called match pattern must be a type").into());
    };
    if !types().of(subject).is_subtype(t) {
        return Ok(Value::None);
    }
    let mut seen = Vec::new();
    let mut attrs = Vec::new();
    if nargs > 0 {
        let (match_args, match_self) = match cx.load_attr(cls, "__match_args__") {
            Ok(Value::Tuple(items)) => (items.to_vec(), false),
            Ok(other) => {
                return Err(type_error(format!(
                    "{}.__match_args__ must be a tuple (got {})",
                    t.name,
                    type_name(&other)
                ))
                .into())
            }
            Err(Unwind::Raise(e)) if e.is_instance(&types().exc.attribute_error) => {
                (Vec::new(), matches_self(t))
            }
            Err(e) => return Err(e),
        };
        let allowed = if match_self { 1 } else { match_args.len() };
        if allowed < nargs {
            let plural = if allowed == 1 { "" } else { "s" };
            return Err(type_error(format!(
                "{}() accepts {allowed} positional sub-pattern{plural} ({nargs} given)",
                t.name
            ))
            .into());
        }
        if match_self {
            attrs.push(subject.clone());
        } else {
            for name in &match_args[..nargs] {
                let Value::Str(s) = name else {
                    return Err(type_error(format!(
                        "__match_args__ elements must be strings (got {})",
                        type_name(name)
                    ))
                    .into());
                };
                match class_attr(cx, subject, t, s.as_str(), &mut seen)? {
                    Some(v) => attrs.push(v),
                    None => return Ok(Value::None),
                }
            }
        }
    }
    if let Value::Tuple(kw) = names {
        for name in kw.iter() {
            let name = name.as_str().unwrap_or("");
            match class_attr(cx, subject, t, name, &mut seen)? {
                Some(v) => attrs.push(v),
                None => return Ok(Value::None),
            }
        }
    }
    Ok(Value::tuple(attrs))
}

/// `MATCH_KEYS`: the values of `keys` (a tuple) in mapping `subject`, looked up with
/// `subject.get(key, <sentinel>)` as CPython does (a `__missing__` is not called), or
/// `None` when one is missing. A key given twice is a `ValueError`.
pub fn match_keys(cx: &mut Cx<'_, '_>, subject: &Value, keys: &Value) -> PyResult<Value> {
    let keys = match keys {
        Value::Tuple(k) => k.to_vec(),
        _ => Vec::new(),
    };
    if keys.is_empty() {
        return Ok(Value::tuple(Vec::new()));
    }
    let get = cx.load_attr(subject, "get")?;
    let dummy = Value::list(Vec::new());
    let mut values = Vec::with_capacity(keys.len());
    for (i, key) in keys.iter().enumerate() {
        for prev in &keys[..i] {
            if cx.eq(prev, key)? {
                let r = cx.repr(key)?;
                return Err(
                    value_error(format!("mapping pattern checks duplicate key ({r})")).into(),
                );
            }
        }
        let v = cx.call(&get, vec![key.clone(), dummy.clone()])?;
        if v.is(&dummy) {
            return Ok(Value::None);
        }
        values.push(v);
    }
    Ok(Value::tuple(values))
}

/// `COPY_DICT_WITHOUT_KEYS`: a new dict of `subject`'s items but `keys` (a mapping
/// pattern's `**rest`).
pub fn copy_without_keys(cx: &mut Cx<'_, '_>, subject: &Value, keys: &Value) -> PyResult<Value> {
    let gil = cx.gil;
    let src = match subject {
        Value::Dict(d) => Some(d.clone()),
        _ => match crate::objects::class::payload(subject) {
            Some(Value::Dict(d)) => Some(d.clone()),
            _ => None,
        },
    };
    let rest = match src {
        Some(d) => Value::dict(d.borrow(gil).clone()),
        // Another mapping (`collections.UserDict`, a registered `Mapping`): CPython's
        // `PyDict_Update` of a new dict, through `keys()` and `__getitem__`.
        None => cx.call(&Value::Type(types().dict.clone()), vec![subject.clone()])?,
    };
    if let (Value::Dict(d), Value::Tuple(ks)) = (&rest, keys) {
        for k in ks.iter() {
            crate::native::dict_remove(gil, d, k)?;
        }
    }
    Ok(rest)
}
