//! `zlib`: DEFLATE compression in the zlib, raw and gzip containers (`wbits`
//! 9..15, -9..-15, 25..31; 40..47 reads zlib or gzip), over `flate2`'s pure-Rust
//! zlib (`zlib-rs`): `compress`, `decompress`, `compressobj`, `decompressobj`,
//! `crc32`, `adler32`, the constants and `zlib.error`, with CPython's messages.
//! (`memLevel` and `strategy` are accepted and not applied: the output is valid
//! DEFLATE either way, possibly of another size; `copy()` is not supported.)

use crate::objects::rc::Arc;
use std::sync::{Mutex, OnceLock};

use flate2::{Compress, Compression, Decompress, FlushCompress, FlushDecompress, Status};

use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::module::Module;
use crate::objects::object::{NativeObject, Object};
use crate::objects::types::{types, Kind, PyType};

static MODULE: OnceLock<Arc<Module>> = OnceLock::new();
static ERROR: OnceLock<Arc<PyType>> = OnceLock::new();

pub(crate) static FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "compress" => compress, "decompress" => decompress, "compressobj" => compressobj,
    "decompressobj" => decompressobj, "crc32" => crc32, "adler32" => adler32,
];

const CONSTANTS: &[(&str, i64)] = &[
    ("MAX_WBITS", 15),
    ("DEFLATED", 8),
    ("DEF_MEM_LEVEL", 8),
    ("DEF_BUF_SIZE", 16384),
    ("Z_NO_COMPRESSION", 0),
    ("Z_BEST_SPEED", 1),
    ("Z_BEST_COMPRESSION", 9),
    ("Z_DEFAULT_COMPRESSION", -1),
    ("Z_FILTERED", 1),
    ("Z_HUFFMAN_ONLY", 2),
    ("Z_RLE", 3),
    ("Z_FIXED", 4),
    ("Z_DEFAULT_STRATEGY", 0),
    ("Z_NO_FLUSH", 0),
    ("Z_PARTIAL_FLUSH", 1),
    ("Z_SYNC_FLUSH", 2),
    ("Z_FULL_FLUSH", 3),
    ("Z_FINISH", 4),
    ("Z_BLOCK", 5),
    ("Z_TREES", 6),
];

fn error_type() -> &'static Arc<PyType> {
    ERROR.get_or_init(|| {
        Arc::new(PyType::builtin(
            "error",
            "zlib",
            Some(&types().exc.exception),
            Kind::Exception,
            None,
        ))
    })
}

fn error(msg: String) -> PyErr {
    PyErr::msg(error_type(), &msg)
}

/// The `zlib` module (one per process).
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    MODULE.get_or_init(|| {
        let m = Module::with_functions(gil, "zlib", FUNCS);
        for (k, v) in CONSTANTS {
            m.set(gil, k, Value::Int(*v));
        }
        m.set(gil, "ZLIB_VERSION", Value::str("1.2.13"));
        m.set(gil, "ZLIB_RUNTIME_VERSION", Value::str("1.2.13"));
        m.set(gil, "error", Value::Type(error_type().clone()));
        Arc::new(m)
    })
}

fn bytes(v: Vec<u8>) -> Value {
    Value::Bytes(Arc::new(v))
}

fn int_or(cx: &mut Cx, v: &Option<Value>, default: i64) -> PyResult<i64> {
    match v {
        Some(v) => index_arg(cx, v),
        None => Ok(default),
    }
}

/// An int argument, or an object with `__index__` (Argument Clinic's `Py_ssize_t`
/// and `int` converters call `PyNumber_Index`).
fn index_arg(cx: &mut Cx, v: &Value) -> PyResult<i64> {
    if let Ok(i) = arg_int(v, "") {
        return Ok(i);
    }
    if matches!(v, Value::Big(_)) {
        return Ok(arg_int(v, "")?);
    }
    let i = crate::modules::builtins::number_index(cx, v)?;
    Ok(arg_int(&i, "")?)
}

/// The container `wbits` asks for.
#[derive(Clone, Copy)]
enum Container {
    Zlib(u8),
    Raw(u8),
    Gzip(u8),
    /// Decompression only: zlib or gzip, told by the header.
    Auto(u8),
}

