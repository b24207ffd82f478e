//! `_queue`: CPython's C `SimpleQueue` (an unbounded FIFO queue) and `Empty`.
//!
//! `get()` on an empty queue waits as a `_thread.lock` does (`os_threads/lock.rs`):
//! a micro-thread parks (only it: its reactor's others run on), with a timer for a
//! `timeout`; `put()` wakes the first waiter through its home reactor (any OS
//! thread), which takes an item or, if another getter was faster, waits again. So a
//! micro-thread waiting with nobody left to put gets the driver's `DeadlockError`
//! (naming `_queue.SimpleQueue #N`). Code no reactor drives blocks its OS thread on
//! a condition variable, the GIL released. The items are kept under the GIL; the
//! waiters (touched by other OS threads' wake-ups) under a mutex.

use crate::objects::rc::Arc;
use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

use crate::native::driver::{self, Waiter};
use crate::native::*;
use crate::objects::function::NativeDef;
use crate::objects::gil::{Gil, GilCell};
use crate::objects::module::Module;
use crate::objects::object::{NativeObject, Object};
use crate::objects::types::{type_name, types, Kind, PyType};

static MODULE: OnceLock<Arc<Module>> = OnceLock::new();
static TYPE: OnceLock<Arc<PyType>> = OnceLock::new();
static EMPTY: OnceLock<Arc<PyType>> = OnceLock::new();

/// The `_queue` module (one per process).
pub fn module(gil: Gil<'_>) -> &'static Arc<Module> {
    MODULE.get_or_init(|| {
        let m = Module::with_functions(gil, "_queue", &[]);
        m.set(
            gil,
            "__doc__",
            Value::str("C implementation of the Python queue module.\nThis module is an implementation detail, please do not use it directly."),
        );
        m.set(gil, "SimpleQueue", Value::Type(queue_type().clone()));
        m.set(gil, "Empty", Value::Type(empty_type().clone()));
        Arc::new(m)
    })
}

/// `_queue.Empty`, what a `get` that finds nothing raises.
fn empty_type() -> &'static Arc<PyType> {
    EMPTY.get_or_init(|| {
        let t = PyType::builtin(
            "Empty",
            "_queue",
            Some(&types().exc.exception),
            Kind::Exception,
            None,
        );
        crate::objects::gil::with_gil(|gil| {
            let _ = t.dict.borrow_mut(gil).insert(
                Value::str("__doc__"),
                Value::str("Exception raised by Queue.get(block=0)/get_nowait()."),
            );
        });
        Arc::new(t)
    })
}

/// `_queue.SimpleQueue` (the type: calling it makes an empty queue).
pub fn queue_type() -> &'static Arc<PyType> {
    TYPE.get_or_init(|| {
        let t = PyType::builtin(
            "SimpleQueue",
            "_queue",
            Some(&types().object),
            Kind::Object,
            Some(new_queue),
        );
        crate::objects::gil::with_gil(|gil| {
            let mut d = t.dict.borrow_mut(gil);
            for m in METHODS {
                let _ = d.insert(Value::str(m.name), Value::Native(m));
            }
            if let Some(def) = crate::objects::methods::type_method("__class_getitem__") {
                let _ = d.insert(Value::str("__class_getitem__"), Value::Native(def));
            }
        });
        Arc::new(t)
    })
}

#[derive(Default)]
struct Waiting {
    /// Parked micro-threads, each with the flag that tells its timer it was woken.
    waiters: VecDeque<(Waiter, std::sync::Arc<AtomicBool>)>,
    /// OS threads blocked on the condition variable (no reactor drives them).
    blocked: usize,
    /// Items put so far (what a blocked OS thread watches for).
    puts: u64,
}

pub struct SimpleQueue {
    items: GilCell<VecDeque<Value>>,
    st: Mutex<Waiting>,
    cv: Condvar,
    /// Tells queues apart in reports (`_queue.SimpleQueue #3`).
    serial: u64,
}

