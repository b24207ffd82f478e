//! The `builtins` module: functions, types and exception classes.

mod classes;
mod construct;
pub(crate) mod exec;
mod iter;
mod memoryview;
mod scope;

use crate::objects::rc::Arc;
use crate::objects::value::PyBool;

use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::module::Module;
use crate::objects::types::{type_name, types};
use crate::objects::{int, repr};

pub use classes::{
    build_class_value, current_build_class, import_value, is_build_class, is_import,
    property_copier, replaced_import,
};
pub use construct::{construct, number_index};
pub use exec::compile_error;

pub(crate) static FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "print" => print, "len" => len, "repr" => repr_, "ascii" => ascii, "abs" => abs,
    "divmod" => divmod, "pow" => pow, "round" => round, "isinstance" => isinstance,
    "issubclass" => issubclass, "hasattr" => hasattr, "getattr" => getattr,
    "setattr" => setattr, "id" => id, "hash" => hash, "ord" => ord, "chr" => chr,
    "hex" => hex, "oct" => oct, "bin" => bin, "format" => format, "callable" => callable,
    "input" => input, "open" => crate::objects::file::open,
    "iter" => iter::iter, "next" => iter::next,
    "sum" => iter::sum [soft First "_sum"],
    "min" => iter::min [soft Only "_min"],
    "max" => iter::max [soft Only "_max"],
    "any" => iter::any [soft First "_any"],
    "all" => iter::all [soft First "_all"],
    "sorted" => iter::sorted [soft First "_sorted"],
    "globals" => scope::globals,
    "locals" => scope::locals, "vars" => scope::vars, "dir" => classes::dir,
    "delattr" => classes::delattr, "exec" => exec::exec, "eval" => exec::eval,
    "compile" => exec::compile, "aiter" => iter::aiter, "anext" => iter::anext,
    "breakpoint" => breakpoint,
];

/// Is `def` one of the built-in functions (not a method)?
pub fn is_builtin_fn(def: &NativeDef) -> bool {
    FUNCS.as_ptr_range().contains(&(def as *const NativeDef))
}

/// Is `def` the built-in `len` (the loop answers it for built-in containers)?
pub fn is_len(def: &NativeDef) -> bool {
    debug_assert_eq!(FUNCS[1].name, "len");
    std::ptr::eq(def, &FUNCS[1])
}

/// Is `def` the built-in `isinstance` (the loop answers it for a plain class)?
pub fn is_isinstance(def: &NativeDef) -> bool {
    debug_assert_eq!(FUNCS[8].name, "isinstance");
    std::ptr::eq(def, &FUNCS[8])
}

/// Is `def` the built-in `next` (the loop resumes a generator's frame for it)?
pub fn is_next(def: &NativeDef) -> bool {
    debug_assert_eq!(FUNCS[25].name, "next");
    std::ptr::eq(def, &FUNCS[25])
}

pub fn make(gil: Gil<'_>) -> Module {
    let m = Module::with_functions(gil, "builtins", FUNCS);
    m.set(
        gil,
        "memoryview",
        Value::Type(memoryview::memoryview_type().clone()),
    );
    let t = types();
    for ty in [
        &t.object,
        &t.int,
        &t.bool_,
        &t.float,
        &t.complex,
        &t.str,
        &t.bytes,
        &t.bytearray,
        &t.list,
        &t.tuple,
        &t.dict,
        &t.set,
        &t.frozenset,
        &t.range,
        &t.slice,
        &t.type_,
        &t.property,
        &t.staticmethod,
        &t.classmethod,
        &t.super_,
        &t.map,
        &t.filter,
        &t.zip,
        &t.enumerate,
        &t.reversed,
    ] {
        m.set(gil, &ty.name, Value::Type(ty.clone()));
    }
    for ty in t.exc.all() {
        m.set(gil, &ty.name, Value::Type(ty.clone()));
    }
    m.set(gil, "EnvironmentError", Value::Type(t.exc.os_error.clone()));
    m.set(gil, "IOError", Value::Type(t.exc.os_error.clone()));
    m.set(gil, "None", Value::None);
    m.set(gil, "Ellipsis", Value::Ellipsis);
    m.set(gil, "NotImplemented", Value::NotImplemented);
    // True: pyvm keeps `assert` statements (it has no -O code).
    m.set(gil, "__debug__", Value::bool(true));
    m.set(gil, "__name__", Value::str("builtins"));
    m.set(gil, "__import__", import_value());
    m.set(gil, "__build_class__", build_class_value());
    m
}

