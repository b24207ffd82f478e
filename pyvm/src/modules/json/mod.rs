//! `_json`, the C accelerator of Lib's `json` package, with CPython 3.11's API
//! (`Modules/_json.c`): `scanstring`, `encode_basestring_ascii`,
//! `encode_basestring`, and the classes `make_scanner` (`_json.Scanner`) and
//! `make_encoder` (`_json.Encoder`). Lib's `json/decoder.py`, `encoder.py` and
//! `scanner.py` pick them up, so `json.loads` and `json.dumps` run their whole walk
//! here. The encoder is in `encode.rs`, the scanner in `decode.rs`.
//!
//! ```text
//!  json.dumps(obj) -> JSONEncoder.encode -> iterencode(_one_shot) ->
//!      make_encoder(markers, default, encoder, ...)(obj, 0) -> [text]
//!  json.loads(s)   -> JSONDecoder.decode -> raw_decode -> make_scanner(self)(s, idx)
//!      -> (value, end) or StopIteration(idx)
//! ```
//!
//! Positions are character indices on the Python side and byte offsets inside the
//! scanner (`PyStr::byte_offset` / `char_index` convert at the edges).

mod decode;
mod encode;

use crate::objects::rc::Arc;
use std::sync::OnceLock;

use crate::native::*;
use crate::objects::class;
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::module::Module;
use crate::objects::object::{NativeObject, Object};
use crate::objects::str::PyStr;
use crate::objects::types::{type_name, types};

use decode::{Fail, Hooks, Scanner};
use encode::Encoder;

static JSON: OnceLock<Arc<Module>> = OnceLock::new();

static FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "scanstring" => scanstring,
    "encode_basestring_ascii" => encode_basestring_ascii,
    "encode_basestring" => encode_basestring,
    "_scanner_new" => scanner_new, "_scanner_call" => scanner_call,
    "_encoder_new" => encoder_new, "_encoder_call" => encoder_call,
    "_init" => init,
];

/// The two classes, made from the natives above (which the class bodies pick up
/// from the module namespace and the module then forgets), and the helper that
/// makes `json.decoder.JSONDecodeError` (imported when first needed, as `_json.c`
/// does).
static CLASSES: &str = r#"
class Scanner:
    """JSON scanner object"""
    __module__ = '_json'
    _pyvm_c_type = True
    __new__ = staticmethod(_scanner_new)
    __call__ = _scanner_call
    __init__ = _init

class Encoder:
    """_iterencode(obj, _current_indent_level) -> iterable"""
    __module__ = '_json'
    _pyvm_c_type = True
    __new__ = staticmethod(_encoder_new)
    __call__ = _encoder_call
    __init__ = _init

make_scanner = Scanner
make_encoder = Encoder
del Scanner, Encoder

def _decode_error(msg, doc, pos):
    from json.decoder import JSONDecodeError
    return JSONDecodeError(msg, doc, pos)
"#;

/// The `_json` module (one per process).
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    JSON.get_or_init(|| {
        let m = Module::with_functions(gil, "_json", FUNCS);
        m.set(gil, "__name__", Value::str("_json"));
        m.set(gil, "__doc__", Value::str("json speedups\n"));
        if let Err(e) = run_source(gil, CLASSES, "<frozen _json>", &m.dict) {
            let text = exception_line(gil, &e);
            crate::modules::sys::write_stderr(&format!("_json: {text}\n"));
        }
        for name in [
            "_scanner_new",
            "_scanner_call",
            "_encoder_new",
            "_encoder_call",
            "_init",
        ] {
            let _ = m.dict.borrow_mut(gil).remove(&Value::str(name));
        }
        Arc::new(m)
    })
}

/// `json.decoder.JSONDecodeError(msg, doc, pos)`, `pos` a byte offset into `doc`.
fn decode_error(cx: &mut Cx, msg: &str, doc: &Value, byte_pos: usize) -> deferred::Unwind<PyErr> {
    let pos = match doc {
        Value::Str(s) => s.char_index(byte_pos.min(s.as_str().len())),
        _ => byte_pos,
    };
    let Some(f) = module(cx.gil).get(cx.gil, "_decode_error") else {
        return runtime_error("_json._decode_error is missing").into();
    };
    let args = vec![Value::str(msg), doc.clone(), Value::Int(pos as i64)];
    match cx.call(&f, args) {
        Ok(Value::Exception(e)) => PyErr(e).into(),
        Ok(_) => type_error("exceptions must derive from BaseException").into(),
        Err(e) => e,
    }
}