impl SimpleQueue {
    fn lock(&self) -> MutexGuard<'_, Waiting> {
        self.st.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn pop(&self, gil: Gil<'_>) -> Option<Value> {
        let mut items = self.items.borrow_mut(gil);
        let v = items.pop_front();
        let more = !items.is_empty();
        drop(items);
        // Items left and a getter waiting (one woken lost its race or gave up):
        // pass the wake-up on.
        if v.is_some() && more {
            self.wake_one(&mut self.lock());
        }
        v
    }

    fn wake_one(&self, st: &mut Waiting) {
        if let Some((w, woken)) = st.waiters.pop_front() {
            woken.store(true, Ordering::Relaxed);
            w.wake(Ok(Value::None));
        }
        if st.blocked > 0 {
            self.cv.notify_one();
        }
    }
}

fn new_queue(_cx: &mut Cx, args: Args) -> PyResult<Value> {
    if !args.kw.is_empty() {
        return Err(type_error("SimpleQueue() takes no keyword arguments").into());
    }
    // `args[0]` is the class when called through `type.__call__`.
    let n = args
        .pos
        .iter()
        .filter(|v| !matches!(v, Value::Type(t) if Arc::ptr_eq(t, queue_type())))
        .count();
    if n > 0 {
        return Err(type_error("SimpleQueue() takes no positional arguments").into());
    }
    static SERIAL: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    Ok(Value::Object(Arc::new(Object(Box::new(SimpleQueue {
        items: GilCell::new(VecDeque::new()),
        st: Mutex::new(Waiting::default()),
        cv: Condvar::new(),
        serial: SERIAL.fetch_add(1, Ordering::Relaxed),
    })))))
}

fn of(v: &Value) -> Result<&SimpleQueue, PyErr> {
    match crate::objects::class::payload(v).unwrap_or(v) {
        Value::Object(o) => o.0.as_any().downcast_ref::<SimpleQueue>(),
        _ => None,
    }
    .ok_or_else(|| type_error("not a SimpleQueue"))
}

fn this<'a>(args: &'a Args, name: &str) -> Result<&'a SimpleQueue, PyErr> {
    // (An instance of a subclass carries its queue.)
    match args
        .get(0)
        .map(|v| crate::objects::class::payload(v).unwrap_or(v))
    {
        Some(Value::Object(o)) => o.0.as_any().downcast_ref::<SimpleQueue>(),
        _ => None,
    }
    .ok_or_else(|| {
        type_error(format!(
            "descriptor '{name}' for '_queue.SimpleQueue' objects doesn't apply to a '{}' object",
            args.get(0)
                .map(type_name)
                .unwrap_or_else(|| "NoneType".into())
        ))
    })
}

/// The method's arguments after `self`, as Argument Clinic binds them.
fn bind(
    args: Args,
    name: &str,
    params: &[&str],
    required: usize,
) -> PyResult<(Value, Vec<Option<Value>>)> {
    let mut pos = args.pos.into_iter();
    let me = pos.next().unwrap_or(Value::None);
    let rest = Args {
        pos: pos.collect(),
        kw: args.kw,
    };
    Ok((me, clinic(rest, name, params, required, params.len())?))
}

/// `put(item, block=True, timeout=None)`: never blocks (the queue is unbounded).
fn put(cx: &mut Cx, args: Args) -> PyResult<Value> {
    this(&args, "put")?;
    let (me, a) = bind(args, "put", &["item", "block", "timeout"], 1)?;
    put_item(
        cx,
        &me,
        a.into_iter().next().flatten().unwrap_or(Value::None),
    )
}

/// `put_nowait(item)`.
fn put_nowait(cx: &mut Cx, args: Args) -> PyResult<Value> {
    this(&args, "put_nowait")?;
    let (me, a) = bind(args, "put_nowait", &["item"], 1)?;
    put_item(
        cx,
        &me,
        a.into_iter().next().flatten().unwrap_or(Value::None),
    )
}

