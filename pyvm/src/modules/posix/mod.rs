//! `posix`: the C-level module CPython's `Lib/os.py` is built on (`from posix
//! import *`), natively — file system (`stat.rs`, `fs.rs`), descriptors
//! (`fd.rs`), the environment as bytes (`os.py` makes `os.environ` of it), process
//! facts and waits, with CPython's argument handling and `OSError`s naming their
//! file(s) (`path.rs`). `fork` makes the child's runtime anew for the one
//! micro-thread that goes on in it (`mt::fork`). When no standard library is there, pyvm's own small `os` (`os.rs`)
//! offers these same functions.

mod fd;
mod fs;
pub mod path;
pub(crate) mod raw;
pub mod spawn;
mod stat;

use crate::objects::rc::Arc;
use std::os::unix::ffi::OsStrExt;
use std::sync::OnceLock;

use crate::native::*;
use crate::objects::dict::Dict;
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::module::Module;
use crate::objects::types::{types, PyType};

use crate::modules::random::bind::req;

static POSIX: OnceLock<Arc<Module>> = OnceLock::new();

pub static FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "stat" => stat::stat, "lstat" => stat::lstat, "fstat" => stat::fstat,
    "statvfs" => stat::statvfs, "fstatvfs" => stat::fstatvfs,
    "scandir" => stat::scandir, "listdir" => stat::listdir,
    "mkdir" => fs::mkdir, "rmdir" => fs::rmdir, "unlink" => fs::unlink, "remove" => fs::remove,
    "rename" => fs::rename, "replace" => fs::replace, "link" => fs::link,
    "symlink" => fs::symlink, "readlink" => fs::readlink, "chmod" => fs::chmod,
    "access" => fs::access, "utime" => fs::utime, "truncate" => fs::truncate,
    "getcwd" => fs::getcwd, "getcwdb" => fs::getcwdb, "chdir" => fs::chdir,
    "open" => fd::open, "close" => fd::close, "closerange" => fd::closerange,
    "read" => fd::read, "write" => fd::write, "lseek" => fd::lseek, "pipe" => fd::pipe,
    "openpty" => fd::openpty,
    "dup" => fd::dup, "dup2" => fd::dup2, "ftruncate" => fd::ftruncate, "fsync" => fd::fsync,
    "isatty" => fd::isatty, "device_encoding" => fd::device_encoding,
    "get_blocking" => fd::get_blocking, "set_blocking" => fd::set_blocking,
    "get_inheritable" => fd::get_inheritable, "set_inheritable" => fd::set_inheritable,
    "get_terminal_size" => fd::get_terminal_size,
    "fspath" => fspath, "strerror" => strerror, "urandom" => urandom, "umask" => umask,
    "getpid" => getpid, "getppid" => getppid, "getuid" => getuid, "geteuid" => geteuid,
    "getgid" => getgid, "getegid" => getegid, "getpgrp" => getpgrp, "getlogin" => getlogin,
    "kill" => super::signal::kill, "uname" => uname, "cpu_count" => cpu_count, "times" => times,
    "waitpid" => waitpid, "waitstatus_to_exitcode" => waitstatus_to_exitcode,
    "WIFEXITED" => wifexited, "WEXITSTATUS" => wexitstatus, "WIFSIGNALED" => wifsignaled,
    "WTERMSIG" => wtermsig, "WIFSTOPPED" => wifstopped, "WSTOPSIG" => wstopsig,
    "WIFCONTINUED" => wifcontinued, "WCOREDUMP" => wcoredump,
    "_exit" => exit, "putenv" => putenv, "unsetenv" => unsetenv,
    "fork" => fork, "register_at_fork" => register_at_fork,
];

/// The `HAVE_*` facts `os.py` makes its `supports_*` sets of: only what these
/// functions do (no `dir_fd`: `shutil.rmtree` and `os.fwalk` take the path way).
const HAVE: &[&str] = &[
    "HAVE_FCHDIR",
    "HAVE_FCHMOD",
    "HAVE_FSTATVFS",
    "HAVE_FTRUNCATE",
    "HAVE_FUTIMENS",
    "HAVE_LSTAT",
];

