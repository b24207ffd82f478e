//! The standard streams `sys.stdin`, `sys.stdout`, `sys.stderr` (and `sys.__stdin__`,
//! ...): CPython's `_io.TextIOWrapper` over a buffered binary stream (`.buffer`), with
//! the same attributes and methods, made natively so that start-up does not import
//! `_io` (CPython's `_pyio`, frozen: 20 ms to compile).
//!
//! Writes go to the process's buffered stdout (`sys::write_stdout`, flushed at a
//! newline when the stream is line-buffered, after each write under `-u`) or to
//! stderr. Reads of stdin defer only the micro-thread that reads: when fd 0 is a
//! terminal, a pipe or a socket and has nothing to read, the reader waits on the
//! reactor's I/O notifier like a socket does, and every other micro-thread runs on.
//! A regular file (or `/dev/null`) is read at once: it never blocks.

use crate::objects::rc::Arc;
use std::io::Read;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};

use deferred::Unwind;

use crate::native::io::{wait_ready, IoRequest, IoSource};
use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::object::{NativeObject, Object};
use crate::objects::types::type_name;

/// One of the six stream objects: the text stream of fd 0, 1 or 2, or its `.buffer`.
pub struct StdStream {
    fd: i32,
    binary: bool,
}

/// State the text stream and its buffer share.
struct Shared {
    closed: AtomicBool,
    line_buffering: AtomicBool,
    write_through: AtomicBool,
    errors: Mutex<&'static str>,
}

impl Shared {
    const fn new() -> Shared {
        Shared {
            closed: AtomicBool::new(false),
            line_buffering: AtomicBool::new(false),
            write_through: AtomicBool::new(false),
            errors: Mutex::new("strict"),
        }
    }
}

static SHARED: [Shared; 3] = [Shared::new(), Shared::new(), Shared::new()];

/// Bytes read from fd 0 and not yet consumed.
static PENDING: Mutex<Vec<u8>> = Mutex::new(Vec::new());

/// The six objects, made once: `[stdin, stdout, stderr, stdin.buffer, ...]`.
fn objects() -> &'static [Value; 6] {
    static OBJS: OnceLock<[Value; 6]> = OnceLock::new();
    OBJS.get_or_init(|| {
        let make = |fd: i32, binary: bool| {
            Value::Object(Arc::new(Object(Box::new(StdStream { fd, binary }))))
        };
        let tty = std::io::IsTerminal::is_terminal(&std::io::stdout());
        SHARED[1].line_buffering.store(tty, Ordering::Relaxed);
        SHARED[2].line_buffering.store(true, Ordering::Relaxed);
        *SHARED[2].errors.lock().unwrap_or_else(|p| p.into_inner()) = "backslashreplace";
        [
            make(0, false),
            make(1, false),
            make(2, false),
            make(0, true),
            make(1, true),
            make(2, true),
        ]
    })
}

/// The text stream of `fd` (0, 1, 2): `sys.stdin`, `sys.stdout`, `sys.stderr`.
pub fn stream(fd: i32) -> Value {
    objects()[fd as usize].clone()
}

/// Is `v` the original text stream of `fd` (not a replacement a program put in `sys`)?
pub fn is_std(v: &Value, fd: i32) -> bool {
    matches!(v, Value::Object(o) if o.0.as_any().downcast_ref::<StdStream>()
        .is_some_and(|s| s.fd == fd && !s.binary))
}

/// `-u`: stdout and stderr unbuffered (each write goes out at once).
pub fn set_unbuffered() {
    SHARED[1].write_through.store(true, Ordering::Relaxed);
}

/// Text with a lone surrogate, encoded for standard stream `fd` with the stream's
/// error handler (CPython's: `strict` for stdout, `backslashreplace` for stderr);
/// `None` for other text, which is written as it is.
fn surrogate_bytes(cx: &mut Cx, fd: usize, s: &str) -> PyResult<Option<Vec<u8>>> {
    if !crate::objects::str::has_surrogates(s) {
        return Ok(None);
    }
    let errors = *SHARED[fd].errors.lock().unwrap_or_else(|p| p.into_inner());
    let text = Arc::new(crate::objects::str::PyStr::new(s.to_owned()));
    crate::native::encode_text(cx, &text, Some("utf-8"), Some(errors)).map(Some)
}

