//! `_codecs`: the codec registry (`register`, `lookup`, the search functions Lib's
//! `encodings` package registers), the error-handler registry, and the codec
//! functions Lib's `encodings/*.py` modules are made of (`utf_8_decode`,
//! `charmap_encode`, ...), with CPython's semantics: decoders take `final` and
//! return `(str, consumed)`, encoders return `(bytes, consumed)`.
//!
//! It is also the one place `str.encode` and `bytes.decode` go through
//! ([`encode_text`], [`decode_bytes`], reached from `native`): UTF-8, UTF-16,
//! UTF-32, ASCII and Latin-1 are encoded here directly, as CPython's fast paths do;
//! any other name is looked up in the registry (importing `encodings` at the first
//! lookup, as CPython's interpreter does at start-up).

mod charmap;
mod errors;
pub(crate) mod escape;
mod utf;

use crate::objects::rc::Arc;
use std::collections::HashMap;
use std::sync::OnceLock;

use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::{Gil, GilCell};
use crate::objects::module::Module;
use crate::objects::str::PyStr;
use crate::objects::types::{type_name, types};

static MODULE: OnceLock<Arc<Module>> = OnceLock::new();

static FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "register" => register, "unregister" => unregister, "lookup" => lookup,
    "_forget_codec" => forget_codec, "encode" => encode, "decode" => decode,
    "register_error" => register_error, "lookup_error" => lookup_error,
    "readbuffer_encode" => readbuffer_encode,
    "utf_8_encode" => utf::utf_8_encode, "utf_8_decode" => utf::utf_8_decode,
    "utf_7_encode" => utf::utf_7_encode, "utf_7_decode" => utf::utf_7_decode,
    "utf_16_encode" => utf::utf_16_encode, "utf_16_decode" => utf::utf_16_decode,
    "utf_16_le_encode" => utf::utf_16_le_encode, "utf_16_le_decode" => utf::utf_16_le_decode,
    "utf_16_be_encode" => utf::utf_16_be_encode, "utf_16_be_decode" => utf::utf_16_be_decode,
    "utf_16_ex_decode" => utf::utf_16_ex_decode,
    "utf_32_encode" => utf::utf_32_encode, "utf_32_decode" => utf::utf_32_decode,
    "utf_32_le_encode" => utf::utf_32_le_encode, "utf_32_le_decode" => utf::utf_32_le_decode,
    "utf_32_be_encode" => utf::utf_32_be_encode, "utf_32_be_decode" => utf::utf_32_be_decode,
    "utf_32_ex_decode" => utf::utf_32_ex_decode,
    "latin_1_encode" => charmap::latin_1_encode, "latin_1_decode" => charmap::latin_1_decode,
    "ascii_encode" => charmap::ascii_encode, "ascii_decode" => charmap::ascii_decode,
    "charmap_encode" => charmap::charmap_encode, "charmap_decode" => charmap::charmap_decode,
    "charmap_build" => charmap::charmap_build,
    "unicode_escape_encode" => escape::unicode_escape_encode,
    "unicode_escape_decode" => escape::unicode_escape_decode,
    "raw_unicode_escape_encode" => escape::raw_unicode_escape_encode,
    "raw_unicode_escape_decode" => escape::raw_unicode_escape_decode,
    "escape_encode" => escape::escape_encode, "escape_decode" => escape::escape_decode,
];

/// One of this module's functions or built-in error handlers.
pub fn is_function(def: &NativeDef) -> bool {
    let p = def as *const NativeDef;
    FUNCS.as_ptr_range().contains(&p) || errors::HANDLERS.as_ptr_range().contains(&p)
}

/// The `_codecs` module (one per process).
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    MODULE.get_or_init(|| {
        let m = Module::with_functions(gil, "_codecs", FUNCS);
        Arc::new(m)
    })
}

/// The process's registries (CPython keeps them per interpreter).
#[derive(Default)]
struct Registry {
    search: Vec<Value>,
    cache: HashMap<String, Value>,
    errors: HashMap<String, Value>,
    /// `encodings` was imported (or is being imported).
    started: bool,
}

static REGISTRY: OnceLock<GilCell<Registry>> = OnceLock::new();

fn registry() -> &'static GilCell<Registry> {
    REGISTRY.get_or_init(|| GilCell::new(Registry::default()))
}

// --- argument helpers shared by the codecs -----------------------------------------

pub(super) fn arg_text(v: &Value, name: &str) -> Result<Arc<PyStr>, PyErr> {
    match crate::objects::class::payload(v).unwrap_or(v) {
        Value::Str(s) => Ok(s.clone()),
        _ => Err(type_error(format!(
            "{name}() argument 1 must be str, not {}",
            type_name(v)
        ))),
    }
}

