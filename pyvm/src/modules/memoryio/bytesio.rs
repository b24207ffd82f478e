//! `io.BytesIO` (CPython's `Modules/_io/bytesio.c`).
//!
//! The contents are either a `bytes` object's storage, shared until the first change
//! (`BytesIO(data)`, and after `getvalue()`, which then returns that very object, as
//! CPython's), or a buffer of its own: the storage a `bytearray` has, so that
//! `getbuffer()` is a `memoryview` of it, writable through, whose export forbids any
//! change of the contents' size (`objects/buffer.rs`, CPython's `BufferError`).

use super::{opt_size, seek_args, split_self, state};
use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::{Gil, GilCell};
use crate::objects::object::{NativeObject, Object};
use crate::objects::rc::Arc;
use crate::objects::types::type_name;

pub(super) static METHODS: &[NativeDef] = crate::objects::methods::natives![
    "__new__" => new, "__init__" => init, "getvalue" => getvalue,
    "getbuffer" => getbuffer, "read" => read, "read1" => read1, "readline" => readline,
    "readlines" => readlines, "readinto" => readinto, "write" => write,
    "writelines" => writelines, "seek" => seek, "tell" => tell, "truncate" => truncate,
    "close" => close, "closed" => closed, "readable" => readable, "writable" => writable,
    "seekable" => seekable, "flush" => flush, "isatty" => isatty, "__next__" => next,
    "__sizeof__" => sizeof,
    "__iter__" => iter, "__getstate__" => getstate, "__setstate__" => setstate,
    "__del__" => super::finalize,
];

const TNAME: &str = "_io.BytesIO";

enum Buf {
    /// A `bytes` object's storage (not changed in place).
    Shared(Arc<Vec<u8>>),
    /// Its own storage, shared with `getbuffer()`'s views.
    Own(Arc<GilCell<Vec<u8>>>),
}

struct Inner {
    /// `None` once closed.
    buf: Option<Buf>,
    /// May be past the end (a write there pads with zero bytes).
    pos: usize,
}

/// The state inside a `BytesIO` instance.
pub(super) struct BytesIo(GilCell<Inner>);

impl NativeObject for BytesIo {
    fn type_name(&self) -> &'static str {
        TNAME
    }
    fn repr(&self, _gil: Gil<'_>) -> Result<String, PyErr> {
        // `object`'s repr: the instance's is then `object.__repr__`'s, as CPython's
        // (`objects::repr::native_subclass_repr`).
        Ok("<object object at 0x0>".to_owned())
    }
    fn getattr(&self, _gil: Gil<'_>, _name: &str) -> Option<Value> {
        None
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

fn closed_error() -> PyErr {
    value_error("I/O operation on closed file.")
}

fn exports_error() -> PyErr {
    PyErr::msg(
        &crate::objects::types::types().exc.buffer_error,
        "Existing exports of data: object cannot be re-sized",
    )
}

fn this<'v>(v: &'v Value, meth: &str) -> PyResult<&'v BytesIo> {
    state::<BytesIo>(v, TNAME, meth)
}

impl Inner {
    fn len(&self, gil: Gil<'_>) -> usize {
        match &self.buf {
            Some(Buf::Shared(b)) => b.len(),
            Some(Buf::Own(b)) => b.borrow(gil).len(),
            None => 0,
        }
    }

    fn check_closed(&self) -> Result<(), PyErr> {
        match self.buf {
            Some(_) => Ok(()),
            None => Err(closed_error()),
        }
    }

    /// `BufferError` while `getbuffer()` views are alive.
    fn check_exports(&self) -> Result<(), PyErr> {
        match &self.buf {
            Some(Buf::Own(b)) if crate::objects::buffer::exports(addr(b)) > 0 => {
                Err(exports_error())
            }
            _ => Ok(()),
        }
    }

    /// `f(contents)`; empty when closed (the callers checked).
    fn with<R>(&self, gil: Gil<'_>, f: impl FnOnce(&[u8]) -> R) -> R {
        match &self.buf {
            Some(Buf::Shared(b)) => f(b),
            Some(Buf::Own(b)) => f(&b.borrow(gil)),
            None => f(&[]),
        }
    }

