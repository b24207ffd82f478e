//! `_textio`: the native half of the frozen `_io`'s `TextIOWrapper` (CPython's `_pyio`,
//! `pyvm/lib/_io.py`): `write` with CPython's pending-bytes buffer, and `readline` and
//! `__next__`'s common case, a whole line already decoded.
//!
//! The class stays the Python one (its attributes, `reconfigure`, `tell`/`seek`'s
//! cookies, subclassing); these functions are its methods and read and update its
//! instance dict as the Python code does. `write` is CPython's `textiowrapper_write`:
//! the text, newlines translated, encoded natively for UTF-8, ASCII and Latin-1 (every
//! error handler, as `str.encode`) or by the incremental encoder for any other codec,
//! is added to a pending buffer kept in the native `_pyvm_tw` state (made by
//! `_configure`), which goes to `buffer.write` once it reaches `_CHUNK_SIZE` bytes, on
//! `write_through`, line buffering, or any `flush`, `read`, `readline`, `tell`, `seek`,
//! `close` or `detach` (`_textio_writeflush`). Over a Python `BytesIO`-like buffer this
//! is one `buffer.write` call per 8 KiB in place of one per `write`.
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
use crate::objects::gil::GilCell;
use crate::objects::module::Module;
use crate::objects::object::{NativeObject, Object};
use crate::objects::str::PyStr;
use crate::objects::types::type_name;
use std::borrow::Cow;

static MODULE: OnceLock<Arc<Module>> = OnceLock::new();

static FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "textio_next" => textio_next,
    "textio_readline" => textio_readline,
    "textio_write" => textio_write,
    "textio_writeflush" => textio_writeflush,
    "textio_configure" => textio_configure,
];

/// The `_textio` module (one per process).
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    MODULE.get_or_init(|| {
        let m = Module::with_functions(gil, "_textio", FUNCS);
        for f in super::io_open::FUNCS {
            m.set(gil, f.name, Value::Native(f));
        }
        Arc::new(m)
    })
}

static KEYS: Keys = Keys::new(&[
    "_readtranslate",
    "_readnl",
    "_decoded_chars",
    "_decoded_chars_used",
    "_textio_pos",
    "_telling",
    "_buffer",
    "_pyvm_tw",
    "_decoder",
    "_snapshot",
    "_CHUNK_SIZE",
    "_encoder",
    "_pyvm_c_type",
    "_readuniversal",
]);

/// Attribute names of a class of the frozen `_io` as its instances' dict keys, each
/// made once (interned, its hash kept in it): `_textio`'s and `_bufferedio`'s.
pub(super) struct Keys {
    names: &'static [&'static str],
    keys: OnceLock<Vec<Arc<PyStr>>>,
}

impl Keys {
    pub(super) const fn new(names: &'static [&'static str]) -> Keys {
        Keys {
            names,
            keys: OnceLock::new(),
        }
    }

    /// The key of `name`, one of the names.
    pub(super) fn key(&self, name: &str) -> &Arc<PyStr> {
        let keys = self.keys.get_or_init(|| {
            // The interned names, the very keys the instance dicts hold (stored by
            // code whose names are interned): found without comparing the text.
            self.names
                .iter()
                .map(|n| match crate::objects::str::intern(n) {
                    Value::Str(k) => k,
                    _ => Arc::new(PyStr::new((*n).to_owned())),
                })
                .collect()
        });
        let i = self.names.iter().position(|n| *n == name).unwrap_or(0);
        &keys[i]
    }

    /// The instance's own attribute `name`.
    pub(super) fn get(&self, gil: Gil<'_>, i: &Instance, name: &str) -> Option<Value> {
        i.dict.borrow(gil).get_str(self.key(name))
    }

    /// Sets attribute `name` in an instance dict.
    pub(super) fn set(&self, d: &mut Dict, name: &str, v: Value) {
        // A str key always hashes.
        let _ = d.insert(Value::Str(self.key(name).clone()), v);
    }
}

fn key(name: &str) -> &'static Arc<PyStr> {
    KEYS.key(name)
}

/// How `write` encodes: natively for the codecs CPython's C `TextIOWrapper` has an
/// `encodefunc` for (by the codec's `name`), else through the incremental encoder.
#[derive(Clone, Copy, PartialEq)]
enum Codec {
    Utf8,
    Ascii,
    Latin1,
    Other,
}

