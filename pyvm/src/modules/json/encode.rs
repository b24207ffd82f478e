//! `_json.make_encoder`: one pass that appends to a single `String` (no per-item
//! strings for the common cases), with `_json.c`'s order of checks, key conversion,
//! `default` calls, circular-reference check and messages.

use crate::objects::value::PyBool;
use std::borrow::Cow;
use std::fmt::Write;

use crate::native::*;
use crate::objects::class;
use crate::objects::float;
use crate::objects::gil::Gil;
use crate::objects::types::type_name;

/// The options of one encoder.
pub struct Encoder {
    pub skipkeys: bool,
    /// The string encoder is `encode_basestring_ascii` (else `encode_basestring`).
    pub ensure_ascii: bool,
    /// `markers` was a dict.
    pub check_circular: bool,
    pub allow_nan: bool,
    pub sort_keys: bool,
    pub item_sep: String,
    pub key_sep: String,
    /// `default`: called for objects JSON cannot represent.
    pub default: Option<Value>,
    /// A string encoder that is not one of `_json`'s: called for every string.
    pub str_encoder: Option<Value>,
}

/// Nesting deeper than this raises RecursionError, as CPython's recursion limit does.
const MAX_DEPTH: usize = 1000;

/// The encoder's walk state: output and the containers on the current path.
struct Walk<'e> {
    enc: &'e Encoder,
    out: String,
    /// Addresses of the containers being encoded (the circular-reference markers).
    markers: Vec<usize>,
    /// Nesting depth (containers and `default` calls), bounded by `MAX_DEPTH`.
    depth: usize,
    /// Output room ensured before each value: its brackets or digits (a float's
    /// repr is at most 24 bytes, an `i64` 20) and the separators after it.
    slack: usize,
}

impl Encoder {
    pub fn encode(&self, cx: &mut Cx, v: &Value) -> PyResult<String> {
        let mut w = Walk {
            enc: self,
            out: String::new(),
            markers: Vec::new(),
            depth: 0,
            slack: 32 + self.item_sep.len() + self.key_sep.len(),
        };
        w.value(cx, v)?;
        Ok(w.out)
    }
}

/// `s` as a JSON string literal appended to `out` (`encode_basestring_ascii` when
/// `ensure_ascii`, else `encode_basestring`), or MemoryError.
pub fn quote_str(out: &mut String, s: &str, ensure_ascii: bool) -> Result<(), PyErr> {
    // At most six bytes of output per byte of text (`\u001f`).
    let more = s.len().saturating_mul(6) + 2;
    out.try_reserve(more)
        .map_err(|_| crate::objects::exception::memory_error())?;
    if ensure_ascii && !s.is_ascii() {
        quote_ascii(out, s);
    } else {
        quote(out, s, ensure_ascii);
    }
    Ok(())
}

/// Append `s` as a JSON string literal. Only for text that needs no `\uXXXX` escape
/// of non-ASCII characters (ASCII text, or `ensure_ascii=False`): the scan is by byte
/// and copies runs between escapes in one `push_str`.
pub fn quote(out: &mut String, s: &str, ensure_ascii: bool) {
    out.push('"');
    let mut start = 0;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        let esc = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            0x7f if ensure_ascii => "",
            _ => continue,
        };
        out.push_str(&s[start..i]);
        start = i + 1;
        if esc.is_empty() {
            let _ = write!(out, "\\u{:04x}", b);
        } else {
            out.push_str(esc);
        }
    }
    out.push_str(&s[start..]);
    out.push('"');
}

/// `quote` for non-ASCII text under `ensure_ascii`: every non-ASCII character becomes
/// `\uXXXX` (a surrogate pair above U+FFFF), as do the ASCII control characters.
fn quote_ascii(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            ' '..='~' => out.push(c),
            c if crate::objects::str::is_surrogate(c) => {
                let _ = write!(out, "\\u{:04x}", crate::objects::str::code_point(c));
            }
            _ => {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    let _ = write!(out, "\\u{:04x}", u);
                }
            }
        }
    }
    out.push('"');
}

