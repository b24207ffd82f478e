//! The socket object (`socket.socket`): CPython's methods over a `socket2::Socket`
//! whose descriptor is always non-blocking at the OS level. A call that would block
//! defers its micro-thread on the reactor's I/O notifier (`mt::io`) and is made again
//! when the descriptor is ready; `settimeout` puts a deadline on that wait
//! (`TimeoutError: timed out`). A socket in non-blocking mode (`setblocking(False)`,
//! a zero timeout) raises `BlockingIOError` instead, as CPython's does, so
//! `selectors` and hand-written event loops work.

use crate::objects::rc::Arc;
use std::io::{ErrorKind, Read};
use std::time::{Duration, Instant};

use notifiers::Ready;
use socket2::{Domain, Protocol, Type};

use super::addr::{from_sockaddr, os_error_code, to_sockaddr};
use super::*;
use crate::native::io::{IoRequest, IoSource};
use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::{Gil, GilCell};
use crate::objects::object::{NativeObject, Object};
use crate::objects::types::{type_name, PyType};

pub struct Socket {
    st: GilCell<St>,
}

/// An open descriptor, closed when the socket object lets go of it (`close()`, or
/// the object dropped). Files from `makefile()` keep the descriptor open through
/// the standard library's `socket.socket._io_refs`, as in CPython.
struct Fd {
    /// The descriptor as the reactor's I/O notifier knows it (forgotten on drop).
    src: std::sync::Arc<IoSource>,
    sock: socket2::Socket,
}

struct St {
    /// `None` before `__init__` and once `close()` (or `detach()`) was called.
    fd: Option<Fd>,
    family: i32,
    typ: i32,
    proto: i32,
    /// `None`: blocking; `Some(0.0)`: non-blocking; else the limit in seconds.
    timeout: Option<f64>,
}

impl Socket {
    pub fn wrap(sock: socket2::Socket, family: i32, typ: i32, proto: i32) -> Value {
        Socket::with(Some(Fd::new(sock)), family, typ, proto)
    }

    fn with(fd: Option<Fd>, family: i32, typ: i32, proto: i32) -> Value {
        Value::Object(Arc::new(Object(Box::new(Socket {
            st: GilCell::new(St {
                fd,
                family,
                typ,
                proto,
                timeout: default_timeout(),
            }),
        }))))
    }

    /// What `_socket.socket.__new__` makes: a socket with no descriptor yet (CPython's
    /// `fd=-1`), which `__init__` opens or adopts one for.
    fn blank() -> Value {
        Socket::with(None, AF_UNSPEC, 0, 0)
    }
}

impl Fd {
    fn new(sock: socket2::Socket) -> Fd {
        let src = IoSource::new(std::os::fd::AsRawFd::as_raw_fd(&sock));
        Fd { src, sock }
    }
}

fn bad_fd() -> PyErr {
    os_error_code(9, "Bad file descriptor")
}

impl St {
    fn raw_fd(&self) -> i64 {
        self.fd
            .as_ref()
            .map_or(-1, |fd| std::os::fd::AsRawFd::as_raw_fd(&fd.sock) as i64)
    }
}

fn os(e: std::io::Error) -> PyErr {
    crate::objects::os_error::from_io(&e, None)
}

fn would_block(e: &std::io::Error) -> bool {
    // A non-blocking connect reports EINPROGRESS.
    e.kind() == ErrorKind::WouldBlock || e.raw_os_error() == Some(115)
}

/// The socket a method was called on.
pub fn socket_of(v: &Value) -> Option<&Socket> {
    match crate::objects::class::payload(v).unwrap_or(v) {
        Value::Object(o) => o.0.as_any().downcast_ref::<Socket>(),
        _ => None,
    }
}

fn this(args: &Args) -> PyResult<&Socket> {
    args.get(0)
        .and_then(socket_of)
        .ok_or_else(|| type_error("descriptor requires a 'socket' object").into())
}

/// Run `f` on the open socket (`OSError: [Errno 9] Bad file descriptor` if closed).
fn with<R>(
    gil: Gil<'_>,
    args: &Args,
    f: impl FnOnce(&socket2::Socket) -> Result<R, PyErr>,
) -> PyResult<R> {
    let s = this(args)?;
    let st = s.st.borrow(gil);
    match &st.fd {
        Some(fd) => Ok(f(&fd.sock)?),
        None => Err(bad_fd().into()),
    }
}

/// A socket call to make again once its descriptor is ready, with the deadline the
/// first attempt set (so waiting again keeps the first call's `settimeout` limit).
type Again = fn(&mut Cx, Args, Option<Instant>) -> PyResult<Value>;

/// Whether socket `sock` is in non-blocking mode (a timeout of zero).
fn nonblocking(gil: Gil<'_>, sock: &Value) -> bool {
    socket_of(sock).is_some_and(|s| s.st.borrow(gil).timeout == Some(0.0))
}

/// The call would block (`e`: what the OS said): wait until the socket is ready for
/// `interest` (only this micro-thread; outside one, the OS thread), then make the
/// call `f(args)` again. `deadline`: the first attempt's, or none yet (then the
/// socket's timeout sets it). A non-blocking socket raises `e` instead.
fn wait(
    cx: &mut Cx,
    e: std::io::Error,
    interest: Ready,
    deadline: Option<Instant>,
    f: Again,
    args: Args,
) -> PyResult<Value> {
    let sock = args.at(0).clone();
    wait_on(cx, e, &sock, interest, deadline, move |cx, d| {
        f(cx, args, d)
    })
}