/// Integer constants (Linux's values through `libc`, so they follow the machine).
const CONSTANTS: &[(&str, i64)] = &[
    ("O_RDONLY", libc::O_RDONLY as i64),
    ("O_WRONLY", libc::O_WRONLY as i64),
    ("O_RDWR", libc::O_RDWR as i64),
    ("O_ACCMODE", libc::O_ACCMODE as i64),
    ("O_CREAT", libc::O_CREAT as i64),
    ("O_EXCL", libc::O_EXCL as i64),
    ("O_NOCTTY", libc::O_NOCTTY as i64),
    ("O_TRUNC", libc::O_TRUNC as i64),
    ("O_APPEND", libc::O_APPEND as i64),
    ("O_NONBLOCK", libc::O_NONBLOCK as i64),
    ("O_NDELAY", libc::O_NDELAY as i64),
    ("O_DSYNC", libc::O_DSYNC as i64),
    ("O_SYNC", libc::O_SYNC as i64),
    ("O_FSYNC", libc::O_FSYNC as i64),
    ("O_RSYNC", libc::O_RSYNC as i64),
    ("O_CLOEXEC", libc::O_CLOEXEC as i64),
    ("O_DIRECTORY", libc::O_DIRECTORY as i64),
    ("O_NOFOLLOW", libc::O_NOFOLLOW as i64),
    ("O_DIRECT", libc::O_DIRECT as i64),
    ("O_ASYNC", libc::O_ASYNC as i64),
    ("O_NOATIME", libc::O_NOATIME as i64),
    ("O_PATH", libc::O_PATH as i64),
    ("O_TMPFILE", libc::O_TMPFILE as i64),
    ("O_LARGEFILE", 0),
    ("F_OK", libc::F_OK as i64),
    ("R_OK", libc::R_OK as i64),
    ("W_OK", libc::W_OK as i64),
    ("X_OK", libc::X_OK as i64),
    ("SEEK_SET", 0),
    ("SEEK_CUR", 1),
    ("SEEK_END", 2),
    ("SEEK_DATA", libc::SEEK_DATA as i64),
    ("SEEK_HOLE", libc::SEEK_HOLE as i64),
    ("WNOHANG", libc::WNOHANG as i64),
    ("WUNTRACED", libc::WUNTRACED as i64),
    ("WCONTINUED", libc::WCONTINUED as i64),
    ("WEXITED", libc::WEXITED as i64),
    ("WSTOPPED", libc::WSTOPPED as i64),
    ("WNOWAIT", libc::WNOWAIT as i64),
    ("EX_OK", 0),
    ("EX_USAGE", 64),
    ("EX_DATAERR", 65),
    ("EX_NOINPUT", 66),
    ("EX_NOUSER", 67),
    ("EX_NOHOST", 68),
    ("EX_UNAVAILABLE", 69),
    ("EX_SOFTWARE", 70),
    ("EX_OSERR", 71),
    ("EX_OSFILE", 72),
    ("EX_CANTCREAT", 73),
    ("EX_IOERR", 74),
    ("EX_TEMPFAIL", 75),
    ("EX_PROTOCOL", 76),
    ("EX_NOPERM", 77),
    ("EX_CONFIG", 78),
    ("NGROUPS_MAX", 65536),
    ("TMP_MAX", 238328),
];

/// The `posix` module.
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    POSIX.get_or_init(|| {
        let m = Module::with_functions(gil, "posix", FUNCS);
        add_names(gil, &m);
        m.set(gil, "environ", Value::dict(environ_bytes()));
        let have = HAVE.iter().map(|h| Value::str(h)).collect();
        m.set(gil, "_have_functions", Value::list(have));
        Arc::new(m)
    })
}

