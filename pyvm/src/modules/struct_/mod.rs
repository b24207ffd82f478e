//! `_struct`, the C half of Lib's `struct.py` (which is `from _struct import *`):
//! `Struct`, `pack`, `unpack`, `calcsize`, `pack_into`, `unpack_from` and
//! `iter_unpack` for CPython's format language, with `struct.error` and its messages.
//!
//! ```text
//!  "<2hxq"  ->  order '<' (little, standard sizes, no alignment)
//!               [h x2 @0] [x @4] [q @5]          size 13
//!  "@bq"    ->  order '@' (native: x86-64 sizes, each item aligned to its size)
//!               [b @0] (7 pad) [q @8]            size 16
//! ```

use crate::objects::rc::Arc;
use std::cell::RefCell;
use std::collections::HashMap;
/// A compiled format, shared by the cache and the `Struct`s made from it.
type Shared = std::sync::Arc<Layout>;
use std::sync::OnceLock;

use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::module::Module;
use crate::objects::types::{type_name, types, Kind, PyType};

mod codec;
mod object;

use codec::{pack_values, unpack_values};

static STRUCT: OnceLock<Arc<Module>> = OnceLock::new();
static ERROR: OnceLock<Arc<PyType>> = OnceLock::new();

static FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "pack" => pack, "unpack" => unpack, "calcsize" => calcsize, "pack_into" => pack_into,
    "unpack_from" => unpack_from, "iter_unpack" => iter_unpack, "_clearcache" => clearcache,
    "_s_new" => object::new, "_s_init" => object::init, "_s_pack" => object::m_pack,
    "_s_unpack" => object::m_unpack, "_s_pack_into" => object::m_pack_into,
    "_s_unpack_from" => object::m_unpack_from, "_s_iter_unpack" => object::m_iter_unpack,
    "_s_format" => object::m_format, "_s_size" => object::m_size,
];

/// `_struct.__doc__` (CPython's).
static DOC: &str = "Functions to convert between Python values and C structs.\nPython bytes objects are used to hold the data representing the C struct\nand also as format strings (explained below) to describe the layout of data\nin the C struct.\n\nThe optional first format char indicates byte order, size and alignment:\n  @: native order, size & alignment (default)\n  =: native order, std. size & alignment\n  <: little-endian, std. size & alignment\n  >: big-endian, std. size & alignment\n  !: same as >\n\nThe remaining chars indicate types of args and must match exactly;\nthese can be preceded by a decimal repeat count:\n  x: pad byte (no data); c:char; b:signed byte; B:unsigned byte;\n  ?: _Bool (requires C99; if not available, char is used instead)\n  h:short; H:unsigned short; i:int; I:unsigned int;\n  l:long; L:unsigned long; f:float; d:double; e:half-float.\nSpecial cases (preceding decimal count indicates length):\n  s:string (array of char); p: pascal string (with count byte).\nSpecial cases (only available in native format):\n  n:ssize_t; N:size_t;\n  P:an integer type that is wide enough to hold a pointer.\nSpecial case (not in native mode unless 'long long' in platform C):\n  q:long long; Q:unsigned long long\nWhitespace between formats is ignored.\n\nThe variable struct.error is an exception raised on errors.\n";

/// The `_struct` module (one per process).
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    STRUCT.get_or_init(|| {
        let m = Module::with_functions(gil, "_struct", FUNCS);
        m.set(gil, "error", Value::Type(error_type().clone()));
        m.set(gil, "__name__", Value::str("_struct"));
        m.set(gil, "__doc__", Value::str(DOC));
        if let Err(e) = run_source(gil, object::CLASS, "<frozen _struct>", &m.dict) {
            let text = exception_line(gil, &e);
            crate::modules::sys::write_stderr(&format!("_struct: {text}\n"));
        }
        for name in object::CLASS_NATIVES {
            let _ = m.dict.borrow_mut(gil).remove(&Value::str(name));
        }
        Arc::new(m)
    })
}

/// `_clearcache()`: forget the compiled formats.
fn clearcache(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("_clearcache", 0, 0)?;
    CACHE.with(|c| c.borrow_mut().clear());
    Ok(Value::None)
}

/// `struct.error`, a subclass of `Exception`.
fn error_type() -> &'static Arc<PyType> {
    ERROR.get_or_init(|| {
        Arc::new(PyType::builtin(
            "error",
            "struct",
            Some(&types().exc.exception),
            Kind::Exception,
            None,
        ))
    })
}