impl Walk<'_> {
    /// A string value (`obj` the `str` or `str` subclass instance holding `s`).
    fn string(&mut self, cx: &mut Cx, obj: &Value, s: &str) -> PyResult<()> {
        let Some(f) = &self.enc.str_encoder else {
            self.room(s.len().saturating_mul(6) + 2)?;
            if self.enc.ensure_ascii && !s.is_ascii() {
                quote_ascii(&mut self.out, s);
            } else {
                quote(&mut self.out, s, self.enc.ensure_ascii);
            }
            return Ok(());
        };
        let f = f.clone();
        let encoded = cx.call(&f, vec![obj.clone()])?;
        match class::payload(&encoded).unwrap_or(&encoded) {
            Value::Str(t) => {
                self.room(t.as_str().len())?;
                self.out.push_str(t.as_str());
                Ok(())
            }
            _ => Err(type_error(format!(
                "encoder() must return a string, not {:.80}",
                type_name(&encoded)
            ))
            .into()),
        }
    }

    fn float(&mut self, x: f64) -> Result<(), PyErr> {
        float_text(&mut self.out, x, self.enc)
    }

    /// Room for `more` bytes of output: the output grows by doubling, and a doubling
    /// the memory cannot hold is `MemoryError`, not an abort (fuzz seed 1207, mutant
    /// 4090: a million dicts dumped under 1 GiB).
    #[inline]
    fn room(&mut self, more: usize) -> Result<(), PyErr> {
        if self.out.capacity() - self.out.len() >= more {
            return Ok(());
        }
        self.out
            .try_reserve(more.max(self.out.len()))
            .map_err(|_| crate::objects::exception::memory_error())
    }

    /// `encoder_listencode_obj`: None, True, False, str, int, float, list or tuple,
    /// dict (each also as a subclass instance), else `default(obj)`.
    fn value(&mut self, cx: &mut Cx, v: &Value) -> PyResult<()> {
        self.room(self.slack)?;
        let inner = class::payload(v).unwrap_or(v);
        match inner {
            Value::Str(s) => self.string(cx, v, s.as_str())?,
            Value::None => self.out.push_str("null"),
            Value::Bool(PyBool::True) => self.out.push_str("true"),
            Value::Bool(PyBool::False) => self.out.push_str("false"),
            Value::Int(i) => {
                let _ = write!(self.out, "{i}");
            }
            Value::Big(b) => {
                let text = crate::objects::int::big_to_decimal(b)?;
                self.room(text.len())?;
                self.out.push_str(&text);
            }
            Value::Float(x) => self.float(x.get())?,
            Value::List(l) => {
                if l.borrow(cx.gil).is_empty() {
                    self.out.push_str("[]");
                    return Ok(());
                }
                let marker = self.enter(v)?;
                self.out.push('[');
                // By index, as `_json.c` walks the list: `default` may run Python
                // code that changes it.
                let mut i = 0;
                loop {
                    let Some(item) = l.borrow(cx.gil).get(i).cloned() else {
                        break;
                    };
                    if i > 0 {
                        self.out.push_str(&self.enc.item_sep);
                    }
                    self.value(cx, &item)?;
                    i += 1;
                }
                self.out.push(']');
                self.leave(marker);
            }
            Value::Tuple(t) => {
                if t.is_empty() {
                    self.out.push_str("[]");
                    return Ok(());
                }
                let marker = self.enter(v)?;
                self.out.push('[');
                for (i, item) in t.iter().enumerate() {
                    if i > 0 {
                        self.out.push_str(&self.enc.item_sep);
                    }
                    self.value(cx, item)?;
                }
                self.out.push(']');
                self.leave(marker);
            }
            Value::Dict(d) => {
                if d.borrow(cx.gil).is_empty() {
                    self.out.push_str("{}");
                    return Ok(());
                }
                let marker = self.enter(v)?;
                self.out.push('{');
                if self.enc.sort_keys || !matches!(v, Value::Dict(_)) {
                    // `PyMapping_Items`: a subclass's own `items()`.
                    let items = if matches!(v, Value::Dict(_)) {
                        d.borrow(cx.gil)
                            .iter()
                            .map(|(k, x)| (k.clone(), x.clone()))
                            .collect::<Vec<_>>()
                    } else {
                        mapping_items(cx, v)?
                    };
                    let mut refs: Vec<(&Value, &Value)> =
                        items.iter().map(|(k, x)| (k, x)).collect();
                    if self.enc.sort_keys {
                        sort_items(cx.gil, &mut refs)?;
                    }
                    let mut first = true;
                    for (k, x) in refs {
                        self.entry(cx, &mut first, k, x)?;
                    }
                } else {
                    let mut first = true;
                    let mut i = 0;
                    loop {
                        let (k, x) = {
                            let d = d.borrow(cx.gil);
                            match d.slot(i) {
                                None => break,
                                Some(None) => {
                                    i += 1;
                                    continue;
                                }
                                Some(Some(e)) => (e.key.clone(), e.value.clone()),
                            }
                        };
                        self.entry(cx, &mut first, &k, &x)?;
                        i += 1;
                    }
                }
                self.out.push('}');
                self.leave(marker);
            }
            _ => {
                let Some(default) = self.enc.default.clone() else {
                    return Err(type_error(format!(
                        "Object of type {} is not JSON serializable",
                        type_name(v)
                    ))
                    .into());
                };
                let marker = self.enter(v)?;
                let replaced = cx.call(&default, vec![v.clone()])?;
                self.value(cx, &replaced)?;
                self.leave(marker);
            }
        }
        Ok(())
    }

    /// Mark a container as being encoded; `Circular reference detected` if it already is.
    fn enter(&mut self, v: &Value) -> Result<Option<usize>, PyErr> {
        self.depth += 1;
        if self.depth > MAX_DEPTH || crate::stack::low() {
            return Err(recursion_error(
                "maximum recursion depth exceeded while encoding a JSON object",
            ));
        }
        if !self.enc.check_circular {
            return Ok(None);
        }
        // Inline values (e.g. `...` handed to `default`) cannot contain themselves.
        let Some(id) = v.heap_ptr() else {
            return Ok(None);
        };
        if self.markers.contains(&id) {
            return Err(value_error("Circular reference detected"));
        }
        self.markers.push(id);
        Ok(Some(id))
    }

    fn leave(&mut self, marker: Option<usize>) {
        self.depth -= 1;
        if marker.is_some() {
            self.markers.pop();
        }
    }

    /// `encoder_encode_key_value`: the key as a string (str, float, True/False/None,
    /// int; others skipped with `skipkeys`, else TypeError), then the value.
    fn entry(&mut self, cx: &mut Cx, first: &mut bool, k: &Value, val: &Value) -> PyResult<()> {
        let kin = class::payload(k).unwrap_or(k);
        let key: Cow<str> = match kin {
            Value::Str(s) => Cow::Borrowed(s.as_str()),
            Value::Float(x) => {
                let mut text = String::new();
                float_text(&mut text, x.get(), self.enc)?;
                Cow::Owned(text)
            }
            Value::Bool(PyBool::True) => Cow::Borrowed("true"),
            Value::Bool(PyBool::False) => Cow::Borrowed("false"),
            Value::None => Cow::Borrowed("null"),
            Value::Int(i) => Cow::Owned(i.to_string()),
            Value::Big(b) => Cow::Owned(crate::objects::int::big_to_decimal(b)?),
            _ if self.enc.skipkeys => return Ok(()),
            _ => {
                return Err(type_error(format!(
                    "keys must be str, int, float, bool or None, not {:.100}",
                    type_name(k)
                ))
                .into())
            }
        };
        if !*first {
            self.out.push_str(&self.enc.item_sep);
        }
        *first = false;
        if self.enc.str_encoder.is_some() {
            // The encoder is called with a `str`: the key's text.
            let key_v = match kin {
                Value::Str(_) => k.clone(),
                _ => Value::str(&key),
            };
            self.string(cx, &key_v, &key)?;
        } else {
            self.string(cx, k, &key)?;
        }
        self.out.push_str(&self.enc.key_sep);
        self.value(cx, val)
    }
}

