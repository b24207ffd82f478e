//! `os`'s file-descriptor functions (`open`, `read`, `write`, `lseek`, `fstat`,
//! `close`, `ftruncate`, `isatty`, `set_inheritable`, ...), `os.stat` and the `O_*`
//! and `SEEK_*` constants: what the frozen `_io` (CPython's `_pyio`) builds
//! `FileIO` on.
//!
//! The crate has no `unsafe`, so a descriptor number cannot be turned back into a
//! `File`: `os.open` keeps the `File` it opened in a table by its descriptor number
//! (`into_raw_fd` numbers are the kernel's own, as CPython's), and the other
//! functions find it there. Descriptors 0, 1 and 2 are the process's standard
//! streams; any other descriptor not opened by `os.open` is `EBADF`.

use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::{IsTerminal, Read, Seek, SeekFrom, Write};
use std::os::fd::AsRawFd;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::sync::{Arc, Mutex, OnceLock};

use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::module::Module;
use crate::objects::types::{type_name, PyType};

use super::random::bind::{bind, req};

pub static FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "open" => open, "read" => read, "write" => write, "lseek" => lseek, "close" => close,
    "fstat" => fstat, "stat" => stat, "ftruncate" => ftruncate, "isatty" => isatty,
    "set_inheritable" => set_inheritable, "get_inheritable" => get_inheritable,
    "fspath" => fspath, "device_encoding" => device_encoding,
];

// Linux's values (x86-64 and aarch64 agree on these).
const O_RDONLY: i64 = 0;
const O_WRONLY: i64 = 1;
const O_RDWR: i64 = 2;
const O_ACCMODE: i64 = 3;
const O_CREAT: i64 = 0o100;
const O_EXCL: i64 = 0o200;
const O_NOCTTY: i64 = 0o400;
const O_TRUNC: i64 = 0o1000;
const O_APPEND: i64 = 0o2000;
const O_NONBLOCK: i64 = 0o4000;
const O_CLOEXEC: i64 = 0o2000000;

/// Sets the constants on module `m`.
pub fn add_constants(gil: Gil<'_>, m: &Module) {
    for (n, v) in [
        ("O_RDONLY", O_RDONLY),
        ("O_WRONLY", O_WRONLY),
        ("O_RDWR", O_RDWR),
        ("O_ACCMODE", O_ACCMODE),
        ("O_CREAT", O_CREAT),
        ("O_EXCL", O_EXCL),
        ("O_NOCTTY", O_NOCTTY),
        ("O_TRUNC", O_TRUNC),
        ("O_APPEND", O_APPEND),
        ("O_NONBLOCK", O_NONBLOCK),
        ("O_CLOEXEC", O_CLOEXEC),
        ("SEEK_SET", 0),
        ("SEEK_CUR", 1),
        ("SEEK_END", 2),
        ("F_OK", 0),
        ("R_OK", 4),
        ("W_OK", 2),
        ("X_OK", 1),
    ] {
        m.set(gil, n, Value::Int(v));
    }
    m.set(gil, "stat_result", Value::Type(stat_type(gil).clone()));
}

fn table() -> &'static Mutex<HashMap<i64, Arc<File>>> {
    static T: OnceLock<Mutex<HashMap<i64, Arc<File>>>> = OnceLock::new();
    T.get_or_init(|| Mutex::new(HashMap::new()))
}

fn ebadf() -> PyErr {
    crate::objects::os_error::from_io(&std::io::Error::from_raw_os_error(9), None)
}

fn io_err(e: std::io::Error) -> PyErr {
    crate::objects::os_error::from_io(&e, None)
}

fn fd_arg(v: &Value) -> Result<i64, PyErr> {
    match v {
        Value::Int(_) | Value::Bool(_) => arg_int(v, ""),
        _ => Err(type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            type_name(v)
        ))),
    }
}

fn file_of(fd: i64) -> Result<Arc<File>, PyErr> {
    let t = table().lock().unwrap_or_else(|p| p.into_inner());
    t.get(&fd).cloned().ok_or_else(ebadf)
}

