//! `repr()` and `str()` of built-in values, as CPython spells them (`[1, 'a']`,
//! `{'k': 1.5}`, `[[...]]` for a list that contains itself).

use std::cell::RefCell;
use std::fmt::Write;

use super::exception::{recursion_error, PyErr};
use super::gil::Gil;
use super::iter::Iter;
use super::types::type_name;
use super::value::Value;

thread_local! {
    /// Containers whose repr is being built on this thread (CPython's Py_ReprEnter).
    static IN_PROGRESS: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
}

const MAX_DEPTH: usize = 1000;

/// Take this thread's repr guard (a micro-thread suspended inside a `__repr__` keeps
/// its own while others run).
pub fn take_guard() -> Vec<usize> {
    IN_PROGRESS.with(|g| std::mem::take(&mut *g.borrow_mut()))
}

/// Put back a guard [`take_guard`] took.
pub fn restore_guard(saved: Vec<usize>) {
    IN_PROGRESS.with(|g| *g.borrow_mut() = saved);
}

/// `str(v)`.
pub fn str_of(gil: Gil<'_>, v: &Value) -> Result<String, PyErr> {
    if super::class::is_user(v) || super::class::has_meta(v) {
        if let Some(f) = super::class::special(gil, v, "__str__") {
            return string_result(gil, "__str__", f, v);
        }
        if let Value::Instance(i) = v {
            // `str.__str__` gives the string itself; `bytes.__str__` its own repr.
            match &i.base {
                Value::Str(s) => return Ok(s.as_str().to_owned()),
                b @ Value::Bytes(_) => return builtin_repr(gil, b),
                _ => return repr(gil, v),
            }
        }
        if super::class::special(gil, v, "__repr__").is_some() {
            return repr(gil, v);
        }
    }
    builtin_str(gil, v)
}

/// Call a user `__str__` / `__repr__`, which must return a `str`.
fn string_result(gil: Gil<'_>, what: &'static str, f: Value, v: &Value) -> Result<String, PyErr> {
    let r = crate::native::call_detached(gil, what, &f, vec![v.clone()])?;
    match r {
        Value::Str(s) => Ok(s.as_str().to_owned()),
        other => Err(super::exception::type_error(format!(
            "{what} returned non-string (type {})",
            type_name(&other)
        ))),
    }
}

/// `str(v)` without looking for a user `__str__` (`BaseException.__str__`).
pub fn builtin_str(gil: Gil<'_>, v: &Value) -> Result<String, PyErr> {
    match v {
        Value::Str(s) => Ok(s.as_str().to_owned()),
        Value::Exception(e) => {
            let exc = &super::types::types().exc;
            if e.typ.is_subtype(&exc.os_error) {
                if let Some(s) = super::os_error::str(gil, e)? {
                    return Ok(s);
                }
            }
            if let Some(s) = super::unicode_error::str(gil, e)? {
                return Ok(s);
            }
            if e.typ.is_subtype(&exc.syntax_error) {
                return syntax_error_str(gil, e);
            }
            // CPython's `ImportError_str`: its `msg` when set.
            if e.typ.is_subtype(&exc.import_error) {
                if let Some(m) = e.attr(gil, "msg").filter(|m| !m.is(&Value::None)) {
                    return str_of(gil, &m);
                }
            }
            let args = e.args(gil);
            Ok(match args.len() {
                0 => String::new(),
                1 if e.typ.is_subtype(&exc.key_error) => repr(gil, &args[0])?,
                1 => str_of(gil, &args[0])?,
                _ => repr(gil, &Value::tuple(args))?,
            })
        }
        _ => builtin_repr(gil, v),
    }
}

/// CPython's `SyntaxError_str`: `msg (file.py, line N)`, the file's base name; the
/// parts it lacks left out.
fn syntax_error_str(gil: Gil<'_>, e: &super::exception::ExcObj) -> Result<String, PyErr> {
    let msg = e
        .attr(gil, "msg")
        .or_else(|| e.arg0(gil))
        .unwrap_or(Value::None);
    let msg = str_of(gil, &msg)?;
    let file = match e.attr(gil, "filename") {
        Some(Value::Str(f)) => Some(f.as_str().rsplit('/').next().unwrap_or("").to_owned()),
        _ => None,
    };
    let line = match e.attr(gil, "lineno") {
        Some(l @ (Value::Int(_) | Value::Big(_))) => Some(str_of(gil, &l)?),
        _ => None,
    };
    Ok(match (file, line) {
        (Some(f), Some(l)) => format!("{msg} ({f}, line {l})"),
        (Some(f), None) => format!("{msg} ({f})"),
        (None, Some(l)) => format!("{msg} (line {l})"),
        (None, None) => msg,
    })
}

