//! Operators on built-in values: arithmetic, truth, `in`, subscripts, attributes,
//! iteration, unpacking and `format`. Errors are CPython's, word for word.

use std::sync::Arc;

use deferred::Unwind;

use crate::compile::code::Code;
use crate::compile::opcodes::{Op, BINOPS};
use crate::native::{Cx, PyResult};
use crate::objects::compare;
use crate::objects::exception::*;
use crate::objects::gil::{Gil, GilCell};
use crate::objects::iter::{DictPart, Iter};
use crate::objects::seq;
use crate::objects::set::Set;
use crate::objects::types::{type_name, types};
use crate::objects::value::Value;
use crate::objects::{float, int};

#[inline]
pub fn truthy(gil: Gil<'_>, v: &Value) -> bool {
    match v {
        Value::None | Value::Null => false,
        Value::Bool(b) => *b,
        Value::Int(i) => *i != 0,
        Value::Float(f) => *f != 0.0,
        Value::Str(s) => !s.as_str().is_empty(),
        Value::List(l) => !l.borrow(gil).is_empty(),
        Value::Tuple(t) => !t.is_empty(),
        Value::Dict(d) => !d.borrow(gil).is_empty(),
        Value::Set(s) => !s.borrow(gil).is_empty(),
        Value::FrozenSet(s) => !s.is_empty(),
        Value::Bytes(b) => !b.is_empty(),
        Value::ByteArray(b) => !b.borrow(gil).is_empty(),
        Value::Range(r) => !r.is_empty(),
        Value::Iter(it) => match &*it.borrow(gil) {
            Iter::View {
                dict: Value::Dict(d),
                ..
            } => !d.borrow(gil).is_empty(),
            _ => true,
        },
        _ => true,
    }
}

fn is_num(v: &Value) -> bool {
    matches!(
        v,
        Value::Int(_) | Value::Bool(_) | Value::Big(_) | Value::Float(_)
    )
}

fn to_float(v: &Value) -> Result<f64, PyErr> {
    match v {
        Value::Float(f) => Ok(*f),
        _ => int::to_f64(v),
    }
}

fn repeat_count(v: &Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(*b as i64),
        Value::Big(_) => Some(i64::MAX),
        _ => None,
    }
}

fn repeat<T: Clone>(items: &[T], n: i64) -> Result<Vec<T>, PyErr> {
    if n <= 0 || items.is_empty() {
        return Ok(Vec::new());
    }
    let total = (items.len() as u128) * (n as u128);
    if total > (1u128 << 40) {
        return Err(PyErr::new(&types().exc.memory_error, vec![]));
    }
    let mut out = Vec::with_capacity(total as usize);
    for _ in 0..n {
        out.extend_from_slice(items);
    }
    Ok(out)
}

/// `BINARY_OP` on two small ints without overflow; `None` to take the general path.
#[inline]
pub fn int_fast(arg: u32, x: i64, y: i64) -> Option<Value> {
    Some(Value::Int(match arg % 13 {
        0 => x.checked_add(y)?,
        10 => x.checked_sub(y)?,
        5 => x.checked_mul(y)?,
        1 => x & y,
        7 => x | y,
        12 => x ^ y,
        2 if y > 0 && x >= 0 => x / y,
        6 if y > 0 && x >= 0 => x % y,
        3 if (0..32).contains(&y) && (x.unsigned_abs() >> 31) == 0 => x << y,
        9 if (0..64).contains(&y) => x >> y,
        _ => return None,
    }))
}

/// `BINARY_OP` on two floats for the operators that cannot fail.
#[inline]
pub fn float_fast(arg: u32, x: f64, y: f64) -> Option<Value> {
    Some(Value::Float(match arg % 13 {
        0 => x + y,
        10 => x - y,
        5 => x * y,
        11 if y != 0.0 => x / y,
        _ => return None,
    }))
}

/// Before `s += t`: if the next instruction stores back into the local that holds the
/// same string, empty that local so the string may be uniquely owned (CPython does the
/// same trick).
pub fn release_target(
    th: &mut crate::vm::thread::MicroThread,
    code: &Code,
    ip: usize,
    base: usize,
    a: Value,
) -> Value {
    if let Some(next) = code.instrs.get(ip) {
        if next.op == Op::STORE_FAST {
            let slot = &mut th.stack[base + next.arg as usize];
            if slot.is(&a) {
                *slot = Value::Null;
            }
        }
    }
    a
}

