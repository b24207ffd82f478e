//! Error handlers: the registry (`register_error` / `lookup_error`), the built-in
//! handlers as callables (`codecs.strict_errors`, ...), and the two loops every codec
//! runs its failures through: [`encode_chars`] (a codec that encodes character by
//! character) and [`Decoding::fail`] (a decoder met bad input).
//!
//! The built-in names are handled in place, as CPython's fast paths do; any other
//! name is looked up in the registry at the first failure and called with the
//! `UnicodeEncodeError` / `UnicodeDecodeError`, returning `(replacement, position)`.
//!
//! Lone surrogates are stored in a `str` as U+10F000..U+10F7FF (`objects::str`): every code
//! point written or read here goes through `code_point` / `from_code_point`.

use crate::objects::rc::Arc;

use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::str::{code_point, from_code_point, is_surrogate, PyStr};
use crate::objects::types::type_name;
use crate::objects::unicode_error;

pub(super) static HANDLERS: &[NativeDef] = crate::objects::methods::natives![
    "strict_errors" => strict_errors, "ignore_errors" => ignore_errors,
    "replace_errors" => replace_errors, "backslashreplace_errors" => backslashreplace_errors,
    "xmlcharrefreplace_errors" => xmlcharrefreplace_errors,
    "namereplace_errors" => namereplace_errors,
    "surrogateescape_errors" => surrogateescape_errors,
    "surrogatepass_errors" => surrogatepass_errors,
];

/// The built-in handler names, and the callable `lookup_error` returns for each.
pub(super) const BUILTIN: &[(&str, usize)] = &[
    ("strict", 0),
    ("ignore", 1),
    ("replace", 2),
    ("backslashreplace", 3),
    ("xmlcharrefreplace", 4),
    ("namereplace", 5),
    ("surrogateescape", 6),
    ("surrogatepass", 7),
];

#[derive(Clone)]
pub(super) enum Handler {
    Strict,
    Ignore,
    Replace,
    Backslash,
    XmlCharRef,
    NameReplace,
    SurrogateEscape,
    SurrogatePass,
    Custom(Value),
}

/// How a codec writes code units, for `surrogatepass` (which writes a surrogate as
/// a UTF codec would any other code point) and for the UTF-16/32 encoders, whose
/// failures are one character each.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Form {
    Utf8,
    /// UTF-16, big-endian or not.
    Utf16(bool),
    /// UTF-32, big-endian or not.
    Utf32(bool),
    Other,
}

/// The form of an encoding name (CPython's `get_standard_encoding`; a UTF-16/32
/// name without a byte order is little-endian, the native order here).
pub(super) fn form(encoding: &str) -> Form {
    let e = encoding.to_ascii_lowercase().replace('_', "-");
    let (base, big) = match e.strip_suffix("-be").or_else(|| e.strip_suffix("be")) {
        Some(b) => (b, true),
        None => (
            e.strip_suffix("-le")
                .or_else(|| e.strip_suffix("le"))
                .unwrap_or(&e),
            false,
        ),
    };
    match base {
        "utf-8" | "utf8" if base == e => Form::Utf8,
        "utf-16" | "utf16" => Form::Utf16(big),
        "utf-32" | "utf32" => Form::Utf32(big),
        _ => Form::Other,
    }
}

impl Form {
    /// Appends code point `u` in this form (false for a codec that is not UTF).
    fn put(self, u: u32, out: &mut Vec<u8>) -> bool {
        match self {
            Form::Utf8 => out.extend_from_slice(&[
                0xe0 | (u >> 12) as u8,
                0x80 | ((u >> 6) & 0x3f) as u8,
                0x80 | (u & 0x3f) as u8,
            ]),
            Form::Utf16(big) => out.extend_from_slice(&if big {
                (u as u16).to_be_bytes()
            } else {
                (u as u16).to_le_bytes()
            }),
            Form::Utf32(big) => out.extend_from_slice(&if big {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            }),
            Form::Other => return false,
        }
        true
    }

    /// The surrogate this form encodes at the start of `b`, and its length in bytes.
    fn take(self, b: &[u8]) -> Option<(char, usize)> {
        let at = |i: usize| b.get(i).map(|&x| x as u32);
        let (u, n) = match self {
            Form::Utf8 => {
                let (x, y, z) = (at(0)?, at(1)?, at(2)?);
                if x & 0xf0 != 0xe0 || y & 0xc0 != 0x80 || z & 0xc0 != 0x80 {
                    return None;
                }
                (((x & 0x0f) << 12) | ((y & 0x3f) << 6) | (z & 0x3f), 3)
            }
            Form::Utf16(big) => {
                let (x, y) = (at(0)?, at(1)?);
                (if big { x << 8 | y } else { y << 8 | x }, 2)
            }
            Form::Utf32(big) => {
                let x = [at(0)?, at(1)?, at(2)?, at(3)?];
                let v = if big { x } else { [x[3], x[2], x[1], x[0]] };
                (v.iter().fold(0, |acc, d| acc << 8 | d), 4)
            }
            Form::Other => return None,
        };
        if !(0xd800..0xe000).contains(&u) {
            return None;
        }
        Some((from_code_point(u)?, n))
    }
}

