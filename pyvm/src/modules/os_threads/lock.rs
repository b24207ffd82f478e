//! `_thread.lock` and `_thread.RLock`, shared by micro-threads and OS threads.
//!
//! A micro-thread that finds the lock taken parks (only it: its reactor's other
//! micro-threads run on) and leaves a retry; `release` wakes the first waiter through
//! its home reactor (`driver::Waiter`), which tries again — the lock is not handed
//! over, so a timeout can never leave a lock owned by a thread that gave up. A lock
//! acquired from code that no reactor drives (a native's scratch thread) waits on a
//! condition variable with the GIL released.

use crate::objects::rc::Arc;
use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use crate::native::driver::{self, Waiter};
use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::Gil;
use crate::objects::object::{NativeObject, Object};
use crate::objects::types::PyType;

/// CPython's `_thread.TIMEOUT_MAX` on Linux (seconds).
pub const TIMEOUT_MAX: f64 = 9223372036.0;

#[derive(Default)]
struct St {
    locked: bool,
    /// The owner of an `RLock` (micro-thread key) and its recursion count.
    owner: Option<(u64, usize)>,
    count: u64,
    /// Parked micro-threads, each with the flag that tells its timer it was woken.
    waiters: VecDeque<(Waiter, std::sync::Arc<AtomicBool>)>,
    /// OS threads blocked on the condition variable (no reactor drives them).
    blocked: usize,
    /// Who holds it (micro-thread name, OS thread), for deadlock reports and `dump()`.
    holder: Option<(std::sync::Arc<str>, u64)>,
}

pub struct Lock {
    reentrant: bool,
    st: Mutex<St>,
    /// Wakes waiters that block their OS thread (no reactor).
    cv: Condvar,
    label: deferred::Name,
    /// Tells locks apart in reports (`_thread.lock #3`).
    serial: u64,
}

impl Lock {
    pub fn new_value(reentrant: bool) -> Value {
        Value::Object(Arc::new(Object(Box::new(Lock {
            reentrant,
            st: Mutex::new(St::default()),
            cv: Condvar::new(),
            serial: {
                static SERIAL: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
                SERIAL.fetch_add(1, Ordering::Relaxed)
            },
            label: if reentrant {
                "_thread.RLock"
            } else {
                "_thread.lock"
            }
            .into(),
        }))))
    }

    fn lock(&self) -> MutexGuard<'_, St> {
        self.st.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Take it if free (or already ours, for an `RLock`).
    fn try_take(&self, st: &mut St, me: (u64, usize), name: Option<&std::sync::Arc<str>>) -> bool {
        if !st.locked {
            st.locked = true;
            st.count = 1;
            st.holder = name.map(|n| (n.clone(), me.0));
            if self.reentrant {
                st.owner = Some(me);
            }
            return true;
        }
        if self.reentrant && st.owner == Some(me) {
            st.count += 1;
            return true;
        }
        false
    }

    fn wake_one(&self, st: &mut St) {
        if let Some((w, woken)) = st.waiters.pop_front() {
            woken.store(true, Ordering::Relaxed);
            w.wake(Ok(Value::None));
        }
        // A notification is a system call even with nobody waiting: skip it then.
        if st.blocked > 0 {
            self.cv.notify_one();
        }
    }
}

/// Who is acquiring: the OS thread and the micro-thread (an `RLock` belongs to a
/// micro-thread, so two micro-threads of one OS thread exclude each other).
/// The running micro-thread's name, for the lock's holder.
fn my_name(cx: &Cx) -> Option<std::sync::Arc<str>> {
    cx.thread_name()
}

/// Take `lock` now if it is free (or already ours, for an `RLock`).
fn try_now(cx: &Cx, lock: &Lock) -> bool {
    let who = me(cx);
    let name = my_name(cx);
    let mut st = lock.lock();
    lock.try_take(&mut st, who, name.as_ref())
}

fn me(cx: &Cx) -> (u64, usize) {
    let mt = cx.thread_key();
    (driver::os_ident(), mt)
}

fn this(args: &Args) -> PyResult<&Lock> {
    match args
        .get(0)
        .map(|v| crate::objects::class::payload(v).unwrap_or(v))
    {
        Some(Value::Object(o)) => o.0.as_any().downcast_ref::<Lock>(),
        _ => None,
    }
    .ok_or_else(|| type_error("descriptor requires a '_thread.lock' object").into())
}

