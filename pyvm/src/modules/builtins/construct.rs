//! Calling a type: `int(...)`, `list(...)`, `ValueError(...)`, ...

use crate::objects::rc::Arc;

use crate::native::*;
use crate::objects::gil::GilCell;
use crate::objects::range::Range;
use crate::objects::set::Set;
use crate::objects::types::{type_name, Kind, PyType};
use crate::objects::{float, int};

/// `t(*args, **kw)` for a built-in type or exception class.
pub fn construct(cx: &mut Cx, t: &Arc<PyType>, mut args: Args) -> PyResult<Value> {
    if let Some(new) = t.new {
        return new(cx, args);
    }
    let name = t.name.as_str();
    Ok(match t.kind {
        Kind::IterType => return super::iter::construct(cx, t, args),
        Kind::Exception => {
            let kw = std::mem::take(&mut args.kw);
            crate::objects::os_error::check_args(t, &args.pos)?;
            crate::objects::unicode_error::check_args(t, &args.pos)?;
            let err = PyErr::new(t, args.pos.to_vec());
            // `AttributeError(msg, name=..., obj=...)`, `ImportError(msg, name=...,
            // path=...)`, `NameError(msg, name=...)`; the others take no keywords.
            crate::objects::exception::init_members(cx.gil, &err.0, t, &kw)?;
            err.value()
        }
        Kind::Int => {
            too_many(&args, "int", 2, false)?;
            if let Some(b) = args.take_kw("base") {
                args.pos.push(b);
            }
            args.check_kw("int", 0, 2)?;
            make_int(cx, &args)?
        }
        Kind::Float => {
            args.check("float", 0, 1)?;
            match args.get(0) {
                None => Value::float(0.0),
                Some(Value::Float(f)) => Value::float(f.get()),
                Some(Value::Str(s)) => Value::float(float::parse(s.as_str())?),
                Some(v @ (Value::Bytes(_) | Value::ByteArray(_))) => float_of_bytes(cx, v)?,
                Some(v) if int::is_int(v) => Value::float(int::to_f64(v)?),
                Some(v) if crate::objects::class::special(cx.gil, v, "__float__").is_some() => {
                    let f = crate::objects::class::special(cx.gil, v, "__float__");
                    let r = cx.call(&f.unwrap_or(Value::None), vec![v.clone()])?;
                    match r {
                        Value::Float(_) => r,
                        other => {
                            return Err(type_error(format!(
                                "{}.__float__ returned non-float (type {})",
                                type_name(v),
                                type_name(&other)
                            ))
                            .into())
                        }
                    }
                }
                Some(v) if crate::objects::class::special(cx.gil, v, "__index__").is_some() => {
                    let f = crate::objects::class::special(cx.gil, v, "__index__");
                    let r = cx.call(&f.unwrap_or(Value::None), vec![v.clone()])?;
                    Value::float(int::to_f64(&r)?)
                }
                // A `float`, `int` or `str` subclass's value.
                Some(v)
                    if crate::objects::class::payload(v).is_some_and(|p| {
                        matches!(p, Value::Float(_) | Value::Str(_)) || int::is_int(p)
                    }) =>
                {
                    let p = crate::objects::class::unwrap_payload(v);
                    return construct(cx, t, Args::new([p]));
                }
                Some(v) => {
                    return Err(type_error(format!(
                        "float() argument must be a string or a real number, not '{}'",
                        type_name(v)
                    ))
                    .into())
                }
            }
        }
        Kind::Complex => {
            let a = clinic(args, "complex", &["real", "imag"], 0, 2)?;
            make_complex(cx, a[0].clone(), a[1].clone())?
        }
        Kind::Str => {
            too_many(&args, "str", 3, false)?;
            let enc = args.take_kw("encoding");
            let errs = args.take_kw("errors");
            args.check_kw("str", 0, 3)?;
            let enc = args.get(1).cloned().or(enc);
            let errs = args.get(2).cloned().or(errs);
            match args.get(0) {
                None => Value::str(""),
                Some(v) if enc.is_none() && errs.is_none() => match v {
                    Value::Str(_) => v.clone(),
                    v => Value::string(cx.str(v)?),
                },
                // `str(b, encoding, errors)`: `bytes.decode` does the decoding.
                Some(v) => {
                    let b = match v {
                        Value::Bytes(_) | Value::ByteArray(_) => v.clone(),
                        Value::Str(_) => {
                            return Err(type_error("decoding str is not supported").into())
                        }
                        other => match bytes_arg(cx.gil, other) {
                            Ok(data) => Value::Bytes(Arc::new(data)),
                            Err(_) => {
                                return Err(type_error(format!(
                                    "decoding to str: need a bytes-like object, {} found",
                                    type_name(other)
                                ))
                                .into())
                            }
                        },
                    };
                    let f = cx.getattr(&b, "decode")?;
                    let rest = vec![
                        enc.unwrap_or_else(|| Value::str("utf-8")),
                        errs.unwrap_or_else(|| Value::str("strict")),
                    ];
                    cx.call(&f, rest)?
                }
            }
        }
        Kind::Bool => {
            args.check("bool", 0, 1)?;
            Value::bool(match args.get(0) {
                Some(v) => cx.truthy(v)?,
                None => false,
            })
        }
        Kind::Bytes | Kind::ByteArray => {
            let data = bytes_source(cx, args, name)?;
            if t.kind == Kind::Bytes {
                Value::Bytes(Arc::new(data))
            } else {
                Value::ByteArray(Arc::new(GilCell::new(data)))
            }
        }
        Kind::List => {
            args.check("list", 0, 1)?;
            Value::list(match args.get(0) {
                Some(v) => cx.collect(v)?,
                None => Vec::new(),
            })
        }
        Kind::Tuple => {
            args.check("tuple", 0, 1)?;
            match args.get(0) {
                Some(Value::Tuple(_)) => args.at(0).clone(),
                Some(v) => Value::tuple(cx.collect(v)?),
                None => Value::tuple(Vec::new()),
            }
        }
        Kind::Set | Kind::FrozenSet => {
            args.check(name, 0, 1)?;
            let s = match args.get(0) {
                Some(Value::Set(_) | Value::FrozenSet(_)) => {
                    Set::copy_of(&crate::objects::compare::set_of(cx.gil, args.at(0)))
                }
                Some(Value::Dict(d)) => {
                    Set::from_dict_keys(d.borrow(cx.gil).keys().cloned().collect())?
                }
                Some(v) => Set::from_values(cx.collect(v)?)?,
                None => Set::new(),
            };
            if t.kind == Kind::Set {
                Value::set(s)
            } else {
                Value::FrozenSet(Arc::new(s))
            }
        }
        Kind::Dict => {
            if args.len() > 1 {
                return Err(type_error(format!(
                    "dict expected at most 1 argument, got {}",
                    args.len()
                ))
                .into());
            }
            let d = crate::objects::gc::dict(crate::objects::dict::Dict::new());
            if let Some(src) = args.get(0) {
                for (k, v) in crate::objects::methods::pairs_of(cx, src)? {
                    dict_set(cx.gil, &d, k, v)?;
                }
            }
            for (k, v) in std::mem::take(&mut args.kw) {
                dict_set(cx.gil, &d, Value::string(k), v)?;
            }
            Value::Dict(d)
        }
        Kind::Range => {
            args.check("range", 1, 3)?;
            let mut one = |v: &Value| -> PyResult<Value> {
                match v {
                    Value::Int(i) => Ok(Value::Int(*i)),
                    v => number_index(cx, v),
                }
            };
            let r = match args.len() {
                1 => match one(args.at(0))? {
                    Value::Int(stop) => Range::small(0, stop, 1),
                    stop => Range::from_values(&Value::Int(0), &stop, &Value::Int(1))?,
                },
                n => {
                    let (start, stop) = (one(args.at(0))?, one(args.at(1))?);
                    let step = if n == 3 {
                        one(args.at(2))?
                    } else {
                        Value::Int(1)
                    };
                    if matches!(step, Value::Int(0)) {
                        return Err(value_error("range() arg 3 must not be zero").into());
                    }
                    match (&start, &stop, &step) {
                        (Value::Int(a), Value::Int(b), Value::Int(c)) => Range::small(*a, *b, *c),
                        _ => Range::from_values(&start, &stop, &step)?,
                    }
                }
            };
            Value::Range(Arc::new(r))
        }
        // `types.ModuleType(name, doc=None)`: an empty module (importlib's
        // `module_from_spec`).
        Kind::Module => {
            let doc = args.take_kw("doc");
            let name_kw = args.take_kw("name");
            args.check_kw("module", 0, 2)?;
            let name = match name_kw.as_ref().or(args.get(0)) {
                Some(Value::Str(s)) => s.as_str().to_owned(),
                Some(v) => {
                    return Err(type_error(format!(
                        "module.__init__() argument 'name' must be str, not {}",
                        type_name(v)
                    ))
                    .into())
                }
                None => {
                    return Err(type_error(
                        "module.__init__() missing required argument 'name' (pos 1)",
                    )
                    .into())
                }
            };
            let m = crate::objects::module::Module::new(&name);
            m.set(cx.gil, "__name__", Value::string(name));
            let doc = doc.or_else(|| args.get(1).cloned()).unwrap_or(Value::None);
            m.set(cx.gil, "__doc__", doc);
            for k in ["__package__", "__loader__", "__spec__"] {
                m.set(cx.gil, k, Value::None);
            }
            Value::Module(Arc::new(m))
        }
        Kind::Slice => {
            args.check("slice", 1, 3)?;
            let p = |i: usize| args.get(i).cloned().unwrap_or(Value::None);
            match args.len() {
                1 => Value::Slice(Arc::new([Value::None, p(0), Value::None])),
                _ => Value::Slice(Arc::new([p(0), p(1), p(2)])),
            }
        }
        Kind::Type => {
            if args.len() == 1 && args.kw.is_empty() {
                return Ok(Value::Type(crate::objects::class::class_of(args.at(0))));
            }
            if args.len() == 3 {
                return Ok(cx.type_new(&args)?);
            }
            return Err(type_error("type() takes 1 or 3 arguments").into());
        }
        Kind::Property | Kind::StaticMethod | Kind::ClassMethod | Kind::Super => {
            return super::classes::construct(cx, t, args)
        }
        // `types.MethodType(func, obj)`: `func` bound to `obj`.
        Kind::Method => {
            args.check("method", 2, 2)?;
            let (func, this) = (args.at(0).clone(), args.at(1).clone());
            if !crate::modules::builtins::callable_value(cx.gil, &func) {
                return Err(type_error("first argument must be callable").into());
            }
            if matches!(this, Value::None) {
                return Err(type_error("instance must not be None").into());
            }
            Value::Method(Arc::new(crate::objects::class::Method { func, this }))
        }
        Kind::Function => make_function(cx, args)?,
        // `types.CellType()`, `types.CellType(contents)`.
        Kind::Cell => {
            args.check("cell", 0, 1)?;
            let v = args.get(0).cloned().unwrap_or(Value::Null);
            Value::Cell(crate::objects::gc::cell(v))
        }
        _ => return Err(type_error(format!("cannot create '{name}' instances")).into()),
    })
}

