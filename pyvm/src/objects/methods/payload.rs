//! Special methods that classes derived from built-in types (`dict`, `list`, `tuple`,
//! `int`, `float`, `str`, `bytes`, `bytearray`, `set`, `frozenset`, `property`,
//! `classmethod`, `staticmethod`) inherit: they work on the built-in value inside the
//! instance (its payload), so `super().__setitem__(k, v)` in a `dict` subclass and
//! `super().__new__(cls, v)` in a `float` subclass do what CPython does.
//!
//! The descriptor types keep their payload in a cell (`Value::Cell` holding a
//! `Value::Descr`): CPython fills them in `__init__`, which may run after the instance
//! is made (`super().__init__(fget)` in a `property` subclass).

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
        Some(
            v @ (Value::Dict(_)
            | Value::List(_)
            | Value::Tuple(_)
            | Value::Int(_)
            | Value::Bool(_)
            | Value::Big(_)
            | Value::Float(_)
            | Value::Str(_)
            | Value::Bytes(_)
            | Value::ByteArray(_)
            | Value::Set(_)
            | Value::FrozenSet(_)
            | Value::Descr(_)),
        ) => Ok(v.clone()),
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
        Value::Set(s) => {
            let made = construct_builtin(cx, &types().set, rest)?;
            if let Value::Set(m) = made {
                let items = m.borrow(cx.gil).clone();
                *s.borrow_mut(cx.gil) = items;
            }
        }
        Value::ByteArray(b) => {
            let made = construct_builtin(cx, &types().bytearray, rest)?;
            if let Value::ByteArray(m) = made {
                let items = m.borrow(cx.gil).clone();
                *b.borrow_mut(cx.gil) = items;
            }
        }
        // `property.__init__(self, fget, ...)` and friends: the descriptor is made now.
        Value::Cell(c) => {
            let t = match &*c.borrow(cx.gil) {
                Value::Descr(d) => match &**d {
                    crate::objects::class::Descr::StaticMethod(_) => types().staticmethod.clone(),
                    crate::objects::class::Descr::ClassMethod(_) => types().classmethod.clone(),
                    crate::objects::class::Descr::Property { .. } => types().property.clone(),
                },
                _ => return Ok(Value::None),
            };
            let made = construct_builtin(cx, &t, rest)?;
            *c.borrow_mut(cx.gil) = made;
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
    let rest = Args {
        pos: args.pos.iter().skip(1).cloned().collect(),
        kw: args.kw,
    };
    let base_type = crate::objects::class::builtin_base(&cls);
    let base = match cls.kind {
        Kind::Tuple if rest.kw.is_empty() => construct_builtin(cx, &types().tuple, rest)?,
        Kind::Int | Kind::Float | Kind::Str | Kind::Bytes | Kind::FrozenSet => {
            construct_builtin(cx, &base_type, rest)?
        }
        Kind::Dict | Kind::List | Kind::Set | Kind::ByteArray | Kind::Property
        | Kind::ClassMethod | Kind::StaticMethod => {
            if !cls.heap {
                return construct_builtin(cx, &cls, Args::new([]));
            }
            return Ok(crate::objects::class::new_instance(&cls, &rest)?);
        }
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
    Ok(Value::Int(crate::objects::class::builtin_len(cx.gil, &p)? as i64))
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
    if matches!(p, Value::Cell(_) | Value::Descr(_)) {
        // Descriptors hash by identity.
        return Ok(Value::Int((args.at(0).heap_ptr().unwrap_or(0) >> 4) as i64));
    }
    Ok(Value::Int(crate::objects::dict::hash(&p)?))
}
