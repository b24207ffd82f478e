//! `bytes` and `bytearray` methods.

use crate::objects::rc::Arc;

use crate::native::*;
use crate::objects::gil::GilCell;
use crate::objects::memory;
use crate::objects::types::type_name;

use super::natives;

pub static BYTES_METHODS: &[crate::objects::function::NativeDef] = natives![
    "__getnewargs__" => super::getnewargs,
    "decode" => decode, "hex" => hex, "startswith" => startswith, "endswith" => endswith,
    "find" => find, "count" => count, "split" => split, "rsplit" => rsplit, "join" => join,
    "strip" => strip,
    "lstrip" => lstrip, "rstrip" => rstrip, "removeprefix" => removeprefix,
    "removesuffix" => removesuffix, "upper" => upper, "lower" => lower, "replace" => replace,
    "rfind" => rfind, "index" => index, "rindex" => rindex, "partition" => partition,
    "rpartition" => rpartition, "isdigit" => isdigit, "isalpha" => isalpha,
    "isalnum" => isalnum, "isspace" => isspace, "isupper" => isupper,
    "islower" => islower, "isascii" => isascii, "capitalize" => capitalize,
    "title" => title, "swapcase" => swapcase, "center" => center, "ljust" => ljust,
    "rjust" => rjust, "zfill" => zfill, "splitlines" => splitlines,
    "translate" => translate, "fromhex" => fromhex, "maketrans" => maketrans,
];

pub static BYTEARRAY_METHODS: &[crate::objects::function::NativeDef] = natives![
    "decode" => decode, "hex" => hex, "startswith" => startswith, "endswith" => endswith,
    "find" => find, "count" => count, "split" => split, "rsplit" => rsplit, "join" => join,
    "strip" => strip,
    "lstrip" => lstrip, "rstrip" => rstrip, "removeprefix" => removeprefix,
    "removesuffix" => removesuffix, "upper" => upper, "lower" => lower, "replace" => replace,
    "rfind" => rfind, "index" => index, "rindex" => rindex, "partition" => partition,
    "rpartition" => rpartition, "isdigit" => isdigit, "isalpha" => isalpha,
    "isalnum" => isalnum, "isspace" => isspace, "isupper" => isupper,
    "islower" => islower, "isascii" => isascii, "capitalize" => capitalize,
    "title" => title, "swapcase" => swapcase, "center" => center, "ljust" => ljust,
    "rjust" => rjust, "zfill" => zfill, "splitlines" => splitlines,
    "translate" => translate, "fromhex" => fromhex_ba, "maketrans" => maketrans,
    "append" => append,
    "extend" => extend, "pop" => pop, "clear" => clear, "insert" => insert,
    "remove" => remove, "reverse" => reverse, "copy" => copy,
];

/// A copy of the bytes of `v` (`MemoryError` when there is no room for it).
fn data(cx: &Cx, v: &Value) -> Result<Vec<u8>, PyErr> {
    Ok(match v {
        Value::Bytes(b) => memory::copy(b)?,
        Value::ByteArray(b) => memory::copy(&b.borrow(cx.gil))?,
        // A `bytes` or `bytearray` subclass's bytes.
        Value::Instance(i) => data(cx, &i.base)?,
        // `memoryview`, `array.array`: their bytes.
        Value::Object(o) => o.0.buffer(cx.gil).unwrap_or_default(),
        _ => Vec::new(),
    })
}

/// Is `v` bytes, a bytearray, or an instance of a subclass of either?
fn is_bytes_like(gil: crate::objects::gil::Gil<'_>, v: &Value) -> bool {
    match v {
        Value::Bytes(_) | Value::ByteArray(_) => true,
        Value::Instance(i) => is_bytes_like(gil, &i.base),
        Value::Object(o) => o.0.buffer(gil).is_some(),
        _ => false,
    }
}

