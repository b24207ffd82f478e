//! Indexing and slicing rules shared by the sequence types (CPython's
//! `PySlice_GetIndicesEx` and negative-index handling).

use super::exception::{index_error, type_error, value_error, PyErr};
use super::types::type_name;
use super::value::Value;

/// Normalize index `i` for a sequence of `len`; `None` if out of range.
pub fn index(i: i64, len: usize) -> Option<usize> {
    let len = len as i64;
    let j = if i < 0 { i + len } else { i };
    (0..len).contains(&j).then_some(j as usize)
}

/// An index value: int or bool; an int beyond an i64 is CPython's IndexError
/// ("cannot fit 'int' into an index-sized integer").
pub fn index_value(v: &Value, what: &str) -> Result<i64, PyErr> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        Value::Big(_) => Err(index_error("cannot fit 'int' into an index-sized integer")),
        // An `int` subclass's value.
        Value::Instance(i) if super::int::is_int(&i.base) => index_value(&i.base, what),
        _ => Err(type_error(format!(
            "{what} indices must be integers or slices, not {}",
            type_name(v)
        ))),
    }
}

fn slice_part(v: &Value) -> Result<Option<i128>, PyErr> {
    match v {
        Value::None => Ok(None),
        Value::Int(i) => Ok(Some(*i as i128)),
        Value::Bool(b) => Ok(Some(*b as i128)),
        // Beyond any length, so clamped like one.
        Value::Big(b) => Ok(Some(num_traits::ToPrimitive::to_i128(&**b).unwrap_or(
            if b.sign() == num_bigint::Sign::Minus {
                i128::MIN / 4
            } else {
                i128::MAX / 4
            },
        ))),
        Value::Instance(i) if super::int::is_int(&i.base) => slice_part(&i.base),
        _ => Err(type_error(
            "slice indices must be integers or None or have an __index__ method",
        )),
    }
}

/// `(start, stop, step, count)` of a slice applied to a sequence of `len`.
pub fn slice_indices(s: &[Value; 3], len: usize) -> Result<(i64, i64, i64, usize), PyErr> {
    let (start, stop, step, count) = slice_indices_wide(s, len as i128)?;
    // start and stop lie in -1..=len; a step beyond an i64 selects one item at most.
    let step = step.clamp(i64::MIN as i128, i64::MAX as i128) as i64;
    Ok((start as i64, stop as i64, step, count as usize))
}

/// [`slice_indices`] in i128, wide enough for any index a slice gives (a range slices
/// in big ints: `objects::range`).
fn slice_indices_wide(s: &[Value; 3], len: i128) -> Result<(i128, i128, i128, i128), PyErr> {
    let step = slice_part(&s[2])?.unwrap_or(1);
    if step == 0 {
        return Err(value_error("slice step cannot be zero"));
    }
    let clamp = |v: Option<i128>, default: i128| -> i128 {
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
    Ok((start, stop, step, count))
}

/// The items of `items` selected by a slice.
pub fn slice_of<T: Clone>(items: &[T], s: &[Value; 3]) -> Result<Vec<T>, PyErr> {
    let (start, _, step, count) = slice_indices(s, items.len())?;
    if step == 1 {
        let start = start as usize;
        return super::memory::copy(&items[start..start + count]);
    }
    let mut out = super::memory::vec_with(count)?;
    out.extend((0..count).map(|k| items[(start + k as i64 * step) as usize].clone()));
    Ok(out)
}