/// [`wait`] with what to do next as a closure holding the call's progress.
fn wait_on(
    cx: &mut Cx,
    e: std::io::Error,
    sock: &Value,
    interest: Ready,
    deadline: Option<Instant>,
    again: impl FnOnce(&mut Cx, Option<Instant>) -> PyResult<Value> + 'static,
) -> PyResult<Value> {
    if nonblocking(cx.gil, sock) {
        return Err(os(e).into());
    }
    let (src, timeout) = {
        let s = socket_of(sock).ok_or_else(bad_fd)?;
        let st = s.st.borrow(cx.gil);
        let src = st.fd.as_ref().ok_or_else(bad_fd)?.src.clone();
        (src, st.timeout)
    };
    let limit = timeout.filter(|t| *t > 0.0).map(Duration::from_secs_f64);
    let deadline = deadline.or_else(|| crate::native::io::deadline_after(limit));
    if cx.may_wait() {
        let what = cx.native_name();
        let request = IoRequest {
            src,
            interest,
            deadline,
        };
        return crate::native::io::wait_ready(cx, what, request, None, move |cx| {
            again(cx, deadline)
        });
    }
    crate::native::io::block_until_ready(cx.gil, src.fd(), interest, deadline)?;
    again(cx, deadline)
}

/// The bytes of a bytes-like argument, else CPython's `TypeError`.
pub fn with_bytes<R>(gil: Gil<'_>, v: &Value, f: impl FnOnce(&[u8]) -> R) -> Result<R, PyErr> {
    match v {
        Value::Bytes(b) => Ok(f(b)),
        Value::ByteArray(b) => Ok(f(&b.borrow(gil))),
        // A `bytes` or `bytearray` subclass's bytes.
        Value::Instance(i) if matches!(i.base, Value::Bytes(_) | Value::ByteArray(_)) => {
            with_bytes(gil, &i.base, f)
        }
        // `memoryview`, `array.array`: a copy of their bytes.
        Value::Object(o) if o.0.buffer(gil).is_some() => {
            Ok(f(&o.0.buffer(gil).unwrap_or_default()))
        }
        v => Err(type_error(format!(
            "a bytes-like object is required, not '{}'",
            type_name(v)
        ))),
    }
}

fn flags_arg(args: &Args, i: usize) -> Result<i32, PyErr> {
    match args.get(i) {
        None => Ok(0),
        Some(v) => Ok(arg_int(v, "")? as i32),
    }
}

fn bytes(v: Vec<u8>) -> Value {
    Value::Bytes(Arc::new(v))
}

thread_local! {
    /// Where `recv` reads before copying out what arrived (initialized once, so a
    /// `recv(65536)` does not zero 64 KiB every call).
    static RECV_BUF: std::cell::RefCell<Vec<u8>> = std::cell::RefCell::new(vec![0; 65536]);
}

/// One `recv(2)` of at most `n` bytes (`MSG_PEEK` through a duplicate descriptor:
/// the standard library's `peek` is the safe way to it).
fn recv_once(sock: &socket2::Socket, n: usize, flags: i32) -> std::io::Result<Vec<u8>> {
    let read = |buf: &mut [u8]| -> std::io::Result<usize> {
        if flags & MSG_PEEK != 0 {
            let dup = std::net::TcpStream::from(sock.try_clone()?);
            dup.peek(buf)
        } else {
            (&*sock).read(buf)
        }
    };
    if n <= 65536 {
        RECV_BUF.with(|b| {
            let mut b = b.borrow_mut();
            let got = read(&mut b[..n])?;
            Ok(b[..got].to_vec())
        })
    } else {
        // One read returns what the socket holds, up to `n`: a buffer of more than a
        // kernel's socket buffer is never filled (`recv(2**31)` must not allocate it).
        let mut v = vec![0; n.min(16 << 20)];
        let got = read(&mut v)?;
        v.truncate(got);
        Ok(v)
    }
}

fn bufsize(v: &Value, caller: &str) -> Result<usize, PyErr> {
    let n = arg_int(v, "")?;
    if n < 0 {
        return Err(value_error(format!("negative buffersize in {caller}")));
    }
    Ok(n as usize)
}

/// A read of zero bytes that would block is over at once in blocking mode: there,
/// CPython's `recv(2)` of 0 bytes returns 0 whether data waits or not (the
/// non-blocking descriptor says `EAGAIN` instead, on an `AF_UNIX` socket). With a
/// timeout CPython first waits until the socket is readable, as the retry does.
fn zero_read_done(cx: &mut Cx, args: &Args, n: usize) -> PyResult<bool> {
    Ok(n == 0 && this(args)?.st.borrow(cx.gil).timeout.is_none())
}

/// The end of a socket call: its value; or, when it would block, a wait for
/// `interest` and the call `f(args)` again (at once after `EINTR`); or the `OSError`.
fn finish<T>(
    cx: &mut Cx,
    result: std::io::Result<T>,
    ok: impl FnOnce(T) -> Value,
    interest: Ready,
    deadline: Option<Instant>,
    f: Again,
    args: Args,
) -> PyResult<Value> {
    match result {
        Ok(v) => Ok(ok(v)),
        Err(e) if would_block(&e) => wait(cx, e, interest, deadline, f, args),
        Err(e) if e.kind() == ErrorKind::Interrupted => f(cx, args, deadline),
        Err(e) => Err(os(e).into()),
    }
}

fn recv(cx: &mut Cx, args: Args) -> PyResult<Value> {
    recv_at(cx, args, None)
}

