//! `json.dumps`: one pass that appends to a single `String` (no per-item strings for
//! the common cases), CPython's separators, indentation, key conversion, `default=`,
//! circular-reference check and messages.

use std::borrow::Cow;
use std::fmt::Write;

use crate::native::*;
use crate::objects::float;
use crate::objects::gil::Gil;
use crate::objects::types::type_name;

/// The options of one `dumps` call.
pub struct Encoder {
    pub skipkeys: bool,
    pub ensure_ascii: bool,
    pub check_circular: bool,
    pub allow_nan: bool,
    pub sort_keys: bool,
    /// One level of indentation; `None` for the one-line form.
    pub indent: Option<String>,
    pub item_sep: String,
    pub key_sep: String,
    /// `default=`: called for objects JSON cannot represent.
    pub default: Option<Value>,
}

/// Nesting deeper than this raises RecursionError, as CPython's recursion limit does.
const MAX_DEPTH: usize = 1000;

/// The encoder's walk state: output and the containers on the current path.
struct Walk<'e> {
    enc: &'e Encoder,
    out: String,
    /// Addresses of the containers being encoded (the circular-reference markers).
    markers: Vec<usize>,
    /// Nesting depth (containers and `default=` calls), bounded by `MAX_DEPTH`.
    depth: usize,
    /// Indentation level: containers only (`default=` results keep their parent's).
    level: usize,
}

impl Encoder {
    pub fn encode(&self, cx: &mut Cx, v: &Value) -> PyResult<String> {
        let mut w = Walk {
            enc: self,
            out: String::new(),
            markers: Vec::new(),
            depth: 0,
            level: 0,
        };
        w.value(cx, v)?;
        Ok(w.out)
    }
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
    fn string(&mut self, s: &str) -> Result<(), PyErr> {
        // At most six bytes of output per byte of text (`\u001f`).
        self.room(s.len().saturating_mul(6) + 2)?;
        if self.enc.ensure_ascii && !s.is_ascii() {
            quote_ascii(&mut self.out, s);
        } else {
            quote(&mut self.out, s, self.enc.ensure_ascii);
        }
        Ok(())
    }

    fn float(&mut self, x: f64) -> Result<(), PyErr> {
        float_text(&mut self.out, x, self.enc)
    }

    /// Room for `more` bytes of output, and a page more for what follows: the output
    /// grows by doubling, and a doubling the memory cannot hold is `MemoryError`, not
    /// an abort (fuzz seed 1207, mutant 4090: a million dicts dumped under 1 GiB).
    fn room(&mut self, more: usize) -> Result<(), PyErr> {
        if self.out.capacity() - self.out.len() >= more + 4096 {
            return Ok(());
        }
        let want = (more + 4096).max(self.out.len());
        self.out
            .try_reserve(want)
            .map_err(|_| crate::objects::exception::memory_error())
    }

