//! `stat`, `lstat`, `fstat` and their `os.stat_result`; `scandir` with its
//! `ScandirIterator` (a context manager) and `DirEntry` (type from the directory
//! entry, `stat` cached, `inode`).

use crate::objects::rc::Arc;
use std::os::unix::fs::DirEntryExt;
use std::sync::OnceLock;

use rustix::fs::Stat;

use super::path::{self, PathArg, Spec, Target};
use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::{Gil, GilCell};
use crate::objects::object::{NativeObject, Object};
use crate::objects::types::PyType;

use crate::modules::random::bind::req;

const STAT_FIELDS: &[&str] = &[
    "st_mode", "st_ino", "st_dev", "st_nlink", "st_uid", "st_gid", "st_size", "st_atime",
    "st_mtime", "st_ctime",
];

pub fn stat_type(gil: Gil<'_>) -> &'static Arc<PyType> {
    static T: OnceLock<Arc<PyType>> = OnceLock::new();
    T.get_or_init(|| crate::modules::structseq::new_type(gil, "os", "stat_result", STAT_FIELDS))
}

/// The attribute names of an `os.stat_result`: the ten sequence fields, then
/// `st_blksize`, `st_blocks`, `st_rdev`, the float times and the `_ns` times
/// (interned once: `os.stat` is hot in tree walks).
fn stat_keys() -> &'static [Value] {
    static K: OnceLock<Vec<Value>> = OnceLock::new();
    K.get_or_init(|| {
        let more = [
            "st_blksize",
            "st_blocks",
            "st_rdev",
            "st_atime",
            "st_mtime",
            "st_ctime",
            "st_atime_ns",
            "st_mtime_ns",
            "st_ctime_ns",
        ];
        let all = STAT_FIELDS.iter().chain(more.iter());
        all.map(|k| crate::objects::str::intern(k)).collect()
    })
}

/// An `os.stat_result`: the ten sequence fields (times as whole seconds, as
/// CPython's tuple items) and `st_blksize`, `st_blocks`, `st_rdev`, float `st_*time`
/// and `st_*time_ns` as attributes.
// The field types of `struct stat` differ between architectures: the casts are
// needed on some.
#[allow(clippy::unnecessary_cast)]
pub fn stat_result(gil: Gil<'_>, m: &Stat) -> Value {
    let times = [
        (m.st_atime as i64, m.st_atime_nsec as i64),
        (m.st_mtime as i64, m.st_mtime_nsec as i64),
        (m.st_ctime as i64, m.st_ctime_nsec as i64),
    ];
    let items = [
        Value::Int(m.st_mode as i64),
        uint(m.st_ino as u64),
        uint(m.st_dev as u64),
        Value::Int(m.st_nlink as i64),
        Value::Int(m.st_uid as i64),
        Value::Int(m.st_gid as i64),
        Value::Int(m.st_size as i64),
        Value::Int(times[0].0),
        Value::Int(times[1].0),
        Value::Int(times[2].0),
    ];
    let float = |(s, ns): (i64, i64)| Value::float(s as f64 + ns as f64 * 1e-9);
    let whole =
        |(s, ns): (i64, i64)| Value::Int(s.saturating_mul(1_000_000_000).saturating_add(ns));
    let attrs = [
        Value::Int(m.st_blksize as i64),
        Value::Int(m.st_blocks as i64),
        uint(m.st_rdev as u64),
        float(times[0]),
        float(times[1]),
        float(times[2]),
        whole(times[0]),
        whole(times[1]),
        whole(times[2]),
    ];
    let v =
        crate::objects::class::instance_with(stat_type(gil).clone(), Value::tuple(items.to_vec()));
    if let Value::Instance(i) = &v {
        let mut d = i.dict.borrow_mut(gil);
        // Interned str keys always hash.
        for (k, val) in stat_keys().iter().zip(items.into_iter().chain(attrs)) {
            let _ = d.insert(k.clone(), val);
        }
    }
    v
}

/// `stat` of a path (`follow`: through a final symlink) or a descriptor.
pub fn stat_target(t: &Target, follow: bool) -> std::io::Result<Stat> {
    match t {
        Target::Path(p) if follow => rustix::fs::stat(&p.os),
        Target::Path(p) => rustix::fs::lstat(&p.os),
        Target::Fd(fd) => {
            return super::raw::with_fd(*fd, |b| rustix::fs::fstat(b).map_err(path::rx))
        }
        Target::Default => rustix::fs::stat("."),
    }
    .map_err(path::rx)
}