/// The one `str` argument of `lookup(encoding)` and its kin.
fn name_arg<'v>(v: &'v Value, fname: &str) -> Result<&'v str, PyErr> {
    v.as_str().ok_or_else(|| {
        type_error(format!(
            "{fname}() argument must be str, not {}",
            type_name(v)
        ))
    })
}

pub(super) fn arg_errors(v: Option<&Value>, name: &str) -> Result<String, PyErr> {
    match v {
        None | Some(Value::None) => Ok("strict".to_owned()),
        Some(Value::Str(s)) => Ok(s.as_str().to_owned()),
        Some(v) => Err(type_error(format!(
            "{name}() argument 2 must be str or None, not {}",
            type_name(v)
        ))),
    }
}

pub(super) fn arg_final(cx: &mut Cx, v: Option<&Value>) -> PyResult<bool> {
    match v {
        None => Ok(false),
        Some(v) => cx.truthy(v),
    }
}

pub(super) fn input_bytes(cx: &mut Cx, v: &Value) -> Result<Vec<u8>, PyErr> {
    bytes_arg(cx.gil, v)
}

pub(super) fn pair_bytes(b: Vec<u8>, n: usize) -> Value {
    Value::tuple(vec![Value::Bytes(Arc::new(b)), Value::Int(n as i64)])
}

pub(super) fn pair_str(s: String, n: usize) -> Value {
    Value::tuple(vec![Value::string(s), Value::Int(n as i64)])
}

/// CPython's `_Py_normalize_encoding`: lower case, every run of characters other
/// than letters, digits and `.` made one `_` (none at the start or end).
pub fn normalize(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut punct = false;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() || c == '.' {
            if punct && !out.is_empty() {
                out.push('_');
            }
            punct = false;
            out.push(c.to_ascii_lowercase());
        } else {
            punct = true;
        }
    }
    out
}

/// The registry's key for a name (CPython's `normalizestring`, which is
/// `_Py_normalize_encoding`: `'Ünï-X'` is `'n_x'`).
fn lookup_key(name: &str) -> String {
    normalize(name)
}

// --- the codec registry --------------------------------------------------------------

fn register(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("register", 1, 1)?;
    let f = args.at(0).clone();
    if !callable(cx, &f)? {
        return Err(type_error("argument must be callable").into());
    }
    registry().borrow_mut(cx.gil).search.push(f);
    Ok(Value::None)
}

fn unregister(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("unregister", 1, 1)?;
    let f = args.at(0);
    let mut r = registry().borrow_mut(cx.gil);
    if let Some(i) = r.search.iter().position(|s| s.is(f)) {
        r.search.remove(i);
        r.cache.clear();
    }
    Ok(Value::None)
}

fn callable(cx: &mut Cx, v: &Value) -> PyResult<bool> {
    if is_callable(v) {
        return Ok(true);
    }
    let f = builtin_function(cx.gil, "callable");
    let r = cx.call(&f, vec![v.clone()])?;
    cx.truthy(&r)
}

/// Import `encodings`, which registers its search function, until an import of it
/// has ended. (Marked before the import, a second OS thread or micro-thread looking
/// up a codec while the first imports it found no search function: now its import
/// waits for the first one's.)
fn start(cx: &mut Cx) -> PyResult<()> {
    if registry().borrow(cx.gil).started {
        return Ok(());
    }
    let import = builtin_function(cx.gil, "__import__");
    cx.call(&import, vec![Value::str("encodings")])?;
    registry().borrow_mut(cx.gil).started = true;
    Ok(())
}

/// `codecs.lookup(encoding)`: the `CodecInfo` the search functions return.
pub fn lookup_codec(cx: &mut Cx, encoding: &str) -> PyResult<Value> {
    start(cx)?;
    let key = lookup_key(encoding);
    let (cached, search) = {
        let r = registry().borrow(cx.gil);
        (r.cache.get(&key).cloned(), r.search.clone())
    };
    if let Some(v) = cached {
        return Ok(v);
    }
    if search.is_empty() {
        return Err(PyErr::msg(
            &types().exc.lookup_error,
            "no codec search functions registered: can't find encoding",
        )
        .into());
    }
    let arg = Value::string(key.clone());
    for f in search {
        let r = cx.call(&f, vec![arg.clone()])?;
        if matches!(r, Value::None) {
            continue;
        }
        let four = matches!(crate::objects::class::payload(&r).unwrap_or(&r),
            Value::Tuple(t) if t.len() == 4);
        if !four {
            return Err(type_error("codec search functions must return 4-tuples").into());
        }
        registry().borrow_mut(cx.gil).cache.insert(key, r.clone());
        return Ok(r);
    }
    Err(PyErr::msg(
        &types().exc.lookup_error,
        format!("unknown encoding: {encoding}"),
    )
    .into())
}

