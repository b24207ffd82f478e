//! The `sys` module, and the process's standard streams (stdout is buffered and
//! flushed before anything is written to stderr and at exit).

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::module::Module;

static SYS: OnceLock<Arc<Module>> = OnceLock::new();
static ARGV: Mutex<Vec<String>> = Mutex::new(Vec::new());
static STDOUT: Mutex<Option<std::io::BufWriter<std::io::Stdout>>> = Mutex::new(None);

/// Set `sys.argv` (before the module is first used).
pub fn set_argv(argv: Vec<String>) {
    *ARGV.lock().unwrap_or_else(|p| p.into_inner()) = argv;
}

thread_local! {
    /// When set (by in-crate tests), stdout text of this thread is captured here.
    static CAPTURE: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Capture this thread's stdout while `f` runs (for unit tests of natives).
pub fn capture_stdout<R>(f: impl FnOnce() -> R) -> (R, String) {
    CAPTURE.with(|c| *c.borrow_mut() = Some(String::new()));
    let r = f();
    let out = CAPTURE.with(|c| c.borrow_mut().take()).unwrap_or_default();
    (r, out)
}

/// Write to the buffered stdout.
pub fn write_stdout(s: &str) {
    let captured = CAPTURE.with(|c| match c.borrow_mut().as_mut() {
        Some(buf) => {
            buf.push_str(s);
            true
        }
        None => false,
    });
    if captured {
        return;
    }
    let mut g = STDOUT.lock().unwrap_or_else(|p| p.into_inner());
    let w = g.get_or_insert_with(|| std::io::BufWriter::with_capacity(1 << 16, std::io::stdout()));
    let _ = w.write_all(s.as_bytes());
}

pub fn flush_stdout() {
    let mut g = STDOUT.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(w) = g.as_mut() {
        let _ = w.flush();
    }
}

/// Write to stderr (after flushing stdout, so interleaving matches a terminal).
pub fn write_stderr(s: &str) {
    flush_stdout();
    let _ = std::io::stderr().write_all(s.as_bytes());
}

static SYS_FUNCS: &[NativeDef] = &[
    NativeDef {
        name: "exit",
        f: exit,
        soft: None,
    },
    NativeDef {
        name: "getrecursionlimit",
        f: getrecursionlimit,
        soft: None,
    },
    NativeDef {
        name: "setrecursionlimit",
        f: setrecursionlimit,
        soft: None,
    },
    NativeDef {
        name: "exc_info",
        f: exc_info,
        soft: None,
    },
    NativeDef {
        name: "getswitchinterval",
        f: getswitchinterval,
        soft: None,
    },
    NativeDef {
        name: "setswitchinterval",
        f: setswitchinterval,
        soft: None,
    },
    NativeDef {
        name: "_getframemodulename",
        f: getframemodulename,
        soft: None,
    },
];

/// `sys._getframemodulename(depth=0)` (CPython 3.12's): the `__name__` of the
/// module whose code runs `depth` frames above the caller, or `None`.
fn getframemodulename(cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    let depth = args.take_kw("depth");
    args.check_kw("_getframemodulename", 0, 1)?;
    let depth = match depth.as_ref().or(args.get(0)) {
        Some(v) => arg_int(v, "")?,
        None => 0,
    };
    if depth < 0 {
        return Ok(Value::None);
    }
    let Some(globals) = cx.frame_globals(depth as usize) else {
        return Ok(Value::None);
    };
    let key = crate::objects::str::PyStr::new("__name__".to_owned());
    let name = globals.borrow(cx.gil).get_str(&key);
    Ok(name.unwrap_or(Value::None))
}

static STDOUT_FUNCS: &[NativeDef] = &[
    NativeDef {
        name: "write",
        f: stdout_write,
        soft: None,
    },
    NativeDef {
        name: "flush",
        f: stdout_flush,
        soft: None,
    },
];

static STDERR_FUNCS: &[NativeDef] = &[
    NativeDef {
        name: "write",
        f: stderr_write,
        soft: None,
    },
    NativeDef {
        name: "flush",
        f: stdout_flush,
        soft: None,
    },
];

fn stream(gil: Gil<'_>, name: &str, funcs: &'static [NativeDef]) -> Value {
    let m = Module::new(name);
    for f in funcs {
        m.set(gil, f.name, Value::Native(f));
    }
    Value::Module(Arc::new(m))
}

/// The `sys` module (one per process).
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    SYS.get_or_init(|| {
        let m = Module::new("sys");
        for f in SYS_FUNCS {
            m.set(gil, f.name, Value::Native(f));
        }
        let argv = ARGV.lock().unwrap_or_else(|p| p.into_inner()).clone();
        m.set(
            gil,
            "argv",
            Value::list(argv.into_iter().map(Value::string).collect()),
        );
        m.set(gil, "maxsize", Value::Int(i64::MAX));
        m.set(gil, "platform", Value::str(std::env::consts::OS));
        m.set(gil, "byteorder", Value::str("little"));
        m.set(
            gil,
            "version_info",
            Value::tuple(vec![Value::Int(3), Value::Int(11), Value::Int(0)]),
        );
        m.set(gil, "version", Value::str("3.11.0 (pyvm)"));
        m.set(
            gil,
            "path",
            Value::list(vec![Value::str(super::FROZEN_PATH)]),
        );
        m.set(gil, "modules", Value::Dict(super::sys_modules().clone()));
        m.set(gil, "stdout", stream(gil, "stdout", STDOUT_FUNCS));
        m.set(gil, "stderr", stream(gil, "stderr", STDERR_FUNCS));
        Arc::new(m)
    })
}

