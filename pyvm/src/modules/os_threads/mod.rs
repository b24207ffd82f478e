//! `_thread`: OS threads, each running its own reactor whose first micro-thread calls
//! the thread's function (`mt/os_thread.rs`), and locks shared by micro-threads and
//! OS threads (`lock.rs`). CPython's documented API, MicroPython's behaviour where
//! they agree.

pub mod lock;

use crate::objects::rc::Arc;
use std::sync::OnceLock;

use crate::native::driver::{self, NewThread};
use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::module::Module;
use crate::objects::types::{types, Kind, PyType};
use lock::{Lock, TIMEOUT_MAX};

static THREAD: OnceLock<Arc<Module>> = OnceLock::new();
static LOCK_TYPE: OnceLock<Arc<PyType>> = OnceLock::new();
static RLOCK_TYPE: OnceLock<Arc<PyType>> = OnceLock::new();
static HOOK_ARGS: OnceLock<Arc<PyType>> = OnceLock::new();

/// `_thread._ExceptHookArgs`: what `threading.excepthook` is given.
fn except_hook_args(gil: Gil<'_>) -> &'static Arc<PyType> {
    HOOK_ARGS.get_or_init(|| {
        crate::modules::structseq::new_type(
            gil,
            "_thread",
            "_ExceptHookArgs",
            &["exc_type", "exc_value", "exc_traceback", "thread"],
        )
    })
}

/// `_excepthook(args)`: `threading.excepthook`'s default, CPython's report of a
/// thread's uncaught exception (`Exception in thread NAME:` and the traceback) on
/// `sys.stderr`, or the thread's `_stderr` when that is `None`. `SystemExit` and
/// `MicroThreadExit` (a micro_pipe's reader closed, `kill()`) end a thread silently.
fn excepthook(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("_excepthook", 1, 1)?;
    let hook_args = args.at(0);
    let is_args = match hook_args {
        Value::Instance(i) => Arc::ptr_eq(i.class(), except_hook_args(cx.gil)),
        _ => false,
    };
    if !is_args {
        return Err(type_error("_thread.excepthook argument type must be ExceptHookArgs").into());
    }
    let Value::Tuple(items) =
        cx.call(&Value::Type(types().tuple.clone()), vec![hook_args.clone()])?
    else {
        return Ok(Value::None);
    };
    let (exc_type, exc_value, tb, thread) = (&items[0], &items[1], &items[2], &items[3]);
    if let Value::Type(t) = exc_type {
        if Arc::ptr_eq(t, &types().exc.system_exit) || Arc::ptr_eq(t, &driver::exit_type()) {
            return Ok(Value::None);
        }
    }
    let mut file = crate::modules::sys::module(cx.gil).get(cx.gil, "stderr");
    if matches!(file, None | Some(Value::None)) {
        if matches!(thread, Value::None) {
            return Ok(Value::None);
        }
        file = Some(cx.getattr(thread, "_stderr")?);
        if matches!(file, Some(Value::None)) {
            return Ok(Value::None);
        }
    }
    let name = match thread {
        Value::None => None,
        t => match cx.getattr(t, "name") {
            Ok(n) => Some(cx.str(&n)?),
            Err(deferred::Unwind::Raise(e)) if e.is_instance(&types().exc.attribute_error) => None,
            Err(e) => return Err(e),
        },
    };
    let name = name.unwrap_or_else(|| driver::os_ident().to_string());
    let mut text = format!("Exception in thread {name}:\n");
    match exc_value {
        Value::Exception(e) => {
            let err = PyErr(e.clone());
            let from = crate::modules::traceback::tb_start(tb);
            text.push_str(&cx.display_exception(&err, from));
        }
        Value::None => text.push_str(&format!("{}\n", cx.str(exc_type)?)),
        other => text.push_str(&format!(
            "TypeError: print_exception(): Exception expected for value, {} found\n",
            crate::objects::types::type_name(other)
        )),
    }
    match file {
        Some(f) if !crate::modules::stdio::is_std(&f, 2) => {
            let write = cx.getattr(&f, "write")?;
            cx.call(&write, vec![Value::string(text)])?;
            let flush = cx.getattr(&f, "flush")?;
            cx.call(&flush, vec![])?;
        }
        _ => crate::modules::sys::write_stderr(&text),
    }
    Ok(Value::None)
}

pub static FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "start_new_thread" => start_new_thread, "start_new" => start_new_thread,
    "allocate_lock" => allocate_lock, "allocate" => allocate_lock,
    "get_ident" => get_ident, "get_native_id" => get_native_id, "exit" => exit,
    "exit_thread" => exit, "stack_size" => stack_size, "interrupt_main" => interrupt_main,
    "_count" => count, "_set_sentinel" => set_sentinel,
    "daemon_threads_allowed" => daemon_threads_allowed,
    "_is_main_interpreter" => is_main_interpreter, "_excepthook" => excepthook,
    "__getattr__" => module_getattr,
];