fn lookup(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("lookup", 1, 1)?;
    let name = name_arg(args.at(0), "lookup")?.to_owned();
    lookup_codec(cx, &name)
}

fn forget_codec(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("_forget_codec", 1, 1)?;
    let name = name_arg(args.at(0), "_forget_codec")?;
    registry()
        .borrow_mut(cx.gil)
        .cache
        .remove(&lookup_key(name));
    Ok(Value::None)
}

/// Item `i` of a codec info (a `CodecInfo`, a tuple subclass).
fn codec_item(codec: &Value, i: usize) -> Value {
    match crate::objects::class::payload(codec).unwrap_or(codec) {
        Value::Tuple(t) => t.get(i).cloned().unwrap_or(Value::None),
        _ => Value::None,
    }
}

/// Call a codec's encoder or decoder and take the object from its `(object,
/// length)` result.
fn run_codec(
    cx: &mut Cx,
    f: &Value,
    obj: Value,
    errors: Option<&str>,
    what: &str,
) -> PyResult<Value> {
    let mut args = vec![obj];
    if let Some(e) = errors {
        args.push(Value::str(e));
    }
    let r = cx.call(f, args)?;
    match crate::objects::class::payload(&r).unwrap_or(&r) {
        Value::Tuple(t) if t.len() == 2 => Ok(t[0].clone()),
        _ => Err(type_error(format!("{what} must return a tuple (object, integer)")).into()),
    }
}

fn generic_args(args: Args, name: &str) -> PyResult<(Value, String, Option<String>)> {
    let a = clinic(args, name, &["obj", "encoding", "errors"], 1, 3)?;
    let obj = a[0].clone().unwrap_or(Value::None);
    let encoding = match &a[1] {
        None => "utf-8".to_owned(),
        Some(v) => arg_str(v, name, "'encoding'")?.to_owned(),
    };
    let errors = match &a[2] {
        None => None,
        Some(v) => Some(arg_str(v, name, "'errors'")?.to_owned()),
    };
    Ok((obj, encoding, errors))
}

/// `codecs.encode(obj, encoding='utf-8', errors='strict')`.
fn encode(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let (obj, encoding, errors) = generic_args(args, "encode")?;
    let codec = lookup_codec(cx, &encoding)?;
    run_codec(
        cx,
        &codec_item(&codec, 0),
        obj,
        errors.as_deref(),
        "encoder",
    )
}

/// `codecs.decode(obj, encoding='utf-8', errors='strict')`.
fn decode(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let (obj, encoding, errors) = generic_args(args, "decode")?;
    let codec = lookup_codec(cx, &encoding)?;
    run_codec(
        cx,
        &codec_item(&codec, 1),
        obj,
        errors.as_deref(),
        "decoder",
    )
}

fn readbuffer_encode(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("readbuffer_encode", 1, 2)?;
    let b = match args.at(0) {
        Value::Str(s) => s.as_str().as_bytes().to_vec(),
        v => bytes_arg(cx.gil, v)?,
    };
    let _ = arg_errors(args.get(1), "readbuffer_encode")?;
    let n = b.len();
    Ok(pair_bytes(b, n))
}

// --- the error-handler registry ------------------------------------------------------

fn register_error(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("register_error", 2, 2)?;
    let name = arg_str(args.at(0), "register_error", "1")?.to_owned();
    let f = args.at(1).clone();
    if !callable(cx, &f)? {
        return Err(type_error("handler must be callable").into());
    }
    registry().borrow_mut(cx.gil).errors.insert(name, f);
    Ok(Value::None)
}

/// The handler registered as `name` (a built-in one unless replaced).
pub(super) fn lookup_error_value(cx: &mut Cx, name: &str) -> PyResult<Value> {
    if let Some(v) = registry().borrow(cx.gil).errors.get(name) {
        return Ok(v.clone());
    }
    if let Some((_, i)) = errors::BUILTIN.iter().find(|(n, _)| *n == name) {
        return Ok(Value::Native(&errors::HANDLERS[*i]));
    }
    Err(PyErr::msg(
        &types().exc.lookup_error,
        format!("unknown error handler name '{name}'"),
    )
    .into())
}

fn lookup_error(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("lookup_error", 1, 1)?;
    let name = name_arg(args.at(0), "lookup_error")?.to_owned();
    lookup_error_value(cx, &name)
}

// --- str.encode and bytes.decode -----------------------------------------------------

