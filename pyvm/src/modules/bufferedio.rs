//! `_bufferedio`: the common cases of the frozen `_io`'s `BufferedReader.read`,
//! `readline` and `BufferedWriter.write` (CPython's `_pyio` classes, `pyvm/lib/_io.py`),
//! done over the classes' own state in the instance dict.
//!
//! The classes stay the Python ones (their locks, which a fast path finds free or
//! leaves to the Python method to wait for, `peek`, `read1`, `readinto`,
//! `seek`/`tell`, `BufferedRandom`, subclassing). A read that the buffered bytes
//! (`_read_buf` from `_read_pos`) answer, and a write that fits behind the buffered
//! bytes (`_write_buf`, at most `buffer_size`), are done here with CPython's closed
//! checks (`raw.closed`, and none for a read that buffered bytes answer); anything else (a raw read or write, a flush, a detached stream, sizes that
//! are not plain ints) is the Python method, `_read_slow`, `_readline_slow` or
//! `_write_slow`. Each is what the Python code does for that case, so the results,
//! the buffer state and the raw stream's calls are the same.

use std::sync::OnceLock;

use super::textio::Keys;
use crate::native::*;
use crate::objects::class::Instance;
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::module::Module;
use crate::objects::rc::Arc;

static MODULE: OnceLock<Arc<Module>> = OnceLock::new();

static FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "reader_read" => reader_read,
    "reader_readline" => reader_readline,
    "writer_write" => writer_write,
];

/// The `_bufferedio` module (one per process).
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    MODULE.get_or_init(|| Arc::new(Module::with_functions(gil, "_bufferedio", FUNCS)))
}

static KEYS: Keys = Keys::new(&[
    "_read_buf",
    "_read_pos",
    "_write_buf",
    "_raw",
    "buffer_size",
    "_read_lock",
    "_write_lock",
]);

fn get(gil: Gil<'_>, i: &Instance, name: &str) -> Option<Value> {
    KEYS.get(gil, i, name)
}

fn set(gil: Gil<'_>, i: &Instance, name: &str, v: Value) {
    KEYS.set(&mut i.dict.borrow_mut(gil), name, v)
}

/// Is the raw stream closed (CPython's `IS_CLOSED`: `raw.closed`, a `BytesIO`'s read
/// natively)? `None` when detached.
fn raw_closed(cx: &mut Cx, i: &Instance) -> PyResult<Option<bool>> {
    let raw = match get(cx.gil, i, "_raw") {
        None | Some(Value::None) => return Ok(None),
        Some(r) => r,
    };
    if let Some(c) = crate::modules::memoryio::bytesio_closed(cx.gil, &raw) {
        return Ok(Some(c));
    }
    let v = cx.getattr(&raw, "closed")?;
    Ok(Some(cx.truthy(&v)?))
}

/// The buffered bytes and where reading is in them, when attached and nothing is
/// waiting to be written first (a `BufferedRandom`'s).
fn read_buffer(gil: Gil<'_>, i: &Instance) -> Option<(Arc<Vec<u8>>, usize)> {
    if matches!(get(gil, i, "_raw"), None | Some(Value::None)) {
        return None; // detached: the Python method's error
    }
    if let Some(Value::ByteArray(w)) = get(gil, i, "_write_buf") {
        if !w.borrow(gil).is_empty() {
            return None;
        }
    }
    match (get(gil, i, "_read_buf"), get(gil, i, "_read_pos")) {
        (Some(Value::Bytes(b)), Some(Value::Int(p))) if p >= 0 && (p as usize) <= b.len() => {
            Some((b, p as usize))
        }
        _ => None,
    }
}

/// Is the stream's lock `name` free? A thread inside a Python method holds it (a
/// `close` flushing): the caller then takes the Python method, which waits for it.
fn unlocked(gil: Gil<'_>, i: &Instance, name: &str) -> bool {
    get(gil, i, name).and_then(|l| crate::modules::os_threads::lock::is_locked(&l)) == Some(false)
}

fn slow(cx: &mut Cx, args: Args, name: &str) -> PyResult<Value> {
    let this = args.at(0).clone();
    let f = cx.getattr(&this, name)?;
    cx.call(&f, args.pos[1..].to_vec())
}

