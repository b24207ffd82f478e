//! `_io.open` as a built-in function (CPython's `_io_open_impl`), a native of
//! `_textio` that the frozen `_io` names `open`.
//!
//! A Python function stored as a class attribute binds as a method (`class C: o =
//! io.open`, then `C().o('f')` passes the instance as the file); CPython's `io.open`
//! is a built-in function, which does not. This one parses its arguments as Argument
//! Clinic does (their messages), decodes and checks the mode string in CPython's
//! order and with its messages, then hands the checked arguments to the Python
//! `_open` of `_io.py` (registered by `_set_open_impl`), which builds the
//! `FileIO`/buffered/`TextIOWrapper` stack, as the rest of `_io_open_impl` does.

use crate::native::*;
use crate::objects::gil::GilCell;
use crate::objects::types::type_name;

/// Plain functions (`modules::plain_function`): stored in a class they stay
/// themselves, as CPython's built-in functions.
pub static FUNCS: &[crate::objects::function::NativeDef] = crate::objects::methods::natives![
    "open" => open,
    "_set_open_impl" => set_open_impl,
];

/// The Python `_io._open`, set by `_set_open_impl` when `_io` imports.
static OPEN_IMPL: GilCell<Option<Value>> = GilCell::new(None);

/// `_textio._set_open_impl(f)`: the Python half `open` calls.
fn set_open_impl(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("_set_open_impl", 1, 1)?;
    *OPEN_IMPL.borrow_mut(cx.gil) = Some(args.at(0).clone());
    Ok(Value::None)
}

/// Argument Clinic's `str(accept={str, NoneType})`: `None` stays `None`.
fn str_or_none(v: Option<Value>, what: &str) -> Result<Value, PyErr> {
    match v {
        None | Some(Value::None) => Ok(Value::None),
        Some(v) if v.as_str().is_some() => Ok(v),
        Some(v) => Err(type_error(format!(
            "open() argument '{what}' must be str or None, not {}",
            type_name(&v)
        ))),
    }
}

/// `_PyLong_AsInt`: an int, or an object with `__index__`.
fn c_int(cx: &mut Cx, v: &Value) -> PyResult<i32> {
    if let Value::Instance(_) = v {
        if !matches!(v, Value::Instance(i) if crate::objects::int::is_int(&i.base)) {
            if let Ok(index) = cx.getattr(v, "__index__") {
                let r = cx.call(&index, vec![])?;
                return Ok(arg_c_int(&r, "")?);
            }
        }
    }
    Ok(arg_c_int(v, "")?)
}

/// A file descriptor rather than a path: an int or an object with `__index__`.
/// (CPython passes any number on to `FileIO`, which takes an int and gives any
/// other object to the file-system path conversion; `os.fspath` has its message.)
fn is_fd(cx: &mut Cx, v: &Value) -> bool {
    match v {
        Value::Int(_) | Value::Bool(_) | Value::Big(_) => true,
        Value::Instance(i) => {
            let cls = Value::Type(i.class().clone());
            cx.getattr(&cls, "__index__").is_ok()
        }
        _ => false,
    }
}

/// `open(file, mode='r', buffering=-1, encoding=None, errors=None, newline=None,
/// closefd=True, opener=None)`.
fn open(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let params = [
        "file",
        "mode",
        "buffering",
        "encoding",
        "errors",
        "newline",
        "closefd",
        "opener",
    ];
    let mut a = clinic(args, "open", &params, 1, 8)?.into_iter();
    let file = a.next().flatten().unwrap_or(Value::None);
    let mode = match a.next().flatten() {
        None => Value::str("r"),
        Some(m) => match m.as_str() {
            Some(s) if s.contains('\0') => {
                return Err(value_error("embedded null character").into())
            }
            Some(_) => m,
            None => {
                return Err(type_error(format!(
                    "open() argument 'mode' must be str, not {}",
                    type_name(&m)
                ))
                .into())
            }
        },
    };
    let buffering = match a.next().flatten() {
        None => -1,
        Some(b) => c_int(cx, &b)?,
    };
    let encoding = str_or_none(a.next().flatten(), "encoding")?;
    let errors = str_or_none(a.next().flatten(), "errors")?;
    let newline = str_or_none(a.next().flatten(), "newline")?;
    let closefd = match a.next().flatten() {
        None => true,
        Some(c) => c_int(cx, &c)? != 0,
    };
    let opener = a.next().flatten().unwrap_or(Value::None);

    let path_or_fd = if is_fd(cx, &file) {
        file.clone()
    } else {
        let os = crate::native::builtin_function(cx.gil, "__import__");
        let os = cx.call(&os, vec![Value::str("os")])?;
        let fspath = cx.getattr(&os, "fspath")?;
        let p = cx.call(&fspath, vec![file.clone()])?;
        if !matches!(p, Value::Str(_) | Value::Bytes(_)) {
            let r = cx.repr(&file)?;
            return Err(type_error(format!("invalid file: {r}")).into());
        }
        p
    };

    let m = mode.as_str().unwrap_or("r").to_owned();
    let (mut creating, mut reading, mut writing, mut appending) = (false, false, false, false);
    let (mut updating, mut text, mut binary) = (false, false, false);
    for (i, c) in m.char_indices() {
        let flag = match c {
            'x' => &mut creating,
            'r' => &mut reading,
            'w' => &mut writing,
            'a' => &mut appending,
            '+' => &mut updating,
            't' => &mut text,
            'b' => &mut binary,
            _ => return Err(value_error(format!("invalid mode: '{m}'")).into()),
        };
        *flag = true;
        if m[i + c.len_utf8()..].contains(c) {
            return Err(value_error(format!("invalid mode: '{m}'")).into());
        }
    }
    let mut rawmode = String::new();
    for (on, c) in [
        (creating, 'x'),
        (reading, 'r'),
        (writing, 'w'),
        (appending, 'a'),
        (updating, '+'),
    ] {
        if on {
            rawmode.push(c);
        }
    }
    if text && binary {
        return Err(value_error("can't have text and binary mode at once").into());
    }
    if creating as u8 + reading as u8 + writing as u8 + appending as u8 > 1 {
        return Err(value_error("must have exactly one of create/read/write/append mode").into());
    }
    if binary {
        for (v, what) in [
            (&encoding, "an encoding"),
            (&errors, "an errors"),
            (&newline, "a newline"),
        ] {
            if !matches!(v, Value::None) {
                return Err(
                    value_error(format!("binary mode doesn't take {what} argument")).into(),
                );
            }
        }
    }
    let Some(imp) = OPEN_IMPL.borrow(cx.gil).clone() else {
        return Err(runtime_error("_io.open is not ready").into());
    };
    cx.call(
        &imp,
        vec![
            path_or_fd,
            mode,
            Value::Int(buffering as i64),
            encoding,
            errors,
            newline,
            Value::bool(closefd),
            opener,
            Value::str(&rawmode),
            Value::bool(binary),
        ],
    )
}
