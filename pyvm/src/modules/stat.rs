//! `_stat`: CPython's C half of `stat` (Lib's `stat.py` ends with `from _stat
//! import *`): the `S_IF*`, `S_I*`, `UF_*`, `SF_*` and `ST_*` constants with Linux's
//! values, and the `S_IS*()`, `S_IMODE()`, `S_IFMT()` and `filemode()` functions,
//! which take a `mode_t` (an unsigned 32-bit int) as CPython's `_PyLong_AsMode_t`
//! converts it. (`FILE_ATTRIBUTE_*` are defined only on Windows there; on Linux
//! `stat.py` defines them itself.)

use crate::objects::rc::Arc;
use std::sync::OnceLock;

use num_traits::{Signed, ToPrimitive};

use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::module::Module;

static MODULE: OnceLock<Arc<Module>> = OnceLock::new();

const S_IFMT: u32 = 0o170000;
const S_IFDIR: u32 = 0o040000;
const S_IFCHR: u32 = 0o020000;
const S_IFBLK: u32 = 0o060000;
const S_IFREG: u32 = 0o100000;
const S_IFIFO: u32 = 0o010000;
const S_IFLNK: u32 = 0o120000;
const S_IFSOCK: u32 = 0o140000;
const S_ISUID: u32 = 0o4000;
const S_ISGID: u32 = 0o2000;
const S_ISVTX: u32 = 0o1000;

static CONSTANTS: &[(&str, i64)] = &[
    ("S_IFDIR", S_IFDIR as i64),
    ("S_IFCHR", S_IFCHR as i64),
    ("S_IFBLK", S_IFBLK as i64),
    ("S_IFREG", S_IFREG as i64),
    ("S_IFIFO", S_IFIFO as i64),
    ("S_IFLNK", S_IFLNK as i64),
    ("S_IFSOCK", S_IFSOCK as i64),
    ("S_IFDOOR", 0),
    ("S_IFPORT", 0),
    ("S_IFWHT", 0),
    ("S_ISUID", S_ISUID as i64),
    ("S_ISGID", S_ISGID as i64),
    ("S_ISVTX", S_ISVTX as i64),
    ("S_ENFMT", S_ISGID as i64),
    ("S_IREAD", 0o400),
    ("S_IWRITE", 0o200),
    ("S_IEXEC", 0o100),
    ("S_IRWXU", 0o700),
    ("S_IRUSR", 0o400),
    ("S_IWUSR", 0o200),
    ("S_IXUSR", 0o100),
    ("S_IRWXG", 0o070),
    ("S_IRGRP", 0o040),
    ("S_IWGRP", 0o020),
    ("S_IXGRP", 0o010),
    ("S_IRWXO", 0o007),
    ("S_IROTH", 0o004),
    ("S_IWOTH", 0o002),
    ("S_IXOTH", 0o001),
    ("UF_NODUMP", 0x0000_0001),
    ("UF_IMMUTABLE", 0x0000_0002),
    ("UF_APPEND", 0x0000_0004),
    ("UF_OPAQUE", 0x0000_0008),
    ("UF_NOUNLINK", 0x0000_0010),
    ("UF_COMPRESSED", 0x0000_0020),
    ("UF_HIDDEN", 0x0000_8000),
    ("SF_ARCHIVED", 0x0001_0000),
    ("SF_IMMUTABLE", 0x0002_0000),
    ("SF_APPEND", 0x0004_0000),
    ("SF_NOUNLINK", 0x0010_0000),
    ("SF_SNAPSHOT", 0x0020_0000),
    ("ST_MODE", 0),
    ("ST_INO", 1),
    ("ST_DEV", 2),
    ("ST_NLINK", 3),
    ("ST_UID", 4),
    ("ST_GID", 5),
    ("ST_SIZE", 6),
    ("ST_ATIME", 7),
    ("ST_MTIME", 8),
    ("ST_CTIME", 9),
];

static FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "S_ISDIR" => s_isdir, "S_ISCHR" => s_ischr, "S_ISBLK" => s_isblk,
    "S_ISREG" => s_isreg, "S_ISFIFO" => s_isfifo, "S_ISLNK" => s_islnk,
    "S_ISSOCK" => s_issock, "S_ISDOOR" => s_isdoor, "S_ISPORT" => s_isport,
    "S_ISWHT" => s_iswht, "S_IMODE" => s_imode, "S_IFMT" => s_ifmt,
    "filemode" => filemode,
];

const DOC: &str = "S_IFMT_: file type bits\nS_IFDIR: directory\nS_IFCHR: character device\nS_IFBLK: block device\nS_IFREG: regular file\nS_IFIFO: fifo (named pipe)\nS_IFLNK: symbolic link\nS_IFSOCK: socket file\nS_IFDOOR: door\nS_IFPORT: event port\nS_IFWHT: whiteout\n\nS_ISUID: set UID bit\nS_ISGID: set GID bit\nS_ENFMT: file locking enforcement\nS_ISVTX: sticky bit\nS_IREAD: Unix V7 synonym for S_IRUSR\nS_IWRITE: Unix V7 synonym for S_IWUSR\nS_IEXEC: Unix V7 synonym for S_IXUSR\nS_IRWXU: mask for owner permissions\nS_IRUSR: read by owner\nS_IWUSR: write by owner\nS_IXUSR: execute by owner\nS_IRWXG: mask for group permissions\nS_IRGRP: read by group\nS_IWGRP: write by group\nS_IXGRP: execute by group\nS_IRWXO: mask for others (not in group) permissions\nS_IROTH: read by others\nS_IWOTH: write by others\nS_IXOTH: execute by others\n\nUF_NODUMP: do not dump file\nUF_IMMUTABLE: file may not be changed\nUF_APPEND: file may only be appended to\nUF_OPAQUE: directory is opaque when viewed through a union stack\nUF_NOUNLINK: file may not be renamed or deleted\nUF_COMPRESSED: OS X: file is hfs-compressed\nUF_HIDDEN: OS X: file should not be displayed\nSF_ARCHIVED: file may be archived\nSF_IMMUTABLE: file may not be changed\nSF_APPEND: file may only be appended to\nSF_NOUNLINK: file may not be renamed or deleted\nSF_SNAPSHOT: file is a snapshot file\n\nST_MODE\nST_INO\nST_DEV\nST_NLINK\nST_UID\nST_GID\nST_SIZE\nST_ATIME\nST_MTIME\nST_CTIME\n\nFILE_ATTRIBUTE_*: Windows file attribute constants\n                   (only present on Windows)\n";

