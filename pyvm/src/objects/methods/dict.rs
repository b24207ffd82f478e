//! `dict` methods.

use crate::objects::rc::Arc;

use crate::native::*;
use crate::objects::dict::Dict;
use crate::objects::gil::GilCell;
use crate::objects::iter::{DictPart, Iter};
use crate::objects::types::{type_name, types};

use super::natives;

pub static METHODS: &[crate::objects::function::NativeDef] = natives![
    "get" => get, "keys" => keys, "values" => values, "items" => items,
    "pop" => pop, "popitem" => popitem, "setdefault" => setdefault,
    "update" => update, "clear" => clear, "copy" => copy, "fromkeys" => fromkeys,
];

fn dict_of(v: &Value) -> &Arc<GilCell<Dict>> {
    match v {
        Value::Dict(d) => d,
        _ => unreachable!("dict method on a dict"),
    }
}

fn get(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("get", 1, 2)?;
    let found = dict_get(cx.gil, dict_of(args.at(0)), args.at(1))?;
    Ok(found.unwrap_or_else(|| args.get(2).cloned().unwrap_or(Value::None)))
}

fn view(args: &Args, name: &str, part: DictPart) -> PyResult<Value> {
    args.check_method(name, 0, 0)?;
    Ok(Value::Iter(Arc::new(GilCell::new(Iter::View {
        dict: args.at(0).clone(),
        part,
    }))))
}

fn keys(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    view(&args, "keys", DictPart::Keys)
}

fn values(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    view(&args, "values", DictPart::Values)
}

fn items(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    view(&args, "items", DictPart::Items)
}

fn pop(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("pop", 1, 2)?;
    let d = dict_of(args.at(0));
    // CPython's fast path: an empty dict neither hashes nor compares the key.
    let found = if d.borrow(cx.gil).is_empty() {
        None
    } else {
        dict_remove(cx.gil, d, args.at(1))?
    };
    match found {
        Some(v) => Ok(v),
        None => match args.get(2) {
            Some(d) => Ok(d.clone()),
            None => Err(key_error(args.at(1).clone()).into()),
        },
    }
}

fn popitem(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("popitem", 0, 0)?;
    match dict_of(args.at(0)).borrow_mut(cx.gil).pop_last() {
        Some((k, v)) => Ok(Value::tuple(vec![k, v])),
        None => Err(key_error(Value::str("popitem(): dictionary is empty")).into()),
    }
}

fn setdefault(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("setdefault", 1, 2)?;
    let d = dict_of(args.at(0));
    let (hash, slot) = dict_find(cx.gil, d, args.at(1))?;
    if let Some(v) = slot.and_then(|i| d.borrow(cx.gil).value_at(i).cloned()) {
        return Ok(v);
    }
    let v = args.get(2).cloned().unwrap_or(Value::None);
    d.borrow_mut(cx.gil)
        .insert_new(hash, args.at(1).clone(), v.clone());
    Ok(v)
}

/// The pairs of a dict, or of a dict subclass's dict inside (`None`: neither).
pub fn dict_pairs(cx: &mut Cx, src: &Value) -> Option<Vec<(Value, Value)>> {
    let Value::Dict(s) = crate::objects::class::payload(src).unwrap_or(src) else {
        return None;
    };
    let s = s.borrow(cx.gil);
    Some(s.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
}

/// The pairs of a mapping that is not a dict, through its `keys` (already looked
/// up) and `[key]`, as CPython's `PyDict_Merge` does.
pub fn pairs_by_keys(cx: &mut Cx, src: &Value, keys: &Value) -> PyResult<Vec<(Value, Value)>> {
    let keys = cx.call(keys, vec![])?;
    let get = cx.getattr(src, "__getitem__")?;
    let mut out = Vec::new();
    for k in cx.collect(&keys)? {
        let v = cx.call(&get, vec![k.clone()])?;
        out.push((k, v));
    }
    Ok(out)
}

/// Pairs from a mapping or an iterable of pairs (`dict(x)`, `d.update(x)`).
pub fn pairs_of(cx: &mut Cx, src: &Value) -> PyResult<Vec<(Value, Value)>> {
    if let Some(pairs) = dict_pairs(cx, src) {
        return Ok(pairs);
    }
    // A mapping that is not a dict (`types.MappingProxyType`).
    if crate::objects::class::is_user(src) {
        if let Ok(keys) = cx.getattr(src, "keys") {
            return pairs_by_keys(cx, src, &keys);
        }
    }
    // Only getting the iterator is "not iterable"; what the iteration raises (a
    // `map` whose function fails) goes through as it is.
    let it = cx.iter(src).map_err(|e| match e {
        deferred::Unwind::Raise(_) => deferred::Unwind::Raise(type_error(format!(
            "'{}' object is not iterable",
            type_name(src)
        ))),
        other => other,
    })?;
    let items = cx.collect(&it)?;
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let pair = cx.collect(item).map_err(|_| {
            deferred::Unwind::Raise(type_error(format!(
                "cannot convert dictionary update sequence element #{i} to a sequence"
            )))
        })?;
        if pair.len() != 2 {
            return Err(value_error(format!(
                "dictionary update sequence element #{i} has length {}; 2 is required",
                pair.len()
            ))
            .into());
        }
        let mut it = pair.into_iter();
        if let (Some(k), Some(v)) = (it.next(), it.next()) {
            out.push((k, v));
        }
    }
    Ok(out)
}

fn update(cx: &mut Cx, args: Args) -> PyResult<Value> {
    if args.len() > 2 {
        return Err(type_error(format!(
            "update expected at most 1 argument, got {}",
            args.len() - 1
        ))
        .into());
    }
    let mut new = match args.get(1) {
        Some(src) => pairs_of(cx, src)?,
        None => Vec::new(),
    };
    new.extend(args.kw.iter().map(|(k, v)| (Value::str(k), v.clone())));
    let d = dict_of(args.at(0));
    for (k, v) in new {
        dict_set(cx.gil, d, k, v)?;
    }
    Ok(Value::None)
}

fn clear(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("clear", 0, 0)?;
    dict_of(args.at(0)).borrow_mut(cx.gil).clear();
    Ok(Value::None)
}

fn copy(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("copy", 0, 0)?;
    Ok(Value::dict(dict_of(args.at(0)).borrow(cx.gil).clone()))
}

/// `dict.fromkeys(iterable, value=None)` (called on the type: no `self`).
fn fromkeys(cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    let dict_t = types().dict.clone();
    let cls = super::class_arg(&mut args, &dict_t);
    if !args.kw.is_empty() {
        return Err(type_error("dict.fromkeys() takes no keyword arguments").into());
    }
    let n = args.pos.len();
    if n == 0 || n > 2 {
        let msg = match n {
            0 => "fromkeys expected at least 1 argument, got 0".to_owned(),
            _ => format!("fromkeys expected at most 2 arguments, got {n}"),
        };
        return Err(type_error(msg).into());
    }
    let keys = cx.collect(&args.pos[0])?;
    let v = args.pos.get(1).cloned().unwrap_or(Value::None);
    match cls {
        // A subclass: `cls()` then `d[key] = value`, as CPython.
        Some(c) if !Arc::ptr_eq(&c, &dict_t) => {
            let d = cx.instantiate(&c, Args::new([]))?;
            let set = cx.getattr(&d, "__setitem__")?;
            for k in keys {
                cx.call(&set, vec![k, v.clone()])?;
            }
            Ok(d)
        }
        _ => {
            let mut d = Dict::new();
            for k in keys {
                d.insert(k, v.clone())?;
            }
            Ok(Value::dict(d))
        }
    }
}
