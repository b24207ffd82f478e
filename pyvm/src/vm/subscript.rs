//! Subscripts of built-in values: `obj[key]`, `obj[key] = v`, `del obj[key]`, with
//! slices and CPython's index errors.

use crate::objects::rc::Arc;

use crate::objects::exception::*;
use crate::objects::gil::{Gil, GilCell};
use crate::objects::seq;
use crate::objects::types::type_name;
use crate::objects::value::Value;

/// A key with `__index__` (not an `int` subclass) indexing a built-in sequence: the
/// int its `__index__` gives (CPython's `PyNumber_AsSsize_t` in `list_subscript`).
#[inline]
fn user_index(gil: Gil<'_>, obj: &Value, key: &Value) -> Result<Option<Value>, PyErr> {
    if !crate::objects::class::is_user(key) {
        return Ok(None);
    }
    user_index_slow(gil, obj, key)
}

fn user_index_slow(gil: Gil<'_>, obj: &Value, key: &Value) -> Result<Option<Value>, PyErr> {
    if !matches!(
        obj,
        Value::List(_)
            | Value::Tuple(_)
            | Value::Str(_)
            | Value::Bytes(_)
            | Value::ByteArray(_)
            | Value::Range(_)
    ) || crate::objects::class::payload(key).is_some_and(crate::objects::int::is_int)
    {
        return Ok(None);
    }
    let Some(f) = crate::objects::class::special(gil, key, "__index__") else {
        return Ok(None);
    };
    let r = super::detached::call(gil, "__index__", &f, vec![key.clone()])?;
    if !crate::objects::int::is_int(&r) {
        return Err(type_error(format!(
            "__index__ returned non-int (type {})",
            type_name(&r)
        )));
    }
    Ok(Some(r))
}

/// `obj[key]`.
pub fn getitem(gil: Gil<'_>, obj: &Value, key: &Value) -> Result<Value, PyErr> {
    if let Some(k) = user_index(gil, obj, key)? {
        return getitem(gil, obj, &k);
    }
    match (obj, key) {
        (Value::List(l), Value::Slice(s)) => Ok(Value::list(seq::slice_of(&l.borrow(gil), s)?)),
        (Value::List(l), k) => {
            let i = seq::index_value(k, "list")?;
            let l = l.borrow(gil);
            seq::index(i, l.len())
                .map(|i| l[i].clone())
                .ok_or_else(|| index_error("list index out of range"))
        }
        (Value::Tuple(t), Value::Slice(s)) => {
            // The whole of an exact tuple is itself (CPython's `tuple_subscript`).
            let (start, _, step, count) = seq::slice_indices(s, t.len())?;
            if start == 0 && step == 1 && count == t.len() {
                return Ok(obj.clone());
            }
            Ok(Value::tuple(seq::slice_of(t, s)?))
        }
        (Value::Tuple(t), k) => {
            let i = seq::index_value(k, "tuple")?;
            seq::index(i, t.len())
                .map(|i| t[i].clone())
                .ok_or_else(|| index_error("tuple index out of range"))
        }
        (Value::Str(s), Value::Slice(sl)) => {
            if s.is_ascii() {
                let b = seq::slice_of(s.as_str().as_bytes(), sl)?;
                return Ok(Value::string(String::from_utf8(b).unwrap_or_default()));
            }
            let (start, _, step, count) = seq::slice_indices(sl, s.char_len())?;
            if step == 1 {
                // Two lookups in the text's index, not a copy of all its code points.
                let from = s.byte_offset(start as usize);
                let to = s.byte_offset(start as usize + count);
                return Ok(Value::string(s.as_str()[from..to].to_owned()));
            }
            let chars: Vec<char> = s.as_str().chars().collect();
            Ok(Value::string(
                (0..count)
                    .map(|k| chars[(start + k as i64 * step) as usize])
                    .collect(),
            ))
        }
        (Value::Str(s), k) => {
            let i = match k {
                Value::Int(_) | Value::Bool(_) | Value::Big(_) | Value::Instance(_)
                    if crate::objects::int::to_big(k).is_some() =>
                {
                    seq::index_value(k, "string")?
                }
                _ => {
                    return Err(type_error(format!(
                        "string indices must be integers, not '{}'",
                        type_name(k)
                    )))
                }
            };
            seq::index(i, s.char_len())
                .and_then(|i| s.char_at(i))
                .map(|c| Value::string(c.to_string()))
                .ok_or_else(|| index_error("string index out of range"))
        }
        (Value::Dict(d), k) => match super::dictprobe::get(gil, d, k)? {
            Some(v) => Ok(v),
            None => Err(key_error(k.clone())),
        },
        (Value::Range(r), Value::Slice(s)) => Ok(Value::Range(Arc::new(r.slice(s)?))),
        // Not `index_value`: a range may be longer than an i64 can index, and CPython
        // says "out of range" (not "cannot fit") for a big index.
        (Value::Range(r), k @ (Value::Int(_) | Value::Bool(_) | Value::Big(_))) => r.item(k),
        (Value::Range(_), k) => Err(type_error(format!(
            "range indices must be integers or slices, not {}",
            type_name(k)
        ))),
        (Value::Bytes(b), Value::Slice(s)) => Ok(Value::Bytes(Arc::new(seq::slice_of(b, s)?))),
        (Value::Bytes(b), k) => {
            let i = seq::index_value(k, "byte")?;
            seq::index(i, b.len())
                .map(|i| Value::Int(b[i] as i64))
                .ok_or_else(|| index_error("index out of range"))
        }
        (Value::ByteArray(b), Value::Slice(s)) => Ok(Value::ByteArray(Arc::new(GilCell::new(
            seq::slice_of(&b.borrow(gil), s)?,
        )))),
        (Value::ByteArray(b), k) => {
            let i = seq::index_value(k, "bytearray")?;
            let b = b.borrow(gil);
            seq::index(i, b.len())
                .map(|i| Value::Int(b[i] as i64))
                .ok_or_else(|| index_error("bytearray index out of range"))
        }
        (Value::Type(t), _) => Err(type_error(format!(
            "type '{}' is not subscriptable",
            t.name
        ))),
        (Value::Object(o), k) => o.0.getitem(gil, k).unwrap_or_else(|| {
            Err(type_error(format!(
                "'{}' object is not subscriptable",
                type_name(obj)
            )))
        }),
        _ => Err(type_error(format!(
            "'{}' object is not subscriptable",
            type_name(obj)
        ))),
    }
}

