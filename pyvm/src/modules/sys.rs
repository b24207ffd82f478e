//! The `sys` module, and the process's standard streams (stdout is buffered and
//! flushed before anything is written to stderr and at exit).

use crate::objects::rc::Arc;
use std::io::Write;
use std::sync::{Mutex, OnceLock};

use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::module::Module;

static SYS: OnceLock<Arc<Module>> = OnceLock::new();
static ARGV: Mutex<Vec<String>> = Mutex::new(Vec::new());
static STDOUT: Mutex<Option<std::io::BufWriter<std::io::Stdout>>> = Mutex::new(None);

/// The command line's options as `sys` reports them (`sys.flags`, `sys.warnoptions`,
/// `sys._xoptions`, `sys.orig_argv`); set by `pyvm`'s command line before `sys` is
/// first used.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// `-d`, `-i`, `-O` (counted), `-v` (counted), `-b` (counted), `-q`, `-I`, `-E`,
    /// `-s`, `-S`, `-P`, `-B`.
    pub debug: i64,
    pub inspect: i64,
    pub interactive: i64,
    pub optimize: i64,
    pub verbose: i64,
    pub bytes_warning: i64,
    pub quiet: i64,
    pub isolated: i64,
    pub ignore_environment: i64,
    pub no_user_site: i64,
    pub no_site: i64,
    pub safe_path: i64,
    pub dont_write_bytecode: i64,
    /// `-X dev` or `PYTHONDEVMODE`.
    pub dev_mode: bool,
    /// `-X utf8[=0|1]`, `PYTHONUTF8`, or a legacy "C"/"POSIX" locale (PEP 540).
    pub utf8_mode: i64,
    /// `-X warn_default_encoding` or `PYTHONWARNDEFAULTENCODING`.
    pub warn_default_encoding: i64,
    /// `-W` options, then `PYTHONWARNINGS`'s.
    pub warnoptions: Vec<String>,
    /// `-X` options (`name` or `name=value`).
    pub xoptions: Vec<String>,
    /// The command line as given, `pyvm` first.
    pub orig_argv: Vec<String>,
}

static OPTIONS: Mutex<Option<Options>> = Mutex::new(None);

/// Set the command line's options (before `sys` is first used).
pub fn set_options(o: Options) {
    *OPTIONS.lock().unwrap_or_else(|p| p.into_inner()) = Some(o);
}

/// The command line's options (pyvm's defaults when none were set).
pub fn options() -> Options {
    OPTIONS
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .clone()
        .unwrap_or(Options {
            no_user_site: 1,
            no_site: 1,
            dont_write_bytecode: 1,
            utf8_mode: 1,
            ..Options::default()
        })
}

/// Environment variable `name` as the interpreter reads its own (`PYTHON*`): `None`
/// when unset, empty, or under `-E`/`-I`.
pub fn env_var(name: &str) -> Option<String> {
    let ignore = OPTIONS
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .as_ref()
        .is_some_and(|o| o.ignore_environment != 0);
    match ignore {
        true => None,
        false => std::env::var(name).ok().filter(|v| !v.is_empty()),
    }
}

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

type Stdout = Option<std::io::BufWriter<std::io::Stdout>>;

fn stdout_lock() -> std::sync::MutexGuard<'static, Stdout> {
    STDOUT.lock().unwrap_or_else(|p| p.into_inner())
}

/// A write to stdout failed (a closed pipe: `BrokenPipeError`, as in CPython): what
/// was buffered is given up, so the exit does not fail on it again.
fn stdout_failed(g: &mut Stdout, e: &std::io::Error) -> PyErr {
    if let Some(w) = g.take() {
        // (Taken apart, not dropped: dropping would try to write it once more.)
        let _ = w.into_parts();
    }
    crate::objects::os_error::from_io(e, None)
}

/// Write to the buffered stdout (`print`, `sys.stdout.write`): an error of the
/// system call is raised (`BrokenPipeError` once the reader has gone).
pub fn write_stdout(s: &str) -> Result<(), PyErr> {
    let captured = CAPTURE.with(|c| match c.borrow_mut().as_mut() {
        Some(buf) => {
            buf.push_str(s);
            true
        }
        None => false,
    });
    if captured {
        return Ok(());
    }
    let mut g = stdout_lock();
    let w = g.get_or_insert_with(|| std::io::BufWriter::with_capacity(1 << 16, std::io::stdout()));
    match w.write_all(s.as_bytes()) {
        Ok(()) => Ok(()),
        Err(e) => Err(stdout_failed(&mut g, &e)),
    }
}