/// `BufferedReader.read(self, size=None)`: `size` bytes already buffered.
fn reader_read(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("read", 0, 1)?;
    if let (Value::Instance(i), Some(Value::Int(n))) = (args.at(0), args.get(1)) {
        if *n >= 0 {
            if let Some(line) = buffered(cx, i, *n as usize, false)? {
                return Ok(line);
            }
        }
    }
    slow(cx, args, "_read_slow")
}

/// `BufferedReader.readline(self, size=-1)`: a line (or `size` bytes of one)
/// already buffered.
fn reader_readline(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("readline", 0, 1)?;
    let limit = match args.get(1) {
        None => Some(usize::MAX),
        Some(Value::Int(n)) if *n < 0 => Some(usize::MAX),
        Some(Value::Int(n)) => Some(*n as usize),
        _ => None,
    };
    if let (Value::Instance(i), Some(limit)) = (args.at(0), limit) {
        if let Some(line) = buffered(cx, i, limit, true)? {
            return Ok(line);
        }
    }
    slow(cx, args, "_readline_slow")
}

/// The next `n` buffered bytes (with `line`, up to and with the first `\n` among
/// them), the read position moved past them; `None` when the buffer does not hold
/// them all.
fn buffered(cx: &mut Cx, i: &Instance, n: usize, line: bool) -> PyResult<Option<Value>> {
    if !unlocked(cx.gil, i, "_read_lock") {
        return Ok(None);
    }
    let Some((buf, pos)) = read_buffer(cx.gil, i) else {
        return Ok(None);
    };
    // CPython's `CHECK_CLOSED` lets buffered bytes be read after the raw stream is
    // closed: with some buffered there is nothing to check.
    let avail = &buf[pos..];
    if avail.is_empty() {
        return Ok(None);
    }
    let end = if line {
        let upto = &avail[..avail.len().min(n)];
        match upto.iter().position(|&c| c == b'\n') {
            Some(j) => j + 1,
            None if upto.len() == n => n,
            None => return Ok(None),
        }
    } else if n <= avail.len() {
        n
    } else {
        return Ok(None);
    };
    set(cx.gil, i, "_read_pos", Value::Int((pos + end) as i64));
    Ok(Some(Value::Bytes(Arc::new(avail[..end].to_vec()))))
}

/// `BufferedWriter.write(self, b)`: bytes that fit behind the buffered ones.
fn writer_write(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("write", 1, 1)?;
    if let Value::Instance(i) = args.at(0) {
        if let Some(n) = append(cx, i, args.at(1))? {
            return Ok(Value::Int(n as i64));
        }
    }
    slow(cx, args, "_write_slow")
}

fn append(cx: &mut Cx, i: &Instance, data: &Value) -> PyResult<Option<usize>> {
    let len = match data {
        Value::Bytes(b) => b.len(),
        Value::ByteArray(b) => b.borrow(cx.gil).len(),
        _ => return Ok(None),
    };
    let fits = |gil: Gil<'_>| -> Option<Arc<crate::objects::gil::GilCell<Vec<u8>>>> {
        let Some(Value::Int(size)) = get(gil, i, "buffer_size") else {
            return None;
        };
        match get(gil, i, "_write_buf") {
            Some(Value::ByteArray(w)) => {
                let have = w.borrow(gil).len();
                let free = have + len <= size.max(0) as usize;
                let addr = Arc::as_ptr(&w) as *const u8 as usize;
                (free && crate::objects::buffer::exports(addr) == 0).then_some(w)
            }
            _ => None,
        }
    };
    if fits(cx.gil).is_none() || !unlocked(cx.gil, i, "_write_lock") {
        return Ok(None);
    }
    match raw_closed(cx, i)? {
        None => return Ok(None),
        Some(true) => return Err(value_error("write to closed file").into()),
        Some(false) => {}
    }
    // The closed check may have run a program's code (or let another thread run).
    let Some(w) = fits(cx.gil).filter(|_| unlocked(cx.gil, i, "_write_lock")) else {
        return Ok(None);
    };
    match data {
        Value::Bytes(b) => w.borrow_mut(cx.gil).extend_from_slice(b),
        Value::ByteArray(b) => {
            let copy = b.borrow(cx.gil).clone();
            w.borrow_mut(cx.gil).extend_from_slice(&copy);
        }
        _ => return Ok(None),
    }
    Ok(Some(len))
}
