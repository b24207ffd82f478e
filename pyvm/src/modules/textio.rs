//! `_textio`: the native half of the frozen `_io` (CPython's `_pyio`, `pyvm/lib/_io.py`):
//! `TextIOWrapper.__next__`'s common case, a whole line already decoded.
//!
//! `for line in file` through `_pyio`'s Python `__next__`/`readline` was 19 times
//! slower than pyvm's native file objects; this function is `TextIOWrapper.__next__`
//! itself, so the loop calls it without a Python frame. It reads and updates the
//! wrapper's own attributes (`_decoded_chars`, `_decoded_chars_used`, `_telling`)
//! exactly as the Python code would, and anything else (no newline in the decoded
//! text, `newline=''` or `'\r\n'`, a subclass's instance dict without them) goes to
//! the Python `_next_slow`, which is `_pyio`'s `__next__`.

use crate::objects::rc::Arc;
use crate::objects::value::PyBool;
use std::sync::OnceLock;

use crate::native::*;
use crate::objects::class::Instance;
use crate::objects::dict::Dict;
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::module::Module;
use crate::objects::str::PyStr;

static MODULE: OnceLock<Arc<Module>> = OnceLock::new();

static FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "textio_next" => textio_next,
];

/// The `_textio` module (one per process).
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    MODULE.get_or_init(|| {
        let m = Module::with_functions(gil, "_textio", FUNCS);
        Arc::new(m)
    })
}

const NAMES: [&str; 6] = [
    "_readtranslate",
    "_readnl",
    "_decoded_chars",
    "_decoded_chars_used",
    "_textio_pos",
    "_telling",
];

/// The attribute name `name` (one of `NAMES`) as a dict key, made once (its hash is
/// kept in it).
fn key(name: &str) -> &'static Arc<PyStr> {
    static KEYS: OnceLock<Vec<Arc<PyStr>>> = OnceLock::new();
    let keys = KEYS.get_or_init(|| {
        NAMES
            .iter()
            .map(|n| Arc::new(PyStr::new((*n).to_owned())))
            .collect()
    });
    let i = NAMES.iter().position(|n| *n == name).unwrap_or(0);
    &keys[i]
}

/// `TextIOWrapper.__next__(self)`.
fn textio_next(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("__next__", 1, 1)?;
    let this = args.at(0);
    if let Value::Instance(i) = this {
        if let Some(line) = fast_line(cx.gil, i) {
            return Ok(line);
        }
    }
    let slow = cx.getattr(this, "_next_slow")?;
    cx.call(&slow, vec![])
}

/// The next line if it is whole in `_decoded_chars` and lines end at `\n` (newline
/// `None`, translated, or `'\n'`).
fn fast_line(gil: Gil<'_>, i: &Instance) -> Option<Value> {
    let mut d = i.dict.borrow_mut(gil);
    let translate = matches!(
        d.get_str(key("_readtranslate")),
        Some(Value::Bool(PyBool::True))
    );
    if !translate && d.get_str(key("_readnl")).as_ref().and_then(Value::as_str) != Some("\n") {
        return None;
    }
    let Some(Value::Str(chars)) = d.get_str(key("_decoded_chars")) else {
        return None;
    };
    let Some(Value::Int(used)) = d.get_str(key("_decoded_chars_used")) else {
        return None;
    };
    let used = usize::try_from(used).ok()?;
    let start = if chars.is_ascii() {
        used
    } else {
        byte_pos(&d, &chars, used).unwrap_or_else(|| chars.byte_offset(used))
    };
    let text = chars.as_str().get(start..)?;
    let end = start + text.find('\n')? + 1;
    let line = &chars.as_str()[start..end];
    let n = if chars.is_ascii() {
        line.len()
    } else {
        line.chars().count()
    };
    let after = used + n;
    let result = Value::str(line);
    set(&mut d, "_decoded_chars_used", Value::Int(after as i64));
    set(&mut d, "_telling", Value::bool(false));
    if !chars.is_ascii() {
        // Where `after` is in bytes, so the next line starts without a scan.
        set(
            &mut d,
            "_textio_pos",
            Value::tuple(vec![
                Value::Str(chars.clone()),
                Value::Int(after as i64),
                Value::Int(end as i64),
            ]),
        );
    }
    Some(result)
}

/// The byte offset of code point `used` remembered for this very string.
fn byte_pos(d: &Dict, chars: &Arc<PyStr>, used: usize) -> Option<usize> {
    let Some(Value::Tuple(t)) = d.get_str(key("_textio_pos")) else {
        return None;
    };
    match (t.first(), t.get(1), t.get(2)) {
        (Some(Value::Str(s)), Some(Value::Int(u)), Some(Value::Int(b)))
            if Arc::ptr_eq(s, chars) && *u as usize == used =>
        {
            Some(*b as usize)
        }
        _ => None,
    }
}

fn set(d: &mut Dict, name: &str, v: Value) {
    // A str key always hashes.
    let _ = d.insert(Value::Str(key(name).clone()), v);
}
