//! `_micro_thread`, the native half of the `micro_thread` module (the Python half,
//! `pyvm/lib/micro_thread.py`, builds `start_and_forget`, `generate`,
//! `parallel_map`, `put` and `take_from` on it, so that their loops are Python frames
//! that can be suspended).

pub mod pipe;
pub mod thread_obj;

use crate::objects::rc::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

use crate::native::driver::{self, NewThread, ThreadObj};
use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::module::Module;
use crate::objects::object::Object;
use pipe::{pipe_of, Pipe};
use thread_obj::{Fate, ThreadData, ThreadHandle};

static FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "_start" => start, "start_and_forget" => start_and_forget, "micro_pipe" => micro_pipe, "current" => current, "dump" => dump,
    "_stdin" => stdin, "_stdout" => stdout, "_enter_atomic" => enter_atomic,
    "_exit_atomic" => exit_atomic, "runnable" => runnable,
    "_start_timeout" => start_timeout, "_end_timeout" => end_timeout,
    "set_watchdog" => set_watchdog, "set_strict" => set_strict,
    "hard_switches" => hard_switches, "set_preemption" => set_preemption,
];

/// A number of seconds for `what()` (`None` too when `none_ok`): non-negative, not
/// NaN, with the module's wording of the errors.
fn seconds(v: &Value, what: &str, none_ok: bool) -> Result<Option<f64>, PyErr> {
    let secs = match &crate::objects::class::unwrap_number(v) {
        Value::None if none_ok => return Ok(None),
        // Read as CPython reads a lock's timeout: `timeout(2**70)` and `inf`
        // overflow its 64-bit nanoseconds (OverflowError).
        Value::Float(f) if f.get().is_nan() => f.get(),
        n @ (Value::Int(_) | Value::Big(_) | Value::Float(_) | Value::Bool(_)) => {
            crate::modules::time::timeout_seconds(n)?
        }
        v => {
            return Err(type_error(format!(
                "{what}() argument must be a number{}, not '{}'",
                if none_ok { " or None" } else { "" },
                crate::objects::types::type_name(v)
            )))
        }
    };
    if secs.is_nan() || secs < 0.0 {
        return Err(value_error(format!(
            "{what}() argument must be non-negative"
        )));
    }
    Ok(Some(secs))
}

/// `secs` (checked by [`seconds`]) as a `Duration`; one too long for it (`timeout(1e20)`,
/// `inf`) is the longest, which the reactor takes as never.
fn duration(secs: f64) -> std::time::Duration {
    std::time::Duration::try_from_secs_f64(secs).unwrap_or(std::time::Duration::MAX)
}

/// `set_preemption(seconds)`: a micro-thread that runs this long without waiting
/// while others are runnable is switched out at its next backward jump (never inside
/// `atomic()`, never with a built-in on its stack); `None` or 0 turns it off (the
/// default: cooperative code keeps its atomicity). Returns the previous slice.
fn set_preemption(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("set_preemption", 1, 1)?;
    let slice = seconds(args.at(0), "set_preemption", true)?;
    let before = driver::preemption();
    let d = slice.filter(|s| *s > 0.0).map(duration);
    driver::set_preemption(d);
    Ok(before.map_or(Value::None, |d| Value::float(d.as_secs_f64())))
}

/// `set_strict(flag)`: with it on, a wait that would suspend a built-in on its worker
/// stack (a hard switch) raises the proposal's "Deferred execution not yet implemented
/// by <built-in>" instead, naming the built-in, so slow paths can be found. Returns
/// the previous setting.
fn set_strict(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("set_strict", 1, 1)?;
    let on = cx.truthy(args.at(0))?;
    Ok(Value::bool(driver::set_strict(on)))
}

/// `hard_switches()`: how many times a micro-thread of this OS thread was suspended
/// with a built-in on its worker stack.
fn hard_switches(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("hard_switches", 0, 0)?;
    Ok(Value::Int(driver::hard_switches() as i64))
}