fn put_item(cx: &mut Cx, me: &Value, item: Value) -> PyResult<Value> {
    let q = of(me)?;
    q.items.borrow_mut(cx.gil).push_back(item);
    let mut st = q.lock();
    st.puts += 1;
    q.wake_one(&mut st);
    Ok(Value::None)
}

fn empty_error() -> PyErr {
    PyErr::new(empty_type(), Vec::new())
}

/// CPython's `_PyTime_FromSecondsObject(..., _PyTime_ROUND_CEILING)` for a timeout.
fn timeout_arg(cx: &mut Cx, v: &Value) -> PyResult<Duration> {
    // An object with `__index__` is an int here, as in CPython.
    let v = match crate::objects::class::unwrap_number(v) {
        n @ (Value::Float(_) | Value::Int(_) | Value::Big(_) | Value::Bool(_)) => n,
        _ => crate::modules::builtins::number_index(cx, v)?,
    };
    let secs = crate::modules::time::timeout_seconds(&v)?;
    if secs < 0.0 {
        return Err(value_error("'timeout' must be a non-negative number").into());
    }
    Ok(Duration::from_secs_f64(secs))
}

/// `get(block=True, timeout=None)`: the first item, waiting for one if need be.
fn get(cx: &mut Cx, args: Args) -> PyResult<Value> {
    // The common case first: an item is there.
    if let Ok(q) = this(&args, "get") {
        if args.len() == 1 && args.kw.is_empty() {
            if let Some(v) = q.pop(cx.gil) {
                return Ok(v);
            }
        }
    } else {
        this(&args, "get")?;
    }
    let (me, a) = bind(args, "get", &["block", "timeout"], 0)?;
    let mut a = a.into_iter();
    let block = match a.next().flatten() {
        None => true,
        Some(v) => cx.truthy(&v)?,
    };
    let limit = match a.next().flatten() {
        _ if !block => Some(Duration::ZERO),
        None | Some(Value::None) => None,
        Some(v) => Some(timeout_arg(cx, &v)?),
    };
    get_item(
        cx,
        me,
        limit.and_then(|d| Instant::now().checked_add(d)),
        limit == Some(Duration::ZERO),
    )
}

/// `get_nowait()`: `get(False)`.
fn get_nowait(cx: &mut Cx, args: Args) -> PyResult<Value> {
    this(&args, "get_nowait")?;
    args.check_method("get_nowait", 0, 0)?;
    let me = args.at(0).clone();
    get_item(cx, me, Some(Instant::now()), true)
}

fn get_item(cx: &mut Cx, me: Value, deadline: Option<Instant>, no_wait: bool) -> PyResult<Value> {
    let q = of(&me)?;
    if let Some(v) = q.pop(cx.gil) {
        return Ok(v);
    }
    if no_wait || deadline.is_some_and(|d| Instant::now() >= d) {
        return Err(empty_error().into());
    }
    wait_for(cx, me, deadline)
}

