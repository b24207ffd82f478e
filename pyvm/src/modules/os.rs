//! The `os` module (process facts, the environment, `urandom`) and `os.path`
//! (CPython's `posixpath`: pure string functions plus a few `stat` checks).

use std::io::Read;
use std::sync::{Arc, OnceLock};

use crate::native::*;
use crate::objects::dict::Dict;
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::module::Module;
use crate::objects::types::type_name;

use super::random::bind::{bind, req};

static OS: OnceLock<Arc<Module>> = OnceLock::new();
static PATH: OnceLock<Arc<Module>> = OnceLock::new();

static FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "getpid" => getpid, "getppid" => getppid, "getcwd" => getcwd, "getenv" => getenv,
    "urandom" => urandom, "remove" => remove, "unlink" => unlink, "listdir" => listdir,
    "mkdir" => mkdir, "rmdir" => rmdir, "strerror" => strerror, "kill" => super::signal::kill,
];

static PATH_FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "join" => join, "basename" => basename, "dirname" => dirname, "split" => split,
    "splitext" => splitext, "normpath" => normpath, "abspath" => abspath, "isabs" => isabs,
    "exists" => exists, "isfile" => isfile, "isdir" => isdir, "getsize" => getsize,
];

/// `import os` gives the `os` module; `import os.path`-style lookups of the name
/// `os.path` give `posixpath`.
pub fn module(gil: Gil<'_>, name: &str) -> Value {
    if name == "os.path" {
        return Value::Module(path_module(gil).clone());
    }
    Value::Module(
        OS.get_or_init(|| {
            let m = Module::new("os");
            for f in FUNCS.iter().chain(super::os_fd::FUNCS) {
                m.set(gil, f.name, Value::Native(f));
            }
            super::os_fd::add_constants(gil, &m);
            let mut env = Dict::new();
            for (k, v) in std::env::vars_os() {
                let k = Value::string(k.to_string_lossy().into_owned());
                let v = Value::string(v.to_string_lossy().into_owned());
                // A str key always hashes.
                let _ = env.insert(k, v);
            }
            m.set(gil, "environ", Value::dict(env));
            m.set(gil, "path", Value::Module(path_module(gil).clone()));
            m.set(gil, "name", Value::str("posix"));
            m.set(gil, "sep", Value::str("/"));
            m.set(gil, "altsep", Value::None);
            m.set(gil, "extsep", Value::str("."));
            m.set(gil, "pathsep", Value::str(":"));
            m.set(gil, "linesep", Value::str("\n"));
            m.set(gil, "curdir", Value::str("."));
            m.set(gil, "pardir", Value::str(".."));
            m.set(gil, "devnull", Value::str("/dev/null"));
            Arc::new(m)
        })
        .clone(),
    )
}

fn path_module(gil: Gil<'_>) -> &'static Arc<Module> {
    PATH.get_or_init(|| {
        let m = Module::with_functions(gil, "posixpath", PATH_FUNCS);
        m.set(gil, "sep", Value::str("/"));
        m.set(gil, "curdir", Value::str("."));
        m.set(gil, "pardir", Value::str(".."));
        Arc::new(m)
    })
}

fn getpid(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("posix.getpid", 0, 0)?;
    Ok(Value::Int(std::process::id() as i64))
}

fn getppid(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("posix.getppid", 0, 0)?;
    Ok(Value::Int(std::os::unix::process::parent_id() as i64))
}

fn getcwd(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("posix.getcwd", 0, 0)?;
    cwd().map(Value::string).map_err(Into::into)
}

fn cwd() -> Result<String, PyErr> {
    std::env::current_dir()
        .map(|p| p.to_string_lossy().into_owned())
        .map_err(|e| crate::objects::os_error::from_io(&e, None))
}

fn getenv(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let p = bind(args, "getenv", &["key", "default"], 1, false)?;
    let key = req(&p, 0);
    let key = key
        .as_str()
        .ok_or_else(|| type_error(format!("str expected, not {}", type_name(key))))?;
    // `environ.get(key, default)`, as CPython's getenv: changes a script made to
    // `os.environ` are seen.
    let found = match OS.get().and_then(|m| m.get(cx.gil, "environ")) {
        Some(Value::Dict(d)) => d.borrow(cx.gil).get(&Value::str(key))?,
        _ => std::env::var_os(key).map(|v| Value::string(v.to_string_lossy().into_owned())),
    };
    Ok(found.unwrap_or_else(|| p[1].clone().unwrap_or(Value::None)))
}

/// `n` bytes from the kernel's random source.
pub fn random_bytes(n: usize) -> Result<Vec<u8>, PyErr> {
    let mut buf = Vec::new();
    buf.try_reserve_exact(n)
        .map_err(|_| PyErr::new(&crate::objects::types::types().exc.memory_error, vec![]))?;
    buf.resize(n, 0);
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut buf))
        .map_err(|e| crate::objects::os_error::from_io(&e, None))?;
    Ok(buf)
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