/// `obj[key] = v`.
pub fn setitem(gil: Gil<'_>, obj: &Value, key: Value, v: Value) -> Result<(), PyErr> {
    if let Some(k) = user_index(gil, obj, &key)? {
        return setitem(gil, obj, k, v);
    }
    match obj {
        Value::List(l) => match &key {
            Value::Slice(s) => {
                let new: Vec<Value> = match &v {
                    Value::List(x) => x.borrow(gil).clone(),
                    Value::Tuple(t) => t.to_vec(),
                    Value::Str(s) => s
                        .as_str()
                        .chars()
                        .map(|c| Value::string(c.to_string()))
                        .collect(),
                    Value::Range(r) => r.to_vec()?,
                    other => {
                        // Any other iterable: `list(v)`, run detached.
                        let list = crate::native::builtin_function(gil, "list");
                        match super::detached::call(gil, "list", &list, vec![other.clone()]) {
                            Ok(Value::List(x)) => x.borrow(gil).clone(),
                            _ => return Err(type_error("can only assign an iterable")),
                        }
                    }
                };
                let mut l = l.borrow_mut(gil);
                let (start, stop, step, count) = seq::slice_indices(s, l.len())?;
                if step == 1 {
                    let stop = stop.max(start) as usize;
                    l.splice(start as usize..stop, new);
                } else {
                    if new.len() != count {
                        return Err(value_error(format!(
                            "attempt to assign sequence of size {} to extended slice of size {count}",
                            new.len()
                        )));
                    }
                    for (k, x) in new.into_iter().enumerate() {
                        l[(start + k as i64 * step) as usize] = x;
                    }
                }
                Ok(())
            }
            k => {
                let i = seq::index_value(k, "list")?;
                let mut l = l.borrow_mut(gil);
                let n = l.len();
                match seq::index(i, n) {
                    Some(i) => {
                        l[i] = v;
                        Ok(())
                    }
                    None => Err(index_error("list assignment index out of range")),
                }
            }
        },
        Value::Dict(d) => super::dictprobe::set(gil, d, key, v),
        Value::ByteArray(b) if matches!(key, Value::Slice(_)) => {
            let Value::Slice(s) = &key else {
                unreachable!()
            };
            let new: Vec<u8> = match &v {
                Value::Bytes(x) => x.to_vec(),
                Value::ByteArray(x) => x.borrow(gil).clone(),
                Value::Object(o) if o.0.buffer(gil).is_some() => {
                    o.0.buffer(gil).unwrap_or_default()
                }
                Value::List(_) | Value::Tuple(_) | Value::Range(_) => {
                    let items: Vec<Value> = match &v {
                        Value::List(x) => x.borrow(gil).clone(),
                        Value::Tuple(t) => t.to_vec(),
                        Value::Range(r) => r.to_vec()?,
                        _ => unreachable!(),
                    };
                    let mut out = Vec::with_capacity(items.len());
                    for x in items {
                        match x {
                            Value::Int(x) if (0..256).contains(&x) => out.push(x as u8),
                            Value::Int(_) => {
                                return Err(value_error("byte must be in range(0, 256)"))
                            }
                            other => {
                                return Err(type_error(format!(
                                    "'{}' object cannot be interpreted as an integer",
                                    type_name(&other)
                                )))
                            }
                        }
                    }
                    out
                }
                _ => {
                    return Err(type_error(
                        "can assign only bytes, buffers, or iterables of ints in range(0, 256)",
                    ))
                }
            };
            let cell = b;
            let mut b = b.borrow_mut(gil);
            let (start, stop, step, count) = seq::slice_indices(s, b.len())?;
            if step == 1 {
                let stop = stop.max(start) as usize;
                if stop - start as usize != new.len() {
                    crate::objects::buffer::check_bytearray(cell)?;
                }
                let more = new.len().saturating_sub(stop - start as usize);
                crate::objects::memory::grow(&mut b, more)?;
                b.splice(start as usize..stop, new);
            } else {
                if new.len() != count {
                    return Err(value_error(format!(
                        "attempt to assign bytes of size {} to extended slice of size {count}",
                        new.len()
                    )));
                }
                for (k, x) in new.into_iter().enumerate() {
                    b[(start + k as i64 * step) as usize] = x;
                }
            }
            Ok(())
        }
        Value::ByteArray(b) => {
            let i = seq::index_value(&key, "bytearray")?;
            let byte = match v {
                Value::Int(x) if (0..256).contains(&x) => x as u8,
                Value::Int(_) => return Err(value_error("byte must be in range(0, 256)")),
                other => {
                    return Err(type_error(format!(
                        "'{}' object cannot be interpreted as an integer",
                        type_name(&other)
                    )))
                }
            };
            let mut b = b.borrow_mut(gil);
            let n = b.len();
            match seq::index(i, n) {
                Some(i) => {
                    b[i] = byte;
                    Ok(())
                }
                None => Err(index_error("bytearray index out of range")),
            }
        }
        Value::Object(o) => o.0.setitem(gil, &key, v).unwrap_or_else(|| {
            Err(type_error(format!(
                "'{}' object does not support item assignment",
                type_name(obj)
            )))
        }),
        _ => Err(type_error(format!(
            "'{}' object does not support item assignment",
            type_name(obj)
        ))),
    }
}

