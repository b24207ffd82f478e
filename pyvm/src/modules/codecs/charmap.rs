//! The one-byte codecs: `latin_1`, `ascii`, and `charmap` (the tables of Lib's
//! `encodings/cp1252.py`, `koi8_r.py`, ...: a 256-character decoding string or a
//! mapping, and the encoding map `charmap_build` makes from the string).

use crate::objects::rc::Arc;

use super::errors::{encode_chars, Decoding};
use super::{arg_errors, arg_text, input_bytes, pair_bytes, pair_str};
use crate::native::*;
use crate::objects::dict::Dict;
use crate::objects::types::{type_name, types};

/// `latin_1_encode(str, errors=None)`.
pub(super) fn latin_1_encode(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let (text, errors) = encode_args(&args, "latin_1_encode")?;
    let b = encode_limited(cx, &text, &errors, 256)?;
    Ok(pair_bytes(b, text.char_len()))
}

/// `ascii_encode(str, errors=None)`.
pub(super) fn ascii_encode(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let (text, errors) = encode_args(&args, "ascii_encode")?;
    let b = encode_limited(cx, &text, &errors, 128)?;
    Ok(pair_bytes(b, text.char_len()))
}

pub(super) fn encode_args(
    args: &Args,
    name: &str,
) -> PyResult<(Arc<crate::objects::str::PyStr>, String)> {
    args.check(name, 1, 2)?;
    Ok((arg_text(args.at(0), name)?, arg_errors(args.get(1), name)?))
}

/// ASCII (`limit` 128) or Latin-1 (256).
pub fn encode_limited(
    cx: &mut Cx,
    text: &Arc<crate::objects::str::PyStr>,
    errors: &str,
    limit: u32,
) -> PyResult<Vec<u8>> {
    if text.is_ascii() {
        return Ok(crate::objects::memory::copy(text.as_str().as_bytes())?);
    }
    let (encoding, reason) = if limit == 128 {
        ("ascii", "ordinal not in range(128)")
    } else {
        ("latin-1", "ordinal not in range(256)")
    };
    encode_chars(cx, text, encoding, reason, errors, &mut |_, c, out| {
        Ok(if (c as u32) < limit {
            out.push(c as u32 as u8);
            true
        } else {
            false
        })
    })
}

/// `latin_1_decode(data, errors=None)`.
pub(super) fn latin_1_decode(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("latin_1_decode", 1, 2)?;
    let b = input_bytes(cx, args.at(0))?;
    let _ = arg_errors(args.get(1), "latin_1_decode")?;
    let n = b.len();
    Ok(pair_str(decode_latin_1(&b)?, n))
}

pub fn decode_latin_1(b: &[u8]) -> PyResult<String> {
    let mut s =
        crate::objects::memory::string_with(b.len() + b.iter().filter(|c| **c >= 0x80).count())?;
    s.extend(b.iter().map(|c| *c as char));
    Ok(s)
}

/// `ascii_decode(data, errors=None)`.
pub(super) fn ascii_decode(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("ascii_decode", 1, 2)?;
    let b = input_bytes(cx, args.at(0))?;
    let errors = arg_errors(args.get(1), "ascii_decode")?;
    let n = b.len();
    Ok(pair_str(decode_ascii(cx, &b, &errors)?, n))
}

pub fn decode_ascii(cx: &mut Cx, b: &[u8], errors: &str) -> PyResult<String> {
    if b.is_ascii() {
        return Ok(String::from_utf8_lossy(b).into_owned());
    }
    let mut d = Decoding::new("ascii", errors);
    let mut out = String::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] < 128 {
            out.push(b[i] as char);
            i += 1;
        } else {
            i = d.fail(cx, b, i, i + 1, "ordinal not in range(128)", &mut out)?;
        }
    }
    Ok(out)
}

