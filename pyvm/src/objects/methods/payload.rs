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
    "__lt__" => lt, "__le__" => le, "__gt__" => gt, "__ge__" => ge,
    "__add__" => add, "__radd__" => radd, "__sub__" => sub, "__rsub__" => rsub,
    "__mul__" => mul, "__rmul__" => rmul, "__truediv__" => truediv,
    "__rtruediv__" => rtruediv, "__floordiv__" => floordiv, "__rfloordiv__" => rfloordiv,
    "__mod__" => mod_, "__rmod__" => rmod, "__pow__" => pow, "__rpow__" => rpow,
    "__and__" => and, "__rand__" => rand, "__or__" => or, "__ror__" => ror,
    "__xor__" => xor, "__rxor__" => rxor, "__lshift__" => lshift, "__rlshift__" => rlshift,
    "__rshift__" => rshift, "__rrshift__" => rrshift,
    "__neg__" => neg, "__pos__" => pos, "__invert__" => invert, "__abs__" => abs,
    "__int__" => int_, "__float__" => float_, "__index__" => index, "__str__" => str_,
    "__bool__" => bool_, "__trunc__" => trunc, "__floor__" => floor, "__ceil__" => ceil,
    "__round__" => round, "__divmod__" => divmod, "__rdivmod__" => rdivmod,
    "__iadd__" => iadd, "__imul__" => imul, "__iand__" => iand, "__ior__" => ior,
    "__isub__" => isub, "__ixor__" => ixor, "__reversed__" => reversed,
    "__bytes__" => bytes_,
];

/// `int.__add__(self, other)` and the other operators a subclass inherits (what
/// `super().__add__(other)` calls): the built-in operator on the value inside;
/// `NotImplemented` when it does not apply.
/// Does the built-in type of `p` handle `other` in its own operator `name` (as
/// CPython's slots decide: `int.__add__(1, 2.0)` is `NotImplemented`, `float`'s
/// takes ints; a sequence repeats by an int only)? Otherwise the operator gives
/// `NotImplemented` and the other operand's reflected method has its turn.
fn accepts(p: &Value, other: &Value, name: &str) -> bool {
    let int_like = |v: &Value| matches!(v, Value::Int(_) | Value::Bool(_) | Value::Big(_));
    let bytes_like = |v: &Value| matches!(v, Value::Bytes(_) | Value::ByteArray(_));
    let set_like = |v: &Value| matches!(v, Value::Set(_) | Value::FrozenSet(_));
    let repeat = matches!(name, "__mul__" | "__rmul__" | "__imul__");
    let format = matches!(name, "__mod__");
    match p {
        Value::Int(_) | Value::Bool(_) | Value::Big(_) => int_like(other),
        Value::Float(_) => int_like(other) || matches!(other, Value::Float(_)),
        Value::Complex(_) => {
            int_like(other) || matches!(other, Value::Float(_) | Value::Complex(_))
        }
        Value::Str(_) => {
            format
                || (if repeat {
                    int_like(other)
                } else {
                    matches!(other, Value::Str(_))
                })
        }
        Value::Bytes(_) | Value::ByteArray(_) => {
            format
                || (if repeat {
                    int_like(other)
                } else {
                    bytes_like(other)
                })
        }
        Value::List(_) => {
            if repeat {
                int_like(other)
            } else {
                matches!(other, Value::List(_))
            }
        }
        Value::Tuple(_) => {
            if repeat {
                int_like(other)
            } else {
                matches!(other, Value::Tuple(_))
            }
        }
        Value::Set(_) | Value::FrozenSet(_) => set_like(other),
        Value::Dict(_) => matches!(other, Value::Dict(_)),
        _ => true,
    }
}

fn arith(cx: &mut Cx, args: &Args, name: &str, op: u32, reflected: bool) -> PyResult<Value> {
    args.check_method(name, 1, 1)?;
    let p = payload(args, name)?;
    let other = crate::objects::class::unwrap_payload(args.at(1));
    if crate::objects::class::is_user(&other) || !accepts(&p, &other, name) {
        return Ok(Value::NotImplemented);
    }
    let (a, b) = if reflected { (other, p) } else { (p, other) };
    match binary_op(cx.gil, op, &a, &b) {
        Ok(v) => Ok(v),
        Err(e) if e.is_instance(&types().exc.type_error) => Ok(Value::NotImplemented),
        Err(e) => Err(e.into()),
    }
}

macro_rules! arith_methods {
    ($( $f:ident $name:literal $op:literal $reflected:literal ),* $(,)?) => {
        $( fn $f(cx: &mut Cx, args: Args) -> PyResult<Value> {
            arith(cx, &args, $name, $op, $reflected)
        } )*
    };
}