/// `set_watchdog(seconds)`: warn about a micro-thread that runs this long without
/// deferring (0 or `None`: never).
fn set_watchdog(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("set_watchdog", 1, 1)?;
    let secs = seconds(args.at(0), "set_watchdog", true)?.unwrap_or(0.0);
    driver::set_watchdog((secs > 0.0).then(|| duration(secs)));
    Ok(Value::None)
}

thread_local! {
    static TIMEOUTS: std::cell::RefCell<std::collections::HashMap<i64, std::sync::Arc<std::sync::atomic::AtomicBool>>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

/// `_start_timeout(seconds)`: a key for `_end_timeout`.
fn start_timeout(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("_start_timeout", 1, 1)?;
    let secs = seconds(args.at(0), "timeout", false)?.unwrap_or(0.0);
    let Some(id) = cx.me() else {
        return Err(runtime_error("timeout() needs a running reactor").into());
    };
    static NEXT: AtomicU64 = AtomicU64::new(1);
    let key = NEXT.fetch_add(1, Ordering::Relaxed) as i64;
    let ended = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    TIMEOUTS.with(|t| t.borrow_mut().insert(key, ended.clone()));
    driver::timeout(id, duration(secs), ended);
    Ok(Value::Int(key))
}

fn end_timeout(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("_end_timeout", 1, 1)?;
    if let Value::Int(key) = args.at(0) {
        if let Some(flag) = TIMEOUTS.with(|t| t.borrow_mut().remove(key)) {
            driver::timeout_over(&flag);
        }
    }
    Ok(Value::None)
}

static MODULE: OnceLock<Arc<Module>> = OnceLock::new();

// `MicroThreadExit` (and `DeadlockError`) are the driver's: it raises them.
pub use driver::{exit_type, micro_thread_exit};

/// The `_micro_thread` module.
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    MODULE.get_or_init(|| {
        let m = Module::with_functions(gil, "_micro_thread", FUNCS);
        m.set(gil, "MicroThreadExit", Value::Type(exit_type()));
        m.set(gil, "DeadlockError", Value::Type(driver::deadlock_type()));
        Arc::new(m)
    })
}

/// A function of the Python half (`micro_thread.py`), once it is imported.
pub fn python_helper(gil: Gil<'_>, name: &str) -> Option<Value> {
    crate::modules::loaded_attr(gil, "micro_thread", name)
}

static SEQ: AtomicU64 = AtomicU64::new(1);

/// `_start(function, args, kwargs, fate, handler, stdin, stdout)`: a new micro-thread
/// calling `function(*args, **kwargs)`; `fate` is "forget", "parallel" or "generate".
fn start(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("_start", 7, 7)?;
    let f = args.at(0).clone();
    let fate = match args.at(3).as_str() {
        Some("parallel") => Fate::Parallel,
        Some("generate") => Fate::Generate,
        _ => Fate::Forget(match args.at(4) {
            Value::None => None,
            h => Some(h.clone()),
        }),
    };
    let (pos, kw) = call_args(cx, args.at(1), args.at(2));
    start_thread(cx, f, pos, kw, fate, args.at(5), args.at(6))
}

/// `start_and_forget(function, *args, exception_handler=None, stdin=None,
/// stdout=None, **kws)`: run `function(*args, **kws)` in a new micro-thread; its
/// result is dropped and an uncaught exception goes to `exception_handler` (default:
/// print it). Native, so starting one runs no Python frame of its own.
fn start_and_forget(cx: &mut Cx, args: Args) -> PyResult<Value> {
    const NAME: &str = "start_and_forget";
    let Args { pos, mut kw } = args;
    let mut pos = pos.into_iter();
    let given = kw.iter().position(|(k, _)| k == "function");
    let f = match (pos.next(), given) {
        (Some(_), Some(_)) => {
            return Err(type_error(format!(
                "{NAME}() got multiple values for argument 'function'"
            ))
            .into())
        }
        (Some(f), None) => f,
        (None, Some(i)) => kw.remove(i).1,
        (None, None) => {
            return Err(type_error(format!(
                "{NAME}() missing 1 required positional argument: 'function'"
            ))
            .into())
        }
    };
    let mut take = |name: &str| match kw.iter().position(|(k, _)| k == name) {
        Some(i) => kw.remove(i).1,
        None => Value::None,
    };
    let handler = take("exception_handler");
    let (stdin, stdout) = (take("stdin"), take("stdout"));
    let fate = Fate::Forget((!matches!(handler, Value::None)).then_some(handler));
    start_thread(cx, f, pos.collect(), kw, fate, &stdin, &stdout)
}

