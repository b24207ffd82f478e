//! The escape codecs: `unicode_escape` (Python string-literal escapes over
//! Latin-1), `raw_unicode_escape` (only `\uXXXX` / `\UXXXXXXXX`), and `escape_*`
//! (bytes-literal escapes, bytes to bytes), with CPython's messages.

use super::errors::{escape, Decoding};
use super::{arg_errors, arg_final, arg_text, input_bytes, pair_bytes, pair_str};
use crate::native::*;
use crate::objects::str::{code_point, from_code_point, NOT_REPRESENTABLE};

fn hex_value(c: u8) -> Option<u32> {
    (c as char).to_digit(16)
}

pub(super) fn unicode_escape_encode(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("unicode_escape_encode", 1, 2)?;
    let text = arg_text(args.at(0), "unicode_escape_encode")?;
    let _ = arg_errors(args.get(1), "unicode_escape_encode")?;
    let mut out = String::new();
    for c in text.as_str().chars() {
        crate::objects::memory::spare_string(&mut out, 10)?;
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            ' '..='~' => out.push(c),
            _ => escape(&mut out, c),
        }
    }
    Ok(pair_bytes(out.into_bytes(), text.char_len()))
}

pub(super) fn raw_unicode_escape_encode(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("raw_unicode_escape_encode", 1, 2)?;
    let text = arg_text(args.at(0), "raw_unicode_escape_encode")?;
    let _ = arg_errors(args.get(1), "raw_unicode_escape_encode")?;
    let mut out = Vec::new();
    for c in text.as_str().chars() {
        crate::objects::memory::spare(&mut out, 10)?;
        let n = code_point(c);
        if n < 0x100 {
            out.push(n as u8);
        } else if n <= 0xffff {
            out.extend(format!("\\u{n:04x}").bytes());
        } else {
            out.extend(format!("\\U{n:08x}").bytes());
        }
    }
    Ok(pair_bytes(out, text.char_len()))
}

/// `unicode_escape_decode(data, errors=None, final=True)`.
pub(super) fn unicode_escape_decode(cx: &mut Cx, args: Args) -> PyResult<Value> {
    escape_decode_call(cx, args, "unicode_escape_decode", false)
}

/// `raw_unicode_escape_decode(data, errors=None, final=True)`.
pub(super) fn raw_unicode_escape_decode(cx: &mut Cx, args: Args) -> PyResult<Value> {
    escape_decode_call(cx, args, "raw_unicode_escape_decode", true)
}

/// The two escape decoders' shared argument handling; `raw`: only `\uXXXX` and
/// `\UXXXXXXXX` are escapes.
fn escape_decode_call(cx: &mut Cx, args: Args, name: &str, raw: bool) -> PyResult<Value> {
    args.check(name, 1, 3)?;
    let b = input_bytes(cx, args.at(0))?;
    let errors = arg_errors(args.get(1), name)?;
    let fin = match args.get(2) {
        None => true,
        v => arg_final(cx, v)?,
    };
    let (s, n) = decode_escapes(cx, &b, &errors, fin, raw)?;
    Ok(pair_str(s, n))
}

fn decode_escapes(
    cx: &mut Cx,
    b: &[u8],
    errors: &str,
    fin: bool,
    raw: bool,
) -> PyResult<(String, usize)> {
    let encoding = if raw {
        "rawunicodeescape"
    } else {
        "unicodeescape"
    };
    let mut d = Decoding::new(encoding, errors);
    let mut out = String::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c != b'\\' {
            out.push(c as char);
            i += 1;
            continue;
        }
        let start = i;
        if i + 1 >= b.len() {
            if !fin {
                return Ok((out, start));
            }
            if raw {
                out.push('\\');
                i += 1;
                continue;
            }
            i = d.fail(cx, b, start, b.len(), "\\ at end of string", &mut out)?;
            continue;
        }
        if raw && b[i + 1] != b'u' && b[i + 1] != b'U' {
            out.push('\\');
            out.push(b[i + 1] as char);
            i += 2;
            continue;
        }
        let e = b[i + 1];
        i += 2;
        let simple = match e {
            b'\n' => Some(None),
            b'\\' => Some(Some('\\')),
            b'\'' => Some(Some('\'')),
            b'"' => Some(Some('"')),
            b'b' => Some(Some('\x08')),
            b'f' => Some(Some('\x0c')),
            b't' => Some(Some('\t')),
            b'n' => Some(Some('\n')),
            b'r' => Some(Some('\r')),
            b'v' => Some(Some('\x0b')),
            b'a' => Some(Some('\x07')),
            _ => None,
        };
        if !raw {
            if let Some(ch) = simple {
                out.extend(ch);
                continue;
            }
            if (b'0'..=b'7').contains(&e) {
                let mut v = (e - b'0') as u32;
                let mut k = 0;
                while k < 2 && i < b.len() && (b'0'..=b'7').contains(&b[i]) {
                    v = v * 8 + (b[i] - b'0') as u32;
                    i += 1;
                    k += 1;
                }
                out.push(char::from_u32(v).unwrap_or('\u{fffd}'));
                continue;
            }
        }
        let (digits, what) = match e {
            b'x' if !raw => (2, "truncated \\xXX escape"),
            b'u' => (4, "truncated \\uXXXX escape"),
            b'U' => (8, "truncated \\UXXXXXXXX escape"),
            b'N' if !raw => {
                // \N{NAME}
                let close = b[i..].iter().position(|&x| x == b'}');
                if i < b.len() && b[i] == b'{' {
                    if let Some(p) = close {
                        let name = String::from_utf8_lossy(&b[i + 1..i + p]).into_owned();
                        if let Some(ch) =
                            (p > 1).then(|| unicode_names2::character(&name)).flatten()
                        {
                            out.push(ch);
                            i += p + 1;
                            continue;
                        }
                        let end = i + p + 1;
                        i = d.fail(
                            cx,
                            b,
                            start,
                            end,
                            "unknown Unicode character name",
                            &mut out,
                        )?;
                        continue;
                    }
                }
                if !fin {
                    return Ok((out, start));
                }
                let end = if i < b.len() && b[i] == b'{' {
                    b.len()
                } else {
                    i
                };
                i = d.fail(
                    cx,
                    b,
                    start,
                    end,
                    "malformed \\N character escape",
                    &mut out,
                )?;
                continue;
            }
            _ => {
                // An unknown escape stays as written (CPython also warns).
                out.push('\\');
                out.push(e as char);
                continue;
            }
        };
        let mut v: u32 = 0;
        let mut k = 0;
        while k < digits && i + k < b.len() {
            match hex_value(b[i + k]) {
                Some(h) => v = v * 16 + h,
                None => break,
            }
            k += 1;
        }
        if k < digits {
            if !fin && i + k >= b.len() {
                return Ok((out, start));
            }
            i = d.fail(cx, b, start, i + k, what, &mut out)?;
            continue;
        }
        i += k;
        match from_code_point(v) {
            Some(ch) => out.push(ch),
            None => {
                let reason = if v <= 0x10ffff {
                    NOT_REPRESENTABLE
                } else if raw {
                    "\\Uxxxxxxxx out of range"
                } else {
                    "illegal Unicode character"
                };
                i = d.fail(cx, b, start, i, reason, &mut out)?;
            }
        }
    }
    Ok((out, b.len()))
}