/// The text of a `str` argument (a `str` subclass reads as its value).
fn text_arg(v: &Value) -> Option<Arc<PyStr>> {
    match class::payload(v).unwrap_or(v) {
        Value::Str(s) => Some(s.clone()),
        _ => None,
    }
}

/// `scanstring(string, end, strict=True) -> (string, end)`: the JSON string whose
/// opening quote is just before character `end`.
fn scanstring(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("scanstring", 2, 3)?;
    let doc = args.at(0);
    let end = index_arg(args.at(1))?;
    let strict = match args.get(2) {
        Some(v) => cx.truthy(v)?,
        None => true,
    };
    let Some(s) = text_arg(doc) else {
        return Err(type_error(format!(
            "first argument must be a string, not {:.80}",
            type_name(doc)
        ))
        .into());
    };
    if end < 0 || end as usize > s.char_len() {
        return Err(value_error("end is out of bounds").into());
    }
    let hooks = Hooks {
        lax: !strict,
        ..Hooks::default()
    };
    let sc = Scanner::new(s.as_str(), &hooks);
    let start = s.byte_offset(end as usize);
    // `_json.c` reads from `end` (the opening quote is before it).
    match sc.string(start) {
        Ok((text, stop)) => Ok(Value::tuple(vec![
            Value::string(text),
            Value::Int(s.char_index(stop) as i64),
        ])),
        Err(Fail::At(msg, pos)) => {
            let doc = Value::Str(s.clone());
            Err(decode_error(cx, msg, &doc, pos))
        }
        Err(Fail::Py(e)) => Err(e),
    }
}

/// A `Py_ssize_t` argument (`n` in `PyArg_ParseTuple`).
fn index_arg(v: &Value) -> Result<i64, PyErr> {
    match class::unwrap_number(v) {
        Value::Int(i) => Ok(i),
        Value::Big(_) => Err(PyErr::msg(
            &types().exc.overflow_error,
            "Python int too large to convert to C ssize_t",
        )),
        _ => arg_int(v, ""),
    }
}

/// `encode_basestring_ascii(string) -> string`: a JSON string literal with every
/// non-ASCII character escaped.
fn encode_basestring_ascii(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    quoted(&args, "encode_basestring_ascii", true)
}

/// `encode_basestring(string) -> string`: a JSON string literal, non-ASCII kept.
fn encode_basestring(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    quoted(&args, "encode_basestring", false)
}

/// The JSON string literal of the one `str` argument of `name`.
fn quoted(args: &Args, name: &str, ascii: bool) -> PyResult<Value> {
    args.check(name, 1, 1)?;
    let Some(s) = text_arg(args.at(0)) else {
        return Err(type_error(format!(
            "first argument must be a string, not {:.80}",
            type_name(args.at(0))
        ))
        .into());
    };
    let mut out = String::new();
    encode::quote_str(&mut out, s.as_str(), ascii)?;
    Ok(Value::string(out))
}

/// `__init__` of the two classes: `__new__` took the arguments (as `object.__init__`
/// ignores them when a type's `__new__` is its own).
fn init(_cx: &mut Cx, _args: Args) -> PyResult<Value> {
    Ok(Value::None)
}

/// `cls` of a `__new__(cls, ...)` call.
fn new_cls(args: &mut Args, what: &str) -> Result<Arc<crate::objects::types::PyType>, PyErr> {
    if args.pos.is_empty() {
        return Err(type_error(format!(
            "{what}.__new__(): not enough arguments"
        )));
    }
    match args.pos.remove(0) {
        Value::Type(t) => Ok(t),
        v => Err(type_error(format!(
            "{what}.__new__(X): X is not a type object ({})",
            type_name(&v)
        ))),
    }
}

/// Positional-or-keyword arguments by name, as `PyArg_ParseTupleAndKeywords` binds
/// them (all required).
fn bind_all(mut args: Args, fname: &str, names: &[&str]) -> Result<Vec<Value>, PyErr> {
    if args.pos.len() > names.len() {
        return Err(type_error(format!(
            "{fname}() takes at most {} arguments ({} given)",
            names.len(),
            args.pos.len() + args.kw.len()
        )));
    }
    let mut out: Vec<Value> = std::mem::take(&mut args.pos).into_iter().collect();
    for (i, name) in names.iter().enumerate().skip(out.len()) {
        match args.take_kw(name) {
            Some(v) => out.push(v),
            None => {
                return Err(type_error(format!(
                    "{fname}() missing required argument '{name}' (pos {})",
                    i + 1
                )))
            }
        }
    }
    if let Some((k, _)) = args.kw.first() {
        let msg = match names.iter().any(|n| n == k) {
            true => format!("argument for {fname}() given by name ('{k}') and position"),
            false => format!("'{k}' is an invalid keyword argument for {fname}()"),
        };
        return Err(type_error(msg));
    }
    Ok(out)
}

