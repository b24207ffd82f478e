//! Path and descriptor arguments as CPython's `path_converter` takes them (`str`,
//! `bytes`, an object with `__fspath__`, an integer where a function takes a
//! descriptor, `None` where it has a default), with its messages, and the `OSError`
//! that names the path(s) a call failed on.

use crate::objects::rc::Arc;
use std::ffi::{OsStr, OsString};
use std::os::unix::ffi::{OsStrExt, OsStringExt};

use crate::native::*;
use crate::objects::class::payload;
use crate::objects::types::{type_name, types};

/// A path argument converted.
pub struct PathArg {
    /// What an error names (`filename`): the `str` or `bytes` given, or what its
    /// `__fspath__` returned.
    pub obj: Value,
    pub os: OsString,
    /// Given as bytes: names the call returns are bytes too.
    pub bytes: bool,
}

/// What a path parameter received.
pub enum Target {
    Path(PathArg),
    Fd(i32),
    /// `None` (or nothing) where the parameter may be left out.
    Default,
}

/// How a parameter is converted: the function and parameter names for messages,
/// whether it takes a descriptor and whether `None`.
#[derive(Clone, Copy)]
pub struct Spec {
    pub func: &'static str,
    pub arg: &'static str,
    pub fd: bool,
    pub none: bool,
}

impl Spec {
    pub const fn path(func: &'static str) -> Spec {
        Spec {
            func,
            arg: "path",
            fd: false,
            none: false,
        }
    }

    pub const fn with_fd(self) -> Spec {
        Spec { fd: true, ..self }
    }

    pub const fn nullable(self) -> Spec {
        Spec { none: true, ..self }
    }

    pub const fn named(self, arg: &'static str) -> Spec {
        Spec { arg, ..self }
    }

    fn kinds(self) -> &'static str {
        match (self.fd, self.none) {
            (false, false) => "string, bytes or os.PathLike",
            (true, false) => "string, bytes, os.PathLike or integer",
            (true, true) => "string, bytes, os.PathLike, integer or None",
            (false, true) => "string, bytes, os.PathLike or None",
        }
    }
}

/// `v` as a str or bytes (itself, or the text inside a subclass's instance).
fn str_or_bytes(v: &Value) -> Option<(&Value, bool)> {
    match payload(v).unwrap_or(v) {
        s @ Value::Str(_) => Some((s, false)),
        b @ Value::Bytes(_) => Some((b, true)),
        _ => None,
    }
}

/// `os.fspath(v)`: str and bytes as they are, else what `__fspath__` returns
/// (`None` when `v` has no `__fspath__`).
pub fn fspath(cx: &mut Cx, v: &Value) -> PyResult<Option<Value>> {
    if str_or_bytes(v).is_some() {
        return Ok(Some(v.clone()));
    }
    if !matches!(v, Value::Instance(_) | Value::Object(_)) {
        return Ok(None);
    }
    let Ok(m) = cx.getattr(v, "__fspath__") else {
        return Ok(None);
    };
    let r = cx.call(&m, vec![])?;
    if str_or_bytes(&r).is_some() {
        return Ok(Some(r));
    }
    Err(type_error(format!(
        "expected {}.__fspath__() to return str or bytes, not {}",
        type_name(v),
        type_name(&r)
    ))
    .into())
}

/// A descriptor argument (`int` or an instance of a subclass).
pub fn fd_of(v: &Value) -> Result<i32, PyErr> {
    let n = match crate::objects::class::unwrap_number(v) {
        n @ (Value::Int(_) | Value::Bool(_) | Value::Big(_)) => n,
        _ => {
            return Err(type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                type_name(v)
            )))
        }
    };
    let n = match n {
        Value::Int(i) => i,
        Value::Bool(b) => b as i64,
        Value::Big(b) if b.sign() == num_bigint::Sign::Minus => i64::MIN,
        _ => i64::MAX,
    };
    if n > i32::MAX as i64 {
        return Err(overflow_error("fd is greater than maximum"));
    }
    if n < i32::MIN as i64 {
        return Err(overflow_error("fd is less than minimum"));
    }
    Ok(n as i32)
}