fn container(wbits: i64, compressing: bool) -> Option<Container> {
    let bits = |b: i64| u8::try_from(b.max(9)).ok();
    match wbits {
        0 if !compressing => Some(Container::Zlib(15)),
        8..=15 => Some(Container::Zlib(bits(wbits)?)),
        -15..=-8 => Some(Container::Raw(bits(-wbits)?)),
        24..=31 => Some(Container::Gzip(bits(wbits - 16)?)),
        40..=47 if !compressing => Some(Container::Auto(bits(wbits - 32)?)),
        _ => None,
    }
}

fn level_of(level: i64) -> Result<Compression, PyErr> {
    match level {
        -1 => Ok(Compression::default()),
        0..=9 => Ok(Compression::new(level as u32)),
        _ => Err(error("Bad compression level".to_owned())),
    }
}

fn new_compress(level: Compression, c: Container) -> Compress {
    match c {
        Container::Zlib(b) => Compress::new_with_window_bits(level, true, b),
        Container::Raw(b) => Compress::new_with_window_bits(level, false, b),
        Container::Gzip(b) | Container::Auto(b) => Compress::new_gzip(level, b),
    }
}

fn new_decompress(c: Container, first: Option<u8>) -> Decompress {
    match c {
        Container::Zlib(b) => Decompress::new_with_window_bits(true, b),
        Container::Raw(b) => Decompress::new_with_window_bits(false, b),
        Container::Gzip(b) => Decompress::new_gzip(b),
        Container::Auto(b) if first == Some(0x1f) => Decompress::new_gzip(b),
        Container::Auto(b) => Decompress::new_with_window_bits(true, b),
    }
}

/// Run the compressor over `input` with `flush`, returning what it wrote.
fn run_compress(c: &mut Compress, input: &[u8], flush: FlushCompress) -> Result<Vec<u8>, PyErr> {
    // (At most 1 MiB to start: the result is often far smaller than its input.)
    let mut out = crate::objects::memory::vec_with((input.len() / 2 + 64).min(1 << 20))?;
    let start = c.total_in();
    loop {
        let done = (c.total_in() - start) as usize;
        if out.capacity() - out.len() < 64 {
            let more = out.capacity().max(1024);
            crate::objects::memory::grow(&mut out, more)?;
        }
        let status = c
            .compress_vec(&input[done..], &mut out, flush)
            .map_err(|e| error(format!("Error -2 while compressing data: {e}")))?;
        let consumed = (c.total_in() - start) as usize == input.len();
        let room_left = out.len() < out.capacity();
        match status {
            Status::StreamEnd => break,
            _ if consumed && room_left && !matches!(flush, FlushCompress::Finish) => break,
            Status::BufError if consumed && room_left => break,
            _ => {}
        }
    }
    Ok(out)
}

fn decompress_error(e: &flate2::DecompressError) -> PyErr {
    match e.message() {
        Some(m) => error(format!("Error -3 while decompressing data: {m}")),
        None => error(
            "Error -3 while decompressing data: invalid stored block lengths or unknown header"
                .to_owned(),
        ),
    }
}

/// Run the decompressor over `input`; `limit` caps the output (0: none). Returns
/// the output, the bytes of `input` used, and whether the stream ended.
fn run_decompress(
    d: &mut Decompress,
    input: &[u8],
    limit: usize,
) -> Result<(Vec<u8>, usize, bool), PyErr> {
    let mut out = crate::objects::memory::vec_with((input.len() * 3).clamp(64, 1 << 20))?;
    let start = d.total_in();
    loop {
        let used = (d.total_in() - start) as usize;
        if limit != 0 && out.len() >= limit {
            return Ok((out, used, false));
        }
        if out.capacity() - out.len() < 64 {
            let more = out.capacity().max(1024);
            crate::objects::memory::grow(&mut out, more)?;
        }
        if limit != 0 {
            let room = limit - out.len();
            if out.capacity() - out.len() > room {
                out.shrink_to(out.len() + room);
            }
        }
        let before = out.len();
        let status = d
            .decompress_vec(&input[used..], &mut out, FlushDecompress::None)
            .map_err(|e| decompress_error(&e))?;
        let used_now = (d.total_in() - start) as usize;
        match status {
            Status::StreamEnd => return Ok((out, used_now, true)),
            _ if used_now == input.len() && out.len() < out.capacity() => {
                return Ok((out, used_now, false))
            }
            _ if used_now == used && out.len() == before && out.len() < out.capacity() => {
                return Ok((out, used_now, false))
            }
            _ => {}
        }
    }
}