/// `del v[start:...:step]` of `count` items (from `slice_indices`) in one pass: a
/// contiguous run is drained at once (`del buf[:n]`, `del b[n:]`, which `_io`'s
/// buffers do for every read and write), a stepped slice by one sweep. The items
/// removed are returned, to be dropped in order (finalizers then run as CPython's).
fn del_slice<T>(v: &mut Vec<T>, start: i64, step: i64, count: usize) -> Vec<T> {
    if count == 0 {
        return Vec::new();
    }
    // The lowest index and the distance between removed items, either direction.
    // (In `i128` and by `unsigned_abs`: a step may be as large as `i64` allows either
    // way, `del a[-1:-8:-99999999999999999999]`, whose negation overflows.)
    let stride = step.unsigned_abs() as usize;
    let lo = if step > 0 {
        start as usize
    } else {
        (i128::from(start) + (count as i128 - 1) * i128::from(step)) as usize
    };
    if stride == 1 {
        return v.drain(lo..lo + count).collect();
    }
    let mut gone = Vec::with_capacity(count);
    let mut kept = Vec::with_capacity(v.len() - count);
    for (i, x) in std::mem::take(v).into_iter().enumerate() {
        if i >= lo && (i - lo) % stride == 0 && (i - lo) / stride < count {
            gone.push(x);
        } else {
            kept.push(x);
        }
    }
    *v = kept;
    // Dropped last first, so that finalizers run in CPython's order (lowest first).
    gone.reverse();
    gone
}

/// `del obj[key]`.
pub fn delitem(gil: Gil<'_>, obj: &Value, key: &Value) -> Result<(), PyErr> {
    if let Some(k) = user_index(gil, obj, key)? {
        return delitem(gil, obj, &k);
    }
    match obj {
        Value::List(l) => {
            let mut l = l.borrow_mut(gil);
            match key {
                Value::Slice(s) => {
                    let (start, _, step, count) = seq::slice_indices(s, l.len())?;
                    // (Taken out before they drop: a finalizer may look at the list.)
                    let gone = del_slice(&mut *l, start, step, count);
                    drop(l);
                    drop(gone);
                    Ok(())
                }
                k => {
                    let i = seq::index_value(k, "list")?;
                    let n = l.len();
                    match seq::index(i, n) {
                        Some(i) => {
                            l.remove(i);
                            Ok(())
                        }
                        None => Err(index_error("list assignment index out of range")),
                    }
                }
            }
        }
        Value::ByteArray(b) => {
            crate::objects::buffer::check_bytearray(b)?;
            let mut b = b.borrow_mut(gil);
            match key {
                Value::Slice(s) => {
                    let (start, _, step, count) = seq::slice_indices(s, b.len())?;
                    del_slice(&mut *b, start, step, count);
                    Ok(())
                }
                k => {
                    let i = seq::index_value(k, "bytearray")?;
                    let n = b.len();
                    match seq::index(i, n) {
                        Some(i) => {
                            b.remove(i);
                            Ok(())
                        }
                        None => Err(index_error("bytearray index out of range")),
                    }
                }
            }
        }
        Value::Dict(d) => match super::dictprobe::remove(gil, d, key)? {
            Some(_) => Ok(()),
            None => Err(key_error(key.clone())),
        },
        Value::Object(o) => o.0.delitem(gil, key).unwrap_or_else(|| {
            Err(type_error(format!(
                "'{}' object doesn't support item deletion",
                type_name(obj)
            )))
        }),
        _ => Err(type_error(format!(
            "'{}' object doesn't support item deletion",
            type_name(obj)
        ))),
    }
}