/// `breakpoint(*args, **kws)`: `sys.breakpointhook(*args, **kws)`.
fn breakpoint(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let Some(hook) = super::sys::module(cx.gil).get(cx.gil, "breakpointhook") else {
        return Err(PyErr::msg(&types().exc.runtime_error, "lost sys.breakpointhook").into());
    };
    cx.call_args(&hook, args)
}

fn print(cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    let sep = args.take_kw("sep");
    let end = args.take_kw("end");
    let file = args.take_kw("file").filter(|f| !matches!(f, Value::None));
    let flush = args.take_kw("flush");
    if let Some((k, _)) = args.kw.first() {
        return Err(type_error(format!("'{k}' is an invalid keyword argument for print()")).into());
    }
    let text_of = |v: Option<Value>, what: &str, default: &str| -> Result<String, PyErr> {
        match v {
            None | Some(Value::None) => Ok(default.to_owned()),
            Some(Value::Str(s)) => Ok(s.as_str().to_owned()),
            Some(other) => Err(type_error(format!(
                "{what} must be None or a string, not {}",
                type_name(&other)
            ))),
        }
    };
    let sep = text_of(sep, "sep", " ")?;
    let end = text_of(end, "end", "\n")?;
    let file = match file {
        Some(f) => f,
        None => sys_stream(cx, "stdout")?,
    };
    let flush = flush.is_some_and(|f| crate::objects::value::truthy(cx.gil, &f));
    if !crate::modules::stdio::is_std(&file, 1) {
        let write = cx.getattr(&file, "write")?;
        if matches!(write, Value::Method(_) | Value::Function(_)) {
            // A `write` written in Python (a class counting or transforming its
            // writes) sees each piece, as CPython's print writes them.
            print_pieces(cx, &file, &args.pos, &sep, &end)?;
            if flush {
                let f = cx.getattr(&file, "flush")?;
                cx.call(&f, vec![])?;
            }
            return Ok(Value::None);
        }
    }
    let mut out = String::new();
    for (i, v) in args.pos.iter().enumerate() {
        if i > 0 {
            crate::objects::memory::push_str(&mut out, &sep)?;
        }
        match v {
            Value::Str(s) => crate::objects::memory::push_str(&mut out, s.as_str())?,
            v => crate::objects::memory::push_str(&mut out, &cx.str(v)?)?,
        }
    }
    out.push_str(&end);
    if crate::modules::stdio::is_std(&file, 1) {
        crate::modules::stdio::write_stdout_text(cx, &out)?;
        if flush {
            crate::modules::sys::try_flush_stdout()?;
        }
        return Ok(Value::None);
    }
    let write = cx.getattr(&file, "write")?;
    cx.call(&write, vec![Value::string(out)])?;
    if flush {
        let f = cx.getattr(&file, "flush")?;
        cx.call(&f, vec![])?;
    }
    Ok(Value::None)
}

/// `print(*values, sep=sep, end=end, file=file)` as CPython's: `file.write` for each
/// value's `str`, each separator and the end, looked up each time.
fn print_pieces(cx: &mut Cx, file: &Value, values: &[Value], sep: &str, end: &str) -> PyResult<()> {
    let put = |cx: &mut Cx, text: Value| -> PyResult<()> {
        let write = cx.getattr(file, "write")?;
        cx.call(&write, vec![text])?;
        Ok(())
    };
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            put(cx, Value::str(sep))?;
        }
        let text = match v {
            Value::Str(_) => v.clone(),
            v => Value::string(cx.str(v)?),
        };
        put(cx, text)?;
    }
    put(cx, Value::str(end))
}

