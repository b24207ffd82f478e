//! `range` methods: `index` and `count`, arithmetic for an int (CPython's
//! `range_contains_long`), a search item by item for anything else.

use crate::native::*;
use crate::objects::compare;
use crate::objects::range::Range;

use super::natives;

pub static RANGE_METHODS: &[crate::objects::function::NativeDef] = natives![
    "index" => index, "count" => count,
];

pub static SLICE_METHODS: &[crate::objects::function::NativeDef] = natives![
    "indices" => indices,
];

/// `slice.indices(length)`: the `(start, stop, step)` the slice selects from a
/// sequence of `length` items.
fn indices(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    use num_traits::Signed;
    args.check_method("indices", 1, 1)?;
    let Value::Slice(s) = args.at(0) else {
        unreachable!("slice method on a slice")
    };
    let len = crate::objects::int::to_big(args.at(1)).ok_or_else(|| {
        type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            crate::objects::types::type_name(args.at(1))
        ))
    })?;
    if len.is_negative() {
        return Err(value_error("length should not be negative").into());
    }
    let (start, stop, step) = crate::objects::range::slice_indices(s, &len)?;
    let n = crate::objects::int::normalize;
    Ok(Value::tuple(vec![n(start), n(stop), n(step)]))
}

fn range_of(v: &Value) -> &Range {
    match v {
        Value::Range(r) => r,
        _ => unreachable!("range method on a range"),
    }
}

/// An exact `int` or a `bool`: CPython answers these without iterating.
fn is_exact_int(v: &Value) -> bool {
    matches!(v, Value::Int(_) | Value::Bool(_) | Value::Big(_))
}

fn index(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("index", 1, 1)?;
    let (r, x) = (range_of(args.at(0)), args.at(1));
    if is_exact_int(x) {
        return match r.index_int(x) {
            Some(i) => Ok(i),
            None => Err(value_error(format!("{} is not in range", cx.repr(x)?)).into()),
        };
    }
    // `_PySequence_IterSearch` counts in a `Py_ssize_t`.
    for (i, v) in r.values().enumerate() {
        if v.is(x) || compare::eq(cx.gil, &v, x)? {
            return Ok(Value::Int(i as i64));
        }
    }
    Err(value_error("sequence.index(x): x not in sequence").into())
}

fn count(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("count", 1, 1)?;
    let (r, x) = (range_of(args.at(0)), args.at(1));
    if is_exact_int(x) {
        return Ok(Value::Int(r.contains_int(x) as i64));
    }
    let mut n = 0;
    for v in r.values() {
        if v.is(x) || compare::eq(cx.gil, &v, x)? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}