/// Start a micro-thread calling `f(*pos, **kw)` with its `fate` and pipes (`None`
/// for none): `_start` and `start_and_forget`.
fn start_thread(
    cx: &mut Cx,
    f: Value,
    pos: Vec<Value>,
    kw: Vec<(String, Value)>,
    fate: Fate,
    stdin: &Value,
    stdout: &Value,
) -> PyResult<Value> {
    let stdin = match stdin {
        Value::None => None,
        v if pipe_of(v).is_some() => Some(v.clone()),
        // Any iterable: `next()` and `iter()` in the thread read it.
        v => Some(cx.iter(v)?),
    };
    let stdout = match stdout {
        Value::None => None,
        Value::Object(o) if o.0.as_any().is::<Pipe>() => Some(o.clone()),
        other => {
            return Err(type_error(format!(
                "stdout must be a micro_pipe, not {}",
                crate::objects::types::type_name(other)
            ))
            .into())
        }
    };
    let (th, obj) = prepare_with(cx, f, pos, kw, fate, stdin, stdout)?;
    if driver::current_id().is_none() {
        return Err(
            runtime_error("micro_threads need the reactor (run the program with pyvm)").into(),
        );
    }
    driver::spawn(th)?;
    Ok(Value::Object(Arc::new(Object(Box::new(ThreadHandle(obj))))))
}

/// The positional and keyword arguments of `function(*args, **kwargs)`.
fn call_args(cx: &Cx, args: &Value, kwargs: &Value) -> (Vec<Value>, Vec<(String, Value)>) {
    let pos: Vec<Value> = match args {
        Value::Tuple(t) => t.to_vec(),
        _ => Vec::new(),
    };
    let mut kw = Vec::new();
    if let Value::Dict(d) = kwargs {
        for (k, v) in d.borrow(cx.gil).iter() {
            kw.push((k.as_str().unwrap_or("").to_owned(), v.clone()));
        }
    }
    (pos, kw)
}

/// A new micro-thread (not started) whose first frame calls `f(*args, **kwargs)`,
/// and its thread object.
pub fn prepare(
    cx: &mut Cx,
    f: Value,
    args: Value,
    kwargs: Value,
    fate: Fate,
) -> PyResult<NewThread> {
    let (pos, kw) = call_args(cx, &args, &kwargs);
    Ok(prepare_with(cx, f, pos, kw, fate, None, None)?.0)
}