fn urandom(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("posix.urandom", 1, 1)?;
    let n = arg_int(args.at(0), "")?;
    if n < 0 {
        return Err(value_error("negative argument not allowed").into());
    }
    Ok(Value::Bytes(Arc::new(random_bytes(n as usize)?)))
}

/// A path argument (str only; CPython also takes bytes and `os.PathLike`).
fn path_arg(v: &Value) -> Result<&str, PyErr> {
    v.as_str().ok_or_else(|| {
        type_error(format!(
            "expected str, bytes or os.PathLike object, not {}",
            type_name(v)
        ))
    })
}

/// The one path argument of a `posixpath` function `name(param)`.
fn one_path(args: Args, name: &str, param: &str) -> Result<Value, PyErr> {
    let mut p = bind(args, name, &[param], 1, false)?;
    let v = p.pop().flatten().unwrap_or(Value::None);
    path_arg(&v)?;
    Ok(v)
}

fn join(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    if let Some((k, _)) = args.kw.first() {
        return Err(type_error(format!("join() got an unexpected keyword argument '{k}'")).into());
    }
    let Some(first) = args.get(0) else {
        return Err(type_error("join() missing 1 required positional argument: 'a'").into());
    };
    let mut path = path_arg(first)?.to_owned();
    for b in &args.pos[1..] {
        let b = b.as_str().ok_or_else(|| {
            type_error(format!(
                "join() argument must be str, bytes, or os.PathLike object, not '{}'",
                type_name(b)
            ))
        })?;
        if b.starts_with('/') {
            path.clear();
        } else if !path.is_empty() && !path.ends_with('/') {
            path.push('/');
        }
        path.push_str(b);
    }
    Ok(Value::string(path))
}

/// `(head, tail)` as posixpath.split computes them.
fn split_parts(p: &str) -> (&str, &str) {
    let i = p.rfind('/').map_or(0, |i| i + 1);
    let (head, tail) = p.split_at(i);
    let trimmed = head.trim_end_matches('/');
    if trimmed.is_empty() {
        (head, tail)
    } else {
        (trimmed, tail)
    }
}

fn basename(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let path = one_path(args, "basename", "p")?;
    let path = path.as_str().unwrap_or_default();
    Ok(Value::str(split_parts(path).1))
}

fn dirname(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let path = one_path(args, "dirname", "p")?;
    let path = path.as_str().unwrap_or_default();
    Ok(Value::str(split_parts(path).0))
}

fn split(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let path = one_path(args, "split", "p")?;
    let path = path.as_str().unwrap_or_default();
    let (h, t) = split_parts(path);
    Ok(Value::tuple(vec![Value::str(h), Value::str(t)]))
}

fn splitext(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let path = one_path(args, "splitext", "p")?;
    let path = path.as_str().unwrap_or_default();
    let p = path;
    let sep = p.rfind('/').map_or(0, |i| i + 1);
    if let Some(dot) = p.rfind('.').filter(|&d| d >= sep) {
        // Leading dots of the file name do not start an extension (".bashrc").
        if p[sep..dot].bytes().any(|c| c != b'.') {
            return Ok(Value::tuple(vec![
                Value::str(&p[..dot]),
                Value::str(&p[dot..]),
            ]));
        }
    }
    Ok(Value::tuple(vec![Value::str(p), Value::str("")]))
}

fn normalize(path: &str) -> String {
    if path.is_empty() {
        return ".".into();
    }
    let slashes = if path.starts_with("//") && !path.starts_with("///") {
        2
    } else if path.starts_with('/') {
        1
    } else {
        0
    };
    let mut comps: Vec<&str> = Vec::new();
    for c in path.split('/') {
        if c.is_empty() || c == "." {
            continue;
        }
        if c != ".." || (slashes == 0 && comps.is_empty()) || comps.last() == Some(&"..") {
            comps.push(c);
        } else if !comps.is_empty() {
            comps.pop();
        }
    }
    let out = format!("{}{}", "/".repeat(slashes), comps.join("/"));
    if out.is_empty() {
        ".".into()
    } else {
        out
    }
}