/// `sys.stdout` (or another stream) as the program has it now; `None` (print does
/// nothing) when the program deleted it, as CPython's `RuntimeError: lost sys.stdout`.
fn sys_stream(cx: &mut Cx, name: &str) -> Result<Value, PyErr> {
    let sys = crate::modules::sys::module(cx.gil);
    match sys.get(cx.gil, name) {
        Some(v) if !matches!(v, Value::None) => Ok(v),
        _ => Err(runtime_error(format!("lost sys.{name}"))),
    }
}

pub fn len(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("len", 1, 1)?;
    let gil = cx.gil;
    if crate::objects::class::is_user(args.at(0))
        || crate::objects::class::special(gil, args.at(0), "__len__").is_some()
    {
        return Ok(Value::Int(len_instance(gil, args.at(0))?));
    }
    let n = match args.at(0) {
        Value::Str(s) => s.char_len(),
        Value::List(l) => l.borrow(gil).len(),
        Value::Tuple(t) => t.len(),
        Value::Dict(d) => d.borrow(gil).len(),
        Value::Set(s) => s.borrow(gil).len(),
        Value::FrozenSet(s) => s.len(),
        Value::Bytes(b) => b.len(),
        Value::ByteArray(b) => b.borrow(gil).len(),
        Value::Range(r) => r.len_ssize()?,
        Value::Iter(it) if it.borrow(gil).is_view() => match it.borrow(gil).view_items(gil) {
            Some((_, items)) => items.len(),
            None => 0,
        },
        Value::Object(o) if o.0.len(gil).is_some() => o.0.len(gil).unwrap_or(0),
        v => {
            return Err(
                type_error(format!("object of type '{}' has no len()", type_name(v))).into(),
            )
        }
    };
    Ok(Value::Int(n as i64))
}

fn repr_(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("repr", 1, 1)?;
    Ok(Value::string(cx.repr(args.at(0))?))
}

fn ascii(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("ascii", 1, 1)?;
    Ok(Value::string(crate::objects::format::ascii(
        &cx.repr(args.at(0))?,
    )?))
}

fn abs(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("abs", 1, 1)?;
    if let Some(f) = crate::objects::class::special(_cx.gil, args.at(0), "__abs__") {
        return _cx.call(&f, vec![args.at(0).clone()]);
    }
    Ok(match &crate::objects::class::unwrap_number(args.at(0)) {
        Value::Float(f) => Value::float(f.get().abs()),
        Value::Complex(c) => Value::float(crate::objects::complex::abs(**c)?),
        v if int::is_int(v) => {
            if int::cmp(v, &Value::Int(0)).is_lt() {
                int::neg(v)
            } else {
                unary(_cx.gil, "+", v)?
            }
        }
        v => {
            return Err(
                type_error(format!("bad operand type for abs(): '{}'", type_name(v))).into(),
            )
        }
    })
}

fn divmod(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("divmod", 2, 2)?;
    let (a, b) = (args.at(0), args.at(1));
    // `a.__divmod__(b)`, then `b.__rdivmod__(a)`, each unless `NotImplemented`.
    let same = crate::objects::class::is_user(a)
        && crate::objects::class::is_user(b)
        && crate::objects::rc::Arc::ptr_eq(
            &crate::objects::class::class_of(a),
            &crate::objects::class::class_of(b),
        );
    let tries = [
        (
            a,
            b,
            crate::objects::class::special(cx.gil, a, "__divmod__"),
        ),
        (
            b,
            a,
            if same {
                None
            } else {
                crate::objects::class::special(cx.gil, b, "__rdivmod__")
            },
        ),
    ];
    for (x, y, f) in tries {
        if let Some(f) = f {
            let r = cx.call(&f, vec![x.clone(), y.clone()])?;
            if !matches!(r, Value::NotImplemented) {
                return Ok(r);
            }
        }
    }
    let numeric = |v: &Value| {
        matches!(
            v,
            Value::Int(_) | Value::Bool(_) | Value::Big(_) | Value::Float(_)
        )
    };
    if !numeric(a) || !numeric(b) {
        // The inherited `int.__divmod__` of an `int` or `float` subclass.
        let (x, y) = (
            crate::objects::class::unwrap_number(a),
            crate::objects::class::unwrap_number(b),
        );
        if numeric(&x) && numeric(&y) && (!a.is(&x) || !b.is(&y)) {
            return divmod(cx, Args::new([x, y]));
        }
        return Err(unsupported_operand("divmod()", a, b).into());
    }
    let q = binary_op(cx.gil, 2, a, b)?;
    let r = binary_op(cx.gil, 6, a, b)?;
    Ok(Value::tuple(vec![q, r]))
}