fn exit(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("sys.exit", 0, 1)?;
    let types = crate::objects::types::types();
    Err(PyErr::new(&types.exc.system_exit, args.pos.to_vec()).into())
}

fn getrecursionlimit(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("sys.getrecursionlimit", 0, 0)?;
    Ok(Value::Int(cx.recursion_limit() as i64))
}

fn setrecursionlimit(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("sys.setrecursionlimit", 1, 1)?;
    let n = arg_int(args.at(0), "")?;
    if n < 1 {
        return Err(value_error("recursion limit must be greater or equal than 1").into());
    }
    cx.set_recursion_limit(n as usize);
    Ok(Value::None)
}

/// `sys.getswitchinterval()`: how long a thread waits for the GIL before asking the
/// holder to hand it over (seconds).
fn getswitchinterval(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("sys.getswitchinterval", 0, 0)?;
    Ok(Value::Float(crate::objects::gil::switch_interval()))
}

/// `sys.setswitchinterval(seconds)`.
fn setswitchinterval(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("sys.setswitchinterval", 1, 1)?;
    let t = match args.at(0) {
        Value::Float(f) => *f,
        Value::Int(i) => *i as f64,
        Value::Bool(b) => *b as i64 as f64,
        v => {
            return Err(type_error(format!(
                "must be real number, not {}",
                crate::objects::types::type_name(v)
            ))
            .into())
        }
    };
    if t.is_nan() || t <= 0.0 {
        return Err(value_error("switch interval must be strictly positive").into());
    }
    crate::objects::gil::set_switch_interval(t);
    Ok(Value::None)
}

/// `sys.exc_info()`: the exception being handled as `(type, value, traceback)`,
/// or three `None`s.
fn exc_info(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("sys.exc_info", 0, 0)?;
    Ok(match cx.handled() {
        Some(e) => Value::tuple(vec![
            Value::Type(e.0.typ.clone()),
            e.value(),
            super::traceback::traceback_of(cx.gil, &e.0),
        ]),
        None => Value::tuple(vec![Value::None, Value::None, Value::None]),
    })
}

fn text_arg(args: &Args) -> Result<String, PyErr> {
    args.check("write", 1, 1)?;
    match args.at(0) {
        Value::Str(s) => Ok(s.as_str().to_owned()),
        v => Err(type_error(format!(
            "write() argument must be str, not {}",
            crate::objects::types::type_name(v)
        ))),
    }
}

fn stdout_write(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let s = text_arg(&args)?;
    write_stdout(&s);
    Ok(Value::Int(s.chars().count() as i64))
}

fn stderr_write(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let s = text_arg(&args)?;
    write_stderr(&s);
    Ok(Value::Int(s.chars().count() as i64))
}

fn stdout_flush(_cx: &mut Cx, _args: Args) -> PyResult<Value> {
    flush_stdout();
    Ok(Value::None)
}