/// `types.FunctionType(code, globals, name=None, argdefs=None, closure=None)`, with
/// CPython's checks and messages.
fn make_function(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let a = clinic(
        args,
        "function",
        &["code", "globals", "name", "argdefs", "closure"],
        2,
        5,
    )?;
    let shown = |v: &Value| match v {
        Value::None => "None".to_owned(),
        v => type_name(v).to_string(),
    };
    let code = match &a[0] {
        Some(Value::Code(c)) => c.clone(),
        v => {
            let v = v.clone().unwrap_or(Value::None);
            let msg = format!("function() argument 'code' must be code, not {}", shown(&v));
            return Err(type_error(msg).into());
        }
    };
    let globals = match &a[1] {
        Some(Value::Dict(d)) => d.clone(),
        v => {
            let v = v.clone().unwrap_or(Value::None);
            let msg = format!(
                "function() argument 'globals' must be dict, not {}",
                shown(&v)
            );
            return Err(type_error(msg).into());
        }
    };
    let name = match &a[2] {
        None | Some(Value::None) => None,
        Some(Value::Str(s)) => Some(s.as_str().to_owned()),
        Some(_) => return Err(type_error("arg 3 (name) must be None or string").into()),
    };
    let defaults = match &a[3] {
        None | Some(Value::None) => None,
        Some(t @ Value::Tuple(_)) => Some(t.clone()),
        Some(_) => return Err(type_error("arg 4 (defaults) must be None or tuple").into()),
    };
    let closure = match &a[4] {
        None | Some(Value::None) if code.freevars.is_empty() => None,
        Some(Value::Tuple(t)) => {
            if t.len() != code.freevars.len() {
                return Err(value_error(format!(
                    "{} requires closure of length {}, not {}",
                    code.name,
                    code.freevars.len(),
                    t.len()
                ))
                .into());
            }
            if let Some(v) = t.iter().find(|v| !matches!(v, Value::Cell(_))) {
                return Err(type_error(format!(
                    "arg 5 (closure) expected cell, found {}",
                    type_name(v)
                ))
                .into());
            }
            Some(Value::Tuple(t.clone()))
        }
        _ => return Err(type_error("arg 5 (closure) must be tuple").into()),
    };
    let f = crate::native::make_function(cx.gil, Value::Code(code), globals, defaults, closure);
    if let (Some(name), Value::Function(func)) = (name, &f) {
        let meta = func.store_for("__name__");
        meta.borrow_mut(cx.gil)
            .insert(Value::str("__name__"), Value::string(name))?;
    }
    Ok(f)
}