/// The module's `__getattr__` (PEP 562): `_local`, written in Python
/// (`pyvm/lib/_thread_local.py`), is imported the first time it is asked for.
fn module_getattr(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("__getattr__", 1, 1)?;
    let name = arg_str(args.at(0), "__getattr__", "argument 1")?.to_owned();
    if name == "_local" {
        let import = builtin_function(cx.gil, "__import__");
        let m = cx.call(&import, vec![Value::str("_thread_local")])?;
        let local = cx.getattr(&m, "_local")?;
        module(cx.gil).set(cx.gil, "_local", local.clone());
        return Ok(local);
    }
    Err(attribute_error(format!("module '_thread' has no attribute '{name}'")).into())
}

/// The `_thread` module (one per process).
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    THREAD.get_or_init(|| {
        let m = Module::with_functions(gil, "_thread", FUNCS);
        m.set(gil, "LockType", Value::Type(lock_type().clone()));
        m.set(gil, "RLock", Value::Type(rlock_type().clone()));
        m.set(gil, "error", Value::Type(types().exc.runtime_error.clone()));
        m.set(gil, "TIMEOUT_MAX", Value::float(TIMEOUT_MAX));
        m.set(
            gil,
            "_ExceptHookArgs",
            Value::Type(except_hook_args(gil).clone()),
        );
        Arc::new(m)
    })
}

/// `_thread.lock` (`LockType`): not callable from Python, as in CPython.
pub fn lock_type() -> &'static Arc<PyType> {
    LOCK_TYPE.get_or_init(|| {
        Arc::new(
            PyType::builtin(
                "lock",
                "_thread",
                Some(&types().object),
                Kind::Iterator,
                Some(no_new_lock),
            )
            .sealed(),
        )
    })
}

/// `_thread.RLock`: calling it makes a reentrant lock.
pub fn rlock_type() -> &'static Arc<PyType> {
    RLOCK_TYPE.get_or_init(|| {
        Arc::new(PyType::builtin(
            "RLock",
            "_thread",
            Some(&types().object),
            Kind::Iterator,
            Some(new_rlock),
        ))
    })
}

fn no_new_lock(_cx: &mut Cx, _args: Args) -> PyResult<Value> {
    Err(type_error("cannot create '_thread.lock' instances").into())
}

fn new_rlock(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    if !args.is_empty() || !args.kw.is_empty() {
        return Err(type_error("RLock() takes no arguments").into());
    }
    Ok(Lock::new_value(true))
}

fn allocate_lock(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("allocate_lock", 0, 0)?;
    Ok(Lock::new_value(false))
}