/// `a + b` for a str `a`, appending in place when nothing else holds `a`.
pub fn concat_in_place(a: Value, b: &Value) -> Result<Value, PyErr> {
    match (a, b) {
        (Value::Str(mut s), Value::Str(t)) => {
            if let Some(owned) = Arc::get_mut(&mut s) {
                owned.push_str(t.as_str());
                return Ok(Value::Str(s));
            }
            let mut out = String::with_capacity(s.as_str().len() + t.as_str().len());
            out.push_str(s.as_str());
            out.push_str(t.as_str());
            Ok(Value::string(out))
        }
        (_, b) => Err(type_error(format!(
            "can only concatenate str (not \"{}\") to str",
            type_name(b)
        ))),
    }
}

/// `a <op> b` for `BINARY_OP` argument `arg` (13 and up: in-place).
pub fn binary_op(gil: Gil<'_>, arg: u32, a: &Value, b: &Value) -> Result<Value, PyErr> {
    let inplace = arg >= 13;
    let op = BINOPS[(arg % 13) as usize];
    let fail = || {
        if op == "**" && !inplace {
            type_error(format!(
                "unsupported operand type(s) for ** or pow(): '{}' and '{}'",
                type_name(a),
                type_name(b)
            ))
        } else {
            let sym = if inplace {
                format!("{op}=")
            } else {
                op.to_owned()
            };
            unsupported_operand(&sym, a, b)
        }
    };
    if int::is_int(a) && int::is_int(b) {
        return match op {
            "/" => int::true_div(
                &int::to_big(a).unwrap_or_default(),
                &int::to_big(b).unwrap_or_default(),
            ),
            "@" => Err(fail()),
            _ if matches!((a, b), (Value::Bool(_), Value::Bool(_)))
                && matches!(op, "&" | "|" | "^") =>
            {
                let (x, y) = (truthy(gil, a), truthy(gil, b));
                Ok(Value::Bool(match op {
                    "&" => x & y,
                    "|" => x | y,
                    _ => x ^ y,
                }))
            }
            _ => int::binop(op, a, b),
        };
    }
    if is_num(a) && is_num(b) {
        return match op {
            "+" | "-" | "*" | "/" | "//" | "%" | "**" => {
                float::binop(op, to_float(a)?, to_float(b)?)
            }
            _ => Err(fail()),
        };
    }
    match (op, a, b) {
        ("+", Value::Str(x), Value::Str(y)) => {
            let mut s = String::with_capacity(x.as_str().len() + y.as_str().len());
            s.push_str(x.as_str());
            s.push_str(y.as_str());
            Ok(Value::string(s))
        }
        ("+", Value::Str(_), _) => Err(type_error(format!(
            "can only concatenate str (not \"{}\") to str",
            type_name(b)
        ))),
        ("*", Value::Str(s), n) | ("*", n, Value::Str(s)) if repeat_count(n).is_some() => {
            let n = repeat_count(n).unwrap_or(0);
            if n <= 0 {
                return Ok(Value::str(""));
            }
            if (s.as_str().len() as u128) * (n as u128) > 1 << 40 {
                return Err(overflow_error("repeated string is too long"));
            }
            Ok(Value::string(s.as_str().repeat(n as usize)))
        }
        ("%", Value::Str(s), args) => Ok(Value::string(crate::objects::format::percent(
            gil,
            s.as_str(),
            args,
        )?)),
        ("+", Value::List(x), Value::List(y)) => {
            if inplace {
                let add = y.borrow(gil).clone();
                x.borrow_mut(gil).extend(add);
                return Ok(a.clone());
            }
            let mut v = x.borrow(gil).clone();
            v.extend(y.borrow(gil).iter().cloned());
            Ok(Value::list(v))
        }
        ("+", Value::List(_), _) if !inplace => Err(type_error(format!(
            "can only concatenate list (not \"{}\") to list",
            type_name(b)
        ))),
        ("+", Value::Tuple(x), Value::Tuple(y)) => {
            let mut v = x.to_vec();
            v.extend(y.iter().cloned());
            Ok(Value::tuple(v))
        }
        ("+", Value::Tuple(_), _) => Err(type_error(format!(
            "can only concatenate tuple (not \"{}\") to tuple",
            type_name(b)
        ))),
        ("+", Value::Bytes(_), Value::Str(_)) => Err(type_error("can't concat str to bytes")),
        ("+", Value::Bytes(x), Value::Bytes(y)) => {
            let mut v = x.to_vec();
            v.extend_from_slice(y);
            Ok(Value::Bytes(Arc::new(v)))
        }
        ("+", Value::ByteArray(x), Value::Bytes(y)) => {
            let mut v = x.borrow(gil).clone();
            v.extend_from_slice(y);
            Ok(Value::ByteArray(Arc::new(GilCell::new(v))))
        }
        ("*", Value::List(l), n) | ("*", n, Value::List(l)) if repeat_count(n).is_some() => {
            let items = l.borrow(gil).clone();
            let v = repeat(&items, repeat_count(n).unwrap_or(0))?;
            if inplace && matches!(a, Value::List(_)) {
                *l.borrow_mut(gil) = v;
                return Ok(a.clone());
            }
            Ok(Value::list(v))
        }
        ("*", Value::Tuple(t), n) | ("*", n, Value::Tuple(t)) if repeat_count(n).is_some() => {
            Ok(Value::tuple(repeat(t, repeat_count(n).unwrap_or(0))?))
        }
        ("*", Value::Bytes(t), n) | ("*", n, Value::Bytes(t)) if repeat_count(n).is_some() => Ok(
            Value::Bytes(Arc::new(repeat(t, repeat_count(n).unwrap_or(0))?)),
        ),
        ("*", Value::Str(_) | Value::List(_) | Value::Tuple(_) | Value::Bytes(_), n)
        | ("*", n, Value::Str(_) | Value::List(_) | Value::Tuple(_) | Value::Bytes(_)) => {
            Err(type_error(format!(
                "can't multiply sequence by non-int of type '{}'",
                type_name(n)
            )))
        }
        (
            "|" | "&" | "-" | "^",
            Value::Set(_) | Value::FrozenSet(_),
            Value::Set(_) | Value::FrozenSet(_),
        ) => {
            let (x, y) = (compare::set_of(gil, a), compare::set_of(gil, b));
            let r = set_op(op, &x, &y, inplace);
            if inplace {
                if let Value::Set(s) = a {
                    *s.borrow_mut(gil) = r;
                    return Ok(a.clone());
                }
            }
            Ok(match a {
                Value::FrozenSet(_) => Value::FrozenSet(Arc::new(r)),
                _ => Value::Set(Arc::new(GilCell::new(r))),
            })
        }
        ("|", Value::Dict(x), Value::Dict(y)) => {
            let add = y.borrow(gil).clone();
            if inplace {
                let mut d = x.borrow_mut(gil);
                for (k, v) in add.iter() {
                    d.insert(k.clone(), v.clone())?;
                }
                return Ok(a.clone());
            }
            let mut d = x.borrow(gil).clone();
            for (k, v) in add.iter() {
                d.insert(k.clone(), v.clone())?;
            }
            Ok(Value::dict(d))
        }
        _ => Err(fail()),
    }
}