fn recv_at(cx: &mut Cx, args: Args, deadline: Option<Instant>) -> PyResult<Value> {
    args.check_method("recv", 1, 2)?;
    let n = bufsize(args.at(1), "recv")?;
    let flags = flags_arg(&args, 2)?;
    match with(cx.gil, &args, |s| Ok(recv_once(s, n, flags)))? {
        Ok(v) => Ok(bytes(v)),
        Err(e) if would_block(&e) && zero_read_done(cx, &args, n)? => Ok(bytes(Vec::new())),
        Err(e) if would_block(&e) => wait(cx, e, Ready::READABLE, deadline, recv_at, args),
        Err(e) if e.kind() == ErrorKind::Interrupted => recv_at(cx, args, deadline),
        Err(e) => Err(os(e).into()),
    }
}

fn recv_into(cx: &mut Cx, args: Args) -> PyResult<Value> {
    recv_into_at(cx, args, None)
}

fn recv_into_at(cx: &mut Cx, mut args: Args, deadline: Option<Instant>) -> PyResult<Value> {
    let nbytes = args.take_kw("nbytes");
    let flags = args.take_kw("flags");
    if let Some(n) = nbytes {
        while args.len() < 2 {
            args.pos.push(Value::None);
        }
        args.pos.truncate(2);
        args.pos.push(n);
    }
    if let Some(f) = flags {
        while args.len() < 3 {
            args.pos.push(Value::Int(0));
        }
        args.pos.truncate(3);
        args.pos.push(f);
    }
    args.check_method_kw("recv_into", 1, 3)?;
    let not_writable = || -> PyErr {
        type_error(format!(
            "recv_into() argument 'buffer' must be read-write bytes-like object, not {}",
            type_name(args.at(1))
        ))
    };
    // A `bytearray`, or a writable buffer (`memoryview`, `array.array`): what the
    // standard library's `SocketIO.readinto` is given.
    let cap = match args.at(1) {
        Value::ByteArray(buf) => buf.borrow(cx.gil).len(),
        Value::Object(o) => match o.0.buffer_write(cx.gil, 0, &[]) {
            Some(Ok(())) => o.0.buffer(cx.gil).map_or(0, |b| b.len()),
            _ => return Err(not_writable().into()),
        },
        _ => return Err(not_writable().into()),
    };
    let n = match args.get(2) {
        None | Some(Value::Int(0)) => cap,
        Some(v) => {
            let n = arg_int(v, "")?;
            if n < 0 {
                return Err(value_error("negative buffersize in recv_into").into());
            }
            if n as usize > cap {
                return Err(value_error("buffer too small for requested bytes").into());
            }
            n as usize
        }
    };
    let flags = flags_arg(&args, 3)?;
    match with(cx.gil, &args, |s| Ok(recv_once(s, n, flags)))? {
        Ok(v) => {
            match args.at(1) {
                Value::ByteArray(buf) => buf.borrow_mut(cx.gil)[..v.len()].copy_from_slice(&v),
                Value::Object(o) => {
                    if let Some(r) = o.0.buffer_write(cx.gil, 0, &v) {
                        r?;
                    }
                }
                _ => {}
            }
            Ok(Value::Int(v.len() as i64))
        }
        Err(e) if would_block(&e) && zero_read_done(cx, &args, n)? => Ok(Value::Int(0)),
        Err(e) if would_block(&e) => wait(cx, e, Ready::READABLE, deadline, recv_into_at, args),
        Err(e) if e.kind() == ErrorKind::Interrupted => recv_into_at(cx, args, deadline),
        Err(e) => Err(os(e).into()),
    }
}

fn recvfrom(cx: &mut Cx, args: Args) -> PyResult<Value> {
    recvfrom_at(cx, args, None)
}

fn recvfrom_at(cx: &mut Cx, args: Args, deadline: Option<Instant>) -> PyResult<Value> {
    args.check_method("recvfrom", 1, 2)?;
    let n = bufsize(args.at(1), "recvfrom")?;
    let flags = flags_arg(&args, 2)?;
    let family = this(&args)?.st.borrow(cx.gil).family;
    if family == AF_UNIX && flags & MSG_PEEK != 0 {
        // The standard library's safe `peek_from` is for UDP only.
        return Err(
            os_error_code(95, "recvfrom(MSG_PEEK) on AF_UNIX is not supported by pyvm").into(),
        );
    }
    let got = with(cx.gil, &args, |s| {
        let dup = s.try_clone().map_err(os)?;
        let mut buf = vec![0u8; n];
        Ok(if family == AF_UNIX {
            let d = std::os::unix::net::UnixDatagram::from(std::os::fd::OwnedFd::from(dup));
            d.recv_from(&mut buf).map(|(k, a)| {
                let addr = a
                    .as_pathname()
                    .map(|p| Value::string(p.to_string_lossy().into_owned()))
                    .unwrap_or(Value::None);
                (k, buf, addr)
            })
        } else {
            let d = std::net::UdpSocket::from(dup);
            let got = if flags & MSG_PEEK != 0 {
                d.peek_from(&mut buf)
            } else {
                d.recv_from(&mut buf)
            };
            got.map(|(k, a)| (k, buf, super::addr::inet_value(&a)))
        })
    })?;
    match got {
        Ok((k, mut buf, addr)) => {
            buf.truncate(k);
            Ok(Value::tuple(vec![bytes(buf), addr]))
        }
        Err(e) if would_block(&e) => wait(cx, e, Ready::READABLE, deadline, recvfrom_at, args),
        Err(e) if e.kind() == ErrorKind::Interrupted => recvfrom_at(cx, args, deadline),
        Err(e) => Err(os(e).into()),
    }
}