// `BINARY_OP` arguments: + 0, & 1, // 2, << 3, * 5, % 6, | 7, ** 8, >> 9, - 10, / 11, ^ 12.
arith_methods! {
    add "__add__" 0 false, radd "__radd__" 0 true,
    and "__and__" 1 false, rand "__rand__" 1 true,
    floordiv "__floordiv__" 2 false, rfloordiv "__rfloordiv__" 2 true,
    lshift "__lshift__" 3 false, rlshift "__rlshift__" 3 true,
    mul "__mul__" 5 false, rmul "__rmul__" 5 true,
    mod_ "__mod__" 6 false, rmod "__rmod__" 6 true,
    or "__or__" 7 false, ror "__ror__" 7 true,
    pow "__pow__" 8 false, rpow "__rpow__" 8 true,
    rshift "__rshift__" 9 false, rrshift "__rrshift__" 9 true,
    sub "__sub__" 10 false, rsub "__rsub__" 10 true,
    truediv "__truediv__" 11 false, rtruediv "__rtruediv__" 11 true,
    xor "__xor__" 12 false, rxor "__rxor__" 12 true,
}

/// `int.__lt__(self, other)` and friends on the value inside.
fn cmp(
    cx: &mut Cx,
    args: &Args,
    name: &str,
    op: crate::objects::compare::CmpOp,
) -> PyResult<Value> {
    args.check_method(name, 1, 1)?;
    let p = payload(args, name)?;
    let other = crate::objects::class::unwrap_payload(args.at(1));
    if crate::objects::class::is_user(&other) || !accepts(&p, &other, name) {
        return Ok(Value::NotImplemented);
    }
    match crate::objects::compare::compare(cx.gil, op, &p, &other) {
        Ok(r) => Ok(Value::bool(r)),
        Err(e) if e.is_instance(&types().exc.type_error) => Ok(Value::NotImplemented),
        Err(e) => Err(e.into()),
    }
}

fn lt(cx: &mut Cx, args: Args) -> PyResult<Value> {
    cmp(cx, &args, "__lt__", crate::objects::compare::CmpOp::Lt)
}

fn le(cx: &mut Cx, args: Args) -> PyResult<Value> {
    cmp(cx, &args, "__le__", crate::objects::compare::CmpOp::Le)
}

fn gt(cx: &mut Cx, args: Args) -> PyResult<Value> {
    cmp(cx, &args, "__gt__", crate::objects::compare::CmpOp::Gt)
}

fn ge(cx: &mut Cx, args: Args) -> PyResult<Value> {
    cmp(cx, &args, "__ge__", crate::objects::compare::CmpOp::Ge)
}

/// `int.__neg__(self)` and friends: a plain number.
fn unary_method(cx: &mut Cx, args: &Args, name: &str, op: &str) -> PyResult<Value> {
    args.check_method(name, 0, 0)?;
    let p = payload(args, name)?;
    Ok(unary(cx.gil, op, &p)?)
}

fn neg(cx: &mut Cx, args: Args) -> PyResult<Value> {
    unary_method(cx, &args, "__neg__", "-")
}

fn pos(cx: &mut Cx, args: Args) -> PyResult<Value> {
    unary_method(cx, &args, "__pos__", "+")
}

fn invert(cx: &mut Cx, args: Args) -> PyResult<Value> {
    unary_method(cx, &args, "__invert__", "~")
}

fn abs(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__abs__", 0, 0)?;
    let p = payload(&args, "__abs__")?;
    if let Value::Complex(c) = &p {
        return Ok(Value::float(crate::objects::complex::abs(**c)?));
    }
    let negative = crate::objects::compare::compare(
        cx.gil,
        crate::objects::compare::CmpOp::Lt,
        &p,
        &Value::Int(0),
    )?;
    Ok(unary(cx.gil, if negative { "-" } else { "+" }, &p)?)
}

fn int_(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__int__", 0, 0)?;
    let p = payload(&args, "__int__")?;
    construct_builtin(cx, &types().int, Args::new([p]))
}

fn float_(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__float__", 0, 0)?;
    let p = payload(&args, "__float__")?;
    construct_builtin(cx, &types().float, Args::new([p]))
}

fn index(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__index__", 0, 0)?;
    let p = payload(&args, "__index__")?;
    match p {
        Value::Bool(b) => Ok(Value::Int(b as i64)),
        Value::Int(_) | Value::Big(_) => Ok(p),
        other => Err(type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            type_name(&other)
        ))
        .into()),
    }
}

/// `int.__bool__(self)`, `float.__bool__`, `complex.__bool__`: the value's truth.
fn bool_(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__bool__", 0, 0)?;
    let p = payload(&args, "__bool__")?;
    Ok(Value::bool(cx.truthy(&p)?))
}

