//! `list` and `tuple` methods.

use crate::native::*;
use crate::objects::compare;
use crate::objects::seq;

use super::natives;

pub static LIST_METHODS: &[crate::objects::function::NativeDef] = natives![
    "append" => append, "extend" => extend [soft SecondOfTwo "_extend"], "insert" => insert, "pop" => pop,
    "remove" => remove, "index" => index, "count" => count, "clear" => clear,
    "copy" => copy, "reverse" => reverse, "sort" => sort, "__reversed__" => reversed,
];

/// Is `def` `list.append` (the loop calls it without building an argument list)?
pub fn is_append(def: &crate::objects::function::NativeDef) -> bool {
    debug_assert_eq!(LIST_METHODS[0].name, "append");
    std::ptr::eq(def, &LIST_METHODS[0])
}

pub static TUPLE_METHODS: &[crate::objects::function::NativeDef] = natives![
    "index" => index, "count" => count, "__getnewargs__" => super::getnewargs,
];

fn list_of(v: &Value) -> &crate::objects::rc::Arc<crate::objects::gil::GilCell<Vec<Value>>> {
    match v {
        Value::List(l) => l,
        _ => unreachable!("list method on a list"),
    }
}

fn items(cx: &Cx, v: &Value) -> Vec<Value> {
    match v {
        Value::List(l) => l.borrow(cx.gil).clone(),
        Value::Tuple(t) => t.to_vec(),
        _ => Vec::new(),
    }
}

fn append(cx: &mut Cx, args: Args) -> PyResult<Value> {
    if args.len() != 2 || !args.kw.is_empty() {
        args.check_method("list.append", 1, 1)?;
    }
    crate::objects::memory::push(
        &mut list_of(args.at(0)).borrow_mut(cx.gil),
        args.at(1).clone(),
    )?;
    Ok(Value::None)
}

fn extend(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("list.extend", 1, 1)?;
    let new = cx.collect(args.at(1))?;
    crate::objects::memory::extend(&mut list_of(args.at(0)).borrow_mut(cx.gil), new)?;
    Ok(Value::None)
}

fn insert(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("insert", 2, 2)?;
    let i = arg_int(args.at(1), "")?;
    let mut l = list_of(args.at(0)).borrow_mut(cx.gil);
    let n = l.len() as i64;
    let at = if i < 0 { (i + n).max(0) } else { i.min(n) };
    l.insert(at as usize, args.at(2).clone());
    Ok(Value::None)
}

fn pop(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("pop", 0, 1)?;
    let mut l = list_of(args.at(0)).borrow_mut(cx.gil);
    if l.is_empty() {
        return Err(index_error("pop from empty list").into());
    }
    let i = match args.get(1) {
        Some(v) => arg_int(v, "")?,
        None => -1,
    };
    match seq::index(i, l.len()) {
        Some(i) => Ok(l.remove(i)),
        None => Err(index_error("pop index out of range").into()),
    }
}

fn position(cx: &Cx, items: &[Value], x: &Value) -> Result<Option<usize>, PyErr> {
    for (i, v) in items.iter().enumerate() {
        if v.is(x) || compare::eq(cx.gil, v, x)? {
            return Ok(Some(i));
        }
    }
    Ok(None)
}

fn remove(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("remove", 1, 1)?;
    let all = items(cx, args.at(0));
    match position(cx, &all, args.at(1))? {
        Some(i) => {
            list_of(args.at(0)).borrow_mut(cx.gil).remove(i);
            Ok(Value::None)
        }
        None => Err(value_error("list.remove(x): x not in list").into()),
    }
}

fn index(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("index", 1, 3)?;
    let all = items(cx, args.at(0));
    let n = all.len() as i64;
    let norm = |v: Option<&Value>, d: i64| -> Result<usize, PyErr> {
        Ok(match v {
            Some(v) => {
                let i = arg_int(v, "")?;
                (if i < 0 { (i + n).max(0) } else { i.min(n) }) as usize
            }
            None => d as usize,
        })
    };
    let (a, b) = (norm(args.get(2), 0)?, norm(args.get(3), n)?);
    if a < b {
        if let Some(i) = position(cx, &all[a..b], args.at(1))? {
            return Ok(Value::Int((a + i) as i64));
        }
    }
    let what = if matches!(args.at(0), Value::Tuple(_)) {
        "tuple.index(x): x not in tuple".to_owned()
    } else {
        format!("{} is not in list", cx.repr(args.at(1))?)
    };
    Err(value_error(what).into())
}

fn count(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("count", 1, 1)?;
    let all = items(cx, args.at(0));
    let mut n = 0;
    for v in &all {
        if v.is(args.at(1)) || compare::eq(cx.gil, v, args.at(1))? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

fn clear(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("clear", 0, 0)?;
    list_of(args.at(0)).borrow_mut(cx.gil).clear();
    Ok(Value::None)
}

fn copy(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("copy", 0, 0)?;
    Ok(Value::list(items(cx, args.at(0))))
}

/// `list.__reversed__()`: a `list_reverseiterator` over the live list.
fn reversed(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__reversed__", 0, 0)?;
    let idx = list_of(args.at(0)).borrow(cx.gil).len();
    Ok(Value::Iter(crate::objects::rc::Arc::new(
        crate::objects::gil::GilCell::new(crate::objects::iter::Iter::Reversed {
            seq: args.at(0).clone(),
            idx,
        }),
    )))
}

fn reverse(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("reverse", 0, 0)?;
    list_of(args.at(0)).borrow_mut(cx.gil).reverse();
    Ok(Value::None)
}

/// `key=` and `reverse=` of `sort` and `sorted`.
pub fn sort_values(
    cx: &mut Cx,
    items: &mut Vec<Value>,
    args: &mut Args,
    name: &str,
) -> PyResult<()> {
    let key = args.take_kw("key").filter(|k| !matches!(k, Value::None));
    let reverse = match args.take_kw("reverse") {
        Some(v) => cx.truthy(&v)?,
        None => false,
    };
    args.no_kw_left(name)?;
    let keys = match key {
        Some(f) => {
            let mut ks = Vec::with_capacity(items.len());
            for v in items.iter() {
                ks.push(cx.call(&f, vec![v.clone()])?);
            }
            Some(ks)
        }
        None => None,
    };
    crate::objects::sort::sort(cx.gil, items, keys, reverse)?;
    Ok(())
}

fn sort(cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    if args.len() > 1 {
        return Err(type_error("sort() takes no positional arguments").into());
    }
    let l = list_of(args.at(0)).clone();
    let mut v = std::mem::take(&mut *l.borrow_mut(cx.gil));
    let r = sort_values(cx, &mut v, &mut args, "sort");
    let modified = !l.borrow(cx.gil).is_empty();
    *l.borrow_mut(cx.gil) = v;
    r?;
    if modified {
        return Err(value_error("list modified during sort").into());
    }
    Ok(Value::None)
}