fn bytes_arg(cx: &Cx, v: &Value) -> Result<Vec<u8>, PyErr> {
    match v {
        _ if is_bytes_like(cx.gil, v) => Ok(data(cx, v)?),
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

/// Decode UTF-8 strictly, with CPython's `UnicodeDecodeError` (and pyvm's for the
/// code points it stores lone surrogates as: `objects::str`).
pub fn decode_utf8(b: &[u8]) -> Result<String, PyErr> {
    use crate::objects::str::{has_surrogates, is_surrogate, NOT_REPRESENTABLE};
    let text = String::from_utf8(b.to_vec());
    if let Some(s) = text.as_ref().ok().filter(|s| has_surrogates(s)) {
        let at = s
            .char_indices()
            .find(|(_, c)| is_surrogate(*c))
            .map_or(0, |p| p.0);
        let e =
            crate::objects::unicode_error::decode_error("utf-8", b, at, at + 4, NOT_REPRESENTABLE);
        return Err(e);
    }
    text.map_err(|e| {
        let pos = e.utf8_error().valid_up_to();
        let (end, reason) = match e.utf8_error().error_len() {
            None => (b.len(), "unexpected end of data"),
            Some(n) => (
                pos + n,
                if (0x80..=0xc1).contains(&b[pos]) || b[pos] >= 0xf5 {
                    "invalid start byte"
                } else {
                    "invalid continuation byte"
                },
            ),
        };
        crate::objects::unicode_error::decode_error("utf-8", b, pos, end, reason)
    })
}

fn decode(cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    let enc_kw = args.take_kw("encoding");
    let errors_kw = args.take_kw("errors");
    args.check_method_kw("decode", 0, 2)?;
    // UTF-8 text that decodes without an error: no handler is looked up (CPython
    // looks one up only on an error), so the text is the answer whatever `errors`
    // names, with no copy of the bytes and no codec lookup.
    if let Value::Bytes(raw) = args.at(0) {
        let utf8 = match args.get(1).or(enc_kw.as_ref()) {
            None => true,
            Some(Value::Str(e)) => ["utf-8", "utf8", "utf_8"]
                .iter()
                .any(|n| e.as_str().eq_ignore_ascii_case(n)),
            Some(_) => false,
        };
        let errors_ok = matches!(
            args.get(2).or(errors_kw.as_ref()),
            None | Some(Value::Str(_))
        );
        if utf8 && errors_ok {
            if let Ok(text) = std::str::from_utf8(raw) {
                if !crate::objects::str::has_surrogates(text) {
                    return Ok(Value::str(text));
                }
            }
        }
    }
    let b = data(cx, args.at(0))?;
    let enc = match args.get(1).or(enc_kw.as_ref()) {
        Some(v) => Some(arg_str(v, "decode", "'encoding'")?.to_owned()),
        None => None,
    };
    let errors = match args.get(2).or(errors_kw.as_ref()) {
        Some(v) => Some(arg_str(v, "decode", "'errors'")?.to_owned()),
        None => None,
    };
    Ok(Value::string(crate::native::decode_bytes(
        cx,
        &b,
        enc.as_deref(),
        errors.as_deref(),
    )?))
}

fn hex(cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    let sep = args.take_kw("sep");
    let per = args.take_kw("bytes_per_sep");
    args.check_method("hex", 0, 2)?;
    let sep = sep.or_else(|| args.get(1).cloned());
    let per = per.or_else(|| args.get(2).cloned());
    let b = data(cx, args.at(0))?;
    Ok(Value::string(strhex(&b, sep.as_ref(), per.as_ref())?))
}

/// Two hex digits a byte, with `sep` between groups of `bytes_per_sep` bytes counted
/// from the right (from the left when negative): CPython's `_Py_strhex_with_sep`,
/// shared by `bytes.hex`, `bytearray.hex`, `memoryview.hex` and `binascii.hexlify`.
pub fn strhex(data: &[u8], sep: Option<&Value>, per: Option<&Value>) -> Result<String, PyErr> {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digits = |b: &[u8], out: &mut Vec<u8>| {
        out.extend(
            b.iter()
                .flat_map(|&c| [HEX[usize::from(c >> 4)], HEX[usize::from(c & 15)]]),
        );
    };
    let sep = match sep {
        None | Some(Value::None) => None,
        Some(Value::Str(s)) if s.as_str().chars().count() == 1 => {
            let c = s.as_str().chars().next().unwrap_or(':');
            if !c.is_ascii() {
                return Err(value_error("sep must be ASCII."));
            }
            Some(c)
        }
        Some(Value::Bytes(b)) if b.len() == 1 => {
            if !b[0].is_ascii() {
                return Err(value_error("sep must be ASCII."));
            }
            Some(char::from(b[0]))
        }
        Some(Value::Str(_) | Value::Bytes(_)) => {
            return Err(value_error("sep must be length 1."));
        }
        // CPython asks for the length first.
        Some(v) => {
            let len = match v {
                Value::ByteArray(b) => crate::objects::gil::with_gil(|gil| b.borrow(gil).len()),
                Value::Tuple(t) => t.len(),
                Value::List(l) => crate::objects::gil::with_gil(|gil| l.borrow(gil).len()),
                _ => {
                    return Err(type_error(format!(
                        "object of type '{}' has no len()",
                        type_name(v)
                    )));
                }
            };
            return Err(match len {
                1 => type_error("sep must be str or bytes."),
                _ => value_error("sep must be length 1."),
            });
        }
    };
    let per = match per {
        Some(p) => arg_int(p, "")?,
        None => 1,
    };
    let len = data.len();
    let n = per.unsigned_abs().min(len.max(1) as u64) as usize;
    let groups = match sep {
        Some(_) if n > 0 && len > 0 => (len - 1) / n,
        _ => 0,
    };
    // Only ASCII goes in (the digits and an ASCII `sep`), so the bytes are a `str`.
    let text = |out: Vec<u8>| String::from_utf8(out).unwrap_or_default();
    let mut out = memory::vec_with(len.saturating_mul(2).saturating_add(groups))?;
    let Some(sep) = sep.filter(|_| groups > 0) else {
        digits(data, &mut out);
        return Ok(text(out));
    };
    // Positive: the short group, if any, comes first; negative: last.
    let first = if per > 0 && !len.is_multiple_of(n) {
        len % n
    } else {
        n
    };
    let mut i = 0;
    let mut take = first.min(len);
    while i < len {
        if i > 0 {
            out.push(sep as u8);
        }
        digits(&data[i..i + take], &mut out);
        i += take;
        take = n.min(len - i);
    }
    Ok(text(out))
}

fn startswith(cx: &mut Cx, args: Args) -> PyResult<Value> {
    affix(cx, args, "startswith", true)
}

fn endswith(cx: &mut Cx, args: Args) -> PyResult<Value> {
    affix(cx, args, "endswith", false)
}

/// `[start:end]` of a sequence of length `n`, clamped as slice bounds are; `None`
/// when `start` is past the end (nothing is found there, not even b"").
fn window(
    n: usize,
    start: Option<&Value>,
    end: Option<&Value>,
) -> Result<Option<(usize, usize)>, PyErr> {
    let n = n as i64;
    let norm = |v: Option<&Value>, default: i64| -> Result<i64, PyErr> {
        match v {
            None | Some(Value::None) => Ok(default),
            Some(v) => {
                let i = arg_int(
                    v,
                    "slice indices must be integers or None or have an __index__ method; ",
                )?;
                Ok(if i < 0 { (i + n).max(0) } else { i.min(n) })
            }
        }
    };
    if let Some(v) = start.filter(|v| !matches!(v, Value::None)) {
        if arg_int(v, "")? > n {
            return Ok(None);
        }
    }
    let (a, b) = (norm(start, 0)?, norm(end, n)?);
    Ok((a <= b).then_some((a as usize, b as usize)))
}

fn affix(cx: &mut Cx, args: Args, name: &str, start: bool) -> PyResult<Value> {
    args.check_method(name, 1, 3)?;
    let b = data(cx, args.at(0))?;
    let Some((lo, hi)) = window(b.len(), args.get(2), args.get(3))? else {
        return Ok(Value::bool(false));
    };
    let hay = &b[lo..hi];
    let test = |p: &[u8]| {
        if start {
            hay.starts_with(p)
        } else {
            hay.ends_with(p)
        }
    };
    match args.at(1) {
        Value::Bytes(_) | Value::ByteArray(_) | Value::Object(_)
            if is_bytes_like(cx.gil, args.at(1)) =>
        {
            Ok(Value::bool(test(&data(cx, args.at(1))?)))
        }
        Value::Tuple(t) => {
            for p in t.iter() {
                match p {
                    Value::Bytes(_) | Value::ByteArray(_) | Value::Object(_)
                        if is_bytes_like(cx.gil, p) =>
                    {
                        if test(&data(cx, p)?) {
                            return Ok(Value::bool(true));
                        }
                    }
                    _ => {
                        return Err(type_error(format!(
                            "a bytes-like object is required, not '{}'",
                            type_name(p)
                        ))
                        .into())
                    }
                }
            }
            Ok(Value::bool(false))
        }
        v => Err(type_error(format!(
            "{name} first arg must be bytes or a tuple of bytes, not {}",
            type_name(v)
        ))
        .into()),
    }
}

fn find_sub(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

fn rfind_sub(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(hay.len());
    }
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// The needle of `find`, `index`, `count`: bytes, or one byte as an int.
fn needle(cx: &Cx, v: &Value) -> Result<Vec<u8>, PyErr> {
    match v {
        Value::Int(_) | Value::Bool(_) => Ok(vec![byte(v)?]),
        _ if is_bytes_like(cx.gil, v) => Ok(data(cx, v)?),
        _ => Err(type_error(format!(
            "argument should be integer or bytes-like object, not '{}'",
            type_name(v)
        ))),
    }
}

fn find_impl(cx: &mut Cx, args: &Args, name: &str, right: bool) -> Result<Option<usize>, PyErr> {
    args.check_method(name, 1, 3)?;
    let hay = data(cx, args.at(0))?;
    let sub = needle(cx, args.at(1))?;
    let Some((lo, hi)) = window(hay.len(), args.get(2), args.get(3))? else {
        return Ok(None);
    };
    let hay = &hay[lo..hi];
    let at = if right {
        rfind_sub(hay, &sub)
    } else {
        find_sub(hay, &sub)
    };
    Ok(at.map(|i| i + lo))
}

fn find(cx: &mut Cx, args: Args) -> PyResult<Value> {
    Ok(Value::Int(
        find_impl(cx, &args, "find", false)?.map_or(-1, |i| i as i64),
    ))
}

fn rfind(cx: &mut Cx, args: Args) -> PyResult<Value> {
    Ok(Value::Int(
        find_impl(cx, &args, "rfind", true)?.map_or(-1, |i| i as i64),
    ))
}

fn index(cx: &mut Cx, args: Args) -> PyResult<Value> {
    match find_impl(cx, &args, "index", false)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => Err(value_error("subsection not found").into()),
    }
}

fn rindex(cx: &mut Cx, args: Args) -> PyResult<Value> {
    match find_impl(cx, &args, "rindex", true)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => Err(value_error("subsection not found").into()),
    }
}

fn count(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("count", 1, 3)?;
    let hay = data(cx, args.at(0))?;
    let sub = needle(cx, args.at(1))?;
    let Some((lo, hi)) = window(hay.len(), args.get(2), args.get(3))? else {
        return Ok(Value::Int(0));
    };
    let hay = &hay[lo..hi];
    if sub.is_empty() {
        return Ok(Value::Int(hay.len() as i64 + 1));
    }
    let (mut n, mut i) = (0, 0);
    while let Some(j) = find_sub(&hay[i..], &sub) {
        n += 1;
        i += j + sub.len();
    }
    Ok(Value::Int(n))
}

fn partition_impl(cx: &mut Cx, args: Args, name: &str, right: bool) -> PyResult<Value> {
    args.check_method(name, 1, 1)?;
    let b = data(cx, args.at(0))?;
    let sep = bytes_arg(cx, args.at(1))?;
    if sep.is_empty() {
        return Err(value_error("empty separator").into());
    }
    let at = if right {
        rfind_sub(&b, &sep)
    } else {
        find_sub(&b, &sep)
    };
    let like = args.at(0);
    let parts = match at {
        Some(i) => [b[..i].to_vec(), sep.clone(), b[i + sep.len()..].to_vec()],
        None if right => [Vec::new(), Vec::new(), b],
        None => [b, Vec::new(), Vec::new()],
    };
    Ok(Value::tuple(
        parts.into_iter().map(|p| same(like, p)).collect(),
    ))
}

fn partition(cx: &mut Cx, args: Args) -> PyResult<Value> {
    partition_impl(cx, args, "partition", false)
}

fn rpartition(cx: &mut Cx, args: Args) -> PyResult<Value> {
    partition_impl(cx, args, "rpartition", true)
}

/// `isdigit` and friends: true when not empty and every byte passes `test`.
fn predicate(cx: &mut Cx, args: &Args, name: &str, test: fn(&u8) -> bool) -> PyResult<Value> {
    args.check_method(name, 0, 0)?;
    let b = data(cx, args.at(0))?;
    Ok(Value::bool(!b.is_empty() && b.iter().all(test)))
}

fn isdigit(cx: &mut Cx, args: Args) -> PyResult<Value> {
    predicate(cx, &args, "isdigit", u8::is_ascii_digit)
}

fn isalpha(cx: &mut Cx, args: Args) -> PyResult<Value> {
    predicate(cx, &args, "isalpha", u8::is_ascii_alphabetic)
}

fn isalnum(cx: &mut Cx, args: Args) -> PyResult<Value> {
    predicate(cx, &args, "isalnum", u8::is_ascii_alphanumeric)
}

fn isspace(cx: &mut Cx, args: Args) -> PyResult<Value> {
    predicate(cx, &args, "isspace", |c| is_space(*c))
}

fn isascii(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("isascii", 0, 0)?;
    Ok(Value::bool(data(cx, args.at(0))?.is_ascii()))
}

/// `isupper` / `islower`: some cased byte, and none of the other case.
fn case_test(cx: &mut Cx, args: &Args, name: &str, upper: bool) -> PyResult<Value> {
    args.check_method(name, 0, 0)?;
    let b = data(cx, args.at(0))?;
    let (mut cased, mut wrong) = (false, false);
    for c in &b {
        if c.is_ascii_uppercase() {
            cased = true;
            wrong |= !upper;
        } else if c.is_ascii_lowercase() {
            cased = true;
            wrong |= upper;
        }
    }
    Ok(Value::bool(cased && !wrong))
}

fn isupper(cx: &mut Cx, args: Args) -> PyResult<Value> {
    case_test(cx, &args, "isupper", true)
}

fn islower(cx: &mut Cx, args: Args) -> PyResult<Value> {
    case_test(cx, &args, "islower", false)
}

fn capitalize(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("capitalize", 0, 0)?;
    let mut b = data(cx, args.at(0))?;
    b.make_ascii_lowercase();
    if let Some(c) = b.first_mut() {
        c.make_ascii_uppercase();
    }
    Ok(same(args.at(0), b))
}

fn title(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("title", 0, 0)?;
    let mut b = data(cx, args.at(0))?;
    let mut prev_cased = false;
    for c in b.iter_mut() {
        if c.is_ascii_alphabetic() {
            if prev_cased {
                c.make_ascii_lowercase();
            } else {
                c.make_ascii_uppercase();
            }
            prev_cased = true;
        } else {
            prev_cased = false;
        }
    }
    Ok(same(args.at(0), b))
}

fn swapcase(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("swapcase", 0, 0)?;
    let b: Vec<u8> = data(cx, args.at(0))?
        .iter()
        .map(|c| {
            if c.is_ascii_uppercase() {
                c.to_ascii_lowercase()
            } else {
                c.to_ascii_uppercase()
            }
        })
        .collect();
    Ok(same(args.at(0), b))
}

/// `center`, `ljust`, `rjust`: padded to `width` with one fill byte.
fn justify(cx: &mut Cx, args: Args, name: &str) -> PyResult<Value> {
    args.check_method(name, 1, 2)?;
    let b = data(cx, args.at(0))?;
    let width = arg_int(args.at(1), "")?;
    let fill = match args.get(2) {
        None => b' ',
        Some(v @ (Value::Bytes(_) | Value::ByteArray(_))) if data(cx, v)?.len() == 1 => {
            data(cx, v)?[0]
        }
        Some(v) => {
            return Err(type_error(format!(
                "{name}() argument 2 must be a byte string of length 1, not {}",
                type_name(v)
            ))
            .into())
        }
    };
    let n = b.len() as i64;
    if width <= n {
        return Ok(same(args.at(0), b));
    }
    check_size(width)?;
    let pad = (width - n) as usize;
    let left = match name {
        "ljust" => 0,
        "rjust" => pad,
        // CPython's centering: the odd byte goes left when the width is odd.
        _ => pad / 2 + (pad & width as usize & 1),
    };
    let mut out = vec![fill; left];
    out.extend_from_slice(&b);
    out.extend(std::iter::repeat_n(fill, pad - left));
    Ok(same(args.at(0), out))
}

fn center(cx: &mut Cx, args: Args) -> PyResult<Value> {
    justify(cx, args, "center")
}

fn ljust(cx: &mut Cx, args: Args) -> PyResult<Value> {
    justify(cx, args, "ljust")
}

fn rjust(cx: &mut Cx, args: Args) -> PyResult<Value> {
    justify(cx, args, "rjust")
}

fn zfill(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("zfill", 1, 1)?;
    let b = data(cx, args.at(0))?;
    let width = arg_int(args.at(1), "")?;
    if width <= b.len() as i64 {
        return Ok(same(args.at(0), b));
    }
    check_size(width)?;
    let pad = width as usize - b.len();
    let sign = matches!(b.first(), Some(b'+' | b'-')) as usize;
    let mut out = b[..sign].to_vec();
    out.extend(std::iter::repeat_n(b'0', pad));
    out.extend_from_slice(&b[sign..]);
    Ok(same(args.at(0), out))
}

fn splitlines(cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    let keep_kw = args.take_kw("keepends");
    args.check_method_kw("splitlines", 0, 1)?;
    let keep = match args.get(1).or(keep_kw.as_ref()) {
        Some(v) => crate::objects::value::truthy(cx.gil, v),
        None => false,
    };
    let b = data(cx, args.at(0))?;
    let mut out = Vec::new();
    let (mut start, mut i) = (0, 0);
    while i < b.len() {
        let nl = match b[i] {
            b'\n' => 1,
            b'\r' if b.get(i + 1) == Some(&b'\n') => 2,
            b'\r' => 1,
            _ => {
                i += 1;
                continue;
            }
        };
        let end = if keep { i + nl } else { i };
        out.push(same(args.at(0), b[start..end].to_vec()));
        i += nl;
        start = i;
    }
    if start < b.len() {
        out.push(same(args.at(0), b[start..].to_vec()));
    }
    Ok(Value::list(out))
}

fn translate(cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    let delete_kw = args.take_kw("delete");
    args.check_method_kw("translate", 1, 2)?;
    let b = data(cx, args.at(0))?;
    let table = match args.at(1) {
        Value::None => None,
        v => {
            let t = bytes_arg(cx, v)?;
            if t.len() != 256 {
                return Err(value_error("translation table must be 256 characters long").into());
            }
            Some(t)
        }
    };
    let delete = match args.get(2).or(delete_kw.as_ref()) {
        Some(v) => bytes_arg(cx, v)?,
        None => Vec::new(),
    };
    let mut out = memory::vec_with(b.len())?;
    out.extend(
        b.iter()
            .filter(|c| !delete.contains(c))
            .map(|c| table.as_ref().map_or(*c, |t| t[*c as usize])),
    );
    Ok(same(args.at(0), out))
}

/// `bytes.maketrans(from, to)` (called on the type: no `self`).
fn maketrans(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("maketrans", 2, 2)?;
    let (from, to) = (bytes_arg(cx, args.at(0))?, bytes_arg(cx, args.at(1))?);
    if from.len() != to.len() {
        return Err(value_error("maketrans arguments must have same length").into());
    }
    let mut table: Vec<u8> = (0..=255).collect();
    for (f, t) in from.iter().zip(&to) {
        table[*f as usize] = *t;
    }
    Ok(Value::Bytes(Arc::new(table)))
}

/// `bytes.fromhex(s)` / `bytearray.fromhex(s)` (called on the type: no `self`).
fn fromhex(cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    let bytes_t = crate::objects::types::types().bytes.clone();
    let cls = super::class_arg(&mut args, &bytes_t);
    let v = parse_hex(&args)?;
    super::for_subclass(cx, cls, &bytes_t, v)
}

/// `fromhex`'s argument as bytes.
fn parse_hex(args: &Args) -> PyResult<Value> {
    args.check("fromhex", 1, 1)?;
    let s = arg_str(args.at(0), "fromhex", "").map_err(|_| {
        type_error(format!(
            "fromhex() argument must be str, not {}",
            type_name(args.at(0))
        ))
    })?;
    let mut out = memory::vec_with(s.len() / 2)?;
    let mut chars = s.chars().enumerate();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        let hi = c.to_digit(16);
        let lo = chars.next().and_then(|(_, c)| c.to_digit(16));
        match (hi, lo) {
            (Some(h), Some(l)) => out.push((h * 16 + l) as u8),
            (None, _) => {
                return Err(value_error(format!(
                    "non-hexadecimal number found in fromhex() arg at position {i}"
                ))
                .into())
            }
            (Some(_), None) => {
                return Err(value_error(format!(
                    "non-hexadecimal number found in fromhex() arg at position {}",
                    i + 1
                ))
                .into())
            }
        }
    }
    Ok(Value::Bytes(Arc::new(out)))
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
    let b = data(cx, args.at(0))?;
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
            split_sep(&b, &sep, limit, right)?
        }
    };
    Ok(Value::list(memory::collect(
        parts.into_iter().map(|p| same(args.at(0), p.to_vec())),
    )?))
}