/// `repr(v)` without looking for a user `__repr__` (`BaseException.__repr__`).
pub fn builtin_repr(gil: Gil<'_>, v: &Value) -> Result<String, PyErr> {
    let mut out = String::new();
    write_builtin_repr(gil, v, &mut out)?;
    Ok(out)
}

/// The repr of an instance of `cls`, a class deriving from a module type, from its
/// object's repr `r`: the name of the type in it is the class's, as CPython's reprs
/// take it from the object's type (`A('i', [1, 2])` for an `array.array`
/// subclass, `<__main__.Q object at 0x...>` for a `_queue.SimpleQueue` one).
fn native_subclass_repr(
    v: &Value,
    cls: &super::rc::Arc<super::types::PyType>,
    r: String,
) -> String {
    let base = super::class::builtin_base(cls);
    let full = base.qualified_name();
    if r.starts_with(&format!("<{full} object at ")) {
        return super::methods::default_repr(v);
    }
    if let Some(i) = r.find(&full) {
        return format!("{}{}{}", &r[..i], cls.name, &r[i + full.len()..]);
    }
    match r.strip_prefix(base.name.as_str()) {
        Some(rest) if rest.starts_with('(') => format!("{}{rest}", cls.name),
        _ => r,
    }
}

/// `repr(v)`.
pub fn repr(gil: Gil<'_>, v: &Value) -> Result<String, PyErr> {
    let mut out = String::new();
    write_repr(gil, v, &mut out)?;
    Ok(out)
}