/// `int.__trunc__` / `__floor__` / `__ceil__` (the int itself) and `float`'s
/// (rounded towards zero, down, up): a plain `int`.
fn rounding(cx: &mut Cx, args: &Args, name: &str, f: fn(f64) -> f64) -> PyResult<Value> {
    args.check_method(name, 0, 0)?;
    let p = payload(args, name)?;
    let p = match p {
        Value::Float(x) => Value::float(f(x.get())),
        other => other,
    };
    construct_builtin(cx, &types().int, Args::new([p]))
}

fn trunc(cx: &mut Cx, args: Args) -> PyResult<Value> {
    rounding(cx, &args, "__trunc__", f64::trunc)
}

fn floor(cx: &mut Cx, args: Args) -> PyResult<Value> {
    rounding(cx, &args, "__floor__", f64::floor)
}

fn ceil(cx: &mut Cx, args: Args) -> PyResult<Value> {
    rounding(cx, &args, "__ceil__", f64::ceil)
}

/// `int.__round__(self, ndigits=None)`, `float.__round__`: `round()` of the value.
fn round(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__round__", 0, 1)?;
    let p = payload(&args, "__round__")?;
    let mut call = vec![p];
    call.extend(args.get(1).cloned());
    let f = crate::native::builtin_function(cx.gil, "round");
    cx.call(&f, call)
}

/// `int.__divmod__(self, other)` and the reflected one: `divmod()` of the values,
/// `NotImplemented` for an operand the type does not take.
fn divmod_method(cx: &mut Cx, args: &Args, name: &str, reflected: bool) -> PyResult<Value> {
    args.check_method(name, 1, 1)?;
    let p = payload(args, name)?;
    let other = crate::objects::class::unwrap_payload(args.at(1));
    if crate::objects::class::is_user(&other) || !accepts(&p, &other, name) {
        return Ok(Value::NotImplemented);
    }
    let (a, b) = if reflected { (other, p) } else { (p, other) };
    let f = crate::native::builtin_function(cx.gil, "divmod");
    match cx.call(&f, vec![a, b]) {
        Err(deferred::Unwind::Raise(e)) if e.is_instance(&types().exc.type_error) => {
            Ok(Value::NotImplemented)
        }
        other => other,
    }
}

fn divmod(cx: &mut Cx, args: Args) -> PyResult<Value> {
    divmod_method(cx, &args, "__divmod__", false)
}

fn rdivmod(cx: &mut Cx, args: Args) -> PyResult<Value> {
    divmod_method(cx, &args, "__rdivmod__", true)
}

/// `list.__iadd__(self, other)`, `set.__ior__`, ...: the value changed in place and
/// the instance itself returned. `list +=` takes any iterable (`extend`), `dict |=`
/// any mapping (`update`); the others `NotImplemented` for an operand they do not
/// take.
fn inplace(cx: &mut Cx, args: &Args, name: &str, op: u32) -> PyResult<Value> {
    args.check_method(name, 1, 1)?;
    let p = payload(args, name)?;
    let this = args.at(0).clone();
    let other = crate::objects::class::unwrap_payload(args.at(1));
    let extend = match (&p, name) {
        (Value::List(_), "__iadd__") => Some("extend"),
        (Value::Dict(_), "__ior__") => Some("update"),
        _ => None,
    };
    if let Some(method) = extend {
        let f = cx.getattr(&p, method)?;
        cx.call(&f, vec![args.at(1).clone()])?;
        return Ok(this);
    }
    if crate::objects::class::is_user(&other) || !accepts(&p, &other, name) {
        return Ok(Value::NotImplemented);
    }
    match binary_op(cx.gil, op, &p, &other) {
        Ok(v) if v.is(&p) => Ok(this),
        Ok(v) => Ok(v),
        Err(e) if e.is_instance(&types().exc.type_error) => Ok(Value::NotImplemented),
        Err(e) => Err(e.into()),
    }
}

// In-place `BINARY_OP` arguments: += 13, &= 14, *= 18, |= 20, -= 23, ^= 25.
fn iadd(cx: &mut Cx, args: Args) -> PyResult<Value> {
    inplace(cx, &args, "__iadd__", 13)
}

fn imul(cx: &mut Cx, args: Args) -> PyResult<Value> {
    inplace(cx, &args, "__imul__", 18)
}

fn iand(cx: &mut Cx, args: Args) -> PyResult<Value> {
    inplace(cx, &args, "__iand__", 14)
}

fn ior(cx: &mut Cx, args: Args) -> PyResult<Value> {
    inplace(cx, &args, "__ior__", 20)
}

fn isub(cx: &mut Cx, args: Args) -> PyResult<Value> {
    inplace(cx, &args, "__isub__", 23)
}