/// Write text to stdout as `sys.stdout.write` does (flushing when line-buffered);
/// a failed write raises (`BrokenPipeError` once the reader has gone).
pub fn write_stdout_text(cx: &mut Cx, s: &str) -> PyResult<()> {
    match surrogate_bytes(cx, 1, s)? {
        Some(b) => super::sys::write_stdout_bytes(&b)?,
        None => super::sys::write_stdout(s)?,
    }
    let sh = &SHARED[1];
    if sh.write_through.load(Ordering::Relaxed)
        || (sh.line_buffering.load(Ordering::Relaxed) && s.contains('\n'))
    {
        super::sys::try_flush_stdout()?;
    }
    Ok(())
}

static TEXT_METHODS: &[NativeDef] = crate::objects::methods::natives![
    "write" => write, "writelines" => writelines, "flush" => flush,
    "read" => read, "readline" => readline, "readlines" => readlines,
    "fileno" => fileno, "isatty" => isatty, "readable" => readable,
    "writable" => writable, "seekable" => seekable, "close" => close,
    "__enter__" => enter, "__exit__" => exit, "reconfigure" => reconfigure,
    "detach" => detach,
];

impl NativeObject for StdStream {
    fn type_name(&self) -> &'static str {
        match (self.binary, self.fd) {
            (false, _) => "_io.TextIOWrapper",
            (true, 0) => "_io.BufferedReader",
            (true, _) => "_io.BufferedWriter",
        }
    }

    fn repr(&self, _gil: Gil<'_>) -> Result<String, PyErr> {
        let name = NAMES[self.fd as usize];
        Ok(match self.binary {
            false => format!(
                "<_io.TextIOWrapper name='{name}' mode='{}' encoding='utf-8'>",
                MODES[self.fd as usize]
            ),
            true => format!("<{} name='{name}'>", self.type_name()),
        })
    }

    fn getattr(&self, _gil: Gil<'_>, name: &str) -> Option<Value> {
        let sh = &SHARED[self.fd as usize];
        Some(match name {
            "buffer" if !self.binary => objects()[self.fd as usize + 3].clone(),
            "name" => Value::str(NAMES[self.fd as usize]),
            "mode" => Value::str(match self.binary {
                false => MODES[self.fd as usize],
                true => BIN_MODES[self.fd as usize],
            }),
            "closed" => Value::bool(sh.closed.load(Ordering::Relaxed)),
            "encoding" if !self.binary => Value::str("utf-8"),
            "errors" if !self.binary => {
                Value::str(*sh.errors.lock().unwrap_or_else(|p| p.into_inner()))
            }
            "newlines" if !self.binary => Value::None,
            "line_buffering" if !self.binary => {
                Value::bool(sh.line_buffering.load(Ordering::Relaxed))
            }
            "write_through" if !self.binary => {
                Value::bool(sh.write_through.load(Ordering::Relaxed))
            }
            "raw" if self.binary => objects()[self.fd as usize + 3].clone(),
            _ => {
                return TEXT_METHODS
                    .iter()
                    .find(|d| d.name == name)
                    .map(Value::Native)
            }
        })
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }

    fn self_iter(&self) -> bool {
        true
    }

    fn next(&self, cx: &mut Cx<'_, '_>) -> Option<PyResult<Option<Value>>> {
        if self.fd != 0 {
            return Some(Err(unsupported(cx, "not readable")));
        }
        // The end of the input is `StopIteration`, also when it comes after a wait.
        Some(match read_op(cx, Op::Line(-1), self.binary, stop_at_end) {
            Ok(v) => Ok(Some(v)),
            Err(Unwind::Raise(e))
                if e.is_instance(&crate::objects::types::types().exc.stop_iteration) =>
            {
                Ok(None)
            }
            Err(e) => Err(e),
        })
    }
}

const NAMES: [&str; 3] = ["<stdin>", "<stdout>", "<stderr>"];
const MODES: [&str; 3] = ["r", "w", "w"];
const BIN_MODES: [&str; 3] = ["rb", "wb", "wb"];

fn this(args: &Args) -> PyResult<&StdStream> {
    match args.get(0) {
        Some(Value::Object(o)) => o.0.as_any().downcast_ref::<StdStream>(),
        _ => None,
    }
    .ok_or_else(|| type_error("descriptor requires an '_io.TextIOWrapper' object").into())
}

