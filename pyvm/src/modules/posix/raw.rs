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

/// Take descriptor `fd` over: it closes when the owner drops (`socket(fileno=fd)`,
/// which CPython's socket objects do too). Closing a number Python code also closes
/// is the `EBADF` case of the file's comment.
pub fn adopt(fd: RawFd) -> std::os::fd::OwnedFd {
    // SAFETY: see the file's comment: the number is only ever passed to system calls.
    unsafe { std::os::fd::FromRawFd::from_raw_fd(fd) }
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

/// What a child made by `_posixsubprocess.fork_exec` does between `fork` and
/// `exec` (CPython's `child_exec`), prepared in the parent so the child only makes
/// async-signal-safe system calls: no allocation, no lock (other threads of this
/// process may hold the allocator's). The standard streams are set by `Command`.
pub struct ChildPlan {
    /// Candidate programs, tried in order (`execv`/`execve`).
    pub executables: Vec<std::ffi::CString>,
    pub argv: Vec<std::ffi::CString>,
    /// `None`: the parent's environment.
    pub env: Option<Vec<std::ffi::CString>>,
    pub cwd: Option<std::ffi::CString>,
    /// Descriptors kept open and made inheritable, sorted.
    pub pass_fds: Vec<RawFd>,
    pub close_fds: bool,
    pub setsid: bool,
    pub pgid: Option<i32>,
    pub umask: Option<u32>,
    pub uid: Option<u32>,
    pub gid: Option<u32>,
    /// Where an error before or at `exec` is reported (`OSError:<hex errno>:[noexec]`).
    pub errpipe: RawFd,
}

/// `ChildPlan` with the pointer arrays `execve` takes.
struct Prepared {
    plan: ChildPlan,
    /// What `close_fds` leaves open (sorted).
    keep: Vec<RawFd>,
    argv: Vec<*const libc::c_char>,
    envp: Vec<*const libc::c_char>,
}

// SAFETY: the pointers point into the `CString`s the same value owns, which are never
// changed; the child only reads them.
unsafe impl Send for Prepared {}
unsafe impl Sync for Prepared {}

fn nul_terminated(v: &[std::ffi::CString]) -> Vec<*const libc::c_char> {
    v.iter()
        .map(|s| s.as_ptr())
        .chain(std::iter::once(std::ptr::null()))
        .collect()
}

/// Writes `OSError:<errno in hex>:` (and `noexec` when exec was not reached) to the
/// error pipe, without allocating.
fn report(errpipe: RawFd, errno: i32, noexec: bool) {
    let mut buf = [0u8; 40];
    let head = b"OSError:";
    buf[..head.len()].copy_from_slice(head);
    let mut n = head.len();
    let mut digits = [0u8; 8];
    let mut k = 0;
    let mut e = errno.max(0) as u32;
    loop {
        digits[k] = b"0123456789abcdef"[(e % 16) as usize];
        k += 1;
        e /= 16;
        if e == 0 {
            break;
        }
    }
    while k > 0 {
        k -= 1;
        buf[n] = digits[k];
        n += 1;
    }
    buf[n] = b':';
    n += 1;
    if noexec {
        buf[n..n + 6].copy_from_slice(b"noexec");
        n += 6;
    }
    // SAFETY: writes bytes of a live stack buffer.
    unsafe {
        libc::write(errpipe, buf.as_ptr().cast(), n);
    }
}

fn errno() -> i32 {
    std::io::Error::last_os_error()
        .raw_os_error()
        .unwrap_or(libc::EINVAL)
}

/// Closes descriptors `from..to` (async-signal-safe: `close_range`, or on older
/// kernels each one up to the descriptor limit).
fn close_between(from: libc::c_uint, to: libc::c_uint) {
    if to <= from {
        return;
    }
    // SAFETY: plain system calls on numbers; `getrlimit` fills the struct it is given.
    unsafe {
        if libc::syscall(libc::SYS_close_range, from, to - 1, 0) == 0 {
            return;
        }
        let mut lim = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        let max = if libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) == 0 {
            lim.rlim_cur.min(1 << 20) as libc::c_uint
        } else {
            4096
        };
        for fd in from..to.min(max) {
            libc::close(fd as RawFd);
        }
    }
}

/// Closes every descriptor from 3 up except those in `keep` (sorted).
fn close_others(keep: &[RawFd]) {
    let mut from: libc::c_uint = 3;
    for &k in keep {
        if k >= 3 && (k as libc::c_uint) >= from {
            close_between(from, k as libc::c_uint);
            from = k as libc::c_uint + 1;
        }
    }
    close_between(from, libc::c_uint::MAX);
}