fn pow(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let a = clinic(args, "pow", &["base", "exp", "mod"], 2, 3)?;
    let args = Args::new(a.into_iter().flatten());
    if let Some(m) = args.get(2).filter(|m| !matches!(m, Value::None)) {
        let is_complex =
            |v: &Value| matches!(crate::objects::class::unwrap_number(v), Value::Complex(_));
        if is_complex(args.at(0)) || is_complex(args.at(1)) || is_complex(m) {
            return Err(value_error("complex modulo").into());
        }
        let (Some(b), Some(e), Some(m)) = (
            int::to_big(args.at(0)),
            int::to_big(args.at(1)),
            int::to_big(m),
        ) else {
            return Err(type_error(
                "pow() 3rd argument not allowed unless all arguments are integers",
            )
            .into());
        };
        if m == num_bigint::BigInt::from(0) {
            return Err(value_error("pow() 3rd argument cannot be 0").into());
        }
        let (b, e) = if e.sign() == num_bigint::Sign::Minus {
            // `pow(b, -e, m)` is `pow(inverse of b mod m, e, m)`.
            let am = num_traits::Signed::abs(&m);
            let g =
                num_integer::Integer::extended_gcd(&num_integer::Integer::mod_floor(&b, &am), &am);
            if g.gcd != num_bigint::BigInt::from(1) {
                return Err(value_error("base is not invertible for the given modulus").into());
            }
            (num_integer::Integer::mod_floor(&g.x, &am), -e)
        } else {
            (b, e)
        };
        let r = b.modpow(&e, &m);
        let r = if r.sign() != num_bigint::Sign::NoSign && r.sign() != m.sign() {
            r + &m
        } else {
            r
        };
        return Ok(int::normalize(r));
    }
    Ok(binary_op(cx.gil, 8, args.at(0), args.at(1))?)
}

fn round(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let a = clinic(args, "round", &["number", "ndigits"], 1, 2)?;
    let args = Args::new(a.into_iter().flatten());
    if let Some(f) = crate::objects::class::special(_cx.gil, args.at(0), "__round__") {
        let mut call = vec![args.at(0).clone()];
        call.extend(args.get(1).cloned());
        return _cx.call(&f, call);
    }
    let nd = match args.get(1) {
        None | Some(Value::None) => None,
        Some(v) => Some(arg_int(v, "")?),
    };
    match &crate::objects::class::unwrap_number(args.at(0)) {
        Value::Float(f) => {
            let f = &f.get();
            if nd.is_none() {
                if f.is_nan() {
                    return Err(value_error("cannot convert float NaN to integer").into());
                }
                if f.is_infinite() {
                    return Err(overflow_error("cannot convert float infinity to integer").into());
                }
                let r = crate::objects::float::round(*f, None);
                return Ok(int::normalize(
                    num_traits::FromPrimitive::from_f64(r).unwrap_or_default(),
                ));
            }
            Ok(Value::float(crate::objects::float::round(*f, nd)))
        }
        v if int::is_int(v) => match nd {
            Some(n) if n < 0 => {
                let x = int::to_big(v).unwrap_or_default();
                // Rounding to a power of ten above twice the value gives 0: no need
                // to build that power (`round(x, -2**63)`; it overflowed here).
                let k = n.unsigned_abs();
                // (|x| < 2**bits, and 10**k >= 2**(bits + 1) once k > (bits + 1) / 3.)
                if k > (x.bits() + 1) / 3 + 1 {
                    return Ok(Value::Int(0));
                }
                let p = num_bigint::BigInt::from(10).pow(k as u32);
                let (q, r) = num_integer::Integer::div_mod_floor(&x, &p);
                let twice = &r * 2;
                let q = if twice > p || (twice == p && num_integer::Integer::is_odd(&q)) {
                    q + 1
                } else {
                    q
                };
                Ok(int::normalize(q * p))
            }
            _ => Ok(unary(_cx.gil, "+", v)?),
        },
        v => Err(type_error(format!(
            "type {} doesn't define __round__ method",
            type_name(v)
        ))
        .into()),
    }
}