/// Flush stdout (`flush=True`, `sys.stdout.flush()`), raising what fails.
pub fn try_flush_stdout() -> Result<(), PyErr> {
    let mut g = stdout_lock();
    match g.as_mut().map(|w| w.flush()) {
        Some(Err(e)) => Err(stdout_failed(&mut g, &e)),
        _ => Ok(()),
    }
}

/// Flush stdout before something else is written (stderr, a report); a failure is
/// left for the exit's flush to report.
pub fn flush_stdout() {
    if let Some(w) = stdout_lock().as_mut() {
        let _ = w.flush();
    }
}

/// Write bytes to the buffered stdout (`sys.stdout.buffer.write`), raising what fails.
pub fn write_stdout_bytes(b: &[u8]) -> Result<(), PyErr> {
    if let Ok(s) = std::str::from_utf8(b) {
        if CAPTURE.with(|c| c.borrow().is_some()) {
            return write_stdout(s);
        }
    }
    let mut g = stdout_lock();
    let w = g.get_or_insert_with(|| std::io::BufWriter::with_capacity(1 << 16, std::io::stdout()));
    match w.write_all(b) {
        Ok(()) => Ok(()),
        Err(e) => Err(stdout_failed(&mut g, &e)),
    }
}

/// The last flush, at exit: `false` if it failed, after CPython's report of it
/// (`Exception ignored in: <stdout>` and the error; the exit status is then 120).
pub fn flush_at_exit() -> bool {
    let failed = match stdout_lock().as_mut().map(|w| w.flush()) {
        Some(Err(e)) => e,
        _ => return true,
    };
    let err = crate::objects::os_error::from_io(&failed, None);
    let errno = failed.raw_os_error().unwrap_or(0);
    let text = format!(
        "{}: [Errno {errno}] {}",
        err.0.typ.name,
        crate::objects::os_error::strerror(errno)
    );
    let _ = std::io::stderr().write_all(
        format!(
            "Exception ignored in: <_io.TextIOWrapper name='<stdout>' mode='w' encoding='utf-8'>\n{text}\n"
        )
        .as_bytes(),
    );
    false
}

/// After a panic: write out what the program printed, if stdout is free.
pub fn flush_after_panic() {
    if let Ok(mut g) = STDOUT.try_lock() {
        if let Some(w) = g.as_mut() {
            let _ = w.flush();
        }
    }
}

/// Write to stderr (after flushing stdout, so interleaving matches a terminal).
pub fn write_stderr(s: &str) {
    // Lone surrogates as CPython's stderr (`backslashreplace`) writes them.
    write_stderr_bytes(crate::objects::str::backslash_surrogates(s).as_bytes());
}

/// Write bytes to stderr, after flushing stdout (reports: a failure is ignored).
pub fn write_stderr_bytes(b: &[u8]) {
    flush_stdout();
    let _ = std::io::stderr().write_all(b);
}

/// `sys.stderr.write`: unbuffered; a failed write is raised (`BrokenPipeError`).
pub fn try_write_stderr(b: &[u8]) -> Result<(), PyErr> {
    flush_stdout();
    std::io::stderr()
        .write_all(b)
        .map_err(|e| crate::objects::os_error::from_io(&e, None))
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
        name: "get_int_max_str_digits",
        f: get_int_max_str_digits,
        soft: None,
    },
    NativeDef {
        name: "set_int_max_str_digits",
        f: set_int_max_str_digits,
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

static MORE_FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "_getframe" => getframe, "getdefaultencoding" => getdefaultencoding,
    "getfilesystemencoding" => getdefaultencoding,
    "getfilesystemencodeerrors" => getfilesystemencodeerrors, "intern" => intern,
    "getrefcount" => getrefcount, "getsizeof" => getsizeof, "is_finalizing" => is_finalizing,
    "audit" => audit, "addaudithook" => audit, "gettrace" => gettrace, "getprofile" => gettrace,
    "settrace" => settrace, "setprofile" => settrace,
    "get_asyncgen_hooks" => get_asyncgen_hooks, "set_asyncgen_hooks" => set_asyncgen_hooks,
];

/// The type of `sys.get_asyncgen_hooks()`'s result.
static ASYNCGEN_HOOKS: OnceLock<Arc<crate::objects::types::PyType>> = OnceLock::new();

