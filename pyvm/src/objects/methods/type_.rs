//! The special methods of `type` that metaclasses inherit (`class M(type)`):
//! `super().__new__(mcs, name, bases, ns)` in a metaclass's `__new__`,
//! `super().__call__(*args)` in its `__call__`, and the defaults of `__init__`,
//! `__prepare__`, `__instancecheck__` and `__subclasscheck__`.

use crate::objects::rc::Arc;

use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::types::{type_name, types, PyType};

use super::natives;

pub static TYPE_METHODS: &[NativeDef] = natives![
    "__new__" => new, "__init__" => init, "__call__" => call, "__prepare__" => prepare,
    "__instancecheck__" => instancecheck, "__subclasscheck__" => subclasscheck,
    "mro" => mro, "__subclasses__" => subclasses, "__class_getitem__" => class_getitem,
    "__setattr__" => setattr, "__delattr__" => delattr,
];

fn setattr(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__setattr__", 2, 2)?;
    let t = cls(&args, "__setattr__")?;
    let name = arg_str(args.at(1), "__setattr__", "attribute name")?.to_owned();
    type_setattr(cx.gil, &t, &name, Some(args.at(2).clone()))?;
    Ok(Value::None)
}

fn delattr(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__delattr__", 1, 1)?;
    let t = cls(&args, "__delattr__")?;
    let name = arg_str(args.at(1), "__delattr__", "attribute name")?.to_owned();
    type_setattr(cx.gil, &t, &name, None)?;
    Ok(Value::None)
}

/// `list[int]` and the other built-in generics: `types.GenericAlias(cls, item)`.
fn class_getitem(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__class_getitem__", 1, 1)?;
    let import = crate::native::builtin_function(cx.gil, "__import__");
    let types_module = cx.call(&import, vec![Value::str("types")])?;
    let alias = cx.getattr(&types_module, "GenericAlias")?;
    cx.call(&alias, vec![args.at(0).clone(), args.at(1).clone()])
}

/// `cls.__subclasses__()`: the living classes made with `cls` as a direct base.
fn subclasses(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__subclasses__", 0, 0)?;
    let t = cls(&args, "__subclasses__")?;
    Ok(Value::list(
        t.live_subclasses(cx.gil)
            .into_iter()
            .map(Value::Type)
            .collect(),
    ))
}

/// The class a method of `type` was called on (`args[0]`).
fn cls(args: &Args, name: &str) -> PyResult<Arc<PyType>> {
    match args.get(0) {
        Some(Value::Type(t)) => Ok(t.clone()),
        Some(other) => Err(type_error(format!(
            "descriptor '{name}' requires a 'type' object but received a '{}'",
            type_name(other)
        ))
        .into()),
        None => Err(type_error(format!(
            "descriptor '{name}' of 'type' object needs an argument"
        ))
        .into()),
    }
}

/// `args` without its first item.
fn rest(args: Args) -> Args {
    let mut pos = args.pos;
    pos.remove(0);
    Args { pos, kw: args.kw }
}

/// `type.__new__(mcs, name, bases, ns, **kwargs)`.
fn new(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let mcs = match args.get(0) {
        Some(Value::Type(t)) if t.is_subtype(&types().type_) => t.clone(),
        Some(Value::Type(t)) => {
            return Err(type_error(format!(
                "type.__new__({}): {} is not a subtype of type",
                t.name, t.name
            ))
            .into())
        }
        Some(other) => {
            return Err(type_error(format!(
                "type.__new__(X): X is not a type object ({})",
                type_name(other)
            ))
            .into())
        }
        None => return Err(type_error("type.__new__(): not enough arguments").into()),
    };
    let args = rest(args);
    if args.len() == 1
        && args.kw.is_empty()
        && crate::objects::rc::Arc::ptr_eq(&mcs, &types().type_)
    {
        return Ok(Value::Type(crate::objects::class::class_of(args.at(0))));
    }
    Ok(cx.type_new_meta(&mcs, &args)?)
}

/// `type.__init__(cls, name, bases, ns, **kwargs)`: the class is made already.
fn init(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    cls(&args, "__init__")?;
    match args.len() {
        2 | 4 => Ok(Value::None),
        _ => Err(type_error("type.__init__() takes 1 or 3 arguments").into()),
    }
}

/// `type.__call__(cls, *args, **kwargs)`: `cls.__new__`, then `__init__`.
fn call(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let t = cls(&args, "__call__")?;
    cx.instantiate(&t, rest(args))
}

/// `type.__prepare__(name, bases, **kwargs)`: a new dict.
fn prepare(_cx: &mut Cx, _args: Args) -> PyResult<Value> {
    Ok(Value::dict(crate::objects::dict::Dict::new()))
}

/// `type.__instancecheck__(cls, obj)`: is `type(obj)` a subclass of `cls`?
fn instancecheck(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__instancecheck__", 1, 1)?;
    let t = cls(&args, "__instancecheck__")?;
    Ok(Value::bool(types().of(args.at(1)).is_subtype(&t)))
}

/// `type.__subclasscheck__(cls, sub)`.
fn subclasscheck(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__subclasscheck__", 1, 1)?;
    let t = cls(&args, "__subclasscheck__")?;
    match args.at(1) {
        Value::Type(s) => Ok(Value::bool(s.is_subtype(&t))),
        _ => Err(type_error("issubclass() arg 1 must be a class").into()),
    }
}

/// `cls.mro()`: the class and its method resolution order, as a list.
fn mro(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("mro", 0, 0)?;
    let t = cls(&args, "mro")?;
    let mut out = vec![Value::Type(t.clone())];
    // The C3 order of the bases the class has now (a metaclass's own `mro()` calls
    // this while `__bases__` is being assigned); a built-in type's is its own.
    if t.heap {
        out.extend(
            crate::objects::class::c3_mro(t.bases.get())?
                .into_iter()
                .map(Value::Type),
        );
    } else {
        out.extend(t.mro.iter().cloned().map(Value::Type));
    }
    Ok(Value::list(out))
}
