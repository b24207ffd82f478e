//! The `traceback` module: printing and formatting exceptions exactly as the
//! interpreter reports an uncaught one (`vm::unwind`'s formatter, in the pieces
//! CPython's `format_exception` returns). pyvm has no traceback objects: an
//! exception's own traceback is used (`e.__traceback__` reads `None`).

use std::sync::{Arc, OnceLock};

use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::module::Module;
use crate::objects::types::type_name;

static MODULE: OnceLock<Arc<Module>> = OnceLock::new();

static FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "print_exc" => print_exc, "format_exc" => format_exc,
    "print_exception" => print_exception, "format_exception" => format_exception,
    "format_exception_only" => format_exception_only,
];

/// The `traceback` module (one per process).
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    MODULE.get_or_init(|| {
        let m = Module::new("traceback");
        for f in FUNCS {
            m.set(gil, f.name, Value::Native(f));
        }
        Arc::new(m)
    })
}

/// `limit`: `None` or an int.
fn limit_arg(v: Option<Value>) -> Result<Option<i64>, PyErr> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => arg_int(&v, "").map(Some),
    }
}

fn chain_arg(cx: &mut Cx, v: Option<Value>) -> PyResult<bool> {
    match v {
        None => Ok(true),
        Some(v) => cx.truthy(&v),
    }
}

/// The exception CPython's `_parse_value_tb` settles on: `exc` alone, or `value`
/// when `value` and `tb` are both given.
fn parse_value(exc: Value, value: Option<Value>, tb: Option<Value>) -> Result<Value, PyErr> {
    match (value, tb) {
        (Some(v), Some(_)) => Ok(v),
        (None, None) => match exc {
            Value::None | Value::Exception(_) => Ok(exc),
            other => Err(type_error(format!(
                "Exception expected for value, {} found",
                type_name(&other)
            ))),
        },
        _ => Err(value_error("Both or neither of value and tb must be given")),
    }
}

/// The report of `value` (an exception or `None`) in CPython's pieces.
fn chunks(cx: &mut Cx, value: &Value, limit: Option<i64>, chain: bool) -> PyResult<Vec<String>> {
    match value {
        Value::Exception(e) => Ok(cx.format_exception(&PyErr(e.clone()), limit, chain)),
        Value::None => Ok(vec!["NoneType: None\n".to_owned()]),
        other => {
            // Not an exception (given as `value`): CPython prints its type and str.
            let s = cx.str(other)?;
            Ok(vec![format!("{}: {s}\n", type_name(other))])
        }
    }
}

/// Write the pieces to `file` (its `write`), or to stderr.
fn emit(cx: &mut Cx, file: Option<Value>, pieces: Vec<String>) -> PyResult<Value> {
    match file.filter(|f| !matches!(f, Value::None)) {
        None => {
            crate::modules::sys::write_stderr(&pieces.concat());
        }
        Some(f) => {
            let write = cx.getattr(&f, "write")?;
            for p in pieces {
                cx.call(&write, vec![Value::string(p)])?;
            }
        }
    }
    Ok(Value::None)
}

fn handled(cx: &Cx) -> Value {
    cx.handled().map_or(Value::None, |e| e.value())
}

/// `print_exc(limit=None, file=None, chain=True)`.
fn print_exc(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let mut a = clinic(args, "print_exc", &["limit", "file", "chain"], 0, 3)?.into_iter();
    let limit = limit_arg(a.next().flatten())?;
    let file = a.next().flatten();
    let chain = chain_arg(cx, a.next().flatten())?;
    let value = handled(cx);
    let pieces = chunks(cx, &value, limit, chain)?;
    emit(cx, file, pieces)
}

/// `format_exc(limit=None, chain=True)`.
fn format_exc(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let mut a = clinic(args, "format_exc", &["limit", "chain"], 0, 2)?.into_iter();
    let limit = limit_arg(a.next().flatten())?;
    let chain = chain_arg(cx, a.next().flatten())?;
    let value = handled(cx);
    Ok(Value::string(chunks(cx, &value, limit, chain)?.concat()))
}

/// `print_exception(exc, /, value, tb, limit=None, file=None, chain=True)`.
fn print_exception(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let params = ["exc", "value", "tb", "limit", "file", "chain"];
    let mut a = clinic(args, "print_exception", &params, 1, 6)?.into_iter();
    let exc = a.next().flatten().unwrap_or(Value::None);
    let value = parse_value(exc, a.next().flatten(), a.next().flatten())?;
    let limit = limit_arg(a.next().flatten())?;
    let file = a.next().flatten();
    let chain = chain_arg(cx, a.next().flatten())?;
    let pieces = chunks(cx, &value, limit, chain)?;
    emit(cx, file, pieces)
}

/// `format_exception(exc, /, value, tb, limit=None, chain=True)`: a list of str.
fn format_exception(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let params = ["exc", "value", "tb", "limit", "chain"];
    let mut a = clinic(args, "format_exception", &params, 1, 5)?.into_iter();
    let exc = a.next().flatten().unwrap_or(Value::None);
    let value = parse_value(exc, a.next().flatten(), a.next().flatten())?;
    let limit = limit_arg(a.next().flatten())?;
    let chain = chain_arg(cx, a.next().flatten())?;
    let pieces = chunks(cx, &value, limit, chain)?;
    Ok(Value::list(pieces.into_iter().map(Value::string).collect()))
}

/// `format_exception_only(exc, /, value)`: the exception's own lines.
fn format_exception_only(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let mut a = clinic(args, "format_exception_only", &["exc", "value"], 1, 2)?.into_iter();
    let exc = a.next().flatten().unwrap_or(Value::None);
    let value = a.next().flatten().unwrap_or(exc);
    let pieces = chunks(cx, &value, Some(0), false)?;
    Ok(Value::list(pieces.into_iter().map(Value::string).collect()))
}