/// The scanner state inside a `_json.Scanner` instance: the context's hooks.
struct ScannerObj {
    hooks: Hooks,
    keys: decode::KeyCache,
}

impl NativeObject for ScannerObj {
    fn type_name(&self) -> &'static str {
        "_json.Scanner"
    }

    fn repr(&self, _gil: Gil<'_>) -> Result<String, PyErr> {
        Ok(format!(
            "<_json.Scanner object at {:#x}>",
            self as *const Self as usize
        ))
    }

    fn getattr(&self, _gil: Gil<'_>, _name: &str) -> Option<Value> {
        None
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// `make_scanner(context)`: reads `strict`, `object_hook`, `object_pairs_hook`,
/// `parse_float`, `parse_int` and `parse_constant` from the context, in that order;
/// they are also the scanner's attributes.
fn scanner_new(cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    let cls = new_cls(&mut args, "Scanner")?;
    let a = bind_all(args, "make_scanner", &["context"])?;
    let ctx = &a[0];
    let strict_v = cx.load_attr(ctx, "strict")?;
    let strict = cx.truthy(&strict_v)?;
    let mut attrs = vec![("strict", Value::bool(strict))];
    let mut hook = |cx: &mut Cx, name: &'static str| -> PyResult<Value> {
        let v = cx.load_attr(ctx, name)?;
        attrs.push((name, v.clone()));
        Ok(v)
    };
    let some = |v: Value| (!matches!(v, Value::None)).then_some(v);
    let object_hook = some(hook(cx, "object_hook")?);
    let object_pairs_hook = some(hook(cx, "object_pairs_hook")?);
    let is_type = |v: &Value, t: &Arc<crate::objects::types::PyType>| matches!(v, Value::Type(x) if Arc::ptr_eq(x, t));
    // `float` and `int` are the scanner's own conversions (`_json.c`'s fast paths).
    let parse_float = hook(cx, "parse_float")?;
    let parse_float = (!is_type(&parse_float, &types().float)).then_some(parse_float);
    let parse_int = hook(cx, "parse_int")?;
    let parse_int = (!is_type(&parse_int, &types().int)).then_some(parse_int);
    let parse_constant = some(hook(cx, "parse_constant")?);
    let hooks = Hooks {
        object_hook,
        object_pairs_hook,
        parse_float,
        parse_int,
        parse_constant,
        lax: !strict,
    };
    let this = class::instance_with(
        cls,
        Value::Object(Arc::new(Object(Box::new(ScannerObj {
            hooks,
            keys: Default::default(),
        })))),
    );
    for (name, v) in attrs {
        cx.store_attr(&this, name, Some(v))?;
    }
    Ok(this)
}

/// `scanner(string, idx) -> (value, end)`; `StopIteration(idx)` when no value starts
/// at `idx`.
fn scanner_call(cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    if args.pos.is_empty() {
        return Err(type_error("Scanner.__call__(): not enough arguments").into());
    }
    let this = args.pos.remove(0);
    let a = bind_all(args, "scan_once", &["string", "idx"])?;
    let inner = class::payload(&this).unwrap_or(&this).clone();
    let Some(sc) = (match &inner {
        Value::Object(o) => o.0.as_any().downcast_ref::<ScannerObj>(),
        _ => None,
    }) else {
        return Err(type_error(format!(
            "descriptor '__call__' requires a '_json.Scanner' object but received a '{}'",
            type_name(&this)
        ))
        .into());
    };
    let Some(s) = text_arg(&a[0]) else {
        return Err(type_error(format!(
            "first argument must be a string, not {:.80}",
            type_name(&a[0])
        ))
        .into());
    };
    let idx = index_arg(&a[1])?;
    if idx < 0 {
        return Err(value_error("idx cannot be negative").into());
    }
    let stop = |i: i64| PyErr::new(&types().exc.stop_iteration, vec![Value::Int(i)]);
    if idx as usize >= s.char_len() {
        return Err(stop(idx).into());
    }
    let start = s.byte_offset(idx as usize);
    let mut scanner = Scanner::new(s.as_str(), &sc.hooks);
    scanner.keys = Some(&sc.keys);
    match scanner.value(cx, start) {
        Ok((v, end)) => Ok(Value::tuple(vec![v, Value::Int(s.char_index(end) as i64)])),
        // No value at a position: `_json.c` raises StopIteration there, which
        // `raw_decode` turns into "Expecting value".
        Err(Fail::At("Expecting value", pos)) => Err(stop(s.char_index(pos) as i64).into()),
        Err(Fail::At(msg, pos)) => {
            let doc = Value::Str(s.clone());
            Err(decode_error(cx, msg, &doc, pos))
        }
        Err(Fail::Py(e)) => Err(e),
    }
}