/// A path argument: `str`, or an object with `__fspath__` returning one.
fn path_of(cx: &mut Cx, v: &Value, fname: &str) -> PyResult<String> {
    // A str subclass's instance carries its text as its payload.
    if let Some(s) = crate::objects::class::payload(v).unwrap_or(v).as_str() {
        return Ok(s.to_owned());
    }
    if let Some(m) = fspath_method(cx, v) {
        let r = cx.call(&m, vec![])?;
        if let Some(s) = crate::objects::class::payload(&r).unwrap_or(&r).as_str() {
            return Ok(s.to_owned());
        }
    }
    // The functions that also take a file descriptor say so.
    let kinds = match fname {
        "stat" | "listdir" | "chdir" | "chmod" | "utime" | "truncate" | "scandir" => {
            "string, bytes, os.PathLike or integer"
        }
        _ => "string, bytes or os.PathLike",
    };
    Err(type_error(format!(
        "{fname}: path should be {kinds}, not {}",
        type_name(v)
    ))
    .into())
}

/// The bound `__fspath__` of an instance of a class that defines one.
fn fspath_method(cx: &mut Cx, v: &Value) -> Option<Value> {
    match v {
        Value::Instance(_) => cx.getattr(v, "__fspath__").ok(),
        _ => None,
    }
}

/// `os.fspath(path)`.
fn fspath(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("fspath", 1, 1)?;
    let v = args.at(0);
    // str and bytes, and their subclasses' instances, come back unchanged.
    if matches!(
        crate::objects::class::payload(v).unwrap_or(v),
        Value::Str(_) | Value::Bytes(_)
    ) {
        return Ok(v.clone());
    }
    if let Some(m) = fspath_method(cx, v) {
        let r = cx.call(&m, vec![])?;
        if matches!(r, Value::Str(_) | Value::Bytes(_)) || r.as_str().is_some() {
            return Ok(r);
        }
        return Err(type_error(format!(
            "expected {}.__fspath__() to return str or bytes, not {}",
            type_name(v),
            type_name(&r)
        ))
        .into());
    }
    Err(type_error(format!(
        "expected str, bytes or os.PathLike object, not {}",
        type_name(v)
    ))
    .into())
}

/// `os.open(path, flags, mode=0o777)`.
fn open(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let p = bind(args, "open", &["path", "flags", "mode", "dir_fd"], 2, false)?;
    let path = path_of(cx, req(&p, 0), "open")?;
    let flags = arg_int(req(&p, 1), "")?;
    let mode = match &p[2] {
        Some(v) => arg_int(v, "")?,
        None => 0o777,
    };
    let mut o = OpenOptions::new();
    match flags & O_ACCMODE {
        O_WRONLY => o.write(true),
        O_RDWR => o.read(true).write(true),
        _ => o.read(true),
    };
    if flags & O_APPEND != 0 {
        o.append(true);
    }
    if flags & O_CREAT != 0 {
        if flags & O_EXCL != 0 {
            o.create_new(true);
        } else {
            o.create(true);
        }
    }
    if flags & O_TRUNC != 0 {
        o.truncate(true);
    }
    let rest = flags & !(O_ACCMODE | O_APPEND | O_CREAT | O_EXCL | O_TRUNC | O_CLOEXEC);
    o.custom_flags(rest as i32).mode(mode as u32);
    let f = o
        .open(&path)
        .map_err(|e| crate::objects::os_error::from_io(&e, Some(&path)))?;
    let fd = f.as_raw_fd() as i64;
    table()
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .insert(fd, Arc::new(f));
    Ok(Value::Int(fd))
}

fn read(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("read", 2, 2)?;
    let fd = fd_arg(args.at(0))?;
    let n = arg_int(args.at(1), "")?;
    if n < 0 {
        return Err(crate::objects::os_error::from_io(
            &std::io::Error::from_raw_os_error(22),
            None,
        )
        .into());
    }
    let mut buf = vec![0u8; n as usize];
    let got = if fd == 0 {
        std::io::stdin().lock().read(&mut buf)
    } else {
        let f = file_of(fd)?;
        (&*f).read(&mut buf)
    }
    .map_err(io_err)?;
    buf.truncate(got);
    Ok(Value::Bytes(Arc::new(buf)))
}

