//! The descriptor functions: `open`, `read`, `write`, `lseek`, `close`,
//! `closerange`, `pipe`, `dup`, `dup2`, `ftruncate`, `fsync`, `isatty`,
//! `get_blocking`/`set_blocking`, `get_inheritable`/`set_inheritable`,
//! `device_encoding` and `get_terminal_size`. Descriptors are the kernel's numbers,
//! as in CPython (`raw.rs`).

use crate::objects::rc::Arc;
use std::io::Write;
use std::os::fd::{AsFd, BorrowedFd, IntoRawFd};

use rustix::fs::{Mode, OFlags};
use rustix::io::FdFlags;

use super::path::{self, fd_of, os_err, rx, Spec};
use super::raw::with_fd;
use super::stat::no_dir_fd;
use crate::native::*;

use crate::modules::random::bind::req;

fn int_arg(a: &[Option<Value>], i: usize) -> Result<i64, PyErr> {
    arg_int(req(a, i), "")
}

/// `os.open(path, flags, mode=0o777, *, dir_fd=None)`: the descriptor is not
/// inheritable (`O_CLOEXEC`), as CPython's (PEP 446).
pub fn open(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let a = clinic(args, "open", &["path", "flags", "mode", "dir_fd"], 2, 3)?;
    no_dir_fd(a[3].as_ref())?;
    let p = path::path(cx, a[0].as_ref(), Spec::path("open"))?;
    let flags = int_arg(&a, 1)? as u32;
    let mode = match &a[2] {
        Some(v) => arg_int(v, "")? as u32,
        None => 0o777,
    };
    let flags = OFlags::from_bits_retain(flags) | OFlags::CLOEXEC;
    let fd = rustix::fs::open(&p.os, flags, Mode::from_raw_mode(mode))
        .map_err(|e| path::error(&rx(e), &p))?;
    Ok(Value::Int(fd.into_raw_fd() as i64))
}

/// `os.close(fd)`.
pub fn close(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let a = clinic(args, "close", &["fd"], 1, 1)?;
    super::raw::close(fd_of(req(&a, 0))?).map_err(os_err)?;
    Ok(Value::None)
}

/// `os.closerange(fd_low, fd_high)`: errors are ignored, as CPython does.
pub fn closerange(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("posix.closerange", 2, 2)?;
    let (lo, hi) = (fd_of(args.at(0))?, fd_of(args.at(1))?);
    for fd in lo.max(0)..hi {
        let _ = super::raw::close(fd);
    }
    Ok(Value::None)
}

/// `os.read(fd, length)`. The standard input goes through the reader `input()`
/// uses, so nothing it buffered is skipped. A descriptor with nothing to read yet
/// (a pipe, a socket) is waited for on the reactor: only this micro-thread waits,
/// the GIL released while the reactor does (a `multiprocessing` pool's result
/// thread reads its pipe this way), then the read is made.
pub fn read(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("posix.read", 2, 2)?;
    let fd = fd_of(args.at(0))?;
    let n = arg_int(args.at(1), "")?;
    if n < 0 {
        return Err(os_err(std::io::Error::from_raw_os_error(libc_einval())).into());
    }
    check_size(n)?;
    read_when_ready(cx, fd, n)
}

/// A wake-up may find the data gone (another process read it): it waits again.
fn read_when_ready(cx: &mut Cx, fd: i32, n: i64) -> PyResult<Value> {
    if fd != 0 && !ready(fd, rustix::event::PollFlags::IN) {
        return wait_for(cx, "os.read", fd, notifiers::Ready::READABLE, move |cx| {
            read_when_ready(cx, fd, n)
        });
    }
    read_now(cx, fd, n)
}

fn read_now(_cx: &mut Cx, fd: i32, n: i64) -> PyResult<Value> {
    let mut buf = vec![0u8; n as usize];
    let got = if fd == 0 {
        std::io::Read::read(&mut std::io::stdin().lock(), &mut buf)
    } else {
        with_fd(fd, |b| rustix::io::read(b, &mut buf[..]).map_err(rx))
    }
    .map_err(os_err)?;
    buf.truncate(got);
    Ok(Value::Bytes(Arc::new(buf)))
}

/// Is `fd` ready for `what` now (or in error, or not pollable: then the call is
/// made and reports it)? A regular file always is; so is a non-blocking
/// descriptor (the call then says `EAGAIN`, `BlockingIOError`).
fn ready(fd: i32, what: rustix::event::PollFlags) -> bool {
    let r = with_fd(fd, |b| {
        let mut fds = [rustix::event::PollFd::from_borrowed_fd(b, what)];
        let zero = rustix::event::Timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        rustix::event::poll(&mut fds, Some(&zero)).map_err(rx)?;
        if !fds[0].revents().is_empty() {
            return Ok(true);
        }
        let flags = rustix::fs::fcntl_getfl(b).map_err(rx)?;
        Ok(flags.contains(OFlags::NONBLOCK))
    });
    r.unwrap_or(true)
}

