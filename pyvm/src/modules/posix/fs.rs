//! The file-system functions that take paths: `mkdir`, `rmdir`, `unlink`/`remove`,
//! `rename`/`replace`, `symlink`, `readlink`, `link`, `utime`, `chmod`, `access`,
//! `truncate`, `getcwd`/`getcwdb` and `chdir`.

use std::os::unix::ffi::OsStrExt;

use rustix::fs::{Access, Mode, Timespec, Timestamps};

use super::path::{self, PathArg, Spec, Target};
use super::stat::{flag, no_dir_fd};
use crate::native::*;
use crate::objects::types::type_name;

use crate::modules::random::bind::req;

/// The path of a one-path call with `dir_fd` (`name(path, *, dir_fd=None)`), and
/// the error for a failure on it.
fn one(cx: &mut Cx, args: Args, name: &'static str) -> PyResult<PathArg> {
    let a = clinic(args, name, &["path", "dir_fd"], 1, 1)?;
    no_dir_fd(a[1].as_ref())?;
    path::path(cx, a[0].as_ref(), Spec::path(name))
}

fn done(r: rustix::io::Result<()>, p: &PathArg) -> PyResult<Value> {
    r.map_err(|e| path::error(&path::rx(e), p))?;
    Ok(Value::None)
}

pub fn unlink(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let p = one(cx, args, "unlink")?;
    done(rustix::fs::unlink(&p.os), &p)
}

pub fn remove(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let p = one(cx, args, "remove")?;
    done(rustix::fs::unlink(&p.os), &p)
}

pub fn rmdir(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let p = one(cx, args, "rmdir")?;
    done(rustix::fs::rmdir(&p.os), &p)
}

fn mode_arg(v: Option<&Value>, default: u32) -> Result<Mode, PyErr> {
    let m = match v {
        None => default as i64,
        Some(v) => arg_int(v, "")?,
    };
    Ok(Mode::from_raw_mode(m as u32))
}

/// `os.mkdir(path, mode=0o777, *, dir_fd=None)`.
pub fn mkdir(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let a = clinic(args, "mkdir", &["path", "mode", "dir_fd"], 1, 2)?;
    no_dir_fd(a[2].as_ref())?;
    let p = path::path(cx, a[0].as_ref(), Spec::path("mkdir"))?;
    let mode = mode_arg(a[1].as_ref(), 0o777)?;
    done(rustix::fs::mkdir(&p.os, mode), &p)
}

/// The two paths of `rename`-like calls (`src`, `dst`, `*`, two `dir_fd`s), and
/// their error names both (`'a' -> 'b'`).
fn two(
    cx: &mut Cx,
    a: Vec<Option<Value>>,
    name: &'static str,
    f: impl FnOnce(&PathArg, &PathArg) -> rustix::io::Result<()>,
) -> PyResult<Value> {
    no_dir_fd(a[2].as_ref())?;
    no_dir_fd(a[3].as_ref())?;
    let src = path::path(cx, a[0].as_ref(), Spec::path(name).named("src"))?;
    let dst = path::path(cx, a[1].as_ref(), Spec::path(name).named("dst"))?;
    if src.bytes != dst.bytes {
        return Err(type_error(format!("{name}: src and dst must be the same type")).into());
    }
    f(&src, &dst).map_err(|e| path::error_with(&path::rx(e), Some(&src.obj), Some(&dst.obj)))?;
    Ok(Value::None)
}

const TWO: [&str; 4] = ["src", "dst", "src_dir_fd", "dst_dir_fd"];

pub fn rename(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let a = clinic(args, "rename", &TWO, 2, 2)?;
    two(cx, a, "rename", |a, b| rustix::fs::rename(&a.os, &b.os))
}

pub fn replace(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let a = clinic(args, "replace", &TWO, 2, 2)?;
    two(cx, a, "replace", |a, b| rustix::fs::rename(&a.os, &b.os))
}

/// `os.link(src, dst, *, src_dir_fd=None, dst_dir_fd=None, follow_symlinks=True)`.
pub fn link(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let params = ["src", "dst", "src_dir_fd", "dst_dir_fd", "follow_symlinks"];
    let a = clinic(args, "link", &params, 2, 2)?;
    let follow = flag(cx, a[4].as_ref(), true)?;
    two(cx, a, "link", |a, b| {
        let flags = if follow {
            rustix::fs::AtFlags::SYMLINK_FOLLOW
        } else {
            rustix::fs::AtFlags::empty()
        };
        rustix::fs::linkat(rustix::fs::CWD, &a.os, rustix::fs::CWD, &b.os, flags)
    })
}