/// What `posix` and pyvm's own `os` share beside the functions: the constants, the
/// result types and `error`.
pub fn add_names(gil: Gil<'_>, m: &Module) {
    for (n, v) in CONSTANTS {
        m.set(gil, n, Value::Int(*v));
    }
    m.set(gil, "error", Value::Type(types().exc.os_error.clone()));
    let result_types = [
        ("stat_result", stat::stat_type(gil)),
        ("terminal_size", terminal_size_type(gil)),
        ("uname_result", uname_type(gil)),
        ("times_result", times_type(gil)),
        ("DirEntry", stat::entry_type()),
        ("statvfs_result", stat::statvfs_type(gil)),
    ];
    for (name, t) in result_types {
        m.set(gil, name, Value::Type(t.clone()));
    }
}

/// The process environment, bytes to bytes (`posix.environ`).
fn environ_bytes() -> Dict {
    let mut env = Dict::new();
    for (k, v) in std::env::vars_os() {
        let k = Value::Bytes(Arc::new(k.as_bytes().to_vec()));
        let v = Value::Bytes(Arc::new(v.as_bytes().to_vec()));
        // Bytes always hash.
        let _ = env.insert(k, v);
    }
    env
}

fn structseq(
    gil: Gil<'_>,
    cell: &'static OnceLock<Arc<PyType>>,
    module: &str,
    name: &str,
    fields: &[&str],
) -> &'static Arc<PyType> {
    cell.get_or_init(|| crate::modules::structseq::new_type(gil, module, name, fields))
}