impl Codec {
    fn of(name: &str) -> Codec {
        match name {
            "utf-8" => Codec::Utf8,
            "ascii" => Codec::Ascii,
            "iso8859-1" => Codec::Latin1,
            _ => Codec::Other,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Codec::Utf8 => "utf-8",
            Codec::Ascii => "ascii",
            Codec::Latin1 => "latin-1",
            Codec::Other => "",
        }
    }
}

struct WriteConfig {
    codec: Codec,
    errors: String,
    /// What `\n` becomes on write, when translated to something else (`'\r'`, `'\r\n'`).
    writenl: Option<String>,
    line_buffering: bool,
    write_through: bool,
    writable: bool,
}

struct WriteInner {
    config: WriteConfig,
    /// Encoded text not yet given to `buffer.write` (CPython's `pending_bytes`).
    pending: Vec<u8>,
}

/// The write state of a wrapper, `_pyvm_tw` in its dict.
struct WriteState(GilCell<WriteInner>);

impl NativeObject for WriteState {
    fn type_name(&self) -> &'static str {
        "_textio.write_state"
    }
    fn repr(&self, _gil: Gil<'_>) -> Result<String, PyErr> {
        Ok("<_textio.write_state>".to_owned())
    }
    fn getattr(&self, _gil: Gil<'_>, _name: &str) -> Option<Value> {
        None
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

fn get(gil: Gil<'_>, i: &Instance, name: &str) -> Option<Value> {
    KEYS.get(gil, i, name)
}

/// The wrapper's write state, and whether it has one yet.
fn write_state(gil: Gil<'_>, i: &Instance) -> Option<Arc<Object>> {
    match get(gil, i, "_pyvm_tw") {
        Some(Value::Object(o)) if o.0.as_any().is::<WriteState>() => Some(o),
        _ => None,
    }
}

fn ws(o: &Object) -> &WriteState {
    o.0.as_any()
        .downcast_ref::<WriteState>()
        .expect("write_state checked the type")
}

/// Is `i` an instance of `TextIOWrapper` itself (not of a program's subclass)?
fn exact(gil: Gil<'_>, i: &Instance) -> bool {
    i.class()
        .dict
        .borrow(gil)
        .get_str(key("_pyvm_c_type"))
        .is_some()
}

fn instance<'v>(v: &'v Value, meth: &str) -> PyResult<&'v Arc<Instance>> {
    match v {
        Value::Instance(i) => Ok(i),
        other => Err(type_error(format!(
            "descriptor '{meth}' for '_io.TextIOWrapper' objects doesn't apply to a '{}' object",
            type_name(other)
        ))
        .into()),
    }
}

/// `_textio_configure(self, codec_name)`, at the end of `_configure`: the write state
/// from the attributes it set (pending bytes, flushed by `reconfigure`, are kept).
fn textio_configure(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("textio_configure", 2, 2)?;
    let this = args.at(0);
    let i = instance(this, "_configure")?;
    let codec = match args.at(1) {
        Value::Str(s) => Codec::of(s.as_str()),
        _ => Codec::Other,
    };
    let errors = match cx.getattr(this, "_errors")? {
        Value::Str(s) => s.as_str().to_owned(),
        _ => "strict".to_owned(),
    };
    let translate = cx.getattr(this, "_writetranslate")?;
    let writenl = match cx.getattr(this, "_writenl")? {
        Value::Str(s) if cx.truthy(&translate)? && s.as_str() != "\n" => {
            Some(s.as_str().to_owned())
        }
        _ => None,
    };
    let lb = cx.getattr(this, "_line_buffering")?;
    let wt = cx.getattr(this, "_write_through")?;
    let writable = cx.getattr(this, "_pyvm_writable")?;
    let config = WriteConfig {
        codec,
        errors,
        writenl,
        line_buffering: cx.truthy(&lb)?,
        write_through: cx.truthy(&wt)?,
        writable: cx.truthy(&writable)?,
    };
    match write_state(cx.gil, i) {
        Some(o) => ws(&o).0.borrow_mut(cx.gil).config = config,
        None => {
            let st = WriteState(GilCell::new(WriteInner {
                config,
                pending: Vec::new(),
            }));
            set(
                &mut i.dict.borrow_mut(cx.gil),
                "_pyvm_tw",
                Value::Object(Arc::new(Object(Box::new(st)))),
            );
        }
    }
    Ok(Value::None)
}

/// The attached buffer, else CPython's errors for an uninitialized or detached wrapper.
fn attached(gil: Gil<'_>, i: &Instance) -> PyResult<(Value, Arc<Object>)> {
    let Some(st) = write_state(gil, i) else {
        return Err(value_error("I/O operation on uninitialized object").into());
    };
    match get(gil, i, "_buffer") {
        None | Some(Value::None) => Err(value_error("underlying buffer has been detached").into()),
        Some(b) => Ok((b, st)),
    }
}