/// A string literal the way `repr(str)` writes it: single quotes unless the text
/// contains a single quote and no double quote.
pub fn str_repr(s: &str) -> Result<String, PyErr> {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = super::memory::string_with(s.len() + 2)?;
    out.push(quote);
    for c in s.chars() {
        // (The longest escape, `\U0001f600`, takes 10 bytes.)
        super::memory::spare_string(&mut out, 10)?;
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if is_unprintable(c) => {
                let n = super::str::code_point(c);
                let _ = if n <= 0xff {
                    write!(out, "\\x{n:02x}")
                } else if n <= 0xffff {
                    write!(out, "\\u{n:04x}")
                } else {
                    write!(out, "\\U{n:08x}")
                };
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    Ok(out)
}

/// Non-printable code points that `repr` escapes, as CPython's `Py_UNICODE_ISPRINTABLE`
/// (for code points past ASCII): the categories `Cc`, `Cf`, `Cs`, `Co`, `Cn`, `Zl`,
/// `Zp` and `Zs` of Unicode 14.0, CPython 3.11's database (`objects::ucd`).
pub fn is_unprintable(c: char) -> bool {
    if c.is_ascii() {
        return c < ' ' || c == '\x7f';
    }
    let cp = super::str::code_point(c);
    let i = super::ucd::RUNS_V14.partition_point(|(start, _)| *start <= cp) - 1;
    let cat =
        super::ucd::CATEGORY[super::ucd::PROPS_V14[super::ucd::RUNS_V14[i].1 as usize].0 as usize];
    matches!(cat, "Cc" | "Cf" | "Cs" | "Co" | "Cn" | "Zl" | "Zp" | "Zs")
}

/// `repr(bytes)`: `b'...'` with `\xNN` escapes.
pub fn bytes_repr(b: &[u8]) -> Result<String, PyErr> {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    let mut out = super::memory::string_with(b.len() + 3)?;
    out.push('b');
    out.push(quote);
    for &c in b {
        super::memory::spare_string(&mut out, 4)?;
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c as char == quote => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(c as char),
            c => {
                let _ = write!(out, "\\x{c:02x}");
            }
        }
    }
    out.push(quote);
    Ok(out)
}

fn write_repr(gil: Gil<'_>, v: &Value, out: &mut String) -> Result<(), PyErr> {
    if super::class::is_user(v) || super::class::has_meta(v) {
        if let Some(f) = super::class::special(gil, v, "__repr__") {
            out.push_str(&string_result(gil, "__repr__", f, v)?);
            return Ok(());
        }
    }
    write_builtin_repr(gil, v, out)
}

fn write_builtin_repr(gil: Gil<'_>, v: &Value, out: &mut String) -> Result<(), PyErr> {
    match v {
        Value::NotImplemented => out.push_str("NotImplemented"),
        // `set`, `frozenset` and `bytearray` name the subclass: `Tags({1, 2})`.
        Value::Instance(i)
            if matches!(
                i.base,
                Value::Set(_) | Value::FrozenSet(_) | Value::ByteArray(_)
            ) =>
        {
            let empty = match &i.base {
                Value::Set(s) => s.borrow(gil).is_empty(),
                Value::FrozenSet(s) => s.is_empty(),
                _ => false,
            };
            out.push_str(&i.class().name);
            out.push('(');
            match &i.base {
                _ if empty => {}
                Value::FrozenSet(s) => {
                    let as_set = Value::Set(crate::objects::rc::Arc::new(
                        super::gil::GilCell::new((**s).clone()),
                    ));
                    write_repr(gil, &as_set, out)?
                }
                Value::ByteArray(b) => super::memory::push_str(out, &bytes_repr(&b.borrow(gil))?)?,
                b => write_repr(gil, b, out)?,
            }
            out.push(')');
        }
        Value::Instance(i)
            if matches!(i.base, Value::Object(_))
                || matches!(&i.base, Value::Iter(it) if matches!(&*it.borrow(gil), super::iter::Iter::Native(n) if n.py_type().is_some())) =>
        {
            let r = builtin_repr(gil, &i.base)?;
            super::memory::push_str(out, &native_subclass_repr(v, i.class(), r))?
        }
        Value::Instance(i)
            if !i.base.is_null() && !matches!(i.base, Value::Cell(_) | Value::Iter(_)) =>
        {
            write_repr(gil, &i.base, out)?
        }
        Value::Instance(i) if super::class::super_payload(gil, v).is_some() => {
            if let Value::Cell(c) = &i.base {
                let s = c.borrow(gil).clone();
                write_repr(gil, &s, out)?
            }
        }
        Value::Instance(_) => out.push_str(&super::methods::default_repr(v)),
        Value::Method(m) => {
            let name = match &m.func {
                Value::Function(f) => f.current_qualname(gil).into_owned(),
                other => type_name(other),
            };
            let _ = write!(out, "<bound method {name} of ");
            write_repr(gil, &m.this, out)?;
            out.push('>');
        }
        Value::Descr(d) => match &**d {
            super::class::Descr::StaticMethod(f) | super::class::Descr::ClassMethod(f) => {
                let _ = write!(out, "<{}(", d.type_name());
                write_repr(gil, f, out)?;
                out.push_str(")>");
            }
            super::class::Descr::Property { .. } => {
                let _ = write!(
                    out,
                    "<property object at 0x{:x}>",
                    v.heap_ptr().unwrap_or(0)
                );
            }
        },
        Value::Super(s) => {
            let _ = write!(out, "<super: <class '{}'>, ", s.class.name);
            match &s.this {
                Value::Null => out.push_str("NULL>"),
                Value::Type(t) => {
                    let _ = write!(out, "<{} object>>", t.name);
                }
                other => {
                    let _ = write!(out, "<{} object>>", type_name(other));
                }
            }
        }
        Value::Null => out.push_str("<NULL>"),
        Value::None => out.push_str("None"),
        Value::Ellipsis => out.push_str("Ellipsis"),
        Value::Bool(b) => out.push_str(if b.get() { "True" } else { "False" }),
        Value::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Value::Big(b) => out.push_str(&super::int::big_to_decimal(b)?),
        Value::Float(f) => out.push_str(&super::float::repr(f.get())),
        Value::Complex(c) => out.push_str(&super::complex::repr(**c)),
        Value::Str(s) => super::memory::push_str(out, &str_repr(s.as_str())?)?,
        Value::Bytes(b) => super::memory::push_str(out, &bytes_repr(b)?)?,
        Value::ByteArray(b) => {
            let r = bytes_repr(&b.borrow(gil))?;
            super::memory::spare_string(out, r.len() + 11)?;
            let _ = write!(out, "bytearray({r})");
        }
        Value::List(l) => {
            let items = l.borrow(gil).clone();
            nested(v, out, "[...]", |out| seq(gil, "[", &items, "]", out))?;
        }
        Value::Tuple(t) => {
            if t.len() == 1 {
                nested(v, out, "(...)", |out| seq(gil, "(", t, ",)", out))?;
            } else {
                nested(v, out, "(...)", |out| seq(gil, "(", t, ")", out))?;
            }
        }
        Value::Dict(d) => {
            let d = d.borrow(gil).clone();
            nested(v, out, "{...}", |out| {
                out.push('{');
                for (i, (k, val)) in d.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    write_repr(gil, k, out)?;
                    out.push_str(": ");
                    write_repr(gil, val, out)?;
                }
                out.push('}');
                Ok(())
            })?;
        }
        Value::Set(_) | Value::FrozenSet(_) => {
            let s = super::compare::set_of(gil, v);
            let frozen = matches!(v, Value::FrozenSet(_));
            let name = if frozen { "frozenset" } else { "set" };
            if s.is_empty() {
                let _ = write!(out, "{name}()");
                return Ok(());
            }
            let items: Vec<Value> = s.keys().cloned().collect();
            let (open, close) = if frozen {
                ("frozenset({", "})")
            } else {
                ("{", "}")
            };
            nested(v, out, &format!("{name}(...)"), |out| {
                seq(gil, open, &items, close, out)
            })?;
        }
        Value::Range(r) => out.push_str(&r.repr()?),
        Value::Slice(s) => seq(gil, "slice(", &s[..], ")", out)?,
        Value::Function(f) => {
            let _ = write!(
                out,
                "<function {} at 0x{:x}>",
                f.current_qualname(gil),
                v.heap_ptr().unwrap_or(0)
            );
        }
        Value::Native(n) => match crate::objects::methods::method_owner(n)
            .or_else(|| crate::objects::methods::class_method_owner(n))
        {
            Some(owner) => {
                let _ = write!(out, "<method '{}' of '{owner}' objects>", n.name);
            }
            None => {
                let _ = write!(out, "<built-in function {}>", n.name);
            }
        },
        Value::BoundNative(b) => {
            let what = if crate::objects::methods::is_method_wrapper(&b.0, b.1) {
                format!("method-wrapper '{}'", b.1.name)
            } else {
                format!("built-in method {}", b.1.name)
            };
            let _ = write!(
                out,
                "<{what} of {} object at 0x{:x}>",
                type_name(&b.0),
                b.0.heap_ptr().unwrap_or(0)
            );
        }
        // (Its `__module__` as it is now: `namedtuple` assigns the caller's.)
        Value::Type(t) if t.heap => {
            let module = t
                .dict
                .borrow(gil)
                .get_str(&super::str::PyStr::new("__module__".to_owned()));
            match module.as_ref().map(|m| m.as_str()) {
                Some(Some(m)) if m != "builtins" => {
                    let _ = write!(out, "<class '{m}.{}'>", t.qualname);
                }
                Some(_) => {
                    let _ = write!(out, "<class '{}'>", t.qualname);
                }
                None if &*t.module != "builtins" => {
                    let _ = write!(out, "<class '{}.{}'>", t.module, t.qualname);
                }
                None => {
                    let _ = write!(out, "<class '{}'>", t.qualname);
                }
            }
        }
        Value::Type(t) => {
            let _ = write!(out, "<class '{}'>", t.qualified_name());
        }
        Value::Exception(e) => {
            let items = e.args(gil);
            let args = if items.len() == 1 {
                format!("({})", repr(gil, &items[0])?)
            } else {
                repr(gil, &Value::tuple(items))?
            };
            let _ = write!(out, "{}{}", e.typ.name, args);
        }
        Value::Iter(it) => {
            if let Iter::Native(n) = &*it.borrow(gil) {
                if let Some(s) = n.repr(gil)? {
                    out.push_str(&s);
                    return Ok(());
                }
            }
            let view = it.borrow(gil).view_items(gil);
            match view {
                Some((name, items)) => {
                    let _ = write!(out, "{name}(");
                    seq(gil, "[", &items, "]", out)?;
                    out.push(')');
                }
                None => {
                    let _ = write!(
                        out,
                        "<{} object at 0x{:x}>",
                        it.borrow(gil).type_name(),
                        v.heap_ptr().unwrap_or(0)
                    );
                }
            }
        }
        Value::File(file) => {
            let kind = type_name(v);
            let f = file.borrow(gil);
            let name = str_repr(&f.name)?;
            let _ = match f.binary {
                true => write!(out, "<{kind} name={name}>"),
                // pyvm's text files are always UTF-8.
                false => write!(
                    out,
                    "<{kind} name={name} mode={} encoding='UTF-8'>",
                    str_repr(&f.mode)?
                ),
            };
        }
        Value::Module(m) => {
            // Named by its `__name__` (a module subclass's is set by `__init__`).
            let name = match m.get(gil, "__name__") {
                Some(Value::Str(n)) => n.as_str().to_owned(),
                _ => m.name.clone(),
            };
            let _ = match m.get(gil, "__file__") {
                Some(Value::Str(f)) => write!(out, "<module '{}' from '{}'>", name, f.as_str()),
                _ if crate::native::is_frozen_module(&name) => {
                    write!(out, "<module '{}' (frozen)>", name)
                }
                _ => write!(out, "<module '{}' (built-in)>", name),
            };
        }
        Value::Code(c) => {
            let _ = write!(
                out,
                "<code object {} at 0x{:x}>",
                c.name,
                v.heap_ptr().unwrap_or(0)
            );
        }
        Value::Cell(_) => {
            let _ = write!(out, "<cell at 0x{:x}>", v.heap_ptr().unwrap_or(0));
        }
        Value::Object(o) => {
            nested(v, out, "...", |out| {
                out.push_str(&o.0.repr(gil)?);
                Ok(())
            })?;
        }
        Value::Generator(g) => {
            let _ = write!(
                out,
                "<{} object {} at 0x{:x}>",
                super::types::type_name(v),
                g.borrow(gil).code.qualname,
                v.heap_ptr().unwrap_or(0)
            );
        }
    }
    Ok(())
}