/// `escape_encode(bytes, errors=None)`: the body of the bytes' `repr`.
pub(super) fn escape_encode(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("escape_encode", 1, 2)?;
    let Value::Bytes(b) = args.at(0) else {
        return Err(type_error(format!(
            "escape_encode() argument 1 must be bytes, not {}",
            crate::objects::types::type_name(args.at(0))
        ))
        .into());
    };
    let _ = arg_errors(args.get(1), "escape_encode")?;
    let mut out = Vec::with_capacity(b.len());
    for &c in b.iter() {
        crate::objects::memory::spare(&mut out, 4)?;
        match c {
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\'' => out.extend_from_slice(b"\\'"),
            b'\t' => out.extend_from_slice(b"\\t"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            0x20..=0x7e => out.push(c),
            _ => out.extend(format!("\\x{c:02x}").bytes()),
        }
    }
    Ok(pair_bytes(out, b.len()))
}

/// `PyBytes_DecodeEscape`: the escapes of a bytes literal in `b` (`codecs.escape_decode`,
/// and pickle's protocol 0 `STRING`), with `errors` for a bad `\x` escape.
pub(crate) fn bytes_escapes(b: &[u8], errors: &str) -> Result<Vec<u8>, PyErr> {
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'\\' {
            out.push(b[i]);
            i += 1;
            continue;
        }
        i += 1;
        if i >= b.len() {
            return Err(value_error("Trailing \\ in string"));
        }
        let e = b[i];
        i += 1;
        match e {
            b'\n' => {}
            b'\\' => out.push(b'\\'),
            b'\'' => out.push(b'\''),
            b'"' => out.push(b'"'),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b't' => out.push(b'\t'),
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b'v' => out.push(11),
            b'a' => out.push(7),
            b'0'..=b'7' => {
                let mut v = (e - b'0') as u32;
                let mut k = 0;
                while k < 2 && i < b.len() && (b'0'..=b'7').contains(&b[i]) {
                    v = v * 8 + (b[i] - b'0') as u32;
                    i += 1;
                    k += 1;
                }
                out.push(v as u8);
            }
            b'x' => {
                let h = (
                    b.get(i).copied().and_then(hex_value),
                    b.get(i + 1).copied().and_then(hex_value),
                );
                if let (Some(a), Some(c)) = h {
                    out.push((a * 16 + c) as u8);
                    i += 2;
                    continue;
                }
                match errors {
                    "strict" => {
                        return Err(value_error(format!(
                            "invalid \\x escape at position {}",
                            i - 2
                        )))
                    }
                    "replace" => out.push(b'?'),
                    "ignore" => {}
                    other => {
                        return Err(value_error(format!(
                            "decoding error; unknown error handling code: {other}"
                        )))
                    }
                }
                // Skip the hex digits that were there.
                if h.0.is_some() {
                    i += 1;
                }
            }
            _ => {
                out.push(b'\\');
                out.push(e);
            }
        }
    }
    Ok(out)
}

/// `escape_decode(data, errors=None)`: bytes-literal escapes to bytes.
pub(super) fn escape_decode(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("escape_decode", 1, 2)?;
    let b = match args.at(0) {
        Value::Str(s) => s.as_str().as_bytes().to_vec(),
        v => input_bytes(cx, v)?,
    };
    let errors = arg_errors(args.get(1), "escape_decode")?;
    let out = bytes_escapes(&b, errors.as_str())?;
    let n = b.len();
    Ok(Value::tuple(vec![
        Value::Bytes(crate::objects::rc::Arc::new(out)),
        Value::Int(n as i64),
    ]))
}