fn prepare_with(
    cx: &mut Cx,
    f: Value,
    pos: Vec<Value>,
    kw: Vec<(String, Value)>,
    fate: Fate,
    stdin: Option<Value>,
    stdout: Option<Arc<Object>>,
) -> PyResult<(NewThread, std::sync::Arc<ThreadObj>)> {
    // Its name is the function's and a number, formatted only when asked for; a
    // `def`'s name is its code object's string, shared.
    let base: std::sync::Arc<str> = match &f {
        // (`__name__` as the program set it, if it did.)
        Value::Function(func) => match func.attr(cx.gil, "__name__") {
            Some(n) => n.as_str().unwrap_or(&func.name).into(),
            None if *func.code.name == *func.name => func.code.name.clone(),
            None => func.name.as_str().into(),
        },
        other => cx
            .getattr(other, "__name__")
            .ok()
            .and_then(|n| n.as_str().map(Into::into))
            .unwrap_or_else(|| "micro_thread".into()),
    };
    let name = driver::ThreadName::new(base, SEQ.fetch_add(1, Ordering::Relaxed));
    let obj = ThreadObj::new(name, cx.call_site(), ThreadData::boxed(fate, stdin, stdout));
    // The new micro-thread's first frame: `function(*args, **kwargs)`.
    // A Python function's frame is pushed directly (its arguments bound now); any
    // other callable is called by a one-line Python bootstrap when the thread starts.
    let (callee, call_args) = if let Value::Function(_) = f {
        (
            f,
            Args {
                pos: pos.into_iter().collect(),
                kw,
            },
        )
    } else {
        let mut d = crate::objects::dict::Dict::new();
        for (k, v) in kw {
            d.insert(Value::string(k), v)?;
        }
        (
            bootstrap(cx.gil),
            Args::new([f, Value::tuple(pos), Value::dict(d)]),
        )
    };
    let th = driver::new_thread(cx, obj.clone(), callee, call_args)?;
    Ok((th, obj))
}

/// `def __bootstrap__(f, a, k): return f(*a, **k)`: the first frame of every
/// micro-thread, so that its function runs when the thread starts, not before.
fn bootstrap(gil: Gil<'_>) -> Value {
    static BOOT: OnceLock<Value> = OnceLock::new();
    BOOT.get_or_init(|| {
        let code = crate::compile::compile(
            "def __bootstrap__(f, a, k):\n    return f(*a, **k)\n",
            driver::BOOTSTRAP_FILE,
        )
        .expect("the bootstrap compiles");
        let globals = Arc::new(crate::objects::gil::GilCell::new(
            crate::objects::dict::Dict::new(),
        ));
        let _ = exec_code(gil, code, &globals);
        let f = globals
            .borrow(gil)
            .get_str(&crate::objects::str::PyStr::new("__bootstrap__".to_owned()));
        f.unwrap_or(Value::None)
    })
    .clone()
}

fn micro_pipe(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("micro_pipe", 0, 0)?;
    Ok(Value::Object(Pipe::new_object()))
}

/// `current()`: the running micro-thread.
fn current(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("current", 0, 0)?;
    match cx.thread() {
        Some(o) => Ok(Value::Object(Arc::new(Object(Box::new(ThreadHandle(o)))))),
        None => Err(runtime_error("no micro_thread is running").into()),
    }
}

/// `dump()`: every micro-thread with its state and stack, on stderr.
fn dump(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("dump", 0, 0)?;
    if !cx.may_wait() {
        return Err(runtime_error("dump() needs a running reactor").into());
    }
    cx.wait("dump", Wait::dump())
}

fn stdin(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("_stdin", 0, 0)?;
    stdin_of(cx)
}

/// The current micro-thread's stdin, if it has one.
pub fn stdin_opt(cx: &mut Cx) -> Option<Value> {
    cx.with_thread(|o| ThreadData::of(o?)?.stdin())
}

/// The current micro-thread's stdin (a pipe or an iterator).
pub fn stdin_of(cx: &mut Cx) -> PyResult<Value> {
    match stdin_opt(cx) {
        Some(v) => Ok(v),
        None => Err(runtime_error("this micro_thread has no stdin").into()),
    }
}

fn stdout(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("_stdout", 0, 0)?;
    match cx.with_thread(|o| ThreadData::of(o?)?.stdout()) {
        Some(p) => Ok(Value::Object(p)),
        None => Err(runtime_error("this micro_thread has no stdout").into()),
    }
}

fn enter_atomic(_cx: &mut Cx, _args: Args) -> PyResult<Value> {
    driver::atomic(true);
    Ok(Value::None)
}

fn exit_atomic(_cx: &mut Cx, _args: Args) -> PyResult<Value> {
    driver::atomic(false);
    Ok(Value::None)
}

