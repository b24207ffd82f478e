//! Indexing and slicing rules shared by the sequence types (CPython's
//! `PySlice_GetIndicesEx` and negative-index handling).

use super::exception::{type_error, value_error, PyErr};
use super::types::type_name;
use super::value::Value;

/// Normalize index `i` for a sequence of `len`; `None` if out of range.
pub fn index(i: i64, len: usize) -> Option<usize> {
    let len = len as i64;
    let j = if i < 0 { i + len } else { i };
    (0..len).contains(&j).then_some(j as usize)
}

/// An index value: int or bool; big ints are out of any range.
pub fn index_value(v: &Value, what: &str) -> Result<i64, PyErr> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        Value::Big(b) => Ok(if b.sign() == num_bigint::Sign::Minus {
            i64::MIN
        } else {
            i64::MAX
        }),
        _ => Err(type_error(format!(
            "{what} indices must be integers or slices, not {}",
            type_name(v)
        ))),
    }
}

fn slice_part(v: &Value) -> Result<Option<i64>, PyErr> {
    match v {
        Value::None => Ok(None),
        Value::Int(i) => Ok(Some(*i)),
        Value::Bool(b) => Ok(Some(*b as i64)),
        Value::Big(b) => Ok(Some(if b.sign() == num_bigint::Sign::Minus {
            i64::MIN / 2
        } else {
            i64::MAX / 2
        })),
        _ => Err(type_error(
            "slice indices must be integers or None or have an __index__ method",
        )),
    }
}

/// `(start, stop, step, count)` of a slice applied to a sequence of `len`.
pub fn slice_indices(s: &[Value; 3], len: usize) -> Result<(i64, i64, i64, usize), PyErr> {
    let step = slice_part(&s[2])?.unwrap_or(1);
    if step == 0 {
        return Err(value_error("slice step cannot be zero"));
    }
    let len = len as i64;
    let clamp = |v: Option<i64>, default: i64| -> i64 {
        match v {
            None => default,
            Some(mut x) => {
                if x < 0 {
                    x += len;
                    if x < 0 {
                        x = if step < 0 { -1 } else { 0 };
                    }
                } else if x >= len {
                    x = if step < 0 { len - 1 } else { len };
                }
                x
            }
        }
    };
    let (start, stop) = if step < 0 {
        (
            clamp(slice_part(&s[0])?, len - 1),
            clamp(slice_part(&s[1])?, -1),
        )
    } else {
        (clamp(slice_part(&s[0])?, 0), clamp(slice_part(&s[1])?, len))
    };
    let count = if step < 0 {
        if stop < start {
            (start - stop - 1) / (-step) + 1
        } else {
            0
        }
    } else if start < stop {
        (stop - start - 1) / step + 1
    } else {
        0
    };
    Ok((start, stop, step, count as usize))
}

/// The items of `items` selected by a slice.
pub fn slice_of<T: Clone>(items: &[T], s: &[Value; 3]) -> Result<Vec<T>, PyErr> {
    let (start, _, step, count) = slice_indices(s, items.len())?;
    if step == 1 {
        let start = start as usize;
        return Ok(items[start..start + count].to_vec());
    }
    Ok((0..count)
        .map(|k| items[(start + k as i64 * step) as usize].clone())
        .collect())
}