/// A set operator; in place (`|=` ...) keeps `x`'s table layout as CPython does.
pub fn set_op(op: &str, x: &Set, y: &Set, inplace: bool) -> Set {
    match (op, inplace) {
        ("|", false) => Set::union(x, y),
        ("|", true) => {
            let mut r = x.clone();
            r.merge(y);
            r
        }
        ("&", _) => Set::intersection(x, y),
        ("-", false) => Set::difference(x, y),
        ("^", false) => Set::symmetric_difference(x, y),
        (_, _) => {
            // `-=` discards, `^=` toggles, each key of `y` in `x` itself.
            let mut r = x.clone();
            for k in y.keys() {
                let had = r.remove(k).unwrap_or(false);
                if op == "^" && !had {
                    let _ = r.insert(k.clone());
                }
            }
            r
        }
    }
}

pub fn unary(gil: Gil<'_>, op: &str, a: &Value) -> Result<Value, PyErr> {
    let _ = gil;
    match (op, a) {
        ("-", Value::Float(f)) => Ok(Value::Float(-f)),
        ("+", Value::Float(f)) => Ok(Value::Float(*f)),
        ("-", v) if int::is_int(v) => Ok(int::neg(v)),
        ("+", Value::Bool(b)) => Ok(Value::Int(*b as i64)),
        ("+", v) if int::is_int(v) => Ok(v.clone()),
        ("~", v) if int::is_int(v) => Ok(int::invert(v)),
        _ => Err(type_error(format!(
            "bad operand type for unary {op}: '{}'",
            type_name(a)
        ))),
    }
}