/// `io.UnsupportedOperation` (both `OSError` and `ValueError`): `_io`'s class when a
/// program has loaded `io` (else it cannot name the class: `OSError` stands in).
fn unsupported(cx: &mut Cx, what: &str) -> Unwind<PyErr> {
    let Some(cls) = super::loaded_attr(cx.gil, "_io", "UnsupportedOperation") else {
        return os_error(what.to_owned()).into();
    };
    match cx.call(&cls, vec![Value::str(what)]) {
        Ok(Value::Exception(e)) => PyErr(e).into(),
        Ok(_) => os_error(what.to_owned()).into(),
        Err(e) => e,
    }
}

fn check_open(s: &StdStream) -> PyResult<()> {
    match SHARED[s.fd as usize].closed.load(Ordering::Relaxed) {
        true => Err(value_error("I/O operation on closed file.").into()),
        false => Ok(()),
    }
}

fn write(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let s = this(&args)?;
    args.check_method("write", 1, 1)?;
    check_open(s)?;
    if s.fd == 0 {
        return Err(unsupported(cx, "not writable"));
    }
    if s.binary {
        let data = match args.at(1) {
            Value::Str(_) => {
                return Err(type_error(format!(
                    "a bytes-like object is required, not '{}'",
                    type_name(args.at(1))
                ))
                .into())
            }
            v => bytes_arg(cx.gil, v)?,
        };
        match s.fd {
            1 => super::sys::write_stdout_bytes(&data)?,
            _ => super::sys::try_write_stderr(&data)?,
        }
        return Ok(Value::Int(data.len() as i64));
    }
    let Value::Str(text) = args.at(1) else {
        return Err(type_error(format!(
            "write() argument must be str, not {}",
            type_name(args.at(1))
        ))
        .into());
    };
    match s.fd {
        1 => write_stdout_text(cx, text.as_str())?,
        _ => match surrogate_bytes(cx, 2, text.as_str())? {
            Some(b) => super::sys::try_write_stderr(&b)?,
            None => super::sys::try_write_stderr(text.as_str().as_bytes())?,
        },
    }
    Ok(Value::Int(text.char_len() as i64))
}

fn writelines(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("writelines", 1, 1)?;
    let me = args.at(0).clone();
    let it = cx.iter(args.at(1))?;
    while let Some(line) = cx.next(&it)? {
        write(cx, Args::new([me.clone(), line]))?;
    }
    Ok(Value::None)
}

fn flush(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let s = this(&args)?;
    args.check_method("flush", 0, 0)?;
    check_open(s)?;
    if s.fd == 1 {
        super::sys::try_flush_stdout()?;
    }
    Ok(Value::None)
}

fn size_arg(v: Option<&Value>) -> PyResult<i64> {
    match v {
        None | Some(Value::None) => Ok(-1),
        Some(Value::Int(n)) => Ok(*n),
        Some(Value::Bool(b)) => Ok(*b as i64),
        Some(v) => Err(type_error(format!(
            "argument should be integer or None, not '{}'",
            type_name(v)
        ))
        .into()),
    }
}

fn read(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let s = this(&args)?;
    args.check_method("read", 0, 1)?;
    let n = size_arg(args.get(1))?;
    reader(cx, s)?;
    let op = if n < 0 { Op::All } else { Op::Some(n as usize) };
    read_op(cx, op, s.binary, Ok)
}

fn readline(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let s = this(&args)?;
    args.check_method("readline", 0, 1)?;
    let n = size_arg(args.get(1))?;
    reader(cx, s)?;
    read_op(cx, Op::Line(n), s.binary, Ok)
}

fn readlines(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let s = this(&args)?;
    args.check_method("readlines", 0, 1)?;
    let hint = size_arg(args.get(1))?;
    reader(cx, s)?;
    let binary = s.binary;
    match hint {
        h if h <= 0 => read_op(cx, Op::All, binary, all_lines),
        _ => read_op(cx, Op::All, binary, move |all| {
            Ok(Value::list(split_lines(&all, hint)))
        }),
    }
}

fn all_lines(all: Value) -> PyResult<Value> {
    Ok(Value::list(split_lines(&all, -1)))
}

/// The end of the input as `StopIteration` (for `next(sys.stdin)`).
fn stop_at_end(v: Value) -> PyResult<Value> {
    match &v {
        Value::Str(s) if s.as_str().is_empty() => Err(stop_iteration().into()),
        Value::Bytes(b) if b.is_empty() => Err(stop_iteration().into()),
        _ => Ok(v),
    }
}