/// `sys.get_asyncgen_hooks()`: the running micro-thread's `(firstiter, finalizer)`.
fn get_asyncgen_hooks(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("get_asyncgen_hooks", 0, 0)?;
    let t = ASYNCGEN_HOOKS.get_or_init(|| {
        super::structseq::new_type(
            cx.gil,
            "builtins",
            "asyncgen_hooks",
            &["firstiter", "finalizer"],
        )
    });
    let hooks = cx.asyncgen_hooks().to_vec();
    Ok(super::structseq::make(cx.gil, t, hooks))
}

/// `sys.set_asyncgen_hooks(firstiter=..., finalizer=...)`: set either or both hooks
/// of the running micro-thread (`None` removes one; one not given stays).
fn set_asyncgen_hooks(cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    let mut given = [args.take_kw("firstiter"), args.take_kw("finalizer")];
    if let Some((k, _)) = args.kw.first() {
        return Err(type_error(format!(
            "'{k}' is an invalid keyword argument for this function"
        ))
        .into());
    }
    if args.len() > 2 {
        return Err(type_error(format!(
            "function takes at most 2 arguments ({} given)",
            args.len() + given.iter().flatten().count()
        ))
        .into());
    }
    for (i, slot) in given.iter_mut().enumerate() {
        if let Some(v) = args.get(i) {
            if slot.is_some() {
                let name = ["firstiter", "finalizer"][i];
                return Err(type_error(format!(
                    "argument for function given by name ('{name}') and position ({})",
                    i + 1
                ))
                .into());
            }
            *slot = Some(v.clone());
        }
    }
    // Both are checked (the finalizer first) before either is set, as CPython does.
    for (hook, name) in given.iter().zip(["firstiter", "finalizer"]).rev() {
        if let Some(v) = hook {
            if !matches!(v, Value::None) && !super::builtins::callable_value(cx.gil, v) {
                return Err(type_error(format!(
                    "callable {name} expected, got {}",
                    crate::objects::types::type_name(v)
                ))
                .into());
            }
        }
    }
    for (i, hook) in given.into_iter().enumerate() {
        if let Some(v) = hook {
            cx.set_asyncgen_hook(i, v);
        }
    }
    Ok(Value::None)
}

/// `sys._getframe(depth=0)`: the frame `depth` calls above the caller.
fn getframe(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("_getframe", 0, 1)?;
    let depth = match args.get(0) {
        Some(v) => arg_int(v, "")?,
        None => 0,
    };
    let found = usize::try_from(depth)
        .ok()
        .and_then(|d| super::frame::get(cx, d));
    found.ok_or_else(|| value_error("call stack is not deep enough").into())
}

fn getdefaultencoding(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("getdefaultencoding", 0, 0)?;
    Ok(Value::str("utf-8"))
}

fn getfilesystemencodeerrors(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("getfilesystemencodeerrors", 0, 0)?;
    Ok(Value::str("surrogateescape"))
}

/// `sys.intern(s)`: the string itself (pyvm shares string storage already).
fn intern(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("intern", 1, 1)?;
    match args.at(0) {
        v @ Value::Str(_) => Ok(v.clone()),
        other => Err(type_error(format!(
            "intern() argument must be str, not {}",
            crate::objects::types::type_name(other)
        ))
        .into()),
    }
}

/// `sys.getrefcount(x)`: how many references the object has (the argument's own
/// counted, as CPython counts it).
fn getrefcount(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("getrefcount", 1, 1)?;
    let v = args.at(0);
    let n = match v {
        Value::Str(a) => Arc::strong_count(a),
        Value::List(a) => Arc::strong_count(a),
        Value::Dict(a) => Arc::strong_count(a),
        Value::Tuple(a) => Arc::strong_count(a),
        Value::Instance(a) => Arc::strong_count(a),
        Value::Function(a) => Arc::strong_count(a),
        Value::Type(a) => Arc::strong_count(a),
        Value::Module(a) => Arc::strong_count(a),
        Value::Object(a) => Arc::strong_count(a),
        // Small ints, None, booleans: shared by everything, like CPython's immortals.
        _ => return Ok(Value::Int(u32::MAX as i64)),
    };
    Ok(Value::Int(n as i64))
}

