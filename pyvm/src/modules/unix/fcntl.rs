//! `fcntl`: `fcntl`, `ioctl`, `flock` and `lockf` on descriptors (or objects with a
//! `fileno()`), with CPython's argument handling (an int, or bytes copied into a
//! buffer of at most 1024 bytes and returned) and messages.

use crate::objects::rc::Arc;
use std::sync::OnceLock;

use super::raw;
use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::module::Module;
use crate::objects::types::type_name;

static MODULE: OnceLock<Arc<Module>> = OnceLock::new();

static FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "fcntl" => fcntl, "ioctl" => ioctl, "flock" => flock, "lockf" => lockf,
];

/// The constants, as the C library defines them.
const CONSTANTS: &[(&str, i64)] = &[
    // `<linux/fcntl.h>`'s directory notifications (the `libc` crate lacks them; the
    // same values on every Linux architecture).
    ("DN_ACCESS", 0x1),
    ("DN_ATTRIB", 0x20),
    ("DN_CREATE", 0x4),
    ("DN_DELETE", 0x8),
    ("DN_MODIFY", 0x2),
    ("DN_MULTISHOT", 0x8000_0000),
    ("DN_RENAME", 0x10),
    ("FASYNC", libc::O_ASYNC as i64),
    // glibc's 64-bit-offset lock commands (the plain ones on 64-bit machines) and
    // `<asm-generic/fcntl.h>`'s obsolete lock flags and signal commands, also missing
    // there.
    ("F_GETLK64", libc::F_GETLK as i64),
    ("F_SETLK64", libc::F_SETLK as i64),
    ("F_SETLKW64", libc::F_SETLKW as i64),
    ("LOCK_MAND", 32),
    ("LOCK_READ", 64),
    ("LOCK_WRITE", 128),
    ("LOCK_RW", 192),
    ("F_EXLCK", 4),
    ("F_SHLCK", 8),
    ("F_SETSIG", 10),
    ("F_GETSIG", 11),
    ("FD_CLOEXEC", libc::FD_CLOEXEC as i64),
    ("F_ADD_SEALS", libc::F_ADD_SEALS as i64),
    ("F_DUPFD", libc::F_DUPFD as i64),
    ("F_DUPFD_CLOEXEC", libc::F_DUPFD_CLOEXEC as i64),
    ("F_GETFD", libc::F_GETFD as i64),
    ("F_GETFL", libc::F_GETFL as i64),
    ("F_GETLEASE", libc::F_GETLEASE as i64),
    ("F_GETLK", libc::F_GETLK as i64),
    ("F_GETOWN", libc::F_GETOWN as i64),
    ("F_GETPIPE_SZ", libc::F_GETPIPE_SZ as i64),
    ("F_GET_SEALS", libc::F_GET_SEALS as i64),
    ("F_NOTIFY", libc::F_NOTIFY as i64),
    ("F_OFD_GETLK", libc::F_OFD_GETLK as i64),
    ("F_OFD_SETLK", libc::F_OFD_SETLK as i64),
    ("F_OFD_SETLKW", libc::F_OFD_SETLKW as i64),
    ("F_RDLCK", libc::F_RDLCK as i64),
    ("F_SEAL_GROW", libc::F_SEAL_GROW as i64),
    ("F_SEAL_SEAL", libc::F_SEAL_SEAL as i64),
    ("F_SEAL_SHRINK", libc::F_SEAL_SHRINK as i64),
    ("F_SEAL_WRITE", libc::F_SEAL_WRITE as i64),
    ("F_SETFD", libc::F_SETFD as i64),
    ("F_SETFL", libc::F_SETFL as i64),
    ("F_SETLEASE", libc::F_SETLEASE as i64),
    ("F_SETLK", libc::F_SETLK as i64),
    ("F_SETLKW", libc::F_SETLKW as i64),
    ("F_SETOWN", libc::F_SETOWN as i64),
    ("F_SETPIPE_SZ", libc::F_SETPIPE_SZ as i64),
    ("F_UNLCK", libc::F_UNLCK as i64),
    ("F_WRLCK", libc::F_WRLCK as i64),
    ("LOCK_EX", libc::LOCK_EX as i64),
    ("LOCK_NB", libc::LOCK_NB as i64),
    ("LOCK_SH", libc::LOCK_SH as i64),
    ("LOCK_UN", libc::LOCK_UN as i64),
];

/// The `fcntl` module (one per process).
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    MODULE.get_or_init(|| {
        let m = Module::with_functions(gil, "fcntl", FUNCS);
        for (name, v) in CONSTANTS {
            m.set(gil, name, Value::Int(*v));
        }
        Arc::new(m)
    })
}

/// `PyObject_AsFileDescriptor`: an int, or what `fileno()` returns.
pub fn fd_arg(cx: &mut Cx, v: &Value) -> PyResult<i32> {
    let n = match crate::objects::class::unwrap_number(v) {
        n @ (Value::Int(_) | Value::Bool(_)) => arg_int(&n, "")?,
        _ => {
            let fileno = match cx.getattr(v, "fileno") {
                Ok(f) => f,
                Err(_) => {
                    return Err(
                        type_error("argument must be an int, or have a fileno() method.").into(),
                    )
                }
            };
            let r = cx.call(&fileno, vec![])?;
            match r {
                Value::Int(n) => n,
                other => {
                    return Err(type_error(format!(
                        "fileno() returned a non-integer ({})",
                        type_name(&other)
                    ))
                    .into())
                }
            }
        }
    };
    if n < 0 {
        return Err(value_error(format!(
            "file descriptor cannot be a negative integer ({n})"
        ))
        .into());
    }
    i32::try_from(n).map_err(|_| overflow_error("fd is greater than maximum").into())
}

