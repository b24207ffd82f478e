//! Descriptor numbers from Python: CPython's `os` functions take any descriptor by
//! its number (`os.read(0, 10)`, `os.close(fd)`, `os.dup2(r, 1)`), which Rust's
//! I/O-safety types can only express with `unsafe`. This file is the one place that
//! does it, and the one place of `posix` that calls the C library directly.
//!
//! Safety argument, shared by the functions below: a descriptor number is only
//! passed to system calls, which check it themselves (`EBADF` for one that is not
//! open); a borrowed descriptor never outlives the call it is made for. Python code
//! may close a descriptor that a Rust owner (a socket, a file) still holds, exactly
//! as in CPython: the owner's later calls then fail with `EBADF` (or act on a
//! descriptor reopened under that number, as in C); pyvm maps no memory through
//! descriptors, so that is an I/O error, never memory unsafety. No function here
//! keeps a pointer beyond the call.
#![allow(unsafe_code)]

use std::os::fd::{BorrowedFd, RawFd};

/// Runs `f` with descriptor `fd` borrowed for the call. A negative number is
/// `EBADF` (as the kernel says for it).
pub fn with_fd<R>(
    fd: RawFd,
    f: impl FnOnce(BorrowedFd<'_>) -> std::io::Result<R>,
) -> std::io::Result<R> {
    if fd < 0 {
        return Err(std::io::Error::from_raw_os_error(libc::EBADF));
    }
    // SAFETY: see the file's comment; `b` lives only for the call to `f`.
    let b = unsafe { BorrowedFd::borrow_raw(fd) };
    f(b)
}

/// `close(fd)`, reporting its error (Rust's `OwnedFd` drop ignores it).
pub fn close(fd: RawFd) -> std::io::Result<()> {
    // SAFETY: a plain system call on a number (see the file's comment).
    if unsafe { libc::close(fd) } == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// `dup2(fd, fd2)` (`dup3` with `O_CLOEXEC` when `inheritable` is false).
pub fn dup2(fd: RawFd, fd2: RawFd, inheritable: bool) -> std::io::Result<RawFd> {
    // SAFETY: a plain system call on numbers (see the file's comment).
    let r = unsafe {
        if inheritable || fd == fd2 {
            libc::dup2(fd, fd2)
        } else {
            libc::dup3(fd, fd2, libc::O_CLOEXEC)
        }
    };
    if r < 0 {
        Err(std::io::Error::last_os_error())
    } else {
        Ok(r)
    }
}

/// `kill(pid, sig)`; any signal number (0 checks that the process exists).
pub fn kill(pid: i32, sig: i32) -> std::io::Result<()> {
    // SAFETY: a plain system call on numbers.
    if unsafe { libc::kill(pid, sig) } == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// `times()`: user, system, children's user and system times and the elapsed real
/// time, in clock ticks, and the number of ticks a second.
// `clock_t` and `sysconf`'s result are not `i64` everywhere.
#[allow(clippy::unnecessary_cast)]
pub fn times() -> std::io::Result<([i64; 5], i64)> {
    let mut t = libc::tms {
        tms_utime: 0,
        tms_stime: 0,
        tms_cutime: 0,
        tms_cstime: 0,
    };
    // SAFETY: `times` writes the struct it is given, which lives across the call;
    // `sysconf` takes a number.
    let (c, hz) = unsafe { (libc::times(&mut t), libc::sysconf(libc::_SC_CLK_TCK)) };
    if c == !0 {
        return Err(std::io::Error::last_os_error());
    }
    let ticks = [t.tms_utime, t.tms_stime, t.tms_cutime, t.tms_cstime, c];
    Ok((ticks.map(|x| x as i64), hz as i64))
}
