//! `__reduce__` and `__setstate__` of the built-in iterators (CPython's
//! `listiter_reduce`, `rangeiter_setstate`, `reversed_reduce`...): `pickle` and
//! `copy` take an iterator partway through and rebuild it at the same position,
//! with the very tuples CPython 3.11 gives (`(iter, ([1, 2, 3],), 2)`; an exhausted
//! one `(iter, ([],))`; a dict or set iterator the list of what is left).

use num_bigint::BigInt;
use num_traits::{ToPrimitive, Zero};

use crate::native::{Args, Cx, PyResult};
use crate::objects::exception::type_error;
use crate::objects::gil::Gil;
use crate::objects::iter::{DictPart, Iter};
use crate::objects::range::Range;
use crate::objects::rc::Arc;
use crate::objects::value::Value;

fn builtin(gil: Gil<'_>, name: &str) -> Value {
    crate::native::builtin_function(gil, name)
}

/// `(f, (arg,), index)`, or `(f, (arg,))` without an index.
fn made_by(f: Value, arg: Value, index: Option<Value>) -> Value {
    let mut t = vec![f, Value::tuple(vec![arg])];
    t.extend(index);
    Value::tuple(t)
}

/// The empty value CPython names for an exhausted iterator of this kind.
fn exhausted(name: &str) -> Value {
    match name {
        "list_iterator"
        | "list_reverseiterator"
        | "dict_keyiterator"
        | "dict_valueiterator"
        | "dict_itemiterator"
        | "set_iterator" => Value::list(Vec::new()),
        "str_iterator" | "str_ascii_iterator" => Value::str(""),
        _ => Value::tuple(Vec::new()),
    }
}

fn int(n: i128) -> Value {
    crate::objects::int::normalize(BigInt::from(n))
}

/// The built-in iterator a method was called on (or the one inside a `map`
/// subclass instance).
fn iter_of(args: &Args, meth: &str) -> PyResult<Arc<crate::objects::gil::GilCell<Iter>>> {
    match super::iter_inside(args.at(0)) {
        Value::Iter(cell) => Ok(cell.clone()),
        _ => Err(type_error(format!("{meth} needs an iterator")).into()),
    }
}

/// The length of what a sequence iterator walks.
fn seq_len(gil: Gil<'_>, seq: &Value) -> usize {
    match seq {
        Value::List(l) => l.borrow(gil).len(),
        Value::Tuple(t) => t.len(),
        Value::Bytes(b) => b.len(),
        Value::ByteArray(b) => b.borrow(gil).len(),
        Value::Str(s) => s.char_len(),
        _ => 0,
    }
}

