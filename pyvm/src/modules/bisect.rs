//! `_bisect`: CPython's C bisection functions (`bisect_left`, `bisect_right`,
//! `insort_left`, `insort_right`, each `(a, x, lo=0, hi=None, *, key=None)`), over
//! any sequence with `__len__` and `__getitem__`. Items are ordered by `<` alone; a
//! comparison or a `key` may run Python code (which may block its micro-thread, as
//! under `min`/`sorted`). `insort` inserts into an exact `list` directly and calls
//! the `insert` method of anything else (a `list` subclass's own `insert` too).

use crate::objects::rc::Arc;
use std::sync::OnceLock;

use crate::native::*;
use crate::objects::compare::less;
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::module::Module;
use crate::objects::types::type_name;

static MODULE: OnceLock<Arc<Module>> = OnceLock::new();

pub(crate) static FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "bisect_right" => bisect_right, "insort_right" => insort_right,
    "bisect_left" => bisect_left, "insort_left" => insort_left,
];

const DOC: &str = "Bisection algorithms.\n\nThis module provides support for maintaining a list in sorted order without\nhaving to sort the list after each insertion. For long lists of items with\nexpensive comparison operations, this can be an improvement over the more\ncommon approach.\n";

/// The `_bisect` module (one per process).
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    MODULE.get_or_init(|| {
        let m = Module::with_functions(gil, "_bisect", FUNCS);
        m.set(gil, "__doc__", Value::str(DOC));
        Arc::new(m)
    })
}

/// The parsed arguments: `a`, `x`, `lo`, `hi` (`None`: `len(a)`), `key`.
struct Bounds {
    a: Value,
    x: Value,
    lo: i64,
    hi: Option<i64>,
    key: Option<Value>,
}

/// Argument Clinic's parsing of `(a, x, lo=0, hi=None, *, key=None)`.
fn parse(cx: &mut Cx, args: Args, name: &str) -> PyResult<Bounds> {
    let mut it = clinic(args, name, &["a", "x", "lo", "hi", "key"], 2, 4)?.into_iter();
    let a = it.next().flatten().unwrap_or(Value::None);
    let x = it.next().flatten().unwrap_or(Value::None);
    let lo = match it.next().flatten() {
        None => 0,
        Some(v) => {
            let i = crate::modules::builtins::number_index(cx, &v)?;
            match i {
                Value::Int(i) => i,
                _ => {
                    return Err(
                        overflow_error("Python int too large to convert to C ssize_t").into(),
                    )
                }
            }
        }
    };
    let hi = match it.next().flatten() {
        None | Some(Value::None) => None,
        Some(v) => {
            let is_int = matches!(v, Value::Int(_) | Value::Big(_) | Value::Bool(_))
                || crate::objects::class::special(cx.gil, &v, "__index__").is_some()
                || crate::objects::class::payload(&v).is_some_and(crate::objects::int::is_int);
            if !is_int {
                return Err(type_error(format!(
                    "argument should be integer or None, not '{}'",
                    type_name(&v)
                ))
                .into());
            }
            match crate::modules::builtins::number_index(cx, &v)? {
                Value::Int(i) => Some(i),
                // `PyNumber_AsSsize_t(obj, PyExc_OverflowError)`.
                _ => {
                    return Err(overflow_error(format!(
                        "cannot fit '{}' into an index-sized integer",
                        type_name(&v)
                    ))
                    .into())
                }
            }
        }
    };
    let key = it.next().flatten().filter(|k| !matches!(k, Value::None));
    if lo < 0 {
        return Err(value_error("lo must be non-negative").into());
    }
    Ok(Bounds { a, x, lo, hi, key })
}

/// `a[i]` (an exact list read directly).
fn item(cx: &mut Cx, a: &Value, i: i64) -> PyResult<Value> {
    if let Value::List(l) = a {
        return match l.borrow(cx.gil).get(i as usize) {
            Some(v) => Ok(v.clone()),
            None => Err(index_error("list index out of range").into()),
        };
    }
    cx.getitem(a, &Value::Int(i))
}

/// The insertion point of `x` in `a[lo:hi]`: after equal items (`right`) or before.
fn search(cx: &mut Cx, b: &Bounds, x: &Value, right: bool) -> PyResult<i64> {
    let mut lo = b.lo;
    // CPython takes `hi == -1` for "not given" too.
    let mut hi = match b.hi {
        Some(h) if h != -1 => h,
        _ => match crate::modules::builtins::len(cx, Args::new([b.a.clone()]))? {
            Value::Int(n) => n,
            _ => 0,
        },
    };
    while lo < hi {
        // `((size_t)lo + hi) / 2`: no overflow for non-negative bounds.
        let mid = ((lo as u64 + hi as u64) / 2) as i64;
        let mut litem = item(cx, &b.a, mid)?;
        if let Some(key) = &b.key {
            litem = cx.call(key, vec![litem])?;
        }
        let before = if right {
            less(cx.gil, x, &litem)?
        } else {
            !less(cx.gil, &litem, x)?
        };
        if before {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    Ok(lo)
}

fn bisect(cx: &mut Cx, args: Args, name: &str, right: bool) -> PyResult<Value> {
    let b = parse(cx, args, name)?;
    Ok(Value::Int(search(cx, &b, &b.x, right)?))
}

fn insort(cx: &mut Cx, args: Args, name: &str, right: bool) -> PyResult<Value> {
    let b = parse(cx, args, name)?;
    let index = match &b.key {
        None => search(cx, &b, &b.x, right)?,
        Some(key) => {
            let kx = cx.call(key, vec![b.x.clone()])?;
            search(cx, &b, &kx, right)?
        }
    };
    if let Value::List(l) = &b.a {
        let mut l = l.borrow_mut(cx.gil);
        let at = (index.max(0) as usize).min(l.len());
        l.insert(at, b.x.clone());
        return Ok(Value::None);
    }
    let insert = cx.getattr(&b.a, "insert")?;
    cx.call(&insert, vec![Value::Int(index), b.x.clone()])?;
    Ok(Value::None)
}

/// `bisect_right(a, x, lo=0, hi=None, *, key=None)`.
fn bisect_right(cx: &mut Cx, args: Args) -> PyResult<Value> {
    bisect(cx, args, "bisect_right", true)
}

/// `bisect_left(a, x, lo=0, hi=None, *, key=None)`.
fn bisect_left(cx: &mut Cx, args: Args) -> PyResult<Value> {
    bisect(cx, args, "bisect_left", false)
}

/// `insort_right(a, x, lo=0, hi=None, *, key=None)`.
fn insort_right(cx: &mut Cx, args: Args) -> PyResult<Value> {
    insort(cx, args, "insort_right", true)
}

/// `insort_left(a, x, lo=0, hi=None, *, key=None)`.
fn insort_left(cx: &mut Cx, args: Args) -> PyResult<Value> {
    insort(cx, args, "insort_left", false)
}