/// `charmap_decode(data, errors=None, mapping=None)`: each byte through the table (a
/// `str`, U+FFFE marking an undefined byte) or the mapping (`int`, `str` or `None`).
pub(super) fn charmap_decode(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("charmap_decode", 1, 3)?;
    let b = input_bytes(cx, args.at(0))?;
    let errors = arg_errors(args.get(1), "charmap_decode")?;
    let n = b.len();
    let mapping = args.get(2).cloned().unwrap_or(Value::None);
    if matches!(mapping, Value::None) {
        return Ok(pair_str(decode_latin_1(&b)?, n));
    }
    let mut d = Decoding::new("charmap", &errors);
    let mut out = String::with_capacity(n);
    const UNDEFINED: &str = "character maps to <undefined>";
    if let Value::Str(table) = &mapping {
        let t: Vec<char> = table.as_str().chars().collect();
        let mut i = 0;
        while i < n {
            match t.get(b[i] as usize) {
                Some(&c) if c != '\u{fffe}' => {
                    out.push(c);
                    i += 1;
                }
                _ => i = d.fail(cx, &b, i, i + 1, UNDEFINED, &mut out)?,
            }
        }
        return Ok(pair_str(out, n));
    }
    let lookup_error = types().exc.lookup_error.clone();
    let mut i = 0;
    while i < n {
        let got = match cx.getitem(&mapping, &Value::Int(b[i] as i64)) {
            Ok(v) => v,
            Err(deferred::Unwind::Raise(e)) if e.is_instance(&lookup_error) => Value::None,
            Err(e) => return Err(e),
        };
        match got {
            Value::None => {
                i = d.fail(cx, &b, i, i + 1, UNDEFINED, &mut out)?;
                continue;
            }
            Value::Int(c) => match u32::try_from(c)
                .ok()
                .filter(|&u| u < 0x110000)
                .and_then(crate::objects::str::from_code_point)
            {
                Some('\u{fffe}') => {
                    i = d.fail(cx, &b, i, i + 1, UNDEFINED, &mut out)?;
                    continue;
                }
                Some(c) => out.push(c),
                None => {
                    return Err(type_error("character mapping must be in range(0x110000)").into())
                }
            },
            Value::Str(s) if s.as_str() == "\u{fffe}" => {
                i = d.fail(cx, &b, i, i + 1, UNDEFINED, &mut out)?;
                continue;
            }
            Value::Str(s) => out.push_str(s.as_str()),
            _ => {
                return Err(type_error("character mapping must return integer, None or str").into())
            }
        }
        i += 1;
    }
    Ok(pair_str(out, n))
}

/// `charmap_encode(str, errors=None, mapping=None)`: each character through the
/// mapping (`charmap_build`'s, or any mapping to `int`, `bytes` or `None`).
pub(super) fn charmap_encode(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("charmap_encode", 1, 3)?;
    let text = arg_text(args.at(0), "charmap_encode")?;
    let errors = arg_errors(args.get(1), "charmap_encode")?;
    let mapping = args.get(2).cloned().unwrap_or(Value::None);
    if matches!(mapping, Value::None) {
        let b = encode_limited(cx, &text, &errors, 256)?;
        return Ok(pair_bytes(b, text.char_len()));
    }
    let lookup_error = types().exc.lookup_error.clone();
    let b = super::errors::encode_chars(
        cx,
        &text,
        "charmap",
        "character maps to <undefined>",
        &errors,
        &mut |cx, c, out| {
            let key = Value::Int(crate::objects::str::code_point(c) as i64);
            let got = match &mapping {
                Value::Dict(d) => d.borrow(cx.gil).get(&key)?,
                _ => match cx.getitem(&mapping, &key) {
                    Ok(v) => Some(v),
                    Err(deferred::Unwind::Raise(e)) if e.is_instance(&lookup_error) => None,
                    Err(e) => return Err(e),
                },
            };
            match got {
                None | Some(Value::None) => Ok(false),
                Some(Value::Int(b)) if (0..256).contains(&b) => {
                    out.push(b as u8);
                    Ok(true)
                }
                Some(Value::Int(_)) => {
                    Err(type_error("character mapping must be in range(256)").into())
                }
                Some(Value::Bytes(b)) => {
                    out.extend_from_slice(&b);
                    Ok(true)
                }
                Some(other) => Err(type_error(format!(
                    "character mapping must return integer, bytes or None, not {}",
                    type_name(&other)
                ))
                .into()),
            }
        },
    )?;
    Ok(pair_bytes(b, text.char_len()))
}

/// `charmap_build(decoding_table)`: the encoding map of a decoding table (CPython
/// makes an `EncodingMap` object; pyvm a dict `{ord(char): byte}`, which
/// `charmap_encode` takes the same way).
pub(super) fn charmap_build(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("charmap_build", 1, 1)?;
    let Value::Str(s) = args.at(0) else {
        return Err(type_error(format!(
            "charmap_build() argument must be str, not {}",
            type_name(args.at(0))
        ))
        .into());
    };
    let mut d = Dict::new();
    for (i, c) in s.as_str().chars().enumerate() {
        if c == '\u{fffe}' {
            continue;
        }
        d.insert(
            Value::Int(crate::objects::str::code_point(c) as i64),
            Value::Int(i as i64),
        )?;
    }
    Ok(Value::dict(d))
}