/// The `_stat` module (one per process).
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    MODULE.get_or_init(|| {
        let m = Module::with_functions(gil, "_stat", FUNCS);
        for (name, v) in CONSTANTS {
            m.set(gil, name, Value::Int(*v));
        }
        m.set(gil, "__doc__", Value::str(DOC));
        Arc::new(m)
    })
}

/// CPython's `_PyLong_AsMode_t`: `PyLong_AsUnsignedLong` (no `__index__`), then a
/// check that the value fits a `mode_t`.
fn mode_arg(args: &Args, name: &str) -> Result<u32, PyErr> {
    args.check(&format!("_stat.{name}"), 1, 1)?;
    let v = crate::objects::class::unwrap_number(args.at(0));
    let wide: u64 = match &v {
        Value::Bool(b) => b.get() as u64,
        Value::Int(i) if *i < 0 => {
            return Err(overflow_error(
                "can't convert negative value to unsigned int",
            ))
        }
        Value::Int(i) => *i as u64,
        Value::Big(b) if b.is_negative() => {
            return Err(overflow_error(
                "can't convert negative value to unsigned int",
            ))
        }
        Value::Big(b) => b
            .to_u64()
            .ok_or_else(|| overflow_error("Python int too large to convert to C unsigned long"))?,
        _ => return Err(type_error("an integer is required")),
    };
    u32::try_from(wide).map_err(|_| overflow_error("mode out of range"))
}

fn file_type(mode: u32) -> u32 {
    mode & S_IFMT
}

macro_rules! s_is {
    ($f:ident, $name:literal, $test:expr) => {
        fn $f(_cx: &mut Cx, args: Args) -> PyResult<Value> {
            let mode = mode_arg(&args, $name)?;
            let test: fn(u32) -> bool = $test;
            Ok(Value::bool(test(mode)))
        }
    };
}

s_is!(s_isdir, "S_ISDIR", |m| file_type(m) == S_IFDIR);
s_is!(s_ischr, "S_ISCHR", |m| file_type(m) == S_IFCHR);
s_is!(s_isblk, "S_ISBLK", |m| file_type(m) == S_IFBLK);
s_is!(s_isreg, "S_ISREG", |m| file_type(m) == S_IFREG);
s_is!(s_isfifo, "S_ISFIFO", |m| file_type(m) == S_IFIFO);
s_is!(s_islnk, "S_ISLNK", |m| file_type(m) == S_IFLNK);
s_is!(s_issock, "S_ISSOCK", |m| file_type(m) == S_IFSOCK);
s_is!(s_isdoor, "S_ISDOOR", |_| false);
s_is!(s_isport, "S_ISPORT", |_| false);
s_is!(s_iswht, "S_ISWHT", |_| false);

/// `S_IMODE(mode)`: the permission bits `os.chmod` sets.
fn s_imode(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    Ok(Value::Int((mode_arg(&args, "S_IMODE")? & 0o7777) as i64))
}

/// `S_IFMT(mode)`: the file-type bits.
fn s_ifmt(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    Ok(Value::Int(file_type(mode_arg(&args, "S_IFMT")?) as i64))
}

/// `filemode(mode)`: `ls -l`'s `-rwxr-xr-x`.
fn filemode(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let mode = mode_arg(&args, "filemode")?;
    let kind = match file_type(mode) {
        S_IFREG => '-',
        S_IFDIR => 'd',
        S_IFLNK => 'l',
        S_IFBLK => 'b',
        S_IFCHR => 'c',
        S_IFIFO => 'p',
        S_IFSOCK => 's',
        _ => '?',
    };
    let bit = |b: u32, c: char| if mode & b != 0 { c } else { '-' };
    // The execute slot shows a set-id or sticky bit (lower case with execute).
    let exec = |x: u32, special: u32, on: char| match (mode & special != 0, mode & x != 0) {
        (true, true) => on,
        (true, false) => on.to_ascii_uppercase(),
        (false, true) => 'x',
        (false, false) => '-',
    };
    let s: String = [
        kind,
        bit(0o400, 'r'),
        bit(0o200, 'w'),
        exec(0o100, S_ISUID, 's'),
        bit(0o040, 'r'),
        bit(0o020, 'w'),
        exec(0o010, S_ISGID, 's'),
        bit(0o004, 'r'),
        bit(0o002, 'w'),
        exec(0o001, S_ISVTX, 't'),
    ]
    .iter()
    .collect();
    Ok(Value::string(s))
}