/// An unsigned number of the OS (an inode, a device) as an `int`.
pub fn uint(u: u64) -> Value {
    match i64::try_from(u) {
        Ok(i) => Value::Int(i),
        Err(_) => Value::big(u.into()),
    }
}

/// The `dir_fd` parameter: only `None` (pyvm's `supports_dir_fd` is empty).
pub fn no_dir_fd(v: Option<&Value>) -> Result<(), PyErr> {
    match v {
        None | Some(Value::None) => Ok(()),
        Some(_) => Err(PyErr::new(
            &crate::objects::types::types().exc.not_implemented_error,
            vec![Value::str("dir_fd unavailable on this platform")],
        )),
    }
}

/// A `follow_symlinks` (or other flag) argument, true when left out.
pub fn flag(cx: &mut Cx, v: Option<&Value>, default: bool) -> PyResult<bool> {
    match v {
        None => Ok(default),
        Some(v) => cx.truthy(v),
    }
}

/// `os.stat(path, *, dir_fd=None, follow_symlinks=True)`.
pub fn stat(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let a = clinic(args, "stat", &["path", "dir_fd", "follow_symlinks"], 1, 1)?;
    no_dir_fd(a[1].as_ref())?;
    let t = path::convert(cx, a[0].as_ref(), Spec::path("stat").with_fd())?;
    let follow = flag(cx, a[2].as_ref(), true)?;
    let m = stat_target(&t, follow).map_err(|e| path::target_error(&e, &t))?;
    Ok(stat_result(cx.gil, &m))
}

/// `os.lstat(path, *, dir_fd=None)`.
pub fn lstat(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let a = clinic(args, "lstat", &["path", "dir_fd"], 1, 1)?;
    no_dir_fd(a[1].as_ref())?;
    let t = Target::Path(path::path(cx, a[0].as_ref(), Spec::path("lstat"))?);
    let m = stat_target(&t, false).map_err(|e| path::target_error(&e, &t))?;
    Ok(stat_result(cx.gil, &m))
}

/// `os.fstat(fd)`.
pub fn fstat(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let a = clinic(args, "fstat", &["fd"], 1, 1)?;
    let fd = path::fd_of(req(&a, 0))?;
    let m = stat_target(&Target::Fd(fd), true).map_err(path::os_err)?;
    Ok(stat_result(cx.gil, &m))
}

/// One entry `scandir` found.
struct DirEntry {
    name: Value,
    path: Value,
    path_os: std::ffi::OsString,
    ino: u64,
    /// From the directory entry (`None`: it did not say).
    kind: Option<std::fs::FileType>,
    /// `stat()` and `stat(follow_symlinks=False)`, once asked for.
    stat: GilCell<[Option<Value>; 2]>,
}

static ENTRY_METHODS: &[NativeDef] = crate::objects::methods::natives![
    "is_dir" => is_dir, "is_file" => is_file, "is_symlink" => is_symlink, "stat" => entry_stat,
    "inode" => inode, "__fspath__" => entry_fspath,
];

fn native_type(name: &str) -> Arc<PyType> {
    let types = crate::objects::types::types();
    Arc::new(PyType::builtin(
        name,
        "posix",
        Some(&types.object),
        crate::objects::types::Kind::Iterator,
        None,
    ))
}

impl NativeObject for DirEntry {
    fn type_name(&self) -> &'static str {
        "posix.DirEntry"
    }

    fn py_type(&self) -> Option<Arc<PyType>> {
        Some(entry_type().clone())
    }

    fn repr(&self, gil: Gil<'_>) -> Result<String, PyErr> {
        Ok(format!(
            "<DirEntry {}>",
            crate::objects::repr::repr(gil, &self.name)?
        ))
    }

    fn getattr(&self, _gil: Gil<'_>, name: &str) -> Option<Value> {
        match name {
            "name" => Some(self.name.clone()),
            "path" => Some(self.path.clone()),
            _ => ENTRY_METHODS
                .iter()
                .find(|d| d.name == name)
                .map(Value::Native),
        }
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

pub fn entry_type() -> &'static Arc<PyType> {
    static T: OnceLock<Arc<PyType>> = OnceLock::new();
    T.get_or_init(|| native_type("DirEntry"))
}

fn this(args: &Args) -> Result<&DirEntry, PyErr> {
    match args.get(0) {
        Some(Value::Object(o)) => o.0.as_any().downcast_ref::<DirEntry>(),
        _ => None,
    }
    .ok_or_else(|| type_error("descriptor requires a 'posix.DirEntry' object"))
}