/// `compress(data, /, level=-1, wbits=15)`.
fn compress(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let a = clinic_posonly(args, "compress", &["data", "level", "wbits"], 1, 1, 3)?;
    let input = bytes_arg(cx.gil, a[0].as_ref().unwrap_or(&Value::None))?;
    let level = level_of(int_or(cx, &a[1], -1)?)?;
    let c = container(int_or(cx, &a[2], 15)?, true)
        .ok_or_else(|| error("Bad compression level".to_owned()))?;
    let mut z = new_compress(level, c);
    Ok(bytes(run_compress(&mut z, &input, FlushCompress::Finish)?))
}

/// `decompress(data, /, wbits=15, bufsize=16384)`.
fn decompress(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let a = clinic_posonly(args, "decompress", &["data", "wbits", "bufsize"], 1, 1, 3)?;
    let input = bytes_arg(cx.gil, a[0].as_ref().unwrap_or(&Value::None))?;
    let c = container(int_or(cx, &a[1], 15)?, false).ok_or_else(|| {
        error("Error -2 while preparing to decompress data: inconsistent stream state".to_owned())
    })?;
    if int_or(cx, &a[2], 16384)? < 0 {
        return Err(value_error("bufsize must be non-negative").into());
    }
    let mut d = new_decompress(c, input.first().copied());
    let (out, _, ended) = run_decompress(&mut d, &input, 0)?;
    if !ended {
        return Err(error(
            "Error -5 while decompressing data: incomplete or truncated stream".to_owned(),
        )
        .into());
    }
    Ok(bytes(out))
}

/// `zlib.crc32(data, value=0)`.
fn crc32(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("crc32", 1, 2)?;
    let input = bytes_arg(cx.gil, args.at(0))?;
    let start = match args.get(1) {
        Some(v) => (arg_int(v, "")? & 0xffff_ffff) as u32,
        None => 0,
    };
    let mut h = crc32fast::Hasher::new_with_initial(start);
    h.update(&input);
    Ok(Value::Int(h.finalize() as i64))
}

/// `zlib.adler32(data, value=1)`.
fn adler32(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("adler32", 1, 2)?;
    let input = bytes_arg(cx.gil, args.at(0))?;
    let start = match args.get(1) {
        Some(v) => (arg_int(v, "")? & 0xffff_ffff) as u32,
        None => 1,
    };
    let (mut a, mut b) = (start & 0xffff, start >> 16);
    for chunk in input.chunks(5552) {
        for &x in chunk {
            a += x as u32;
            b += a;
        }
        a %= 65521;
        b %= 65521;
    }
    Ok(Value::Int((b << 16 | a) as i64))
}

// ----- compressobj / decompressobj --------------------------------------------------

struct Compressor {
    z: std::sync::Arc<Mutex<Option<Compress>>>,
}

struct Decompressor {
    st: std::sync::Arc<Mutex<DecState>>,
}

struct DecState {
    z: Option<Decompress>,
    container: Container,
    unused: Vec<u8>,
    tail: Vec<u8>,
    eof: bool,
}

static COMPRESS_METHODS: &[NativeDef] = crate::objects::methods::natives![
    "compress" => c_compress, "flush" => c_flush, "copy" => c_copy,
];

static DECOMPRESS_METHODS: &[NativeDef] = crate::objects::methods::natives![
    "decompress" => d_decompress, "flush" => d_flush, "copy" => c_copy,
];