/// `acquire(blocking=True, timeout=-1)`, CPython's checks and messages.
fn parse_acquire(cx: &mut Cx, args: Args) -> PyResult<(Args, bool, Option<Duration>)> {
    let mut args = args;
    let blocking = args.take_kw("blocking");
    let timeout = args.take_kw("timeout");
    args.check_method_kw("acquire", 0, 2)?;
    let blocking = match blocking.or_else(|| args.get(1).cloned()) {
        Some(v) => cx.truthy(&v)?,
        None => true,
    };
    let timeout = match timeout.or_else(|| args.get(2).cloned()) {
        None => -1.0,
        Some(v) => crate::modules::time::timeout_seconds(&v)?,
    };
    if !blocking && timeout != -1.0 {
        return Err(value_error("can't specify a timeout for a non-blocking call").into());
    }
    if timeout < 0.0 && timeout != -1.0 {
        return Err(value_error("timeout value must be positive").into());
    }
    if timeout > TIMEOUT_MAX {
        return Err(overflow_error("timeout value is too large").into());
    }
    let limit = (timeout >= 0.0).then(|| Duration::from_secs_f64(timeout));
    let me = Args::new([args.at(0).clone()]);
    Ok((me, blocking, limit))
}

fn acquire(cx: &mut Cx, args: Args) -> PyResult<Value> {
    // The common case first: `acquire()` of a free lock.
    if args.len() == 1 && args.kw.is_empty() {
        let lock = this(&args)?;
        if try_now(cx, lock) {
            return Ok(Value::bool(true));
        }
    }
    let (args, blocking, limit) = parse_acquire(cx, args)?;
    let deadline = limit.and_then(|d| Instant::now().checked_add(d));
    let lock = this(&args)?;
    if try_now(cx, lock) {
        return Ok(Value::bool(true));
    }
    if !blocking || limit == Some(Duration::ZERO) {
        return Ok(Value::bool(false));
    }
    wait_for(cx, args, deadline, None)
}

/// Acquired: an `RLock` being restored (`_acquire_restore`) gets its recursion
/// level back.
fn acquired(lock: &Lock, restore: Option<u64>) -> Value {
    match restore {
        Some(count) => {
            lock.lock().count = count;
            Value::None
        }
        None => Value::bool(true),
    }
}

/// After a parked `acquire` was woken: try again, or wait again (same deadline).
fn retry(
    cx: &mut Cx,
    args: Args,
    deadline: Option<Instant>,
    restore: Option<u64>,
) -> PyResult<Value> {
    let lock = this(&args)?;
    if try_now(cx, lock) {
        return Ok(acquired(lock, restore));
    }
    if deadline.is_some_and(|d| Instant::now() >= d) {
        return Ok(Value::bool(false));
    }
    wait_for(cx, args, deadline, restore)
}

fn wait_for(
    cx: &mut Cx,
    args: Args,
    deadline: Option<Instant>,
    restore: Option<u64>,
) -> PyResult<Value> {
    let lock = this(&args)?;
    let who = me(cx);
    let name = my_name(cx);
    let Some(id) = cx.me() else {
        let got = block(cx.gil, lock, who, name, deadline)?;
        return Ok(if got {
            acquired(lock, restore)
        } else {
            Value::bool(false)
        });
    };
    if driver::in_atomic() {
        return Err(runtime_error("acquire() would switch micro_threads inside atomic()").into());
    }
    let woken = std::sync::Arc::new(AtomicBool::new(false));
    {
        let mut st = lock.lock();
        // Released since the attempt (by another OS thread): take it now.
        if lock.try_take(&mut st, who, name.as_ref()) {
            drop(st);
            return Ok(acquired(lock, restore));
        }
        st.waiters.push_back((Waiter::me(id), woken.clone()));
    }
    if let Some(d) = deadline {
        let after = d.saturating_duration_since(Instant::now());
        driver::timeout(id, after, woken.clone());
    }
    let shared: Arc<Object> = match args.at(0) {
        Value::Object(o) => o.clone(),
        _ => return Err(type_error("not a lock").into()),
    };
    let what: deferred::Name = {
        let st = lock.lock();
        match &st.holder {
            Some((h, os)) => format!(
                "{} #{} held by '{h}' (OS thread {os})",
                lock.label, lock.serial
            ),
            None => format!("{} #{}", lock.label, lock.serial),
        }
        .into()
    };
    let limit = deadline.map(|_| woken.clone());
    let w = Wait::park(what)
        .on_cancel(move || {
            woken.store(true, Ordering::Relaxed);
            if let Some(lock) = shared.0.as_any().downcast_ref::<Lock>() {
                let mut st = lock.lock();
                st.waiters.retain(|(w, _)| !w.is(id));
            }
        })
        .then(move |cx, outcome| {
            // The wait is over: its time limit's timer is not needed any more.
            if let Some(flag) = &limit {
                driver::timeout_over(flag);
            }
            match outcome {
                Ok(_) => retry(cx, args, deadline, restore),
                // The time limit (`acquire(timeout=)`): not acquired.
                Err(e)
                    if e.is_instance(&crate::objects::types::types().exc.timeout_error)
                        && deadline.is_some_and(|d| Instant::now() >= d) =>
                {
                    Ok(Value::bool(false))
                }
                Err(e) => Err(e.into()),
            }
        });
    cx.wait("acquire", w)
}