fn type_list(v: &Value) -> Option<Vec<Arc<crate::objects::types::PyType>>> {
    match v {
        Value::Type(t) => Some(vec![t.clone()]),
        Value::Tuple(items) => {
            let mut out = Vec::new();
            for i in items.iter() {
                out.extend(type_list(i)?);
            }
            Some(out)
        }
        _ => None,
    }
}

/// `isinstance(x, (A, B))` / `issubclass` when a class of the tuple has a metaclass
/// (whose check must run): `check` on each in turn. `None` for the plain case.
fn any_in_tuple(
    cx: &mut Cx,
    args: &Args,
    check: fn(&mut Cx, Args) -> PyResult<Value>,
) -> Option<PyResult<Value>> {
    let Value::Tuple(items) = args.at(1) else {
        return None;
    };
    if !items.iter().any(crate::objects::class::has_meta) {
        return None;
    }
    for t in items.iter() {
        match check(cx, Args::new([args.at(0).clone(), t.clone()])) {
            Ok(Value::Bool(PyBool::True)) => return Some(Ok(Value::bool(true))),
            Ok(_) => {}
            Err(e) => return Some(Err(e)),
        }
    }
    Some(Ok(Value::bool(false)))
}

/// `isinstance`/`issubclass` against a class, or a flat tuple of classes, none of
/// which has a metaclass of its own: `type`'s check, the MRO of `t`, with nothing
/// looked up or built. `None` for anything else (the general path).
fn plain_subtype(t: &crate::objects::types::PyType, cls: &Value) -> Option<bool> {
    match cls {
        Value::Type(c) if c.meta.is_none() => Some(t.is_subtype(c)),
        Value::Tuple(items) => {
            let mut found = false;
            for item in items.iter() {
                match item {
                    Value::Type(c) if c.meta.is_none() => found = found || t.is_subtype(c),
                    _ => return None,
                }
            }
            Some(found)
        }
        _ => None,
    }
}

fn isinstance(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("isinstance", 2, 2)?;
    if let Some(r) = plain_subtype(&types().of(args.at(0)), args.at(1)) {
        return Ok(Value::bool(r));
    }
    if let Some(f) = crate::objects::class::special(cx.gil, args.at(1), "__instancecheck__") {
        // The metaclass decides (`abc.ABCMeta`).
        let r = cx.call(&f, vec![args.at(1).clone(), args.at(0).clone()])?;
        return Ok(Value::bool(cx.truthy(&r)?));
    }
    if let Some(r) = any_in_tuple(cx, &args, isinstance) {
        return r;
    }
    let Some(ts) = type_list(args.at(1)) else {
        return Err(
            type_error("isinstance() arg 2 must be a type, a tuple of types, or a union").into(),
        );
    };
    let t = types().of(args.at(0));
    Ok(Value::bool(ts.iter().any(|x| t.is_subtype(x))))
}