    /// The storage of its own, made from the shared one if need be.
    fn own(&mut self, gil: Gil<'_>) -> Result<Arc<GilCell<Vec<u8>>>, PyErr> {
        match &self.buf {
            Some(Buf::Own(b)) => Ok(b.clone()),
            Some(Buf::Shared(b)) => {
                let b = Arc::new(GilCell::new(crate::objects::memory::copy(b)?));
                self.buf = Some(Buf::Own(b.clone()));
                let _ = gil;
                Ok(b)
            }
            None => Err(closed_error()),
        }
    }

    /// The next `n` bytes (the caller bounded `n` by what is left), as CPython's
    /// `read_bytes`: the shared `bytes` object itself when it is all of it.
    fn read_bytes(&mut self, gil: Gil<'_>, n: usize) -> Value {
        if let Some(Buf::Shared(b)) = &self.buf {
            if n > 1 && self.pos == 0 && n == b.len() {
                self.pos = n;
                return Value::Bytes(b.clone());
            }
        }
        if n == 0 {
            return Value::Bytes(Arc::new(Vec::new()));
        }
        let pos = self.pos;
        let out = self.with(gil, |d| d[pos..pos + n].to_vec());
        self.pos += n;
        Value::Bytes(Arc::new(out))
    }

    /// Bytes from the position to the end (0 when past it).
    fn left(&self, gil: Gil<'_>) -> usize {
        self.len(gil).saturating_sub(self.pos)
    }

    /// The length of the line from the position (to its `\n` included), at most
    /// `limit` bytes (negative: no limit).
    fn scan_eol(&self, gil: Gil<'_>, limit: i64) -> usize {
        let left = self.left(gil);
        let max = if limit < 0 || limit as u64 > left as u64 {
            left
        } else {
            limit as usize
        };
        if max == 0 {
            return 0;
        }
        let pos = self.pos;
        self.with(gil, |d| match super::find_byte(b'\n', &d[pos..pos + max]) {
            Some(i) => i + 1,
            None => max,
        })
    }

    /// Write `data` at the position (CPython's `write_bytes`).
    fn write(&mut self, gil: Gil<'_>, data: &[u8]) -> Result<usize, PyErr> {
        self.check_closed()?;
        self.check_exports()?;
        let n = data.len();
        if n == 0 {
            return Ok(0);
        }
        let pos = self.pos;
        let end = pos
            .checked_add(n)
            .filter(|&e| e <= i64::MAX as usize)
            .ok_or_else(|| overflow_error("new buffer size too large"))?;
        let own = self.own(gil)?;
        let mut v = own.borrow_mut(gil);
        if end > v.capacity() {
            check_size(end as i64)?;
            let want = end.max(v.capacity().saturating_mul(2));
            let more = want - v.len();
            crate::objects::memory::reserve(&mut v, more)?;
        }
        if pos > v.len() {
            v.resize(pos, 0);
        }
        let overlap = v.len().min(end) - pos;
        v[pos..pos + overlap].copy_from_slice(&data[..overlap]);
        v.extend_from_slice(&data[overlap..]);
        self.pos = end;
        Ok(n)
    }
}

fn addr(b: &Arc<GilCell<Vec<u8>>>) -> usize {
    Arc::as_ptr(b) as *const u8 as usize
}

/// Write a bytes-like `v` (3.11 checks the file before it reads the buffer).
fn write_value(gil: Gil<'_>, st: &BytesIo, v: &Value) -> PyResult<usize> {
    {
        let s = st.0.borrow(gil);
        s.check_closed()?;
        s.check_exports()?;
    }
    match crate::objects::class::payload(v).unwrap_or(v) {
        Value::Bytes(b) => {
            let b = b.clone();
            Ok(st.0.borrow_mut(gil).write(gil, &b)?)
        }
        Value::Str(_) => Err(type_error(format!(
            "a bytes-like object is required, not '{}'",
            type_name(v)
        ))
        .into()),
        _ => {
            let data = bytes_arg(gil, v)?;
            Ok(st.0.borrow_mut(gil).write(gil, &data)?)
        }
    }
}

/// `BytesIO.__new__(cls, *args, **kwargs)`: an empty, open instance.
fn new(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let cls = match args.get(0) {
        Some(Value::Type(t)) => t.clone(),
        Some(v) => {
            return Err(type_error(format!(
                "BytesIO.__new__(X): X is not a type object ({})",
                type_name(v)
            ))
            .into())
        }
        None => return Err(type_error("BytesIO.__new__(): not enough arguments").into()),
    };
    let st = BytesIo(GilCell::new(Inner {
        buf: Some(Buf::Own(Arc::new(GilCell::new(Vec::new())))),
        pos: 0,
    }));
    Ok(crate::objects::class::instance_with(
        cls,
        Value::Object(Arc::new(Object(Box::new(st)))),
    ))
}