/// `PyMapping_Items(obj)` of a `dict` subclass instance: its `items()` as a list of
/// 2-tuples ("items must return 2-tuples" otherwise).
fn mapping_items(cx: &mut Cx, v: &Value) -> PyResult<Vec<(Value, Value)>> {
    let items = cx.load_attr(v, "items")?;
    let got = cx.call(&items, vec![])?;
    let list = cx.collect(&got)?;
    let mut out = Vec::with_capacity(list.len());
    for item in list {
        match &item {
            Value::Tuple(t) if t.len() == 2 => out.push((t[0].clone(), t[1].clone())),
            _ => return Err(value_error("items must return 2-tuples").into()),
        }
    }
    Ok(out)
}

/// A float as JSON: `repr`, or `NaN`/`Infinity`/`-Infinity` when allowed.
fn float_text(out: &mut String, x: f64, enc: &Encoder) -> Result<(), PyErr> {
    if x.is_finite() {
        out.push_str(&float::repr(x));
        return Ok(());
    }
    if !enc.allow_nan {
        return Err(value_error(
            "Out of range float values are not JSON compliant",
        ));
    }
    out.push_str(if x.is_nan() {
        "NaN"
    } else if x > 0.0 {
        "Infinity"
    } else {
        "-Infinity"
    });
    Ok(())
}