/// The lines of `all` (str or bytes), each with its `\n`, as many as `hint` asks for.
fn split_lines(all: &Value, hint: i64) -> Vec<Value> {
    let mut out = Vec::new();
    let mut total = 0i64;
    let mut push = |v: Value, len: usize| {
        out.push(v);
        total += len as i64;
        hint > 0 && total >= hint
    };
    match all {
        Value::Str(s) => {
            for line in s.as_str().split_inclusive('\n') {
                if push(Value::str(line), line.chars().count()) {
                    break;
                }
            }
        }
        Value::Bytes(b) => {
            for line in b.split_inclusive(|&c| c == b'\n') {
                if push(Value::Bytes(Arc::new(line.to_vec())), line.len()) {
                    break;
                }
            }
        }
        _ => {}
    }
    out
}

fn reader(cx: &mut Cx, s: &StdStream) -> PyResult<()> {
    check_open(s)?;
    match s.fd {
        0 => Ok(()),
        _ => Err(unsupported(cx, "not readable")),
    }
}

fn fileno(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let s = this(&args)?;
    args.check_method("fileno", 0, 0)?;
    check_open(s)?;
    Ok(Value::Int(s.fd as i64))
}

fn is_tty(fd: i32) -> bool {
    use std::io::IsTerminal;
    match fd {
        0 => std::io::stdin().is_terminal(),
        1 => std::io::stdout().is_terminal(),
        _ => std::io::stderr().is_terminal(),
    }
}

fn isatty(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let s = this(&args)?;
    args.check_method("isatty", 0, 0)?;
    check_open(s)?;
    Ok(Value::bool(is_tty(s.fd)))
}

fn readable(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let s = this(&args)?;
    args.check_method("readable", 0, 0)?;
    check_open(s)?;
    Ok(Value::bool(s.fd == 0))
}

fn writable(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let s = this(&args)?;
    args.check_method("writable", 0, 0)?;
    check_open(s)?;
    Ok(Value::bool(s.fd != 0))
}

fn seekable(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let s = this(&args)?;
    args.check_method("seekable", 0, 0)?;
    check_open(s)?;
    Ok(Value::bool(false))
}

fn close(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let s = this(&args)?;
    args.check_method("close", 0, 0)?;
    if s.fd == 1 {
        super::sys::flush_stdout();
    }
    SHARED[s.fd as usize].closed.store(true, Ordering::Relaxed);
    Ok(Value::None)
}

fn detach(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let s = this(&args)?;
    args.check_method("detach", 0, 0)?;
    if s.binary {
        return Err(unsupported(cx, "detach"));
    }
    check_open(s)?;
    Ok(objects()[s.fd as usize + 3].clone())
}

fn enter(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    check_open(this(&args)?)?;
    Ok(args.at(0).clone())
}

fn exit(cx: &mut Cx, args: Args) -> PyResult<Value> {
    close(cx, Args::new([args.at(0).clone()]))
}

