//! `_csv.Dialect`: the validated, read-only formatting parameters a reader or writer
//! works with, built as `_csv.c`'s `dialect_new` builds them (keywords over the
//! attributes of a dialect object, a registered name, CPython's checks and messages).

use crate::objects::rc::Arc;
use std::sync::OnceLock;

use crate::native::*;
use crate::objects::gil::Gil;
use crate::objects::object::{NativeObject, Object};
use crate::objects::types::{type_name, types, Kind, PyType};
use deferred::Unwind;

pub const QUOTE_MINIMAL: i64 = 0;
pub const QUOTE_ALL: i64 = 1;
pub const QUOTE_NONNUMERIC: i64 = 2;
pub const QUOTE_NONE: i64 = 3;

/// The parameters, in `dialect_new`'s order (also the positional order of
/// `Dialect(dialect, delimiter, ...)`).
const ATTRS: [&str; 8] = [
    "delimiter",
    "doublequote",
    "escapechar",
    "lineterminator",
    "quotechar",
    "quoting",
    "skipinitialspace",
    "strict",
];

/// A dialect's parameters (`None`: CPython's `NOT_SET`).
#[derive(Clone)]
pub struct Params {
    pub delimiter: char,
    pub doublequote: bool,
    pub escapechar: Option<char>,
    pub lineterminator: String,
    pub quotechar: Option<char>,
    pub quoting: i64,
    pub skipinitialspace: bool,
    pub strict: bool,
}

/// A `_csv.Dialect` object.
pub struct Dialect(pub Params);

static TYPE: OnceLock<Arc<PyType>> = OnceLock::new();

/// `_csv.Dialect` (the type).
pub fn dialect_type() -> &'static Arc<PyType> {
    TYPE.get_or_init(|| {
        Arc::new(PyType::builtin(
            "Dialect",
            "_csv",
            Some(&types().object),
            Kind::Object,
            Some(new_dialect),
        ))
    })
}

fn char_value(c: Option<char>) -> Value {
    c.map_or(Value::None, |c| Value::string(c.to_string()))
}