/// `it.__reduce__()`.
pub(super) fn reduce(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__reduce__", 0, 0)?;
    let cell = iter_of(&args, "__reduce__")?;
    let gil = cx.gil;
    let iter = builtin(gil, "iter");
    let it = cell.borrow(gil);
    let name = it.type_name();
    Ok(match &*it {
        Iter::Seq { seq, idx } => {
            let len = seq_len(gil, seq);
            if *idx < len {
                made_by(iter, seq.clone(), Some(Value::Int(*idx as i64)))
            } else {
                made_by(iter, exhausted(name), None)
            }
        }
        Iter::Chars {
            s: Value::Str(s),
            byte,
        } if *byte < s.as_str().len() => {
            let index = s.as_str()[..*byte].chars().count();
            made_by(iter, Value::Str(s.clone()), Some(Value::Int(index as i64)))
        }
        Iter::Range {
            next,
            step,
            left,
            start,
        } => {
            let (start, step) = (*start as i128, *step as i128);
            let index = (*next as i128 - start) / step;
            let len = index + *left as i128;
            let range = Range::new(start.into(), (start + len * step).into(), step.into());
            made_by(iter, Value::Range(Arc::new(range)), Some(int(index)))
        }
        Iter::LongRange(r) => {
            let index: BigInt = (&r.next - &r.start) / &r.step;
            let stop = &r.start + (&index + &r.left) * &r.step;
            let range = Range::new(r.start.clone(), stop, r.step.clone());
            made_by(
                iter,
                Value::Range(Arc::new(range)),
                Some(crate::objects::int::normalize(index)),
            )
        }
        Iter::Dict {
            dict, slot, part, ..
        } => made_by(iter, Value::list(rest_of(gil, dict, *slot, *part)), None),
        Iter::Reversed { seq, idx } => {
            let by = match seq {
                Value::Tuple(_) => builtin(gil, "reversed"),
                _ if *idx == 0 => iter,
                _ => builtin(gil, "reversed"),
            };
            if *idx == 0 {
                made_by(by, exhausted(name), None)
            } else {
                made_by(by, seq.clone(), Some(Value::Int(*idx as i64 - 1)))
            }
        }
        Iter::Enumerate { inner, count } => Value::tuple(vec![
            builtin(gil, "enumerate"),
            Value::tuple(vec![inner.clone(), Value::Int(*count)]),
        ]),
        Iter::Zip { inners, strict } => {
            let mut t = vec![builtin(gil, "zip"), Value::tuple(inners.clone())];
            if *strict {
                t.push(Value::bool(true));
            }
            Value::tuple(t)
        }
        Iter::Map { func, inners } => {
            let mut a = vec![func.clone()];
            a.extend(inners.iter().cloned());
            Value::tuple(vec![builtin(gil, "map"), Value::tuple(a)])
        }
        Iter::Filter { func, inner } => Value::tuple(vec![
            builtin(gil, "filter"),
            Value::tuple(vec![func.clone(), inner.clone()]),
        ]),
        Iter::Native(n) => match n.reduce(gil) {
            // An instance of a class deriving from the type is rebuilt by its class
            // (C's `Py_TYPE(lz)`).
            Some(Ok(Value::Tuple(t)))
                if !matches!(args.at(0), Value::Iter(_))
                    && matches!(t.first(), Some(Value::Type(_))) =>
            {
                let mut items = t.to_vec();
                items[0] = Value::Type(crate::objects::class::class_of(args.at(0)));
                Value::tuple(items)
            }
            Some(r) => r?,
            None => return Err(cannot_pickle(name).into()),
        },
        Iter::Exhausted("range_iterator" | "longrange_iterator") => made_by(
            iter,
            Value::Range(Arc::new(Range::new(
                BigInt::zero(),
                BigInt::zero(),
                BigInt::from(1),
            ))),
            Some(Value::Int(0)),
        ),
        Iter::Exhausted(_) | Iter::Chars { .. } => match name {
            "reversed" => made_by(builtin(gil, "reversed"), exhausted(name), None),
            _ => made_by(iter, exhausted(name), None),
        },
        Iter::Soft { .. } | Iter::Lines { .. } | Iter::View { .. } => {
            return Err(cannot_pickle(name).into())
        }
    })
}

fn cannot_pickle(name: &str) -> crate::objects::exception::PyErr {
    type_error(format!("cannot pickle '{name}' object"))
}

/// What a dict or set iterator at `slot` has still to give.
fn rest_of(gil: Gil<'_>, dict: &Value, slot: usize, part: DictPart) -> Vec<Value> {
    let pick = |k: &Value, v: &Value| match part {
        DictPart::Keys => k.clone(),
        DictPart::Values => v.clone(),
        DictPart::Items => Value::tuple(vec![k.clone(), v.clone()]),
    };
    let mut out = Vec::new();
    match dict {
        Value::Dict(d) => {
            let d = d.borrow(gil);
            let mut i = slot;
            while let Some(e) = d.slot(i) {
                if let Some(e) = e {
                    out.push(pick(&e.key, &e.value));
                }
                i += 1;
            }
        }
        Value::Set(s) => set_rest(&s.borrow(gil), slot, &mut out),
        Value::FrozenSet(s) => set_rest(s, slot, &mut out),
        _ => {}
    }
    out
}