pub(crate) fn error(msg: impl Into<String>) -> PyErr {
    PyErr::msg(error_type(), msg)
}

/// One format code with its repeat count, placed at `offset`.
#[derive(Clone, Copy)]
pub(crate) struct Item {
    code: u8,
    /// Repeat count; for `s` and `p`, the byte length of the one field.
    count: usize,
    /// Size of one value in bytes.
    size: usize,
    offset: usize,
}

impl Item {
    /// How many Python values the item packs or unpacks.
    fn values(&self) -> usize {
        match self.code {
            b'x' => 0,
            b's' | b'p' => 1,
            _ => self.count,
        }
    }
}

/// A parsed format: byte order, items, total size and value count.
pub(crate) struct Layout {
    little: bool,
    /// `@`: native sizes, alignment, and C-cast semantics for `f`.
    native: bool,
    items: Vec<Item>,
    size: usize,
    values: usize,
}

/// Size of one value of `code`, or `None` for a bad code.
fn code_size(code: u8, native: bool) -> Option<usize> {
    Some(match code {
        b'x' | b'c' | b'b' | b'B' | b'?' | b's' | b'p' => 1,
        b'h' | b'H' | b'e' => 2,
        b'i' | b'I' | b'f' => 4,
        b'l' | b'L' => {
            if native {
                8
            } else {
                4
            }
        }
        b'q' | b'Q' | b'd' => 8,
        b'n' | b'N' | b'P' if native => 8,
        _ => return None,
    })
}

/// The parsed layout of a format, from a per-thread cache of recent formats (CPython
/// keeps such a cache of `Struct` objects too): parsing per call would cost more
/// than packing.
fn layout(fmt: &Value) -> Result<Shared, PyErr> {
    let text: &[u8] = match fmt {
        Value::Str(s) => s.as_str().as_bytes(),
        Value::Bytes(b) => b,
        _ => return parse(fmt).map(Shared::new),
    };
    CACHE.with(|c| {
        if let Some(l) = c.borrow().get(text) {
            return Ok(l.clone());
        }
        let l = Shared::new(parse(fmt)?);
        let mut c = c.borrow_mut();
        if c.len() >= CACHE_SIZE {
            c.clear();
        }
        c.insert(text.to_vec(), l.clone());
        Ok(l)
    })
}

/// How many formats the cache keeps before it starts over.
const CACHE_SIZE: usize = 100;

thread_local! {
    static CACHE: RefCell<HashMap<Vec<u8>, Shared>> = RefCell::new(HashMap::new());
}

fn parse(fmt: &Value) -> Result<Layout, PyErr> {
    let text: &[u8] = match fmt {
        Value::Str(s) => s.as_str().as_bytes(),
        Value::Bytes(b) => b,
        v => {
            return Err(type_error(format!(
                "Struct() argument 1 must be a str or bytes object, not {}",
                type_name(v)
            )))
        }
    };
    if text.contains(&0) {
        return Err(error("embedded null character"));
    }
    let (order, rest) = match text.first() {
        Some(c @ (b'@' | b'=' | b'<' | b'>' | b'!')) => (*c, &text[1..]),
        _ => (b'@', text),
    };
    let native = order == b'@';
    let little = matches!(order, b'@' | b'=' | b'<');
    let too_long = || error("total struct size too long");
    let mut items = Vec::new();
    let (mut size, mut values) = (0usize, 0usize);
    let mut i = 0;
    while i < rest.len() {
        let c = rest[i];
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let mut count = 1usize;
        if c.is_ascii_digit() {
            count = 0;
            while i < rest.len() && rest[i].is_ascii_digit() {
                count = count
                    .checked_mul(10)
                    .and_then(|n| n.checked_add((rest[i] - b'0') as usize))
                    .ok_or_else(too_long)?;
                i += 1;
            }
            if i >= rest.len() {
                return Err(error("repeat count given without format specifier"));
            }
        }
        let code = rest[i];
        i += 1;
        let one = code_size(code, native).ok_or_else(|| error("bad char in struct format"))?;
        if native && one > 1 {
            size = size.checked_add(one - 1).ok_or_else(too_long)? / one * one;
        }
        let item = Item {
            code,
            count,
            size: one,
            offset: size,
        };
        size = count
            .checked_mul(one)
            .and_then(|n| n.checked_add(size))
            .filter(|n| *n <= isize::MAX as usize)
            .ok_or_else(too_long)?;
        values += item.values();
        items.push(item);
    }
    Ok(Layout {
        little,
        native,
        items,
        size,
        values,
    })
}