/// The entry's `stat` (`follow`: through a symlink), cached.
fn cached_stat(cx: &mut Cx, e: &DirEntry, follow: bool) -> PyResult<Value> {
    // An entry that is no symlink has one answer for both.
    let follow = follow && e.kind.is_none_or(|k| k.is_symlink());
    let slot = follow as usize;
    if let Some(v) = &e.stat.borrow(cx.gil)[slot] {
        return Ok(v.clone());
    }
    let arg = PathArg {
        obj: e.path.clone(),
        os: e.path_os.clone(),
        bytes: false,
    };
    let t = Target::Path(arg);
    let m = stat_target(&t, follow).map_err(|err| path::target_error(&err, &t))?;
    let v = stat_result(cx.gil, &m);
    e.stat.borrow_mut(cx.gil)[slot] = Some(v.clone());
    Ok(v)
}

/// The entry and its `follow_symlinks` keyword (true when left out).
fn entry_and_follow<'a>(
    cx: &mut Cx,
    args: &'a mut Args,
    name: &str,
) -> PyResult<(&'a DirEntry, bool)> {
    let v = args.take_kw("follow_symlinks");
    args.check_method(name, 0, 0)?;
    let follow = flag(cx, v.as_ref(), true)?;
    Ok((this(args)?, follow))
}

/// `is_dir`/`is_file`: the entry's type, or its `stat` for a symlink followed or
/// a type the directory did not give; a file gone since is `False`.
fn test_kind(cx: &mut Cx, mut args: Args, name: &str, want: u32) -> PyResult<Value> {
    let (e, follow) = entry_and_follow(cx, &mut args, name)?;
    if let Some(k) = e.kind {
        if !(follow && k.is_symlink()) {
            let mode = if k.is_dir() {
                0o040000
            } else if k.is_file() {
                0o100000
            } else {
                0
            };
            return Ok(Value::bool(mode == want));
        }
    }
    match cached_stat(cx, e, follow) {
        Ok(st) => {
            let mode = match &st {
                Value::Instance(i) => match &i.base {
                    Value::Tuple(t) => match t.first() {
                        Some(Value::Int(m)) => *m,
                        _ => 0,
                    },
                    _ => 0,
                },
                _ => 0,
            };
            Ok(Value::bool(mode as u32 & 0o170000 == want))
        }
        Err(deferred::Unwind::Raise(err))
            if err.is_instance(&crate::objects::types::types().exc.file_not_found_error) =>
        {
            Ok(Value::bool(false))
        }
        Err(err) => Err(err),
    }
}

fn is_dir(cx: &mut Cx, args: Args) -> PyResult<Value> {
    test_kind(cx, args, "is_dir", 0o040000)
}

fn is_file(cx: &mut Cx, args: Args) -> PyResult<Value> {
    test_kind(cx, args, "is_file", 0o100000)
}

fn is_symlink(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("is_symlink", 0, 0)?;
    let e = this(&args)?;
    if let Some(k) = e.kind {
        return Ok(Value::bool(k.is_symlink()));
    }
    let t = Target::Path(PathArg {
        obj: e.path.clone(),
        os: e.path_os.clone(),
        bytes: false,
    });
    Ok(Value::bool(
        stat_target(&t, false).is_ok_and(|m| m.st_mode & 0o170000 == 0o120000),
    ))
}

fn entry_stat(cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    let (e, follow) = entry_and_follow(cx, &mut args, "stat")?;
    cached_stat(cx, e, follow)
}

fn inode(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("inode", 0, 0)?;
    Ok(uint(this(&args)?.ino))
}

fn entry_fspath(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__fspath__", 0, 0)?;
    Ok(this(&args)?.path.clone())
}

/// `os.scandir(path='.')`'s iterator: entries read as they are asked for.
struct Scandir {
    state: GilCell<Option<std::fs::ReadDir>>,
    /// The directory as given, for each entry's `path`; names are bytes when it was.
    dir: Option<PathArg>,
}

static SCANDIR_METHODS: &[NativeDef] = crate::objects::methods::natives![
    "close" => scandir_close, "__enter__" => scandir_enter, "__exit__" => scandir_exit,
    "__iter__" => scandir_iter, "__next__" => scandir_next,
];

fn scandir_type() -> &'static Arc<PyType> {
    static T: OnceLock<Arc<PyType>> = OnceLock::new();
    T.get_or_init(|| native_type("ScandirIterator"))
}