/// `reconfigure(*, encoding=None, errors=None, newline=None, line_buffering=None,
/// write_through=None)`. The streams encode as UTF-8 only.
fn reconfigure(cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    let s = this(&args)?;
    let (fd, binary) = (s.fd, s.binary);
    let encoding = args.take_kw("encoding");
    let errors = args.take_kw("errors");
    let newline = args.take_kw("newline");
    let line_buffering = args.take_kw("line_buffering");
    let write_through = args.take_kw("write_through");
    args.check_method_kw("reconfigure", 0, 0)?;
    if binary {
        return Err(no_attribute(args.at(0), "reconfigure").into());
    }
    let sh = &SHARED[fd as usize];
    if let Some(Value::Str(e)) = &encoding {
        let norm = e.as_str().to_ascii_lowercase().replace(['-', '_'], "");
        if norm != "utf8" {
            return Err(value_error(format!(
                "pyvm's standard streams encode as UTF-8 only, not {:?}",
                e.as_str()
            ))
            .into());
        }
    }
    if let Some(Value::Str(e)) = &errors {
        const HANDLERS: [&str; 7] = [
            "strict",
            "ignore",
            "replace",
            "backslashreplace",
            "surrogateescape",
            "xmlcharrefreplace",
            "namereplace",
        ];
        match HANDLERS.iter().find(|h| **h == e.as_str()) {
            Some(h) => *sh.errors.lock().unwrap_or_else(|p| p.into_inner()) = h,
            None => {
                return Err(PyErr::msg(
                    &crate::objects::types::types().exc.lookup_error,
                    format!("unknown error handler name '{}'", e.as_str()),
                )
                .into())
            }
        }
    }
    match newline {
        None | Some(Value::None) => {}
        Some(Value::Str(n)) if ["", "\n", "\r", "\r\n"].contains(&n.as_str()) => {}
        Some(Value::Str(n)) => {
            return Err(value_error(format!("illegal newline value: {}", n.as_str())).into())
        }
        Some(v) => {
            return Err(type_error(format!(
                "reconfigure() argument 'newline' must be str or None, not {}",
                type_name(&v)
            ))
            .into())
        }
    }
    if let Some(v) = line_buffering.filter(|v| !matches!(v, Value::None)) {
        let on = crate::objects::value::truthy(cx.gil, &v);
        sh.line_buffering.store(on, Ordering::Relaxed);
    }
    if let Some(v) = write_through.filter(|v| !matches!(v, Value::None)) {
        let on = crate::objects::value::truthy(cx.gil, &v);
        sh.write_through.store(on, Ordering::Relaxed);
    }
    if fd == 1 {
        super::sys::flush_stdout();
    }
    Ok(Value::None)
}

/// What a read of stdin asks for.
#[derive(Clone, Copy)]
enum Op {
    /// Everything up to the end of the input.
    All,
    /// At most `n` characters (bytes for `.buffer`): as many as one read gives, for
    /// the binary stream; exactly `n` unless the input ends, for the text stream.
    Some(usize),
    /// One line with its `\n` (at most `n` characters when `n >= 0`).
    Line(i64),
}

/// Carry out `op` on the bytes read so far, reading more (and waiting, in a
/// micro-thread) as needed; `post` makes the native's result of what was read
/// (after a wait too: it is the wait's continuation).
fn read_op<F>(cx: &mut Cx, op: Op, binary: bool, post: F) -> PyResult<Value>
where
    F: FnOnce(Value) -> PyResult<Value> + Copy + 'static,
{
    let mut at_eof = false;
    loop {
        if let Some(v) = take(op, binary, at_eof)? {
            return post(v);
        }
        if cx.may_wait() && pollable() && !ready_now() {
            let src = STDIN_SOURCE.with(|s| s.clone());
            let req = IoRequest {
                src,
                interest: notifiers::Ready::READABLE,
                deadline: None,
            };
            return wait_ready(cx, "read", req, None, move |cx| {
                read_op(cx, op, binary, post)
            });
        }
        at_eof = fill(cx.gil)? == 0;
    }
}

thread_local! {
    /// fd 0 as this OS thread's I/O notifier knows it.
    static STDIN_SOURCE: std::sync::Arc<IoSource> = IoSource::new(0);
}

/// Can fd 0 wait on the I/O notifier (a terminal, a pipe, a socket)? Regular files
/// and `/dev/null` cannot, and never block.
fn pollable() -> bool {
    use std::os::unix::fs::FileTypeExt;
    static POLLABLE: OnceLock<bool> = OnceLock::new();
    *POLLABLE.get_or_init(|| match std::fs::metadata("/dev/stdin") {
        Ok(m) => {
            let t = m.file_type();
            t.is_fifo() || t.is_socket() || is_tty(0)
        }
        Err(_) => false,
    })
}

/// Is there something to read on fd 0 right now (or its end)?
fn ready_now() -> bool {
    if !PENDING.lock().unwrap_or_else(|p| p.into_inner()).is_empty() {
        return true;
    }
    let Ok(mut poll) = mio::Poll::new() else {
        return true;
    };
    if poll
        .registry()
        .register(
            &mut mio::unix::SourceFd(&0),
            mio::Token(0),
            mio::Interest::READABLE,
        )
        .is_err()
    {
        return true;
    }
    let mut events = mio::Events::with_capacity(1);
    poll.poll(&mut events, Some(std::time::Duration::ZERO))
        .is_err()
        || !events.is_empty()
}