/// `item in container`.
pub fn contains(gil: Gil<'_>, container: &Value, item: &Value) -> Result<bool, PyErr> {
    let in_seq = |items: &[Value]| -> Result<bool, PyErr> {
        for x in items {
            if x.is(item) || compare::eq(gil, x, item)? {
                return Ok(true);
            }
        }
        Ok(false)
    };
    match container {
        Value::Str(s) => match item {
            Value::Str(i) => Ok(s.as_str().contains(i.as_str())),
            _ => Err(type_error(format!(
                "'in <string>' requires string as left operand, not {}",
                type_name(item)
            ))),
        },
        Value::List(l) => {
            let items = l.borrow(gil).clone();
            in_seq(&items)
        }
        Value::Tuple(t) => in_seq(t),
        Value::Dict(d) => d.borrow(gil).contains(item),
        Value::Set(s) => s.borrow(gil).contains(item),
        Value::FrozenSet(s) => s.contains(item),
        Value::Range(r) => Ok(match item {
            Value::Int(i) => {
                let (i, r) = (*i as i128, **r);
                let (start, step) = (r.start as i128, r.step as i128);
                let inside = if step > 0 {
                    i >= start && i < r.stop as i128
                } else {
                    i <= start && i > r.stop as i128
                };
                inside && (i - start) % step == 0
            }
            other => {
                let items: Vec<Value> = (0..r.len()).map(|k| Value::Int(r.get(k))).collect();
                in_seq_owned(gil, &items, other)?
            }
        }),
        Value::Bytes(b) => bytes_contains(b, item),
        Value::ByteArray(b) => {
            let b = b.borrow(gil).clone();
            bytes_contains(&b, item)
        }
        Value::Iter(it) => {
            let view = it.borrow(gil).view_items(gil);
            match view {
                Some((_, items)) => in_seq(&items),
                None => Err(type_error(format!(
                    "argument of type '{}' is not iterable",
                    type_name(container)
                ))),
            }
        }
        _ => Err(type_error(format!(
            "argument of type '{}' is not iterable",
            type_name(container)
        ))),
    }
}

fn in_seq_owned(gil: Gil<'_>, items: &[Value], item: &Value) -> Result<bool, PyErr> {
    for x in items {
        if compare::eq(gil, x, item)? {
            return Ok(true);
        }
    }
    Ok(false)
}

fn bytes_contains(b: &[u8], item: &Value) -> Result<bool, PyErr> {
    match item {
        Value::Int(i) => {
            if !(0..256).contains(i) {
                return Err(value_error("byte must be in range(0, 256)"));
            }
            Ok(b.contains(&(*i as u8)))
        }
        Value::Bytes(x) => Ok(x.is_empty() || b.windows(x.len()).any(|w| w == x.as_slice())),
        _ => Err(type_error(format!(
            "a bytes-like object is required, not '{}'",
            type_name(item)
        ))),
    }
}