fn send(cx: &mut Cx, args: Args) -> PyResult<Value> {
    send_at(cx, args, None)
}

fn send_at(cx: &mut Cx, args: Args, deadline: Option<Instant>) -> PyResult<Value> {
    args.check_method("send", 1, 2)?;
    let flags = flags_arg(&args, 2)? | MSG_NOSIGNAL;
    let sent = with(cx.gil, &args, |s| {
        with_bytes(cx.gil, args.at(1), |b| s.send_with_flags(b, flags))
    })?;
    let count = |n: usize| Value::Int(n as i64);
    finish(cx, sent, count, Ready::WRITABLE, deadline, send_at, args)
}

/// `sendall(data[, flags])`: the retry carries how much went already.
fn sendall(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("sendall", 1, 2)?;
    let flags = flags_arg(&args, 2)? | MSG_NOSIGNAL;
    // Type-check now, not after a wait.
    with_bytes(cx.gil, args.at(1), |_| ())?;
    let sock = args.at(0).clone();
    let data = args.at(1).clone();
    sendall_from(cx, sock, data, 0, flags, None)
}

/// `sendall` from byte `done` on: a wait carries how much went already.
fn sendall_from(
    cx: &mut Cx,
    sock: Value,
    data: Value,
    mut done: usize,
    flags: i32,
    deadline: Option<Instant>,
) -> PyResult<Value> {
    let on = Args::new([sock.clone()]);
    loop {
        let step = with(cx.gil, &on, |s| {
            with_bytes(cx.gil, &data, |b| {
                if done >= b.len() {
                    return Ok(None);
                }
                s.send_with_flags(&b[done..], flags).map(Some)
            })
        })?;
        match step {
            Ok(None) => return Ok(Value::None),
            Ok(Some(n)) => done += n,
            Err(e) if would_block(&e) => {
                let on = sock.clone();
                return wait_on(cx, e, &on, Ready::WRITABLE, deadline, move |cx, d| {
                    sendall_from(cx, sock, data, done, flags, d)
                });
            }
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) => return Err(os(e).into()),
        }
    }
}

fn sendto(cx: &mut Cx, args: Args) -> PyResult<Value> {
    sendto_at(cx, args, None)
}

fn sendto_at(cx: &mut Cx, args: Args, deadline: Option<Instant>) -> PyResult<Value> {
    args.check_method("sendto", 2, 3)?;
    let (flags, addr_at) = if args.len() == 4 {
        (flags_arg(&args, 2)?, 3)
    } else {
        (0, 2)
    };
    let family = this(&args)?.st.borrow(cx.gil).family;
    let addr = to_sockaddr(cx.gil, family, args.at(addr_at), "sendto")?;
    let sent = with(cx.gil, &args, |s| {
        with_bytes(cx.gil, args.at(1), |b| {
            s.send_to_with_flags(b, &addr, flags | MSG_NOSIGNAL)
        })
    })?;
    let count = |n: usize| Value::Int(n as i64);
    finish(cx, sent, count, Ready::WRITABLE, deadline, sendto_at, args)
}

fn accept(cx: &mut Cx, args: Args) -> PyResult<Value> {
    accept_at(cx, args, None)
}

fn accept_at(cx: &mut Cx, args: Args, deadline: Option<Instant>) -> PyResult<Value> {
    args.check_method("_accept", 0, 0)?;
    let family = this(&args)?.st.borrow(cx.gil).family;
    match with(cx.gil, &args, |s| Ok(s.accept()))? {
        Ok((conn, addr)) => {
            if family != AF_UNIX {
                // What servers want and the benchmark peers do (asyncio sets it too).
                let _ = conn.set_tcp_nodelay(true);
            }
            // `(fd, address)`: `socket.accept()` (the standard library's) makes the
            // socket object around the descriptor.
            let fd = std::os::fd::IntoRawFd::into_raw_fd(conn);
            Ok(Value::tuple(vec![
                Value::Int(fd as i64),
                from_sockaddr(&addr),
            ]))
        }
        Err(e) if would_block(&e) => wait(cx, e, Ready::READABLE, deadline, accept_at, args),
        Err(e) if e.kind() == ErrorKind::Interrupted => accept_at(cx, args, deadline),
        Err(e) if e.raw_os_error() == Some(103) => accept_at(cx, args, deadline), // ECONNABORTED
        Err(e) => Err(os(e).into()),
    }
}

fn connect_start(cx: &mut Cx, args: &Args, caller: &str) -> PyResult<std::io::Result<()>> {
    let family = this(args)?.st.borrow(cx.gil).family;
    let addr = to_sockaddr(cx.gil, family, args.at(1), caller)?;
    with(cx.gil, args, |s| {
        Ok(match s.connect(&addr) {
            // The previous non-blocking attempt failed and its error was taken:
            // the kernel reports ECONNABORTED once and resets the socket. A
            // blocking connect (CPython's) never sees this, so try again at once:
            // a retry loop then gets ECONNREFUSED, or connects.
            Err(e) if e.raw_os_error() == Some(103) => s.connect(&addr),
            r => r,
        })
    })
}

/// After a non-blocking connect became writable: its outcome (`SO_ERROR`).
fn connect_done(cx: &mut Cx, args: Args, _deadline: Option<Instant>) -> PyResult<Value> {
    match with(cx.gil, &args, |s| s.take_error().map_err(os))? {
        None => Ok(Value::None),
        Some(e) => Err(os(e).into()),
    }
}

