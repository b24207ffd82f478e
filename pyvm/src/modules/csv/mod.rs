//! `_csv`, the C half of Lib's `csv.py`: `reader`, `writer`, `Dialect`, the dialect
//! registry, `field_size_limit`, the `QUOTE_*` constants and `Error`, with
//! `_csv.c`'s parsing, quoting and messages (CPython 3.11).

mod dialect;
mod reader;
mod writer;

use crate::objects::rc::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::OnceLock;

use crate::native::*;
use crate::objects::dict::Dict;
use crate::objects::function::NativeDef;
use crate::objects::gil::{Gil, GilCell, GilRefMut};
use crate::objects::module::Module;
use crate::objects::object::Object;
use crate::objects::types::{types, Kind, PyType};
use deferred::Unwind;

use dialect::{call_dialect, dialect_type, params_of};

static MODULE: OnceLock<Arc<Module>> = OnceLock::new();
static ERROR: OnceLock<Arc<PyType>> = OnceLock::new();
static READER: OnceLock<Arc<PyType>> = OnceLock::new();
static WRITER: OnceLock<Arc<PyType>> = OnceLock::new();
/// The registry (`_csv._dialects`): name -> `Dialect`.
static DIALECTS: OnceLock<Arc<GilCell<Dict>>> = OnceLock::new();
static FIELD_LIMIT: AtomicI64 = AtomicI64::new(128 * 1024);

static FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "reader" => reader, "writer" => writer, "register_dialect" => register_dialect,
    "unregister_dialect" => unregister_dialect, "get_dialect" => get_dialect,
    "list_dialects" => list_dialects, "field_size_limit" => field_size_limit,
];

const DOC: &str = "CSV parsing and writing.\n\nThis module provides classes that assist in the reading and writing\nof Comma Separated Value (CSV) files, and implements the interface\ndescribed by PEP 305.  Although many CSV files are simple to parse,\nthe format is not formally defined by a stable specification and\nis subtle enough that parsing lines of a CSV file with something\nlike line.split(\",\") is bound to fail.  The module supports three\nbasic APIs: reading, writing, and registration of dialects.\n";

/// The `_csv` module (one per process).
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    MODULE.get_or_init(|| {
        let m = Module::with_functions(gil, "_csv", FUNCS);
        m.set(gil, "__doc__", Value::str(DOC));
        m.set(gil, "__version__", Value::str("1.0"));
        m.set(gil, "Error", Value::Type(error_type().clone()));
        m.set(gil, "Dialect", Value::Type(dialect_type().clone()));
        m.set(gil, "Reader", Value::Type(reader_type().clone()));
        m.set(gil, "Writer", Value::Type(writer_type().clone()));
        m.set(gil, "_dialects", Value::Dict(registry().clone()));
        for (name, v) in [
            ("QUOTE_MINIMAL", dialect::QUOTE_MINIMAL),
            ("QUOTE_ALL", dialect::QUOTE_ALL),
            ("QUOTE_NONNUMERIC", dialect::QUOTE_NONNUMERIC),
            ("QUOTE_NONE", dialect::QUOTE_NONE),
        ] {
            m.set(gil, name, Value::Int(v));
        }
        Arc::new(m)
    })
}

/// `_csv.Error`.
fn error_type() -> &'static Arc<PyType> {
    ERROR.get_or_init(|| {
        Arc::new(PyType::builtin(
            "Error",
            "_csv",
            Some(&types().exc.exception),
            Kind::Exception,
            None,
        ))
    })
}

/// The text of a `str` (a `str` subclass instance's too, as `PyUnicode_Check` takes it).
fn text_of(v: &Value) -> Option<&str> {
    v.as_str()
        .or_else(|| crate::objects::class::payload(v).and_then(|p| p.as_str()))
}

fn error(msg: impl Into<String>) -> PyErr {
    PyErr::msg(error_type(), msg)
}

/// A type whose instances only a module function makes (`_csv.reader`).
fn made_only_by(
    cell: &'static OnceLock<Arc<PyType>>,
    name: &str,
    new: NativeFn,
) -> &'static Arc<PyType> {
    cell.get_or_init(|| {
        Arc::new(
            PyType::builtin(name, "_csv", Some(&types().object), Kind::Object, Some(new)).sealed(),
        )
    })
}

fn reader_type() -> &'static Arc<PyType> {
    made_only_by(&READER, "reader", |_, _| {
        Err(type_error("cannot create '_csv.reader' instances").into())
    })
}

fn writer_type() -> &'static Arc<PyType> {
    made_only_by(&WRITER, "writer", |_, _| {
        Err(type_error("cannot create '_csv.writer' instances").into())
    })
}

fn registry() -> &'static Arc<GilCell<Dict>> {
    DIALECTS.get_or_init(|| Arc::new(GilCell::new(Dict::new())))
}

