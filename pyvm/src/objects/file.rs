//! File objects: `open()` in text or binary mode, `read`, `readline`, `readlines`,
//! `write`, `writelines`, `close`, iteration by line.
//!
//! Files block: `open`, reads, writes, `flush` and `close` are plain system calls
//! made with the GIL held, so while one waits for the disk (or for a FIFO or a
//! terminal opened by name) the OS thread stops, with every micro-thread on it, and
//! other OS threads wait for the GIL. They never defer (epoll cannot watch a regular
//! file, so the reactor could not wait for one anyway); sockets are what defers
//! (`mt/io.rs`).

use crate::objects::rc::Arc;
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, BufWriter, Read, Write};

use super::function::NativeDef;
use super::gil::GilCell;
use super::types::{type_name, types};
use crate::native::*;

enum Handle {
    Reader(BufReader<File>),
    Writer(BufWriter<std::fs::File>),
    Closed,
}

pub struct PyFile {
    pub name: String,
    pub mode: String,
    pub binary: bool,
    /// A text file's `encoding`: as given to `open`, else the locale's (UTF-8).
    pub encoding: String,
    handle: Handle,
}

impl PyFile {
    pub fn closed(&self) -> bool {
        matches!(self.handle, Handle::Closed)
    }

    /// The next line (with its newline), or `None` at the end of the file.
    pub fn read_line(&mut self) -> Result<Option<Value>, PyErr> {
        let (binary, name) = (self.binary, self.name.clone());
        let Handle::Reader(r) = &mut self.handle else {
            return Err(if self.closed() {
                closed_error()
            } else {
                not_readable()
            });
        };
        let mut buf = Vec::new();
        let read = match binary {
            true => r.read_until(b'\n', &mut buf).map(|_| ()),
            false => read_text_line(r, &mut buf),
        };
        read.map_err(|e| os_error_for(&e, &name))?;
        if buf.is_empty() {
            return Ok(None);
        }
        as_value(binary, buf).map(Some)
    }
}

/// One line of a text file with universal newlines, as `open()`'s default
/// `newline=None` reads: a line ends at `\n`, `\r\n` or `\r`, and each becomes `\n`.
fn read_text_line(r: &mut BufReader<File>, out: &mut Vec<u8>) -> std::io::Result<()> {
    loop {
        let avail = r.fill_buf()?;
        if avail.is_empty() {
            return Ok(());
        }
        let Some(i) = avail.iter().position(|&b| b == b'\n' || b == b'\r') else {
            let n = avail.len();
            out.extend_from_slice(avail);
            r.consume(n);
            continue;
        };
        let cr = avail[i] == b'\r';
        out.extend_from_slice(&avail[..i]);
        out.push(b'\n');
        r.consume(i + 1);
        if cr {
            skip_lf(r)?;
        }
        return Ok(());
    }
}

/// After a `\r`: a `\n` right after it belongs to the same newline.
fn skip_lf(r: &mut BufReader<File>) -> std::io::Result<()> {
    if r.fill_buf()?.first() == Some(&b'\n') {
        r.consume(1);
    }
    Ok(())
}