/// Converts argument `v` (`None` for one left out) as `spec` says.
pub fn convert(cx: &mut Cx, v: Option<&Value>, spec: Spec) -> PyResult<Target> {
    let v = match v {
        None => return Ok(Target::Default),
        Some(Value::None) if spec.none => return Ok(Target::Default),
        Some(v) => v,
    };
    if spec.fd && matches!(v, Value::Int(_) | Value::Bool(_) | Value::Big(_)) {
        return Ok(Target::Fd(fd_of(v)?));
    }
    let Some(got) = fspath(cx, v)? else {
        return Err(type_error(format!(
            "{}: {} should be {}, not {}",
            spec.func,
            spec.arg,
            spec.kinds(),
            type_name(v)
        ))
        .into());
    };
    let (inner, bytes) = str_or_bytes(&got).unwrap_or((&Value::None, false));
    let raw: Vec<u8> = match inner {
        Value::Bytes(b) => b.to_vec(),
        s => crate::objects::str::fs_encode_value(s)?,
    };
    if raw.contains(&0) {
        return Err(value_error(if bytes {
            format!("{}: embedded null character in {}", spec.func, spec.arg)
        } else {
            "embedded null byte".to_owned()
        })
        .into());
    }
    Ok(Target::Path(PathArg {
        obj: inner.clone(),
        os: OsString::from_vec(raw),
        bytes,
    }))
}

/// A path parameter that takes only a path.
pub fn path(cx: &mut Cx, v: Option<&Value>, spec: Spec) -> PyResult<PathArg> {
    match convert(cx, v, spec)? {
        Target::Path(p) => Ok(p),
        // Not reached: `spec` takes neither a descriptor nor `None`.
        _ => Err(type_error(format!("{}: {} should be a path", spec.func, spec.arg)).into()),
    }
}

/// A name the OS gave, as `str` or (for a call given bytes) `bytes`.
pub fn name_value(name: &OsStr, bytes: bool) -> Value {
    if bytes {
        Value::Bytes(Arc::new(name.as_bytes().to_vec()))
    } else {
        Value::string(crate::objects::str::fs_decode(name.as_bytes()))
    }
}

/// The `OSError` subclass for `e`, naming `filename` and `filename2` (CPython's
/// `path_error` and `path_error2`).
pub fn error_with(
    e: &std::io::Error,
    filename: Option<&Value>,
    filename2: Option<&Value>,
) -> PyErr {
    let Some(errno) = e.raw_os_error() else {
        return PyErr::new(&types().exc.os_error, vec![Value::string(e.to_string())]);
    };
    let mut args = vec![
        Value::Int(errno as i64),
        Value::string(crate::objects::os_error::strerror(errno)),
    ];
    if let Some(f) = filename {
        args.push(f.clone());
        if let Some(f2) = filename2 {
            args.push(Value::None);
            args.push(f2.clone());
        }
    }
    PyErr::new(&types().exc.os_error, args)
}

/// The error of a call on path `p`.
pub fn error(e: &std::io::Error, p: &PathArg) -> PyErr {
    error_with(e, Some(&p.obj), None)
}

/// The error of a call naming no file (a descriptor call).
pub fn os_err(e: std::io::Error) -> PyErr {
    error_with(&e, None, None)
}

/// `rustix`'s error as the standard library's.
pub fn rx(e: rustix::io::Errno) -> std::io::Error {
    std::io::Error::from_raw_os_error(e.raw_os_error())
}

/// The error of a call on a path or descriptor target (a descriptor is named by
/// its number, as CPython's `path_error` does).
pub fn target_error(e: &std::io::Error, t: &Target) -> PyErr {
    match t {
        Target::Path(p) => error(e, p),
        Target::Fd(fd) => error_with(e, Some(&Value::Int(*fd as i64)), None),
        Target::Default => error_with(e, None, None),
    }
}