fn wait_for(cx: &mut Cx, me: Value, deadline: Option<Instant>) -> PyResult<Value> {
    let shared: Arc<Object> = match &me {
        Value::Object(o) => o.clone(),
        _ => return Err(type_error("not a SimpleQueue").into()),
    };
    let q = of(&me)?;
    let Some(id) = cx.me() else {
        return block(cx.gil, q, deadline);
    };
    if driver::in_atomic() {
        return Err(runtime_error("get() would switch micro_threads inside atomic()").into());
    }
    let woken = std::sync::Arc::new(AtomicBool::new(false));
    q.lock().waiters.push_back((Waiter::me(id), woken.clone()));
    if let Some(d) = deadline {
        driver::timeout(
            id,
            d.saturating_duration_since(Instant::now()),
            woken.clone(),
        );
    }
    let what: deferred::Name = format!("_queue.SimpleQueue #{}", q.serial).into();
    let limit = deadline.map(|_| woken.clone());
    let cancel_from = shared.clone();
    let w = Wait::park(what)
        .on_cancel(move || {
            woken.store(true, Ordering::Relaxed);
            if let Some(q) = cancel_from.0.as_any().downcast_ref::<SimpleQueue>() {
                q.lock().waiters.retain(|(w, _)| !w.is(id));
            }
        })
        .then(move |cx, outcome| {
            if let Some(flag) = &limit {
                driver::timeout_over(flag);
            }
            let me = Value::Object(shared);
            match outcome {
                Ok(_) => get_item(cx, me, deadline, false),
                // The time limit: Empty, unless an item came meanwhile (then the
                // wake-up it sent may have been ours: take it).
                Err(e)
                    if e.is_instance(&types().exc.timeout_error)
                        && deadline.is_some_and(|d| Instant::now() >= d) =>
                {
                    get_item(cx, me, deadline, true)
                }
                Err(e) => {
                    // Thrown in (kill, DeadlockError): a wake-up meant for it goes on.
                    if let Value::Object(o) = &me {
                        if let Some(q) = o.0.as_any().downcast_ref::<SimpleQueue>() {
                            if !q.items.borrow(cx.gil).is_empty() {
                                q.wake_one(&mut q.lock());
                            }
                        }
                    }
                    Err(e.into())
                }
            }
        });
    cx.wait("get", w)
}

/// Wait in the OS thread (no reactor drives this code), the GIL released.
fn block(gil: Gil<'_>, q: &SimpleQueue, deadline: Option<Instant>) -> PyResult<Value> {
    loop {
        if let Some(v) = q.pop(gil) {
            return Ok(v);
        }
        let seen = q.lock().puts;
        let timed_out = crate::objects::gil::allow_threads(gil, || {
            let mut st = q.lock();
            while st.puts == seen {
                let left = match deadline {
                    None => None,
                    Some(d) => {
                        let left = d.saturating_duration_since(Instant::now());
                        if left.is_zero() {
                            return true;
                        }
                        Some(left)
                    }
                };
                st.blocked += 1;
                st = match left {
                    None => q.cv.wait(st).unwrap_or_else(|p| p.into_inner()),
                    Some(left) => {
                        q.cv.wait_timeout(st, left)
                            .unwrap_or_else(|p| p.into_inner())
                            .0
                    }
                };
                st.blocked -= 1;
            }
            false
        });
        if timed_out {
            return match q.pop(gil) {
                Some(v) => Ok(v),
                None => Err(empty_error().into()),
            };
        }
    }
}

/// `empty()`.
fn empty(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("empty", 0, 0)?;
    Ok(Value::bool(
        this(&args, "empty")?.items.borrow(cx.gil).is_empty(),
    ))
}

/// `qsize()`.
fn qsize(cx: &mut Cx, args: Args) -> PyResult<Value> {
    args.check_method("qsize", 0, 0)?;
    Ok(Value::Int(
        this(&args, "qsize")?.items.borrow(cx.gil).len() as i64
    ))
}

static METHODS: &[NativeDef] = crate::objects::methods::natives![
    "put" => put, "put_nowait" => put_nowait, "get" => get, "get_nowait" => get_nowait,
    "empty" => empty, "qsize" => qsize,
];

impl NativeObject for SimpleQueue {
    fn type_name(&self) -> &'static str {
        "_queue.SimpleQueue"
    }

    fn py_type(&self) -> Option<Arc<PyType>> {
        Some(queue_type().clone())
    }

    fn repr(&self, _gil: Gil<'_>) -> Result<String, PyErr> {
        Ok(format!(
            "<_queue.SimpleQueue object at {:#x}>",
            self as *const SimpleQueue as usize
        ))
    }

    fn getattr(&self, _gil: Gil<'_>, name: &str) -> Option<Value> {
        match name {
            "__class__" => Some(Value::Type(queue_type().clone())),
            _ => METHODS.iter().find(|d| d.name == name).map(Value::Native),
        }
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