/// CPython's `CHECK_CLOSED`: the buffer's `closed` for the class itself, the
/// instance's own `closed` for a subclass.
fn check_closed(cx: &mut Cx, this: &Value, i: &Instance, buffer: &Value) -> PyResult<()> {
    let closed = if exact(cx.gil, i) {
        if let Some(c) = crate::modules::memoryio::bytesio_closed(cx.gil, buffer) {
            return match c {
                true => Err(value_error("I/O operation on closed file.").into()),
                false => Ok(()),
            };
        }
        cx.getattr(buffer, "closed")?
    } else {
        cx.getattr(this, "closed")?
    };
    if cx.truthy(&closed)? {
        return Err(value_error("I/O operation on closed file.").into());
    }
    Ok(())
}

/// `_CHUNK_SIZE`: the instance's own, else its class's.
fn chunk_size(cx: &mut Cx, this: &Value, i: &Instance) -> PyResult<usize> {
    let v = match get(cx.gil, i, "_CHUNK_SIZE") {
        Some(v) => v,
        None => match crate::objects::class::lookup(cx.gil, i.class(), key("_CHUNK_SIZE")) {
            Some(v) => v,
            None => cx.getattr(this, "_CHUNK_SIZE")?,
        },
    };
    Ok(match v {
        Value::Int(n) if n > 0 => n as usize,
        _ => 8192,
    })
}

/// CPython's `_textiowrapper_writeflush`: the pending bytes to `buffer.write` (its
/// result unused).
fn writeflush(cx: &mut Cx, st: &WriteState, buffer: &Value) -> PyResult<()> {
    let b = {
        let mut w = st.0.borrow_mut(cx.gil);
        if w.pending.is_empty() {
            return Ok(());
        }
        std::mem::take(&mut w.pending)
    };
    let write = cx.getattr(buffer, "write")?;
    cx.call(&write, vec![Value::Bytes(Arc::new(b))])?;
    Ok(())
}

/// `_textio_writeflush(self)`: the pending bytes written out (nothing when detached or
/// never configured).
fn textio_writeflush(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("textio_writeflush", 1, 1)?;
    let i = instance(args.at(0), "_writeflush")?;
    if let Ok((buffer, st)) = attached(cx.gil, i) {
        writeflush(cx, ws(&st), &buffer)?;
    }
    Ok(Value::None)
}

/// The text of a `str` argument (or of a `str` subclass's instance).
fn text_arg(v: &Value) -> Option<&Arc<PyStr>> {
    match v {
        Value::Str(t) => Some(t),
        Value::Instance(i) => match &i.base {
            Value::Str(t) => Some(t),
            _ => None,
        },
        _ => None,
    }
}

/// `TextIOWrapper.write(self, text)` (CPython's `_io_TextIOWrapper_write_impl`).
fn textio_write(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("write", 1, 1)?;
    let this = args.at(0);
    let i = instance(this, "write")?;
    let (buffer, st) = attached(cx.gil, i)?;
    let st = ws(&st);
    let Some(text) = text_arg(args.at(1)) else {
        let got = match args.at(1) {
            Value::None => "None".to_owned(),
            other => type_name(other),
        };
        return Err(type_error(format!("write() argument must be str, not {got}")).into());
    };
    check_closed(cx, this, i, &buffer)?;
    let (codec, translate_to, line_buffering, write_through) = {
        let w = st.0.borrow(cx.gil);
        if !w.config.writable {
            drop(w);
            let f = cx.getattr(this, "_pyvm_not_writable")?;
            return cx.call(&f, vec![]);
        }
        let c = &w.config;
        (
            c.codec,
            c.writenl.clone(),
            c.line_buffering,
            c.write_through,
        )
    };
    let length = text.char_len();
    let s = text.as_str();
    let haslf = (translate_to.is_some() || line_buffering) && s.contains('\n');
    let translated = match (&translate_to, haslf) {
        (Some(nl), true) => Some(Arc::new(PyStr::new(s.replace('\n', nl)))),
        _ => None,
    };
    let t = translated.as_ref().unwrap_or(text);
    let needflush = line_buffering && (haslf || t.as_str().contains('\r'));
    let encoded: Cow<'_, [u8]> = match codec {
        Codec::Utf8 if !t.has_surrogates() => Cow::Borrowed(t.as_str().as_bytes()),
        Codec::Ascii | Codec::Latin1 if t.is_ascii() => Cow::Borrowed(t.as_str().as_bytes()),
        Codec::Utf8 | Codec::Ascii | Codec::Latin1 => {
            let errors = st.0.borrow(cx.gil).config.errors.clone();
            Cow::Owned(crate::modules::codecs::encode_text(
                cx,
                t,
                Some(codec.name()),
                Some(&errors),
            )?)
        }
        Codec::Other => Cow::Owned(encode_other(cx, this, i, t)?),
    };
    let chunk = chunk_size(cx, this, i)?;
    if st.0.borrow(cx.gil).pending.len() + encoded.len() > chunk {
        writeflush(cx, st, &buffer)?;
    }
    let full = {
        let mut w = st.0.borrow_mut(cx.gil);
        w.pending.extend_from_slice(&encoded);
        w.pending.len() >= chunk
    };
    if full || needflush || write_through {
        writeflush(cx, st, &buffer)?;
    }
    if needflush {
        let flush = cx.getattr(&buffer, "flush")?;
        cx.call(&flush, vec![])?;
    }
    forget_decoded(cx, i)?;
    Ok(Value::Int(length as i64))
}