/// `BytesIO(initial_bytes=b'')`.
fn init(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let (me, args) = split_self(args, "__init__")?;
    let st = this(&me, "__init__")?;
    let p = clinic_posonly(args, "BytesIO", &["initial_bytes"], 0, 0, 1)?;
    let gil = cx.gil;
    {
        let mut s = st.0.borrow_mut(gil);
        s.check_exports()?;
        s.pos = 0;
        if s.buf.is_some() {
            s.buf = Some(Buf::Own(Arc::new(GilCell::new(Vec::new()))));
        }
    }
    match &p[0] {
        None | Some(Value::None) => {}
        Some(Value::Bytes(b)) => st.0.borrow_mut(gil).buf = Some(Buf::Shared(b.clone())),
        Some(v) => {
            write_value(gil, st, v)?;
            st.0.borrow_mut(gil).pos = 0;
        }
    }
    Ok(Value::None)
}

fn getvalue(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("BytesIO.getvalue", 0, 0)?;
    let gil = cx.gil;
    let mut s = this(args.at(0), "getvalue")?.0.borrow_mut(gil);
    s.check_closed()?;
    let shared = match &s.buf {
        Some(Buf::Shared(b)) => return Ok(Value::Bytes(b.clone())),
        // Nothing else holds the storage (no view, no `getbuffer().obj`): it becomes
        // the `bytes` object returned, shared until the next change.
        Some(Buf::Own(b)) if Arc::strong_count(b) == 1 && b.borrow(gil).len() > 1 => {
            Arc::new(std::mem::take(&mut *b.borrow_mut(gil)))
        }
        _ => return Ok(Value::Bytes(Arc::new(s.with(gil, |d| d.to_vec())))),
    };
    s.buf = Some(Buf::Shared(shared.clone()));
    Ok(Value::Bytes(shared))
}

/// `getbuffer()`: a `memoryview` of the storage (what `memoryview(bytearray)` is).
fn getbuffer(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("BytesIO.getbuffer", 0, 0)?;
    let gil = cx.gil;
    let storage = {
        let mut s = this(args.at(0), "getbuffer")?.0.borrow_mut(gil);
        s.check_closed()?;
        s.own(gil)?
    };
    let memoryview = builtin_function(gil, "memoryview");
    cx.call(&memoryview, vec![Value::ByteArray(storage)])
}

fn read(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("BytesIO.read", 0, 1)?;
    read_impl(cx, &args, "read")
}

fn read1(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("BytesIO.read1", 0, 1)?;
    read_impl(cx, &args, "read1")
}

fn read_impl(cx: &mut Cx, args: &Args, meth: &str) -> PyResult<Value> {
    let st = this(args.at(0), meth)?;
    let size = match args.get(1) {
        Some(Value::Int(i)) => *i,
        v => opt_size(cx, v)?.unwrap_or(-1),
    };
    let gil = cx.gil;
    let mut s = st.0.borrow_mut(gil);
    s.check_closed()?;
    let left = s.left(gil);
    let n = if size < 0 || size as u64 > left as u64 {
        left
    } else {
        size as usize
    };
    Ok(s.read_bytes(gil, n))
}

fn readline(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("BytesIO.readline", 0, 1)?;
    let st = this(args.at(0), "readline")?;
    let size = opt_size(cx, args.get(1))?.unwrap_or(-1);
    let gil = cx.gil;
    let mut s = st.0.borrow_mut(gil);
    s.check_closed()?;
    let n = s.scan_eol(gil, size);
    Ok(s.read_bytes(gil, n))
}

fn readlines(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("BytesIO.readlines", 0, 1)?;
    let st = this(args.at(0), "readlines")?;
    let max = match args.get(1) {
        None | Some(Value::None) => -1,
        Some(v) if crate::objects::int::is_int(crate::objects::class::payload(v).unwrap_or(v)) => {
            super::ssize(cx, v, "Python int too large to convert to C ssize_t")?
        }
        Some(v) => {
            return Err(
                type_error(format!("integer argument expected, got '{}'", type_name(v))).into(),
            )
        }
    };
    let gil = cx.gil;
    let mut s = st.0.borrow_mut(gil);
    s.check_closed()?;
    let mut out = Vec::new();
    let mut total = 0usize;
    loop {
        let n = s.scan_eol(gil, -1);
        if n == 0 {
            break;
        }
        let pos = s.pos;
        out.push(Value::Bytes(Arc::new(
            s.with(gil, |d| d[pos..pos + n].to_vec()),
        )));
        s.pos += n;
        total += n;
        if max > 0 && total as u64 >= max as u64 {
            break;
        }
    }
    Ok(Value::list(out))
}