fn os_error(e: std::io::Error) -> PyErr {
    crate::objects::os_error::from_io(&e, None)
}

/// Arity check for `fcntl(fd, cmd, arg=0, /)` and friends.
fn arity(args: &Args, name: &str, min: usize, max: usize) -> Result<(), PyErr> {
    args.check(&format!("fcntl.{name}"), min, max)
}

/// A C `int` argument.
fn int_arg(v: &Value) -> Result<i64, PyErr> {
    match crate::objects::class::unwrap_number(v) {
        Value::Big(_) => Err(overflow_error("Python int too large to convert to C long")),
        n => arg_int(&n, ""),
    }
}

/// The bytes of a `str` or bytes-like argument (`None`: it is an int).
fn buffer_arg(cx: &mut Cx, v: &Value) -> Option<Vec<u8>> {
    match v {
        Value::Str(s) => Some(s.as_str().as_bytes().to_vec()),
        Value::Int(_) | Value::Bool(_) | Value::Big(_) => None,
        _ => bytes_arg(cx.gil, v).ok(),
    }
}

fn fcntl(cx: &mut Cx, args: Args) -> PyResult<Value> {
    arity(&args, "fcntl", 2, 3)?;
    let fd = fd_arg(cx, &args.pos[0])?;
    let cmd = int_arg(&args.pos[1])? as i32;
    let arg = args.pos.get(2).cloned().unwrap_or(Value::Int(0));
    if let Some(mut buf) = buffer_arg(cx, &arg) {
        if buf.len() > 1024 {
            return Err(value_error("fcntl string arg too long").into());
        }
        raw::fcntl_buf(fd, cmd, &mut buf, false).map_err(os_error)?;
        return Ok(Value::Bytes(Arc::new(buf)));
    }
    let n = int_arg(&arg)?;
    Ok(Value::Int(
        raw::fcntl_int(fd, cmd, n as libc::c_long).map_err(os_error)? as i64,
    ))
}

fn ioctl(cx: &mut Cx, args: Args) -> PyResult<Value> {
    arity(&args, "ioctl", 2, 4)?;
    let fd = fd_arg(cx, &args.pos[0])?;
    let request = match crate::objects::class::unwrap_number(&args.pos[1]) {
        Value::Int(n) => n as u64,
        Value::Big(b) => num_traits::ToPrimitive::to_u64(&*b)
            .ok_or_else(|| overflow_error("Python int too large to convert to C unsigned long"))?,
        v => arg_int(&v, "")? as u64,
    };
    let arg = args.pos.get(2).cloned().unwrap_or(Value::Int(0));
    let mutate = match args.pos.get(3) {
        Some(v) => cx.truthy(v)?,
        None => true,
    };
    // A bytearray (a writable buffer) is written back when `mutate_flag` is true.
    if let (Value::ByteArray(b), true) = (&arg, mutate) {
        let mut buf = b.borrow(cx.gil).clone();
        let r = raw::fcntl_buf(fd, request as i32, &mut buf, true).map_err(os_error)?;
        *b.borrow_mut(cx.gil) = buf;
        return Ok(Value::Int(r as i64));
    }
    if let Some(mut buf) = buffer_arg(cx, &arg) {
        if buf.len() > 1024 {
            return Err(value_error("ioctl string arg too long").into());
        }
        raw::fcntl_buf(fd, request as i32, &mut buf, true).map_err(os_error)?;
        return Ok(Value::Bytes(Arc::new(buf)));
    }
    let n = int_arg(&arg)?;
    Ok(Value::Int(
        raw::ioctl_int(fd, request, n as libc::c_long).map_err(os_error)? as i64,
    ))
}

fn flock(cx: &mut Cx, args: Args) -> PyResult<Value> {
    arity(&args, "flock", 2, 2)?;
    let fd = fd_arg(cx, &args.pos[0])?;
    let op = int_arg(&args.pos[1])? as i32;
    raw::flock(fd, op).map_err(os_error)?;
    Ok(Value::None)
}

/// `lockf(fd, cmd, len=0, start=0, whence=0)`: a POSIX record lock.
fn lockf(cx: &mut Cx, args: Args) -> PyResult<Value> {
    arity(&args, "lockf", 2, 5)?;
    let fd = fd_arg(cx, &args.pos[0])?;
    let code = int_arg(&args.pos[1])? as i32;
    let num = |i: usize| args.pos.get(i).map_or(Ok(0), int_arg);
    let (len, start, whence) = (num(2)?, num(3)?, num(4)?);
    let l_type = if code == libc::LOCK_UN {
        libc::F_UNLCK
    } else if code & libc::LOCK_SH != 0 {
        libc::F_RDLCK
    } else if code & libc::LOCK_EX != 0 {
        libc::F_WRLCK
    } else {
        return Err(value_error("unrecognized lockf argument").into());
    };
    let cmd = if code & libc::LOCK_NB != 0 {
        libc::F_SETLK
    } else {
        libc::F_SETLKW
    };
    raw::lock(fd, cmd, l_type as i16, start, len, whence as i16).map_err(os_error)?;
    Ok(Value::None)
}