fn connect(cx: &mut Cx, args: Args) -> PyResult<Value> {
    connect_at(cx, args, None)
}

fn connect_at(cx: &mut Cx, args: Args, deadline: Option<Instant>) -> PyResult<Value> {
    args.check_method("connect", 1, 1)?;
    match connect_start(cx, &args, "connect")? {
        Ok(()) => Ok(Value::None),
        Err(e) if would_block(&e) => wait(cx, e, Ready::WRITABLE, deadline, connect_done, args),
        Err(e) if e.kind() == ErrorKind::Interrupted => {
            wait(cx, e, Ready::WRITABLE, deadline, connect_done, args)
        }
        Err(e) => Err(os(e).into()),
    }
}

/// `connect_ex(address)`: the error number instead of an exception (0: connected).
fn connect_ex(cx: &mut Cx, args: Args) -> PyResult<Value> {
    connect_ex_at(cx, args, None)
}

fn connect_ex_at(cx: &mut Cx, args: Args, deadline: Option<Instant>) -> PyResult<Value> {
    args.check_method("connect_ex", 1, 1)?;
    let errno = |e: &std::io::Error| Value::Int(e.raw_os_error().unwrap_or(5) as i64);
    match connect_start(cx, &args, "connect_ex")? {
        Ok(()) => Ok(Value::Int(0)),
        Err(e) if nonblocking(cx.gil, args.at(0)) => Ok(errno(&e)),
        Err(e) if would_block(&e) || e.kind() == ErrorKind::Interrupted => {
            wait(cx, e, Ready::WRITABLE, deadline, connect_ex_done, args)
        }
        Err(e) => Ok(errno(&e)),
    }
}

fn connect_ex_done(cx: &mut Cx, args: Args, _deadline: Option<Instant>) -> PyResult<Value> {
    match with(cx.gil, &args, |s| s.take_error().map_err(os))? {
        None => Ok(Value::Int(0)),
        Some(e) => Ok(Value::Int(e.raw_os_error().unwrap_or(5) as i64)),
    }
}

fn bind(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("bind", 1, 1)?;
    let family = this(&args)?.st.borrow(cx.gil).family;
    let addr = to_sockaddr(cx.gil, family, args.at(1), "bind")?;
    with(cx.gil, &args, |s| s.bind(&addr).map_err(os))?;
    Ok(Value::None)
}

fn listen(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("listen", 0, 1)?;
    let backlog = match args.get(1) {
        None => SOMAXCONN.min(128),
        Some(v) => (arg_int(v, "")?).clamp(0, i32::MAX as i64) as i32,
    };
    with(cx.gil, &args, |s| s.listen(backlog).map_err(os))?;
    Ok(Value::None)
}

fn close(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("close", 0, 0)?;
    let fd = this(&args)?.st.borrow_mut(cx.gil).fd.take();
    // The notifier forgets the descriptor when its `src` drops, and closing it takes
    // it out of the poller.
    drop(fd);
    Ok(Value::None)
}

fn detach(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("detach", 0, 0)?;
    let s = this(&args)?;
    let (fd, timeout) = {
        let mut st = s.st.borrow_mut(cx.gil);
        (st.fd.take(), st.timeout)
    };
    Ok(Value::Int(match fd {
        Some(Fd { src, sock }) => {
            drop(src);
            // pyvm keeps every socket non-blocking in the kernel (its waits are the
            // reactor's); the descriptor handed over gets the mode the socket had
            // for Python, as in CPython: blocking when it had no timeout
            // (`multiprocessing.Pipe()` reads a detached socket with `os.read`).
            let _ = sock.set_nonblocking(timeout.is_some());
            std::os::fd::IntoRawFd::into_raw_fd(sock) as i64
        }
        None => -1,
    }))
}

fn fileno(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("fileno", 0, 0)?;
    let st = this(&args)?.st.borrow(cx.gil);
    Ok(Value::Int(st.raw_fd()))
}

fn getsockname(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("getsockname", 0, 0)?;
    let a = with(cx.gil, &args, |s| s.local_addr().map_err(os))?;
    Ok(from_sockaddr(&a))
}

fn getpeername(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("getpeername", 0, 0)?;
    let a = with(cx.gil, &args, |s| s.peer_addr().map_err(os))?;
    Ok(from_sockaddr(&a))
}

fn shutdown(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("shutdown", 1, 1)?;
    let how = match arg_int(args.at(1), "")? {
        0 => std::net::Shutdown::Read,
        1 => std::net::Shutdown::Write,
        2 => std::net::Shutdown::Both,
        _ => return Err(os_error_code(22, "Invalid argument").into()),
    };
    with(cx.gil, &args, |s| s.shutdown(how).map_err(os))?;
    Ok(Value::None)
}

/// Timeouts as CPython parses them: `None`, or a non-negative number of seconds.
pub fn parse_timeout(v: &Value) -> Result<Option<f64>, PyErr> {
    let t = match v {
        Value::None => return Ok(None),
        v => crate::modules::time::timeout_seconds(v)?,
    };
    if t < 0.0 {
        return Err(value_error("Timeout value out of range"));
    }
    Ok(Some(t))
}

fn settimeout(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("settimeout", 1, 1)?;
    let t = parse_timeout(args.at(1))?;
    this(&args)?.st.borrow_mut(cx.gil).timeout = t;
    Ok(Value::None)
}

fn timeout_value(t: Option<f64>) -> Value {
    t.map_or(Value::None, Value::float)
}