/// `sys.getsizeof(x)`: the bytes the object's own storage takes (an estimate: its
/// value slot and the heap block it points to, not the objects it refers to).
fn getsizeof(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("getsizeof", 1, 2)?;
    let g = cx.gil;
    let n = match args.at(0) {
        Value::Str(s) => 49 + s.as_str().len(),
        Value::Bytes(b) => 33 + b.len(),
        Value::ByteArray(b) => 57 + b.borrow(g).capacity(),
        Value::List(l) => 56 + 8 * l.borrow(g).capacity(),
        Value::Tuple(t) => 40 + 8 * t.len(),
        Value::Dict(d) => 64 + 24 * d.borrow(g).len().next_power_of_two(),
        Value::Int(_) | Value::Bool(_) => 28,
        Value::Float(_) => 24,
        Value::Complex(_) => 32,
        Value::None => 16,
        _ => 48,
    };
    Ok(Value::Int(n as i64))
}

fn is_finalizing(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("is_finalizing", 0, 0)?;
    Ok(Value::bool(false))
}

/// `sys.audit` / `sys.addaudithook`: pyvm raises no audit events (accepted, ignored).
fn audit(_cx: &mut Cx, _args: Args) -> PyResult<Value> {
    Ok(Value::None)
}

fn gettrace(_cx: &mut Cx, _args: Args) -> PyResult<Value> {
    Ok(Value::None)
}

/// `sys.settrace` / `sys.setprofile`: tracing is not supported; only `None` (off).
fn settrace(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("settrace", 1, 1)?;
    if args.at(0).is(&Value::None) {
        return Ok(Value::None);
    }
    Err(runtime_error(
        "sys.settrace()/setprofile() tracing functions are not supported by pyvm yet",
    )
    .into())
}