impl Scandir {
    fn step(&self, gil: Gil<'_>) -> PyResult<Option<Value>> {
        let mut st = self.state.borrow_mut(gil);
        let Some(rd) = st.as_mut() else {
            return Ok(None);
        };
        let Some(entry) = rd.next() else {
            // Exhausted: the directory is closed, as CPython closes it.
            *st = None;
            return Ok(None);
        };
        let entry = entry.map_err(|e| match &self.dir {
            Some(d) => path::error(&e, d),
            None => path::os_err(e),
        })?;
        let bytes = self.dir.as_ref().is_some_and(|d| d.bytes);
        let name_os = entry.file_name();
        let path_os = match &self.dir {
            None => std::path::Path::new(".").join(&name_os).into_os_string(),
            Some(d) => {
                use std::os::unix::ffi::OsStrExt;
                let mut p = d.os.as_bytes().to_vec();
                if !p.is_empty() && !p.ends_with(b"/") {
                    p.push(b'/');
                }
                p.extend_from_slice(name_os.as_bytes());
                std::os::unix::ffi::OsStringExt::from_vec(p)
            }
        };
        let e = DirEntry {
            name: path::name_value(&name_os, bytes),
            path: path::name_value(&path_os, bytes),
            path_os,
            ino: entry.ino(),
            kind: entry.file_type().ok(),
            stat: GilCell::new([None, None]),
        };
        Ok(Some(Value::Object(Arc::new(Object(Box::new(e))))))
    }
}

impl NativeObject for Scandir {
    fn type_name(&self) -> &'static str {
        "posix.ScandirIterator"
    }

    fn py_type(&self) -> Option<Arc<PyType>> {
        Some(scandir_type().clone())
    }

    fn repr(&self, _gil: Gil<'_>) -> Result<String, PyErr> {
        Ok("<posix.ScandirIterator object>".to_owned())
    }

    fn getattr(&self, _gil: Gil<'_>, name: &str) -> Option<Value> {
        SCANDIR_METHODS
            .iter()
            .find(|d| d.name == name)
            .map(Value::Native)
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }

    fn next(&self, cx: &mut Cx) -> Option<PyResult<Option<Value>>> {
        Some(self.step(cx.gil))
    }

    fn iter(
        &self,
        _gil: Gil<'_>,
        this: &Value,
    ) -> Option<Result<Box<dyn crate::objects::iter::NativeIter>, PyErr>> {
        Some(Ok(Box::new(ScandirSteps(this.clone()))))
    }
}

/// A `for` loop over a `ScandirIterator` (it is its own iterator: this steps it).
struct ScandirSteps(Value);

impl crate::objects::iter::NativeIter for ScandirSteps {
    fn type_name(&self) -> &'static str {
        "posix.ScandirIterator"
    }

    fn next(&mut self, cx: &mut Cx<'_, '_>) -> PyResult<Option<Value>> {
        match &self.0 {
            Value::Object(o) => match o.0.as_any().downcast_ref::<Scandir>() {
                Some(s) => s.step(cx.gil),
                None => Ok(None),
            },
            _ => Ok(None),
        }
    }
}

fn scandir_of(args: &Args) -> Result<&Scandir, PyErr> {
    match args.get(0) {
        Some(Value::Object(o)) => o.0.as_any().downcast_ref::<Scandir>(),
        _ => None,
    }
    .ok_or_else(|| type_error("descriptor requires a 'posix.ScandirIterator' object"))
}

fn scandir_close(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("close", 0, 0)?;
    *scandir_of(&args)?.state.borrow_mut(cx.gil) = None;
    Ok(Value::None)
}

fn scandir_enter(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__enter__", 0, 0)?;
    scandir_of(&args)?;
    Ok(args.at(0).clone())
}

fn scandir_exit(cx: &mut Cx, args: Args) -> PyResult<Value> {
    *scandir_of(&args)?.state.borrow_mut(cx.gil) = None;
    Ok(Value::None)
}

fn scandir_iter(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__iter__", 0, 0)?;
    scandir_of(&args)?;
    Ok(args.at(0).clone())
}

fn scandir_next(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("__next__", 0, 0)?;
    match scandir_of(&args)?.step(cx.gil)? {
        Some(v) => Ok(v),
        None => Err(stop_iteration().into()),
    }
}

