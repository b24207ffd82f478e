//! pyvm's own `os` for when no standard library is there (with one, `os` is Lib's
//! `os.py` on the native `posix`): `posix`'s functions and names, the environment
//! as a dict of str, `getenv`, and a small `os.path` (CPython's `posixpath`: pure
//! string functions plus a few `stat` checks).

use crate::objects::rc::Arc;
use std::sync::OnceLock;

use crate::native::*;
use crate::objects::dict::Dict;
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::module::Module;
use crate::objects::str::fs_decode;
use crate::objects::types::type_name;
use std::os::unix::ffi::OsStrExt;

use super::random::bind::{bind, req};

static OS: OnceLock<Arc<Module>> = OnceLock::new();
static PATH: OnceLock<Arc<Module>> = OnceLock::new();

static FUNCS: &[NativeDef] = crate::objects::methods::natives!["getenv" => getenv];

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
            for f in FUNCS.iter().chain(super::posix::FUNCS) {
                m.set(gil, f.name, Value::Native(f));
            }
            super::posix::add_names(gil, &m);
            let mut env = Dict::new();
            for (k, v) in std::env::vars_os() {
                let k = Value::string(fs_decode(k.as_bytes()));
                let v = Value::string(fs_decode(v.as_bytes()));
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

fn cwd() -> Result<String, PyErr> {
    std::env::current_dir()
        .map(|p| fs_decode(p.as_os_str().as_bytes()))
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
        _ => std::env::var_os(key).map(|v| Value::string(fs_decode(v.as_bytes()))),
    };
    Ok(found.unwrap_or_else(|| p[1].clone().unwrap_or(Value::None)))
}

/// The environment variable `key` as the program sees it now: from `os.environ`
/// once `os` is imported (changes made to it are seen, as CPython's `putenv`
/// makes them), else from the process's environment.
pub fn env_var(gil: Gil<'_>, key: &str) -> Option<String> {
    match OS.get().and_then(|m| m.get(gil, "environ")) {
        Some(Value::Dict(d)) => d
            .borrow(gil)
            .get(&Value::str(key))
            .ok()
            .flatten()
            .and_then(|v| v.as_str().map(str::to_owned)),
        _ => std::env::var_os(key).map(|v| fs_decode(v.as_bytes())),
    }
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
    Ok(Value::bool(path.starts_with('/')))
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
    Ok(Value::bool(stat(args, "exists", "path")?.is_some()))
}

fn isfile(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    Ok(Value::bool(
        stat(args, "isfile", "path")?.is_some_and(|m| m.is_file()),
    ))
}

fn isdir(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    Ok(Value::bool(
        stat(args, "isdir", "s")?.is_some_and(|m| m.is_dir()),
    ))
}

fn fs_result<T>(r: std::io::Result<T>, path: &str) -> Result<T, PyErr> {
    r.map_err(|e| crate::objects::file::os_error_for(&e, path))
}

fn getsize(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let slots = bind(args, "getsize", &["filename"], 1, false)?;
    let p = path_arg(req(&slots, 0))?;
    let meta = fs_result(std::fs::metadata(p), p)?;
    Ok(Value::Int(meta.len() as i64))
}