/// The encoder inside a `_json.Encoder` instance.
struct EncoderObj {
    enc: Encoder,
}

impl NativeObject for EncoderObj {
    fn type_name(&self) -> &'static str {
        "_json.Encoder"
    }

    fn repr(&self, _gil: Gil<'_>) -> Result<String, PyErr> {
        Ok(format!(
            "<_json.Encoder object at {:#x}>",
            self as *const Self as usize
        ))
    }

    fn getattr(&self, _gil: Gil<'_>, _name: &str) -> Option<Value> {
        None
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// Is `v` this module's native `name`?
fn is_native(v: &Value, name: &str) -> bool {
    matches!(v, Value::Native(d) if std::ptr::eq(*d, FUNCS.iter().find(|f| f.name == name).unwrap_or(&FUNCS[0])) && d.name == name)
}

/// `make_encoder(markers, default, encoder, indent, key_separator, item_separator,
/// sort_keys, skipkeys, allow_nan)`. `indent` is kept but not used (as in 3.11's C
/// encoder: Lib's `json` uses it only without indent).
fn encoder_new(cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    let cls = new_cls(&mut args, "Encoder")?;
    let a = bind_all(
        args,
        "make_encoder",
        &[
            "markers",
            "default",
            "encoder",
            "indent",
            "key_separator",
            "item_separator",
            "sort_keys",
            "skipkeys",
            "allow_nan",
        ],
    )?;
    let markers = &a[0];
    if !matches!(markers, Value::None | Value::Dict(_)) {
        return Err(type_error(format!(
            "make_encoder() argument 1 must be dict or None, not {:.200}",
            type_name(markers)
        ))
        .into());
    }
    let sep = |i: usize| -> Result<String, PyErr> {
        match &a[i] {
            Value::Str(s) => Ok(s.as_str().to_owned()),
            v => match class::payload(v) {
                Some(Value::Str(s)) => Ok(s.as_str().to_owned()),
                _ => Err(type_error(format!(
                    "make_encoder() argument {} must be str, not {}",
                    i + 1,
                    type_name(v)
                ))),
            },
        }
    };
    let key_sep = sep(4)?;
    let item_sep = sep(5)?;
    let sort_keys = cx.truthy(&a[6])?;
    let skipkeys = cx.truthy(&a[7])?;
    let allow_nan = cx.truthy(&a[8])?;
    let encoder = &a[2];
    let (ensure_ascii, str_encoder) = if is_native(encoder, "encode_basestring_ascii") {
        (true, None)
    } else if is_native(encoder, "encode_basestring") {
        (false, None)
    } else {
        (true, Some(encoder.clone()))
    };
    let enc = Encoder {
        skipkeys,
        ensure_ascii,
        check_circular: !matches!(markers, Value::None),
        allow_nan,
        sort_keys,
        item_sep,
        key_sep,
        default: Some(a[1].clone()),
        str_encoder,
    };
    Ok(class::instance_with(
        cls,
        Value::Object(Arc::new(Object(Box::new(EncoderObj { enc })))),
    ))
}

/// `encoder(obj, _current_indent_level) -> [text]`.
fn encoder_call(cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    if args.pos.is_empty() {
        return Err(type_error("Encoder.__call__(): not enough arguments").into());
    }
    let this = args.pos.remove(0);
    let a = bind_all(args, "_iterencode", &["obj", "_current_indent_level"])?;
    index_arg(&a[1])?;
    let inner = class::payload(&this).unwrap_or(&this).clone();
    let Some(e) = (match &inner {
        Value::Object(o) => o.0.as_any().downcast_ref::<EncoderObj>(),
        _ => None,
    }) else {
        return Err(type_error(format!(
            "descriptor '__call__' requires a '_json.Encoder' object but received a '{}'",
            type_name(&this)
        ))
        .into());
    };
    let text = e.enc.encode(cx, &a[0])?;
    Ok(Value::list(vec![Value::string(text)]))
}