fn calcsize(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("_struct.calcsize", 1, 1)?;
    Ok(Value::Int(layout(args.at(0))?.size as i64))
}

fn check_count(lay: &Layout, got: usize, what: &str) -> Result<(), PyErr> {
    if got != lay.values {
        return Err(error(format!(
            "{what} expected {} items for packing (got {got})",
            lay.values
        )));
    }
    Ok(())
}

fn pack(cx: &mut Cx, args: Args) -> PyResult<Value> {
    pack_with(cx, args, None)
}

/// `pack`, with the layout of a `Struct` (`None`: parse `args[0]`, the format).
pub(super) fn pack_with(cx: &mut Cx, args: Args, pre: Option<Shared>) -> PyResult<Value> {
    args.check("_struct.pack", 0, usize::MAX)?;
    if args.is_empty() {
        return Err(type_error("missing format argument").into());
    }
    let lay = match pre {
        Some(l) => l,
        None => layout(args.at(0))?,
    };
    check_count(&lay, args.len() - 1, "pack")?;
    let mut out = Vec::new();
    out.try_reserve_exact(lay.size)
        .map_err(|_| PyErr::new(&types().exc.memory_error, vec![]))?;
    out.resize(lay.size, 0);
    pack_values(cx, &lay, &args.pos[1..], &mut out)?;
    Ok(Value::Bytes(Arc::new(out)))
}

fn pack_into(cx: &mut Cx, args: Args) -> PyResult<Value> {
    pack_into_with(cx, args, None)
}

/// `pack_into`, with the layout of a `Struct` (`None`: parse `args[0]`, the format).
pub(super) fn pack_into_with(cx: &mut Cx, args: Args, pre: Option<Shared>) -> PyResult<Value> {
    args.check("_struct.pack_into", 0, usize::MAX)?;
    match args.len() {
        0 | 1 => return Err(type_error("pack_into expected buffer argument").into()),
        2 => return Err(type_error("pack_into expected offset argument").into()),
        _ => {}
    }
    let lay = match pre {
        Some(l) => l,
        None => layout(args.at(0))?,
    };
    let not_writable = || {
        type_error(format!(
            "argument must be read-write bytes-like object, not {}",
            type_name(args.at(1))
        ))
    };
    // A bytearray, or a native writable buffer (`array.array`, a memoryview of one).
    let len = match args.at(1) {
        Value::ByteArray(buf) => buf.borrow(cx.gil).len(),
        Value::Object(o) if o.0.buffer_write(cx.gil, 0, &[]).is_some() => {
            o.0.buffer(cx.gil).map_or(0, |b| b.len())
        }
        _ => return Err(not_writable().into()),
    };
    check_count(&lay, args.len() - 3, "pack_into")?;
    let offset = arg_int(args.at(2), "")?;
    let start = if offset < 0 {
        if offset.unsigned_abs() < lay.size as u64 {
            return Err(error(format!(
                "no space to pack {} bytes at offset {offset}",
                lay.size
            ))
            .into());
        }
        if offset.unsigned_abs() as usize > len {
            return Err(error(format!(
                "offset {offset} out of range for {len}-byte buffer"
            ))
            .into());
        }
        len - offset.unsigned_abs() as usize
    } else {
        offset as usize
    };
    if start > len || len - start < lay.size {
        return Err(error(format!(
            "pack_into requires a buffer of at least {} bytes for packing {} bytes at offset {start} (actual buffer size is {len})",
            lay.size.saturating_add(start),
            lay.size
        ))
        .into());
    }
    let mut out = vec![0u8; lay.size];
    pack_values(cx, &lay, &args.pos[3..], &mut out)?;
    match args.at(1) {
        Value::ByteArray(buf) => {
            buf.borrow_mut(cx.gil)[start..start + lay.size].copy_from_slice(&out)
        }
        Value::Object(o) => o.0.buffer_write(cx.gil, start, &out).unwrap_or(Ok(()))?,
        _ => return Err(not_writable().into()),
    }
    Ok(Value::None)
}

