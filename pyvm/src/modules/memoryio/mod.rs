//! `_memoryio`: the state and methods of `io.BytesIO` and `io.StringIO`
//! (CPython's `Modules/_io/bytesio.c` and `stringio.c`).
//!
//! The classes themselves are written in the frozen `_io` (`pyvm/lib/_io.py`) under
//! its Python base classes (`_BufferedIOBase`, `_TextIOBase`, `_IOBase`), so the MRO,
//! `isinstance` and the inherited `_IOBase` methods are CPython's; their `__new__`
//! returns an instance carrying the native state as its built-in value
//! (`class::instance_with`), and their methods are the natives here, registered as
//! taking the instance itself (`register_instance_methods`): some need it (its class,
//! its `__dict__`, `iter(f) is f`), and a method bound to the state alone would let
//! the instance die during the call (`BytesIO(data).getvalue()`), whose finalizer
//! (`_IOBase.__del__`) closes it. They find the state inside it (or take the state
//! itself), so programs subclass the classes and override methods as in CPython.

mod bytesio;
mod stringio;

use std::sync::OnceLock;

use crate::native::*;
use crate::objects::gil::Gil;
use crate::objects::module::Module;
use crate::objects::rc::Arc;
use crate::objects::types::type_name;

static MODULE: OnceLock<Arc<Module>> = OnceLock::new();

/// Where byte `c` first stands in `b` (a line end, for both classes' `readline`).
fn find_byte(c: u8, b: &[u8]) -> Option<usize> {
    b.iter().position(|&x| x == c)
}

/// The `_memoryio` module (one per process): `bytesio_<name>` and `stringio_<name>`
/// for each method `<name>` of the two classes.
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    MODULE.get_or_init(|| {
        let m = Module::new("_memoryio");
        for (prefix, table) in [
            ("bytesio", bytesio::METHODS),
            ("stringio", stringio::METHODS),
        ] {
            crate::objects::methods::register_instance_methods(table);
            for f in table {
                m.set(gil, &format!("{prefix}_{}", f.name), Value::Native(f));
            }
        }
        Arc::new(m)
    })
}

/// Is `v`, a `BytesIO` itself (a subclass may define `closed` otherwise), closed?
/// `None` for any other object: the caller asks it for `closed` (`TextIOWrapper`'s
/// checks on each `write`).
pub fn bytesio_closed(gil: Gil<'_>, v: &Value) -> Option<bool> {
    match v {
        Value::Instance(i) if exact(gil, i.class()) => bytesio::is_closed(gil, v),
        _ => None,
    }
}

/// `__del__`: nothing for the two classes themselves (closing a dead in-memory file
/// changes nothing anyone can see), `_IOBase.__del__` (which closes the file unless
/// closed) for a program's subclass, whose `close` may do more.
fn finalize(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let Some(Value::Instance(i)) = args.get(0) else {
        return Ok(Value::None);
    };
    if exact(cx.gil, i.class()) {
        return Ok(Value::None);
    }
    static KEY: OnceLock<crate::objects::str::PyStr> = OnceLock::new();
    let key = KEY.get_or_init(|| crate::objects::str::PyStr::new("__del__".to_owned()));
    let base_del = i.class().mro.iter().find_map(|t| {
        (t.name == "_IOBase" && &*t.module == "_io")
            .then(|| t.dict.borrow(cx.gil).get_str(key))
            .flatten()
    });
    match base_del {
        Some(f) => cx.call(&f, vec![args.at(0).clone()]),
        None => Ok(Value::None),
    }
}

/// `self` and the other arguments of a method called unbound (`BytesIO.__init__(f)`).
fn split_self(mut args: Args, name: &str) -> PyResult<(Value, Args)> {
    if args.pos.is_empty() {
        return Err(type_error(format!("descriptor '{name}' needs an argument")).into());
    }
    let this = args.pos.remove(0);
    Ok((this, args))
}

