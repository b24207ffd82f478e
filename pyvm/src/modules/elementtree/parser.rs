//! `XMLParser`'s element handlers: what pyexpat calls for each start and end tag
//! (`_start`, `_end`), native, so that building a tree with the native `TreeBuilder`
//! runs no Python code per element. The rest of the class (setting up the pyexpat
//! parser, `feed`, `close`, `_setevents`, the DOCTYPE and entity handling) is the
//! Python of Lib's `XMLParser`, in `CLASS`.

use super::builder;
use crate::native::*;
use crate::objects::dict::Dict;
use crate::objects::function::NativeDef;
use crate::objects::gil::{Gil, GilCell};
use crate::objects::rc::Arc;

pub(super) static METHODS: &[NativeDef] = crate::objects::methods::natives![
    "_start" => start, "_end" => end, "_start_reported" => start_reported,
    "_end_reported" => end_reported,
];

type DictRef = Arc<GilCell<Dict>>;

/// The instance attribute `name` of `me` (`self._names`, `self.target`).
fn attr(cx: &mut Cx, me: &Value, name: &str) -> PyResult<Value> {
    if let Value::Instance(i) = me {
        // (Read twice per element: found by the key's text, without making and
        // hashing a string for it.)
        if let Some(Some(v)) = i.dict.borrow(cx.gil).scan_name(name) {
            return Ok(v);
        }
        let key = Value::str(name);
        if let Some(v) = dict_get(cx.gil, &i.dict, &key)? {
            return Ok(v);
        }
    }
    cx.load_attr(me, name)
}

/// `_fixname(key)`: `uri}local` becomes `{uri}local`, memoized in `names`.
fn fixname(gil: Gil<'_>, names: Option<&DictRef>, key: &Value) -> PyResult<Value> {
    if let Some(n) = names {
        if let Some(v) = dict_get(gil, n, key)? {
            return Ok(v);
        }
    }
    let name = match key.as_str() {
        Some(s) if s.contains('}') => Value::string(format!("{{{s}")),
        _ => key.clone(),
    };
    if let Some(n) = names {
        dict_set(gil, n, key.clone(), name.clone())?;
    }
    Ok(name)
}

fn names_of(v: &Value) -> Option<DictRef> {
    match crate::objects::class::payload(v).unwrap_or(v) {
        Value::Dict(d) => Some(d.clone()),
        _ => None,
    }
}

/// `_start(tag, attr_list)` (pyexpat's `ordered_attributes`: names and values
/// alternating): `target.start(fixed tag, attrib dict)`.
fn start(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("_start", 2, 2)?;
    let me = args.at(0);
    let names = names_of(&attr(cx, me, "_names")?);
    let target = attr(cx, me, "target")?;
    let tag = fixname(cx.gil, names.as_ref(), args.at(1))?;
    let mut attrib = Dict::new();
    let list: Vec<Value> = match args.at(2) {
        Value::List(l) => l.borrow(cx.gil).clone(),
        Value::None => Vec::new(),
        v => cx.collect(v)?,
    };
    let attrib = if list.is_empty() {
        Value::dict(attrib)
    } else {
        for pair in list.chunks(2) {
            let k = fixname(cx.gil, names.as_ref(), &pair[0])?;
            let v = pair.get(1).cloned().unwrap_or(Value::None);
            attrib.insert(k, v)?;
        }
        Value::dict(attrib)
    };
    if let Some(b) = builder::exact_builder(&target) {
        return builder::handle_start(cx, b, tag, attrib);
    }
    let f = cx.load_attr(&target, "start")?;
    cx.call(&f, vec![tag, attrib])
}

/// `_end(tag)`: `target.end(fixed tag)`.
fn end(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("_end", 1, 1)?;
    let me = args.at(0);
    let names = names_of(&attr(cx, me, "_names")?);
    let target = attr(cx, me, "target")?;
    let tag = fixname(cx.gil, names.as_ref(), args.at(1))?;
    if let Some(b) = builder::exact_builder(&target) {
        return builder::handle_end(cx, b);
    }
    let f = cx.load_attr(&target, "end")?;
    cx.call(&f, vec![tag])
}

/// `(event, append)` stored by `_setevents` under `name`: `append((event, v))`.
fn report(cx: &mut Cx, me: &Value, name: &str, v: Value) -> PyResult<Value> {
    let pair = attr(cx, me, name)?;
    let (event, append) = match &pair {
        Value::Tuple(t) if t.len() == 2 => (t[0].clone(), t[1].clone()),
        _ => return Err(type_error(format!("bad {name}")).into()),
    };
    cx.call(&append, vec![Value::tuple(vec![event, v])])?;
    Ok(Value::None)
}

/// The start handler `_setevents` installs for "start": `_start`, reported.
fn start_reported(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let me = args.get(0).cloned().unwrap_or(Value::None);
    let v = start(cx, args)?;
    report(cx, &me, "_start_event", v)
}

/// The end handler `_setevents` installs for "end": `_end`, reported.
fn end_reported(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let me = args.get(0).cloned().unwrap_or(Value::None);
    let v = end(cx, args)?;
    report(cx, &me, "_end_event", v)
}