/// The text encoded by the wrapper's incremental encoder (made by `_get_encoder` on
/// first use), which must give `bytes`.
fn encode_other(cx: &mut Cx, this: &Value, i: &Instance, t: &Arc<PyStr>) -> PyResult<Vec<u8>> {
    let encoder = match get(cx.gil, i, "_encoder") {
        Some(e) if !matches!(e, Value::None) => e,
        _ => {
            let f = cx.getattr(this, "_get_encoder")?;
            cx.call(&f, vec![])?
        }
    };
    let encode = cx.getattr(&encoder, "encode")?;
    match cx.call(&encode, vec![Value::Str(t.clone())])? {
        Value::Bytes(b) => Ok(b.to_vec()),
        other => Err(type_error(format!(
            "encoder should return a bytes object, not '{}'",
            type_name(&other)
        ))
        .into()),
    }
}

/// After a write: no decoded text, no snapshot, the decoder reset.
fn forget_decoded(cx: &mut Cx, i: &Instance) -> PyResult<()> {
    let decoder = {
        let mut d = i.dict.borrow_mut(cx.gil);
        let empty = matches!(d.get_str(key("_decoded_chars")), Some(Value::Str(s)) if s.as_str().is_empty())
            && matches!(d.get_str(key("_decoded_chars_used")), Some(Value::Int(0)));
        if !empty {
            set(&mut d, "_decoded_chars", Value::str(""));
            set(&mut d, "_decoded_chars_used", Value::Int(0));
        }
        if !matches!(d.get_str(key("_snapshot")), Some(Value::None)) {
            set(&mut d, "_snapshot", Value::None);
        }
        d.get_str(key("_decoder"))
    };
    match decoder {
        None | Some(Value::None) => Ok(()),
        Some(dec) => {
            let reset = cx.getattr(&dec, "reset")?;
            cx.call(&reset, vec![])?;
            Ok(())
        }
    }
}

/// `TextIOWrapper.__next__(self)`.
fn textio_next(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("__next__", 1, 1)?;
    let this = args.at(0);
    if let Some(line) = decoded_line(cx, this, true)? {
        return Ok(line);
    }
    let slow = cx.getattr(this, "_next_slow")?;
    cx.call(&slow, vec![])
}

/// `TextIOWrapper.readline(self, size=-1)`: a whole line already decoded here,
/// anything else (a size, no line end in the decoded text) by `_readline_slow`.
fn textio_readline(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("readline", 0, 1)?;
    let this = args.at(0);
    let whole = match args.get(1) {
        None => true,
        Some(Value::Int(n)) => *n < 0,
        _ => false,
    };
    if whole {
        if let Some(line) = decoded_line(cx, this, false)? {
            return Ok(line);
        }
    }
    let slow = cx.getattr(this, "_readline_slow")?;
    let rest: Vec<Value> = args.pos[1..].to_vec();
    cx.call(&slow, rest)
}