/// `surrogateescape` encoding: the bytes of the leading characters that are escaped
/// bytes (U+DC80..U+DCFF), and how many characters that was.
fn unescape_chars(chars: &[char]) -> (Vec<u8>, usize) {
    let bytes: Vec<u8> = chars
        .iter()
        .map(|&c| code_point(c))
        .take_while(|u| (0xdc80..=0xdcff).contains(u))
        .map(|u| (u - 0xdc00) as u8)
        .collect();
    let n = bytes.len();
    (bytes, n)
}

/// `surrogateescape` decoding: the leading bytes of `b` that are not ASCII, each as
/// U+DC80..U+DCFF; returns how many.
fn escape_bytes(b: &[u8], out: &mut String) -> usize {
    let n = b.iter().take_while(|&&x| x >= 128).count();
    out.extend(
        b[..n]
            .iter()
            .filter_map(|&x| from_code_point(0xdc00 + x as u32)),
    );
    n
}

/// `surrogatepass` encoding: the leading characters that are surrogates, written in
/// `form`; returns how many.
fn pass_chars(form: Form, chars: &[char], out: &mut Vec<u8>) -> usize {
    chars
        .iter()
        .take_while(|&&c| is_surrogate(c) && form.put(code_point(c), out))
        .count()
}

/// The handler `errors` names (`None` and `"strict"` are strict).
pub(super) fn resolve(cx: &mut Cx, errors: &str) -> PyResult<Handler> {
    Ok(match errors {
        "strict" => Handler::Strict,
        "surrogateescape" => Handler::SurrogateEscape,
        "surrogatepass" => Handler::SurrogatePass,
        "ignore" => Handler::Ignore,
        "replace" => Handler::Replace,
        "backslashreplace" => Handler::Backslash,
        "xmlcharrefreplace" => Handler::XmlCharRef,
        "namereplace" => Handler::NameReplace,
        other => Handler::Custom(super::lookup_error_value(cx, other)?),
    })
}

/// `\xe9`, `\u20ac`, `\U0001f600`.
pub(super) fn escape(out: &mut String, c: char) {
    let n = code_point(c);
    if n <= 0xff {
        out.push_str(&format!("\\x{n:02x}"));
    } else if n <= 0xffff {
        out.push_str(&format!("\\u{n:04x}"));
    } else {
        out.push_str(&format!("\\U{n:08x}"));
    }
}

/// `\N{NAME}` (`unicode_names2`'s names), or the `backslashreplace` escape for a
/// character without a name, as CPython's `namereplace` writes it.
fn name_escape(out: &mut String, c: char) {
    match unicode_names2::name(c) {
        Some(n) => out.push_str(&format!("\\N{{{n}}}")),
        None => escape(out, c),
    }
}

/// A handler's `(replacement, position)`, the position made absolute and checked.
fn handler_result(cx: &mut Cx, r: Value, len: usize, decoding: bool) -> PyResult<(Value, usize)> {
    let bad = || {
        type_error(if decoding {
            "decoding error handler must return (str, int) tuple"
        } else {
            "encoding error handler must return (str/bytes, int) tuple"
        })
    };
    let Value::Tuple(t) = &r else {
        return Err(bad().into());
    };
    if t.len() != 2 {
        return Err(bad().into());
    }
    let rep = t[0].clone();
    let ok = match &rep {
        Value::Str(_) => true,
        Value::Bytes(_) => !decoding,
        _ => false,
    };
    if !ok {
        return Err(bad().into());
    }
    let pos = match &t[1] {
        Value::Int(i) => *i,
        Value::Bool(b) => b.get() as i64,
        _ => return Err(bad().into()),
    };
    let _ = cx;
    let abs = if pos < 0 { pos + len as i64 } else { pos };
    if abs < 0 || abs > len as i64 {
        return Err(index_error(format!("position {pos} from error handler out of bounds")).into());
    }
    Ok((rep, abs as usize))
}

/// Appends a character's encoding and returns true, or returns false when the
/// codec cannot encode it.
pub(super) type CharEncoder<'e> = dyn FnMut(&mut Cx, char, &mut Vec<u8>) -> PyResult<bool> + 'e;