fn issubclass(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("issubclass", 2, 2)?;
    if let Value::Type(t) = args.at(0) {
        if let Some(r) = plain_subtype(t, args.at(1)) {
            return Ok(Value::bool(r));
        }
    }
    if let Some(f) = crate::objects::class::special(cx.gil, args.at(1), "__subclasscheck__") {
        let r = cx.call(&f, vec![args.at(1).clone(), args.at(0).clone()])?;
        return Ok(Value::bool(cx.truthy(&r)?));
    }
    if let Some(r) = any_in_tuple(cx, &args, issubclass) {
        return r;
    }
    let Value::Type(t) = args.at(0) else {
        return Err(type_error("issubclass() arg 1 must be a class").into());
    };
    let Some(ts) = type_list(args.at(1)) else {
        return Err(type_error(
            "issubclass() arg 2 must be a class, a tuple of classes, or a union",
        )
        .into());
    };
    Ok(Value::bool(ts.iter().any(|x| t.is_subtype(x))))
}

fn attr_name<'a>(v: &'a Value, f: &str) -> Result<&'a str, PyErr> {
    v.as_str().ok_or_else(|| {
        type_error(format!(
            "{f}(): attribute name must be string, not '{}'",
            type_name(v)
        ))
    })
}

/// `obj.name` from a native, running a property getter or `__getattr__` on this
/// micro-thread.
fn get_attr(cx: &mut Cx, obj: &Value, name: &str) -> PyResult<Value> {
    cx.load_attr(obj, name)
}

fn hasattr(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("hasattr", 2, 2)?;
    let name = attr_name(args.at(1), "hasattr")?;
    match get_attr(cx, args.at(0), name) {
        Ok(_) => Ok(Value::bool(true)),
        Err(deferred::Unwind::Raise(e)) if e.is_instance(&types().exc.attribute_error) => {
            Ok(Value::bool(false))
        }
        Err(e) => Err(e),
    }
}

fn getattr(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("getattr", 2, 3)?;
    let name = attr_name(args.at(1), "getattr")?;
    match get_attr(cx, args.at(0), name) {
        Ok(v) => Ok(v),
        Err(deferred::Unwind::Raise(e)) => match args.get(2) {
            Some(d) if e.is_instance(&types().exc.attribute_error) => Ok(d.clone()),
            _ => Err(e.into()),
        },
        Err(e) => Err(e),
    }
}

fn setattr(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("setattr", 3, 3)?;
    let name = attr_name(args.at(1), "setattr")?;
    let v = Some(args.at(2).clone());
    cx.store_attr(args.at(0), name, v)?;
    Ok(Value::None)
}

fn id(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("id", 1, 1)?;
    Ok(Value::Int(object_id(args.at(0))))
}

/// `id(v)`: a heap object's address; a made-up number for an inline value.
pub fn object_id(v: &Value) -> i64 {
    let n = v.heap_ptr().unwrap_or_else(|| match v {
        Value::Int(i) => (*i as usize).wrapping_mul(32).wrapping_add(0x1000),
        Value::Bool(b) => 0x100 + *b as usize,
        Value::Float(f) => f.get().to_bits() as usize,
        Value::None => 0x20,
        Value::Ellipsis => 0x30,
        Value::NotImplemented => 0x40,
        _ => 0x10,
    });
    (n as i64) & i64::MAX
}

fn hash(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("hash", 1, 1)?;
    if crate::objects::class::is_user(args.at(0)) {
        return Ok(Value::Int(hash_instance(cx.gil, args.at(0))?));
    }
    Ok(Value::Int(crate::objects::dict::hash(args.at(0))?))
}

fn ord(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("ord", 1, 1)?;
    match &crate::objects::class::unwrap_payload(args.at(0)) {
        Value::Str(s) if s.char_len() == 1 => Ok(Value::Int(
            s.char_at(0)
                .map_or(0, |c| crate::objects::str::code_point(c) as i64),
        )),
        Value::Str(s) => Err(type_error(format!(
            "ord() expected a character, but string of length {} found",
            s.char_len()
        ))
        .into()),
        Value::Bytes(b) if b.len() == 1 => Ok(Value::Int(b[0] as i64)),
        v => Err(type_error(format!(
            "ord() expected string of length 1, but {} found",
            type_name(v)
        ))
        .into()),
    }
}