/// Wait in the OS thread (no reactor drives this code), the GIL released.
fn block(
    gil: Gil<'_>,
    lock: &Lock,
    who: (u64, usize),
    name: Option<std::sync::Arc<str>>,
    deadline: Option<Instant>,
) -> PyResult<bool> {
    let got = crate::objects::gil::allow_threads(gil, || {
        let mut st = lock.lock();
        loop {
            if lock.try_take(&mut st, who, name.as_ref()) {
                return true;
            }
            let left = match deadline {
                None => None,
                Some(d) => {
                    let left = d.saturating_duration_since(Instant::now());
                    if left.is_zero() {
                        return false;
                    }
                    Some(left)
                }
            };
            st.blocked += 1;
            st = match left {
                None => lock.cv.wait(st).unwrap_or_else(|p| p.into_inner()),
                Some(left) => {
                    lock.cv
                        .wait_timeout(st, left)
                        .unwrap_or_else(|p| p.into_inner())
                        .0
                }
            };
            st.blocked -= 1;
        }
    });
    Ok(got)
}

fn release(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("release", 0, 0)?;
    let lock = this(&args)?;
    let who = me(cx);
    let mut st = lock.lock();
    if lock.reentrant {
        if !st.locked || st.owner != Some(who) {
            return Err(runtime_error("cannot release un-acquired lock").into());
        }
        st.count -= 1;
        if st.count > 0 {
            return Ok(Value::None);
        }
        st.owner = None;
    } else if !st.locked {
        return Err(runtime_error("release unlocked lock").into());
    }
    st.locked = false;
    st.holder = None;
    lock.wake_one(&mut st);
    Ok(Value::None)
}

/// Take a fresh `lock` that nobody else has seen yet, for no one in particular (an
/// import's module lock, taken on behalf of the module body's runner and released
/// with [`release_sentinel`] when the body ends).
pub fn take_sentinel(lock: &Value) {
    if let Value::Object(o) = lock {
        if let Some(lock) = o.0.as_any().downcast_ref::<Lock>() {
            let mut st = lock.lock();
            st.locked = true;
            st.count = 1;
        }
    }
}

/// Release `lock` whoever holds it (`_thread._set_sentinel()`'s lock, which
/// `threading` acquires in the new thread, released when its OS thread has ended).
pub fn release_sentinel(lock: &Value) {
    if let Value::Object(o) = lock {
        if let Some(lock) = o.0.as_any().downcast_ref::<Lock>() {
            let mut st = lock.lock();
            if st.locked {
                st.locked = false;
                st.owner = None;
                st.count = 0;
                lock.wake_one(&mut st);
            }
        }
    }
}

/// Is `v`, a `_thread.lock`/`RLock`, held by anyone? `None` for any other object.
pub fn is_locked(v: &Value) -> Option<bool> {
    match v {
        Value::Object(o) => o.0.as_any().downcast_ref::<Lock>().map(|l| l.lock().locked),
        _ => None,
    }
}

fn locked(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("locked", 0, 0)?;
    Ok(Value::bool(this(&args)?.lock().locked))
}

fn enter(cx: &mut Cx, args: Args) -> PyResult<Value> {
    acquire(cx, args)
}

fn exit(cx: &mut Cx, args: Args) -> PyResult<Value> {
    release(cx, Args::new([args.at(0).clone()]))
}

