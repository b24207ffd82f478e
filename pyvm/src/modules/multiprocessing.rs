//! `_posixshmem` (`shm_open`, `shm_unlink`: what Lib's `multiprocessing.resource_tracker`
//! imports, and `shared_memory` opens segments with) and
//! `_multiprocessing`: `SemLock` (POSIX named semaphores, CPython's
//! `Modules/_multiprocessing/semaphore.c`), `sem_unlink` and `flags`, what Lib's
//! `multiprocessing.synchronize` builds its locks, semaphores, conditions and
//! events on. The class is Python (`pyvm/lib/_multiprocessing.py`, run into this
//! module) over the natives here, which hold the semaphores by handle (the
//! `sem_open` pointer's value, as CPython's `SemLock.handle`) in a table kept
//! across `fork`, so a child's `_rebuild` of an unnamed one finds it.
//!
//! A blocking `acquire` never blocks the other micro-threads of the process: with
//! others on its reactor, the micro-thread sleeps between `sem_trywait`s (50 us,
//! doubling up to 5 ms: a semaphore posted by another process wakes no reactor);
//! alone on its reactor (a pool's worker process, a `threading` thread), it blocks
//! in `sem_timedwait` with the GIL released, as CPython does, in slices of 100 ms so
//! that Ctrl-C is seen.

use crate::objects::rc::Arc;
use std::collections::HashMap;
use std::ffi::CString;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use super::posix::raw::{self, Sem};
use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::module::Module;

static MODULE: OnceLock<Arc<Module>> = OnceLock::new();

/// The semaphores this process has open, by handle.
static SEMS: Mutex<Option<HashMap<usize, std::sync::Arc<Sem>>>> = Mutex::new(None);

static FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "_sem_create" => sem_create, "_sem_open" => sem_open, "_sem_close" => sem_close,
    "_sem_acquire" => sem_acquire, "_sem_post" => sem_post,
    "_sem_getvalue" => sem_getvalue, "sem_unlink" => sem_unlink, "_owner" => owner,
];

static SHM: OnceLock<Arc<Module>> = OnceLock::new();

static SHM_FUNCS: &[NativeDef] = crate::objects::methods::natives![
    "shm_open" => shm_open, "shm_unlink" => shm_unlink,
];

/// The `_posixshmem` module (one per process).
pub fn shm_module(gil: Gil<'_>) -> &'static Arc<Module> {
    SHM.get_or_init(|| Arc::new(Module::with_functions(gil, "_posixshmem", SHM_FUNCS)))
}

/// The `path` argument of `_posixshmem`'s functions (a `str`, as clinic says).
fn shm_path(v: Option<&Value>, fname: &str) -> Result<(String, CString), PyErr> {
    let v = v.ok_or_else(|| {
        type_error(format!(
            "{fname}() missing required argument 'path' (pos 1)"
        ))
    })?;
    let s = match v.as_str() {
        Some(s) => s.to_owned(),
        None => {
            return Err(type_error(format!(
                "{fname}() argument 'path' must be str, not {}",
                crate::objects::types::type_name(v)
            )))
        }
    };
    let c = CString::new(s.clone()).map_err(|_| value_error("embedded null character"))?;
    Ok((s, c))
}

fn os_err_named(e: std::io::Error, path: &str) -> PyErr {
    crate::objects::os_error::from_io(&e, Some(path))
}

/// `shm_open(path, flags, mode=0o777)`: the descriptor.
fn shm_open(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let a = clinic(args, "shm_open", &["path", "flags", "mode"], 2, 3)?;
    let (path, c) = shm_path(a[0].as_ref(), "shm_open")?;
    let flags = arg_c_int(a[1].as_ref().unwrap_or(&Value::Int(0)), "")?;
    let mode = match &a[2] {
        Some(v) => arg_c_int(v, "")?,
        None => 0o777,
    };
    let fd = raw::shm_open(&c, flags, mode as u32).map_err(|e| os_err_named(e, &path))?;
    Ok(Value::Int(fd as i64))
}

/// `shm_unlink(path)`.
fn shm_unlink(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    let a = clinic(args, "shm_unlink", &["path"], 1, 1)?;
    let (path, c) = shm_path(a[0].as_ref(), "shm_unlink")?;
    raw::shm_unlink(&c).map_err(|e| os_err_named(e, &path))?;
    Ok(Value::None)
}

/// The Python part of the module.
static PY: &str = include_str!("../../lib/_multiprocessing.py");

/// The `_multiprocessing` module (one per process).
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    MODULE.get_or_init(|| {
        let m = Module::with_functions(gil, "_multiprocessing", FUNCS);
        m.set(gil, "__name__", Value::str("_multiprocessing"));
        if let Err(e) = run_source(gil, PY, "<frozen _multiprocessing>", &m.dict) {
            let text = exception_line(gil, &e);
            crate::modules::sys::write_stderr(&format!("_multiprocessing: {text}\n"));
        }
        Arc::new(m)
    })
}

fn os_err(e: std::io::Error) -> PyErr {
    crate::objects::os_error::from_io(&e, None)
}

fn name_arg(v: &Value) -> Result<CString, PyErr> {
    let s = arg_str(v, "SemLock", "name")?;
    CString::new(s).map_err(|_| value_error("embedded null character"))
}

fn table<R>(f: impl FnOnce(&mut HashMap<usize, std::sync::Arc<Sem>>) -> R) -> R {
    let mut g = SEMS.lock().unwrap_or_else(|p| p.into_inner());
    f(g.get_or_insert_with(HashMap::new))
}

fn keep(sem: Sem) -> Value {
    let h = sem.handle();
    table(|t| t.insert(h, std::sync::Arc::new(sem)));
    Value::Int(h as i64)
}