/// Wait until `fd` is ready for `interest`, then `again`: on the reactor in a
/// micro-thread, else blocking the OS thread with the GIL released.
fn wait_for(
    cx: &mut Cx,
    what: &str,
    fd: i32,
    interest: notifiers::Ready,
    again: impl FnOnce(&mut Cx) -> PyResult<Value> + 'static,
) -> PyResult<Value> {
    if cx.may_wait() {
        let src = crate::native::io::IoSource::new(fd);
        let req = crate::native::io::IoRequest {
            src,
            interest,
            deadline: None,
        };
        return crate::native::io::wait_ready(cx, what, req, None, again);
    }
    crate::native::io::block_until_ready(cx.gil, fd, interest, None)?;
    again(cx)
}

fn libc_einval() -> i32 {
    22
}

/// `os.write(fd, data)`. The standard output and error go through Rust's handles,
/// so what `print` left buffered comes first.
pub fn write(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("posix.write", 2, 2)?;
    let fd = fd_of(args.at(0))?;
    let data = bytes_arg(cx.gil, args.at(1))?;
    if fd > 2 && !ready(fd, rustix::event::PollFlags::OUT) {
        return wait_for(cx, "os.write", fd, notifiers::Ready::WRITABLE, move |cx| {
            write_when_ready(cx, fd, data)
        });
    }
    let n = match fd {
        1 => {
            let mut o = std::io::stdout().lock();
            o.write(&data).and_then(|n| o.flush().map(|_| n))
        }
        2 => std::io::stderr().lock().write(&data),
        _ => with_fd(fd, |b| rustix::io::write(b, &data).map_err(rx)),
    }
    .map_err(os_err)?;
    Ok(Value::Int(n as i64))
}

/// `os.write` after a wait: the pipe may be full again (another writer).
fn write_when_ready(cx: &mut Cx, fd: i32, data: Vec<u8>) -> PyResult<Value> {
    if !ready(fd, rustix::event::PollFlags::OUT) {
        return wait_for(cx, "os.write", fd, notifiers::Ready::WRITABLE, move |cx| {
            write_when_ready(cx, fd, data)
        });
    }
    let n = with_fd(fd, |b| rustix::io::write(b, &data).map_err(rx)).map_err(os_err)?;
    Ok(Value::Int(n as i64))
}

/// `os.lseek(fd, position, whence)`.
pub fn lseek(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("posix.lseek", 3, 3)?;
    let fd = fd_of(args.at(0))?;
    let pos = arg_int(args.at(1), "")?;
    let how = arg_int(args.at(2), "")?;
    let to = match how {
        0 if pos >= 0 => rustix::fs::SeekFrom::Start(pos as u64),
        1 => rustix::fs::SeekFrom::Current(pos),
        2 => rustix::fs::SeekFrom::End(pos),
        3 => rustix::fs::SeekFrom::Data(pos as u64),
        4 => rustix::fs::SeekFrom::Hole(pos as u64),
        _ => return Err(os_err(std::io::Error::from_raw_os_error(libc_einval())).into()),
    };
    let at = with_fd(fd, |b| rustix::fs::seek(b, to).map_err(rx)).map_err(os_err)?;
    Ok(Value::Int(at as i64))
}

/// `os.pipe()`: two non-inheritable descriptors `(read, write)`.
pub fn pipe(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("posix.pipe", 0, 0)?;
    let (r, w) =
        rustix::pipe::pipe_with(rustix::pipe::PipeFlags::CLOEXEC).map_err(|e| os_err(rx(e)))?;
    Ok(Value::tuple(vec![
        Value::Int(r.into_raw_fd() as i64),
        Value::Int(w.into_raw_fd() as i64),
    ]))
}

/// `os.openpty()`: a new pseudo-terminal's `(master, slave)` descriptors, both
/// non-inheritable (`posix_openpt`, `grantpt`, `unlockpt`, then the slave opened by
/// its name, which is what glibc's `openpty` does).
pub fn openpty(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    use rustix::fs::{Mode, OFlags};
    use rustix::pty::OpenptFlags;
    args.check("posix.openpty", 0, 0)?;
    let fail = |e| os_err(rx(e));
    let master =
        rustix::pty::openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY | OpenptFlags::CLOEXEC)
            .map_err(fail)?;
    rustix::pty::grantpt(&master).map_err(fail)?;
    rustix::pty::unlockpt(&master).map_err(fail)?;
    let name = rustix::pty::ptsname(&master, Vec::new()).map_err(fail)?;
    let flags = OFlags::RDWR | OFlags::NOCTTY | OFlags::CLOEXEC;
    let slave = rustix::fs::open(name.as_c_str(), flags, Mode::empty()).map_err(fail)?;
    Ok(Value::tuple(vec![
        Value::Int(master.into_raw_fd() as i64),
        Value::Int(slave.into_raw_fd() as i64),
    ]))
}

/// `os.dup(fd)`: a new non-inheritable descriptor.
pub fn dup(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("posix.dup", 1, 1)?;
    let fd = fd_of(args.at(0))?;
    let new = with_fd(fd, |b| rustix::io::fcntl_dupfd_cloexec(b, 0).map_err(rx)).map_err(os_err)?;
    Ok(Value::Int(new.into_raw_fd() as i64))
}