fn write(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("write", 2, 2)?;
    let fd = fd_arg(args.at(0))?;
    let data = bytes_arg(cx.gil, args.at(1))?;
    let n = match fd {
        1 => {
            let mut o = std::io::stdout().lock();
            o.write(&data).and_then(|n| o.flush().map(|_| n))
        }
        2 => std::io::stderr().lock().write(&data),
        _ => {
            let f = file_of(fd)?;
            (&*f).write(&data)
        }
    }
    .map_err(io_err)?;
    Ok(Value::Int(n as i64))
}

fn lseek(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("lseek", 3, 3)?;
    let fd = fd_arg(args.at(0))?;
    let pos = arg_int(args.at(1), "")?;
    let how = arg_int(args.at(2), "")?;
    let to = match how {
        0 if pos >= 0 => SeekFrom::Start(pos as u64),
        1 => SeekFrom::Current(pos),
        2 => SeekFrom::End(pos),
        _ => {
            return Err(crate::objects::os_error::from_io(
                &std::io::Error::from_raw_os_error(22),
                None,
            )
            .into())
        }
    };
    if fd <= 2
        && !table()
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .contains_key(&fd)
    {
        // A terminal or pipe: ESPIPE, as lseek on one.
        return Err(crate::objects::os_error::from_io(
            &std::io::Error::from_raw_os_error(29),
            None,
        )
        .into());
    }
    let f = file_of(fd)?;
    let at = (&*f).seek(to).map_err(io_err)?;
    Ok(Value::Int(at as i64))
}

fn close(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("close", 1, 1)?;
    let fd = fd_arg(args.at(0))?;
    let f = table()
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .remove(&fd);
    match f {
        // Dropping the last reference closes the descriptor.
        Some(_) => Ok(Value::None),
        None => Err(ebadf().into()),
    }
}

fn ftruncate(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("ftruncate", 2, 2)?;
    let fd = fd_arg(args.at(0))?;
    let n = arg_int(args.at(1), "")?;
    let f = file_of(fd)?;
    if n < 0 {
        return Err(crate::objects::os_error::from_io(
            &std::io::Error::from_raw_os_error(22),
            None,
        )
        .into());
    }
    f.set_len(n as u64).map_err(io_err)?;
    Ok(Value::None)
}

fn isatty(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("isatty", 1, 1)?;
    let fd = fd_arg(args.at(0))?;
    Ok(Value::Bool(match fd {
        0 => std::io::stdin().is_terminal(),
        1 => std::io::stdout().is_terminal(),
        2 => std::io::stderr().is_terminal(),
        _ => match file_of(fd) {
            Ok(f) => f.is_terminal(),
            Err(_) => false,
        },
    }))
}

/// Descriptors `os.open` makes are close-on-exec (Rust opens with `O_CLOEXEC`, as
/// CPython's `os.open` does since PEP 446); there is no `exec` to pass one to, so
/// this only checks the descriptor.
fn set_inheritable(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("set_inheritable", 2, 2)?;
    let fd = fd_arg(args.at(0))?;
    if fd > 2 {
        file_of(fd)?;
    }
    Ok(Value::None)
}

fn get_inheritable(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("get_inheritable", 1, 1)?;
    let fd = fd_arg(args.at(0))?;
    if fd > 2 {
        file_of(fd)?;
    }
    Ok(Value::Bool(fd <= 2))
}

/// `os.device_encoding(fd)`: `None` unless the descriptor is a terminal (pyvm's
/// locale is UTF-8).
fn device_encoding(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("device_encoding", 1, 1)?;
    let fd = fd_arg(args.at(0))?;
    let tty = match fd {
        0 => std::io::stdin().is_terminal(),
        1 => std::io::stdout().is_terminal(),
        2 => std::io::stderr().is_terminal(),
        _ => file_of(fd).map(|f| f.is_terminal()).unwrap_or(false),
    };
    Ok(if tty {
        Value::str("UTF-8")
    } else {
        Value::None
    })
}