fn split_sep<'b>(b: &'b [u8], sep: &[u8], limit: usize, right: bool) -> PyResult<Vec<&'b [u8]>> {
    let mut out = Vec::new();
    let mut rest = b;
    while out.len() < limit {
        let at = match right {
            false => find_sub(rest, sep),
            true => rest.windows(sep.len()).rposition(|w| w == sep),
        };
        let Some(i) = at else { break };
        if right {
            memory::push(&mut out, &rest[i + sep.len()..])?;
            rest = &rest[..i];
        } else {
            memory::push(&mut out, &rest[..i])?;
            rest = &rest[i + sep.len()..];
        }
    }
    memory::push(&mut out, rest)?;
    if right {
        out.reverse();
    }
    Ok(out)
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
    let sep = data(cx, args.at(0))?;
    let mut out = Vec::new();
    for (i, item) in cx.collect(args.at(1))?.iter().enumerate() {
        let piece = bytes_arg(cx, item).map_err(|_| {
            type_error(format!(
                "sequence item {i}: expected a bytes-like object, {} found",
                type_name(item)
            ))
        })?;
        crate::objects::memory::grow(&mut out, sep.len() + piece.len())?;
        if i > 0 {
            out.extend_from_slice(&sep);
        }
        out.extend(piece);
    }
    Ok(same(args.at(0), out))
}