fn registry_dict(gil: Gil<'_>) -> GilRefMut<'_, Dict> {
    registry().borrow_mut(gil)
}

fn field_limit() -> i64 {
    FIELD_LIMIT.load(Ordering::Relaxed)
}

/// The registered dialect `name`, or `Error: unknown dialect`.
fn get_dialect_named(gil: Gil<'_>, name: &Value) -> Result<Value, PyErr> {
    let found = match text_of(name) {
        Some(s) => registry_dict(gil).get_str(&crate::objects::str::PyStr::new(s.to_owned())),
        None => None,
    };
    found.ok_or_else(|| error("unknown dialect"))
}

/// `reader(iterable)`/`writer(file)`'s arguments: the first, the optional dialect
/// (`PyArg_UnpackTuple(args, "", 1, 2)`), the format keywords.
/// The first argument, the dialect if given, and the format keywords.
type FileAndDialect = (Value, Option<Value>, Vec<(String, Value)>);

fn file_and_dialect(args: Args) -> Result<FileAndDialect, PyErr> {
    let n = args.pos.len();
    if n == 0 {
        return Err(type_error(" expected at least 1 argument, got 0"));
    }
    if n > 2 {
        return Err(type_error(format!(
            " expected at most 2 arguments, got {n}"
        )));
    }
    let mut pos = args.pos.into_iter();
    let first = pos.next().unwrap_or(Value::None);
    Ok((first, pos.next(), args.kw))
}

fn native_object(o: impl crate::objects::object::NativeObject + 'static) -> Value {
    Value::Object(Arc::new(Object(Box::new(o))))
}

/// `reader(iterable, dialect='excel', **fmtparams)`.
fn reader(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let (input, dialect, kw) = file_and_dialect(args)?;
    let input = cx.iter(&input)?;
    let dialect = call_dialect(cx, dialect, kw)?;
    let params = params_of(&dialect)
        .cloned()
        .ok_or_else(|| error("bad dialect"))?;
    Ok(native_object(reader::Reader::new(input, dialect, params)))
}

/// `writer(fileobj, dialect='excel', **fmtparams)`.
fn writer(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let (file, dialect, kw) = file_and_dialect(args)?;
    let write = match cx.getattr(&file, "write") {
        Ok(w) => w,
        Err(Unwind::Raise(e)) if e.is_instance(&types().exc.attribute_error) => {
            return Err(type_error("argument 1 must have a \"write\" method").into())
        }
        Err(e) => return Err(e),
    };
    let dialect = call_dialect(cx, dialect, kw)?;
    let params = params_of(&dialect)
        .cloned()
        .ok_or_else(|| error("bad dialect"))?;
    Ok(native_object(writer::Writer::new(write, dialect, params)))
}

/// `register_dialect(name, dialect=None, **fmtparams)`.
fn register_dialect(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let n = args.pos.len();
    if n == 0 || n > 2 {
        let which = if n == 0 {
            "least 1 argument"
        } else {
            "most 2 arguments"
        };
        return Err(type_error(format!("register_dialect expected at {which}, got {n}")).into());
    }
    let mut pos = args.pos.into_iter();
    let name = pos.next().unwrap_or(Value::None);
    let Some(key) = text_of(&name).map(|s| Value::string(s.to_owned())) else {
        return Err(type_error("dialect name must be a string").into());
    };
    let dialect = call_dialect(cx, pos.next(), args.kw)?;
    registry_dict(cx.gil).insert(key, dialect)?;
    Ok(Value::None)
}

/// The `name` argument of `get_dialect`/`unregister_dialect` (Argument Clinic's).
fn name_arg(args: Args, fname: &str) -> Result<Value, PyErr> {
    let a = clinic(args, fname, &["name"], 1, 1)?;
    Ok(a.into_iter().next().flatten().unwrap_or(Value::None))
}

fn unregister_dialect(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let name = name_arg(args, "unregister_dialect")?;
    get_dialect_named(cx.gil, &name)?;
    let key = Value::string(text_of(&name).unwrap_or_default().to_owned());
    registry_dict(cx.gil).remove(&key)?;
    Ok(Value::None)
}

fn get_dialect(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let name = name_arg(args, "get_dialect")?;
    Ok(get_dialect_named(cx.gil, &name)?)
}

fn list_dialects(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("list_dialects", 0, 0)?;
    let names: Vec<Value> = registry_dict(cx.gil).keys().cloned().collect();
    Ok(Value::list(names))
}

/// `field_size_limit([new_limit])`: the old limit.
fn field_size_limit(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    if !args.kw.is_empty() {
        return Err(type_error("field_size_limit() takes no keyword arguments").into());
    }
    if args.pos.len() > 1 {
        return Err(type_error(format!(
            "field_size_limit() takes at most 1 argument ({} given)",
            args.pos.len()
        ))
        .into());
    }
    let old = field_limit();
    if let Some(v) = args.pos.first() {
        let new = match crate::objects::class::unwrap_number(v) {
            v @ (Value::Int(_) | Value::Bool(_)) => arg_int(&v, "")?,
            Value::Big(_) => {
                return Err(overflow_error("Python int too large to convert to C long").into())
            }
            _ => return Err(type_error("limit must be an integer").into()),
        };
        FIELD_LIMIT.store(new, Ordering::Relaxed);
    }
    Ok(Value::Int(old))
}