fn rw_error(v: &Value) -> PyErr {
    type_error(format!(
        "readinto() argument must be read-write bytes-like object, not {}",
        type_name(v)
    ))
}

/// `readinto(buffer)`: a bytearray, a writable memoryview or an array.
fn readinto(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("BytesIO.readinto", 1, 1)?;
    let st = this(args.at(0), "readinto")?;
    let gil = cx.gil;
    let target = args.at(1);
    let inner = crate::objects::class::payload(target).unwrap_or(target);
    let room = match inner {
        Value::ByteArray(b) => b.borrow(gil).len(),
        Value::Object(o) => match o.0.buffer(gil) {
            Some(b) => b.len(),
            None => return Err(rw_error(target).into()),
        },
        _ => return Err(rw_error(target).into()),
    };
    let data = {
        let s = st.0.borrow(gil);
        s.check_closed()?;
        let n = room.min(s.left(gil));
        let pos = s.pos;
        match n {
            0 => Vec::new(),
            _ => s.with(gil, |d| d[pos..pos + n].to_vec()),
        }
    };
    match inner {
        Value::ByteArray(b) => b.borrow_mut(gil)[..data.len()].copy_from_slice(&data),
        Value::Object(o) => match o.0.buffer_write(gil, 0, &data) {
            Some(r) => r?,
            None => return Err(rw_error(target).into()),
        },
        _ => unreachable!("checked above"),
    }
    st.0.borrow_mut(gil).pos += data.len();
    Ok(Value::Int(data.len() as i64))
}

fn write(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("BytesIO.write", 1, 1)?;
    let st = this(args.at(0), "write")?;
    Ok(Value::Int(write_value(cx.gil, st, args.at(1))? as i64))
}

fn writelines(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("BytesIO.writelines", 1, 1)?;
    let st = this(args.at(0), "writelines")?;
    st.0.borrow(cx.gil).check_closed()?;
    let it = cx.iter(args.at(1))?;
    while let Some(item) = cx.next(&it)? {
        write_value(cx.gil, st, &item)?;
    }
    Ok(Value::None)
}

fn seek(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let (pos, whence) = seek_args(cx, &args, "BytesIO.seek")?;
    let gil = cx.gil;
    let mut s = this(args.at(0), "seek")?.0.borrow_mut(gil);
    s.check_closed()?;
    if pos < 0 && whence == 0 {
        return Err(value_error(format!("negative seek value {pos}")).into());
    }
    let base = match whence {
        0 => 0,
        1 => s.pos as i64,
        2 => s.len(gil) as i64,
        _ => {
            return Err(
                value_error(format!("invalid whence ({whence}, should be 0, 1 or 2)")).into(),
            )
        }
    };
    let pos = base
        .checked_add(pos)
        .ok_or_else(|| overflow_error("new position too large"))?;
    s.pos = pos.max(0) as usize;
    Ok(Value::Int(s.pos as i64))
}

fn tell(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("BytesIO.tell", 0, 0)?;
    let s = this(args.at(0), "tell")?.0.borrow(cx.gil);
    s.check_closed()?;
    Ok(Value::Int(s.pos as i64))
}

fn truncate(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("BytesIO.truncate", 0, 1)?;
    let st = this(args.at(0), "truncate")?;
    let size = opt_size(cx, args.get(1))?;
    let gil = cx.gil;
    let mut s = st.0.borrow_mut(gil);
    s.check_closed()?;
    s.check_exports()?;
    let size = size.unwrap_or(s.pos as i64);
    if size < 0 {
        return Err(value_error(format!("negative size value {size}")).into());
    }
    let size = size as usize;
    if size < s.len(gil) {
        let own = s.own(gil)?;
        let mut v = own.borrow_mut(gil);
        v.truncate(size);
        if v.capacity() > 2 * size + 64 {
            v.shrink_to_fit();
        }
    }
    Ok(Value::Int(size as i64))
}

fn close(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("BytesIO.close", 0, 0)?;
    let mut s = this(args.at(0), "close")?.0.borrow_mut(cx.gil);
    s.check_exports()?;
    s.buf = None;
    Ok(Value::None)
}