/// Encoding character by character: `enc(cx, c, out)` appends `c`'s encoding and
/// returns true, or returns false when the codec cannot encode `c`. A run of
/// characters that cannot be encoded goes to the `errors` handler as one failure
/// (`reason` names why, as CPython's messages do) — one character at a time for
/// UTF-16 and UTF-32, as CPython's encoders of those do.
pub(super) fn encode_chars(
    cx: &mut Cx,
    text: &Arc<PyStr>,
    encoding: &str,
    reason: &str,
    errors: &str,
    enc: &mut CharEncoder<'_>,
) -> PyResult<Vec<u8>> {
    let s = text.as_str();
    let mut out = crate::objects::memory::vec_with(s.len())?;
    let mut chars = crate::objects::memory::vec_with(text.char_len())?;
    chars.extend(s.chars());
    let mut handler: Option<Handler> = None;
    let mut scratch = Vec::new();
    let form = form(encoding);
    let single = matches!(form, Form::Utf16(_) | Form::Utf32(_));
    let mut i = 0;
    while i < chars.len() {
        if enc(cx, chars[i], &mut out)? {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < chars.len() && !single {
            scratch.clear();
            if enc(cx, chars[end], &mut scratch)? {
                break;
            }
            end += 1;
        }
        let fail = |i: usize| {
            unicode_error::encode_error(encoding, Value::Str(text.clone()), i, end, reason)
        };
        if handler.is_none() {
            handler = Some(resolve(cx, errors)?);
        }
        let mut ascii = |cx: &mut Cx, text: &str, out: &mut Vec<u8>| -> PyResult<bool> {
            for c in text.chars() {
                if !enc(cx, c, out)? {
                    return Ok(false);
                }
            }
            Ok(true)
        };
        match handler.as_ref().unwrap_or(&Handler::Strict) {
            Handler::Strict => return Err(fail(i).into()),
            Handler::Ignore => {}
            // A run of escaped bytes is written back; the first other character fails.
            Handler::SurrogateEscape => {
                let (bytes, n) = unescape_chars(&chars[i..end]);
                if single || n < end - i {
                    return Err(fail(if single { i } else { i + n }).into());
                }
                out.extend_from_slice(&bytes);
            }
            Handler::SurrogatePass => {
                let n = pass_chars(form, &chars[i..end], &mut out);
                if n < end - i {
                    return Err(fail(if form == Form::Other { i } else { i + n }).into());
                }
            }
            Handler::Replace => {
                if !ascii(cx, &"?".repeat(end - i), &mut out)? {
                    return Err(fail(i).into());
                }
            }
            Handler::Backslash => {
                let mut t = String::new();
                for &c in &chars[i..end] {
                    escape(&mut t, c);
                }
                if !ascii(cx, &t, &mut out)? {
                    return Err(fail(i).into());
                }
            }
            Handler::XmlCharRef => {
                let t: String = chars[i..end]
                    .iter()
                    .map(|c| format!("&#{};", code_point(*c)))
                    .collect();
                if !ascii(cx, &t, &mut out)? {
                    return Err(fail(i).into());
                }
            }
            Handler::NameReplace => {
                let mut t = String::new();
                for &c in &chars[i..end] {
                    name_escape(&mut t, c);
                }
                if !ascii(cx, &t, &mut out)? {
                    return Err(fail(i).into());
                }
            }
            Handler::Custom(f) => {
                let f = f.clone();
                let exc = fail(i);
                let r = cx.call(&f, vec![exc.value()])?;
                let (rep, pos) = handler_result(cx, r, chars.len(), false)?;
                // The UTF encoders take ASCII text and whole code units only.
                let unit = match form {
                    Form::Utf16(_) => 2,
                    Form::Utf32(_) => 4,
                    _ => 1,
                };
                match &rep {
                    Value::Bytes(b) if b.len() % unit != 0 => return Err(exc.into()),
                    Value::Bytes(b) => out.extend_from_slice(b),
                    Value::Str(r) if form != Form::Other && !r.is_ascii() => {
                        return Err(exc.into());
                    }
                    Value::Str(r) if !ascii(cx, r.as_str(), &mut out)? => {
                        return Err(exc.into());
                    }
                    _ => {}
                }
                i = pos;
                continue;
            }
        }
        i = end;
    }
    Ok(out)
}

/// A decoder's failures: the handler, looked up at the first one.
pub(super) struct Decoding<'a> {
    pub encoding: &'a str,
    pub errors: &'a str,
    handler: Option<Handler>,
}