/// `runnable()`: Stackless's `runcount` — the running micro-thread and those scheduled
/// to run (as of when this run began).
fn runnable(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("runnable", 0, 0)?;
    Ok(Value::Int(driver::runnable_count() as i64))
}

/// May reading `v` suspend the micro-thread (a pipe, a generator, an iterable written
/// in Python, or a built-in iterator over one of those)?
pub fn deferrable(gil: Gil<'_>, v: &Value) -> bool {
    deferrable_within(gil, v, DEFERRABLE_DEPTH)
}

/// How deep [`deferrable`] looks into iterators over iterators: past it, the answer
/// is "it may" (the deferral-aware half is right for any iterable, only slower), so
/// `filter(f, filter(f, ...))` a million deep costs a bounded look per call, not a
/// walk of the whole chain (quadratic) with a Rust frame per level.
const DEFERRABLE_DEPTH: u32 = 32;

fn deferrable_within(gil: Gil<'_>, v: &Value, depth: u32) -> bool {
    use crate::objects::iter::Iter;
    if depth == 0 {
        return matches!(v, Value::Iter(_) | Value::Instance(_));
    }
    let deferrable = |v: &Value| deferrable_within(gil, v, depth - 1);
    match v {
        Value::Object(o) => o.0.as_any().is::<Pipe>(),
        Value::Generator(_) => true,
        Value::Instance(_) => {
            crate::objects::class::payload(v).is_none()
                && (crate::objects::class::special(gil, v, "__iter__").is_some()
                    || crate::objects::class::special(gil, v, "__next__").is_some())
        }
        Value::Iter(it) => match &*it.borrow(gil) {
            Iter::Enumerate { inner, .. } => deferrable(inner),
            Iter::Filter { inner, .. } => deferrable(inner),
            Iter::Zip { inners, .. } | Iter::Map { inners, .. } => inners.iter().any(deferrable),
            Iter::Soft { .. } => true,
            _ => false,
        },
        _ => false,
    }
}

/// The deferral-aware Python half of a built-in (`soft`, part of its definition),
/// when an iterable it reads may suspend the micro-thread (see
/// `objects::function::Soft` and `pyvm/lib/_deferrable.py`); `reactive`: a reactor's
/// micro-thread makes the call (the interpreter asks, through
/// `native::deferrable_fallback`).
pub fn fallback(
    gil: Gil<'_>,
    reactive: bool,
    soft: crate::objects::function::Soft,
    args: &Args,
) -> Option<Value> {
    use crate::objects::function::Reads;
    if !reactive {
        return None;
    }
    if soft.reads != Reads::Always {
        let read = soft.reads.range(args.pos.len())?;
        if !args.pos[read].iter().any(|a| deferrable(gil, a)) {
            return None;
        }
    }
    let modules = crate::modules::sys_modules();
    let m = modules.borrow(gil).get_str(&helper_key("_deferrable"))?;
    match m {
        Value::Module(m) => m.dict.borrow(gil).get_str(&helper_key(soft.helper)),
        _ => None,
    }
}

/// The key of a name [`fallback`] looks up, made once per name (with its hash kept)
/// instead of a new string per call of a built-in over a generator.
fn helper_key(name: &'static str) -> std::rc::Rc<crate::objects::str::PyStr> {
    thread_local! {
        static KEYS: std::cell::RefCell<Vec<(&'static str, std::rc::Rc<crate::objects::str::PyStr>)>> =
            const { std::cell::RefCell::new(Vec::new()) };
    }
    KEYS.with(|keys| {
        let mut keys = keys.borrow_mut();
        if let Some((_, k)) = keys.iter().find(|(n, _)| std::ptr::eq(*n, name)) {
            return k.clone();
        }
        let k = std::rc::Rc::new(crate::objects::str::PyStr::new(name.to_owned()));
        keys.push((name, k.clone()));
        k
    })
}