/// The struct sequences and plain values of `sys` CPython programs read.
fn add_info(gil: Gil<'_>, m: &Module) {
    use super::structseq::{make, new_type};
    let vi = new_type(
        gil,
        "sys",
        "version_info",
        &["major", "minor", "micro", "releaselevel", "serial"],
    );
    m.set(
        gil,
        "version_info",
        make(
            gil,
            &vi,
            vec![
                Value::Int(3),
                Value::Int(11),
                Value::Int(0),
                Value::str("final"),
                Value::Int(0),
            ],
        ),
    );
    m.set(gil, "hexversion", Value::Int(0x030b_00f0));
    m.set(gil, "api_version", Value::Int(1013));
    let o = options();
    let flags = [
        ("debug", o.debug),
        ("inspect", o.inspect),
        ("interactive", o.interactive),
        ("optimize", o.optimize),
        ("dont_write_bytecode", o.dont_write_bytecode),
        ("no_user_site", o.no_user_site),
        ("no_site", o.no_site),
        ("ignore_environment", o.ignore_environment),
        ("verbose", o.verbose),
        ("bytes_warning", o.bytes_warning),
        ("quiet", o.quiet),
        ("hash_randomization", 1),
        ("isolated", o.isolated),
        ("dev_mode", 0),
        ("utf8_mode", o.utf8_mode),
        ("warn_default_encoding", o.warn_default_encoding),
        ("safe_path", 0),
        ("int_max_str_digits", -1),
    ];
    let ft = new_type(gil, "sys", "flags", &flags.map(|(n, _)| n));
    let mut items: Vec<Value> = flags.iter().map(|(_, v)| Value::Int(*v)).collect();
    items[11] = Value::Int(crate::objects::hash::randomized() as i64);
    items[17] = Value::Int(STARTUP_MAX_STR_DIGITS.load(std::sync::atomic::Ordering::Relaxed));
    items[13] = Value::bool(o.dev_mode);
    items[16] = Value::bool(o.safe_path != 0);
    m.set(gil, "flags", make(gil, &ft, items));
    let fi = new_type(
        gil,
        "sys",
        "float_info",
        &[
            "max",
            "max_exp",
            "max_10_exp",
            "min",
            "min_exp",
            "min_10_exp",
            "dig",
            "mant_dig",
            "epsilon",
            "radix",
            "rounds",
        ],
    );
    m.set(
        gil,
        "float_info",
        make(
            gil,
            &fi,
            vec![
                Value::float(f64::MAX),
                Value::Int(f64::MAX_EXP as i64),
                Value::Int(f64::MAX_10_EXP as i64),
                Value::float(f64::MIN_POSITIVE),
                Value::Int(f64::MIN_EXP as i64),
                Value::Int(f64::MIN_10_EXP as i64),
                Value::Int(f64::DIGITS as i64),
                Value::Int(f64::MANTISSA_DIGITS as i64),
                Value::float(f64::EPSILON),
                Value::Int(2),
                Value::Int(1),
            ],
        ),
    );
    let ii = new_type(
        gil,
        "sys",
        "int_info",
        &[
            "bits_per_digit",
            "sizeof_digit",
            "default_max_str_digits",
            "str_digits_check_threshold",
        ],
    );
    m.set(
        gil,
        "int_info",
        make(
            gil,
            &ii,
            vec![
                Value::Int(30),
                Value::Int(4),
                Value::Int(4300),
                Value::Int(640),
            ],
        ),
    );
    let hi = new_type(
        gil,
        "sys",
        "hash_info",
        &[
            "width",
            "modulus",
            "inf",
            "nan",
            "imag",
            "algorithm",
            "hash_bits",
            "seed_bits",
            "cutoff",
        ],
    );
    m.set(
        gil,
        "hash_info",
        make(
            gil,
            &hi,
            vec![
                Value::Int(64),
                Value::Int((1 << 61) - 1),
                Value::Int(314_159),
                Value::Int(0),
                Value::Int(1_000_003),
                Value::str("siphash13"),
                Value::Int(64),
                Value::Int(128),
                Value::Int(0),
            ],
        ),
    );
    let ti = new_type(gil, "sys", "thread_info", &["name", "lock", "version"]);
    m.set(
        gil,
        "thread_info",
        make(
            gil,
            &ti,
            vec![Value::str("pthread"), Value::str("mutex+cond"), Value::None],
        ),
    );
    let imp = new_type(
        gil,
        "sys",
        "implementation",
        &["name", "cache_tag", "version", "hexversion", "_multiarch"],
    );
    let version = m.get(gil, "version_info").unwrap_or(Value::None);
    m.set(
        gil,
        "implementation",
        make(
            gil,
            &imp,
            vec![
                Value::str("pyvm"),
                Value::None,
                version,
                Value::Int(0x030b_00f0),
                Value::str("x86_64-linux-gnu"),
            ],
        ),
    );
    m.set(gil, "maxunicode", Value::Int(0x10_ffff));
    m.set(gil, "float_repr_style", Value::str("short"));
    let strings = |v: &[String]| Value::list(v.iter().map(|s| Value::str(s)).collect());
    m.set(gil, "warnoptions", strings(&o.warnoptions));
    m.set(gil, "orig_argv", strings(&o.orig_argv));
    let mut xo = crate::objects::dict::Dict::new();
    for x in &o.xoptions {
        let (k, v) = match x.split_once('=') {
            Some((k, v)) => (k, Value::str(v)),
            None => (x.as_str(), Value::bool(true)),
        };
        let _ = xo.insert(Value::str(k), v);
    }
    m.set(gil, "_xoptions", Value::dict(xo));
    m.set(gil, "abiflags", Value::str(""));
    m.set(gil, "platlibdir", Value::str("lib"));
    m.set(
        gil,
        "dont_write_bytecode",
        Value::bool(o.dont_write_bytecode != 0),
    );
    m.set(gil, "pycache_prefix", Value::None);
    m.set(gil, "meta_path", Value::list(Vec::new()));
    m.set(gil, "path_hooks", Value::list(Vec::new()));
    m.set(
        gil,
        "path_importer_cache",
        Value::dict(crate::objects::dict::Dict::new()),
    );
    let exe = std::env::current_exe()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    m.set(gil, "executable", Value::string(exe.clone()));
    m.set(gil, "_base_executable", Value::string(exe));
    // The prefix is the standard library's: `<prefix>/lib/python3.11`.
    let prefix = super::stdlib::path()
        .and_then(|p| p.parent()?.parent())
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "/usr".to_owned());
    for k in ["prefix", "base_prefix", "exec_prefix", "base_exec_prefix"] {
        m.set(gil, k, Value::string(prefix.clone()));
    }
    if let Some(p) = super::stdlib::path() {
        m.set(gil, "_stdlib_dir", Value::string(p.display().to_string()));
    }
    m.set(
        gil,
        "copyright",
        Value::str("Copyright (c) 2001-2023 Python Software Foundation.\nAll Rights Reserved."),
    );
    let mut names = crate::objects::set::Set::new();
    for n in super::stdlib::NAMES {
        let _ = names.insert(Value::str(n));
    }
    m.set(
        gil,
        "stdlib_module_names",
        Value::FrozenSet(Arc::new(names)),
    );
    let builtin: Vec<Value> = super::BUILTIN_NAMES.iter().map(|n| Value::str(n)).collect();
    m.set(gil, "builtin_module_names", Value::tuple(builtin));
    for f in MORE_FUNCS {
        m.set(gil, f.name, Value::Native(f));
    }
}

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

