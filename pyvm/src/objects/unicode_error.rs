//! `UnicodeEncodeError`, `UnicodeDecodeError` and `UnicodeTranslateError` as CPython
//! builds them: `encoding`, `object`, `start`, `end` and `reason` taken from the
//! arguments (kept in the instance dict, so an error handler may change them), the
//! argument checks of `UnicodeEncodeError.__init__`, and their `str()`
//! (`'ascii' codec can't encode character '\xe9' in position 3: ordinal not in
//! range(128)`).

use crate::objects::rc::Arc;

use super::dict::Dict;
use super::exception::{type_error, ExcObj, PyErr};
use super::gil::Gil;
use super::types::{type_name, types, PyType};
use super::value::Value;

/// Which of the three a type is, if any.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Which {
    Encode,
    Decode,
    Translate,
}

pub fn which(typ: &PyType) -> Option<Which> {
    let e = &types().exc;
    if typ.is_subtype(&e.unicode_encode_error) {
        Some(Which::Encode)
    } else if typ.is_subtype(&e.unicode_decode_error) {
        Some(Which::Decode)
    } else if typ.is_subtype(&e.unicode_translate_error) {
        Some(Which::Translate)
    } else {
        None
    }
}

pub const NAMES: [&str; 5] = ["encoding", "object", "start", "end", "reason"];

fn bytes_like(v: &Value) -> bool {
    matches!(
        super::class::payload(v).unwrap_or(v),
        Value::Bytes(_) | Value::ByteArray(_)
    )
}

/// CPython's argument checks (`PyArg_ParseTuple(args, "UOnnU")` and friends), for a
/// `UnicodeEncodeError(...)` written in Python.
pub fn check_args(typ: &PyType, args: &[Value]) -> Result<(), PyErr> {
    let Some(w) = which(typ) else { return Ok(()) };
    let want = if w == Which::Translate { 4 } else { 5 };
    if args.len() != want {
        return Err(type_error(format!(
            "function takes exactly {want} arguments ({} given)",
            args.len()
        )));
    }
    let fields: &[usize] = match w {
        Which::Translate => &[1, 2, 3, 4],
        _ => &[0, 1, 2, 3, 4],
    };
    for (i, (&f, v)) in fields.iter().zip(args).enumerate() {
        let ok = match f {
            0 | 4 => matches!(v, Value::Str(_)),
            1 if w == Which::Decode => bytes_like(v),
            1 => matches!(v, Value::Str(_)),
            _ => matches!(v, Value::Int(_) | Value::Bool(_)),
        };
        if !ok && f == 1 && w == Which::Decode {
            return Err(type_error(format!(
                "a bytes-like object is required, not '{}'",
                type_name(v)
            )));
        }
        if !ok && (f == 2 || f == 3) {
            return Err(type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                type_name(v)
            )));
        }
        if !ok {
            let expect = match f {
                1 if w == Which::Decode => "a bytes-like object",
                2 | 3 => "int",
                _ => "str",
            };
            return Err(type_error(format!(
                "argument {} must be {expect}, not {}",
                i + 1,
                type_name(v)
            )));
        }
    }
    Ok(())
}

/// The instance dict holding the five attributes, when `args` have their shape.
pub fn dict_for(typ: &PyType, args: &[Value]) -> Option<Dict> {
    let w = which(typ)?;
    check_args(typ, args).ok()?;
    let mut d = Dict::new();
    let vals: Vec<Value> = match w {
        Which::Translate => {
            let mut v = vec![Value::None];
            v.extend(args.iter().cloned());
            v
        }
        _ => args.to_vec(),
    };
    for (k, v) in NAMES.iter().zip(vals) {
        d.insert(super::str::intern(k), v).ok()?;
    }
    Some(d)
}

/// A `UnicodeEncodeError` for `object[start:end]` (character positions).
pub fn encode_error(
    encoding: &str,
    object: Value,
    start: usize,
    end: usize,
    reason: &str,
) -> PyErr {
    PyErr::new(
        &types().exc.unicode_encode_error,
        vec![
            Value::str(encoding),
            object,
            Value::Int(start as i64),
            Value::Int(end as i64),
            Value::str(reason),
        ],
    )
}

/// A `UnicodeDecodeError` for `object[start:end]` (byte positions).
pub fn decode_error(
    encoding: &str,
    object: &[u8],
    start: usize,
    end: usize,
    reason: &str,
) -> PyErr {
    PyErr::new(
        &types().exc.unicode_decode_error,
        vec![
            Value::str(encoding),
            Value::Bytes(Arc::new(object.to_vec())),
            Value::Int(start as i64),
            Value::Int(end as i64),
            Value::str(reason),
        ],
    )
}

/// Attribute `name` of a Unicode error (`None` when unset).
pub fn get(gil: Gil<'_>, e: &ExcObj, name: &str) -> Option<Value> {
    e.dict
        .borrow(gil)
        .get_str(&super::str::PyStr::new(name.to_owned()))
}

/// `str()` of a Unicode error built with its five (four) arguments; `None` to use
/// the plain exception `str()`.
pub fn str(gil: Gil<'_>, e: &ExcObj) -> Result<Option<String>, PyErr> {
    let Some(w) = which(&e.typ) else {
        return Ok(None);
    };
    let int = |n| match get(gil, e, n) {
        Some(Value::Int(i)) => Some(i),
        Some(Value::Bool(b)) => Some(b as i64),
        _ => None,
    };
    let (Some(start), Some(end)) = (int("start"), int("end")) else {
        return Ok(None);
    };
    let Some(obj) = get(gil, e, "object") else {
        return Ok(None);
    };
    let text = |n| get(gil, e, n).map_or(Ok(String::new()), |v| super::repr::str_of(gil, &v));
    let reason = text("reason")?;
    let encoding = text("encoding")?;
    let one = end == start + 1 && start >= 0;
    Ok(Some(match w {
        Which::Encode | Which::Translate => {
            let ch = match (&obj, one) {
                (Value::Str(s), true) if (start as usize) < s.char_len() => {
                    s.char_at(start as usize)
                }
                _ => None,
            };
            let head = if w == Which::Encode {
                format!("'{encoding}' codec can't encode")
            } else {
                "can't translate".to_owned()
            };
            match ch {
                Some(c) => {
                    let n = super::str::code_point(c);
                    let esc = if n <= 0xff {
                        format!("\\x{n:02x}")
                    } else if n <= 0xffff {
                        format!("\\u{n:04x}")
                    } else {
                        format!("\\U{n:08x}")
                    };
                    format!("{head} character '{esc}' in position {start}: {reason}")
                }
                None => format!(
                    "{head} characters in position {start}-{}: {reason}",
                    end - 1
                ),
            }
        }
        Which::Decode => {
            let byte = match (super::class::payload(&obj).unwrap_or(&obj), one) {
                (Value::Bytes(b), true) => b.get(start as usize).copied(),
                (Value::ByteArray(b), true) => b.borrow(gil).get(start as usize).copied(),
                _ => None,
            };
            match byte {
                Some(b) => format!(
                    "'{encoding}' codec can't decode byte 0x{b:02x} in position {start}: {reason}"
                ),
                None => format!(
                    "'{encoding}' codec can't decode bytes in position {start}-{}: {reason}",
                    end - 1
                ),
            }
        }
    }))
}