/// `os.scandir(path='.')`.
pub fn scandir(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let a = clinic(args, "scandir", &["path"], 0, 1)?;
    let spec = Spec::path("scandir").with_fd().nullable();
    let dir = match path::convert(cx, a[0].as_ref(), spec)? {
        Target::Path(p) => Some(p),
        Target::Default => None,
        Target::Fd(_) => {
            return Err(PyErr::new(
                &crate::objects::types::types().exc.not_implemented_error,
                vec![Value::str(
                    "scandir: a file descriptor is not supported by pyvm",
                )],
            )
            .into())
        }
    };
    let os = dir.as_ref().map_or(std::ffi::OsStr::new("."), |d| &d.os);
    let rd = std::fs::read_dir(os).map_err(|e| match &dir {
        Some(d) => path::error(&e, d),
        None => path::os_err(e),
    })?;
    Ok(Value::Object(Arc::new(Object(Box::new(Scandir {
        state: GilCell::new(Some(rd)),
        dir,
    })))))
}

/// `os.listdir(path='.')`: names in the directory's own order (CPython's too).
pub fn listdir(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let a = clinic(args, "listdir", &["path"], 0, 1)?;
    let spec = Spec::path("listdir").with_fd().nullable();
    let dir = match path::convert(cx, a[0].as_ref(), spec)? {
        Target::Path(p) => Some(p),
        Target::Default => None,
        Target::Fd(fd) => {
            // The descriptor's directory, read through /proc as fdopendir would.
            let p = format!("/proc/self/fd/{fd}");
            Some(PathArg {
                obj: Value::Int(fd as i64),
                os: p.into(),
                bytes: false,
            })
        }
    };
    let os = dir.as_ref().map_or(std::ffi::OsStr::new("."), |d| &d.os);
    let err = |e: std::io::Error| match &dir {
        Some(d) => path::error(&e, d),
        None => path::error_with(&e, Some(&Value::str(".")), None),
    };
    let bytes = dir.as_ref().is_some_and(|d| d.bytes);
    let mut names = Vec::new();
    for entry in std::fs::read_dir(os).map_err(err)? {
        let entry = entry.map_err(err)?;
        names.push(path::name_value(&entry.file_name(), bytes));
    }
    Ok(Value::list(names))
}

const STATVFS_FIELDS: &[&str] = &[
    "f_bsize",
    "f_frsize",
    "f_blocks",
    "f_bfree",
    "f_bavail",
    "f_files",
    "f_ffree",
    "f_favail",
    "f_flag",
    "f_namemax",
];

pub fn statvfs_type(gil: Gil<'_>) -> &'static Arc<PyType> {
    static T: OnceLock<Arc<PyType>> = OnceLock::new();
    T.get_or_init(|| {
        crate::modules::structseq::new_type(gil, "os", "statvfs_result", STATVFS_FIELDS)
    })
}

/// `os.statvfs(path)` (a descriptor too, as `fstatvfs`): an `os.statvfs_result`
/// with `f_fsid` as an attribute.
pub fn statvfs(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let a = clinic(args, "statvfs", &["path"], 1, 1)?;
    let t = path::convert(cx, a[0].as_ref(), Spec::path("statvfs").with_fd())?;
    let r = match &t {
        Target::Fd(fd) => super::raw::with_fd(*fd, |b| rustix::fs::fstatvfs(b).map_err(path::rx)),
        Target::Path(p) => rustix::fs::statvfs(&p.os).map_err(path::rx),
        Target::Default => rustix::fs::statvfs(".").map_err(path::rx),
    };
    let v = r.map_err(|e| path::target_error(&e, &t))?;
    let items = [
        v.f_bsize,
        v.f_frsize,
        v.f_blocks,
        v.f_bfree,
        v.f_bavail,
        v.f_files,
        v.f_ffree,
        v.f_favail,
        v.f_flag.bits(),
        v.f_namemax,
    ];
    let out =
        crate::modules::structseq::make(cx.gil, statvfs_type(cx.gil), items.map(uint).to_vec());
    if let Value::Instance(i) = &out {
        let _ = i
            .dict
            .borrow_mut(cx.gil)
            .insert(Value::str("f_fsid"), uint(v.f_fsid));
    }
    Ok(out)
}

/// `os.fstatvfs(fd)`.
pub fn fstatvfs(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let a = clinic(args, "fstatvfs", &["fd"], 1, 1)?;
    let fd = Value::Int(path::fd_of(req(&a, 0))? as i64);
    statvfs(cx, Args::new([fd]))
}
