//! `bytes` and `bytearray` methods.

use std::sync::Arc;

use crate::native::*;
use crate::objects::gil::GilCell;
use crate::objects::types::type_name;

use super::natives;

pub static BYTES_METHODS: &[crate::objects::function::NativeDef] = natives![
    "decode" => decode, "hex" => hex, "startswith" => startswith, "endswith" => endswith,
    "find" => find, "count" => count, "split" => split, "rsplit" => rsplit, "join" => join,
    "strip" => strip,
    "lstrip" => lstrip, "rstrip" => rstrip, "removeprefix" => removeprefix,
    "removesuffix" => removesuffix, "upper" => upper, "lower" => lower, "replace" => replace,
];

pub static BYTEARRAY_METHODS: &[crate::objects::function::NativeDef] = natives![
    "decode" => decode, "hex" => hex, "startswith" => startswith, "endswith" => endswith,
    "find" => find, "count" => count, "split" => split, "rsplit" => rsplit, "join" => join,
    "strip" => strip,
    "lstrip" => lstrip, "rstrip" => rstrip, "removeprefix" => removeprefix,
    "removesuffix" => removesuffix, "upper" => upper, "lower" => lower, "replace" => replace,
    "append" => append,
    "extend" => extend, "pop" => pop, "clear" => clear,
];

fn data(cx: &Cx, v: &Value) -> Vec<u8> {
    match v {
        Value::Bytes(b) => b.to_vec(),
        Value::ByteArray(b) => b.borrow(cx.gil).clone(),
        _ => Vec::new(),
    }
}

fn bytes_arg(cx: &Cx, v: &Value) -> Result<Vec<u8>, PyErr> {
    match v {
        Value::Bytes(_) | Value::ByteArray(_) => Ok(data(cx, v)),
        _ => Err(type_error(format!(
            "a bytes-like object is required, not '{}'",
            type_name(v)
        ))),
    }
}

/// A result of the same type as `like`.
fn same(like: &Value, b: Vec<u8>) -> Value {
    match like {
        Value::ByteArray(_) => Value::ByteArray(Arc::new(GilCell::new(b))),
        _ => Value::Bytes(Arc::new(b)),
    }
}

/// Decode UTF-8 with CPython's error message.
pub fn decode_utf8(b: &[u8]) -> Result<String, PyErr> {
    String::from_utf8(b.to_vec()).map_err(|e| {
        let pos = e.utf8_error().valid_up_to();
        unicode_decode_error(format!(
            "'utf-8' codec can't decode byte 0x{:02x} in position {pos}: invalid start byte",
            b[pos]
        ))
    })
}

fn decode(cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    let enc_kw = args.take_kw("encoding");
    let _errors = args.take_kw("errors");
    args.check_method_kw("decode", 0, 2)?;
    let b = data(cx, args.at(0));
    let enc = match args.get(1).or(enc_kw.as_ref()) {
        Some(v) => arg_str(v, "decode", "'encoding'")?
            .to_lowercase()
            .replace('_', "-"),
        None => "utf-8".to_owned(),
    };
    Ok(Value::string(match enc.as_str() {
        "utf-8" | "utf8" => decode_utf8(&b)?,
        "latin-1" | "latin1" | "iso-8859-1" => b.iter().map(|c| *c as char).collect(),
        "ascii" => {
            if let Some(pos) = b.iter().position(|c| *c >= 128) {
                return Err(unicode_decode_error(format!(
                    "'ascii' codec can't decode byte 0x{:02x} in position {pos}: ordinal not in range(128)",
                    b[pos]
                ))
                .into());
            }
            b.iter().map(|c| *c as char).collect()
        }
        other => {
            return Err(PyErr::msg(
                &crate::objects::types::types().exc.lookup_error,
                format!("unknown encoding: {other}"),
            )
            .into())
        }
    }))
}

fn hex(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("hex", 0, 0)?;
    Ok(Value::string(
        data(cx, args.at(0))
            .iter()
            .map(|c| format!("{c:02x}"))
            .collect(),
    ))
}

fn startswith(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("startswith", 1, 1)?;
    Ok(Value::Bool(
        data(cx, args.at(0)).starts_with(&bytes_arg(cx, args.at(1))?),
    ))
}

fn endswith(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("endswith", 1, 1)?;
    Ok(Value::Bool(
        data(cx, args.at(0)).ends_with(&bytes_arg(cx, args.at(1))?),
    ))
}