/// The `closed` property's getter.
/// Is the `BytesIO` state in `v` closed (`None` if `v` holds none)?
pub(super) fn is_closed(gil: Gil<'_>, v: &Value) -> Option<bool> {
    let inner = crate::objects::class::payload(v)?;
    match inner {
        Value::Object(o) => o.0.as_any().downcast_ref::<BytesIo>(),
        _ => None,
    }
    .map(|st| st.0.borrow(gil).buf.is_none())
}

fn closed(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("BytesIO.closed", 0, 0)?;
    let s = this(args.at(0), "closed")?.0.borrow(cx.gil);
    Ok(Value::bool(s.buf.is_none()))
}

fn answer(cx: &mut Cx, args: &Args, name: &str, v: bool) -> PyResult<Value> {
    args.check_method(name, 0, 0)?;
    let s = this(args.at(0), name)?.0.borrow(cx.gil);
    s.check_closed()?;
    Ok(Value::bool(v))
}

fn readable(cx: &mut Cx, args: Args) -> PyResult<Value> {
    answer(cx, &args, "BytesIO.readable", true)
}

fn writable(cx: &mut Cx, args: Args) -> PyResult<Value> {
    answer(cx, &args, "BytesIO.writable", true)
}

fn seekable(cx: &mut Cx, args: Args) -> PyResult<Value> {
    answer(cx, &args, "BytesIO.seekable", true)
}

fn isatty(cx: &mut Cx, args: Args) -> PyResult<Value> {
    answer(cx, &args, "BytesIO.isatty", false)
}

fn flush(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("BytesIO.flush", 0, 0)?;
    let s = this(args.at(0), "flush")?.0.borrow(cx.gil);
    s.check_closed()?;
    Ok(Value::None)
}

/// `iter(f)` is `f` (not checked for being closed: CPython's `PyObject_SelfIter`).
fn iter(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("BytesIO.__iter__", 0, 0)?;
    this(args.at(0), "__iter__")?;
    Ok(args.at(0).clone())
}

fn next(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("BytesIO.__next__", 0, 0)?;
    let gil = cx.gil;
    let mut s = this(args.at(0), "__next__")?.0.borrow_mut(gil);
    s.check_closed()?;
    let n = s.scan_eol(gil, -1);
    if n == 0 {
        return Err(stop_iteration().into());
    }
    Ok(s.read_bytes(gil, n))
}

fn sizeof(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("BytesIO.__sizeof__", 0, 0)?;
    let s = this(args.at(0), "__sizeof__")?.0.borrow(cx.gil);
    let own = match &s.buf {
        Some(Buf::Own(b)) => b.borrow(cx.gil).capacity() + 33,
        _ => 0,
    };
    Ok(Value::Int(88 + own as i64))
}

/// `(getvalue(), tell(), __dict__ or None)`.
fn getstate(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("BytesIO.__getstate__", 0, 0)?;
    let me = args.at(0).clone();
    let st = this(&me, "__getstate__")?;
    let value = getvalue(cx, Args::new([me.clone()]))?;
    let pos = st.0.borrow(cx.gil).pos as i64;
    Ok(Value::tuple(vec![
        value,
        Value::Int(pos),
        super::dict_state(cx.gil, &me),
    ]))
}

fn setstate(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("BytesIO.__setstate__", 1, 1)?;
    let me = args.at(0).clone();
    let st = this(&me, "__setstate__")?;
    let gil = cx.gil;
    let state = args.at(1);
    let items = match crate::objects::class::payload(state).unwrap_or(state) {
        Value::Tuple(t) if t.len() >= 3 => t.clone(),
        _ => {
            return Err(type_error(format!(
                "{}.__setstate__ argument should be 3-tuple, got {}",
                super::tp_name(gil, &me, TNAME),
                type_name(state)
            ))
            .into())
        }
    };
    {
        let mut s = st.0.borrow_mut(gil);
        s.check_exports()?;
        s.pos = 0;
        if s.buf.is_some() {
            s.buf = Some(Buf::Own(Arc::new(GilCell::new(Vec::new()))));
        }
    }
    write_value(gil, st, &items[0])?;
    let pos = super::state_pos(
        cx,
        &items[1],
        "second item of state must be an integer, not",
    )?;
    st.0.borrow_mut(gil).pos = pos;
    super::restore_dict(cx, &me, &items[2], "third")?;
    Ok(Value::None)
}