fn chr(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("chr", 1, 1)?;
    let i = arg_int(args.at(0), "")?;
    use crate::objects::str::{from_code_point, NOT_REPRESENTABLE};
    match u32::try_from(i).ok().filter(|&u| u < 0x110000) {
        Some(u) => match from_code_point(u) {
            Some(c) => Ok(Value::string(c.to_string())),
            None => Err(value_error(format!("chr() arg {NOT_REPRESENTABLE}")).into()),
        },
        None => Err(value_error("chr() arg not in range(0x110000)").into()),
    }
}

/// `hex`/`oct`/`bin`: the integer `PyNumber_Index` gives (an `__index__` too).
fn radix(cx: &mut Cx, args: &Args, name: &str, r: u32, prefix: &str) -> PyResult<Value> {
    args.check(name, 1, 1)?;
    let v = &crate::objects::class::unwrap_number(args.at(0));
    let v = &if int::is_int(v) {
        v.clone()
    } else {
        construct::number_index(cx, v)?
    };
    Ok(Value::string(int::to_radix(v, r, prefix)?))
}

fn hex(cx: &mut Cx, args: Args) -> PyResult<Value> {
    radix(cx, &args, "hex", 16, "0x")
}

fn oct(cx: &mut Cx, args: Args) -> PyResult<Value> {
    radix(cx, &args, "oct", 8, "0o")
}

fn bin(cx: &mut Cx, args: Args) -> PyResult<Value> {
    radix(cx, &args, "bin", 2, "0b")
}

fn format(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("format", 1, 2)?;
    let spec = match args.get(1) {
        Some(v) => arg_str(v, "format", "2")?.to_owned(),
        None => String::new(),
    };
    cx.format_value(args.at(0), &spec)
}

fn callable(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("callable", 1, 1)?;
    Ok(Value::bool(callable_value(cx.gil, args.at(0))))
}

/// `callable(v)`: functions, methods, types, natives, and instances with `__call__`.
pub fn callable_value(gil: crate::objects::gil::Gil<'_>, v: &Value) -> bool {
    match v {
        Value::Method(_) => true,
        Value::Instance(i) => {
            crate::objects::class::lookup(
                gil,
                i.class(),
                &crate::objects::str::PyStr::new("__call__".to_owned()),
            )
            .is_some()
                || matches!(&i.base, Value::Object(o) if o.0.callable())
        }
        v => is_callable(v),
    }
}

fn input(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("input", 0, 1)?;
    let stdin = sys_stream(cx, "stdin")?;
    let stdout = sys_stream(cx, "stdout")?;
    // CPython flushes stderr, writes the prompt to sys.stdout and flushes it, then
    // reads a line of sys.stdin.
    if let Some(p) = args.get(0) {
        let prompt = cx.str(p)?;
        if crate::modules::stdio::is_std(&stdout, 1) {
            crate::modules::sys::write_stdout(&prompt)?;
        } else {
            let write = cx.getattr(&stdout, "write")?;
            cx.call(&write, vec![Value::string(prompt)])?;
        }
    }
    if crate::modules::stdio::is_std(&stdout, 1) {
        crate::modules::sys::try_flush_stdout()?;
    } else if let Ok(f) = cx.getattr(&stdout, "flush") {
        cx.call(&f, vec![])?;
    }
    if crate::modules::stdio::is_std(&stdin, 0) {
        return crate::modules::stdio::input_line(cx);
    }
    let readline = cx.getattr(&stdin, "readline")?;
    let line = cx.call(&readline, vec![])?;
    match &line {
        Value::Str(s) if s.as_str().is_empty() => Err(eof_error("EOF when reading a line").into()),
        Value::Str(s) => {
            let s = s.as_str();
            Ok(Value::str(s.strip_suffix('\n').unwrap_or(s)))
        }
        v => Err(type_error(format!("object of type '{}' has no len()", type_name(v))).into()),
    }
}

/// `repr` for natives that need it without a context.
pub fn repr_of(gil: Gil<'_>, v: &Value) -> Result<String, PyErr> {
    repr::repr(gil, v)
}