/// Sort dict items by key with Python's `<`. Up to 64 items CPython's list sort is a
/// run count plus a binary insertion sort; doing the same comparisons in the same
/// order means keys that cannot be compared fail on the very pair CPython names.
fn sort_items(gil: Gil<'_>, items: &mut [(&Value, &Value)]) -> Result<(), PyErr> {
    if items.iter().all(|(k, _)| matches!(k, Value::Str(_))) {
        items.sort_by(|a, b| {
            crate::objects::str::cmp_text(a.0.as_str().unwrap_or(""), b.0.as_str().unwrap_or(""))
        });
        return Ok(());
    }
    let lt = |a: &Value, b: &Value| crate::objects::compare::less(gil, a, b);
    let n = items.len();
    if n <= 64 {
        // count_run: the longest ascending (or strictly descending, then reversed) prefix.
        let mut run = 1;
        if n > 1 {
            run = 2;
            if lt(items[1].0, items[0].0)? {
                while run < n && lt(items[run].0, items[run - 1].0)? {
                    run += 1;
                }
                items[..run].reverse();
            } else {
                while run < n && !lt(items[run].0, items[run - 1].0)? {
                    run += 1;
                }
            }
        }
        // binarysort: insert each remaining item after its equals.
        for start in run..n {
            let pivot = items[start];
            let (mut l, mut r) = (0, start);
            while l < r {
                let p = l + (r - l) / 2;
                if lt(pivot.0, items[p].0)? {
                    r = p;
                } else {
                    l = p + 1;
                }
            }
            items.copy_within(l..start, l + 1);
            items[l] = pivot;
        }
        return Ok(());
    }
    // Longer: any stable sort gives CPython's order; only the pair named in an error
    // may differ.
    let mut err = None;
    items.sort_by(|a, b| {
        if err.is_some() {
            return std::cmp::Ordering::Equal;
        }
        match lt(a.0, b.0) {
            Ok(true) => std::cmp::Ordering::Less,
            Ok(false) => match lt(b.0, a.0) {
                Ok(true) => std::cmp::Ordering::Greater,
                Ok(false) => std::cmp::Ordering::Equal,
                Err(e) => {
                    err = Some(e);
                    std::cmp::Ordering::Equal
                }
            },
            Err(e) => {
                err = Some(e);
                std::cmp::Ordering::Equal
            }
        }
    });
    err.map_or(Ok(()), Err)
}