/// The `sys` module (one per process).
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    SYS.get_or_init(|| {
        let m = Module::with_functions(gil, "sys", SYS_FUNCS);
        let argv = ARGV.lock().unwrap_or_else(|p| p.into_inner()).clone();
        m.set(
            gil,
            "argv",
            Value::list(argv.into_iter().map(Value::string).collect()),
        );
        m.set(gil, "maxsize", Value::Int(i64::MAX));
        add_info(gil, &m);
        m.set(gil, "platform", Value::str(std::env::consts::OS));
        m.set(gil, "byteorder", Value::str("little"));
        // In the shape `platform` parses ("X.Y.Z (build) [compiler]"), so
        // `platform.python_implementation()` and friends answer instead of raising.
        m.set(
            gil,
            "version",
            Value::string(format!(
                "3.11.0 (pyvm {}) [Rust]",
                env!("CARGO_PKG_VERSION")
            )),
        );
        m.set(
            gil,
            "path",
            Value::list(vec![Value::str(super::FROZEN_PATH)]),
        );
        m.set(gil, "modules", Value::Dict(super::sys_modules().clone()));
        for (fd, name) in ["stdin", "stdout", "stderr"].into_iter().enumerate() {
            let s = super::stdio::stream(fd as i32);
            m.set(gil, name, s.clone());
            m.set(gil, &format!("__{name}__"), s);
        }
        m.set(gil, "unraisablehook", Value::Native(&UNRAISABLEHOOK));
        m.set(gil, "displayhook", Value::Native(&DISPLAYHOOK));
        m.set(gil, "excepthook", Value::Native(&EXCEPTHOOK));
        m.set(gil, "__excepthook__", Value::Native(&EXCEPTHOOK));
        m.set(gil, "__displayhook__", Value::Native(&DISPLAYHOOK));
        m.set(gil, "__unraisablehook__", Value::Native(&UNRAISABLEHOOK));
        m.set(gil, "breakpointhook", Value::Native(&BREAKPOINTHOOK));
        m.set(gil, "__breakpointhook__", Value::Native(&BREAKPOINTHOOK));
        m.set(
            gil,
            "UnraisableHookArgs",
            Value::Type(unraisable_args_type(gil).clone()),
        );
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
    Ok(Value::Int(cx.asked_recursion_limit() as i64))
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

/// `sys.get_int_max_str_digits()`: the digit limit of `int`/`str` conversions.
fn get_int_max_str_digits(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("sys.get_int_max_str_digits", 0, 0)?;
    Ok(Value::Int(crate::objects::int::max_str_digits() as i64))
}

/// `sys.set_int_max_str_digits(maxdigits)`: 0 (no limit) or 640 and up.
fn set_int_max_str_digits(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let a = clinic(args, "set_int_max_str_digits", &["maxdigits"], 1, 1)?;
    let v = a[0].clone().unwrap_or(Value::None);
    let n = match v {
        Value::Big(_) => None,
        v => i32::try_from(arg_int(&v, "")?).ok(),
    };
    let n = n.ok_or_else(|| overflow_error("Python int too large to convert to C int"))?;
    if n != 0 && (n as i64) < crate::objects::int::STR_DIGITS_THRESHOLD as i64 {
        return Err(value_error("maxdigits must be 0 or larger than 640").into());
    }
    crate::objects::int::set_max_str_digits(n.max(0) as usize);
    Ok(Value::None)
}

/// The limit given at start-up (`PYTHONINTMAXSTRDIGITS`, `-X int_max_str_digits`),
/// -1 when none was: `sys.flags.int_max_str_digits`.
static STARTUP_MAX_STR_DIGITS: std::sync::atomic::AtomicI64 = std::sync::atomic::AtomicI64::new(-1);

/// Set the digit limit from `-X int_max_str_digits` (which wins) or the value of
/// `PYTHONINTMAXSTRDIGITS` (`None` when unset or ignored), before the program runs;
/// `Err` with CPython's fatal message for a bad value.
pub fn init_int_max_str_digits(x_option: Option<&str>, env: Option<&str>) -> Result<(), String> {
    let (what, text) = match (x_option, env) {
        (Some(x), _) => ("-X int_max_str_digits", x),
        (None, Some(e)) if !e.is_empty() => ("PYTHONINTMAXSTRDIGITS", e),
        _ => return Ok(()),
    };
    let n = crate::objects::int::parse_max_str_digits(text)
        .ok_or_else(|| format!("{what}: invalid limit; must be >= 640 or 0 for unlimited."))?;
    crate::objects::int::set_max_str_digits(n);
    STARTUP_MAX_STR_DIGITS.store(n as i64, std::sync::atomic::Ordering::Relaxed);
    Ok(())
}

/// `sys.getswitchinterval()`: how long a thread waits for the GIL before asking the
/// holder to hand it over (seconds).
fn getswitchinterval(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("sys.getswitchinterval", 0, 0)?;
    Ok(Value::float(crate::objects::gil::switch_interval()))
}

/// `sys.setswitchinterval(seconds)`.
fn setswitchinterval(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("sys.setswitchinterval", 1, 1)?;
    let t = match args.at(0) {
        Value::Float(f) => f.get(),
        Value::Int(i) => *i as f64,
        Value::Bool(b) => b.get() as i64 as f64,
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

static UNRAISABLEHOOK: NativeDef = NativeDef {
    name: "unraisablehook",
    f: unraisablehook,
    soft: None,
};

/// `sys.UnraisableHookArgs`, the struct sequence `sys.unraisablehook` is given.
pub fn unraisable_args_type(gil: Gil<'_>) -> &'static Arc<crate::objects::types::PyType> {
    static T: OnceLock<Arc<crate::objects::types::PyType>> = OnceLock::new();
    T.get_or_init(|| {
        super::structseq::new_type(
            gil,
            "sys",
            "UnraisableHookArgs",
            &[
                "exc_type",
                "exc_value",
                "exc_traceback",
                "err_msg",
                "object",
            ],
        )
    })
}

/// An exception nobody can catch (raised by a `__del__`, a weak reference's
/// callback, an `atexit` function, a generator closed when dropped): the
/// `sys.UnraisableHookArgs` for `sys.unraisablehook`. `err_msg` `None` is CPython's
/// default, "Exception ignored in".
pub fn unraisable_args(gil: Gil<'_>, err: &PyErr, err_msg: Option<&str>, obj: &Value) -> Value {
    let t = unraisable_args_type(gil);
    let exc = err.value();
    let items = vec![
        Value::Type(err.0.typ.clone()),
        exc.clone(),
        super::traceback::traceback_of(gil, &err.0),
        err_msg.map_or(Value::None, Value::str),
        obj.clone(),
    ];
    super::structseq::make(gil, t, items)
}

/// The hook `sys.unraisablehook` names now.
pub fn unraisable_hook(gil: Gil<'_>) -> Value {
    module(gil)
        .get(gil, "unraisablehook")
        .unwrap_or(Value::Native(&UNRAISABLEHOOK))
}

/// `sys.unraisablehook(unraisable)` (and `sys.__unraisablehook__`): CPython's
/// report on stderr, "Exception ignored in: <object>" then the traceback.
fn unraisablehook(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("unraisablehook", 1, 1)?;
    let u = args.at(0).clone();
    let msg = cx.getattr(&u, "err_msg")?;
    let obj = cx.getattr(&u, "object")?;
    let exc = cx.getattr(&u, "exc_value")?;
    let mut text = match &msg {
        Value::None => "Exception ignored in".to_owned(),
        m => cx.str(m)?,
    };
    if !matches!(obj, Value::None) {
        text.push_str(": ");
        text.push_str(&cx.repr(&obj)?);
    }
    text.push('\n');
    match &exc {
        Value::Exception(e) => {
            let err = PyErr(e.clone());
            text.push_str(&cx.format_exception(&err, None, true, Some(0)).concat());
            // CPython writes `Type: str(value)` here even when the value's text is
            // empty (`KeyboardInterrupt: `), unlike a traceback's last line.
            let plain = cx.str(&exc)?.is_empty()
                && cx.getattr(&exc, "__notes__").is_err()
                && text.ends_with('\n');
            if plain {
                text.pop();
                text.push_str(": \n");
            }
        }
        other => text.push_str(&format!("{}\n", cx.repr(other)?)),
    }
    write_stderr(&text);
    Ok(Value::None)
}

static BREAKPOINTHOOK: NativeDef = NativeDef {
    name: "breakpointhook",
    f: breakpointhook,
    soft: None,
};

/// `sys.breakpointhook(*args, **kws)`, CPython's: `$PYTHONBREAKPOINT` names the
/// callable (`pdb.set_trace` when unset or empty, nothing for `0`, a name without
/// a dot is a built-in); one that cannot be imported is warned about and skipped.
fn breakpointhook(cx: &mut Cx, args: Args) -> PyResult<Value> {
    let env = super::os::env_var(cx.gil, "PYTHONBREAKPOINT")
        .filter(|e| !e.is_empty())
        .unwrap_or_else(|| "pdb.set_trace".to_owned());
    if env == "0" {
        return Ok(Value::None);
    }
    let (module_path, attr) = match env.rfind('.') {
        None => ("builtins", env.as_str()),
        Some(i) if i > 0 => (&env[..i], &env[i + 1..]),
        Some(_) => ("", ""),
    };
    let types = crate::objects::types::types();
    let hook = if module_path.is_empty() {
        None
    } else {
        let import = crate::native::builtin_function(cx.gil, "__import__");
        // `__import__('a.b', fromlist=['*'])` gives `a.b` itself (PyImport_Import).
        let imported = cx.call_args(
            &import,
            Args {
                pos: [Value::string(module_path.to_owned())]
                    .into_iter()
                    .collect(),
                kw: vec![("fromlist".into(), Value::list(vec![Value::str("*")]))],
            },
        );
        match imported {
            Ok(m) => match cx.getattr(&m, attr) {
                Ok(h) => Some(h),
                Err(deferred::Unwind::Raise(e)) if e.is_instance(&types.exc.attribute_error) => {
                    None
                }
                Err(e) => return Err(e),
            },
            Err(deferred::Unwind::Raise(e)) if e.is_instance(&types.exc.import_error) => None,
            Err(e) => return Err(e),
        }
    };
    match hook {
        Some(h) => cx.call_args(&h, args),
        None => {
            let import = crate::native::builtin_function(cx.gil, "__import__");
            let warnings = cx.call(&import, vec![Value::str("warnings")])?;
            let warn = cx.getattr(&warnings, "warn")?;
            let msg = format!("Ignoring unimportable $PYTHONBREAKPOINT: \"{env}\"");
            cx.call(
                &warn,
                vec![
                    Value::string(msg),
                    Value::Type(types.exc.runtime_warning.clone()),
                ],
            )?;
            Ok(Value::None)
        }
    }
}

static EXCEPTHOOK: NativeDef = NativeDef {
    name: "excepthook",
    f: excepthook,
    soft: None,
};

/// `sys.excepthook(type, value, traceback)`: print the exception's report to
/// `sys.stderr`, as for an uncaught exception.
fn excepthook(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("excepthook", 3, 3)?;
    let text = match args.at(1) {
        Value::Exception(e) => {
            // From the traceback entry given (the tail of the exception's own).
            let err = PyErr(e.clone());
            let from = super::traceback::tb_start(args.at(2));
            cx.display_exception(&err, from)
        }
        Value::None => format!("{}\n", cx.str(args.at(0))?),
        other => format!(
            "TypeError: print_exception(): Exception expected for value, {} found\n",
            crate::objects::types::type_name(other)
        ),
    };
    let err = module(cx.gil).get(cx.gil, "stderr");
    match err {
        Some(e) if !super::stdio::is_std(&e, 2) && !matches!(e, Value::None) => {
            let write = cx.getattr(&e, "write")?;
            cx.call(&write, vec![Value::string(text)])?;
        }
        _ => write_stderr(&text),
    }
    Ok(Value::None)
}

/// `sys.excepthook` when the program replaced it (then an uncaught exception is
/// reported by calling it).
pub fn custom_excepthook(gil: Gil<'_>) -> Option<Value> {
    match module(gil).get(gil, "excepthook") {
        Some(Value::Native(d)) if std::ptr::eq(d, &EXCEPTHOOK) => None,
        other => other,
    }
}

static DISPLAYHOOK: NativeDef = NativeDef {
    name: "displayhook",
    f: displayhook_native,
    soft: None,
};

/// The hook `sys.displayhook` names now (what interactive code shows values with).
pub fn displayhook(gil: Gil<'_>) -> Value {
    module(gil)
        .get(gil, "displayhook")
        .unwrap_or(Value::Native(&DISPLAYHOOK))
}

/// `sys.displayhook(value)`: print `repr(value)` to `sys.stdout` and keep it in
/// `builtins._` (nothing for `None`).
fn displayhook_native(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("displayhook", 1, 1)?;
    let v = args.at(0).clone();
    if matches!(v, Value::None) {
        return Ok(Value::None);
    }
    let b = super::builtins_module();
    b.set(cx.gil, "_", Value::None);
    let text = cx.repr(&v)?;
    let out = cx.getattr(&Value::Module(module(cx.gil).clone()), "stdout")?;
    let write = cx.getattr(&out, "write")?;
    cx.call(&write, vec![Value::string(text + "\n")])?;
    b.set(cx.gil, "_", v);
    Ok(Value::None)
}