/// `os.symlink(src, dst, target_is_directory=False, *, dir_fd=None)`.
pub fn symlink(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let params = ["src", "dst", "target_is_directory", "dir_fd"];
    let a = clinic(args, "symlink", &params, 2, 3)?;
    no_dir_fd(a[3].as_ref())?;
    let src = path::path(cx, a[0].as_ref(), Spec::path("symlink").named("src"))?;
    let dst = path::path(cx, a[1].as_ref(), Spec::path("symlink").named("dst"))?;
    rustix::fs::symlink(&src.os, &dst.os)
        .map_err(|e| path::error_with(&path::rx(e), Some(&src.obj), Some(&dst.obj)))?;
    Ok(Value::None)
}

/// `os.readlink(path, *, dir_fd=None)`.
pub fn readlink(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let p = one(cx, args, "readlink")?;
    let target =
        rustix::fs::readlink(&p.os, Vec::new()).map_err(|e| path::error(&path::rx(e), &p))?;
    let target = std::ffi::OsStr::from_bytes(target.as_bytes());
    Ok(path::name_value(target, p.bytes))
}

/// `os.chmod(path, mode, *, dir_fd=None, follow_symlinks=True)`.
pub fn chmod(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let params = ["path", "mode", "dir_fd", "follow_symlinks"];
    let a = clinic(args, "chmod", &params, 2, 2)?;
    no_dir_fd(a[2].as_ref())?;
    let t = path::convert(cx, a[0].as_ref(), Spec::path("chmod").with_fd())?;
    let mode = mode_arg(a[1].as_ref(), 0)?;
    if !flag(cx, a[3].as_ref(), true)? {
        return Err(PyErr::new(
            &crate::objects::types::types().exc.not_implemented_error,
            vec![Value::str(
                "chmod: follow_symlinks unavailable on this platform",
            )],
        )
        .into());
    }
    let r = match &t {
        Target::Path(p) => rustix::fs::chmod(&p.os, mode).map_err(path::rx),
        Target::Fd(fd) => {
            super::raw::with_fd(*fd, |b| rustix::fs::fchmod(b, mode).map_err(path::rx))
        }
        Target::Default => Ok(()),
    };
    r.map_err(|e| path::target_error(&e, &t))?;
    Ok(Value::None)
}

/// `os.access(path, mode, *, dir_fd=None, effective_ids=False,
/// follow_symlinks=True)`: whether the access is allowed (never raises for it).
pub fn access(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let params = ["path", "mode", "dir_fd", "effective_ids", "follow_symlinks"];
    let a = clinic(args, "access", &params, 2, 2)?;
    no_dir_fd(a[2].as_ref())?;
    let p = path::path(cx, a[0].as_ref(), Spec::path("access"))?;
    let mode = arg_int(req(&a, 1), "")?;
    let mut flags = rustix::fs::AtFlags::empty();
    if flag(cx, a[3].as_ref(), false)? {
        flags |= rustix::fs::AtFlags::EACCESS;
    }
    if !flag(cx, a[4].as_ref(), true)? {
        flags |= rustix::fs::AtFlags::SYMLINK_NOFOLLOW;
    }
    let access = Access::from_bits_truncate(mode as u32);
    Ok(Value::bool(
        rustix::fs::accessat(rustix::fs::CWD, &p.os, access, flags).is_ok(),
    ))
}

/// A `(seconds, nanoseconds)` timestamp from a number of seconds (`int` or
/// `float`, rounded toward minus infinity as CPython's `_PyTime_ROUND_FLOOR`).
fn timespec_of_seconds(v: &Value) -> Result<Timespec, PyErr> {
    match crate::objects::class::unwrap_number(v) {
        Value::Float(f) => {
            let f = f.get();
            if !f.is_finite() {
                return Err(value_error("Invalid value NaN (not a number)"));
            }
            let s = f.floor();
            let ns = ((f - s) * 1e9).floor();
            Ok(Timespec {
                tv_sec: s as i64,
                tv_nsec: ns as _,
            })
        }
        n @ (Value::Int(_) | Value::Bool(_)) => Ok(Timespec {
            tv_sec: arg_int(&n, "")?,
            tv_nsec: 0,
        }),
        other => Err(type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            type_name(&other)
        ))),
    }
}

/// Two items of a `times` or `ns` tuple, or `None`.
fn pair(v: &Value) -> Option<(Value, Value)> {
    match v {
        Value::Tuple(t) if t.len() == 2 => Some((t[0].clone(), t[1].clone())),
        _ => None,
    }
}