/// The child's part, run by `Command` after `fork` (see [`ChildPlan`]).
fn child(p: &Prepared) -> std::io::Result<()> {
    let plan = &p.plan;
    // SAFETY (whole function): async-signal-safe system calls on numbers and on
    // pointers to the plan's `CString`s and arrays, which live in this closure.
    unsafe {
        // Passed descriptors become inheritable, except the error pipe, which must
        // close at `exec` (its end-of-file tells the parent `exec` worked).
        for &fd in plan.pass_fds.iter().filter(|&&fd| fd != plan.errpipe) {
            let flags = libc::fcntl(fd, libc::F_GETFD);
            if flags >= 0 {
                libc::fcntl(fd, libc::F_SETFD, flags & !libc::FD_CLOEXEC);
            }
        }
        if let Some(cwd) = &plan.cwd {
            if libc::chdir(cwd.as_ptr()) != 0 {
                report(plan.errpipe, errno(), true);
                libc::_exit(255);
            }
        }
        if let Some(m) = plan.umask {
            libc::umask(m as libc::mode_t);
        }
        if plan.setsid && libc::setsid() < 0 {
            report(plan.errpipe, errno(), true);
            libc::_exit(255);
        }
        if let Some(pg) = plan.pgid {
            if libc::setpgid(0, pg) != 0 {
                report(plan.errpipe, errno(), true);
                libc::_exit(255);
            }
        }
        if let Some(g) = plan.gid {
            if libc::setregid(g, g) != 0 {
                report(plan.errpipe, errno(), true);
                libc::_exit(255);
            }
        }
        if let Some(u) = plan.uid {
            if libc::setreuid(u, u) != 0 {
                report(plan.errpipe, errno(), true);
                libc::_exit(255);
            }
        }
        if plan.close_fds {
            close_others(&p.keep);
        }
        // As execvpe: the first error other than "not there" is the one reported.
        let mut saved = 0;
        for exe in &plan.executables {
            if plan.env.is_some() {
                libc::execve(exe.as_ptr(), p.argv.as_ptr(), p.envp.as_ptr());
            } else {
                libc::execv(exe.as_ptr(), p.argv.as_ptr());
            }
            let e = errno();
            if e != libc::ENOENT && e != libc::ENOTDIR && saved == 0 {
                saved = e;
            }
        }
        report(
            plan.errpipe,
            if saved != 0 { saved } else { errno() },
            false,
        );
        libc::_exit(255);
    }
}

/// Forks a child that follows `plan` (`cmd` sets its standard streams), and returns
/// its process id. An error of the child reaches the parent through `plan.errpipe`,
/// as CPython's `subprocess` expects.
pub fn spawn(cmd: &mut std::process::Command, plan: ChildPlan) -> std::io::Result<u32> {
    use std::os::unix::process::CommandExt;
    let argv = nul_terminated(&plan.argv);
    let envp = nul_terminated(plan.env.as_deref().unwrap_or(&[]));
    // As CPython: the error pipe survives `close_fds` only when it is passed on
    // (`subprocess` passes it).
    let keep = plan.pass_fds.clone();
    let prepared = Prepared {
        plan,
        keep,
        argv,
        envp,
    };
    // SAFETY: the closure makes only async-signal-safe calls (see `child`) and
    // allocates nothing: everything it reads was built here, before the fork.
    unsafe {
        cmd.pre_exec(move || child(&prepared));
    }
    let child = cmd.spawn()?;
    Ok(child.id())
}

/// `fork()`: the child's pid in the parent, 0 in the child.
///
/// The child is a copy of this process with one thread, this one: memory another
/// thread was changing may be half-changed there. The caller (`posix::fork`) takes
/// the runtime's own locks that other threads take without the GIL before the call
/// and gives them back after it on both sides, and holds the GIL across it, so every
/// Python object is in a consistent state; the C library's allocator and stdio locks
/// are the C library's affair (`fork` resets its internal ones, as for CPython).
pub fn fork() -> std::io::Result<i32> {
    // SAFETY: a plain system call with no arguments; what the child may rely on is
    // the caller's concern (see above), as for CPython's `os.fork`.
    let pid = unsafe { libc::fork() };
    if pid < 0 {
        Err(std::io::Error::last_os_error())
    } else {
        Ok(pid)
    }
}

/// A POSIX named semaphore opened by this process (`_multiprocessing.SemLock`):
/// `sem_open`'s pointer, closed when dropped. The mapping it points into is shared
/// with every process that opened the name, and kept across `fork`.
pub struct Sem(std::ptr::NonNull<libc::sem_t>);

// SAFETY: a `sem_t` is made to be used by many threads (and processes) at once: every
// operation on it is an atomic system call or C library call.
unsafe impl Send for Sem {}
unsafe impl Sync for Sem {}

