//! `_json`'s scanner (`make_scanner`, `scanstring`): a recursive-descent scanner over the UTF-8 bytes that follows CPython's
//! C scanner (`_json.c`) branch for branch, so the same input fails at the same
//! position with the same message. Positions are kept in bytes while scanning and
//! turned into CPython's character positions only when an error is raised.

use std::borrow::Cow;

use crate::native::*;
use crate::objects::dict::Dict;

/// Nesting deeper than this raises RecursionError, as CPython's recursion limit does.
const MAX_DEPTH: usize = 1000;

/// The hooks and options of one `loads` call.
#[derive(Default)]
pub struct Hooks {
    pub object_hook: Option<Value>,
    pub object_pairs_hook: Option<Value>,
    pub parse_float: Option<Value>,
    pub parse_int: Option<Value>,
    pub parse_constant: Option<Value>,
    /// `strict=False` allows control characters inside strings.
    pub lax: bool,
}

/// Why scanning stopped: a JSON error at a byte position, or a Python exception (from
/// a hook, or a RecursionError).
pub enum Fail {
    At(&'static str, usize),
    Py(deferred::Unwind<PyErr>),
}

impl From<deferred::Unwind<PyErr>> for Fail {
    fn from(e: deferred::Unwind<PyErr>) -> Fail {
        Fail::Py(e)
    }
}

impl From<PyErr> for Fail {
    fn from(e: PyErr) -> Fail {
        Fail::Py(e.into())
    }
}

/// Object keys a scanner has made, kept across its calls (keys up to `KEY_CACHE_LEN`
/// bytes, at most `KEY_CACHE_SIZE` of them): a document of the same shape as the
/// last one reuses its key strings, their hashes already computed.
pub type KeyCache = std::sync::Mutex<hashbrown::HashMap<Box<str>, Value>>;
const KEY_CACHE_LEN: usize = 64;
const KEY_CACHE_SIZE: usize = 4096;

pub struct Scanner<'s, 'h> {
    /// The scanner object's key cache, if any.
    pub keys: Option<&'h KeyCache>,
    s: &'s str,
    b: &'s [u8],
    hooks: &'h Hooks,
    depth: usize,
    /// Decoded object keys seen so far: repeated keys share one string (CPython's memo),
    /// keyed by the document's own text when the key has no escapes.
    memo: hashbrown::HashMap<Cow<'s, str>, Value>,
}

fn is_ws(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r')
}

impl<'s, 'h> Scanner<'s, 'h> {
    pub fn new(s: &'s str, hooks: &'h Hooks) -> Self {
        Scanner {
            keys: None,
            s,
            b: s.as_bytes(),
            hooks,
            depth: 0,
            memo: hashbrown::HashMap::new(),
        }
    }

    /// The position just past the whitespace at `i`.
    pub fn skip_ws(&self, mut i: usize) -> usize {
        while i < self.b.len() && is_ws(self.b[i]) {
            i += 1;
        }
        i
    }

    /// One JSON value at `i` (no leading whitespace); returns it and the end position.
    pub fn value(&mut self, cx: &mut Cx, i: usize) -> Result<(Value, usize), Fail> {
        let b = self.b;
        let Some(&c) = b.get(i) else {
            return Err(Fail::At("Expecting value", i));
        };
        let starts = |lit: &str| b[i..].starts_with(lit.as_bytes());
        match c {
            b'"' => {
                let (s, end) = self.string_cow(i + 1)?;
                let v = match s {
                    Cow::Borrowed(t) => Value::str(t),
                    Cow::Owned(t) => Value::string(t),
                };
                return Ok((v, end));
            }
            b'{' => return self.nested(cx, i, true),
            b'[' => return self.nested(cx, i, false),
            b'n' if starts("null") => return Ok((Value::None, i + 4)),
            b't' if starts("true") => return Ok((Value::bool(true), i + 4)),
            b'f' if starts("false") => return Ok((Value::bool(false), i + 5)),
            b'N' if starts("NaN") => return Ok((self.constant(cx, "NaN")?, i + 3)),
            b'I' if starts("Infinity") => return Ok((self.constant(cx, "Infinity")?, i + 8)),
            b'-' if starts("-Infinity") => return Ok((self.constant(cx, "-Infinity")?, i + 9)),
            _ => {}
        }
        self.number(cx, i)
    }

    fn constant(&mut self, cx: &mut Cx, name: &str) -> Result<Value, Fail> {
        if let Some(hook) = &self.hooks.parse_constant {
            return Ok(cx.call(hook, vec![Value::str(name)])?);
        }
        Ok(Value::float(match name {
            "NaN" => f64::NAN,
            "Infinity" => f64::INFINITY,
            _ => f64::NEG_INFINITY,
        }))
    }