/// `RLock._is_owned()` (what `threading.Condition` asks).
fn is_owned(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("_is_owned", 0, 0)?;
    let lock = this(&args)?;
    let who = me(cx);
    let st = lock.lock();
    Ok(Value::bool(st.locked && st.owner == Some(who)))
}

/// `RLock._release_save()`: release every level, returning `(count, owner)` for
/// `_acquire_restore` (`threading.Condition.wait`).
fn release_save(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("_release_save", 0, 0)?;
    let lock = this(&args)?;
    let who = me(cx);
    let mut st = lock.lock();
    if !st.locked || st.owner != Some(who) {
        return Err(runtime_error("cannot release un-acquired lock").into());
    }
    let count = st.count;
    st.count = 0;
    st.owner = None;
    st.locked = false;
    st.holder = None;
    lock.wake_one(&mut st);
    Ok(Value::tuple(vec![
        Value::Int(count as i64),
        Value::Int(who.0 as i64),
    ]))
}

/// `RLock._acquire_restore((count, owner))`: acquire (blocking only this
/// micro-thread) and take back the recursion level `_release_save` returned.
fn acquire_restore(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("_acquire_restore", 1, 1)?;
    let count = match args.at(1) {
        Value::Tuple(t) if t.len() == 2 => arg_int(&t[0], "")?,
        v => {
            return Err(type_error(format!(
                "_acquire_restore() argument 1 must be tuple, not {}",
                crate::objects::types::type_name(v)
            ))
            .into())
        }
    };
    let count = count.max(1) as u64;
    let me_args = Args::new([args.at(0).clone()]);
    let lock = this(&me_args)?;
    if try_now(cx, lock) {
        return Ok(acquired(lock, Some(count)));
    }
    wait_for(cx, me_args, None, Some(count))
}

/// `RLock._recursion_count()`: how many times this micro-thread holds it.
fn recursion_count(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("_recursion_count", 0, 0)?;
    let lock = this(&args)?;
    let who = me(cx);
    let st = lock.lock();
    Ok(Value::Int(if st.locked && st.owner == Some(who) {
        st.count as i64
    } else {
        0
    }))
}

/// `_at_fork_reinit()`: unlocked again, no waiters (a child process after `fork`).
fn at_fork_reinit(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("_at_fork_reinit", 0, 0)?;
    let lock = this(&args)?;
    *lock.lock() = St::default();
    Ok(Value::None)
}

static METHODS: &[NativeDef] = crate::objects::methods::natives![
    "acquire" => acquire, "acquire_lock" => acquire, "release" => release,
    "release_lock" => release, "locked" => locked, "locked_lock" => locked,
    "__enter__" => enter, "__exit__" => exit, "_at_fork_reinit" => at_fork_reinit,
];

static RLOCK_METHODS: &[NativeDef] = crate::objects::methods::natives![
    "acquire" => acquire, "release" => release, "__enter__" => enter, "__exit__" => exit,
    "_is_owned" => is_owned, "_release_save" => release_save,
    "_acquire_restore" => acquire_restore, "_recursion_count" => recursion_count,
    "_at_fork_reinit" => at_fork_reinit,
];

impl NativeObject for Lock {
    fn type_name(&self) -> &'static str {
        if self.reentrant {
            "_thread.RLock"
        } else {
            "_thread.lock"
        }
    }

    fn py_type(&self) -> Option<Arc<PyType>> {
        Some(if self.reentrant {
            crate::modules::os_threads::rlock_type().clone()
        } else {
            crate::modules::os_threads::lock_type().clone()
        })
    }

    fn repr(&self, _gil: Gil<'_>) -> Result<String, PyErr> {
        let st = self.lock();
        let state = if st.locked { "locked" } else { "unlocked" };
        Ok(if self.reentrant {
            let owner = st.owner.map_or(0, |o| o.0);
            format!(
                "<{state} _thread.RLock object owner={owner} count={} at {:#x}>",
                if st.locked { st.count } else { 0 },
                self as *const Lock as usize
            )
        } else {
            format!(
                "<{state} _thread.lock object at {:#x}>",
                self as *const Lock as usize
            )
        })
    }

    fn getattr(&self, _gil: Gil<'_>, name: &str) -> Option<Value> {
        // CPython 3.11's RLock has no `locked()`, its lock no `_is_owned()`.
        let methods = if self.reentrant {
            RLOCK_METHODS
        } else {
            METHODS
        };
        methods.iter().find(|d| d.name == name).map(Value::Native)
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