fn seq(
    gil: Gil<'_>,
    open: &str,
    items: &[Value],
    close: &str,
    out: &mut String,
) -> Result<(), PyErr> {
    out.push_str(open);
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        write_repr(gil, item, out)?;
    }
    out.push_str(close);
    Ok(())
}

/// Guard a container's repr against self-reference and unbounded nesting: `body`
/// writes it, or `cycle` is written when `v`'s repr is already being built on this
/// thread (CPython's `Py_ReprEnter`; `collections.deque`'s repr uses it).
pub fn guarded(
    v: &Value,
    out: &mut String,
    cycle: &str,
    body: impl FnOnce(&mut String) -> Result<(), PyErr>,
) -> Result<(), PyErr> {
    nested(v, out, cycle, body)
}

/// See [`guarded`].
fn nested(
    v: &Value,
    out: &mut String,
    cycle: &str,
    body: impl FnOnce(&mut String) -> Result<(), PyErr>,
) -> Result<(), PyErr> {
    let ptr = v.heap_ptr().unwrap_or(0);
    let state = IN_PROGRESS.with(|p| {
        let p = p.borrow();
        if p.contains(&ptr) {
            Some(true)
        } else if p.len() >= MAX_DEPTH || crate::stack::low() {
            Some(false)
        } else {
            None
        }
    });
    match state {
        Some(true) => {
            out.push_str(cycle);
            return Ok(());
        }
        Some(false) => {
            return Err(recursion_error(
                "maximum recursion depth exceeded while getting the repr of an object",
            ))
        }
        None => {}
    }
    IN_PROGRESS.with(|p| p.borrow_mut().push(ptr));
    let r = body(out);
    IN_PROGRESS.with(|p| p.borrow_mut().pop());
    r
}