/// `os.dup2(fd, fd2, inheritable=True)`.
pub fn dup2(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let a = clinic(args, "dup2", &["fd", "fd2", "inheritable"], 2, 3)?;
    let (fd, fd2) = (fd_of(req(&a, 0))?, fd_of(req(&a, 1))?);
    let inheritable = super::stat::flag(cx, a[2].as_ref(), true)?;
    if fd2 == 1 || fd2 == 2 {
        // What Rust's handles buffered belongs to the old descriptor.
        let _ = std::io::stdout().flush();
    }
    let r = super::raw::dup2(fd, fd2, inheritable).map_err(os_err)?;
    Ok(Value::Int(r as i64))
}

/// `os.ftruncate(fd, length)`.
pub fn ftruncate(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("posix.ftruncate", 2, 2)?;
    let fd = fd_of(args.at(0))?;
    let n = arg_int(args.at(1), "")?;
    if n < 0 {
        return Err(os_err(std::io::Error::from_raw_os_error(libc_einval())).into());
    }
    with_fd(fd, |b| rustix::fs::ftruncate(b, n as u64).map_err(rx)).map_err(os_err)?;
    Ok(Value::None)
}

/// The descriptor of an argument that may be a file object (`fsync(f)` takes
/// anything with `fileno()`).
fn fd_or_fileno(cx: &mut Cx, v: &Value) -> PyResult<i32> {
    if let Ok(fd) = fd_of(v) {
        return Ok(fd);
    }
    let m = cx.getattr(v, "fileno")?;
    let r = cx.call(&m, vec![])?;
    Ok(fd_of(&r)?)
}

/// `os.fsync(fd)`.
pub fn fsync(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let a = clinic(args, "fsync", &["fd"], 1, 1)?;
    let fd = fd_or_fileno(cx, req(&a, 0))?;
    with_fd(fd, |b| rustix::fs::fsync(b).map_err(rx)).map_err(os_err)?;
    Ok(Value::None)
}

fn is_tty(fd: i32) -> bool {
    with_fd(fd, |b: BorrowedFd<'_>| Ok(rustix::termios::isatty(b))).unwrap_or(false)
}

/// `os.isatty(fd)`.
pub fn isatty(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("posix.isatty", 1, 1)?;
    Ok(Value::bool(is_tty(fd_of(args.at(0))?)))
}

/// `os.device_encoding(fd)`: `'UTF-8'` for a terminal (pyvm's locale is UTF-8),
/// else `None`.
pub fn device_encoding(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let a = clinic(args, "device_encoding", &["fd"], 1, 1)?;
    Ok(if is_tty(fd_of(req(&a, 0))?) {
        Value::str("UTF-8")
    } else {
        Value::None
    })
}

fn fl(fd: i32) -> Result<OFlags, PyErr> {
    with_fd(fd, |b| rustix::fs::fcntl_getfl(b).map_err(rx)).map_err(os_err)
}

pub fn get_blocking(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("posix.get_blocking", 1, 1)?;
    let f = fl(fd_of(args.at(0))?)?;
    Ok(Value::bool(!f.contains(OFlags::NONBLOCK)))
}

pub fn set_blocking(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("posix.set_blocking", 2, 2)?;
    let fd = fd_of(args.at(0))?;
    let blocking = cx.truthy(args.at(1))?;
    let mut f = fl(fd)?;
    f.set(OFlags::NONBLOCK, !blocking);
    with_fd(fd, |b| rustix::fs::fcntl_setfl(b, f).map_err(rx)).map_err(os_err)?;
    Ok(Value::None)
}

fn fd_flags(fd: i32) -> Result<FdFlags, PyErr> {
    with_fd(fd, |b| rustix::io::fcntl_getfd(b).map_err(rx)).map_err(os_err)
}

pub fn get_inheritable(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("posix.get_inheritable", 1, 1)?;
    let f = fd_flags(fd_of(args.at(0))?)?;
    Ok(Value::bool(!f.contains(FdFlags::CLOEXEC)))
}

pub fn set_inheritable(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("posix.set_inheritable", 2, 2)?;
    let fd = fd_of(args.at(0))?;
    let inheritable = cx.truthy(args.at(1))?;
    let mut f = fd_flags(fd)?;
    f.set(FdFlags::CLOEXEC, !inheritable);
    with_fd(fd, |b| rustix::io::fcntl_setfd(b, f).map_err(rx)).map_err(os_err)?;
    Ok(Value::None)
}

/// `os.get_terminal_size(fd=STDOUT_FILENO)`: an `os.terminal_size`.
pub fn get_terminal_size(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("posix.get_terminal_size", 0, 1)?;
    let fd = match args.get(0) {
        Some(v) => fd_of(v)?,
        None => 1,
    };
    let ws = with_fd(fd, |b| {
        let b = b.as_fd();
        rustix::termios::tcgetwinsize(b).map_err(rx)
    })
    .map_err(os_err)?;
    let items = vec![Value::Int(ws.ws_col as i64), Value::Int(ws.ws_row as i64)];
    Ok(crate::modules::structseq::make(
        cx.gil,
        super::terminal_size_type(cx.gil),
        items,
    ))
}