/// The native state of type `T` inside `v` (an instance, or the state itself), else
/// CPython's descriptor error.
fn state<'v, T: 'static>(v: &'v Value, tname: &str, meth: &str) -> PyResult<&'v T> {
    let inner = crate::objects::class::payload(v).unwrap_or(v);
    match inner {
        Value::Object(o) => o.0.as_any().downcast_ref::<T>(),
        _ => None,
    }
    .ok_or_else(|| {
        let other = match v {
            Value::Instance(i) => crate::objects::gil::with_gil(|gil| {
                if exact(gil, i.class()) {
                    i.class().qualified_name()
                } else {
                    type_name(v)
                }
            }),
            _ => type_name(v),
        };
        type_error(format!(
            "descriptor '{meth}' for '{tname}' objects doesn't apply to a '{other}' object"
        ))
        .into()
    })
}

/// `operator.index(v)` (CPython's `PyNumber_Index`).
fn index(cx: &mut Cx, v: &Value) -> PyResult<Value> {
    match v {
        Value::Int(_) | Value::Big(_) => Ok(v.clone()),
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        _ => crate::modules::builtins::number_index(cx, v),
    }
}

/// A `Py_ssize_t` argument (Argument Clinic's converter): `__index__`, and
/// `overflow` past 64 bits.
fn ssize(cx: &mut Cx, v: &Value, overflow: &str) -> PyResult<i64> {
    match index(cx, v)? {
        Value::Int(i) => Ok(i),
        _ => Err(overflow_error(overflow).into()),
    }
}

/// A `Py_ssize_t(accept={int, NoneType})` argument (`_Py_convert_optional_to_ssize_t`):
/// `None` for `None` or no argument (the method's default then).
fn opt_size(cx: &mut Cx, v: Option<&Value>) -> PyResult<Option<i64>> {
    let v = match v {
        None | Some(Value::None) => return Ok(None),
        Some(Value::Int(i)) => return Ok(Some(*i)),
        Some(v) => v,
    };
    let indexable = matches!(v, Value::Bool(_) | Value::Big(_))
        || crate::objects::int::as_index(v).is_some()
        || crate::objects::class::special(cx.gil, v, "__index__").is_some();
    if !indexable {
        return Err(type_error(format!(
            "argument should be integer or None, not '{}'",
            type_name(v)
        ))
        .into());
    }
    ssize(cx, v, "cannot fit 'int' into an index-sized integer").map(Some)
}

/// `seek(pos, whence=0)`'s arguments: a `Py_ssize_t` and a C `int`.
fn seek_args(cx: &mut Cx, args: &Args, name: &str) -> PyResult<(i64, i64)> {
    args.check_method(name, 1, 2)?;
    let pos = ssize(
        cx,
        args.at(1),
        "Python int too large to convert to C ssize_t",
    )?;
    let whence = match args.get(2) {
        None => 0,
        Some(w) => {
            let w = ssize(cx, w, "Python int too large to convert to C int")?;
            if i32::try_from(w).is_err() {
                return Err(overflow_error("Python int too large to convert to C int").into());
            }
            w
        }
    };
    Ok((pos, whence))
}

/// The instance's `__dict__` copied for `__getstate__` (`None` when it is empty:
/// CPython makes an instance's dict only when an attribute is set).
fn dict_state(gil: Gil<'_>, this: &Value) -> Value {
    match this {
        Value::Instance(i) => {
            let d = i.dict.borrow(gil);
            if d.is_empty() {
                Value::None
            } else {
                Value::dict(d.clone())
            }
        }
        _ => Value::None,
    }
}

/// `__setstate__`'s last item: the instance's `__dict__` updated from it.
fn restore_dict(cx: &mut Cx, this: &Value, d: &Value, which: &str) -> PyResult<()> {
    if matches!(d, Value::None) {
        return Ok(());
    }
    let items: Vec<(Value, Value)> = match crate::objects::class::payload(d).unwrap_or(d) {
        Value::Dict(d) => d
            .borrow(cx.gil)
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        _ => {
            return Err(type_error(format!(
                "{which} item of state should be a dict, got a {}",
                type_name(d)
            ))
            .into())
        }
    };
    if let Value::Instance(i) = this {
        for (k, v) in items {
            dict_set(cx.gil, &i.dict, k, v)?;
        }
    }
    Ok(())
}

/// The position item of a `__setstate__` state.
fn state_pos(cx: &mut Cx, v: &Value, what: &str) -> PyResult<usize> {
    if !crate::objects::int::is_int(crate::objects::class::payload(v).unwrap_or(v)) {
        return Err(type_error(format!("{what} {}", type_name(v))).into());
    }
    let pos = ssize(cx, v, "Python int too large to convert to C ssize_t")?;
    if pos < 0 {
        return Err(value_error("position value cannot be negative").into());
    }
    Ok(pos as usize)
}

/// The name `__setstate__`'s message gives the type (`Py_TYPE(self)->tp_name`: a
/// subclass's own name, the C type's with its module).
fn tp_name(gil: Gil<'_>, this: &Value, c_name: &str) -> String {
    match this {
        Value::Instance(i) if !exact(gil, i.class()) => i.class().name.clone(),
        _ => c_name.to_owned(),
    }
}

/// Is `cls` one of the two classes themselves (not a program's subclass)? They are
/// marked `_pyvm_c_type` in their own dict.
fn exact(gil: Gil<'_>, cls: &Arc<crate::objects::types::PyType>) -> bool {
    static KEY: OnceLock<crate::objects::str::PyStr> = OnceLock::new();
    let key = KEY.get_or_init(|| crate::objects::str::PyStr::new("_pyvm_c_type".to_owned()));
    cls.dict.borrow(gil).get_str(key).is_some()
}
