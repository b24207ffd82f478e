//! Operators on built-in values: arithmetic, truth, `in`, collection building, `format`
//! and `except` matching. Errors are CPython's, word for word. (Subscripts, attributes
//! and iteration live beside this file.)

use crate::objects::rc::Arc;

use deferred::Unwind;

pub use super::attr::{getattr, load_method, setattr_error, unbound_deref};
pub use super::iterate::{get_iter, iter_next, unpack};
pub use super::subscript::{delitem, getitem, setitem};
use crate::compile::code::Code;
use crate::compile::opcodes::{Op, BINOPS};
use crate::native::{Cx, PyResult};
use crate::objects::compare;
use crate::objects::exception::*;
use crate::objects::gil::{Gil, GilCell};
pub use crate::objects::set::set_op;
use crate::objects::set::Set;
use crate::objects::types::{type_name, types};
pub use crate::objects::value::truthy;
use crate::objects::value::Value;
use crate::objects::{complex, float, int, memory};

fn is_num(v: &Value) -> bool {
    matches!(
        v,
        Value::Int(_) | Value::Bool(_) | Value::Big(_) | Value::Float(_)
    )
}

fn to_float(v: &Value) -> Result<f64, PyErr> {
    match v {
        Value::Float(f) => Ok(f.get()),
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
    // Memory the machine cannot give is a MemoryError, as in CPython (never an
    // abort): the whole result is reserved before it is filled.
    let total = (items.len() as u128) * (n as u128);
    let mut out = Vec::new();
    let bytes = total * (std::mem::size_of::<T>().max(1) as u128);
    let too_big = bytes > isize::MAX as u128 || !crate::objects::memory::fits(bytes);
    if too_big || out.try_reserve_exact(total as usize).is_err() {
        return Err(PyErr::new(&types().exc.memory_error, vec![]));
    }
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
    Some(Value::float(match arg % 13 {
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
    th: &mut crate::vm::state::MicroThread,
    code: &Code,
    ip: usize,
    base: usize,
    a: Value,
) -> Value {
    if let Some(next) = code.instrs.get(ip) {
        if next.op == Op::STORE_FAST || next.op == Op::STORE_FAST__STORE_FAST {
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
                owned.reserve(t.as_str().len())?;
                owned.push_str(t.as_str());
                return Ok(Value::Str(s));
            }
            let mut out = memory::string_with(s.as_str().len() + t.as_str().len())?;
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
    if crate::objects::class::is_user(a) || crate::objects::class::is_user(b) {
        return super::dunder::binary_detached(gil, arg, a, b);
    }
    builtin_binary_op(gil, arg, a, b)
}

/// [`binary_op`] of the built-in types only (a user operand is unsupported).
/// `x + y` for lists and tuples, or `MemoryError` when it cannot be held.
fn concat(x: &[Value], y: &[Value]) -> Result<Vec<Value>, PyErr> {
    let mut v = Vec::new();
    crate::objects::memory::reserve(&mut v, x.len() + y.len())?;
    v.extend(x.iter().cloned());
    v.extend(y.iter().cloned());
    Ok(v)
}

pub fn builtin_binary_op(gil: Gil<'_>, arg: u32, a: &Value, b: &Value) -> Result<Value, PyErr> {
    let inplace = arg >= 13;
    let op = BINOPS[(arg % 13) as usize];
    let class_or_none = |v: &Value| matches!(v, Value::Type(_) | Value::None);
    if op == "|"
        && class_or_none(a)
        && class_or_none(b)
        && !(a.is(&Value::None) && b.is(&Value::None))
    {
        // `int | str`: a `types.UnionType` (frozen Python).
        let import = crate::native::builtin_function(gil, "__import__");
        let m = super::detached::call(gil, "__import__", &import, vec![Value::str("types")])?;
        let union = getattr(gil, &m, "_union_or")?;
        return super::detached::call(gil, "|", &union, vec![a.clone(), b.clone()]);
    }
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
    if op == "+" && matches!(a, Value::Bytes(_) | Value::ByteArray(_)) {
        return concat_bytes(gil, inplace, a, b);
    }
    if let Some(r) = native_binop(gil, op, inplace, a, b) {
        return r;
    }
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
                Ok(Value::bool(match op {
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
    if matches!(a, Value::Complex(_)) || matches!(b, Value::Complex(_)) {
        if let (Some(x), Some(y)) = (complex::operand(a), complex::operand(b)) {
            if !matches!(op, "+" | "-" | "*" | "/" | "**") {
                return Err(fail());
            }
            return complex::binop(op, x?, y?).unwrap_or_else(|| Err(fail()));
        }
    }
    match (op, a, b) {
        ("+", Value::Str(x), Value::Str(y)) => {
            let mut s = memory::string_with(x.as_str().len() + y.as_str().len())?;
            s.push_str(x.as_str());
            s.push_str(y.as_str());
            Ok(Value::string(s))
        }
        ("+", Value::Str(_), _) => Err(type_error(format!(
            "can only concatenate str (not \"{}\") to str",
            type_name(b)
        ))),
        // A count beyond a machine integer, as CPython's `sq_repeat` (`PyNumber_AsSsize_t`).
        (
            "*",
            Value::Str(_)
            | Value::List(_)
            | Value::Tuple(_)
            | Value::Bytes(_)
            | Value::ByteArray(_),
            Value::Big(_),
        )
        | (
            "*",
            Value::Big(_),
            Value::Str(_)
            | Value::List(_)
            | Value::Tuple(_)
            | Value::Bytes(_)
            | Value::ByteArray(_),
        ) => Err(overflow_error(
            "cannot fit 'int' into an index-sized integer",
        )),
        ("*", Value::Str(s), n) | ("*", n, Value::Str(s)) if repeat_count(n).is_some() => {
            let n = repeat_count(n).unwrap_or(0);
            if n <= 0 {
                return Ok(Value::str(""));
            }
            let total = (s.as_str().len() as u128) * (n as u128);
            if total > isize::MAX as u128 {
                return Err(overflow_error("repeated string is too long"));
            }
            let mut out = String::new();
            if !crate::objects::memory::fits(total)
                || out.try_reserve_exact(total as usize).is_err()
            {
                return Err(PyErr::new(&types().exc.memory_error, vec![]));
            }
            for _ in 0..n {
                out.push_str(s.as_str());
            }
            Ok(Value::string(out))
        }
        ("%", Value::Bytes(t), args) => Ok(Value::Bytes(crate::objects::rc::Arc::new(
            crate::objects::format::percent_bytes(gil, t, args)?,
        ))),
        ("%", Value::ByteArray(t), args) => {
            let t = t.borrow(gil).clone();
            Ok(Value::ByteArray(crate::objects::rc::Arc::new(
                crate::objects::gil::GilCell::new(crate::objects::format::percent_bytes(
                    gil, &t, args,
                )?),
            )))
        }
        ("%", Value::Str(s), args) => Ok(Value::string(crate::objects::format::percent(
            gil,
            s.as_str(),
            args,
        )?)),
        // The results grow (or are made) with room asked for first: a list or tuple
        // the memory cannot hold is a `MemoryError`, not an abort.
        ("+", Value::List(x), Value::List(y)) => {
            if inplace {
                let add = y.borrow(gil).clone();
                crate::objects::memory::extend(&mut x.borrow_mut(gil), add)?;
                return Ok(a.clone());
            }
            let (x, y) = (x.borrow(gil), y.borrow(gil));
            Ok(Value::list(concat(&x, &y)?))
        }
        ("+", Value::List(_), _) if !inplace => Err(type_error(format!(
            "can only concatenate list (not \"{}\") to list",
            type_name(b)
        ))),
        ("+", Value::Tuple(x), Value::Tuple(y)) => Ok(Value::tuple(concat(x, y)?)),
        ("+", Value::Tuple(_), _) => Err(type_error(format!(
            "can only concatenate tuple (not \"{}\") to tuple",
            type_name(b)
        ))),
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
            // An exact tuple repeated once is itself (CPython's `tuple_repeat`).
            if repeat_count(n) == Some(1) {
                return Ok(Value::Tuple(t.clone()));
            }
            Ok(Value::tuple(repeat(t, repeat_count(n).unwrap_or(0))?))
        }
        ("*", Value::Bytes(t), n) | ("*", n, Value::Bytes(t)) if repeat_count(n).is_some() => {
            let n = repeat_count(n).unwrap_or(0);
            if n > 0 && (t.len() as u128) * (n as u128) > isize::MAX as u128 {
                return Err(overflow_error("repeated bytes are too long"));
            }
            Ok(Value::Bytes(Arc::new(repeat(t, n)?)))
        }
        ("*", Value::ByteArray(t), n) | ("*", n, Value::ByteArray(t))
            if repeat_count(n).is_some() =>
        {
            let items = memory::copy(&t.borrow(gil))?;
            let v = repeat(&items, repeat_count(n).unwrap_or(0))?;
            if inplace && matches!(a, Value::ByteArray(_)) {
                if v.len() != items.len() {
                    crate::objects::buffer::check_bytearray(t)?;
                }
                *t.borrow_mut(gil) = v;
                return Ok(a.clone());
            }
            Ok(Value::ByteArray(Arc::new(GilCell::new(v))))
        }
        ("*", Value::Str(_) | Value::List(_) | Value::Tuple(_) | Value::Bytes(_), n)
        | ("*", n, Value::Str(_) | Value::List(_) | Value::Tuple(_) | Value::Bytes(_))
        | ("*", Value::ByteArray(_), n)
        | ("*", n, Value::ByteArray(_)) => Err(type_error(format!(
            "can't multiply sequence by non-int of type '{}'",
            type_name(n)
        ))),
        (
            "|" | "&" | "-" | "^",
            Value::Set(_) | Value::FrozenSet(_),
            Value::Set(_) | Value::FrozenSet(_),
        ) => {
            if inplace {
                if let Value::Set(s) = a {
                    if compare::set_update_in_place(gil, s, op, b) {
                        return Ok(a.clone());
                    }
                }
            }
            let r = {
                let (x, y) = compare::set_operands(gil, a, b);
                set_op(op, &x, &y, inplace)
            };
            if inplace {
                if let Value::Set(s) = a {
                    *s.borrow_mut(gil) = r;
                    return Ok(a.clone());
                }
            }
            Ok(match a {
                Value::FrozenSet(_) => Value::FrozenSet(Arc::new(r)),
                _ => Value::set(r),
            })
        }
        ("|" | "&" | "-" | "^", _, _) if is_set_view(gil, a) || is_set_view(gil, b) => {
            // `d.keys() & other`: a set of the view's items, whichever side it is on.
            let (Some(x), Some(y)) = (view_operand(gil, a)?, view_operand(gil, b)?) else {
                return Err(fail());
            };
            Ok(Value::set(set_op(op, &x, &y, false)))
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

/// The bytes of a bytes-like value (a subclass instance's too), `None` for others.
fn bytes_of(gil: Gil<'_>, v: &Value) -> Result<Option<Vec<u8>>, PyErr> {
    Ok(match crate::objects::class::payload(v).unwrap_or(v) {
        Value::Bytes(y) => Some(memory::copy(y)?),
        Value::ByteArray(y) => Some(memory::copy(&y.borrow(gil))?),
        Value::Object(o) => o.0.buffer(gil),
        _ => None,
    })
}

/// `a + b` (`a += b`) for bytes or a bytearray `a` and any bytes-like `b` (CPython's
/// `sq_concat`/`sq_inplace_concat`): a bytearray grows in place, amortized O(1).
fn concat_bytes(gil: Gil<'_>, inplace: bool, a: &Value, b: &Value) -> Result<Value, PyErr> {
    let Some(tail) = bytes_of(gil, b)? else {
        return Err(type_error(format!(
            "can't concat {} to {}",
            type_name(b),
            type_name(a)
        )));
    };
    match a {
        Value::ByteArray(x) if inplace => {
            if !tail.is_empty() {
                crate::objects::buffer::check_bytearray(x)?;
            }
            memory::extend_from(&mut x.borrow_mut(gil), &tail)?;
            Ok(a.clone())
        }
        Value::ByteArray(x) => {
            let x = x.borrow(gil);
            let mut v = memory::vec_with(x.len() + tail.len())?;
            v.extend_from_slice(&x);
            v.extend_from_slice(&tail);
            Ok(Value::ByteArray(Arc::new(GilCell::new(v))))
        }
        _ => {
            let head = bytes_of(gil, a)?.unwrap_or_default();
            let mut v = memory::vec_with(head.len() + tail.len())?;
            v.extend_from_slice(&head);
            v.extend_from_slice(&tail);
            Ok(Value::Bytes(Arc::new(v)))
        }
    }
}

/// A binary operator a native object defines (`NativeObject::binop`): the left
/// operand's (in-place form first), then the right operand's reflected one.
fn native_binop(
    gil: Gil<'_>,
    op: &str,
    inplace: bool,
    a: &Value,
    b: &Value,
) -> Option<Result<Value, PyErr>> {
    if !matches!(a, Value::Object(_)) && !matches!(b, Value::Object(_)) {
        return None;
    }
    if let Value::Object(o) = a {
        if inplace {
            if let Some(r) = o.0.binop(gil, a, &format!("{op}="), b, false) {
                return Some(r);
            }
        }
        if let Some(r) = o.0.binop(gil, a, op, b, false) {
            return Some(r);
        }
    }
    if let Value::Object(o) = b {
        if let Some(r) = o.0.binop(gil, b, op, a, true) {
            return Some(r);
        }
    }
    None
}

/// A keys or items view (they are set-like; a values view is not).
fn is_set_view(gil: Gil<'_>, v: &Value) -> bool {
    match v {
        Value::Iter(i) => matches!(
            &*i.borrow(gil),
            crate::objects::iter::Iter::View { part, .. }
                if !matches!(part, crate::objects::iter::DictPart::Values)
        ),
        _ => false,
    }
}

/// An operand of a set operator with a dict view, as a set (`None` for a value that
/// is not iterable without running Python).
fn view_operand(gil: Gil<'_>, v: &Value) -> Result<Option<Set>, PyErr> {
    let items: Vec<Value> = match v {
        Value::Set(_) | Value::FrozenSet(_) | Value::Dict(_) => {
            return Ok(Some(compare::set_of(gil, v)))
        }
        Value::Iter(i) => match i.borrow(gil).view_items(gil) {
            Some((_, items)) => items,
            None => return Ok(None),
        },
        Value::List(l) => l.borrow(gil).clone(),
        Value::Tuple(t) => t.to_vec(),
        _ => return Ok(None),
    };
    Set::from_values(items).map(Some)
}

#[allow(clippy::only_used_in_recursion)]
pub fn unary(gil: Gil<'_>, op: &str, a: &Value) -> Result<Value, PyErr> {
    match (op, a) {
        // An `int` or `float` subclass's inherited `__neg__`: a plain number.
        (_, Value::Instance(_))
            if crate::objects::class::payload(a)
                .is_some_and(|p| is_num(p) || matches!(p, Value::Complex(_))) =>
        {
            unary(gil, op, &crate::objects::class::unwrap_number(a))
        }
        ("-", Value::Float(f)) => Ok(Value::float(-f.get())),
        ("-", Value::Complex(c)) => Ok(complex::value(-c.re, -c.im)),
        ("+", Value::Complex(_)) => Ok(a.clone()),
        ("+", Value::Float(f)) => Ok(Value::float(f.get())),
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
        Value::Str(s) => match item.as_str() {
            Some(i) => Ok(s.as_str().contains(i)),
            _ => Err(type_error(format!(
                "'in <string>' requires string as left operand, not {}",
                type_name(item)
            ))),
        },
        Value::List(l) => {
            // Item by item, each one held while it is compared (a user `__eq__` may
            // change the list), as CPython's `list_contains`: not a copy of the list.
            let mut i = 0;
            loop {
                let Some(x) = l.borrow(gil).get(i).cloned() else {
                    return Ok(false);
                };
                if x.is(item) || compare::eq(gil, &x, item)? {
                    return Ok(true);
                }
                i += 1;
            }
        }
        Value::Tuple(t) => in_seq(t),
        Value::Dict(d) => super::dictprobe::contains(gil, d, item),
        Value::Set(s) => {
            let r = s.borrow(gil).contains(item);
            compare::with_frozen_key(gil, item, r, |k| s.borrow(gil).contains(k))
        }
        Value::FrozenSet(s) => {
            compare::with_frozen_key(gil, item, s.contains(item), |k| s.contains(k))
        }
        Value::Range(r) => match item {
            Value::Int(_) | Value::Bool(_) | Value::Big(_) => Ok(r.contains_int(item)),
            // CPython's `_PySequence_IterSearch`: item by item (`1.0 in range(3)`).
            other => {
                for x in r.values() {
                    if compare::eq(gil, &x, other)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
        },
        Value::Bytes(b) => bytes_contains(gil, b, item),
        Value::ByteArray(b) => {
            let b = b.borrow(gil).clone();
            bytes_contains(gil, &b, item)
        }
        Value::Object(o) => o.0.contains(gil, item).unwrap_or_else(|| {
            Err(type_error(format!(
                "argument of type '{}' is not iterable",
                type_name(container)
            )))
        }),
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

/// `item in b` for `bytes` and `bytearray` (CPython's `_Py_bytes_contains`): an
/// integer is a byte, anything else must be bytes-like and is a substring.
fn bytes_contains(gil: Gil<'_>, b: &[u8], item: &Value) -> Result<bool, PyErr> {
    let sub = |x: &[u8]| x.is_empty() || b.windows(x.len()).any(|w| w == x);
    match item {
        Value::Int(i) => {
            if !(0..256).contains(i) {
                return Err(value_error("byte must be in range(0, 256)"));
            }
            Ok(b.contains(&(*i as u8)))
        }
        Value::Bool(v) => Ok(b.contains(&u8::from(v.get()))),
        Value::Big(_) => Err(value_error("byte must be in range(0, 256)")),
        Value::Bytes(x) => Ok(sub(x)),
        Value::ByteArray(x) => Ok(sub(&x.borrow(gil))),
        // `memoryview`, `array.array`: their bytes.
        Value::Object(o) if o.0.buffer(gil).is_some() => {
            Ok(sub(&o.0.buffer(gil).unwrap_or_default()))
        }
        // An `int`, `bytes` or `bytearray` subclass's value.
        Value::Instance(i)
            if matches!(
                i.base,
                Value::Int(_) | Value::Big(_) | Value::Bytes(_) | Value::ByteArray(_)
            ) =>
        {
            bytes_contains(gil, b, &i.base)
        }
        _ => Err(type_error(format!(
            "a bytes-like object is required, not '{}'",
            type_name(item)
        ))),
    }
}

/// `LIST_APPEND`, `SET_ADD`, `LIST_EXTEND`, `SET_UPDATE`, `DICT_UPDATE`.
pub fn collection_add(cx: &mut Cx<'_, '_>, op: Op, target: &Value, v: Value) -> PyResult<()> {
    let gil = cx.gil;
    match (op, target) {
        (Op::LIST_APPEND, Value::List(l)) => {
            crate::objects::memory::push(&mut l.borrow_mut(gil), v)?
        }
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
            let Some(items) = mapping_items(cx, &v)? else {
                return Err(
                    type_error(format!("'{}' object is not a mapping", type_name(&v))).into(),
                );
            };
            for (k, x) in items {
                super::dictprobe::set(gil, d, k, x)?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// The items of mapping `v` (a dict, or anything with `keys()` and `__getitem__`, as
/// CPython's `PyDict_Merge`); `None` when it has no `keys`.
fn mapping_items(cx: &mut Cx<'_, '_>, v: &Value) -> PyResult<Option<Vec<(Value, Value)>>> {
    use crate::objects::methods::{dict_pairs, pairs_by_keys};
    if let Some(pairs) = dict_pairs(cx, v) {
        return Ok(Some(pairs));
    }
    match cx.getattr(v, "keys") {
        Ok(keys) => pairs_by_keys(cx, v, &keys).map(Some),
        Err(Unwind::Raise(e)) if e.is_instance(&types().exc.attribute_error) => Ok(None),
        Err(e) => Err(e),
    }
}

/// How a call's errors name the called object (CPython's `_PyObject_FunctionStr`):
/// `module.qualname()`, or `qualname()` for a built-in, else its `str`.
pub fn function_str(cx: &mut Cx<'_, '_>, f: &Value) -> String {
    let qualname = match cx.getattr(f, "__qualname__") {
        Ok(Value::Str(q)) => q.as_str().to_owned(),
        _ => return cx.str(f).unwrap_or_else(|_| type_name(f).to_owned()),
    };
    match cx.getattr(f, "__module__") {
        Ok(Value::Str(m)) if m.as_str() != "builtins" => format!("{}.{qualname}()", m.as_str()),
        _ => format!("{qualname}()"),
    }
}

/// [`function_str`] of the callee of a call whose two stack slots are `a` and `b`
/// (`NULL` and the callable, or what `LOAD_METHOD` left: a method and its `self`).
fn callee_str(cx: &mut Cx<'_, '_>, (a, b): (&Value, &Value)) -> String {
    match a {
        Value::Null => function_str(cx, b),
        Value::Native(n) => format!("{}()", super::attr::bound_native_qualname(b, n)),
        a => function_str(cx, a),
    }
}

/// `DICT_MERGE`: `**v` of a call into the keywords so far, `target` (`callee`: the
/// call's two stack slots, for the errors).
pub fn dict_merge(
    cx: &mut Cx<'_, '_>,
    callee: (&Value, &Value),
    target: &Value,
    v: Value,
) -> PyResult<()> {
    let gil = cx.gil;
    let Value::Dict(d) = target else {
        return Ok(());
    };
    let Some(items) = mapping_items(cx, &v)? else {
        let f = callee_str(cx, callee);
        return Err(type_error(format!(
            "{f} argument after ** must be a mapping, not {}",
            type_name(&v)
        ))
        .into());
    };
    for (k, x) in items {
        let given = match &k {
            Value::Str(s) => d.borrow(gil).find_str(s).is_some(),
            _ => false,
        };
        if given {
            let f = callee_str(cx, callee);
            let name = k.as_str().unwrap_or_default();
            return Err(type_error(format!(
                "{f} got multiple values for keyword argument '{name}'"
            ))
            .into());
        }
        super::dictprobe::set(gil, d, k, x)?;
    }
    Ok(())
}

/// `CALL_FUNCTION_EX`'s `*xs` when `xs` is not a tuple or list: its items.
pub fn star_args(cx: &mut Cx<'_, '_>, callee: (&Value, &Value), xs: &Value) -> PyResult<Value> {
    match cx.collect(xs) {
        Ok(items) => Ok(Value::tuple(items)),
        Err(Unwind::Raise(e))
            if e.is_instance(&types().exc.type_error)
                && !crate::objects::class::is_user(xs)
                && crate::vm::iterate::get_iter(cx.gil, xs).is_err() =>
        {
            let f = callee_str(cx, callee);
            Err(type_error(format!(
                "{f} argument after * must be an iterable, not {}",
                type_name(xs)
            ))
            .into())
        }
        Err(e) => Err(e),
    }
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
        3 => Value::string(crate::objects::format::ascii(&cx.repr(v)?)?),
        _ => v.clone(),
    };
    let spec = spec.and_then(Value::as_str).unwrap_or("");
    format_spec(cx, &v, spec)
}

/// `format(v, spec)`: a user `__format__`, or the built-in mini-language.
pub fn format_spec(cx: &mut Cx<'_, '_>, v: &Value, spec: &str) -> PyResult<Value> {
    if crate::objects::class::is_user(v) {
        if let Some(f) = crate::objects::class::special(cx.gil, v, "__format__") {
            let r = cx.call(&f, vec![v.clone(), Value::str(spec)])?;
            return match r {
                Value::Str(_) => Ok(r),
                other => Err(type_error(format!(
                    "__format__ must return a str, not {}",
                    type_name(&other)
                ))
                .into()),
            };
        }
        match crate::objects::class::payload(v) {
            // `int.__format__` and friends: an empty spec is `str(v)`, which may be
            // the subclass's own.
            Some(p) if !spec.is_empty() && !matches!(p, Value::Cell(_)) => {
                return format_spec(cx, &p.clone(), spec);
            }
            _ => {}
        }
        if !spec.is_empty() {
            return Err(type_error(format!(
                "unsupported format string passed to {}.__format__",
                type_name(v)
            ))
            .into());
        }
    }
    if spec.is_empty() {
        if let Value::Str(_) = v {
            return Ok(v.clone());
        }
        return Ok(Value::string(cx.str(v)?));
    }
    Ok(Value::string(crate::objects::format::format(
        cx.gil, v, spec,
    )?))
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

/// `BEFORE_WITH`: the context manager's `__enter__` and `__exit__` (looked up like any
/// attribute, so bound methods of any kind come back), with CPython's errors.
pub fn with_methods(gil: Gil<'_>, mgr: &Value) -> Result<(Value, Value), PyErr> {
    let missing = |e: PyErr, what: &str| {
        if e.is_instance(&types().exc.attribute_error) {
            type_error(format!(
                "'{}' object does not support the context manager protocol{what}",
                type_name(mgr)
            ))
        } else {
            e
        }
    };
    let enter = getattr(gil, mgr, "__enter__").map_err(|e| missing(e, ""))?;
    let exit =
        getattr(gil, mgr, "__exit__").map_err(|e| missing(e, " (missed __exit__ method)"))?;
    Ok((enter, exit))
}