    fn nested(&mut self, cx: &mut Cx, i: usize, object: bool) -> Result<(Value, usize), Fail> {
        self.depth += 1;
        if self.depth > MAX_DEPTH || crate::stack::low() {
            return Err(recursion_error(if object {
                "maximum recursion depth exceeded while decoding a JSON object from a unicode string"
            } else {
                "maximum recursion depth exceeded while decoding a JSON array from a unicode string"
            })
            .into());
        }
        let r = if object {
            self.object(cx, i + 1)
        } else {
            self.array(cx, i + 1)
        };
        self.depth -= 1;
        r
    }

    /// Digits `[0-9]*` from `i`.
    fn digits(&self, mut i: usize) -> usize {
        while i < self.b.len() && self.b[i].is_ascii_digit() {
            i += 1;
        }
        i
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?`, as `_match_number_unicode`.
    fn number(&mut self, cx: &mut Cx, start: usize) -> Result<(Value, usize), Fail> {
        let b = self.b;
        let mut i = start;
        if b[i] == b'-' {
            i += 1;
        }
        match b.get(i) {
            Some(b'1'..=b'9') => i = self.digits(i + 1),
            Some(b'0') => i += 1,
            _ => return Err(Fail::At("Expecting value", start)),
        }
        let int_end = i;
        let mut is_float = false;
        if b.get(i) == Some(&b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
            is_float = true;
            i = self.digits(i + 2);
        }
        if matches!(b.get(i), Some(b'e' | b'E')) {
            let mut j = i + 1;
            if matches!(b.get(j), Some(b'-' | b'+')) {
                j += 1;
            }
            let k = self.digits(j);
            if k > j {
                is_float = true;
                i = k;
            }
        }
        let text = &self.s[start..i];
        let hook = if is_float {
            &self.hooks.parse_float
        } else {
            &self.hooks.parse_int
        };
        if let Some(hook) = hook {
            return Ok((cx.call(hook, vec![Value::str(text)])?, i));
        }
        if is_float {
            // The grammar above is a subset of what Rust's correctly rounded parser reads.
            let x: f64 = text.parse().unwrap_or(f64::NAN);
            return Ok((Value::float(x), i));
        }
        if int_end - start <= 18 {
            let n: i64 = text.parse().unwrap_or(0);
            return Ok((Value::Int(n), i));
        }
        // `int(text)`: the digit limit of `sys.set_int_max_str_digits` applies.
        Ok((crate::objects::int::parse(text, 10)?, i))
    }

    /// `string`, borrowing the document's text when the string has no escapes (and,
    /// when strict, no control characters): most keys and values.
    fn string_cow(&self, i: usize) -> Result<(Cow<'s, str>, usize), Fail> {
        let b = self.b;
        let mut j = i;
        while j < b.len() {
            match b[j] {
                b'"' => return Ok((Cow::Borrowed(&self.s[i..j]), j + 1)),
                b'\\' => break,
                c if c <= 0x1f && !self.hooks.lax => break,
                _ => j += 1,
            }
        }
        let (text, end) = self.string(i)?;
        Ok((Cow::Owned(text), end))
    }

    /// The string whose opening quote is just before `i`; returns the text and the
    /// position after the closing quote. CPython's `scanstring_unicode`.
    pub fn string(&self, i: usize) -> Result<(String, usize), Fail> {
        let b = self.b;
        let begin = i.saturating_sub(1);
        let mut out = String::new();
        let mut end = i;
        loop {
            let mut next = end;
            while next < b.len() && b[next] != b'"' && b[next] != b'\\' {
                if b[next] <= 0x1f && !self.hooks.lax {
                    return Err(Fail::At("Invalid control character at", next));
                }
                next += 1;
            }
            if next >= b.len() {
                return Err(Fail::At("Unterminated string starting at", begin));
            }
            out.push_str(&self.s[end..next]);
            if b[next] == b'"' {
                return Ok((out, next + 1));
            }
            // A backslash escape.
            next += 1;
            let Some(&c) = b.get(next) else {
                return Err(Fail::At("Unterminated string starting at", begin));
            };
            if c != b'u' {
                end = next + 1;
                out.push(match c {
                    b'"' => '"',
                    b'\\' => '\\',
                    b'/' => '/',
                    b'b' => '\u{8}',
                    b'f' => '\u{c}',
                    b'n' => '\n',
                    b'r' => '\r',
                    b't' => '\t',
                    _ => return Err(Fail::At("Invalid \\escape", end - 2)),
                });
                continue;
            }
            next += 1;
            end = next + 4;
            if end >= b.len() {
                return Err(Fail::At("Invalid \\uXXXX escape", next - 1));
            }
            let mut code = self
                .hex4(next)
                .ok_or(Fail::At("Invalid \\uXXXX escape", end - 5))?;
            if (0xd800..0xdc00).contains(&code)
                && end + 6 < b.len()
                && b[end] == b'\\'
                && b[end + 1] == b'u'
            {
                let low = self
                    .hex4(end + 2)
                    .ok_or(Fail::At("Invalid \\uXXXX escape", end + 1))?;
                if (0xdc00..0xe000).contains(&low) {
                    code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
                    end += 6;
                }
            }
            // A lone surrogate is kept (`objects::str` stores it); a pair for
            // U+10F000..U+10F7FF cannot be represented.
            match crate::objects::str::from_code_point(code) {
                Some(c) => out.push(c),
                None => return Err(Fail::At(crate::objects::str::NOT_REPRESENTABLE, end - 12)),
            }
        }
    }

    /// The string for object key `text`: from the scanner's cache, this call's memo,
    /// or made now.
    fn key(&mut self, text: Cow<'s, str>) -> Value {
        if let Some(cache) = self.keys.filter(|_| text.len() <= KEY_CACHE_LEN) {
            let mut c = cache.lock().unwrap_or_else(|p| p.into_inner());
            if let Some(k) = c.get(text.as_ref()) {
                return k.clone();
            }
            let k = Value::str(&text);
            if c.len() < KEY_CACHE_SIZE {
                c.insert(text.as_ref().into(), k.clone());
            }
            return k;
        }
        match self.memo.get(text.as_ref()) {
            Some(k) => k.clone(),
            None => {
                let k = Value::str(&text);
                self.memo.insert(text, k.clone());
                k
            }
        }
    }

    fn hex4(&self, i: usize) -> Option<u32> {
        let mut v = 0u32;
        for &d in self.b.get(i..i + 4)? {
            v = v * 16 + (d as char).to_digit(16)?;
        }
        Some(v)
    }

    fn array(&mut self, cx: &mut Cx, i: usize) -> Result<(Value, usize), Fail> {
        let b = self.b;
        let mut items = Vec::new();
        let mut i = self.skip_ws(i);
        if b.get(i) != Some(&b']') {
            loop {
                let (v, next) = self.value(cx, i)?;
                items.push(v);
                i = self.skip_ws(next);
                if b.get(i) == Some(&b']') {
                    break;
                }
                if b.get(i) != Some(&b',') {
                    return Err(Fail::At("Expecting ',' delimiter", i));
                }
                i = self.skip_ws(i + 1);
            }
        }
        Ok((Value::list(items), i + 1))
    }

    fn object(&mut self, cx: &mut Cx, i: usize) -> Result<(Value, usize), Fail> {
        let b = self.b;
        let pairs_hook = self.hooks.object_pairs_hook.is_some();
        let mut dict = Dict::new();
        let mut pairs = Vec::new();
        let mut i = self.skip_ws(i);
        if b.get(i) != Some(&b'}') {
            loop {
                if b.get(i) != Some(&b'"') {
                    return Err(Fail::At(
                        "Expecting property name enclosed in double quotes",
                        i,
                    ));
                }
                let (key, next) = self.string_cow(i + 1)?;
                let key = self.key(key);
                i = self.skip_ws(next);
                if b.get(i) != Some(&b':') {
                    return Err(Fail::At("Expecting ':' delimiter", i));
                }
                i = self.skip_ws(i + 1);
                let (v, next) = self.value(cx, i)?;
                if pairs_hook {
                    pairs.push(Value::tuple(vec![key, v]));
                } else {
                    dict.insert(key, v)?;
                }
                i = self.skip_ws(next);
                if b.get(i) == Some(&b'}') {
                    break;
                }
                if b.get(i) != Some(&b',') {
                    return Err(Fail::At("Expecting ',' delimiter", i));
                }
                i = self.skip_ws(i + 1);
            }
        }
        if let Some(hook) = &self.hooks.object_pairs_hook {
            return Ok((cx.call(hook, vec![Value::list(pairs)])?, i + 1));
        }
        let obj = Value::dict(dict);
        if let Some(hook) = &self.hooks.object_hook {
            return Ok((cx.call(hook, vec![obj])?, i + 1));
        }
        Ok((obj, i + 1))
    }
}