    fn value(&mut self, cx: &mut Cx, v: &Value) -> PyResult<()> {
        self.room(0)?;
        if let Some(p) = crate::objects::class::payload(v) {
            // A `dict`/`list`/`tuple` subclass encodes as its contents.
            let p = p.clone();
            return self.value(cx, &p);
        }
        match v {
            Value::Str(s) => self.string(s.as_str())?,
            Value::None => self.out.push_str("null"),
            Value::Bool(true) => self.out.push_str("true"),
            Value::Bool(false) => self.out.push_str("false"),
            Value::Int(i) => {
                let _ = write!(self.out, "{i}");
            }
            Value::Big(b) => self.out.push_str(&crate::objects::int::big_to_decimal(b)?),
            Value::Float(x) => self.float(*x)?,
            Value::List(l) if self.enc.default.is_none() => {
                // Nothing here can run Python code, so the list stays borrowed.
                let items = l.borrow(cx.gil);
                self.array(cx, v, &items)?;
            }
            Value::List(l) => {
                // `default=` may run Python code that changes the list: walk a snapshot.
                let items = l.borrow(cx.gil).clone();
                self.array(cx, v, &items)?;
            }
            Value::Tuple(t) => self.array(cx, v, t)?,
            Value::Dict(_) => self.object(cx, v)?,
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
            // CPython's C encoder (no indent) names JSON; its pure-Python encoder (used
            // with indent) mostly fails in a call.
            return Err(recursion_error(if self.enc.indent.is_none() {
                "maximum recursion depth exceeded while encoding a JSON object"
            } else {
                "maximum recursion depth exceeded while calling a Python object"
            }));
        }
        if !self.enc.check_circular {
            return Ok(None);
        }
        // Inline values (e.g. `...` handed to `default=`) cannot contain themselves.
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

    /// Newline plus indentation for `level`, when indenting.
    fn newline(&mut self, level: usize) {
        if let Some(ind) = &self.enc.indent {
            self.out.push('\n');
            for _ in 0..level {
                self.out.push_str(ind);
            }
        }
    }

    fn array(&mut self, cx: &mut Cx, v: &Value, items: &[Value]) -> PyResult<()> {
        if items.is_empty() {
            self.out.push_str("[]");
            return Ok(());
        }
        let marker = self.enter(v)?;
        self.level += 1;
        let level = self.level;
        self.out.push('[');
        self.newline(level);
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.out.push_str(&self.enc.item_sep);
                self.newline(level);
            }
            self.value(cx, item)?;
        }
        self.level -= 1;
        self.newline(level - 1);
        self.out.push(']');
        self.leave(marker);
        Ok(())
    }

    fn object(&mut self, cx: &mut Cx, v: &Value) -> PyResult<()> {
        let Value::Dict(d) = v else {
            return Ok(());
        };
        if self.enc.default.is_none() {
            // Nothing here can run Python code, so the dict stays borrowed.
            let d = d.borrow(cx.gil);
            let items: Vec<(&Value, &Value)> = d.iter().collect();
            return self.entries(cx, v, items);
        }
        // `default=` may run Python code that changes the dict: walk a snapshot.
        let owned: Vec<(Value, Value)> = d
            .borrow(cx.gil)
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        self.entries(cx, v, owned.iter().map(|(k, v)| (k, v)).collect())
    }

    fn entries(
        &mut self,
        cx: &mut Cx,
        v: &Value,
        mut items: Vec<(&Value, &Value)>,
    ) -> PyResult<()> {
        if items.is_empty() {
            self.out.push_str("{}");
            return Ok(());
        }
        let marker = self.enter(v)?;
        if self.enc.sort_keys {
            sort_items(cx.gil, &mut items)?;
        }
        self.level += 1;
        let level = self.level;
        self.out.push('{');
        self.newline(level);
        let mut first = true;
        for (k, val) in items {
            // An `int`, `float` or `str` subclass key is written as its value.
            let k = match crate::objects::class::payload(k) {
                Some(p @ (Value::Str(_) | Value::Int(_) | Value::Big(_) | Value::Float(_))) => p,
                _ => k,
            };
            let key: Cow<str> = match k {
                Value::Str(s) => Cow::Borrowed(s.as_str()),
                Value::Float(x) => {
                    let mut text = String::new();
                    float_text(&mut text, *x, self.enc)?;
                    Cow::Owned(text)
                }
                Value::Bool(true) => Cow::Borrowed("true"),
                Value::Bool(false) => Cow::Borrowed("false"),
                Value::None => Cow::Borrowed("null"),
                Value::Int(i) => Cow::Owned(i.to_string()),
                Value::Big(b) => Cow::Owned(crate::objects::int::big_to_decimal(b)?),
                _ if self.enc.skipkeys => continue,
                _ => {
                    return Err(type_error(format!(
                        "keys must be str, int, float, bool or None, not {}",
                        type_name(k)
                    ))
                    .into())
                }
            };
            if !first {
                self.out.push_str(&self.enc.item_sep);
                self.newline(level);
            }
            first = false;
            self.string(&key)?;
            self.out.push_str(&self.enc.key_sep);
            self.value(cx, val)?;
        }
        self.level -= 1;
        self.newline(level - 1);
        self.out.push('}');
        self.leave(marker);
        Ok(())
    }
}

/// A float as JSON: `repr`, or `NaN`/`Infinity`/`-Infinity` when allowed.
fn float_text(out: &mut String, x: f64, enc: &Encoder) -> Result<(), PyErr> {
    if x.is_finite() {
        out.push_str(&float::repr(x));
        return Ok(());
    }
    if !enc.allow_nan {
        // CPython's C encoder (no indent) leaves the value out; its Python encoder
        // (used with indent) appends its repr.
        let msg = "Out of range float values are not JSON compliant";
        return Err(value_error(if enc.indent.is_none() {
            msg.to_owned()
        } else {
            format!("{msg}: {}", float::repr(x))
        }));
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