fn gettimeout(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("gettimeout", 0, 0)?;
    Ok(timeout_value(this(&args)?.st.borrow(cx.gil).timeout))
}

fn setblocking(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("setblocking", 1, 1)?;
    let on = cx.truthy(args.at(1))?;
    this(&args)?.st.borrow_mut(cx.gil).timeout = if on { None } else { Some(0.0) };
    Ok(Value::None)
}

fn getblocking(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("getblocking", 0, 0)?;
    let t = this(&args)?.st.borrow(cx.gil).timeout;
    Ok(Value::bool(t != Some(0.0)))
}

fn protocol_not_available() -> PyErr {
    os_error_code(92, "Protocol not available")
}

fn setsockopt(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("setsockopt", 3, 4)?;
    let level = arg_int(args.at(1), "")? as i32;
    let opt = arg_int(args.at(2), "")? as i32;
    let value = args.at(3).clone();
    let int = |v: &Value| -> Result<i64, PyErr> {
        match v {
            Value::Bytes(b) if b.len() >= 4 => {
                Ok(i32::from_ne_bytes([b[0], b[1], b[2], b[3]]) as i64)
            }
            v => arg_int(v, ""),
        }
    };
    let gil = cx.gil;
    with(gil, &args, |s| {
        let r = match (level, opt) {
            (SOL_SOCKET, SO_REUSEADDR) => s.set_reuse_address(int(&value)? != 0),
            (SOL_SOCKET, SO_REUSEPORT) => s.set_reuse_port(int(&value)? != 0),
            (SOL_SOCKET, SO_KEEPALIVE) => s.set_keepalive(int(&value)? != 0),
            (SOL_SOCKET, SO_BROADCAST) => s.set_broadcast(int(&value)? != 0),
            (SOL_SOCKET, SO_RCVBUF) => s.set_recv_buffer_size(int(&value)?.max(0) as usize),
            (SOL_SOCKET, SO_SNDBUF) => s.set_send_buffer_size(int(&value)?.max(0) as usize),
            (SOL_SOCKET, SO_LINGER) => {
                // struct linger { int l_onoff; int l_linger; }
                let (on, secs) = with_bytes(gil, &value, |b| {
                    if b.len() < 8 {
                        return None;
                    }
                    let on = i32::from_ne_bytes([b[0], b[1], b[2], b[3]]);
                    let secs = i32::from_ne_bytes([b[4], b[5], b[6], b[7]]);
                    Some((on, secs))
                })?
                .ok_or_else(|| os_error_code(22, "Invalid argument"))?;
                s.set_linger((on != 0).then(|| Duration::from_secs(secs.max(0) as u64)))
            }
            (IPPROTO_TCP, TCP_NODELAY) => s.set_tcp_nodelay(int(&value)? != 0),
            (IPPROTO_IPV6, IPV6_V6ONLY) => s.set_only_v6(int(&value)? != 0),
            _ => return Err(protocol_not_available()),
        };
        r.map_err(os)
    })?;
    Ok(Value::None)
}

fn getsockopt(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("getsockopt", 2, 3)?;
    let level = arg_int(args.at(1), "")? as i32;
    let opt = arg_int(args.at(2), "")? as i32;
    // As CPython: 0 is no buffer (an int result); a buffer holds what the option
    // is, at most `buflen` bytes of it, and is at most 1 KiB.
    let buflen = match args.get(3).map(|v| arg_int(v, "")).transpose()? {
        Some(0) | None => None,
        Some(n @ 1..=1024) => Some(n as usize),
        Some(_) => {
            return Err(PyErr::msg(
                &crate::objects::types::types().exc.os_error,
                "getsockopt buflen out of range".to_owned(),
            )
            .into())
        }
    };
    let (typ, family) = {
        let st = this(&args)?.st.borrow(cx.gil);
        (st.typ, st.family)
    };
    let v = with(cx.gil, &args, |s| {
        let b = |r: std::io::Result<bool>| r.map(|x| x as i64);
        let n = match (level, opt) {
            (SOL_SOCKET, SO_REUSEADDR) => b(s.reuse_address()),
            (SOL_SOCKET, SO_REUSEPORT) => b(s.reuse_port()),
            (SOL_SOCKET, SO_KEEPALIVE) => b(s.keepalive()),
            (SOL_SOCKET, SO_BROADCAST) => b(s.broadcast()),
            (SOL_SOCKET, SO_RCVBUF) => s.recv_buffer_size().map(|x| x as i64),
            (SOL_SOCKET, SO_SNDBUF) => s.send_buffer_size().map(|x| x as i64),
            (SOL_SOCKET, SO_ERROR) => s
                .take_error()
                .map(|e| e.and_then(|e| e.raw_os_error()).unwrap_or(0) as i64),
            (SOL_SOCKET, SO_TYPE) => Ok(typ as i64),
            (SOL_SOCKET, SO_DOMAIN) => Ok(family as i64),
            (SOL_SOCKET, SO_PROTOCOL) => s.protocol().map(|p| p.map_or(0, i32::from) as i64),
            (SOL_SOCKET, SO_LINGER) => {
                let l = s.linger().map_err(os)?;
                let (on, secs) = (l.is_some() as i32, l.map_or(0, |d| d.as_secs() as i32));
                if let Some(len) = buflen {
                    let mut v = on.to_ne_bytes().to_vec();
                    v.extend_from_slice(&secs.to_ne_bytes());
                    v.truncate(len);
                    return Ok(bytes(v));
                }
                Ok(on as i64)
            }
            (IPPROTO_TCP, TCP_NODELAY) => b(s.tcp_nodelay()),
            (IPPROTO_IPV6, IPV6_V6ONLY) => b(s.only_v6()),
            _ => return Err(protocol_not_available()),
        };
        let n = n.map_err(os)?;
        Ok(match buflen {
            Some(len) => {
                let mut v = (n as i32).to_ne_bytes().to_vec();
                v.truncate(len);
                bytes(v)
            }
            None => Value::Int(n),
        })
    })?;
    Ok(v)
}