/// The next line if it is whole in the decoded text (`fast_line`), after CPython's
/// check that the file is not closed. A closed or detached wrapper has no decoded
/// text (`close` and `detach` empty it): the checks are for an attached one whose
/// buffer may have been closed under it.
fn decoded_line(cx: &mut Cx, this: &Value, next: bool) -> PyResult<Option<Value>> {
    let Value::Instance(i) = this else {
        return Ok(None);
    };
    let Some(found) = find_line(cx.gil, i) else {
        return Ok(None);
    };
    let exact_bytesio = exact(cx.gil, i)
        .then(|| crate::modules::memoryio::bytesio_closed(cx.gil, &found.buffer))
        .flatten();
    match exact_bytesio {
        Some(true) => return Err(value_error("I/O operation on closed file.").into()),
        Some(false) => {}
        None => {
            // A closed check that runs a program's code may change the wrapper: the
            // line is taken only from the very text it was found in.
            check_closed(cx, this, i, &found.buffer)?;
            let d = i.dict.borrow(cx.gil);
            let same = matches!(d.get_str(key("_decoded_chars")), Some(Value::Str(c)) if Arc::ptr_eq(&c, &found.chars))
                && matches!(d.get_str(key("_decoded_chars_used")), Some(Value::Int(u)) if u as usize == found.used);
            if !same {
                return Ok(None);
            }
        }
    }
    Ok(Some(take_line(cx.gil, i, found, next)))
}

/// A whole line found in the decoded text: where it is.
struct Found {
    buffer: Value,
    chars: Arc<PyStr>,
    used: usize,
    start: usize,
    end: usize,
}

/// Where the first line of `text` ends (just past its line end), as `readline` finds
/// it: `\n` when translated, any of `\r`, `\r\n`, `\n` for universal newlines (the
/// decoder never splits a `\r\n`), else the given newline.
fn line_end(text: &str, translate: bool, universal: bool, nl: &str) -> Option<usize> {
    if translate {
        return text.find('\n').map(|p| p + 1);
    }
    if universal {
        let p = text.find(['\r', '\n'])?;
        let b = text.as_bytes();
        return Some(if b[p] == b'\r' && b.get(p + 1) == Some(&b'\n') {
            p + 2
        } else {
            p + 1
        });
    }
    if nl.is_empty() {
        return None;
    }
    text.find(nl).map(|p| p + nl.len())
}

/// The next line if it is whole in `_decoded_chars` of an attached wrapper (and no
/// written text is pending).
fn find_line(gil: Gil<'_>, i: &Instance) -> Option<Found> {
    if let Some(st) = write_state(gil, i) {
        if !ws(&st).0.borrow(gil).pending.is_empty() {
            return None;
        }
    }
    let d = i.dict.borrow(gil);
    let buffer = d
        .get_str(key("_buffer"))
        .filter(|b| !matches!(b, Value::None))?;
    let Some(Value::Str(chars)) = d.get_str(key("_decoded_chars")) else {
        return None;
    };
    let Some(Value::Int(used)) = d.get_str(key("_decoded_chars_used")) else {
        return None;
    };
    let used = usize::try_from(used).ok()?;
    if used >= chars.char_len() {
        return None;
    }
    let start = if chars.is_ascii() {
        used
    } else {
        byte_pos(&d, &chars, used).unwrap_or_else(|| chars.byte_offset(used))
    };
    let text = chars.as_str().get(start..)?;
    let is_true = |name| matches!(d.get_str(key(name)), Some(Value::Bool(PyBool::True)));
    let end = if is_true("_readtranslate") {
        line_end(text, true, false, "")
    } else if is_true("_readuniversal") {
        line_end(text, false, true, "")
    } else {
        let readnl = d.get_str(key("_readnl"));
        line_end(
            text,
            false,
            false,
            readnl.as_ref().and_then(Value::as_str).unwrap_or(""),
        )
    }?;
    Some(Found {
        buffer,
        chars,
        used,
        start,
        end: start + end,
    })
}

/// The line found returned, `_decoded_chars_used` moved past it; `__next__` also
/// clears `_telling`.
fn take_line(gil: Gil<'_>, i: &Instance, f: Found, next: bool) -> Value {
    let chars = &f.chars;
    let line = &chars.as_str()[f.start..f.end];
    let n = if chars.is_ascii() {
        line.len()
    } else {
        line.chars().count()
    };
    let after = f.used + n;
    let result = Value::str(line);
    let mut d = i.dict.borrow_mut(gil);
    set(&mut d, "_decoded_chars_used", Value::Int(after as i64));
    if next {
        set(&mut d, "_telling", Value::bool(false));
    }
    if !chars.is_ascii() {
        // Where `after` is in bytes, so the next line starts without a scan.
        set(
            &mut d,
            "_textio_pos",
            Value::tuple(vec![
                Value::Str(chars.clone()),
                Value::Int(after as i64),
                Value::Int(f.end as i64),
            ]),
        );
    }
    result
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
    KEYS.set(d, name, v)
}