pub fn terminal_size_type(gil: Gil<'_>) -> &'static Arc<PyType> {
    static T: OnceLock<Arc<PyType>> = OnceLock::new();
    structseq(gil, &T, "os", "terminal_size", &["columns", "lines"])
}

fn uname_type(gil: Gil<'_>) -> &'static Arc<PyType> {
    static T: OnceLock<Arc<PyType>> = OnceLock::new();
    let f = &["sysname", "nodename", "release", "version", "machine"];
    structseq(gil, &T, "posix", "uname_result", f)
}

fn times_type(gil: Gil<'_>) -> &'static Arc<PyType> {
    static T: OnceLock<Arc<PyType>> = OnceLock::new();
    let f = &[
        "user",
        "system",
        "children_user",
        "children_system",
        "elapsed",
    ];
    structseq(gil, &T, "posix", "times_result", f)
}

/// `os.fspath(path)`.
fn fspath(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let a = clinic(args, "fspath", &["path"], 1, 1)?;
    let v = req(&a, 0);
    match path::fspath(cx, v)? {
        Some(r) => Ok(r),
        None => Err(type_error(format!(
            "expected str, bytes or os.PathLike object, not {}",
            crate::objects::types::type_name(v)
        ))
        .into()),
    }
}

/// `os.strerror(code)`: the C library's message, as `OSError.strerror` carries it.
fn strerror(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("posix.strerror", 1, 1)?;
    let code = match args.at(0) {
        Value::Big(_) => None,
        v => i32::try_from(arg_int(v, "")?).ok(),
    };
    let code = code.ok_or_else(|| overflow_error("Python int too large to convert to C int"))?;
    Ok(Value::string(crate::objects::os_error::strerror(code)))
}

/// `n` bytes from the kernel's random source.
pub fn random_bytes(n: usize) -> Result<Vec<u8>, PyErr> {
    let mut buf = Vec::new();
    buf.try_reserve_exact(n)
        .map_err(|_| PyErr::new(&types().exc.memory_error, vec![]))?;
    buf.resize(n, 0);
    let mut filled = 0;
    while filled < n {
        let got =
            rustix::rand::getrandom(&mut buf[filled..], rustix::rand::GetRandomFlags::empty())
                .map_err(|e| path::os_err(path::rx(e)))?;
        filled += got;
    }
    Ok(buf)
}

fn urandom(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("posix.urandom", 1, 1)?;
    let n = arg_int(args.at(0), "")?;
    if n < 0 {
        return Err(value_error("negative argument not allowed").into());
    }
    Ok(Value::Bytes(Arc::new(random_bytes(n as usize)?)))
}

fn umask(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("posix.umask", 1, 1)?;
    let m = arg_int(args.at(0), "")?;
    let old = rustix::process::umask(rustix::fs::Mode::from_raw_mode(m as u32));
    Ok(Value::Int(old.as_raw_mode() as i64))
}

/// The process-fact functions that take no arguments and return an `int`.
macro_rules! facts {
    ($($name:ident => $e:expr),* $(,)?) => {$(
        fn $name(_cx: &mut Cx, args: Args) -> PyResult<Value> {
            args.check(concat!("posix.", stringify!($name)), 0, 0)?;
            Ok(Value::Int($e as i64))
        }
    )*};
}

facts! {
    getpid => std::process::id(),
    getppid => std::os::unix::process::parent_id(),
    getuid => rustix::process::getuid().as_raw(),
    geteuid => rustix::process::geteuid().as_raw(),
    getgid => rustix::process::getgid().as_raw(),
    getegid => rustix::process::getegid().as_raw(),
    getpgrp => rustix::process::getpgrp().as_raw_nonzero().get(),
}

/// `os.getlogin()`: the user of the session (`LOGNAME`, as glibc's fallback).
fn getlogin(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("posix.getlogin", 0, 0)?;
    match std::env::var("LOGNAME").or_else(|_| std::env::var("USER")) {
        Ok(u) => Ok(Value::string(u)),
        Err(_) => Err(path::os_err(std::io::Error::from_raw_os_error(6)).into()),
    }
}

/// The argument check of a function CPython parses with `PyArg_ParseTuple`:
/// `kill() takes exactly 2 arguments (1 given)`.
fn getargs(args: &Args, name: &str, n: usize) -> Result<(), PyErr> {
    if args.kw.is_empty() && args.len() != n {
        return Err(type_error(format!(
            "{name}() takes exactly {n} arguments ({} given)",
            args.len()
        )));
    }
    args.check(&format!("posix.{name}"), n, n)
}

fn c_int(v: &Value) -> Result<i32, PyErr> {
    i32::try_from(arg_int(v, "")?)
        .map_err(|_| overflow_error("signed integer is greater than maximum"))
}

fn uname(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("posix.uname", 0, 0)?;
    let u = rustix::system::uname();
    let s = |c: &std::ffi::CStr| Value::string(c.to_string_lossy().into_owned());
    let items = vec![
        s(u.sysname()),
        s(u.nodename()),
        s(u.release()),
        s(u.version()),
        s(u.machine()),
    ];
    Ok(crate::modules::structseq::make(
        cx.gil,
        uname_type(cx.gil),
        items,
    ))
}

/// `os.cpu_count()`: the processors of the machine (not the affinity mask).
fn cpu_count(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("posix.cpu_count", 0, 0)?;
    let online = std::fs::read_to_string("/sys/devices/system/cpu/online").ok();
    let n = online.and_then(|s| {
        let mut n = 0;
        for part in s.trim().split(',') {
            let (a, b) = part.split_once('-').unwrap_or((part, part));
            n += b.parse::<i64>().ok()? - a.parse::<i64>().ok()? + 1;
        }
        Some(n)
    });
    let n = n.or_else(|| {
        std::thread::available_parallelism()
            .ok()
            .map(|n| n.get() as i64)
    });
    Ok(n.map_or(Value::None, Value::Int))
}

fn times(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("posix.times", 0, 0)?;
    let (t, hz) = raw::times().map_err(path::os_err)?;
    let items = t
        .iter()
        .map(|&x| Value::float(x as f64 / hz as f64))
        .collect();
    Ok(crate::modules::structseq::make(
        cx.gil,
        times_type(cx.gil),
        items,
    ))
}

/// `os.waitpid(pid, options)`: `(pid, status)`; `(0, 0)` when `WNOHANG` found
/// nothing. Waiting for one child defers only the micro-thread (the child's pidfd
/// is what it waits on); waiting for any child (`-1`) blocks the OS thread.
fn waitpid(cx: &mut Cx, args: Args) -> PyResult<Value> {
    getargs(&args, "waitpid", 2)?;
    let pid = c_int(args.at(0))?;
    let options = c_int(args.at(1))?;
    let blocking = options & libc::WNOHANG == 0;
    if blocking && pid > 0 && cx.may_wait() {
        if let Some(done) = wait_once(pid, options | libc::WNOHANG)? {
            return Ok(done);
        }
        let who = rustix::process::Pid::from_raw(pid);
        let pidfd = who.and_then(|p| {
            rustix::process::pidfd_open(p, rustix::process::PidfdFlags::empty()).ok()
        });
        if let Some(pidfd) = pidfd {
            use std::os::fd::AsRawFd;
            let src = crate::native::io::IoSource::new(pidfd.as_raw_fd());
            let request = crate::native::io::IoRequest {
                src: src.clone(),
                interest: notifiers::Ready::READABLE,
                deadline: None,
            };
            // The pidfd lives until the wait is over (it is what is waited on).
            let hold = (src, pidfd);
            return crate::native::io::wait_ready(cx, "waitpid", request, None, move |_cx| {
                drop(hold);
                Ok(wait_once(pid, options)?.unwrap_or_else(no_child))
            });
        }
    }
    Ok(wait_once(pid, options)?.unwrap_or_else(no_child))
}

fn no_child() -> Value {
    Value::tuple(vec![Value::Int(0), Value::Int(0)])
}

/// One `waitpid` system call: `None` when `WNOHANG` found nothing.
fn wait_once(pid: i32, options: i32) -> Result<Option<Value>, PyErr> {
    let flags = rustix::process::WaitOptions::from_bits_retain(options as u32);
    let r = match pid {
        -1 => rustix::process::wait(flags),
        p if p > 0 => rustix::process::waitpid(rustix::process::Pid::from_raw(p), flags),
        // Process groups: not offered (there is no `fork` here to make them).
        _ => {
            return Err(path::os_err(std::io::Error::from_raw_os_error(
                libc::EINVAL,
            )))
        }
    };
    Ok(r.map_err(|e| path::os_err(path::rx(e)))?.map(|(p, st)| {
        Value::tuple(vec![
            Value::Int(p.as_raw_nonzero().get() as i64),
            Value::Int(st.as_raw() as i64),
        ])
    }))
}

/// The status argument of the `W*` functions (`status`, by position or name).
fn status(args: Args, name: &str) -> Result<i32, PyErr> {
    let a = clinic(args, name, &["status"], 1, 1)?;
    c_int(req(&a, 0))
}

macro_rules! wait_macros {
    ($($name:ident $py:literal => |$s:ident| $e:expr),* $(,)?) => {$(
        fn $name(_cx: &mut Cx, args: Args) -> PyResult<Value> {
            let $s = status(args, $py)?;
            Ok($e)
        }
    )*};
}

// glibc's macros on a wait status.
/// `os.WCOREDUMP(status)` (a one-argument function, no keyword).
fn wcoredump(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("posix.WCOREDUMP", 1, 1)?;
    Ok(Value::bool(c_int(args.at(0))? & 0x80 != 0))
}

wait_macros! {
    wifexited "WIFEXITED" => |s| Value::bool(s & 0x7f == 0),
    wexitstatus "WEXITSTATUS" => |s| Value::Int(((s >> 8) & 0xff) as i64),
    wifsignaled "WIFSIGNALED" => |s| Value::bool(((s & 0x7f) + 1) as i8 >> 1 > 0),
    wtermsig "WTERMSIG" => |s| Value::Int((s & 0x7f) as i64),
    wifstopped "WIFSTOPPED" => |s| Value::bool(s & 0xff == 0x7f),
    wstopsig "WSTOPSIG" => |s| Value::Int(((s >> 8) & 0xff) as i64),
    wifcontinued "WIFCONTINUED" => |s| Value::bool(s == 0xffff),
}

/// `os.waitstatus_to_exitcode(status)`: the exit code, or minus the signal.
fn waitstatus_to_exitcode(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let s = status(args, "waitstatus_to_exitcode")?;
    if s & 0x7f == 0 {
        return Ok(Value::Int(((s >> 8) & 0xff) as i64));
    }
    if ((s & 0x7f) + 1) as i8 >> 1 > 0 {
        return Ok(Value::Int(-((s & 0x7f) as i64)));
    }
    Err(value_error(format!("invalid wait status: {s}")).into())
}

/// `os._exit(n)`: ends the process now (no clean-up, no flush of Python's files).
/// `os.register_at_fork`'s callables: before, after in the parent, after in the
/// child (CPython's interpreter lists).
static AT_FORK: std::sync::Mutex<[Vec<Value>; 3]> =
    std::sync::Mutex::new([Vec::new(), Vec::new(), Vec::new()]);

fn at_fork() -> std::sync::MutexGuard<'static, [Vec<Value>; 3]> {
    AT_FORK.lock().unwrap_or_else(|p| p.into_inner())
}

/// `os.register_at_fork(*, before=, after_in_child=, after_in_parent=)`.
fn register_at_fork(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let mut args = args;
    let before = args.take_kw("before");
    let child = args.take_kw("after_in_child");
    let parent = args.take_kw("after_in_parent");
    if !args.is_empty() {
        return Err(type_error("register_at_fork() takes no positional arguments").into());
    }
    args.no_kw_left("register_at_fork")?;
    if before.is_none() && child.is_none() && parent.is_none() {
        return Err(type_error("At least one argument is required.").into());
    }
    for (v, name) in [
        (&before, "before"),
        (&child, "after_in_child"),
        (&parent, "after_in_parent"),
    ] {
        if let Some(v) = v {
            if !crate::modules::builtins::callable_value(cx.gil, v) {
                return Err(type_error(format!(
                    "'{name}' must be callable, not {}",
                    crate::objects::types::type_name(v)
                ))
                .into());
            }
        }
    }
    let mut lists = at_fork();
    for (i, v) in [before, parent, child].into_iter().enumerate() {
        if let Some(v) = v {
            lists[i].push(v);
        }
    }
    Ok(Value::None)
}

/// Call the `which` list of at-fork callables (`before` in the reverse order of
/// registration), each error reported as unraisable (CPython's `run_at_forkers`).
fn run_at_fork(cx: &mut Cx, which: usize) -> PyResult<()> {
    let mut fs = at_fork()[which].clone();
    if which == 0 {
        fs.reverse();
    }
    for f in fs {
        match cx.call(&f, vec![]) {
            Ok(_) => {}
            Err(deferred::Unwind::Raise(e)) => report_unraisable(cx.gil, &e, None, &f),
            Err(other) => return Err(other),
        }
    }
    Ok(())
}

/// `os.fork()`: the child's pid, 0 in the child. Only the calling micro-thread goes
/// on in the child (`mt::fork`).
fn fork(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("posix.fork", 0, 0)?;
    run_at_fork(cx, 0)?;
    let pid = crate::native::driver::fork(cx.gil, raw::fork);
    run_at_fork(cx, if matches!(pid, Ok(0)) { 2 } else { 1 })?;
    let pid = pid.map_err(path::os_err)?;
    Ok(Value::Int(pid as i64))
}

fn exit(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let a = clinic(args, "_exit", &["status"], 1, 1)?;
    let code = c_int(req(&a, 0))?;
    std::process::exit(code)
}

/// A name or value for the environment, as `bytes` (`os.py` encodes them).
fn env_bytes(cx: &mut Cx, v: &Value, what: &'static str) -> PyResult<Vec<u8>> {
    let p = path::path(cx, Some(v), path::Spec::path("putenv").named(what))?;
    Ok(p.os.as_bytes().to_vec())
}

fn putenv(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("posix.putenv", 2, 2)?;
    let k = env_bytes(cx, args.at(0), "name")?;
    let v = env_bytes(cx, args.at(1), "value")?;
    if k.is_empty() || k.contains(&b'=') {
        return Err(value_error("illegal environment variable name").into());
    }
    std::env::set_var(
        std::ffi::OsStr::from_bytes(&k),
        std::ffi::OsStr::from_bytes(&v),
    );
    Ok(Value::None)
}

fn unsetenv(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("posix.unsetenv", 1, 1)?;
    let k = env_bytes(cx, args.at(0), "name")?;
    if k.is_empty() || k.contains(&b'=') {
        return Err(value_error("illegal environment variable name").into());
    }
    std::env::remove_var(std::ffi::OsStr::from_bytes(&k));
    Ok(Value::None)
}