static METHODS: &[NativeDef] = crate::objects::methods::natives![
    "_accept" => accept, "bind" => bind, "close" => close, "connect" => connect,
    "connect_ex" => connect_ex, "detach" => detach, "fileno" => fileno,
    "getpeername" => getpeername, "getsockname" => getsockname, "getsockopt" => getsockopt,
    "listen" => listen, "recv" => recv, "recv_into" => recv_into, "recvfrom" => recvfrom,
    "send" => send, "sendall" => sendall, "sendto" => sendto,
    "setblocking" => setblocking, "getblocking" => getblocking,
    "settimeout" => settimeout, "gettimeout" => gettimeout,
    "setsockopt" => setsockopt, "shutdown" => shutdown,
];

/// `__new__` and `__init__` (CPython's `sock_new`, `sock_initobj`) and the
/// read-only attributes' getters.
static SPECIAL: &[NativeDef] = crate::objects::methods::natives![
    "__new__" => sock_new, "__init__" => sock_init,
    "family" => get_family, "type" => get_type, "proto" => get_proto,
    "timeout" => get_timeout,
];

/// Fills the type's dict: the methods, `__new__`/`__init__` and the `family`,
/// `type`, `proto`, `timeout` properties (what `super().family` and
/// `_socket.socket.close(sock)` find).
pub fn fill_type_dict(gil: Gil<'_>, t: &PyType) {
    let mut d = t.dict.borrow_mut(gil);
    for m in METHODS {
        let _ = d.insert(Value::str(m.name), Value::Native(m));
    }
    for m in SPECIAL {
        let v = match m.name {
            "__new__" | "__init__" => Value::Native(m),
            _ => crate::objects::class::native_property(m),
        };
        let _ = d.insert(Value::str(m.name), v);
    }
}

fn get_family(cx: &mut Cx, args: Args) -> PyResult<Value> {
    Ok(Value::Int(this(&args)?.st.borrow(cx.gil).family as i64))
}

fn get_type(cx: &mut Cx, args: Args) -> PyResult<Value> {
    Ok(Value::Int(this(&args)?.st.borrow(cx.gil).typ as i64))
}

fn get_proto(cx: &mut Cx, args: Args) -> PyResult<Value> {
    Ok(Value::Int(this(&args)?.st.borrow(cx.gil).proto as i64))
}

fn get_timeout(cx: &mut Cx, args: Args) -> PyResult<Value> {
    Ok(timeout_value(this(&args)?.st.borrow(cx.gil).timeout))
}