fn lookup(v: &Value) -> Result<std::sync::Arc<Sem>, PyErr> {
    let h = arg_int(v, "")? as usize;
    table(|t| t.get(&h).cloned())
        .ok_or_else(|| os_err(std::io::Error::from_raw_os_error(libc::EINVAL)))
}

/// `_sem_create(name, value)`: a new semaphore (`FileExistsError` if the name is
/// taken).
fn sem_create(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("_sem_create", 2, 2)?;
    let name = name_arg(args.at(0))?;
    let value = arg_int(args.at(1), "")?;
    if !(0..=i32::MAX as i64).contains(&value) {
        return Err(os_err(std::io::Error::from_raw_os_error(libc::EINVAL)).into());
    }
    Ok(keep(Sem::open(&name, Some(value as u32)).map_err(os_err)?))
}

/// `_sem_open(name)`: an existing semaphore, opened again (`SemLock._rebuild`).
fn sem_open(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("_sem_open", 1, 1)?;
    let name = name_arg(args.at(0))?;
    Ok(keep(Sem::open(&name, None).map_err(os_err)?))
}

/// `_sem_close(handle)`: `sem_close` once nothing uses it (the object is gone).
fn sem_close(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("_sem_close", 1, 1)?;
    let h = arg_int(args.at(0), "")? as usize;
    let gone = table(|t| t.remove(&h));
    drop(gone);
    Ok(Value::None)
}

/// `sem_unlink(name)`.
fn sem_unlink(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("sem_unlink", 1, 1)?;
    let name = name_arg(args.at(0))?;
    raw::sem_unlink(&name).map_err(os_err)?;
    Ok(Value::None)
}

/// `_sem_post(handle)`.
fn sem_post(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("_sem_post", 1, 1)?;
    lookup(args.at(0))?.post().map_err(os_err)?;
    Ok(Value::None)
}

/// `_sem_getvalue(handle)`.
fn sem_getvalue(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("_sem_getvalue", 1, 1)?;
    let v = lookup(args.at(0))?.value().map_err(os_err)?;
    Ok(Value::Int(v as i64))
}

/// `_owner()`: who acquires (an `RLock`-kind `SemLock` is the micro-thread's, as
/// `_thread.RLock` is): the OS thread's identifier and the micro-thread's key.
fn owner(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("_owner", 0, 0)?;
    Ok(Value::tuple(vec![
        Value::Int(crate::native::driver::os_ident() as i64),
        Value::Int(cx.thread_key() as i64),
    ]))
}

/// `_sem_acquire(handle, block, timeout)`: `True` when taken, `False` when not
/// (non-blocking and zero, or the timeout passed). `timeout` is `None` or seconds.
fn sem_acquire(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check("_sem_acquire", 3, 3)?;
    let sem = lookup(args.at(0))?;
    let blocking = cx.truthy(args.at(1))?;
    let deadline = match args.at(2) {
        Value::None => None,
        v => {
            let t = match v {
                Value::Float(f) => f.get(),
                v => crate::objects::int::to_f64(v)?,
            };
            let t = if t.is_nan() { 0.0 } else { t.max(0.0) };
            Some(crate::native::io::deadline_after(Some(
                Duration::from_secs_f64(t.min(1e9)),
            )))
        }
    };
    if sem.try_wait().map_err(os_err)? {
        return Ok(Value::bool(true));
    }
    if !blocking {
        return Ok(Value::bool(false));
    }
    wait(
        cx,
        sem,
        deadline.map(|d| d.unwrap_or_else(far)),
        FIRST_PAUSE,
    )
}

const FIRST_PAUSE: Duration = Duration::from_micros(50);
const LAST_PAUSE: Duration = Duration::from_millis(5);
/// How long one blocking wait lasts before signals are looked at.
const SLICE: Duration = Duration::from_millis(100);

fn far() -> Instant {
    Instant::now() + Duration::from_secs(1 << 30)
}

/// Wait for `sem` until `deadline` (see the module's comment).
fn wait(
    cx: &mut Cx,
    sem: std::sync::Arc<Sem>,
    deadline: Option<Instant>,
    pause: Duration,
) -> PyResult<Value> {
    if cx.may_wait() && !crate::native::driver::alone() {
        let mut pause = pause;
        if let Some(d) = deadline {
            pause = pause.min(d.saturating_duration_since(Instant::now()));
        }
        let w = Wait::sleep(pause).then(move |cx, outcome| {
            outcome?;
            if sem.try_wait().map_err(os_err)? {
                return Ok(Value::bool(true));
            }
            if deadline.is_some_and(|d| Instant::now() >= d) {
                return Ok(Value::bool(false));
            }
            wait(cx, sem, deadline, (pause * 2).min(LAST_PAUSE))
        });
        return cx.wait("SemLock.acquire", w);
    }
    loop {
        let now = Instant::now();
        if deadline.is_some_and(|d| now >= d) {
            return Ok(Value::bool(false));
        }
        let until = match deadline {
            Some(d) => d.min(now + SLICE),
            None => now + SLICE,
        };
        let at = SystemTime::now() + until.saturating_duration_since(now);
        let at = at.duration_since(UNIX_EPOCH).unwrap_or_default();
        let ts = (at.as_secs() as i64, at.subsec_nanos() as i64);
        let s = sem.clone();
        let got = crate::objects::gil::allow_threads(cx.gil, move || s.wait(Some(ts)));
        match got {
            Ok(true) => return Ok(Value::bool(true)),
            Ok(false) => {}
            Err(e) if e.raw_os_error() == Some(libc::EINTR) => {}
            Err(e) => return Err(os_err(e).into()),
        }
        if let Some(e) = crate::modules::signal::take_keyboard_interrupt() {
            return Err(e.into());
        }
    }
}