/// Run `f` on the bytes of a bytes-like argument, without copying them.
fn with_buffer<R>(gil: Gil<'_>, v: &Value, f: impl FnOnce(&[u8]) -> R) -> Result<R, PyErr> {
    match v {
        Value::Bytes(b) => Ok(f(b)),
        Value::ByteArray(b) => Ok(f(&b.borrow(gil))),
        // A `bytes` or `bytearray` subclass's bytes.
        Value::Instance(i) if matches!(i.base, Value::Bytes(_) | Value::ByteArray(_)) => {
            with_buffer(gil, &i.base, f)
        }
        // `memoryview`, `array.array`: a copy of their bytes.
        Value::Object(o) if o.0.buffer(gil).is_some() => {
            Ok(f(&o.0.buffer(gil).unwrap_or_default()))
        }
        _ => Err(type_error(format!(
            "a bytes-like object is required, not '{}'",
            type_name(v)
        ))),
    }
}

fn unpack(cx: &mut Cx, args: Args) -> PyResult<Value> {
    unpack_with(cx, args, None)
}

/// `unpack`, with the layout of a `Struct` (`None`: parse `args[0]`, the format).
pub(super) fn unpack_with(cx: &mut Cx, args: Args, pre: Option<Shared>) -> PyResult<Value> {
    args.check("_struct.unpack", 2, 2)?;
    let lay = match pre {
        Some(l) => l,
        None => layout(args.at(0))?,
    };
    let r = with_buffer(cx.gil, args.at(1), |data| {
        if data.len() != lay.size {
            return Err(error(format!(
                "unpack requires a buffer of {} bytes",
                lay.size
            )));
        }
        Ok(unpack_values(&lay, data))
    })?;
    Ok(r?)
}

fn unpack_from(cx: &mut Cx, args: Args) -> PyResult<Value> {
    unpack_from_with(cx, args, None)
}

/// `unpack_from`, with the layout of a `Struct` (`None`: parse `args[0]`, the format).
pub(super) fn unpack_from_with(
    cx: &mut Cx,
    mut args: Args,
    pre: Option<Shared>,
) -> PyResult<Value> {
    let offset = args.take_kw("offset");
    if let Some(b) = args.take_kw("buffer") {
        args.pos.push(b);
    }
    if let Some(o) = offset {
        args.pos.push(o);
    }
    args.check_kw("unpack_from", 2, 3)?;
    let lay = match pre {
        Some(l) => l,
        None => layout(args.at(0))?,
    };
    let offset = match args.get(2) {
        Some(o) => arg_int(o, "")?,
        None => 0,
    };
    let r = with_buffer(cx.gil, args.at(1), |data| {
        let len = data.len();
        let start = if offset < 0 {
            if offset.unsigned_abs() < lay.size as u64 {
                return Err(error(format!(
                    "not enough data to unpack {} bytes at offset {offset}",
                    lay.size
                )));
            }
            if offset.unsigned_abs() as usize > len {
                return Err(error(format!(
                    "offset {offset} out of range for {len}-byte buffer"
                )));
            }
            len - offset.unsigned_abs() as usize
        } else {
            offset as usize
        };
        if start > len || len - start < lay.size {
            return Err(error(format!(
                "unpack_from requires a buffer of at least {} bytes for unpacking {} bytes at offset {start} (actual buffer size is {len})",
                lay.size.saturating_add(start),
                lay.size
            )));
        }
        Ok(unpack_values(&lay, &data[start..start + lay.size]))
    })?;
    Ok(r?)
}

/// `iter_unpack`: an iterator over the unpacked records (a list iterator here).
fn iter_unpack(cx: &mut Cx, args: Args) -> PyResult<Value> {
    iter_unpack_with(cx, args, None)
}

/// `iter_unpack`, with the layout of a `Struct` (`None`: parse `args[0]`, the format).
pub(super) fn iter_unpack_with(cx: &mut Cx, args: Args, pre: Option<Shared>) -> PyResult<Value> {
    args.check("_struct.iter_unpack", 2, 2)?;
    let lay = match pre {
        Some(l) => l,
        None => layout(args.at(0))?,
    };
    if lay.size == 0 {
        return Err(error("cannot iteratively unpack with a struct of length 0").into());
    }
    let records = with_buffer(cx.gil, args.at(1), |data| {
        if data.len() % lay.size != 0 {
            return Err(error(format!(
                "iterative unpacking requires a buffer of a multiple of {} bytes",
                lay.size
            )));
        }
        crate::objects::memory::collect(data.chunks_exact(lay.size).map(|c| unpack_values(&lay, c)))
    })??;
    cx.iter(&Value::list(records))
}