impl<'a> Decoding<'a> {
    pub fn new(encoding: &'a str, errors: &'a str) -> Decoding<'a> {
        Decoding {
            encoding,
            errors,
            handler: None,
        }
    }

    /// `input[start..end]` cannot be decoded (`reason`): the handler's replacement
    /// goes to `out`; returns where decoding goes on.
    pub fn fail(
        &mut self,
        cx: &mut Cx,
        input: &[u8],
        start: usize,
        end: usize,
        reason: &str,
        out: &mut String,
    ) -> PyResult<usize> {
        if self.handler.is_none() {
            self.handler = Some(resolve(cx, self.errors)?);
        }
        let fail = || unicode_error::decode_error(self.encoding, input, start, end, reason);
        match self.handler.as_ref().unwrap_or(&Handler::Strict) {
            Handler::Strict => Err(fail().into()),
            Handler::Ignore => Ok(end),
            Handler::Replace => {
                out.push('\u{fffd}');
                Ok(end)
            }
            Handler::Backslash => {
                for b in &input[start..end] {
                    out.push_str(&format!("\\x{b:02x}"));
                }
                Ok(end)
            }
            Handler::SurrogateEscape => match escape_bytes(&input[start..end], out) {
                0 => Err(fail().into()),
                n => Ok(start + n),
            },
            Handler::SurrogatePass => match form(self.encoding).take(&input[start..]) {
                Some((c, n)) => {
                    out.push(c);
                    Ok(start + n)
                }
                None => Err(fail().into()),
            },
            Handler::XmlCharRef | Handler::NameReplace => Err(type_error(
                "don't know how to handle UnicodeDecodeError in error callback",
            )
            .into()),
            Handler::Custom(f) => {
                let f = f.clone();
                let exc = fail();
                let r = cx.call(&f, vec![exc.value()])?;
                let (rep, pos) = handler_result(cx, r, input.len(), true)?;
                // CPython decodes on from a new `object` the handler set; pyvm's
                // decoders read their input only, and would fail at the same place
                // forever: refused.
                let object = unicode_error::get(cx.gil, &exc.0, "object");
                let same = object.is_some_and(|o| {
                    crate::native::bytes_arg(cx.gil, &o).is_ok_and(|b| b == input)
                });
                if !same {
                    return Err(PyErr::msg(
                        &crate::objects::types::types().exc.not_implemented_error,
                        "pyvm: a decoding error handler cannot replace the object being decoded",
                    )
                    .into());
                }
                if let Value::Str(s) = rep {
                    out.push_str(s.as_str());
                }
                Ok(pos)
            }
        }
    }
}

// --- the built-in handlers as callables ----------------------------------------

struct Failure {
    which: unicode_error::Which,
    object: Value,
    /// A decode failure's input.
    bytes: Vec<u8>,
    start: usize,
    end: usize,
}

fn failure(cx: &mut Cx, args: &Args, name: &str) -> PyResult<Failure> {
    args.check(name, 1, 1)?;
    let v = args.at(0);
    let Value::Exception(e) = v else {
        return Err(type_error(format!(
            "don't know how to handle {} in error callback",
            type_name(v)
        ))
        .into());
    };
    let Some(which) = unicode_error::which(&e.typ) else {
        return Err(type_error(format!(
            "don't know how to handle {} in error callback",
            e.typ.name
        ))
        .into());
    };
    let get = |n: &str| unicode_error::get(cx.gil, e, n);
    let object = get("object").unwrap_or(Value::None);
    let int = |v: Option<Value>| match v {
        Some(Value::Int(i)) => i.max(0) as usize,
        _ => 0,
    };
    // A decode failure's object may be any bytes-like object (a bytearray).
    let bytes = match (&which, &object) {
        (unicode_error::Which::Decode, o) => crate::native::bytes_arg(cx.gil, o).ok(),
        _ => None,
    };
    let len = match (&object, &bytes) {
        (Value::Str(s), _) => s.char_len(),
        (_, Some(b)) => b.len(),
        _ => 0,
    };
    let start = int(get("start")).min(len);
    let end = int(get("end")).min(len).max(start);
    Ok(Failure {
        which,
        object,
        bytes: bytes.unwrap_or_default(),
        start,
        end,
    })
}

fn chars_of(f: &Failure) -> Vec<char> {
    match &f.object {
        Value::Str(s) => s
            .as_str()
            .chars()
            .skip(f.start)
            .take(f.end - f.start)
            .collect(),
        _ => Vec::new(),
    }
}

fn pair(rep: String, end: usize) -> Value {
    Value::tuple(vec![Value::string(rep), Value::Int(end as i64)])
}