const STAT_FIELDS: &[&str] = &[
    "st_mode", "st_ino", "st_dev", "st_nlink", "st_uid", "st_gid", "st_size", "st_atime",
    "st_mtime", "st_ctime",
];

fn stat_type(gil: Gil<'_>) -> &'static Arc<PyType> {
    static T: OnceLock<Arc<PyType>> = OnceLock::new();
    T.get_or_init(|| super::structseq::new_type(gil, "os", "stat_result", STAT_FIELDS))
}

/// An `os.stat_result` for these metadata: the ten sequence fields (times as whole
/// seconds, as CPython's tuple items) and `st_blksize`, `st_blocks`, `st_rdev`,
/// float `st_*time` and `st_*time_ns` as attributes.
fn stat_result(gil: Gil<'_>, m: &std::fs::Metadata) -> Value {
    let items = vec![
        Value::Int(m.mode() as i64),
        Value::Int(m.ino() as i64),
        Value::Int(m.dev() as i64),
        Value::Int(m.nlink() as i64),
        Value::Int(m.uid() as i64),
        Value::Int(m.gid() as i64),
        Value::Int(m.size() as i64),
        Value::Int(m.atime()),
        Value::Int(m.mtime()),
        Value::Int(m.ctime()),
    ];
    let v = super::structseq::make(gil, stat_type(gil), items);
    if let Value::Instance(i) = &v {
        let mut d = i.dict.borrow_mut(gil);
        let t = |s: i64, ns: i64| Value::Float(s as f64 + ns as f64 * 1e-9);
        let ns = |s: i64, ns: i64| Value::Int(s * 1_000_000_000 + ns);
        for (k, val) in [
            ("st_blksize", Value::Int(m.blksize() as i64)),
            ("st_blocks", Value::Int(m.blocks() as i64)),
            ("st_rdev", Value::Int(m.rdev() as i64)),
            ("st_atime", t(m.atime(), m.atime_nsec())),
            ("st_mtime", t(m.mtime(), m.mtime_nsec())),
            ("st_ctime", t(m.ctime(), m.ctime_nsec())),
            ("st_atime_ns", ns(m.atime(), m.atime_nsec())),
            ("st_mtime_ns", ns(m.mtime(), m.mtime_nsec())),
            ("st_ctime_ns", ns(m.ctime(), m.ctime_nsec())),
        ] {
            let _ = d.insert(Value::str(k), val);
        }
    }
    v
}

fn fstat(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("fstat", 1, 1)?;
    let fd = fd_arg(args.at(0))?;
    let m = match fd {
        0 => std::fs::metadata("/dev/stdin"),
        1 => std::fs::metadata("/dev/stdout"),
        2 => std::fs::metadata("/dev/stderr"),
        _ => file_of(fd)?.metadata(),
    }
    .map_err(io_err)?;
    Ok(stat_result(cx.gil, &m))
}

/// `os.stat(path, *, dir_fd=None, follow_symlinks=True)`.
fn stat(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let p = bind(
        args,
        "stat",
        &["path", "dir_fd", "follow_symlinks"],
        1,
        false,
    )?;
    let v = req(&p, 0).clone();
    if let Value::Int(fd) = v {
        let m = file_of(fd)?.metadata().map_err(io_err)?;
        return Ok(stat_result(cx.gil, &m));
    }
    let path = path_of(cx, &v, "stat")?;
    let follow = match &p[2] {
        Some(v) => cx.truthy(v)?,
        None => true,
    };
    let m = if follow {
        std::fs::metadata(&path)
    } else {
        std::fs::symlink_metadata(&path)
    }
    .map_err(|e| crate::objects::os_error::from_io(&e, Some(&path)))?;
    Ok(stat_result(cx.gil, &m))
}
