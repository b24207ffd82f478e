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
use crate::objects::types::{type_name, types, Kind, PyType};
use lock::{Lock, TIMEOUT_MAX};

static THREAD: OnceLock<Arc<Module>> = OnceLock::new();
static LOCK_TYPE: OnceLock<Arc<PyType>> = OnceLock::new();
static RLOCK_TYPE: OnceLock<Arc<PyType>> = OnceLock::new();

static FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "start_new_thread" => start_new_thread, "start_new" => start_new_thread,
    "allocate_lock" => allocate_lock, "allocate" => allocate_lock,
    "get_ident" => get_ident, "get_native_id" => get_native_id, "exit" => exit,
    "exit_thread" => exit, "stack_size" => stack_size, "interrupt_main" => interrupt_main,
    "_count" => count, "_set_sentinel" => set_sentinel,
];

/// The `_thread` module (one per process).
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    THREAD.get_or_init(|| {
        let m = Module::with_functions(gil, "_thread", FUNCS);
        m.set(gil, "LockType", Value::Type(lock_type().clone()));
        m.set(gil, "RLock", Value::Type(rlock_type().clone()));
        m.set(gil, "error", Value::Type(types().exc.runtime_error.clone()));
        m.set(gil, "TIMEOUT_MAX", Value::Float(TIMEOUT_MAX));
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

/// `_set_sentinel()`: a lock, held, that is released when this OS thread has
/// finished (its reactor has nothing left), which is what `threading`'s `join` waits
/// for.
fn set_sentinel(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("_set_sentinel", 0, 0)?;
    let lock = Lock::new_value(false);
    lock::take_sentinel(&lock);
    let held = lock.clone();
    driver::at_os_thread_exit(move || lock::release_sentinel(&held));
    Ok(lock)
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

/// `interrupt_main(signum=SIGINT)`: as if the signal arrived (a `KeyboardInterrupt`
/// in the main thread for SIGINT).
fn interrupt_main(_cx: &mut Cx, mut args: Args) -> PyResult<Value> {
    let kw = args.take_kw("signum");
    args.check_kw("interrupt_main", 0, 1)?;
    let signum = match kw.or_else(|| args.get(0).cloned()) {
        None => signal_hook::consts::SIGINT as i64,
        Some(v) => arg_int(&v, "")?,
    };
    if !(1..65).contains(&signum) {
        return Err(value_error("signal number out of range").into());
    }
    let handled = [
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGUSR1,
    ];
    if handled.contains(&(signum as i32)) {
        signal_hook::low_level::raise(signum as i32)
            .map_err(|e| crate::objects::os_error::from_io(&e, None))?;
    }
    let _ = type_name;
    Ok(Value::None)
}
