//! Special methods that classes derived from `dict`, `list` and `tuple` inherit: they
//! work on the built-in value inside the instance (its payload), so
//! `super().__setitem__(k, v)` in a `dict` subclass does what CPython does.

use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::types::{type_name, types, Kind};

use super::natives;

pub static PAYLOAD_METHODS: &[NativeDef] = natives![
    "__init__" => init, "__new__" => new, "__getitem__" => getitem,
    "__setitem__" => setitem, "__delitem__" => delitem, "__contains__" => contains,
    "__len__" => len, "__iter__" => iter, "__repr__" => repr, "__eq__" => eq,
    "__ne__" => ne, "__hash__" => hash,
];

/// The built-in value an instance of a `dict`/`list`/`tuple` subclass carries (or the
/// value itself, when the method is called on a plain one).
fn payload(args: &Args, name: &str) -> PyResult<Value> {
    match args.get(0) {
        Some(Value::Instance(i)) if !i.base.is_null() => Ok(i.base.clone()),
        Some(v @ (Value::Dict(_) | Value::List(_) | Value::Tuple(_))) => Ok(v.clone()),
        Some(v) => Err(type_error(format!(
            "descriptor '{name}' requires a container object but received a '{}'",
            type_name(v)
        ))
        .into()),
        None => Err(type_error(format!("descriptor '{name}' needs an argument")).into()),
    }
}

fn init(cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    let p = payload(&args, "__init__")?;
    let rest = Args {
        pos: args.pos.drain(1..).collect(),
        kw: std::mem::take(&mut args.kw),
    };
    match &p {
        Value::Dict(d) => {
            let made = construct_builtin(cx, &types().dict, rest)?;
            if let Value::Dict(m) = made {
                let items: Vec<(Value, Value)> = m
                    .borrow(cx.gil)
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
                let mut d = d.borrow_mut(cx.gil);
                for (k, v) in items {
                    d.insert(k, v)?;
                }
            }
        }
        Value::List(l) => {
            let made = construct_builtin(cx, &types().list, rest)?;
            if let Value::List(m) = made {
                let items = m.borrow(cx.gil).clone();
                let mut l = l.borrow_mut(cx.gil);
                l.clear();
                l.extend(items);
            }
        }
        _ => {}
    }
    Ok(Value::None)
}

/// `tuple.__new__(cls, iterable)` (and `dict`/`list`'s, which make an empty payload).
fn new(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let Some(Value::Type(cls)) = args.get(0).cloned() else {
        return Err(type_error("__new__(X): X is not a type object").into());
    };
    let rest = Args::new(args.pos.iter().skip(1).cloned());
    let base = match cls.kind {
        Kind::Tuple => construct_builtin(cx, &types().tuple, rest)?,
        Kind::Dict => Value::dict(crate::objects::dict::Dict::new()),
        Kind::List => Value::list(Vec::new()),
        _ => return Err(type_error(format!("cannot create '{}' instances", cls.name)).into()),
    };
    if !cls.heap {
        return Ok(base);
    }
    Ok(crate::objects::class::instance_with(cls, base))
}

fn getitem(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__getitem__", 1, 1)?;
    let p = payload(&args, "__getitem__")?;
    cx.getitem(&p, args.at(1))
}

fn setitem(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__setitem__", 2, 2)?;
    let p = payload(&args, "__setitem__")?;
    cx.setitem(&p, args.at(1).clone(), args.at(2).clone())?;
    Ok(Value::None)
}

fn delitem(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__delitem__", 1, 1)?;
    let p = payload(&args, "__delitem__")?;
    cx.delitem(&p, args.at(1))?;
    Ok(Value::None)
}

fn contains(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__contains__", 1, 1)?;
    let p = payload(&args, "__contains__")?;
    Ok(Value::Bool(cx.contains(&p, args.at(1))?))
}

fn len(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__len__", 0, 0)?;
    let p = payload(&args, "__len__")?;
    Ok(Value::Int(match &p {
        Value::Dict(d) => d.borrow(cx.gil).len(),
        Value::List(l) => l.borrow(cx.gil).len(),
        Value::Tuple(t) => t.len(),
        _ => 0,
    } as i64))
}

fn iter(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__iter__", 0, 0)?;
    let p = payload(&args, "__iter__")?;
    cx.iter(&p)
}

fn repr(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__repr__", 0, 0)?;
    let p = payload(&args, "__repr__")?;
    Ok(Value::string(cx.repr(&p)?))
}

fn eq(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__eq__", 1, 1)?;
    let p = payload(&args, "__eq__")?;
    let other = crate::objects::class::unwrap_payload(args.at(1));
    Ok(Value::Bool(crate::objects::compare::eq(
        cx.gil, &p, &other,
    )?))
}

fn ne(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__ne__", 1, 1)?;
    let p = payload(&args, "__ne__")?;
    let other = crate::objects::class::unwrap_payload(args.at(1));
    Ok(Value::Bool(!crate::objects::compare::eq(
        cx.gil, &p, &other,
    )?))
}

fn hash(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__hash__", 0, 0)?;
    let p = payload(&args, "__hash__")?;
    Ok(Value::Int(crate::objects::dict::hash(&p)?))
}