fn find_sub(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

fn find(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("find", 1, 1)?;
    let hay = data(cx, args.at(0));
    let needle = match args.at(1) {
        Value::Int(i) => vec![*i as u8],
        v => bytes_arg(cx, v)?,
    };
    Ok(Value::Int(find_sub(&hay, &needle).map_or(-1, |i| i as i64)))
}

fn count(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("count", 1, 1)?;
    let hay = data(cx, args.at(0));
    let needle = bytes_arg(cx, args.at(1))?;
    if needle.is_empty() {
        return Ok(Value::Int(hay.len() as i64 + 1));
    }
    let (mut n, mut i) = (0, 0);
    while let Some(j) = find_sub(&hay[i..], &needle) {
        n += 1;
        i += j + needle.len();
    }
    Ok(Value::Int(n))
}

/// Python's whitespace for bytes (Rust's `is_ascii_whitespace` leaves out `\x0b`).
fn is_space(c: u8) -> bool {
    b" \t\n\r\x0b\x0c".contains(&c)
}

fn split(cx: &mut Cx, args: Args) -> PyResult<Value> {
    split_impl(cx, args, "split", false)
}

fn rsplit(cx: &mut Cx, args: Args) -> PyResult<Value> {
    split_impl(cx, args, "rsplit", true)
}

/// `split` / `rsplit(sep=None, maxsplit=-1)`: at most `maxsplit` cuts, made from the
/// left or the right; without `sep`, runs of whitespace separate and none is kept at
/// the ends (except inside the unsplit remainder, as in CPython).
fn split_impl(cx: &mut Cx, mut args: Args, name: &str, right: bool) -> PyResult<Value> {
    too_many(&args, name, 2, true)?;
    let sep_kw = args.take_kw("sep");
    let max_kw = args.take_kw("maxsplit");
    args.check_method_kw(name, 0, 2)?;
    let b = data(cx, args.at(0));
    let limit = match args.get(2).or(max_kw.as_ref()) {
        Some(v) => usize::try_from(arg_int(v, "")?).unwrap_or(usize::MAX),
        None => usize::MAX,
    };
    let parts = match args.get(1).or(sep_kw.as_ref()) {
        None | Some(Value::None) => split_space(&b, limit, right),
        Some(sep) => {
            let sep = bytes_arg(cx, sep)?;
            if sep.is_empty() {
                return Err(value_error("empty separator").into());
            }
            split_sep(&b, &sep, limit, right)
        }
    };
    Ok(Value::list(
        parts
            .into_iter()
            .map(|p| same(args.at(0), p.to_vec()))
            .collect(),
    ))
}

fn split_sep<'b>(b: &'b [u8], sep: &[u8], limit: usize, right: bool) -> Vec<&'b [u8]> {
    let mut out = Vec::new();
    let mut rest = b;
    while out.len() < limit {
        let at = match right {
            false => find_sub(rest, sep),
            true => rest.windows(sep.len()).rposition(|w| w == sep),
        };
        let Some(i) = at else { break };
        if right {
            out.push(&rest[i + sep.len()..]);
            rest = &rest[..i];
        } else {
            out.push(&rest[..i]);
            rest = &rest[i + sep.len()..];
        }
    }
    out.push(rest);
    if right {
        out.reverse();
    }
    out
}

fn split_space(b: &[u8], limit: usize, right: bool) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let (mut lo, mut hi) = (0, b.len());
    loop {
        // Trim the separators on the side being split.
        if right {
            while hi > lo && is_space(b[hi - 1]) {
                hi -= 1;
            }
        } else {
            while lo < hi && is_space(b[lo]) {
                lo += 1;
            }
        }
        if lo == hi {
            break;
        }
        if out.len() == limit {
            out.push(&b[lo..hi]);
            break;
        }
        if right {
            let end = hi;
            while hi > lo && !is_space(b[hi - 1]) {
                hi -= 1;
            }
            out.push(&b[hi..end]);
        } else {
            let start = lo;
            while lo < hi && !is_space(b[lo]) {
                lo += 1;
            }
            out.push(&b[start..lo]);
        }
    }
    if right {
        out.reverse();
    }
    out
}

fn join(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("join", 1, 1)?;
    let sep = data(cx, args.at(0));
    let mut out = Vec::new();
    for (i, item) in cx.collect(args.at(1))?.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(&sep);
        }
        out.extend(bytes_arg(cx, item).map_err(|_| {
            type_error(format!(
                "sequence item {i}: expected a bytes-like object, {} found",
                type_name(item)
            ))
        })?);
    }
    Ok(same(args.at(0), out))
}