/// `start_new_thread(function, args[, kwargs])`.
fn start_new_thread(cx: &mut Cx, args: Args) -> PyResult<Value> {
    if !args.kw.is_empty() {
        return Err(type_error("start_new_thread() takes no keyword arguments").into());
    }
    let n = args.len();
    if !(2..=3).contains(&n) {
        return Err(type_error(format!(
            "start_new_thread expected at {} 2 arguments, got {n}",
            if n < 2 { "least" } else { "most" }
        ))
        .into());
    }
    let f = args.at(0).clone();
    if !crate::modules::builtins::callable_value(cx.gil, &f) {
        return Err(type_error("first arg must be callable").into());
    }
    let Value::Tuple(pos) = args.at(1) else {
        return Err(type_error("2nd arg must be a tuple").into());
    };
    let kw = match args.get(2) {
        None => Value::None,
        Some(Value::Dict(d)) => Value::Dict(d.clone()),
        Some(_) => return Err(type_error("optional 3rd arg must be a dictionary").into()),
    };
    let f_repr = cx.repr(&f)?;
    let th = first_micro_thread(cx, f, Value::Tuple(pos.clone()), kw)?;
    let ident = driver::start_os_thread(th, f_repr)?;
    Ok(Value::Int(ident as i64))
}

/// The first micro-thread of a new OS thread: `f(*args, **kwargs)` through the
/// `micro_thread` bootstrap, named after the function.
fn first_micro_thread(cx: &mut Cx, f: Value, args: Value, kwargs: Value) -> PyResult<NewThread> {
    use crate::modules::micro_thread::{prepare, thread_obj::Fate};
    prepare(cx, f, args, kwargs, Fate::Main)
}

/// `_set_sentinel()`: a lock that is released when this OS thread has finished (its
/// reactor has nothing left). `threading` acquires it in the new thread
/// (`Thread._tstate_lock`) and its `join` waits for it.
fn set_sentinel(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("_set_sentinel", 0, 0)?;
    let lock = Lock::new_value(false);
    let held = lock.clone();
    driver::at_os_thread_exit(move || lock::release_sentinel(&held));
    Ok(lock)
}

/// `daemon_threads_allowed()`: this interpreter may start daemon threads.
fn daemon_threads_allowed(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("daemon_threads_allowed", 0, 0)?;
    Ok(Value::bool(true))
}

/// `_is_main_interpreter()`: pyvm has one interpreter.
fn is_main_interpreter(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("_is_main_interpreter", 0, 0)?;
    Ok(Value::bool(true))
}

fn get_ident(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("get_ident", 0, 0)?;
    Ok(Value::Int(driver::os_ident() as i64))
}

fn get_native_id(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("get_native_id", 0, 0)?;
    Ok(Value::Int(driver::native_id() as i64))
}

fn exit(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("exit", 0, 0)?;
    Err(PyErr::new(&types().exc.system_exit, vec![]).into())
}

fn count(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("_count", 0, 0)?;
    Ok(Value::Int(driver::os_thread_count() as i64 - 1))
}

fn stack_size(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("stack_size", 0, 1)?;
    let size = args.get(0).map(|v| arg_int(v, "")).transpose()?;
    Ok(Value::Int(driver::stack_size(size)? as i64))
}

/// `interrupt_main(signum=SIGINT)`: as if the signal arrived, when Python handles it
/// (nothing for `SIG_DFL` and `SIG_IGN`, as in CPython): called in the main thread,
/// its handler runs before this returns (a `KeyboardInterrupt` for SIGINT's default).
fn interrupt_main(cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    let kw = args.take_kw("signum");
    args.check_kw("interrupt_main", 0, 1)?;
    let signum = match kw.or_else(|| args.get(0).cloned()) {
        None => signal_hook::consts::SIGINT as i64,
        Some(v) => arg_int(&v, "")?,
    };
    if !(1..65).contains(&signum) {
        return Err(value_error("signal number out of range").into());
    }
    if crate::modules::signal::python_handles(signum as i32) {
        signal_hook::low_level::raise(signum as i32)
            .map_err(|e| crate::objects::os_error::from_io(&e, None))?;
        crate::modules::signal::run_pending(cx)?;
    }
    Ok(Value::None)
}