/// `strip`, `lstrip`, `rstrip`: the bytes in the argument (ASCII whitespace for
/// none or `None`) removed from the chosen ends.
fn strip_impl(cx: &mut Cx, args: Args, name: &str, left: bool, right: bool) -> PyResult<Value> {
    args.check_method(name, 0, 1)?;
    let b = data(cx, args.at(0))?;
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
    // Nothing stripped from a `bytes`: the object itself, as CPython returns it.
    if let Value::Bytes(_) = args.at(0) {
        if start == 0 && end == b.len() {
            return Ok(args.at(0).clone());
        }
    }
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
    let b = data(cx, args.at(0))?;
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
    let mut b = data(cx, args.at(0))?;
    b.make_ascii_uppercase();
    Ok(same(args.at(0), b))
}

fn lower(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let mut b = data(cx, args.at(0))?;
    b.make_ascii_lowercase();
    Ok(same(args.at(0), b))
}

fn replace(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("replace", 2, 3)?;
    let b = data(cx, args.at(0))?;
    let (old, new) = (bytes_arg(cx, args.at(1))?, bytes_arg(cx, args.at(2))?);
    // CPython: a negative count (the default, -1) replaces every occurrence.
    let mut count = match args.get(3) {
        Some(v) => arg_int(v, "")?,
        None => -1,
    };
    if count < 0 {
        count = i64::MAX;
    }
    let size = check_replace(b.len(), old.len(), new.len(), || {
        if old.is_empty() {
            return (b.len() + 1).min(count as usize);
        }
        let (mut hits, mut rest) = (0, &b[..]);
        while let Some(i) = find_sub(rest, &old).filter(|_| hits < count as usize) {
            hits += 1;
            rest = &rest[i + old.len()..];
        }
        hits
    })?;
    let mut out = memory::vec_with(size)?;
    if old.is_empty() {
        // An empty pattern matches before every byte and at the end.
        let mut done = 0i64;
        for (i, c) in b.iter().enumerate() {
            if done < count {
                out.extend_from_slice(&new);
                done += 1;
            } else {
                out.extend_from_slice(&b[i..]);
                return Ok(same(args.at(0), out));
            }
            out.push(*c);
        }
        if done < count {
            out.extend_from_slice(&new);
        }
        return Ok(same(args.at(0), out));
    }
    let mut rest = &b[..];
    while count > 0 {
        let Some(i) = find_sub(rest, &old) else { break };
        out.extend_from_slice(&rest[..i]);
        out.extend_from_slice(&new);
        rest = &rest[i + old.len()..];
        count -= 1;
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
    crate::objects::buffer::check_bytearray(cell(args.at(0)))?;
    cell(args.at(0)).borrow_mut(cx.gil).push(b);
    Ok(Value::None)
}

fn extend(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("extend", 1, 1)?;
    let arg = args.at(1);
    // As CPython: an object with the buffer protocol (bytes, bytearray, memoryview,
    // array.array) adds its raw bytes; any other iterable, its items as ints.
    let new = if is_bytes_like(cx.gil, arg) {
        data(cx, arg)?
    } else {
        let it = match cx.iter(arg) {
            Err(deferred::Unwind::Raise(e))
                if e.is_instance(&crate::objects::types::types().exc.type_error) =>
            {
                return Err(
                    type_error(format!("can't extend bytearray with {}", type_name(arg))).into(),
                )
            }
            r => r?,
        };
        let mut new = Vec::new();
        while let Some(v) = cx.next(&it)? {
            crate::objects::memory::push(&mut new, byte(&v)?)?;
        }
        new
    };
    if !new.is_empty() {
        crate::objects::buffer::check_bytearray(cell(args.at(0)))?;
    }
    crate::objects::memory::extend(&mut cell(args.at(0)).borrow_mut(cx.gil), new)?;
    Ok(Value::None)
}

fn pop(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("pop", 0, 1)?;
    crate::objects::buffer::check_bytearray(cell(args.at(0)))?;
    let mut v = cell(args.at(0)).borrow_mut(cx.gil);
    if v.is_empty() {
        return Err(index_error("pop from empty bytearray").into());
    }
    let n = v.len() as i64;
    let i = match args.get(1) {
        Some(i) => arg_int(i, "")?,
        None => -1,
    };
    let at = if i < 0 { i + n } else { i };
    if !(0..n).contains(&at) {
        return Err(index_error("pop index out of range").into());
    }
    Ok(Value::Int(v.remove(at as usize) as i64))
}

fn clear(cx: &mut Cx, args: Args) -> PyResult<Value> {
    crate::objects::buffer::check_bytearray(cell(args.at(0)))?;
    cell(args.at(0)).borrow_mut(cx.gil).clear();
    Ok(Value::None)
}

fn fromhex_ba(cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    let ba_t = crate::objects::types::types().bytearray.clone();
    let cls = super::class_arg(&mut args, &ba_t);
    let v = parse_hex(&args)?;
    let b = data(cx, &v)?;
    super::for_subclass(cx, cls, &ba_t, Value::ByteArray(Arc::new(GilCell::new(b))))
}

fn insert(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("insert", 2, 2)?;
    let i = arg_int(args.at(1), "")?;
    let b = byte(args.at(2))?;
    crate::objects::buffer::check_bytearray(cell(args.at(0)))?;
    let mut v = cell(args.at(0)).borrow_mut(cx.gil);
    let n = v.len() as i64;
    let at = if i < 0 { (i + n).max(0) } else { i.min(n) };
    v.insert(at as usize, b);
    Ok(Value::None)
}

fn remove(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("remove", 1, 1)?;
    let b = byte(args.at(1))?;
    crate::objects::buffer::check_bytearray(cell(args.at(0)))?;
    let mut v = cell(args.at(0)).borrow_mut(cx.gil);
    match v.iter().position(|c| *c == b) {
        Some(i) => {
            v.remove(i);
            Ok(Value::None)
        }
        None => Err(value_error("value not found in bytearray").into()),
    }
}

fn reverse(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("reverse", 0, 0)?;
    cell(args.at(0)).borrow_mut(cx.gil).reverse();
    Ok(Value::None)
}

fn copy(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("copy", 0, 0)?;
    Ok(same(args.at(0), data(cx, args.at(0))?))
}