fn wrong(f: &Failure) -> PyErr {
    let name = match f.which {
        unicode_error::Which::Encode => "UnicodeEncodeError",
        unicode_error::Which::Decode => "UnicodeDecodeError",
        unicode_error::Which::Translate => "UnicodeTranslateError",
    };
    type_error(format!("don't know how to handle {name} in error callback"))
}

fn strict_errors(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("strict_errors", 1, 1)?;
    match args.at(0) {
        Value::Exception(e) => Err(PyErr(e.clone()).into()),
        _ => Err(type_error("codec must pass exception instance").into()),
    }
}

fn ignore_errors(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let f = failure(cx, &args, "ignore_errors")?;
    Ok(pair(String::new(), f.end))
}

fn replace_errors(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let f = failure(cx, &args, "replace_errors")?;
    let n = f.end - f.start;
    Ok(pair(
        match f.which {
            unicode_error::Which::Encode => "?".repeat(n),
            unicode_error::Which::Decode => "\u{fffd}".to_owned(),
            unicode_error::Which::Translate => "\u{fffd}".repeat(n),
        },
        f.end,
    ))
}

fn backslashreplace_errors(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let f = failure(cx, &args, "backslashreplace_errors")?;
    let mut out = String::new();
    match (&f.which, &f.object) {
        (unicode_error::Which::Decode, _) => {
            for c in &f.bytes[f.start..f.end] {
                out.push_str(&format!("\\x{c:02x}"));
            }
        }
        _ => {
            for c in chars_of(&f) {
                escape(&mut out, c);
            }
        }
    }
    Ok(pair(out, f.end))
}

fn xmlcharrefreplace_errors(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let f = failure(cx, &args, "xmlcharrefreplace_errors")?;
    if f.which != unicode_error::Which::Encode {
        return Err(wrong(&f).into());
    }
    let out = chars_of(&f)
        .iter()
        .map(|c| format!("&#{};", code_point(*c)))
        .collect();
    Ok(pair(out, f.end))
}

fn namereplace_errors(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let f = failure(cx, &args, "namereplace_errors")?;
    if f.which != unicode_error::Which::Encode {
        return Err(wrong(&f).into());
    }
    let mut out = String::new();
    for c in chars_of(&f) {
        name_escape(&mut out, c);
    }
    Ok(pair(out, f.end))
}

/// The exception a handler was given, raised again: it cannot replace this failure.
fn reraise(args: &Args) -> PyResult<Value> {
    match args.at(0) {
        Value::Exception(e) => Err(PyErr(e.clone()).into()),
        _ => Ok(Value::None),
    }
}

fn bytes_pair(rep: Vec<u8>, end: usize) -> Value {
    Value::tuple(vec![Value::Bytes(Arc::new(rep)), Value::Int(end as i64)])
}

/// The undecodable bytes of a failure (at most four, as CPython's handlers look at).
fn failed_bytes(f: &Failure) -> &[u8] {
    &f.bytes[f.start..f.end.min(f.start + 4)]
}

fn surrogateescape_errors(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let f = failure(cx, &args, "surrogateescape_errors")?;
    match f.which {
        unicode_error::Which::Encode => {
            let chars = chars_of(&f);
            match unescape_chars(&chars) {
                (bytes, n) if n == chars.len() => Ok(bytes_pair(bytes, f.end)),
                _ => reraise(&args),
            }
        }
        unicode_error::Which::Decode => {
            let mut out = String::new();
            match escape_bytes(failed_bytes(&f), &mut out) {
                0 => reraise(&args),
                n => Ok(pair(out, f.start + n)),
            }
        }
        unicode_error::Which::Translate => Err(wrong(&f).into()),
    }
}

fn surrogatepass_errors(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let f = failure(cx, &args, "surrogatepass_errors")?;
    let Value::Exception(e) = args.at(0) else {
        return reraise(&args);
    };
    let encoding = match unicode_error::get(cx.gil, e, "encoding") {
        Some(Value::Str(s)) => s.as_str().to_owned(),
        _ => String::new(),
    };
    let form = form(&encoding);
    match f.which {
        unicode_error::Which::Encode => {
            let chars = chars_of(&f);
            let mut out = Vec::new();
            if pass_chars(form, &chars, &mut out) < chars.len() {
                return reraise(&args);
            }
            Ok(bytes_pair(out, f.end))
        }
        unicode_error::Which::Decode => match form.take(&f.bytes[f.start..]) {
            Some((c, n)) => Ok(pair(c.to_string(), f.start + n)),
            None => reraise(&args),
        },
        unicode_error::Which::Translate => Err(wrong(&f).into()),
    }
}