/// `strip`, `lstrip`, `rstrip`: the bytes in the argument (ASCII whitespace for
/// none or `None`) removed from the chosen ends.
fn strip_impl(cx: &mut Cx, args: Args, name: &str, left: bool, right: bool) -> PyResult<Value> {
    args.check_method(name, 0, 1)?;
    let b = data(cx, args.at(0));
    let set = match args.get(1) {
        None | Some(Value::None) => b" \t\n\r\x0b\x0c".to_vec(),
        Some(v) => bytes_arg(cx, v)?,
    };
    let start = match left {
        true => b.iter().position(|c| !set.contains(c)).unwrap_or(b.len()),
        false => 0,
    };
    let end = match right {
        true => b
            .iter()
            .rposition(|c| !set.contains(c))
            .map_or(0, |i| i + 1),
        false => b.len(),
    };
    Ok(same(args.at(0), b[start..end.max(start)].to_vec()))
}

fn strip(cx: &mut Cx, args: Args) -> PyResult<Value> {
    strip_impl(cx, args, "strip", true, true)
}

fn lstrip(cx: &mut Cx, args: Args) -> PyResult<Value> {
    strip_impl(cx, args, "lstrip", true, false)
}

fn rstrip(cx: &mut Cx, args: Args) -> PyResult<Value> {
    strip_impl(cx, args, "rstrip", false, true)
}

/// `removeprefix` / `removesuffix`: a copy without `affix` at that end, if it is there.
fn remove_affix(cx: &mut Cx, args: Args, name: &str, prefix: bool) -> PyResult<Value> {
    args.check_method(name, 1, 1)?;
    let b = data(cx, args.at(0));
    let affix = bytes_arg(cx, args.at(1))?;
    let out = match prefix {
        true => b.strip_prefix(&affix[..]),
        false => b.strip_suffix(&affix[..]),
    };
    Ok(same(args.at(0), out.unwrap_or(&b).to_vec()))
}

fn removeprefix(cx: &mut Cx, args: Args) -> PyResult<Value> {
    remove_affix(cx, args, "removeprefix", true)
}

fn removesuffix(cx: &mut Cx, args: Args) -> PyResult<Value> {
    remove_affix(cx, args, "removesuffix", false)
}

fn upper(cx: &mut Cx, args: Args) -> PyResult<Value> {
    Ok(same(args.at(0), data(cx, args.at(0)).to_ascii_uppercase()))
}

fn lower(cx: &mut Cx, args: Args) -> PyResult<Value> {
    Ok(same(args.at(0), data(cx, args.at(0)).to_ascii_lowercase()))
}

fn replace(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("replace", 2, 2)?;
    let b = data(cx, args.at(0));
    let (old, new) = (bytes_arg(cx, args.at(1))?, bytes_arg(cx, args.at(2))?);
    if old.is_empty() {
        return Ok(same(args.at(0), b));
    }
    let mut out = Vec::new();
    let mut rest = &b[..];
    while let Some(i) = find_sub(rest, &old) {
        out.extend_from_slice(&rest[..i]);
        out.extend_from_slice(&new);
        rest = &rest[i + old.len()..];
    }
    out.extend_from_slice(rest);
    Ok(same(args.at(0), out))
}

fn cell(v: &Value) -> &Arc<GilCell<Vec<u8>>> {
    match v {
        Value::ByteArray(b) => b,
        _ => unreachable!("bytearray method on a bytearray"),
    }
}

fn byte(v: &Value) -> Result<u8, PyErr> {
    let i = arg_int(v, "")?;
    u8::try_from(i).map_err(|_| value_error("byte must be in range(0, 256)"))
}

fn append(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("append", 1, 1)?;
    let b = byte(args.at(1))?;
    cell(args.at(0)).borrow_mut(cx.gil).push(b);
    Ok(Value::None)
}

fn extend(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("extend", 1, 1)?;
    let mut new = Vec::new();
    for v in cx.collect(args.at(1))? {
        new.push(byte(&v)?);
    }
    cell(args.at(0)).borrow_mut(cx.gil).extend(new);
    Ok(Value::None)
}

fn pop(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("pop", 0, 0)?;
    match cell(args.at(0)).borrow_mut(cx.gil).pop() {
        Some(b) => Ok(Value::Int(b as i64)),
        None => Err(index_error("pop from empty bytearray").into()),
    }
}

fn clear(cx: &mut Cx, args: Args) -> PyResult<Value> {
    cell(args.at(0)).borrow_mut(cx.gil).clear();
    Ok(Value::None)
}