impl NativeObject for Dialect {
    fn type_name(&self) -> &'static str {
        "_csv.Dialect"
    }

    fn repr(&self, _gil: Gil<'_>) -> Result<String, PyErr> {
        Ok(format!(
            "<_csv.Dialect object at {:#x}>",
            self as *const Self as usize
        ))
    }

    fn getattr(&self, _gil: Gil<'_>, name: &str) -> Option<Value> {
        let p = &self.0;
        Some(match name {
            "delimiter" => Value::string(p.delimiter.to_string()),
            "doublequote" => Value::bool(p.doublequote),
            "escapechar" => char_value(p.escapechar),
            "lineterminator" => Value::string(p.lineterminator.clone()),
            "quotechar" => char_value(p.quotechar),
            "quoting" => Value::Int(p.quoting),
            "skipinitialspace" => Value::bool(p.skipinitialspace),
            "strict" => Value::bool(p.strict),
            "__class__" => Value::Type(dialect_type().clone()),
            _ => return None,
        })
    }

    fn setattr(&self, _gil: Gil<'_>, name: &str, _v: Option<&Value>) -> Option<Result<(), PyErr>> {
        ATTRS.contains(&name).then(|| {
            Err(attribute_error(format!(
                "attribute '{name}' of '_csv.Dialect' objects is not writable"
            )))
        })
    }

    fn py_type(&self) -> Option<Arc<PyType>> {
        Some(dialect_type().clone())
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// The parameters of a `_csv.Dialect` value, if it is one.
pub fn params_of(v: &Value) -> Option<&Params> {
    match crate::objects::class::payload(v).unwrap_or(v) {
        Value::Object(o) => o.0.as_any().downcast_ref::<Dialect>().map(|d| &d.0),
        _ => None,
    }
}

/// `Dialect(dialect=None, delimiter=..., ...)`.
fn new_dialect(cx: &mut Cx, args: Args) -> PyResult<Value> {
    if args.pos.len() > 1 + ATTRS.len() {
        return Err(type_error(format!(
            "function takes at most {} arguments ({} given)",
            1 + ATTRS.len(),
            args.pos.len()
        ))
        .into());
    }
    let mut pos = args.pos.into_iter();
    let dialect = pos.next();
    let mut given: Vec<(String, Value)> = ATTRS
        .iter()
        .zip(pos)
        .map(|(n, v)| (n.to_string(), v))
        .collect();
    let mut dialect = dialect;
    for (k, v) in args.kw {
        if k == "dialect" && dialect.is_none() {
            dialect = Some(v);
        } else if ATTRS.contains(&k.as_str()) || k == "dialect" {
            if given.iter().any(|(n, _)| *n == k) || k == "dialect" {
                let at = ATTRS.iter().position(|n| *n == k).map_or(1, |i| i + 2);
                return Err(type_error(format!(
                    "argument for function given by name ('{k}') and position ({at})"
                ))
                .into());
            }
            given.push((k, v));
        } else {
            return Err(type_error(format!(
                "'{k}' is an invalid keyword argument for this function"
            ))
            .into());
        }
    }
    make(cx, dialect, given)
}

/// `_call_dialect`: `Dialect(dialect, **kwargs)` for a reader, a writer or
/// `register_dialect`.
pub fn call_dialect(
    cx: &mut Cx,
    dialect: Option<Value>,
    kw: Vec<(String, Value)>,
) -> PyResult<Value> {
    let mut args = Args::new(dialect);
    args.kw = kw;
    new_dialect(cx, args)
}

fn make(cx: &mut Cx, dialect: Option<Value>, given: Vec<(String, Value)>) -> PyResult<Value> {
    let mut dialect = dialect.filter(|d| !matches!(d, Value::None));
    if let Some(name) = dialect.as_ref().filter(|d| super::text_of(d).is_some()) {
        dialect = Some(super::get_dialect_named(cx.gil, name)?);
    }
    if let Some(d) = &dialect {
        if given.is_empty() && params_of(d).is_some() {
            return Ok(d.clone());
        }
    }
    // Each parameter: the keyword, else the dialect's attribute (any error reading it
    // counts as absent, as in CPython).
    let mut values: Vec<Option<Value>> = Vec::with_capacity(ATTRS.len());
    for name in ATTRS {
        let v = match given.iter().find(|(n, _)| n == name) {
            Some((_, v)) => Some(v.clone()),
            None => match &dialect {
                Some(d) => match cx.getattr(d, name) {
                    Ok(v) => Some(v),
                    Err(Unwind::Raise(_)) => None,
                    Err(e) => return Err(e),
                },
                None => None,
            },
        };
        values.push(v);
    }
    let quotechar_none = matches!(values[4], Some(Value::None));
    let quoting_given = values[5].is_some();
    let mut p = Params {
        delimiter: set_char("delimiter", &values[0], ',')?,
        doublequote: set_bool(cx, &values[1], true)?,
        escapechar: set_char_or_none("escapechar", &values[2], None)?,
        lineterminator: String::new(),
        quotechar: None,
        quoting: 0,
        skipinitialspace: false,
        strict: false,
    };
    let lineterminator = match &values[3] {
        None => Some("\r\n".to_owned()),
        Some(Value::None) => None,
        Some(v) => Some(
            super::text_of(v)
                .ok_or_else(|| type_error("\"lineterminator\" must be a string"))?
                .to_owned(),
        ),
    };
    p.quotechar = set_char_or_none("quotechar", &values[4], Some('"'))?;
    p.quoting = match &values[5] {
        None => QUOTE_MINIMAL,
        Some(v @ (Value::Int(_) | Value::Bool(_) | Value::Big(_))) => match v {
            Value::Big(_) => -1,
            v => arg_int(v, "")?,
        },
        Some(_) => return Err(type_error("\"quoting\" must be an integer").into()),
    };
    p.skipinitialspace = set_bool(cx, &values[6], false)?;
    p.strict = set_bool(cx, &values[7], false)?;
    if !(QUOTE_MINIMAL..=QUOTE_NONE).contains(&p.quoting) {
        return Err(type_error("bad \"quoting\" value").into());
    }
    if quotechar_none && !quoting_given {
        p.quoting = QUOTE_NONE;
    }
    if p.quoting != QUOTE_NONE && p.quotechar.is_none() {
        return Err(type_error("quotechar must be set if quoting enabled").into());
    }
    p.lineterminator = lineterminator.ok_or_else(|| type_error("lineterminator must be set"))?;
    Ok(Value::Object(Arc::new(Object(Box::new(Dialect(p))))))
}

/// One character of a `str` of length 1, or CPython's error.
fn one_char(name: &str, s: &str) -> Result<char, PyErr> {
    let mut it = s.chars();
    match (it.next(), it.next()) {
        (Some(c), None) => Ok(c),
        _ => Err(type_error(format!(
            "\"{name}\" must be a 1-character string"
        ))),
    }
}

fn set_char(name: &str, v: &Option<Value>, default: char) -> Result<char, PyErr> {
    match v {
        None => Ok(default),
        Some(v) => match super::text_of(v) {
            Some(s) => one_char(name, s),
            None => Err(type_error(format!(
                "\"{name}\" must be string, not {}",
                type_name(v)
            ))),
        },
    }
}

fn set_char_or_none(
    name: &str,
    v: &Option<Value>,
    default: Option<char>,
) -> Result<Option<char>, PyErr> {
    match v {
        None => Ok(default),
        Some(Value::None) => Ok(None),
        Some(v) => match super::text_of(v) {
            Some(s) => one_char(name, s).map(Some),
            None => Err(type_error(format!(
                "\"{name}\" must be string or None, not {}",
                type_name(v)
            ))),
        },
    }
}

fn set_bool(cx: &mut Cx, v: &Option<Value>, default: bool) -> PyResult<bool> {
    match v {
        None => Ok(default),
        Some(v) => cx.truthy(v),
    }
}