/// A whole text read's newlines translated (`\r\n` and `\r` become `\n`).
fn translate_newlines(buf: Vec<u8>) -> Vec<u8> {
    if !buf.contains(&b'\r') {
        return buf;
    }
    let mut out = Vec::with_capacity(buf.len());
    let mut i = 0;
    while i < buf.len() {
        match buf[i] {
            b'\r' => {
                out.push(b'\n');
                if buf.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    out
}

pub static METHODS: &[NativeDef] = super::methods::natives![
    "read" => read, "readline" => readline, "readlines" => readlines, "write" => write,
    "writelines" => writelines, "close" => close, "flush" => flush,
    "__enter__" => enter, "__exit__" => exit, "seek" => seek, "tell" => tell,
    "seekable" => seekable, "readable" => readable, "writable" => writable,
    "fileno" => fileno, "isatty" => isatty, "readinto" => readinto, "readinto1" => readinto1,
    "read1" => read1,
];

/// The Python exception for an OS error on `path`, CPython style: a
/// `FileNotFoundError` with `errno` 2 whose `str()` is `[Errno 2] No such file...: 'x'`.
pub fn os_error_for(e: &std::io::Error, path: &str) -> PyErr {
    super::os_error::from_io(e, Some(path))
}

/// `open`'s file argument as a path: a str, bytes (UTF-8), or what its
/// `__fspath__` returns (`pathlib.Path`, `os.DirEntry`); `None` for anything else.
fn file_path(cx: &mut Cx, v: &Value) -> PyResult<Option<String>> {
    let direct = |v: &Value| match super::class::payload(v).unwrap_or(v) {
        Value::Str(s) => Some(s.as_str().to_owned()),
        // Undecodable bytes as U+DC80..U+DCFF, given back by `fs_encode` at the open.
        Value::Bytes(b) => Some(super::str::fs_decode(b)),
        _ => None,
    };
    if let Some(p) = direct(v) {
        return Ok(Some(p));
    }
    if !matches!(v, Value::Instance(_) | Value::Object(_)) {
        return Ok(None);
    }
    let Ok(m) = cx.getattr(v, "__fspath__") else {
        return Ok(None);
    };
    let r = cx.call(&m, vec![])?;
    match direct(&r) {
        Some(p) => Ok(Some(p)),
        None => Err(type_error(format!(
            "expected {}.__fspath__() to return str or bytes, not {}",
            type_name(v),
            type_name(&r)
        ))
        .into()),
    }
}

/// `open(file, mode='r', buffering=-1, encoding=None, errors=None, newline=None,
/// closefd=True, opener=None)`: files are UTF-8 and buffered as pyvm buffers them
/// (`buffering` is accepted and does not change that); another encoding, an error
/// handler, `newline`, `closefd` or `opener` other than their defaults make it
/// `_io.open`'s (Lib's io classes) instead.
pub fn open(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let params = [
        "file",
        "mode",
        "buffering",
        "encoding",
        "errors",
        "newline",
        "closefd",
        "opener",
    ];
    let original = Args {
        pos: args.pos.clone(),
        kw: args.kw.clone(),
    };
    let a = clinic(args, "open", &params, 1, 8)?;
    // What the native file does not do (another encoding, an error handler, newline
    // control, `closefd`, an opener) is the io module's `open` (Lib's `_pyio`
    // classes under `_io`), with CPython's semantics.
    let utf8 = |v: &Value| {
        v.as_str().is_some_and(|e| {
            matches!(
                e.to_ascii_lowercase().replace(['-', '_'], "").as_str(),
                "utf8"
            )
        })
    };
    let mut delegate = a[3]
        .as_ref()
        .is_some_and(|e| !matches!(e, Value::None) && !utf8(e));
    // A file descriptor (the native file opens paths only), or no buffering
    // (`open(p, 'rb', buffering=0)` is a `FileIO`).
    delegate |= matches!(a[0], Some(Value::Int(_) | Value::Bool(_)));
    delegate |= matches!(
        a[2],
        Some(Value::Int(0) | Value::Bool(super::value::PyBool::False))
    );
    delegate |= a[4]
        .as_ref()
        .is_some_and(|e| !matches!(e, Value::None) && e.as_str() != Some("strict"));
    for (i, default) in [(5, Value::None), (6, Value::bool(true)), (7, Value::None)] {
        if let Some(v) = &a[i] {
            delegate |= !cx.eq(v, &default)?;
        }
    }
    if delegate {
        let import = crate::native::builtin_function(cx.gil, "__import__");
        let io = cx.call(&import, vec![Value::str("_io")])?;
        let open = cx.getattr(&io, "open")?;
        return cx.call_args(&open, original);
    }
    let mode_kw = a[1].clone();
    let encoding = match a[3].as_ref().and_then(|e| e.as_str()) {
        Some(e) => e.to_owned(),
        None if crate::native::utf8_mode() => "utf-8".to_owned(),
        None => "UTF-8".to_owned(),
    };
    let args = Args::new(a.into_iter().take(1).flatten());
    let Some(path) = file_path(cx, args.at(0))? else {
        return Err(type_error(format!(
            "expected str, bytes or os.PathLike object, not {}",
            type_name(args.at(0))
        ))
        .into());
    };
    let mode = match args.get(1).or(mode_kw.as_ref()) {
        Some(Value::Str(m)) => m.as_str().to_owned(),
        Some(v) => {
            return Err(type_error(format!(
                "open() argument 'mode' must be str, not {}",
                type_name(v)
            ))
            .into())
        }
        None => "r".to_owned(),
    };
    let mut seen = String::new();
    for c in mode.chars() {
        if !"rwaxbt+".contains(c) || seen.contains(c) {
            return Err(value_error(format!("invalid mode: '{mode}'")).into());
        }
        seen.push(c);
    }
    if mode.contains('b') && mode.contains('t') {
        return Err(value_error("can't have text and binary mode at once").into());
    }
    if mode.chars().filter(|c| "rwax".contains(*c)).count() != 1 {
        return Err(value_error("must have exactly one of create/read/write/append mode").into());
    }
    let mut o = OpenOptions::new();
    match mode.chars().find(|c| "rwax".contains(*c)) {
        Some('r') => o.read(true),
        Some('w') => o.write(true).create(true).truncate(true),
        Some('a') => o.append(true).create(true),
        _ => o.write(true).create_new(true),
    };
    if mode.contains('+') {
        o.read(true).write(true);
    }
    let os = super::str::fs_encode_value(&Value::str(&path))?;
    let os = <std::ffi::OsStr as std::os::unix::ffi::OsStrExt>::from_bytes(&os);
    let f = o.open(os).map_err(|e| os_error_for(&e, &path))?;
    if f.metadata().map(|m| m.is_dir()).unwrap_or(false) {
        let e = std::io::Error::from_raw_os_error(21);
        return Err(os_error_for(&e, &path).into());
    }
    let handle = if mode.contains('r') {
        Handle::Reader(BufReader::new(f))
    } else {
        Handle::Writer(BufWriter::new(f))
    };
    Ok(Value::File(Arc::new(GilCell::new(PyFile {
        name: path,
        binary: mode.contains('b'),
        mode,
        encoding,
        handle,
    }))))
}

fn file_of(v: &Value) -> &Arc<GilCell<PyFile>> {
    match v {
        Value::File(f) => f,
        _ => unreachable!("file method on a file"),
    }
}

fn closed_error() -> PyErr {
    value_error("I/O operation on closed file.")
}

fn not_readable() -> PyErr {
    PyErr::msg(&types().exc.os_error, "not readable")
}

/// Bytes as the file's kind of value (str in text mode).
fn as_value(binary: bool, bytes: Vec<u8>) -> Result<Value, PyErr> {
    if binary {
        Ok(Value::Bytes(Arc::new(bytes)))
    } else {
        Ok(Value::string(super::methods::decode_utf8(&bytes)?))
    }
}

fn read(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("read", 0, 1)?;
    let limit = match args.get(1) {
        Some(Value::None) | None => -1,
        Some(v) => arg_int(v, "")?,
    };
    let mut f = file_of(args.at(0)).borrow_mut(cx.gil);
    let binary = f.binary;
    let name = f.name.clone();
    let Handle::Reader(r) = &mut f.handle else {
        return Err(if f.closed() {
            closed_error()
        } else {
            not_readable()
        }
        .into());
    };
    let mut buf = Vec::new();
    let res = if limit < 0 {
        let res = r.read_to_end(&mut buf).map(|_| ());
        if !binary {
            buf = translate_newlines(buf);
        }
        res
    } else if binary {
        r.take(limit as u64).read_to_end(&mut buf).map(|_| ())
    } else {
        // `limit` characters: read whole UTF-8 sequences.
        let mut chars = 0;
        let mut res = Ok(());
        while chars < limit {
            let mut b = [0u8; 1];
            match r.read(&mut b) {
                Ok(0) => break,
                Ok(_) if b[0] == b'\r' => {
                    buf.push(b'\n');
                    chars += 1;
                    if let Err(e) = skip_lf(r) {
                        res = Err(e);
                        break;
                    }
                }
                Ok(_) => {
                    buf.push(b[0]);
                    if b[0] & 0xC0 != 0x80 {
                        chars += 1;
                    }
                }
                Err(e) => {
                    res = Err(e);
                    break;
                }
            }
        }
        res
    };
    res.map_err(|e| os_error_for(&e, &name))?;
    Ok(as_value(binary, buf)?)
}

fn readline(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("readline", 0, 0)?;
    let mut f = file_of(args.at(0)).borrow_mut(cx.gil);
    let binary = f.binary;
    Ok(f.read_line()?
        .map_or_else(|| as_value(binary, Vec::new()), Ok)?)
}

fn readlines(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("readlines", 0, 0)?;
    let mut f = file_of(args.at(0)).borrow_mut(cx.gil);
    let mut out = Vec::new();
    while let Some(line) = f.read_line()? {
        out.push(line);
    }
    Ok(Value::list(out))
}
fn write_value(cx: &mut Cx, file: &Value, v: &Value) -> PyResult<usize> {
    let mut f = file_of(file).borrow_mut(cx.gil);
    let (binary, name) = (f.binary, f.name.clone());
    let data: Vec<u8> = match (binary, v) {
        // A `str` or a `str` subclass's text.
        (false, v) if v.as_str().is_some() => super::str::utf8_strict(v)?.to_vec(),
        (false, v) => {
            return Err(type_error(format!(
                "write() argument must be str, not {}",
                type_name(v)
            ))
            .into())
        }
        // Any bytes-like object: bytes, bytearray, memoryview (pickle's frames are
        // `BytesIO.getbuffer()` views), array, and their subclasses.
        (true, v) => crate::native::bytes_arg(cx.gil, v)?,
    };
    let n = match v {
        Value::Str(s) => s.char_len(),
        _ => data.len(),
    };
    match &mut f.handle {
        Handle::Writer(w) => w.write_all(&data).map_err(|e| os_error_for(&e, &name))?,
        Handle::Closed => return Err(closed_error().into()),
        Handle::Reader(_) => return Err(PyErr::msg(&types().exc.os_error, "not writable").into()),
    }
    Ok(n)
}

fn write(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("write", 1, 1)?;
    Ok(Value::Int(write_value(cx, args.at(0), args.at(1))? as i64))
}

fn writelines(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("writelines", 1, 1)?;
    for line in cx.collect(args.at(1))? {
        write_value(cx, args.at(0), &line)?;
    }
    Ok(Value::None)
}

fn flush(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let mut f = file_of(args.at(0)).borrow_mut(cx.gil);
    let name = f.name.clone();
    match &mut f.handle {
        Handle::Writer(w) => w.flush().map_err(|e| os_error_for(&e, &name))?,
        Handle::Closed => return Err(closed_error().into()),
        Handle::Reader(_) => {}
    }
    Ok(Value::None)
}

fn close(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("close", 0, 0)?;
    let mut f = file_of(args.at(0)).borrow_mut(cx.gil);
    let name = f.name.clone();
    if let Handle::Writer(w) = &mut f.handle {
        w.flush().map_err(|e| os_error_for(&e, &name))?;
    }
    f.handle = Handle::Closed;
    Ok(Value::None)
}

/// The file's descriptor and position calls, on whichever handle it has.
fn with_file<R>(
    f: &mut PyFile,
    op: impl FnOnce(&mut dyn SeekFile) -> std::io::Result<R>,
) -> Result<R, PyErr> {
    let name = f.name.clone();
    let r = match &mut f.handle {
        Handle::Reader(r) => op(r),
        Handle::Writer(w) => op(w),
        Handle::Closed => return Err(closed_error()),
    };
    r.map_err(|e| os_error_for(&e, &name))
}

/// A buffered reader or writer over a file: seekable, with a descriptor.
trait SeekFile: std::io::Seek {
    fn fd(&self) -> i32;
}

impl SeekFile for BufReader<std::fs::File> {
    fn fd(&self) -> i32 {
        std::os::fd::AsRawFd::as_raw_fd(self.get_ref())
    }
}

impl SeekFile for BufWriter<std::fs::File> {
    fn fd(&self) -> i32 {
        std::os::fd::AsRawFd::as_raw_fd(self.get_ref())
    }
}

/// `seek(offset, whence=0)`: the new position. Text files take only what `tell()`
/// gave (a byte position) or a seek to the end, as CPython's.
fn seek(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("seek", 1, 2)?;
    let offset = arg_int(args.at(1), "")?;
    let whence = match args.get(2) {
        Some(w) => arg_int(w, "")?,
        None => 0,
    };
    let mut f = file_of(args.at(0)).borrow_mut(cx.gil);
    if f.closed() {
        return Err(closed_error().into());
    }
    let to = match whence {
        0 if offset < 0 => {
            return Err(value_error(format!("negative seek position {offset}")).into())
        }
        0 => std::io::SeekFrom::Start(offset as u64),
        1 | 2 if !f.binary && offset != 0 => {
            let which = if whence == 1 { "cur" } else { "end" };
            return Err(PyErr::msg(
                &types().exc.os_error,
                format!("can't do nonzero {which}-relative seeks"),
            )
            .into());
        }
        1 => std::io::SeekFrom::Current(offset),
        2 => std::io::SeekFrom::End(offset),
        w => return Err(value_error(format!("invalid whence ({w}, should be 0, 1 or 2)")).into()),
    };
    let pos = with_file(&mut f, |h| h.seek(to))?;
    Ok(Value::Int(pos as i64))
}

fn tell(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("tell", 0, 0)?;
    let mut f = file_of(args.at(0)).borrow_mut(cx.gil);
    let pos = with_file(&mut f, |h| h.stream_position())?;
    Ok(Value::Int(pos as i64))
}

fn fileno(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("fileno", 0, 0)?;
    let mut f = file_of(args.at(0)).borrow_mut(cx.gil);
    let fd = with_file(&mut f, |h| Ok(h.fd()))?;
    Ok(Value::Int(fd as i64))
}

fn isatty(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("isatty", 0, 0)?;
    let mut f = file_of(args.at(0)).borrow_mut(cx.gil);
    let tty = with_file(&mut f, |h| {
        // A terminal opened by name (`/dev/tty`): `metadata` says a character device;
        // only those can be terminals.
        use std::os::unix::fs::FileTypeExt;
        let path = format!("/proc/self/fd/{}", h.fd());
        Ok(std::fs::metadata(path).is_ok_and(|m| m.file_type().is_char_device()))
    })?;
    Ok(Value::bool(tty))
}

/// `seekable()`, `readable()`, `writable()`: what the open file allows.
fn ability(cx: &mut Cx, args: Args, name: &str) -> PyResult<Value> {
    args.check_method(name, 0, 0)?;
    let f = file_of(args.at(0)).borrow(cx.gil);
    Ok(Value::bool(match (&f.handle, name) {
        (Handle::Closed, _) => return Err(closed_error().into()),
        (_, "seekable") => true,
        (Handle::Reader(_), "readable") | (Handle::Writer(_), "writable") => true,
        _ => false,
    }))
}

fn seekable(cx: &mut Cx, args: Args) -> PyResult<Value> {
    ability(cx, args, "seekable")
}

fn readable(cx: &mut Cx, args: Args) -> PyResult<Value> {
    ability(cx, args, "readable")
}

fn writable(cx: &mut Cx, args: Args) -> PyResult<Value> {
    ability(cx, args, "writable")
}

/// `with open(...) as f:` — the file itself, unless it is closed already.
fn enter(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__enter__", 0, 0)?;
    if file_of(args.at(0)).borrow(cx.gil).closed() {
        return Err(closed_error().into());
    }
    Ok(args.at(0).clone())
}

/// The end of a `with` block (any arguments): close the file; never suppresses.
fn exit(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__exit__", 0, usize::MAX)?;
    close(cx, Args::new([args.at(0).clone()]))
}

/// `readinto(b)` of a binary file: fills a bytearray, a writable memoryview or an
/// array from the file, as many bytes as it holds (fewer at the end of the file).
fn readinto(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("readinto", 1, 1)?;
    readinto_impl(cx, &args, false)
}

/// `readinto1(b)`: at most one raw read (what the buffer holds, else one `read`).
fn readinto1(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("readinto1", 1, 1)?;
    readinto_impl(cx, &args, true)
}

fn rw_buffer_error(v: &Value) -> PyErr {
    type_error(format!(
        "readinto() argument must be read-write bytes-like object, not {}",
        type_name(v)
    ))
}

fn readinto_impl(cx: &mut Cx, args: &Args, one: bool) -> PyResult<Value> {
    let gil = cx.gil;
    let target = args.at(1);
    let inner = super::class::payload(target).unwrap_or(target);
    let room = match inner {
        Value::ByteArray(b) => b.borrow(gil).len(),
        Value::Object(o) => match o.0.buffer(gil) {
            Some(b) => b.len(),
            None => return Err(rw_buffer_error(target).into()),
        },
        _ => return Err(rw_buffer_error(target).into()),
    };
    let data = {
        let mut f = file_of(args.at(0)).borrow_mut(gil);
        let name = f.name.clone();
        let Handle::Reader(r) = &mut f.handle else {
            return Err(if f.closed() {
                value_error("readinto of closed file")
            } else {
                not_readable()
            }
            .into());
        };
        let mut buf = vec![0u8; room];
        let mut got = 0;
        while got < room {
            match r.read(&mut buf[got..]) {
                Ok(0) => break,
                Ok(n) => got += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(os_error_for(&e, &name).into()),
            }
            if one {
                break;
            }
        }
        buf.truncate(got);
        buf
    };
    match inner {
        Value::ByteArray(b) => b.borrow_mut(gil)[..data.len()].copy_from_slice(&data),
        Value::Object(o) => match o.0.buffer_write(gil, 0, &data) {
            Some(r) => r?,
            None => return Err(rw_buffer_error(target).into()),
        },
        _ => return Err(rw_buffer_error(target).into()),
    }
    Ok(Value::Int(data.len() as i64))
}

/// `read1(size=-1)` of a binary file: the buffered bytes, else one raw read.
fn read1(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("read1", 0, 1)?;
    let limit = match args.get(1) {
        Some(Value::None) | None => -1,
        Some(v) => arg_int(v, "")?,
    };
    let mut f = file_of(args.at(0)).borrow_mut(cx.gil);
    let name = f.name.clone();
    let Handle::Reader(r) = &mut f.handle else {
        return Err(if f.closed() {
            value_error("read of closed file")
        } else {
            not_readable()
        }
        .into());
    };
    let avail = r.fill_buf().map_err(|e| os_error_for(&e, &name))?;
    let n = if limit < 0 {
        avail.len()
    } else {
        avail.len().min(limit as usize)
    };
    let out = avail[..n].to_vec();
    r.consume(n);
    Ok(Value::Bytes(Arc::new(out)))
}