/// `os.utime(path, times=None, *, ns=None, dir_fd=None, follow_symlinks=True)`.
pub fn utime(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let params = ["path", "times", "ns", "dir_fd", "follow_symlinks"];
    let a = clinic(args, "utime", &params, 1, 2)?;
    no_dir_fd(a[3].as_ref())?;
    let t = path::convert(cx, a[0].as_ref(), Spec::path("utime").with_fd())?;
    let times = a[1].as_ref().filter(|v| !matches!(v, Value::None));
    let ns = a[2].as_ref();
    let now = Timespec {
        tv_sec: 0,
        tv_nsec: rustix::fs::UTIME_NOW as _,
    };
    let stamps = match (times, ns) {
        (Some(_), Some(_)) => {
            return Err(
                value_error("utime: you may specify either 'times' or 'ns' but not both").into(),
            )
        }
        (Some(tv), None) => {
            let (x, y) = pair(tv).ok_or_else(|| {
                type_error("utime: 'times' must be either a tuple of two ints or None")
            })?;
            Timestamps {
                last_access: timespec_of_seconds(&x)?,
                last_modification: timespec_of_seconds(&y)?,
            }
        }
        (None, Some(nv)) => {
            let (x, y) =
                pair(nv).ok_or_else(|| type_error("utime: 'ns' must be a tuple of two ints"))?;
            let split = |v: &Value| -> Result<Timespec, PyErr> {
                let n = arg_int(v, "")?;
                Ok(Timespec {
                    tv_sec: n.div_euclid(1_000_000_000),
                    tv_nsec: n.rem_euclid(1_000_000_000) as _,
                })
            };
            Timestamps {
                last_access: split(&x)?,
                last_modification: split(&y)?,
            }
        }
        (None, None) => Timestamps {
            last_access: now,
            last_modification: now,
        },
    };
    let flags = if flag(cx, a[4].as_ref(), true)? {
        rustix::fs::AtFlags::empty()
    } else {
        rustix::fs::AtFlags::SYMLINK_NOFOLLOW
    };
    let r = match &t {
        Target::Path(p) => {
            rustix::fs::utimensat(rustix::fs::CWD, &p.os, &stamps, flags).map_err(path::rx)
        }
        Target::Fd(fd) => {
            super::raw::with_fd(*fd, |b| rustix::fs::futimens(b, &stamps).map_err(path::rx))
        }
        Target::Default => Ok(()),
    };
    // CPython names no file in utime's error.
    r.map_err(path::os_err)?;
    Ok(Value::None)
}

/// `os.truncate(path, length)`.
pub fn truncate(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let a = clinic(args, "truncate", &["path", "length"], 2, 2)?;
    let t = path::convert(cx, a[0].as_ref(), Spec::path("truncate").with_fd())?;
    let n = arg_int(req(&a, 1), "")?;
    let r = match &t {
        Target::Fd(fd) => super::raw::with_fd(*fd, |b| {
            rustix::fs::ftruncate(b, n as u64).map_err(path::rx)
        }),
        Target::Path(p) => std::fs::OpenOptions::new()
            .write(true)
            .open(&p.os)
            .and_then(|f| f.set_len(n as u64)),
        Target::Default => Ok(()),
    };
    r.map_err(|e| path::target_error(&e, &t))?;
    Ok(Value::None)
}

fn cwd_bytes() -> Result<Vec<u8>, PyErr> {
    rustix::process::getcwd(Vec::new())
        .map(|c| c.into_bytes())
        .map_err(|e| path::os_err(path::rx(e)))
}

pub fn getcwd(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("posix.getcwd", 0, 0)?;
    let b = cwd_bytes()?;
    Ok(path::name_value(std::ffi::OsStr::from_bytes(&b), false))
}

pub fn getcwdb(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("posix.getcwdb", 0, 0)?;
    let b = cwd_bytes()?;
    Ok(path::name_value(std::ffi::OsStr::from_bytes(&b), true))
}

/// `os.chdir(path)`.
pub fn chdir(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let a = clinic(args, "chdir", &["path"], 1, 1)?;
    let t = path::convert(cx, a[0].as_ref(), Spec::path("chdir").with_fd())?;
    let r = match &t {
        Target::Path(p) => rustix::process::chdir(&p.os).map_err(path::rx),
        Target::Fd(fd) => {
            super::raw::with_fd(*fd, |b| rustix::process::fchdir(b).map_err(path::rx))
        }
        Target::Default => Ok(()),
    };
    r.map_err(|e| path::target_error(&e, &t))?;
    Ok(Value::None)
}