fn ixor(cx: &mut Cx, args: Args) -> PyResult<Value> {
    inplace(cx, &args, "__ixor__", 25)
}

/// `dict.__reversed__(self)`: an iterator over the keys, last first.
fn reversed(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__reversed__", 0, 0)?;
    let p = payload(&args, "__reversed__")?;
    let f = crate::native::builtin_function(cx.gil, "reversed");
    cx.call(&f, vec![p])
}

/// `bytes.__bytes__(self)`: the value as plain `bytes`.
fn bytes_(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__bytes__", 0, 0)?;
    match payload(&args, "__bytes__")? {
        p @ Value::Bytes(_) => Ok(p),
        p => construct_builtin(cx, &types().bytes, Args::new([p])),
    }
}

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
            | Value::Complex(_)
            | Value::Str(_)
            | Value::Bytes(_)
            | Value::ByteArray(_)
            | Value::Set(_)
            | Value::FrozenSet(_)
            | Value::Module(_)
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
            // (`set_init` names the instance's own type, a subclass too.)
            if rest.pos.len() > 1 && rest.kw.is_empty() {
                return Err(type_error(format!(
                    "{} expected at most 1 argument, got {}",
                    type_name(args.at(0)),
                    rest.pos.len()
                ))
                .into());
            }
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
        // `module.__init__(self, name, doc=None)`: the namespace gets `__name__`,
        // `__doc__` and the import attributes, as a new module's.
        Value::Module(m) => {
            let made = construct_builtin(cx, &types().module, rest)?;
            if let Value::Module(fresh) = made {
                let items: Vec<(Value, Value)> = fresh
                    .dict
                    .borrow(cx.gil)
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
                let mut d = m.dict.borrow_mut(cx.gil);
                for (k, v) in items {
                    d.insert(k, v)?;
                }
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
                // `super.__init__(self, type, obj)`: the instance of a `super`
                // subclass is bound now.
                Value::None | Value::Super(_) => {
                    // `super.__init__`'s argument clinic words this one its way
                    // (`super(1, x)` itself says "must be a type").
                    if let Some(v) = rest.pos.first().filter(|v| !matches!(v, Value::Type(_))) {
                        return Err(type_error(format!(
                            "super() argument 1 must be type, not {}",
                            crate::objects::types::type_name(v)
                        ))
                        .into());
                    }
                    types().super_.clone()
                }
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
        Kind::Int | Kind::Float | Kind::Complex | Kind::Str | Kind::Bytes | Kind::FrozenSet => {
            construct_builtin(cx, &base_type, rest)?
        }
        Kind::Dict
        | Kind::List
        | Kind::Set
        | Kind::ByteArray
        | Kind::Property
        | Kind::ClassMethod
        | Kind::StaticMethod => {
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
    // `dict.__getitem__` of a subclass instance that defines `__missing__` (called
    // as a bound method: `map(quoter.__getitem__, data)` in `urllib.parse`) asks it
    // for an absent key, as the subscript does.
    if let (Value::Dict(d), Value::Instance(_)) = (&p, args.at(0)) {
        if let Some(missing) = crate::objects::class::special(cx.gil, args.at(0), "__missing__") {
            let key = args.at(1);
            let h = crate::objects::dict::hash(key)?;
            let found = d.borrow(cx.gil).get_hashed(h, key);
            return match found {
                Some(v) => Ok(v),
                None => cx.call(&missing, vec![args.at(0).clone(), key.clone()]),
            };
        }
    }
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
    Ok(Value::bool(cx.contains(&p, args.at(1))?))
}

fn len(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__len__", 0, 0)?;
    let p = payload(&args, "__len__")?;
    Ok(Value::Int(
        crate::objects::class::builtin_len(cx.gil, &p)? as i64
    ))
}

fn iter(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__iter__", 0, 0)?;
    let p = payload(&args, "__iter__")?;
    cx.iter(&p)
}

/// `str.__str__` / `bytes.__str__`: the value's `str()`.
fn str_(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__str__", 0, 0)?;
    let p = payload(&args, "__str__")?;
    Ok(Value::string(cx.str(&p)?))
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
    if !accepts(&p, &other, "__eq__") {
        return Ok(Value::NotImplemented);
    }
    Ok(Value::bool(crate::objects::compare::eq(
        cx.gil, &p, &other,
    )?))
}

fn ne(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__ne__", 1, 1)?;
    let p = payload(&args, "__ne__")?;
    let other = crate::objects::class::unwrap_payload(args.at(1));
    if !accepts(&p, &other, "__ne__") {
        return Ok(Value::NotImplemented);
    }
    Ok(Value::bool(!crate::objects::compare::eq(
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