/// CPython's `PyNumber_Index`: an int as itself (a `bool` as 0 or 1), an instance
/// through its `__index__` (or the int inside an `int` subclass), else TypeError.
pub fn number_index(cx: &mut Cx, v: &Value) -> PyResult<Value> {
    match v {
        Value::Int(_) | Value::Big(_) => return Ok(v.clone()),
        Value::Bool(b) => return Ok(Value::Int(*b as i64)),
        _ => {}
    }
    if let Some(f) = crate::objects::class::special(cx.gil, v, "__index__") {
        return match cx.call(&f, vec![v.clone()])? {
            Value::Bool(b) => Ok(Value::Int(b as i64)),
            r if int::is_int(&r) => Ok(r),
            r => Err(type_error(format!(
                "__index__ returned non-int (type {})",
                type_name(&r)
            ))
            .into()),
        };
    }
    if let Some(p) = crate::objects::class::payload(v).filter(|p| int::is_int(p)) {
        return number_index(cx, &p.clone());
    }
    Err(type_error(format!(
        "'{}' object cannot be interpreted as an integer",
        type_name(v)
    ))
    .into())
}

fn make_int(cx: &mut Cx, args: &Args) -> PyResult<Value> {
    let Some(v) = args.get(0) else {
        return Ok(Value::Int(0));
    };
    if let Some(b) = args.get(1) {
        let base = int::check_base(arg_int(b, "")?)?;
        return match v {
            Value::Str(s) => Ok(int::parse(s.as_str(), base)?),
            Value::Bytes(b) => Ok(int::parse_bytes(b, base)?),
            Value::ByteArray(b) => Ok(int::parse_bytes(&b.borrow(cx.gil).clone(), base)?),
            _ => Err(type_error("int() can't convert non-string with explicit base").into()),
        };
    }
    Ok(match v {
        Value::Int(_) | Value::Big(_) => v.clone(),
        Value::Bool(b) => Value::Int(b.get() as i64),
        Value::Float(f) => {
            let f = f.get();
            if f.is_nan() {
                return Err(value_error("cannot convert float NaN to integer").into());
            }
            if f.is_infinite() {
                return Err(overflow_error("cannot convert float infinity to integer").into());
            }
            int::normalize(num_traits::FromPrimitive::from_f64(f.trunc()).unwrap_or_default())
        }
        Value::Str(s) => int::parse(s.as_str(), 10)?,
        Value::Bytes(b) => int::parse_bytes(b, 10)?,
        Value::ByteArray(b) => int::parse_bytes(&b.borrow(cx.gil).clone(), 10)?,
        v => {
            for (hook, what) in [
                ("__int__", "__int__"),
                ("__index__", "__index__"),
                ("__trunc__", "__trunc__"),
            ] {
                if let Some(f) = crate::objects::class::special(cx.gil, v, hook) {
                    let r = cx.call(&f, vec![v.clone()])?;
                    if !int::is_int(&r) {
                        return Err(type_error(format!(
                            "{what} returned non-int (type {})",
                            type_name(&r)
                        ))
                        .into());
                    }
                    return Ok(match r {
                        Value::Bool(b) => Value::Int(b as i64),
                        r => r,
                    });
                }
            }
            // A `memoryview` or an `array`: its bytes (CPython reads any buffer).
            if let Value::Object(o) = v {
                if let Some(b) = o.0.buffer(cx.gil) {
                    return Ok(int::parse_bytes(&b, 10)?);
                }
            }
            // An `int`, `float`, `str` or `bytes` subclass's value.
            if let Some(p) = crate::objects::class::payload(v).filter(|p| {
                matches!(p, Value::Float(_) | Value::Str(_) | Value::Bytes(_)) || int::is_int(p)
            }) {
                return make_int(cx, &Args::new([p.clone()]));
            }
            return Err(type_error(format!(
                "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                type_name(v)
            ))
            .into());
        }
    })
}