impl Sem {
    /// `sem_open(name, O_CREAT | O_EXCL, 0600, value)` when `create`, else
    /// `sem_open(name, 0)` (an existing one).
    pub fn open(name: &std::ffi::CStr, create: Option<u32>) -> std::io::Result<Sem> {
        // SAFETY: `name` is a NUL-terminated string that lives across the call; the
        // variadic arguments are the mode and value `O_CREAT` asks for.
        let p = unsafe {
            match create {
                Some(value) => libc::sem_open(
                    name.as_ptr(),
                    libc::O_CREAT | libc::O_EXCL,
                    0o600 as libc::c_uint,
                    value as libc::c_uint,
                ),
                None => libc::sem_open(name.as_ptr(), 0),
            }
        };
        if p == libc::SEM_FAILED {
            return Err(std::io::Error::last_os_error());
        }
        std::ptr::NonNull::new(p)
            .map(Sem)
            .ok_or_else(std::io::Error::last_os_error)
    }

    /// The pointer's value (CPython's `SemLock.handle`).
    pub fn handle(&self) -> usize {
        self.0.as_ptr() as usize
    }

    /// `sem_trywait`: `Ok(false)` when it is zero (`EAGAIN`).
    pub fn try_wait(&self) -> std::io::Result<bool> {
        loop {
            // SAFETY: the pointer is `sem_open`'s and stays valid until drop.
            if unsafe { libc::sem_trywait(self.0.as_ptr()) } == 0 {
                return Ok(true);
            }
            match errno() {
                libc::EINTR => continue,
                libc::EAGAIN => return Ok(false),
                e => return Err(std::io::Error::from_raw_os_error(e)),
            }
        }
    }

    /// `sem_wait`, or `sem_timedwait` until `deadline` (the real-time clock's
    /// seconds and nanoseconds): `Ok(false)` when the deadline passed. `EINTR` is
    /// returned to the caller (signals are checked there).
    pub fn wait(&self, deadline: Option<(i64, i64)>) -> std::io::Result<bool> {
        // SAFETY: as in `try_wait`; the timespec lives across the call.
        let r = unsafe {
            match deadline {
                None => libc::sem_wait(self.0.as_ptr()),
                Some((s, ns)) => {
                    let ts = libc::timespec {
                        tv_sec: s as libc::time_t,
                        tv_nsec: ns as _,
                    };
                    libc::sem_timedwait(self.0.as_ptr(), &ts)
                }
            }
        };
        if r == 0 {
            return Ok(true);
        }
        match errno() {
            libc::ETIMEDOUT => Ok(false),
            e => Err(std::io::Error::from_raw_os_error(e)),
        }
    }

    /// `sem_post`.
    pub fn post(&self) -> std::io::Result<()> {
        // SAFETY: as in `try_wait`.
        if unsafe { libc::sem_post(self.0.as_ptr()) } == 0 {
            Ok(())
        } else {
            Err(std::io::Error::last_os_error())
        }
    }

    /// `sem_getvalue`.
    pub fn value(&self) -> std::io::Result<i32> {
        let mut v: libc::c_int = 0;
        // SAFETY: as in `try_wait`; `v` lives across the call.
        if unsafe { libc::sem_getvalue(self.0.as_ptr(), &mut v) } == 0 {
            Ok(v)
        } else {
            Err(std::io::Error::last_os_error())
        }
    }
}

impl Drop for Sem {
    fn drop(&mut self) {
        // SAFETY: the pointer is `sem_open`'s, closed once, here.
        unsafe {
            libc::sem_close(self.0.as_ptr());
        }
    }
}

/// `sem_unlink(name)`.
pub fn sem_unlink(name: &std::ffi::CStr) -> std::io::Result<()> {
    // SAFETY: `name` is NUL-terminated and lives across the call.
    if unsafe { libc::sem_unlink(name.as_ptr()) } == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// `shm_open(name, flags, mode)`: a new descriptor (`_posixshmem.shm_open`).
pub fn shm_open(name: &std::ffi::CStr, flags: i32, mode: u32) -> std::io::Result<RawFd> {
    // SAFETY: `name` is NUL-terminated and lives across the call; the rest are numbers.
    let fd = unsafe { libc::shm_open(name.as_ptr(), flags, mode as libc::mode_t) };
    if fd < 0 {
        Err(std::io::Error::last_os_error())
    } else {
        Ok(fd)
    }
}

/// `shm_unlink(name)`.
pub fn shm_unlink(name: &std::ffi::CStr) -> std::io::Result<()> {
    // SAFETY: `name` is NUL-terminated and lives across the call.
    if unsafe { libc::shm_unlink(name.as_ptr()) } == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}