impl NativeObject for Compressor {
    fn type_name(&self) -> &'static str {
        "zlib.Compress"
    }

    fn repr(&self, _gil: Gil<'_>) -> Result<String, PyErr> {
        Ok(format!(
            "<zlib.Compress object at {:#x}>",
            std::sync::Arc::as_ptr(&self.z) as usize
        ))
    }

    fn getattr(&self, _gil: Gil<'_>, name: &str) -> Option<Value> {
        let def = COMPRESS_METHODS.iter().find(|d| d.name == name)?;
        let this = Value::Object(Arc::new(Object(Box::new(Compressor { z: self.z.clone() }))));
        Some(Value::BoundNative(Arc::new((this, def))))
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

impl NativeObject for Decompressor {
    fn type_name(&self) -> &'static str {
        "zlib.Decompress"
    }

    fn repr(&self, _gil: Gil<'_>) -> Result<String, PyErr> {
        Ok(format!(
            "<zlib.Decompress object at {:#x}>",
            std::sync::Arc::as_ptr(&self.st) as usize
        ))
    }

    fn getattr(&self, _gil: Gil<'_>, name: &str) -> Option<Value> {
        {
            let st = self.st.lock().unwrap_or_else(|p| p.into_inner());
            match name {
                "unused_data" => return Some(bytes(st.unused.clone())),
                "unconsumed_tail" => return Some(bytes(st.tail.clone())),
                "eof" => return Some(Value::bool(st.eof)),
                _ => {}
            }
        }
        let def = DECOMPRESS_METHODS.iter().find(|d| d.name == name)?;
        let this = Value::Object(Arc::new(Object(Box::new(Decompressor {
            st: self.st.clone(),
        }))));
        Some(Value::BoundNative(Arc::new((this, def))))
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// `compressobj(level=-1, method=DEFLATED, wbits=MAX_WBITS, memLevel=DEF_MEM_LEVEL,
/// strategy=Z_DEFAULT_STRATEGY, zdict=None)`.
fn compressobj(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let a = clinic(
        args,
        "compressobj",
        &["level", "method", "wbits", "memLevel", "strategy", "zdict"],
        0,
        6,
    )?;
    let invalid = || value_error("Invalid initialization option");
    let level = level_of(int_or(cx, &a[0], -1)?).map_err(|_| invalid())?;
    if int_or(cx, &a[1], 8)? != 8 {
        return Err(invalid().into());
    }
    let c = container(int_or(cx, &a[2], 15)?, true).ok_or_else(invalid)?;
    if !(1..=9).contains(&int_or(cx, &a[3], 8)?) || !(0..=4).contains(&int_or(cx, &a[4], 0)?) {
        return Err(invalid().into());
    }
    let mut z = new_compress(level, c);
    if let Some(d) = &a[5] {
        if !d.is(&Value::None) {
            let dict = bytes_arg(cx.gil, d)?;
            z.set_dictionary(&dict)
                .map_err(|e| value_error(format!("Error -2 while setting zdict: {e}")))?;
        }
    }
    Ok(Value::Object(Arc::new(Object(Box::new(Compressor {
        z: std::sync::Arc::new(Mutex::new(Some(z))),
    })))))
}

fn compressor(args: &Args) -> PyResult<std::sync::Arc<Mutex<Option<Compress>>>> {
    match args.get(0) {
        Some(Value::Object(o)) => {
            o.0.as_any()
                .downcast_ref::<Compressor>()
                .map(|c| c.z.clone())
        }
        _ => None,
    }
    .ok_or_else(|| type_error("descriptor requires a 'zlib.Compress' object").into())
}

fn c_compress(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("compress", 1, 1)?;
    let input = bytes_arg(cx.gil, args.at(1))?;
    let z = compressor(&args)?;
    let mut g = z.lock().unwrap_or_else(|p| p.into_inner());
    let Some(c) = g.as_mut() else {
        return Err(
            error("Error -2 while compressing data: inconsistent stream state".to_owned()).into(),
        );
    };
    Ok(bytes(run_compress(c, &input, FlushCompress::None)?))
}

/// `flush(mode=Z_FINISH)`.
fn c_flush(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("flush", 0, 1)?;
    let mode = match args.get(1) {
        Some(v) => index_arg(cx, v)?,
        None => 4,
    };
    let flush = match mode {
        0 => return Ok(bytes(Vec::new())),
        1 => FlushCompress::Partial,
        2 => FlushCompress::Sync,
        3 => FlushCompress::Full,
        4 => FlushCompress::Finish,
        _ => FlushCompress::Sync,
    };
    let z = compressor(&args)?;
    let mut g = z.lock().unwrap_or_else(|p| p.into_inner());
    let Some(c) = g.as_mut() else {
        return Err(error("Error -2 while flushing: inconsistent stream state".to_owned()).into());
    };
    let out = run_compress(c, &[], flush)?;
    if mode == 4 {
        *g = None;
    }
    Ok(bytes(out))
}

fn c_copy(_cx: &mut Cx, _args: Args) -> PyResult<Value> {
    Err(value_error("copy() of zlib streams is not supported by pyvm yet").into())
}

/// `decompressobj(wbits=MAX_WBITS, zdict=b'')`.
fn decompressobj(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let a = clinic(args, "decompressobj", &["wbits", "zdict"], 0, 2)?;
    let c = container(int_or(cx, &a[0], 15)?, false)
        .ok_or_else(|| value_error("Invalid initialization option"))?;
    let mut z = new_decompress(c, None);
    if let Some(d) = &a[1] {
        let dict = bytes_arg(cx.gil, d)?;
        if !dict.is_empty() {
            if matches!(c, Container::Raw(_)) {
                z.set_dictionary(&dict)
                    .map_err(|e| error(format!("Error -2 while setting zdict: {e}")))?;
            } else {
                return Err(value_error(
                    "zdict for a zlib-container stream is not supported by pyvm yet",
                )
                .into());
            }
        }
    }
    let auto = matches!(c, Container::Auto(_));
    Ok(Value::Object(Arc::new(Object(Box::new(Decompressor {
        st: std::sync::Arc::new(Mutex::new(DecState {
            z: (!auto).then_some(z),
            container: c,
            unused: Vec::new(),
            tail: Vec::new(),
            eof: false,
        })),
    })))))
}

fn decompressor(args: &Args) -> PyResult<std::sync::Arc<Mutex<DecState>>> {
    match args.get(0) {
        Some(Value::Object(o)) => {
            o.0.as_any()
                .downcast_ref::<Decompressor>()
                .map(|d| d.st.clone())
        }
        _ => None,
    }
    .ok_or_else(|| type_error("descriptor requires a 'zlib.Decompress' object").into())
}

/// Feed `input`, at most `limit` bytes out (0: all): what `decompress` and `flush`
/// share. The input past the stream's end is `unused_data`; input held back by the
/// limit is `unconsumed_tail`.
fn feed(st: &mut DecState, input: &[u8], limit: usize) -> PyResult<Vec<u8>> {
    if st.eof {
        st.unused.extend_from_slice(input);
        return Ok(Vec::new());
    }
    let z = match &mut st.z {
        Some(z) => z,
        none => none.insert(new_decompress(st.container, input.first().copied())),
    };
    let (out, used, ended) = run_decompress(z, input, limit)?;
    if ended {
        st.eof = true;
        st.unused.extend_from_slice(&input[used..]);
        st.tail.clear();
    } else {
        st.tail = input[used..].to_vec();
    }
    Ok(out)
}

/// `decompress(data, max_length=0)`.
fn d_decompress(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let mut args = args;
    let kw = args.take_kw("max_length");
    args.check_method("decompress", 1, 2)?;
    let input = bytes_arg(cx.gil, args.at(1))?;
    let limit = match kw.as_ref().or(args.get(2)) {
        Some(v) => index_arg(cx, v)?,
        None => 0,
    };
    if limit < 0 {
        return Err(value_error("max_length must be non-negative").into());
    }
    let st = decompressor(&args)?;
    let mut g = st.lock().unwrap_or_else(|p| p.into_inner());
    Ok(bytes(feed(&mut g, &input, limit as usize)?))
}

/// `flush(length=DEF_BUF_SIZE)`: what the unconsumed tail still gives.
fn d_flush(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("flush", 0, 1)?;
    if let Some(v) = args.get(1) {
        if index_arg(cx, v)? <= 0 {
            return Err(value_error("length must be greater than zero").into());
        }
    }
    let st = decompressor(&args)?;
    let mut g = st.lock().unwrap_or_else(|p| p.into_inner());
    let tail = std::mem::take(&mut g.tail);
    Ok(bytes(feed(&mut g, &tail, 0)?))
}