impl NativeObject for Socket {
    fn type_name(&self) -> &'static str {
        "socket"
    }

    fn py_type(&self) -> Option<Arc<PyType>> {
        Some(socket_type().clone())
    }

    /// CPython's `sock_repr` (the standard library's `socket.socket` has its own).
    fn repr(&self, gil: Gil<'_>) -> Result<String, PyErr> {
        let st = self.st.borrow(gil);
        Ok(format!(
            "<socket object, fd={}, family={}, type={}, proto={}>",
            st.raw_fd(),
            st.family,
            st.typ,
            st.proto
        ))
    }

    fn getattr(&self, gil: Gil<'_>, name: &str) -> Option<Value> {
        let st = self.st.borrow(gil);
        match name {
            "family" => return Some(Value::Int(st.family as i64)),
            "type" => return Some(Value::Int(st.typ as i64)),
            "proto" => return Some(Value::Int(st.proto as i64)),
            "timeout" => return Some(timeout_value(st.timeout)),
            _ => {}
        }
        METHODS.iter().find(|d| d.name == name).map(Value::Native)
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// `_socket.socket(family=-1, type=-1, proto=-1, fileno=None)`: `__new__` and
/// `__init__` in one.
pub fn new_socket(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let v = Socket::blank();
    let mut all = args;
    all.pos.insert(0, v.clone());
    sock_init(cx, all)?;
    Ok(v)
}

/// `_socket.socket.__new__(cls, *args, **kws)`: a socket with no descriptor, inside
/// an instance of `cls` when it is a class made by Python code.
fn sock_new(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let cls = match args.get(0) {
        Some(Value::Type(t)) => t.clone(),
        Some(v) => {
            return Err(type_error(format!(
                "socket.__new__(X): X is not a type object ({})",
                type_name(v)
            ))
            .into())
        }
        None => return Err(type_error("socket.__new__(): not enough arguments").into()),
    };
    let v = Socket::blank();
    if !cls.heap {
        return Ok(v);
    }
    Ok(crate::objects::class::instance_with(cls, v))
}

/// `_socket.socket.__init__(self, family=-1, type=-1, proto=-1, fileno=None)`,
/// CPython's `sock_initobj`: a new descriptor, or `fileno`'s, adopted (its family,
/// type and protocol asked of the kernel when given as -1).
fn sock_init(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let mut args = args;
    if args.pos.is_empty() {
        return Err(type_error(
            "descriptor '__init__' of '_socket.socket' object needs an argument",
        )
        .into());
    }
    let me = args.pos.remove(0);
    if socket_of(&me).is_none() {
        return Err(type_error(format!(
            "descriptor '__init__' requires a '_socket.socket' object but received a '{}'",
            type_name(&me)
        ))
        .into());
    }
    let a = clinic(args, "socket", &["family", "type", "proto", "fileno"], 0, 4)?;
    let int_or = |v: &Option<Value>| -> Result<i64, PyErr> {
        match v {
            None => Ok(-1),
            Some(v) => arg_int(v, ""),
        }
    };
    let mut family = int_or(&a[0])? as i32;
    let mut typ = int_or(&a[1])? as i32;
    let mut proto = int_or(&a[2])? as i32;
    let sock = match a[3].as_ref().filter(|v| !matches!(v, Value::None)) {
        Some(v) => {
            let fd = match v {
                Value::Float(_) => {
                    return Err(
                        type_error("'float' object cannot be interpreted as an integer").into(),
                    )
                }
                v => arg_int(v, "")?,
            };
            if fd < 0 {
                return Err(value_error("negative file descriptor").into());
            }
            let fd = i32::try_from(fd).map_err(|_| overflow_error("fd is greater than maximum"))?;
            // Ours from here on, as in CPython (closing the socket closes it).
            let sock = socket2::Socket::from(crate::modules::posix::raw::adopt(fd));
            let known = |sock: &socket2::Socket| -> std::io::Result<(i32, i32, i32)> {
                let f = if family == -1 {
                    sock.local_addr()?.family() as i32
                } else {
                    family
                };
                let t = if typ == -1 {
                    sock.r#type()?.into()
                } else {
                    typ
                };
                let p = if proto == -1 {
                    sock.protocol()?.map_or(0, i32::from)
                } else {
                    proto
                };
                Ok((f, t, p))
            };
            match known(&sock) {
                Ok(k) => (family, typ, proto) = k,
                Err(e) => {
                    // Not ours after all: CPython leaves a descriptor it could not
                    // look at open.
                    let _ = std::os::fd::IntoRawFd::into_raw_fd(sock);
                    return Err(os(e).into());
                }
            }
            sock
        }
        None => {
            if family == -1 {
                family = AF_INET;
            }
            if typ == -1 {
                typ = SOCK_STREAM;
            }
            if proto == -1 {
                proto = 0;
            }
            socket2::Socket::new(
                Domain::from(family),
                Type::from(typ & !(SOCK_NONBLOCK | SOCK_CLOEXEC)),
                (proto != 0).then(|| Protocol::from(proto)),
            )
            .map_err(os)?
        }
    };
    sock.set_nonblocking(true).map_err(os)?;
    let s = socket_of(&me).ok_or_else(bad_fd)?;
    let mut st = s.st.borrow_mut(cx.gil);
    st.fd = Some(Fd::new(sock));
    st.family = family;
    st.typ = typ & !(SOCK_NONBLOCK | SOCK_CLOEXEC);
    st.proto = proto;
    // As CPython: a socket made non-blocking starts with a timeout of 0.0.
    st.timeout = if typ & SOCK_NONBLOCK != 0 {
        Some(0.0)
    } else {
        default_timeout()
    };
    Ok(Value::None)
}

/// `socket.socketpair([family[, type[, proto]]])`: two connected sockets.
pub fn socketpair(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let _ = cx;
    args.check("socketpair", 0, 3)?;
    let family = args
        .get(0)
        .map(|v| arg_int(v, ""))
        .transpose()?
        .unwrap_or(AF_UNIX as i64) as i32;
    let typ = args
        .get(1)
        .map(|v| arg_int(v, ""))
        .transpose()?
        .unwrap_or(SOCK_STREAM as i64) as i32;
    let proto = args
        .get(2)
        .map(|v| arg_int(v, ""))
        .transpose()?
        .unwrap_or(0) as i32;
    let (a, b) = socket2::Socket::pair(
        Domain::from(family),
        Type::from(typ),
        (proto != 0).then(|| Protocol::from(proto)),
    )
    .map_err(os)?;
    a.set_nonblocking(true).map_err(os)?;
    b.set_nonblocking(true).map_err(os)?;
    Ok(Value::tuple(vec![
        Socket::wrap(a, family, typ, proto),
        Socket::wrap(b, family, typ, proto),
    ]))
}

/// `_socket.dup(fd)`: a duplicate of descriptor `fd` (not inheritable).
pub fn dup(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("dup", 1, 1)?;
    let fd = arg_int(args.at(0), "")?;
    let fd = i32::try_from(fd).map_err(|_| overflow_error("fd is greater than maximum"))?;
    let owned = crate::modules::posix::raw::with_fd(fd, |b| b.try_clone_to_owned()).map_err(os)?;
    Ok(Value::Int(std::os::fd::IntoRawFd::into_raw_fd(owned) as i64))
}

/// `_socket.close(fd)`: close a descriptor (`ECONNRESET` is not an error, as in
/// CPython).
pub fn close_fd(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("close", 1, 1)?;
    let fd = arg_int(args.at(0), "")?;
    let fd = i32::try_from(fd).map_err(|_| overflow_error("fd is greater than maximum"))?;
    match crate::modules::posix::raw::close(fd) {
        Ok(()) => Ok(Value::None),
        Err(e) if e.raw_os_error() == Some(104) => Ok(Value::None),
        Err(e) => Err(os(e).into()),
    }
}

/// Used by `select`: the descriptor of a socket object.
pub fn fd_of(gil: Gil<'_>, s: &Socket) -> Option<i32> {
    let fd = s.st.borrow(gil).raw_fd();
    (fd >= 0).then_some(fd as i32)
}