fn normpath(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let path = one_path(args, "normpath", "path")?;
    let path = path.as_str().unwrap_or_default();
    Ok(Value::string(normalize(path)))
}

fn abspath(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let path = one_path(args, "abspath", "path")?;
    let path = path.as_str().unwrap_or_default();
    let p = path;
    let full = if p.starts_with('/') {
        p.to_owned()
    } else {
        format!("{}/{p}", cwd()?)
    };
    Ok(Value::string(normalize(&full)))
}

fn isabs(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let path = one_path(args, "isabs", "s")?;
    let path = path.as_str().unwrap_or_default();
    Ok(Value::Bool(path.starts_with('/')))
}

/// `stat` of a path argument; an int is a file descriptor. `None` when it fails
/// (these predicates never raise for a missing or invalid path).
fn stat(args: Args, name: &str, param: &str) -> Result<Option<std::fs::Metadata>, PyErr> {
    let slots = bind(args, name, &[param], 1, false)?;
    let p = match req(&slots, 0) {
        Value::Int(fd) => format!("/dev/fd/{fd}"),
        v => v
            .as_str()
            .ok_or_else(|| {
                type_error(format!(
                    "stat: path should be string, bytes, os.PathLike or integer, not {}",
                    type_name(v)
                ))
            })?
            .to_owned(),
    };
    if p.contains('\0') {
        return Ok(None);
    }
    Ok(std::fs::metadata(p).ok())
}

fn exists(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    Ok(Value::Bool(stat(args, "exists", "path")?.is_some()))
}

fn isfile(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    Ok(Value::Bool(
        stat(args, "isfile", "path")?.is_some_and(|m| m.is_file()),
    ))
}

fn isdir(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    Ok(Value::Bool(
        stat(args, "isdir", "s")?.is_some_and(|m| m.is_dir()),
    ))
}

/// A path argument of the functions that touch the file system (CPython names the
/// function in this message).
fn fs_path<'a>(v: &'a Value, fname: &str) -> Result<&'a str, PyErr> {
    v.as_str().ok_or_else(|| {
        type_error(format!(
            "{fname}: path should be string, bytes or os.PathLike, not {}",
            type_name(v)
        ))
    })
}

fn fs_result<T>(r: std::io::Result<T>, path: &str) -> Result<T, PyErr> {
    r.map_err(|e| crate::objects::file::os_error_for(&e, path))
}

fn remove(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("remove", 1, 1)?;
    let p = fs_path(args.at(0), "remove")?;
    fs_result(std::fs::remove_file(p), p)?;
    Ok(Value::None)
}

fn unlink(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("unlink", 1, 1)?;
    let p = fs_path(args.at(0), "unlink")?;
    fs_result(std::fs::remove_file(p), p)?;
    Ok(Value::None)
}

fn mkdir(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("mkdir", 1, 2)?;
    let p = fs_path(args.at(0), "mkdir")?;
    fs_result(std::fs::create_dir(p), p)?;
    Ok(Value::None)
}

fn rmdir(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("rmdir", 1, 1)?;
    let p = fs_path(args.at(0), "rmdir")?;
    fs_result(std::fs::remove_dir(p), p)?;
    Ok(Value::None)
}

/// `listdir(path='.')`: names in the directory's own order (CPython's too: unsorted).
fn listdir(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("listdir", 0, 1)?;
    let p = match args.get(0) {
        None | Some(Value::None) => ".",
        Some(v) => v.as_str().ok_or_else(|| {
            type_error(format!(
                "listdir: path should be string, bytes, os.PathLike, integer or None, not {}",
                type_name(v)
            ))
        })?,
    };
    let mut names = Vec::new();
    for entry in fs_result(std::fs::read_dir(p), p)? {
        let entry = fs_result(entry, p)?;
        names.push(Value::string(
            entry.file_name().to_string_lossy().into_owned(),
        ));
    }
    Ok(Value::list(names))
}

fn getsize(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let slots = bind(args, "getsize", &["filename"], 1, false)?;
    let p = path_arg(req(&slots, 0))?;
    let meta = fs_result(std::fs::metadata(p), p)?;
    Ok(Value::Int(meta.len() as i64))
}
