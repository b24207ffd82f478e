//! `OSError` as CPython builds it: `errno`, `strerror`, `filename` and `filename2` taken
//! from the arguments, the subclass chosen by the error number (`OSError(2, 'x')` is a
//! `FileNotFoundError`), its `str()` (`[Errno 2] No such file or directory: 'x'`), and
//! the exception for an error the OS gave pyvm.

use crate::objects::rc::Arc;

use super::exception::{ExcObj, PyErr};
use super::gil::Gil;
use super::repr::{repr, str_of};
use super::types::{types, PyType};
use super::value::Value;

/// The subclass `OSError(errno, ...)` creates (CPython's `errnomap`, Linux numbers).
fn subclass_for(errno: i64) -> Option<&'static Arc<PyType>> {
    let e = &types().exc;
    Some(match errno {
        11 | 114 | 115 => &e.blocking_io_error, // EAGAIN/EWOULDBLOCK, EALREADY, EINPROGRESS
        10 => &e.child_process_error,           // ECHILD
        32 | 108 => &e.broken_pipe_error,       // EPIPE, ESHUTDOWN
        103 => &e.connection_aborted_error,     // ECONNABORTED
        111 => &e.connection_refused_error,     // ECONNREFUSED
        104 => &e.connection_reset_error,       // ECONNRESET
        17 => &e.file_exists_error,             // EEXIST
        2 => &e.file_not_found_error,           // ENOENT
        21 => &e.is_a_directory_error,          // EISDIR
        20 => &e.not_a_directory_error,         // ENOTDIR
        4 => &e.interrupted_error,              // EINTR
        1 | 13 => &e.permission_error,          // EPERM, EACCES
        3 => &e.process_lookup_error,           // ESRCH
        110 => &e.timeout_error,                // ETIMEDOUT
        _ => return None,
    })
}

/// `typ(*args)` for `OSError` and its subclasses (CPython's `OSError_new` and
/// `oserror_init`): with 2 to 5 arguments they are `errno, strerror[, filename[,
/// winerror[, filename2]]]`; a filename is dropped from `args`. Only `OSError` itself
/// is replaced by the subclass of its (int) error number.
pub fn build(
    typ: &Arc<PyType>,
    mut args: Vec<Value>,
) -> (Arc<PyType>, Vec<Value>, Vec<(&'static str, Value)>) {
    let exc = &types().exc;
    let mut typ = typ.clone();
    let (mut errno, mut strerror, mut filename, mut filename2) =
        (Value::None, Value::None, Value::None, Value::None);
    let mut written = None;
    if (2..=5).contains(&args.len()) {
        errno = args[0].clone();
        strerror = args[1].clone();
        if Arc::ptr_eq(&typ, &exc.os_error) {
            let code = match errno {
                Value::Int(i) => Some(i),
                Value::Bool(b) => Some(b as i64),
                _ => None,
            };
            if let Some(sub) = code.and_then(subclass_for) {
                typ = sub.clone();
            }
        }
        let name = args.get(2).cloned().unwrap_or(Value::None);
        if !matches!(name, Value::None) {
            if Arc::ptr_eq(&typ, &exc.blocking_io_error) && is_number(&name) {
                // BlockingIOError's third argument is the number of characters
                // written; -1 is CPython's "not set" (`check_args` refused the rest).
                written = match name {
                    Value::Int(-1) => None,
                    Value::Int(i) => Some(Value::Int(i)),
                    Value::Bool(b) => Some(Value::Int(b as i64)),
                    _ => None,
                };
            } else {
                filename = name;
                if let Some(f2) = args.get(4).filter(|v| !matches!(v, Value::None)) {
                    filename2 = f2.clone();
                }
                args.truncate(2);
            }
        }
    }
    let mut attrs = vec![
        ("errno", errno),
        ("strerror", strerror),
        ("filename", filename),
        ("filename2", filename2),
    ];
    if let Some(w) = written {
        attrs.push(("characters_written", w));
    }
    (typ, args, attrs)
}

fn is_number(v: &Value) -> bool {
    matches!(
        v,
        Value::Int(_) | Value::Bool(_) | Value::Big(_) | Value::Float(_)
    )
}

/// The errors of `typ(*args)` called from Python that `build` cannot report:
/// `BlockingIOError`'s count of characters written must fit an index.
pub fn check_args(typ: &Arc<PyType>, args: &[Value]) -> Result<(), PyErr> {
    if !Arc::ptr_eq(typ, &types().exc.blocking_io_error) || !(3..=5).contains(&args.len()) {
        return Ok(());
    }
    match &args[2] {
        Value::Float(_) => Err(super::exception::type_error(
            "'float' object cannot be interpreted as an integer",
        )),
        Value::Big(_) => Err(super::exception::value_error(
            "cannot fit 'int' into an index-sized integer",
        )),
        _ => Ok(()),
    }
}

/// `str()` of an `OSError` built with an errno: `None` to use the plain exception
/// `str()` (CPython's `OSError_str`).
pub fn str(gil: Gil<'_>, e: &ExcObj) -> Result<Option<String>, PyErr> {
    let get = |k| e.attr(gil, k).unwrap_or(Value::None);
    let (errno, strerror) = (get("errno"), get("strerror"));
    let (filename, filename2) = (get("filename"), get("filename2"));
    if !matches!(filename, Value::None) {
        let head = format!(
            "[Errno {}] {}: {}",
            str_of(gil, &errno)?,
            str_of(gil, &strerror)?,
            repr(gil, &filename)?
        );
        if matches!(filename2, Value::None) {
            return Ok(Some(head));
        }
        return Ok(Some(format!("{head} -> {}", repr(gil, &filename2)?)));
    }
    if (2..=5).contains(&e.args.borrow(gil).len()) {
        return Ok(Some(format!(
            "[Errno {}] {}",
            str_of(gil, &errno)?,
            str_of(gil, &strerror)?
        )));
    }
    Ok(None)
}

/// The C library's message for an error number (`No such file or directory`).
pub fn strerror(errno: i32) -> String {
    let text = std::io::Error::from_raw_os_error(errno).to_string();
    match text.rfind(" (os error ") {
        Some(i) => text[..i].to_owned(),
        None => text,
    }
}

/// The exception for an error the OS reported, as CPython raises it
/// (`PyErr_SetFromErrnoWithFilename`): the subclass for its errno, with `errno`,
/// `strerror` and `filename` set. An error without an errno is a plain `OSError`.
pub fn from_io(e: &std::io::Error, filename: Option<&str>) -> PyErr {
    let os_error = &types().exc.os_error;
    let Some(errno) = e.raw_os_error() else {
        return PyErr::new(os_error, vec![Value::string(e.to_string())]);
    };
    let mut args = vec![Value::Int(errno as i64), Value::string(strerror(errno))];
    if let Some(f) = filename {
        args.push(Value::str(f));
    }
    PyErr::new(os_error, args)
}