/// `complex(real=0, imag=0)` as CPython 3.11's `complex_new_impl` builds it: a string
/// alone is parsed; `real.__complex__()` is asked first; otherwise both arguments are
/// numbers (`__float__`/`__index__`), and complex arguments are combined as
/// `real + imag*1j`.
fn make_complex(cx: &mut Cx, r: Option<Value>, i: Option<Value>) -> PyResult<Value> {
    use crate::objects::complex::{self, Complex};
    let r = r.unwrap_or(Value::Int(0));
    if let (Value::Complex(_), None) = (&r, &i) {
        return Ok(r);
    }
    if let Some(s) = r.as_str() {
        if i.is_some() {
            return Err(type_error("complex() can't take second arg if first is a string").into());
        }
        let c = complex::parse(s)?;
        return Ok(complex::value(c.re, c.im));
    }
    if i.as_ref().is_some_and(|v| v.as_str().is_some()) {
        return Err(type_error("complex() second arg can't be a string").into());
    }
    let mut r = r;
    if let Some(f) = crate::objects::class::special(cx.gil, &r, "__complex__") {
        let got = cx.call(&f, vec![r.clone()])?;
        if !matches!(
            crate::objects::class::unwrap_number(&got),
            Value::Complex(_)
        ) {
            return Err(type_error(format!(
                "__complex__ returned non-complex (type {})",
                type_name(&got)
            ))
            .into());
        }
        r = crate::objects::class::unwrap_number(&got);
    }
    let is_number = |cx: &mut Cx, v: &Value| {
        let p = crate::objects::class::unwrap_number(v);
        matches!(p, Value::Float(_) | Value::Complex(_))
            || int::is_int(&p)
            || crate::objects::class::special(cx.gil, v, "__float__").is_some()
            || crate::objects::class::special(cx.gil, v, "__index__").is_some()
    };
    if !is_number(cx, &r) {
        return Err(type_error(format!(
            "complex() first argument must be a string or a number, not '{}'",
            type_name(&r)
        ))
        .into());
    }
    if let Some(v) = &i {
        if !is_number(cx, v) {
            return Err(type_error(format!(
                "complex() second argument must be a number, not '{}'",
                type_name(v)
            ))
            .into());
        }
    }
    let part = |cx: &mut Cx, v: &Value| -> PyResult<Result<Complex, f64>> {
        Ok(match crate::objects::class::unwrap_number(v) {
            Value::Complex(c) => Ok(*c),
            _ => match construct(
                cx,
                &crate::objects::types::types().float,
                Args::new([v.clone()]),
            )? {
                Value::Float(f) => Err(f.get()),
                _ => Err(0.0),
            },
        })
    };
    let (mut cr, cr_complex) = match part(cx, &r)? {
        Ok(c) => (c, true),
        Err(f) => (Complex::new(f, 0.0), false),
    };
    let mut ci = match &i {
        None => Complex::new(cr.im, 0.0),
        Some(v) => match part(cx, v)? {
            Ok(c) => {
                cr.re -= c.im;
                c
            }
            Err(f) => Complex::new(f, 0.0),
        },
    };
    if cr_complex && i.is_some() {
        ci.re += cr.im;
    }
    Ok(complex::value(cr.re, ci.re))
}