/// `obj[key]`.
pub fn getitem(gil: Gil<'_>, obj: &Value, key: &Value) -> Result<Value, PyErr> {
    match (obj, key) {
        (Value::List(l), Value::Slice(s)) => Ok(Value::list(seq::slice_of(&l.borrow(gil), s)?)),
        (Value::List(l), k) => {
            let i = seq::index_value(k, "list")?;
            let l = l.borrow(gil);
            seq::index(i, l.len())
                .map(|i| l[i].clone())
                .ok_or_else(|| index_error("list index out of range"))
        }
        (Value::Tuple(t), Value::Slice(s)) => Ok(Value::tuple(seq::slice_of(t, s)?)),
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
            let chars: Vec<char> = s.as_str().chars().collect();
            Ok(Value::string(
                seq::slice_of(&chars, sl)?.into_iter().collect(),
            ))
        }
        (Value::Str(s), k) => {
            let i = match k {
                Value::Int(_) | Value::Bool(_) | Value::Big(_) => seq::index_value(k, "string")?,
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
        (Value::Dict(d), k) => match d.borrow(gil).get(k)? {
            Some(v) => Ok(v),
            None => Err(key_error(k.clone())),
        },
        (Value::Range(r), Value::Slice(s)) => {
            let (start, _, step, count) = seq::slice_indices(s, r.len() as usize)?;
            let start = r.get(start);
            let step = r.step * step;
            let stop = start + step * count as i64;
            Ok(Value::Range(Arc::new(crate::objects::value::Range {
                start,
                stop,
                step,
            })))
        }
        (Value::Range(r), k) => {
            let i = seq::index_value(k, "range")?;
            seq::index(i, r.len() as usize)
                .map(|i| Value::Int(r.get(i as i64)))
                .ok_or_else(|| index_error("range object index out of range"))
        }
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
        _ => Err(type_error(format!(
            "'{}' object is not subscriptable",
            type_name(obj)
        ))),
    }
}

/// `obj[key] = v`.
pub fn setitem(gil: Gil<'_>, obj: &Value, key: Value, v: Value) -> Result<(), PyErr> {
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
                    Value::Range(r) => (0..r.len()).map(|k| Value::Int(r.get(k))).collect(),
                    _ => return Err(type_error("can only assign an iterable")),
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
        Value::Dict(d) => {
            let h = crate::objects::dict::hash(&key)?;
            d.borrow_mut(gil).insert_hashed(h, key, v);
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
        _ => Err(type_error(format!(
            "'{}' object does not support item assignment",
            type_name(obj)
        ))),
    }
}

/// `del obj[key]`.
pub fn delitem(gil: Gil<'_>, obj: &Value, key: &Value) -> Result<(), PyErr> {
    match obj {
        Value::List(l) => {
            let mut l = l.borrow_mut(gil);
            match key {
                Value::Slice(s) => {
                    let (start, _, step, count) = seq::slice_indices(s, l.len())?;
                    let mut idx: Vec<usize> = (0..count)
                        .map(|k| (start + k as i64 * step) as usize)
                        .collect();
                    idx.sort_unstable();
                    for i in idx.into_iter().rev() {
                        l.remove(i);
                    }
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
        Value::Dict(d) => match d.borrow_mut(gil).remove(key)? {
            Some(_) => Ok(()),
            None => Err(key_error(key.clone())),
        },
        _ => Err(type_error(format!(
            "'{}' object doesn't support item deletion",
            type_name(obj)
        ))),
    }
}

/// A method of a built-in type for `LOAD_METHOD`: `Some(unbound)` to call with `obj`
/// as `self`, `None` to fall back to `getattr`.
pub fn load_method(gil: Gil<'_>, obj: &Value, name: &str) -> Result<Option<Value>, PyErr> {
    let _ = gil;
    match obj {
        Value::Module(_) | Value::Type(_) => Ok(None),
        _ => Ok(crate::objects::methods::find(obj, name).map(Value::Native)),
    }
}

/// `obj.name`.
pub fn getattr(gil: Gil<'_>, obj: &Value, name: &str) -> Result<Value, PyErr> {
    if name == "__class__" {
        return Ok(Value::Type(types().of(obj)));
    }
    match obj {
        Value::Module(m) => {
            if name == "__name__" {
                return Ok(Value::str(&m.name));
            }
            return m.get(gil, name).ok_or_else(|| no_attribute(obj, name));
        }
        Value::Exception(e) => {
            let st = e.state.borrow(gil);
            match name {
                "args" => return Ok(Value::tuple(e.args.clone())),
                "__context__" => return Ok(st.context.clone().unwrap_or(Value::None)),
                "__cause__" => return Ok(st.cause.clone().unwrap_or(Value::None)),
                "__suppress_context__" => return Ok(Value::Bool(st.suppress_context)),
                "__traceback__" => return Ok(Value::None),
                "code" if e.typ.is_subtype(&types().exc.system_exit) => {
                    return Ok(match e.args.len() {
                        0 => Value::None,
                        1 => e.args[0].clone(),
                        _ => Value::tuple(e.args.clone()),
                    })
                }
                "value" if e.typ.is_subtype(&types().exc.stop_iteration) => {
                    return Ok(e.args.first().cloned().unwrap_or(Value::None))
                }
                _ => {}
            }
        }
        Value::Function(f) => match name {
            "__name__" => return Ok(Value::str(&f.name)),
            "__qualname__" => return Ok(Value::str(&f.qualname)),
            "__doc__" => return Ok(Value::None),
            "__defaults__" => {
                return Ok(if f.defaults.is_empty() {
                    Value::None
                } else {
                    Value::tuple(f.defaults.clone())
                })
            }
            "__code__" => return Ok(Value::Code(f.code.clone())),
            _ => {}
        },
        Value::Native(n) if name == "__name__" || name == "__qualname__" => {
            return Ok(Value::str(n.name));
        }
        Value::BoundNative(b) => match name {
            "__name__" | "__qualname__" => return Ok(Value::str(b.1.name)),
            "__self__" => return Ok(b.0.clone()),
            _ => {}
        },
        Value::Type(t) => {
            match name {
                "__name__" | "__qualname__" => return Ok(Value::str(&t.name)),
                "__base__" => return Ok(t.base.clone().map_or(Value::None, Value::Type)),
                "__mro__" => {
                    let mut mro = Vec::new();
                    let mut cur = Some(t.clone());
                    while let Some(c) = cur {
                        cur = c.base.clone();
                        mro.push(Value::Type(c));
                    }
                    return Ok(Value::tuple(mro));
                }
                _ => {}
            }
            if let Some(m) = crate::objects::methods::find_in_type(t, name) {
                return Ok(Value::Native(m));
            }
        }
        Value::Int(_) | Value::Bool(_) | Value::Big(_) => match name {
            "real" | "numerator" => {
                return Ok(match obj {
                    Value::Bool(b) => Value::Int(*b as i64),
                    v => v.clone(),
                })
            }
            "imag" => return Ok(Value::Int(0)),
            "denominator" => return Ok(Value::Int(1)),
            _ => {}
        },
        Value::Float(f) => match name {
            "real" => return Ok(Value::Float(*f)),
            "imag" => return Ok(Value::Float(0.0)),
            _ => {}
        },
        Value::File(f) => match name {
            "closed" => return Ok(Value::Bool(f.borrow(gil).closed())),
            "name" => return Ok(Value::str(&f.borrow(gil).name)),
            "mode" => return Ok(Value::str(&f.borrow(gil).mode)),
            _ => {}
        },
        Value::Range(r) => match name {
            "start" => return Ok(Value::Int(r.start)),
            "stop" => return Ok(Value::Int(r.stop)),
            "step" => return Ok(Value::Int(r.step)),
            _ => {}
        },
        Value::Slice(s) => match name {
            "start" => return Ok(s[0].clone()),
            "stop" => return Ok(s[1].clone()),
            "step" => return Ok(s[2].clone()),
            _ => {}
        },
        _ => {}
    }
    match crate::objects::methods::find(obj, name) {
        Some(m) => Ok(Value::BoundNative(Arc::new((obj.clone(), m)))),
        None => Err(no_attribute(obj, name)),
    }
}

/// Built-in objects have no writable attributes (classes come in part 2).
pub fn setattr_error(obj: &Value, name: &str) -> PyErr {
    match obj {
        Value::Module(_) | Value::Function(_) => attribute_error(format!(
            "'{}' object attribute '{name}' is read-only",
            type_name(obj)
        )),
        Value::Type(t) => type_error(format!(
            "cannot set '{name}' attribute of immutable type '{}'",
            t.name
        )),
        _ => {
            let has = crate::objects::methods::find(obj, name).is_some();
            if has {
                attribute_error(format!(
                    "'{}' object attribute '{name}' is read-only",
                    type_name(obj)
                ))
            } else {
                attribute_error(format!(
                    "'{}' object has no attribute '{name}'",
                    type_name(obj)
                ))
            }
        }
    }
}

pub fn unbound_deref(code: &Code, i: usize) -> PyErr {
    let name = code.deref_name(i);
    if i < code.cellvars.len() {
        unbound_local(format!(
            "cannot access local variable '{name}' where it is not associated with a value"
        ))
    } else {
        name_error(format!(
            "cannot access free variable '{name}' where it is not associated with a value in enclosing scope"
        ))
    }
}

fn new_iter(it: Iter) -> Value {
    Value::Iter(Arc::new(GilCell::new(it)))
}

/// `iter(v)`.
pub fn get_iter(gil: Gil<'_>, v: &Value) -> Result<Value, PyErr> {
    Ok(new_iter(match v {
        Value::List(_) | Value::Tuple(_) | Value::Bytes(_) | Value::ByteArray(_) => Iter::Seq {
            seq: v.clone(),
            idx: 0,
        },
        Value::File(f) => {
            if f.borrow(gil).closed() {
                return Err(value_error("I/O operation on closed file."));
            }
            Iter::Lines { file: v.clone() }
        }
        Value::Str(_) => Iter::Chars {
            s: v.clone(),
            byte: 0,
        },
        Value::Range(r) => Iter::Range {
            next: r.start,
            step: r.step,
            left: r.len(),
        },
        Value::Dict(d) => Iter::Dict {
            dict: v.clone(),
            slot: 0,
            part: DictPart::Keys,
            size: d.borrow(gil).len(),
        },
        Value::Set(s) => Iter::Dict {
            dict: v.clone(),
            slot: 0,
            part: DictPart::Keys,
            size: s.borrow(gil).len(),
        },
        Value::FrozenSet(s) => Iter::Dict {
            dict: v.clone(),
            slot: 0,
            part: DictPart::Keys,
            size: s.len(),
        },
        Value::Iter(it) => match &*it.borrow(gil) {
            Iter::View { dict, part } => Iter::Dict {
                dict: dict.clone(),
                slot: 0,
                part: *part,
                size: match dict {
                    Value::Dict(d) => d.borrow(gil).len(),
                    _ => 0,
                },
            },
            _ => return Ok(v.clone()),
        },
        _ => {
            return Err(type_error(format!(
                "'{}' object is not iterable",
                type_name(v)
            )))
        }
    }))
}

/// `next(it)`; `None` when exhausted. Steps `map`/`filter`/`zip`/`enumerate` too.
pub fn iter_next(cx: &mut Cx<'_, '_>, it: &Value) -> PyResult<Option<Value>> {
    let Value::Iter(cell) = it else {
        return Err(Unwind::Raise(type_error(format!(
            "'{}' object is not an iterator",
            type_name(it)
        ))));
    };
    if let Some(r) = cell.borrow_mut(cx.gil).next_simple(cx.gil) {
        return Ok(r?);
    }
    if cx.th.reentry >= crate::vm::thread::MAX_REENTRY {
        return Err(Unwind::Raise(recursion_error(
            "maximum recursion depth exceeded",
        )));
    }
    cx.th.reentry += 1;
    let r = stacker::maybe_grow(256 * 1024, 16 * 1024 * 1024, || step_complex(cx, cell));
    cx.th.reentry -= 1;
    r
}

fn step_complex(cx: &mut Cx<'_, '_>, cell: &Arc<GilCell<Iter>>) -> PyResult<Option<Value>> {
    enum Plan {
        Enumerate(Value),
        Zip(Vec<Value>),
        Map(Value, Vec<Value>),
        Filter(Value, Value),
        View,
    }
    let plan = match &*cell.borrow(cx.gil) {
        Iter::Enumerate { inner, .. } => Plan::Enumerate(inner.clone()),
        Iter::Zip { inners } => Plan::Zip(inners.clone()),
        Iter::Map { func, inners } => Plan::Map(func.clone(), inners.clone()),
        Iter::Filter { func, inner } => Plan::Filter(func.clone(), inner.clone()),
        _ => Plan::View,
    };
    let done = |cx: &mut Cx<'_, '_>| {
        *cell.borrow_mut(cx.gil) = Iter::Exhausted;
        Ok(None)
    };
    match plan {
        Plan::Enumerate(inner) => match cx.next(&inner)? {
            Some(v) => {
                let mut it = cell.borrow_mut(cx.gil);
                let n = match &mut *it {
                    Iter::Enumerate { count, .. } => {
                        *count += 1;
                        *count - 1
                    }
                    _ => 0,
                };
                Ok(Some(Value::tuple(vec![Value::Int(n), v])))
            }
            None => done(cx),
        },
        Plan::Zip(inners) => {
            let mut items = Vec::with_capacity(inners.len());
            for i in &inners {
                match cx.next(i)? {
                    Some(v) => items.push(v),
                    None => return done(cx),
                }
            }
            if items.is_empty() {
                return done(cx);
            }
            Ok(Some(Value::tuple(items)))
        }
        Plan::Map(func, inners) => {
            let mut items = Vec::with_capacity(inners.len());
            for i in &inners {
                match cx.next(i)? {
                    Some(v) => items.push(v),
                    None => return done(cx),
                }
            }
            Ok(Some(cx.call(&func, items)?))
        }
        Plan::Filter(func, inner) => loop {
            let Some(v) = cx.next(&inner)? else {
                return done(cx);
            };
            let keep = if matches!(func, Value::None) {
                truthy(cx.gil, &v)
            } else {
                let r = cx.call(&func, vec![v.clone()])?;
                truthy(cx.gil, &r)
            };
            if keep {
                return Ok(Some(v));
            }
        },
        Plan::View => Err(Unwind::Raise(type_error("object is not an iterator"))),
    }
}

/// `LIST_APPEND`, `SET_ADD`, `LIST_EXTEND`, `SET_UPDATE`, `DICT_UPDATE`.
pub fn collection_add(cx: &mut Cx<'_, '_>, op: Op, target: &Value, v: Value) -> PyResult<()> {
    let gil = cx.gil;
    match (op, target) {
        (Op::LIST_APPEND, Value::List(l)) => l.borrow_mut(gil).push(v),
        (Op::SET_ADD, Value::Set(s)) => s.borrow_mut(gil).insert(v)?,
        (Op::LIST_EXTEND, Value::List(l)) => {
            let items = cx.collect(&v).map_err(|e| match e {
                Unwind::Raise(e)
                    if e.is_instance(&types().exc.type_error) && !matches!(v, Value::Iter(_)) =>
                {
                    Unwind::Raise(type_error(format!(
                        "Value after * must be an iterable, not {}",
                        type_name(&v)
                    )))
                }
                e => e,
            })?;
            l.borrow_mut(gil).extend(items);
        }
        (Op::SET_UPDATE, Value::Set(s)) => {
            let items = cx.collect(&v)?;
            let mut s = s.borrow_mut(gil);
            for x in items {
                s.insert(x)?;
            }
        }
        (Op::DICT_UPDATE, Value::Dict(d)) => {
            let Value::Dict(src) = &v else {
                return Err(Unwind::Raise(type_error(format!(
                    "'{}' object is not a mapping",
                    type_name(&v)
                ))));
            };
            let src = src.borrow(gil).clone();
            let mut d = d.borrow_mut(gil);
            for (k, x) in src.iter() {
                d.insert(k.clone(), x.clone())?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// `FORMAT_VALUE`: conversion (1 str, 2 repr, 3 ascii) then `format(v, spec)`.
pub fn format_value(
    cx: &mut Cx<'_, '_>,
    v: &Value,
    conv: u32,
    spec: Option<&Value>,
) -> PyResult<Value> {
    let v = match conv {
        1 => Value::string(cx.str(v)?),
        2 => Value::string(cx.repr(v)?),
        3 => Value::string(crate::objects::format::ascii(&cx.repr(v)?)),
        _ => v.clone(),
    };
    let spec = spec.and_then(Value::as_str).unwrap_or("");
    if spec.is_empty() {
        if let Value::Str(_) = v {
            return Ok(v);
        }
        return Ok(Value::string(cx.str(&v)?));
    }
    Ok(Value::string(crate::objects::format::format(
        cx.gil, &v, spec,
    )?))
}

/// `UNPACK_SEQUENCE` / `UNPACK_EX`: the items in order.
pub fn unpack(cx: &mut Cx<'_, '_>, v: &Value, op: Op, arg: u32) -> PyResult<Vec<Value>> {
    let items = match v {
        Value::Tuple(t) => t.to_vec(),
        Value::List(l) => l.borrow(cx.gil).clone(),
        _ => {
            if get_iter(cx.gil, v).is_err() {
                return Err(Unwind::Raise(type_error(format!(
                    "cannot unpack non-iterable {} object",
                    type_name(v)
                ))));
            }
            cx.collect(v)?
        }
    };
    if op == Op::UNPACK_SEQUENCE {
        let n = arg as usize;
        if items.len() < n {
            return Err(Unwind::Raise(value_error(format!(
                "not enough values to unpack (expected {n}, got {})",
                items.len()
            ))));
        }
        if items.len() > n {
            return Err(Unwind::Raise(value_error(format!(
                "too many values to unpack (expected {n})"
            ))));
        }
        return Ok(items);
    }
    let (before, after) = ((arg & 0xff) as usize, (arg >> 8) as usize);
    if items.len() < before + after {
        return Err(Unwind::Raise(value_error(format!(
            "not enough values to unpack (expected at least {}, got {})",
            before + after,
            items.len()
        ))));
    }
    let mut items = items;
    let tail = items.split_off(items.len() - after);
    let mid = items.split_off(before);
    items.push(Value::list(mid));
    items.extend(tail);
    Ok(items)
}

/// `except T:` matching.
pub fn exception_matches(gil: Gil<'_>, exc: &Value, typ: &Value) -> Result<bool, PyErr> {
    let _ = gil;
    let Value::Exception(e) = exc else {
        return Ok(false);
    };
    match typ {
        Value::Type(t) if t.is_subtype(&types().exc.base_exception) => Ok(e.typ.is_subtype(t)),
        Value::Tuple(ts) => {
            for t in ts.iter() {
                if exception_matches(gil, exc, t)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => Err(type_error(
            "catching classes that do not inherit from BaseException is not allowed",
        )),
    }
}