fn set_rest(s: &crate::objects::set::Set, mut slot: usize, out: &mut Vec<Value>) {
    while let Some(k) = s.slot(slot) {
        out.extend(k.cloned());
        slot += 1;
    }
}

/// The index a `__setstate__` is given (`PyLong_AsSsize_t`: "an integer is
/// required"), saturated for a big int.
fn state_index(v: &Value) -> PyResult<i128> {
    match crate::objects::class::unwrap_number(v) {
        Value::Int(i) => Ok(i as i128),
        Value::Bool(b) => Ok(b.get() as i128),
        Value::Big(b) => Ok(b
            .to_i128()
            .unwrap_or(if b.sign() == num_bigint::Sign::Minus {
                i128::MIN / 4
            } else {
                i128::MAX / 4
            })),
        _ => Err(type_error("an integer is required").into()),
    }
}

/// `it.__setstate__(index)`: the position, clipped to the sequence (CPython's
/// `listiter_setstate` and its siblings).
pub(super) fn setstate(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__setstate__", 1, 1)?;
    let cell = iter_of(&args, "__setstate__")?;
    let gil = cx.gil;
    let state = args.at(1);
    // `zip`'s flag is the state's truth, which may run Python: found first.
    let strict = if matches!(&*cell.borrow(gil), Iter::Zip { .. }) {
        Some(cx.truthy(state)?)
    } else {
        None
    };
    let mut it = cell.borrow_mut(gil);
    let clip = |i: i128, len: usize| i.clamp(0, len as i128) as usize;
    match &mut *it {
        Iter::Seq { seq, idx } => {
            let len = seq_len(gil, seq);
            *idx = clip(state_index(state)?, len);
        }
        Iter::Chars {
            s: Value::Str(s),
            byte,
        } => {
            let text = s.as_str();
            let n = clip(state_index(state)?, text.chars().count());
            *byte = text.char_indices().nth(n).map_or(text.len(), |(b, _)| b);
        }
        Iter::Range {
            next,
            step,
            left,
            start,
        } => {
            let index = (*next as i128 - *start as i128) / *step as i128;
            let len = index + *left as i128;
            let i = state_index(state)?.clamp(0, len);
            *next = (*start as i128 + i * *step as i128) as i64;
            *left = (len - i) as u64;
        }
        Iter::LongRange(r) => {
            let index: BigInt = (&r.next - &r.start) / &r.step;
            let len = &index + &r.left;
            let i = match crate::objects::class::unwrap_number(state) {
                Value::Big(b) => (*b).clone(),
                _ => BigInt::from(state_index(state)?),
            };
            let i = i.clamp(BigInt::zero(), len.clone());
            r.next = &r.start + &i * &r.step;
            r.left = len - i;
        }
        Iter::Reversed { seq, idx } => {
            let len = seq_len(gil, seq);
            // The index of the next item, from -1 (none left) to len - 1.
            let i = state_index(state)?.clamp(-1, len as i128 - 1);
            *idx = (i + 1) as usize;
        }
        Iter::Zip { strict: s, .. } => *s = strict.unwrap_or(*s),
        Iter::Native(n) => match n.setstate(gil, state) {
            Some(r) => r?,
            None => return Err(no_setstate(&it).into()),
        },
        // An exhausted iterator stays exhausted (CPython's do nothing then).
        Iter::Exhausted(_) | Iter::Chars { .. } => {}
        _ => return Err(no_setstate(&it).into()),
    }
    Ok(Value::None)
}

fn no_setstate(it: &Iter) -> crate::objects::exception::PyErr {
    crate::objects::exception::attribute_error(format!(
        "'{}' object has no attribute '__setstate__'",
        it.type_name()
    ))
}
