//! Stable sorting of values with a fallible `<` (for `list.sort` and `sorted`).

use super::compare::less;
use super::exception::PyErr;
use super::gil::Gil;
use super::value::Value;

/// Sort `items` by `keys` (same length) in place; stable, like CPython's Timsort.
pub fn sort(
    gil: Gil<'_>,
    items: &mut Vec<Value>,
    keys: Option<Vec<Value>>,
    reverse: bool,
) -> Result<(), PyErr> {
    let keys = keys.unwrap_or_else(|| items.clone());
    // Fast paths: homogeneous ints or strs compare without failing.
    if keys.iter().all(|k| matches!(k, Value::Int(_))) {
        let mut pairs: Vec<(i64, Value)> = keys
            .iter()
            .zip(items.drain(..))
            .map(|(k, v)| (if let Value::Int(i) = k { *i } else { 0 }, v))
            .collect();
        if reverse {
            pairs.sort_by_key(|p| std::cmp::Reverse(p.0));
        } else {
            pairs.sort_by_key(|p| p.0);
        }
        items.extend(pairs.into_iter().map(|p| p.1));
        return Ok(());
    }
    if keys.iter().all(|k| matches!(k, Value::Str(_))) {
        let mut pairs: Vec<(Value, Value)> = keys.into_iter().zip(items.drain(..)).collect();
        let order = |a: &Value, b: &Value| match (a, b) {
            (Value::Str(x), Value::Str(y)) => x.compare(y),
            _ => std::cmp::Ordering::Equal,
        };
        if reverse {
            pairs.sort_by(|a, b| order(&b.0, &a.0));
        } else {
            pairs.sort_by(|a, b| order(&a.0, &b.0));
        }
        items.extend(pairs.into_iter().map(|p| p.1));
        return Ok(());
    }
    let mut idx: Vec<usize> = (0..items.len()).collect();
    if idx.len() < 64 {
        // CPython's Timsort on a short list is one run plus binary insertion, on the
        // list reversed first when `reverse`: the same comparisons in the same order,
        // so keys that cannot be compared fail on the very pair CPython names.
        let plain = |a: usize, b: usize| less(gil, &keys[a], &keys[b]);
        if reverse {
            idx.reverse();
        }
        small_sort(&mut idx, &plain)?;
        if reverse {
            idx.reverse();
        }
        let old = std::mem::take(items);
        items.extend(idx.into_iter().map(|i| old[i].clone()));
        return Ok(());
    }
    let lt = |a: usize, b: usize| -> Result<bool, PyErr> {
        if reverse {
            less(gil, &keys[b], &keys[a])
        } else {
            less(gil, &keys[a], &keys[b])
        }
    };
    merge_sort(&mut idx, &lt)?;
    let old = std::mem::take(items);
    items.extend(idx.into_iter().map(|i| old[i].clone()));
    Ok(())
}

/// `count_run` then `binarysort` of CPython's `listobject.c` (a list shorter than
/// 64 items is one minimum run).
fn small_sort(
    v: &mut [usize],
    lt: &dyn Fn(usize, usize) -> Result<bool, PyErr>,
) -> Result<(), PyErr> {
    let n = v.len();
    if n < 2 {
        return Ok(());
    }
    // The longest ascending (or strictly descending, then reversed) prefix.
    let mut run = 2;
    if lt(v[1], v[0])? {
        while run < n && lt(v[run], v[run - 1])? {
            run += 1;
        }
        v[..run].reverse();
    } else {
        while run < n && !lt(v[run], v[run - 1])? {
            run += 1;
        }
    }
    // Insert each remaining item after its equals.
    for start in run..n {
        let pivot = v[start];
        let (mut l, mut r) = (0, start);
        while l < r {
            let p = l + (r - l) / 2;
            if lt(pivot, v[p])? {
                r = p;
            } else {
                l = p + 1;
            }
        }
        v.copy_within(l..start, l + 1);
        v[l] = pivot;
    }
    Ok(())
}

/// Bottom-up merge sort with a comparison that may raise.
fn merge_sort(
    v: &mut Vec<usize>,
    lt: &dyn Fn(usize, usize) -> Result<bool, PyErr>,
) -> Result<(), PyErr> {
    let n = v.len();
    // Insertion sort runs of 16.
    let run = 16;
    for start in (0..n).step_by(run) {
        let end = (start + run).min(n);
        for i in start + 1..end {
            let mut j = i;
            while j > start && lt(v[j], v[j - 1])? {
                v.swap(j, j - 1);
                j -= 1;
            }
        }
    }
    let mut width = run;
    let mut buf = Vec::with_capacity(n);
    while width < n {
        buf.clear();
        for lo in (0..n).step_by(2 * width) {
            let mid = (lo + width).min(n);
            let hi = (lo + 2 * width).min(n);
            let (mut i, mut j) = (lo, mid);
            while i < mid && j < hi {
                if lt(v[j], v[i])? {
                    buf.push(v[j]);
                    j += 1;
                } else {
                    buf.push(v[i]);
                    i += 1;
                }
            }
            buf.extend_from_slice(&v[i..mid]);
            buf.extend_from_slice(&v[j..hi]);
        }
        std::mem::swap(v, &mut buf);
        width *= 2;
    }
    Ok(())
}