/// The fast paths CPython's `PyUnicode_AsEncodedString` / `PyUnicode_Decode` take.
enum Fast {
    Utf8,
    Utf16,
    Utf32,
    Ascii,
    Latin1,
}

fn fast(encoding: &str) -> Option<Fast> {
    let n = normalize(encoding);
    Some(match n.as_str() {
        "utf_8" | "utf8" => Fast::Utf8,
        "utf_16" | "utf16" => Fast::Utf16,
        "utf_32" | "utf32" => Fast::Utf32,
        "ascii" | "us_ascii" => Fast::Ascii,
        "latin1" | "latin_1" | "iso_8859_1" | "iso8859_1" => Fast::Latin1,
        _ => return None,
    })
}

/// A codec for text: its `_is_text_encoding` must not be false (`rot13`, `hex` are
/// for `codecs.encode` only).
fn text_codec(cx: &mut Cx, encoding: &str, what: &str) -> PyResult<Value> {
    let codec = lookup_codec(cx, encoding)?;
    if !matches!(codec, Value::Tuple(_)) {
        match cx.getattr(&codec, "_is_text_encoding") {
            Ok(v) => {
                if !cx.truthy(&v)? {
                    return Err(PyErr::msg(
                        &types().exc.lookup_error,
                        format!(
                            "'{encoding}' is not a text encoding; use {what} to handle arbitrary codecs"
                        ),
                    )
                    .into());
                }
            }
            Err(deferred::Unwind::Raise(e)) if e.is_instance(&types().exc.attribute_error) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(codec)
}

/// `str.encode(encoding, errors)`.
pub fn encode_text(
    cx: &mut Cx,
    text: &Arc<PyStr>,
    encoding: Option<&str>,
    errors: Option<&str>,
) -> PyResult<Vec<u8>> {
    let how = match encoding {
        None => Some(Fast::Utf8),
        Some(e) => fast(e),
    };
    let errs = errors.unwrap_or("strict");
    match how {
        Some(Fast::Utf8) => return utf::encode_utf8(cx, text, errs),
        Some(Fast::Ascii) => return charmap::encode_limited(cx, text, errs, 128),
        Some(Fast::Latin1) => return charmap::encode_limited(cx, text, errs, 256),
        Some(Fast::Utf16) => return utf::encode_wide(cx, text, errs, 0, false),
        Some(Fast::Utf32) => return utf::encode_wide(cx, text, errs, 0, true),
        None => {}
    }
    let encoding = encoding.unwrap_or("utf-8");
    let codec = text_codec(cx, encoding, "codecs.encode()")?;
    let r = run_codec(
        cx,
        &codec_item(&codec, 0),
        Value::Str(text.clone()),
        errors,
        "encoder",
    )?;
    match r {
        Value::Bytes(b) => Ok(b.to_vec()),
        Value::ByteArray(b) => Ok(b.borrow(cx.gil).clone()),
        other => Err(type_error(format!(
            "'{encoding}' encoder returned '{}' instead of 'bytes'; use codecs.encode() to encode to arbitrary types",
            type_name(&other)
        ))
        .into()),
    }
}

/// `bytes.decode(encoding, errors)`.
pub fn decode_bytes(
    cx: &mut Cx,
    b: &[u8],
    encoding: Option<&str>,
    errors: Option<&str>,
) -> PyResult<String> {
    let how = match encoding {
        None => Some(Fast::Utf8),
        Some(e) => fast(e),
    };
    let errs = errors.unwrap_or("strict");
    match how {
        Some(Fast::Utf8) => return Ok(utf::decode_utf8(cx, b, errs, true)?.0),
        Some(Fast::Ascii) => return charmap::decode_ascii(cx, b, errs),
        Some(Fast::Latin1) => return charmap::decode_latin_1(b),
        Some(Fast::Utf16) => return Ok(utf::decode_utf_wide(cx, b, errs, 0, true, false)?.0),
        Some(Fast::Utf32) => return Ok(utf::decode_utf_wide(cx, b, errs, 0, true, true)?.0),
        None => {}
    }
    let encoding = encoding.unwrap_or("utf-8");
    let codec = text_codec(cx, encoding, "codecs.decode()")?;
    let r = run_codec(
        cx,
        &codec_item(&codec, 1),
        Value::Bytes(Arc::new(b.to_vec())),
        errors,
        "decoder",
    )?;
    match r {
        Value::Str(s) => Ok(s.as_str().to_owned()),
        other => Err(type_error(format!(
            "'{encoding}' decoder returned '{}' instead of 'str'; use codecs.decode() to decode to arbitrary types",
            type_name(&other)
        ))
        .into()),
    }
}
