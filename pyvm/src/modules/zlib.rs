//! `zlib`: DEFLATE compression in the zlib, raw and gzip containers (`wbits`
//! 9..15, -9..-15, 25..31; 40..47 reads zlib or gzip), over `flate2`'s pure-Rust
//! zlib (`zlib-rs`): `compress`, `decompress`, `compressobj`, `decompressobj`,
//! `crc32`, `adler32`, the constants and `zlib.error`, with CPython's messages.
//! (`memLevel` and `strategy` are accepted and not applied: the output is valid
//! DEFLATE either way, possibly of another size.) `copy()` replays: a stream keeps
//! the calls it was fed (up to [`REPLAY_LIMIT`] bytes of input), and a copy is a
//! fresh stream fed the same calls, which leaves it in the very same state, as
//! zlib's `deflateCopy`/`inflateCopy` would (`zlib-rs` offers no safe copy).

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
///
/// A zlib stream whose header asks for a preset dictionary gets `zdict` (none:
/// CPython's "Error 2", zlib's `Z_NEED_DICT`; another one: "while setting zdict").
fn run_decompress(
    d: &mut Decompress,
    input: &[u8],
    limit: usize,
    zdict: Option<&[u8]>,
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
        let status = match d.decompress_vec(&input[used..], &mut out, FlushDecompress::None) {
            Ok(s) => s,
            Err(e) if e.needs_dictionary().is_some() => {
                let Some(dict) = zdict else {
                    return Err(error("Error 2 while decompressing data".to_owned()));
                };
                d.set_dictionary(dict).map_err(|_| {
                    error("Error -3 while setting zdict: invalid input data".to_owned())
                })?;
                continue;
            }
            Err(e) => return Err(decompress_error(&e)),
        };
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
    let (out, _, ended) = run_decompress(&mut d, &input, 0, None)?;
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

/// How much input a stream keeps for `copy()` to replay; a stream fed more forgets
/// it, and its `copy()` is a `ValueError`.
const REPLAY_LIMIT: usize = 64 << 20;

/// The calls a stream was fed, for `copy()`: `(input, flush mode or max_length)`.
#[derive(Clone, Default)]
struct Replay {
    calls: Option<Vec<(Vec<u8>, i64)>>,
    bytes: usize,
}

impl Replay {
    fn new() -> Replay {
        Replay {
            calls: Some(Vec::new()),
            bytes: 0,
        }
    }

    fn record(&mut self, input: &[u8], arg: i64) {
        self.bytes = self.bytes.saturating_add(input.len());
        if self.bytes > REPLAY_LIMIT {
            self.calls = None;
        } else if let Some(calls) = &mut self.calls {
            calls.push((input.to_vec(), arg));
        }
    }

    fn calls(&self) -> PyResult<&[(Vec<u8>, i64)]> {
        match &self.calls {
            Some(c) => Ok(c),
            None => Err(value_error(format!(
                "copy() of a zlib stream fed more than {} MiB is not supported by pyvm",
                REPLAY_LIMIT >> 20
            ))
            .into()),
        }
    }
}

struct CompState {
    /// `None` once flushed with `Z_FINISH`.
    z: Option<Compress>,
    level: Compression,
    container: Container,
    zdict: Option<Vec<u8>>,
    replay: Replay,
}

struct Compressor {
    z: std::sync::Arc<Mutex<CompState>>,
}

struct Decompressor {
    st: std::sync::Arc<Mutex<DecState>>,
}

struct DecState {
    z: Option<Decompress>,
    container: Container,
    zdict: Option<Vec<u8>>,
    unused: Vec<u8>,
    tail: Vec<u8>,
    eof: bool,
    /// Flushed at the stream's end (CPython's `inflateEnd`): no more `copy()`.
    ended: bool,
    replay: Replay,
}

static COMPRESS_METHODS: &[NativeDef] = crate::objects::methods::natives![
    "compress" => c_compress, "flush" => c_flush, "copy" => c_copy,
    "__copy__" => c_copy, "__deepcopy__" => c_deepcopy,
];

static DECOMPRESS_METHODS: &[NativeDef] = crate::objects::methods::natives![
    "decompress" => d_decompress, "flush" => d_flush, "copy" => d_copy,
    "__copy__" => d_copy, "__deepcopy__" => d_deepcopy,
];

static COMPRESS_TYPE: OnceLock<Arc<PyType>> = OnceLock::new();
static DECOMPRESS_TYPE: OnceLock<Arc<PyType>> = OnceLock::new();

/// `zlib.Compress` / `zlib.Decompress`: types with the methods in their dict (so
/// `copy.copy` finds `__copy__` on the class), not instantiable from Python.
fn stream_type(
    cell: &'static OnceLock<Arc<PyType>>,
    name: &'static str,
    methods: &'static [NativeDef],
) -> Arc<PyType> {
    cell.get_or_init(|| {
        let new: NativeFn = if name == "Compress" {
            |_, _| Err(type_error("cannot create 'zlib.Compress' instances").into())
        } else {
            |_, _| Err(type_error("cannot create 'zlib.Decompress' instances").into())
        };
        let t =
            PyType::builtin(name, "zlib", Some(&types().object), Kind::Object, Some(new)).sealed();
        crate::objects::gil::with_gil(|gil| {
            let mut d = t.dict.borrow_mut(gil);
            for def in methods {
                let _ = d.insert(Value::str(def.name), Value::Native(def));
            }
        });
        Arc::new(t)
    })
    .clone()
}

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
        if name == "__class__" {
            return self.py_type().map(Value::Type);
        }
        let def = COMPRESS_METHODS.iter().find(|d| d.name == name)?;
        let this = Value::Object(Arc::new(Object(Box::new(Compressor { z: self.z.clone() }))));
        Some(Value::BoundNative(Arc::new((this, def))))
    }

    fn py_type(&self) -> Option<Arc<PyType>> {
        Some(stream_type(&COMPRESS_TYPE, "Compress", COMPRESS_METHODS))
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
                "__class__" => return self.py_type().map(Value::Type),
                _ => {}
            }
        }
        let def = DECOMPRESS_METHODS.iter().find(|d| d.name == name)?;
        let this = Value::Object(Arc::new(Object(Box::new(Decompressor {
            st: self.st.clone(),
        }))));
        Some(Value::BoundNative(Arc::new((this, def))))
    }

    fn py_type(&self) -> Option<Arc<PyType>> {
        Some(stream_type(
            &DECOMPRESS_TYPE,
            "Decompress",
            DECOMPRESS_METHODS,
        ))
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// A fresh compressor with its preset dictionary.
fn fresh_compress(level: Compression, c: Container, zdict: Option<&[u8]>) -> PyResult<Compress> {
    let mut z = new_compress(level, c);
    if let Some(dict) = zdict {
        z.set_dictionary(dict)
            .map_err(|e| value_error(format!("Error -2 while setting zdict: {e}")))?;
    }
    Ok(z)
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
    let zdict = match &a[5] {
        Some(d) if !d.is(&Value::None) => Some(bytes_arg(cx.gil, d)?.to_vec()),
        _ => None,
    };
    let z = fresh_compress(level, c, zdict.as_deref())?;
    Ok(Value::Object(Arc::new(Object(Box::new(Compressor {
        z: std::sync::Arc::new(Mutex::new(CompState {
            z: Some(z),
            level,
            container: c,
            zdict,
            replay: Replay::new(),
        })),
    })))))
}

fn compressor(args: &Args) -> PyResult<std::sync::Arc<Mutex<CompState>>> {
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

fn flush_of(mode: i64) -> FlushCompress {
    match mode {
        0 => FlushCompress::None,
        1 => FlushCompress::Partial,
        2 => FlushCompress::Sync,
        3 => FlushCompress::Full,
        4 => FlushCompress::Finish,
        _ => FlushCompress::Sync,
    }
}

fn c_compress(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("compress", 1, 1)?;
    let input = bytes_arg(cx.gil, args.at(1))?;
    let z = compressor(&args)?;
    let mut g = z.lock().unwrap_or_else(|p| p.into_inner());
    let st = &mut *g;
    let Some(c) = st.z.as_mut() else {
        return Err(
            error("Error -2 while compressing data: inconsistent stream state".to_owned()).into(),
        );
    };
    let out = run_compress(c, &input, FlushCompress::None)?;
    st.replay.record(&input, 0);
    Ok(bytes(out))
}

/// `flush(mode=Z_FINISH)`.
fn c_flush(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("flush", 0, 1)?;
    let mode = match args.get(1) {
        Some(v) => index_arg(cx, v)?,
        None => 4,
    };
    if mode == 0 {
        return Ok(bytes(Vec::new()));
    }
    let z = compressor(&args)?;
    let mut g = z.lock().unwrap_or_else(|p| p.into_inner());
    let st = &mut *g;
    let Some(c) = st.z.as_mut() else {
        return Err(error("Error -2 while flushing: inconsistent stream state".to_owned()).into());
    };
    let out = run_compress(c, &[], flush_of(mode))?;
    if mode == 4 {
        st.z = None;
        st.replay = Replay::default();
    } else {
        st.replay.record(&[], mode);
    }
    Ok(bytes(out))
}

/// `Compress.copy()`: a fresh compressor fed the same calls.
fn c_copy(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("copy", 0, 0)?;
    copy_compressor(&args)
}

fn c_deepcopy(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__deepcopy__", 1, 1)?;
    copy_compressor(&args)
}

fn copy_compressor(args: &Args) -> PyResult<Value> {
    let z = compressor(args)?;
    let g = z.lock().unwrap_or_else(|p| p.into_inner());
    if g.z.is_none() {
        return Err(value_error("Inconsistent stream state").into());
    }
    let mut c = fresh_compress(g.level, g.container, g.zdict.as_deref())?;
    for (input, mode) in g.replay.calls()? {
        run_compress(&mut c, input, flush_of(*mode))?;
    }
    Ok(Value::Object(Arc::new(Object(Box::new(Compressor {
        z: std::sync::Arc::new(Mutex::new(CompState {
            z: Some(c),
            level: g.level,
            container: g.container,
            zdict: g.zdict.clone(),
            replay: g.replay.clone(),
        })),
    })))))
}

/// A fresh decompressor (for a raw stream, with its dictionary); `None` for a
/// stream whose container its first byte tells.
fn fresh_decompress(c: Container, zdict: Option<&[u8]>) -> PyResult<Option<Decompress>> {
    if matches!(c, Container::Auto(_)) {
        return Ok(None);
    }
    let mut z = new_decompress(c, None);
    if let (Container::Raw(_), Some(dict)) = (c, zdict) {
        z.set_dictionary(dict)
            .map_err(|_| error("Error -3 while setting zdict: invalid input data".to_owned()))?;
    }
    Ok(Some(z))
}

/// `decompressobj(wbits=MAX_WBITS, zdict=b'')`.
fn decompressobj(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let a = clinic(args, "decompressobj", &["wbits", "zdict"], 0, 2)?;
    let c = container(int_or(cx, &a[0], 15)?, false)
        .ok_or_else(|| value_error("Invalid initialization option"))?;
    let zdict = match &a[1] {
        Some(d) => Some(
            bytes_arg(cx.gil, d)
                .map_err(|_| type_error("zdict argument must support the buffer protocol"))?
                .to_vec(),
        ),
        None => None,
    };
    let z = fresh_decompress(c, zdict.as_deref())?;
    Ok(Value::Object(Arc::new(Object(Box::new(Decompressor {
        st: std::sync::Arc::new(Mutex::new(DecState {
            z,
            container: c,
            zdict,
            unused: Vec::new(),
            tail: Vec::new(),
            eof: false,
            ended: false,
            replay: Replay::new(),
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
    let (out, used, ended) = run_decompress(z, input, limit, st.zdict.as_deref())?;
    st.replay.record(input, limit as i64);
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
    let out = feed(&mut g, &tail, 0)?;
    if g.eof {
        g.ended = true;
        g.replay = Replay::default();
    }
    Ok(bytes(out))
}

/// `Decompress.copy()`: a fresh decompressor fed the same calls.
fn d_copy(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("copy", 0, 0)?;
    copy_decompressor(&args)
}

fn d_deepcopy(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__deepcopy__", 1, 1)?;
    copy_decompressor(&args)
}

fn copy_decompressor(args: &Args) -> PyResult<Value> {
    let st = decompressor(args)?;
    let g = st.lock().unwrap_or_else(|p| p.into_inner());
    if g.ended {
        return Err(value_error("Inconsistent stream state").into());
    }
    let mut z = fresh_decompress(g.container, g.zdict.as_deref())?;
    for (input, limit) in g.replay.calls()? {
        let d = match &mut z {
            Some(d) => d,
            none => none.insert(new_decompress(g.container, input.first().copied())),
        };
        run_decompress(d, input, *limit as usize, g.zdict.as_deref())?;
    }
    Ok(Value::Object(Arc::new(Object(Box::new(Decompressor {
        st: std::sync::Arc::new(Mutex::new(DecState {
            z,
            container: g.container,
            zdict: g.zdict.clone(),
            unused: g.unused.clone(),
            tail: g.tail.clone(),
            eof: g.eof,
            ended: false,
            replay: g.replay.clone(),
        })),
    })))))
}
