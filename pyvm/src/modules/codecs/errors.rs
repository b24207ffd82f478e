//! Error handlers: the registry (`register_error` / `lookup_error`), the built-in
//! handlers as callables (`codecs.strict_errors`, ...), and the two loops every codec
//! runs its failures through: [`encode_chars`] (a codec that encodes character by
//! character) and [`Decoding::fail`] (a decoder met bad input).
//!
//! The built-in names are handled in place, as CPython's fast paths do; any other
//! name is looked up in the registry at the first failure and called with the
//! `UnicodeEncodeError` / `UnicodeDecodeError`, returning `(replacement, position)`.
//!
//! pyvm's `str` is UTF-8 and cannot hold a lone surrogate, so `surrogateescape` and
//! `surrogatepass` have nothing to write: they fail as `strict` does (a str never
//! contains a surrogate to encode, and decoding would need one).

use crate::objects::rc::Arc;

use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::str::PyStr;
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
    Custom(Value),
}

/// The handler `errors` names (`None` and `"strict"` are strict).
pub(super) fn resolve(cx: &mut Cx, errors: &str) -> PyResult<Handler> {
    Ok(match errors {
        "strict" | "surrogateescape" | "surrogatepass" => Handler::Strict,
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
    let n = c as u32;
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
        Value::Bool(b) => *b as i64,
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
/// (`reason` names why, as CPython's messages do).
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
    let mut i = 0;
    while i < chars.len() {
        if enc(cx, chars[i], &mut out)? {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < chars.len() {
            scratch.clear();
            if enc(cx, chars[end], &mut scratch)? {
                break;
            }
            end += 1;
        }
        let fail =
            || unicode_error::encode_error(encoding, Value::Str(text.clone()), i, end, reason);
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
            Handler::Strict => return Err(fail().into()),
            Handler::Ignore => {}
            Handler::Replace => {
                if !ascii(cx, &"?".repeat(end - i), &mut out)? {
                    return Err(fail().into());
                }
            }
            Handler::Backslash => {
                let mut t = String::new();
                for &c in &chars[i..end] {
                    escape(&mut t, c);
                }
                if !ascii(cx, &t, &mut out)? {
                    return Err(fail().into());
                }
            }
            Handler::XmlCharRef => {
                let t: String = chars[i..end]
                    .iter()
                    .map(|c| format!("&#{};", *c as u32))
                    .collect();
                if !ascii(cx, &t, &mut out)? {
                    return Err(fail().into());
                }
            }
            Handler::NameReplace => {
                let mut t = String::new();
                for &c in &chars[i..end] {
                    name_escape(&mut t, c);
                }
                if !ascii(cx, &t, &mut out)? {
                    return Err(fail().into());
                }
            }
            Handler::Custom(f) => {
                let f = f.clone();
                let exc = fail();
                let r = cx.call(&f, vec![exc.value()])?;
                let (rep, pos) = handler_result(cx, r, chars.len(), false)?;
                match &rep {
                    Value::Bytes(b) => out.extend_from_slice(b),
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
            Handler::XmlCharRef | Handler::NameReplace => Err(type_error(
                "don't know how to handle UnicodeDecodeError in error callback",
            )
            .into()),
            Handler::Custom(f) => {
                let f = f.clone();
                let r = cx.call(&f, vec![fail().value()])?;
                let (rep, pos) = handler_result(cx, r, input.len(), true)?;
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
    let len = match &object {
        Value::Str(s) => s.char_len(),
        Value::Bytes(b) => b.len(),
        _ => 0,
    };
    let start = int(get("start")).min(len);
    let end = int(get("end")).min(len).max(start);
    Ok(Failure {
        which,
        object,
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
        (unicode_error::Which::Decode, Value::Bytes(b)) => {
            for c in &b[f.start..f.end] {
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
        .map(|c| format!("&#{};", *c as u32))
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

/// Without lone surrogates in `str`, these can only re-raise what they are given.
fn reraise(cx: &mut Cx, args: Args, name: &str) -> PyResult<Value> {
    let _ = failure(cx, &args, name)?;
    match args.at(0) {
        Value::Exception(e) => Err(PyErr(e.clone()).into()),
        _ => Ok(Value::None),
    }
}

fn surrogateescape_errors(cx: &mut Cx, args: Args) -> PyResult<Value> {
    reraise(cx, args, "surrogateescape_errors")
}

fn surrogatepass_errors(cx: &mut Cx, args: Args) -> PyResult<Value> {
    reraise(cx, args, "surrogatepass_errors")
}