/// Read what fd 0 has (blocking, with the GIL released) into `PENDING`; the number of
/// bytes read (0: the end of the input, for now).
fn fill(gil: Gil<'_>) -> PyResult<usize> {
    let mut chunk = vec![0u8; 1 << 16];
    loop {
        let r =
            crate::objects::gil::allow_threads(gil, || std::io::stdin().lock().read(&mut chunk));
        match r {
            Ok(n) => {
                PENDING
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .extend_from_slice(&chunk[..n]);
                return Ok(n);
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(crate::objects::os_error::from_io(&e, None).into()),
        }
    }
}

/// Take what `op` asks for from `PENDING` if it is there (or the input ended): `None`
/// when more must be read first.
fn take(op: Op, binary: bool, at_eof: bool) -> PyResult<Option<Value>> {
    let mut p = PENDING.lock().unwrap_or_else(|p| p.into_inner());
    let end = match op {
        Op::All => at_eof.then_some(p.len()),
        Op::Some(0) => Some(0),
        Op::Some(n) if binary => (!p.is_empty() || at_eof).then_some(n.min(p.len())),
        Op::Some(n) => match char_boundary(&p, n) {
            Some(i) => Some(i),
            None => at_eof.then_some(p.len()),
        },
        Op::Line(limit) => {
            let nl = p.iter().position(|&c| c == b'\n').map(|i| i + 1);
            let capped = match limit {
                l if l < 0 => None,
                l if binary => (p.len() >= l as usize || nl.is_some_and(|i| i > l as usize))
                    .then_some(l as usize),
                l => char_boundary(&p, l as usize),
            };
            match (nl, capped) {
                (Some(i), Some(c)) => Some(i.min(c)),
                (Some(i), None) => Some(i),
                (None, Some(c)) => Some(c),
                (None, None) => at_eof.then_some(p.len()),
            }
        }
    };
    let Some(end) = end else {
        return Ok(None);
    };
    let bytes: Vec<u8> = p.drain(..end).collect();
    drop(p);
    if binary {
        return Ok(Some(Value::Bytes(Arc::new(bytes))));
    }
    decode(bytes).map(Some)
}

/// The byte index after the first `n` characters of UTF-8 `b`, if `b` holds them.
fn char_boundary(b: &[u8], n: usize) -> Option<usize> {
    let mut chars = 0;
    for (i, &c) in b.iter().enumerate() {
        if c & 0xC0 != 0x80 {
            if chars == n {
                return Some(i);
            }
            chars += 1;
        }
    }
    (chars == n && n > 0 && complete_utf8(b)).then_some(b.len())
}

/// Does `b` end with a whole UTF-8 sequence?
fn complete_utf8(b: &[u8]) -> bool {
    match std::str::from_utf8(b) {
        Ok(_) => true,
        Err(e) => e.error_len().is_some(),
    }
}

/// Decode stdin's bytes as UTF-8, with the stream's error handler (`strict`: CPython's
/// `UnicodeDecodeError`).
fn decode(bytes: Vec<u8>) -> PyResult<Value> {
    match String::from_utf8(bytes) {
        Ok(s) => Ok(Value::string(s)),
        Err(e) => {
            let errors = *SHARED[0].errors.lock().unwrap_or_else(|p| p.into_inner());
            let bytes = e.into_bytes();
            if errors == "strict" {
                let err = std::str::from_utf8(&bytes).unwrap_err();
                let start = err.valid_up_to();
                let end = start + err.error_len().unwrap_or(bytes.len() - start);
                return Err(crate::objects::unicode_error::decode_error(
                    "utf-8",
                    &bytes,
                    start,
                    end,
                    if err.error_len().is_some() {
                        "invalid start byte"
                    } else {
                        "unexpected end of data"
                    },
                )
                .into());
            }
            if errors == "surrogateescape" {
                return Ok(Value::string(crate::objects::str::fs_decode(&bytes)));
            }
            Ok(Value::string(String::from_utf8_lossy(&bytes).into_owned()))
        }
    }
}

/// `input()` on the real stdin: one line without its newline; `EOFError` at the end.
pub fn input_line(cx: &mut Cx) -> PyResult<Value> {
    read_op(cx, Op::Line(-1), false, |v| {
        let Value::Str(s) = &v else { return Ok(v) };
        let s = s.as_str();
        if s.is_empty() {
            return Err(eof_error("EOF when reading a line").into());
        }
        Ok(Value::str(s.strip_suffix('\n').unwrap_or(s)))
    })
}