/// The bytes `bytes(source, encoding, errors)` and `bytearray(...)` start with, checked
/// as CPython's `bytes_new_impl` and `bytearray___init___impl` check their arguments.
fn bytes_source(cx: &mut Cx, mut args: Args, name: &str) -> PyResult<Vec<u8>> {
    // A `str`, `int`, `bytes` or `bytearray` subclass's value (or the module object,
    // an `array.array`, an instance of a subclass of its type carries).
    if let Some(p) = args.get(0).and_then(crate::objects::class::payload) {
        if matches!(
            p,
            Value::Str(_)
                | Value::Int(_)
                | Value::Bytes(_)
                | Value::ByteArray(_)
                | Value::Object(_)
        ) {
            args.pos[0] = p.clone();
        }
    }
    let params = ["source", "encoding", "errors"];
    let [source, enc, errs]: [Option<Value>; 3] = clinic(args, name, &params, 0, 3)?
        .try_into()
        .unwrap_or_default();
    for (what, v) in [("encoding", &enc), ("errors", &errs)] {
        if let Some(v) = v.as_ref().filter(|v| !matches!(v, Value::Str(_))) {
            let ty = if v.is(&Value::None) {
                "None".to_owned()
            } else {
                type_name(v)
            };
            return Err(
                type_error(format!("{name}() argument '{what}' must be str, not {ty}")).into(),
            );
        }
    }
    let without_string = |enc: &Option<Value>| {
        type_error(match enc {
            Some(_) => "encoding without a string argument",
            None => "errors without a string argument",
        })
    };
    let Some(source) = source else {
        if enc.is_some() || errs.is_some() {
            return Err(without_string(&enc).into());
        }
        return Ok(Vec::new());
    };
    if let Value::Str(_) = source {
        let Some(e) = enc else {
            return Err(type_error("string argument without an encoding").into());
        };
        // `str.encode(encoding[, errors])` does the encoding.
        let f = cx.getattr(&source, "encode")?;
        let mut rest = vec![e];
        rest.extend(errs);
        return Ok(match cx.call(&f, rest)? {
            Value::Bytes(b) => b.to_vec(),
            other => bytes_arg(cx.gil, &other)?,
        });
    }
    if enc.is_some() || errs.is_some() {
        return Err(without_string(&enc).into());
    }
    Ok(match &source {
        Value::Bool(b) => vec![0; *b as usize],
        Value::Int(n) => {
            if *n < 0 {
                return Err(value_error("negative count").into());
            }
            check_size(*n)?;
            vec![0; *n as usize]
        }
        Value::Big(_) => {
            return Err(overflow_error("cannot fit 'int' into an index-sized integer").into())
        }
        Value::Bytes(b) => crate::objects::memory::copy(b)?,
        Value::ByteArray(b) => crate::objects::memory::copy(&b.borrow(cx.gil))?,
        // `memoryview`, `array.array`: their bytes (the buffer protocol).
        Value::Object(o) if o.0.buffer(cx.gil).is_some() => o.0.buffer(cx.gil).unwrap_or_default(),
        v => {
            let it = cx.iter(v).map_err(|_| {
                type_error(format!(
                    "cannot convert '{}' object to {name}",
                    type_name(v)
                ))
            })?;
            let mut out = Vec::new();
            while let Some(x) = cx.next(&it)? {
                let i = arg_int(&x, "")?;
                let what = if name == "bytes" { "bytes" } else { "byte" };
                let byte = u8::try_from(i)
                    .map_err(|_| value_error(format!("{what} must be in range(0, 256)")))?;
                crate::objects::memory::push(&mut out, byte)?;
            }
            out
        }
    })
}

/// `float(b"1.5")`: bytes and bytearray parse as their ASCII text; a failure names
/// the bytes object, as CPython's message does.
fn float_of_bytes(cx: &mut Cx, v: &Value) -> PyResult<Value> {
    let data = match v {
        Value::Bytes(b) => b.to_vec(),
        Value::ByteArray(b) => b.borrow(cx.gil).to_vec(),
        _ => Vec::new(),
    };
    match std::str::from_utf8(&data).ok().map(float::parse) {
        Some(Ok(f)) => Ok(Value::float(f)),
        _ => Err(value_error(format!(
            "could not convert string to float: {}",
            crate::objects::repr::repr(cx.gil, v)?
        ))
        .into()),
    }
}
