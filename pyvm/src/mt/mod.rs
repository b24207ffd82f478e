//! micro_threads on the reactor (DESIGN §5): the program is a micro-thread, every
//! micro-thread is a reactor task whose state is its `MicroThread` (frames, value
//! stack), and one callback, [`resume`], runs the dispatch loop for it.
//!
//! A blocking native (`time.sleep`, a micro_pipe read) never touches the reactor: it
//! records what it waits for in `MicroThread::request` and returns
//! `Unwind::Deferred`; the loop returns `Outcome::Deferred` with every frame left in
//! place; `resume` turns the request into the reactor call (`sleep`, `park`) and
//! registers itself as the continuation. When the micro-thread is resumed, the value
//! (or exception) it was waiting for becomes the result of the pending call and the
//! loop continues in the same frames. Natives that wake or start other micro-threads
//! queue the request here ([`Pending`]); it is carried out when the running
//! micro-thread yields.

pub mod deadlock;
pub mod io;
pub mod os_thread;
pub mod record;
pub mod wait;
pub mod watchdog;
pub mod worker;

use std::cell::{Cell, RefCell};
use std::sync::Arc;
use std::time::Duration;

use deferred::{Callback, DeferError, DeferredId, Step, Unwind};
use notifiers::{Event, NotifierError};
use reactor::{Reactor, RunEnd};

use crate::objects::exception::PyErr;
use crate::objects::gil::{with_gil, Gil};
use crate::objects::types::types;
use crate::objects::value::Value;
use crate::vm::state::MicroThread;
use crate::vm::Outcome;

pub use record::ThreadObj;

/// The reactor pyvm runs its micro-threads on (one per OS thread).
pub type PyReactor = Reactor<Value, PyErr, Task>;

/// A reactor task's state: the micro-thread and the driver's bookkeeping about it.
/// The micro-thread is boxed: the task table stays small (it holds every
/// micro-thread), and a resumption moves a pointer, not the whole struct.
#[derive(Default)]
pub struct Task {
    /// The micro-thread; `None` while it runs, or while it waits on a worker stack.
    th: Option<Box<MicroThread>>,
    /// The worker it is suspended on (a hard switch, `worker`), holding it.
    hard: Option<Box<worker::Worker>>,
    /// The main micro-thread has ended: it gets `MicroThreadExit` when it next runs
    /// (see `exit_next`).
    exit_pending: bool,
    /// Its Python-level thread object.
    obj: Option<Arc<ThreadObj>>,
    /// What its soft wait leaves to do when it is over.
    cont: Option<wait::Then>,
    /// It waits for another micro-thread (a pipe, a lock, `wait()`): counted in
    /// `PARKED`, for deadlock detection across OS threads.
    parked: bool,
}

// A reactor task holds this inline, beside its deferred (ARCHITECTURE.md, "Costs").
const _: () = assert!(std::mem::size_of::<Task>() <= 48);
const _: () = assert!(PyReactor::TASK_BYTES <= 272);

impl Task {
    fn new(th: Box<MicroThread>, obj: Option<Arc<ThreadObj>>) -> Task {
        Task {
            th: Some(th),
            hard: None,
            exit_pending: false,
            obj,
            cont: None,
            parked: false,
        }
    }
}

/// What a native that deferred waits for.
pub enum Request {
    /// `time.sleep(d)` (zero yields to every other runnable micro-thread).
    Sleep(Duration),
    /// Something only another micro-thread ends (a pipe, a thread to finish): it
    /// schedules this one. The name says what, for deadlock reports and `dump()`.
    Park(deferred::Name),
    /// Print every micro-thread (`micro_thread.dump()`), then go on.
    Dump,
    /// A socket (or other descriptor) to become readable or writable.
    Io(io::IoRequest),
    /// One of these signals to arrive (`signal.pause()`).
    Signals(notifiers::signal::SignalSet),
}

impl From<Event> for Value {
    fn from(e: Event) -> Value {
        match e {
            Event::Signal(n) => Value::Int(n as i64),
            _ => Value::None,
        }
    }
}

impl DeferError for PyErr {
    fn not_implemented(name: &str) -> Self {
        crate::objects::exception::runtime_error(deferred::not_implemented_message(name))
    }

    fn system_error(message: &str, cause: Option<&Self>) -> Self {
        let e = crate::objects::exception::system_error(message);
        if let Some(c) = cause {
            with_gil(|gil| {
                let mut st = e.0.state.borrow_mut(gil);
                st.cause = Some(c.value());
                st.suppress_context = true;
            });
        }
        e
    }
}

impl NotifierError for PyErr {
    fn timeout() -> Self {
        PyErr::msg(&types().exc.timeout_error, "timed out")
    }

    fn io(err: std::io::Error) -> Self {
        crate::objects::os_error::from_io(&err, None)
    }
}

/// Work natives queue for the driver: carried out when the running micro-thread
/// yields (or finishes).
#[derive(Default)]
pub struct Pending {
    spawns: Vec<(Box<MicroThread>, Arc<ThreadObj>)>,
    wakes: Vec<(DeferredId, Result<Value, PyErr>)>,
    throws: Vec<(DeferredId, PyErr)>,
    /// `timeout(seconds)` blocks: raise `TimeoutError` in the thread after the time,
    /// unless the flag says the block has ended.
    timers: Vec<(DeferredId, Duration, Arc<std::sync::atomic::AtomicBool>)>,
    /// Timed waits over before their time limit: their timers are cancelled (keyed
    /// by their flag), so nothing waits for them.
    timers_over: Vec<usize>,
    /// Signals the reactor's signal notifier is to watch (a handler was set).
    watch: Vec<i32>,
}

impl Pending {
    const fn new() -> Pending {
        Pending {
            spawns: Vec::new(),
            wakes: Vec::new(),
            throws: Vec::new(),
            timers: Vec::new(),
            timers_over: Vec::new(),
            watch: Vec::new(),
        }
    }

    fn is_empty(&self) -> bool {
        self.spawns.is_empty()
            && self.wakes.is_empty()
            && self.throws.is_empty()
            && self.timers.is_empty()
            && self.timers_over.is_empty()
            && self.watch.is_empty()
    }
}

/// The driver's state on one OS thread: one struct, one thread-local.
pub(crate) struct Local {
    /// Work natives queued for when the running micro-thread yields.
    pending: RefCell<Pending>,
    /// The main (first) micro-thread of this OS thread's reactor.
    main: RefCell<Option<DeferredId>>,
    /// The main micro-thread's outcome, once it has finished.
    main_done: RefCell<Option<Result<Value, PyErr>>>,
    /// Micro-threads scheduled to run when the current one's run began.
    runnable: Cell<usize>,
    /// After the main micro-thread ended: the others still to get `MicroThreadExit`.
    exiting: RefCell<std::collections::VecDeque<DeferredId>>,
    /// The micro-thread running on this OS thread.
    current: Cell<Option<DeferredId>>,
    /// Its thread object, moved here from its task while it runs.
    current_obj: RefCell<Option<Arc<ThreadObj>>>,
    /// `with micro_thread.atomic():` depth of the running micro-thread (always 0 at a
    /// switch: nothing switches inside `atomic()`).
    atomic: Cell<u32>,
    /// This OS thread is the process's main one (it delivers signals).
    process_main: Cell<bool>,
    /// Micro-threads of this reactor waiting for another micro-thread to wake them.
    parked: Cell<usize>,
    /// Whether this reactor last told `deadlock` it was stuck.
    stuck: Cell<bool>,
    /// The wait the running native asked for (`wait`), until the driver takes it.
    pub(crate) asked: RefCell<Option<wait::Wait>>,
    /// The running worker's yielder, null when none runs (`worker`).
    pub(crate) yielder: Cell<*const worker::WorkerYielder>,
    /// Idle worker stacks (`worker`).
    /// (Boxed: a worker moves between the pool and a task by pointer.)
    #[allow(clippy::vec_box)]
    pub(crate) pool: RefCell<Vec<Box<worker::Worker>>>,
    /// Hard switches so far (`worker`).
    pub(crate) hard: Cell<u64>,
    /// The running micro-thread got no worker stack (none could be mapped).
    out_of_stacks: Cell<bool>,
    /// Worker stacks alive (idle, running or held by a suspended micro-thread).
    pub(crate) workers: Cell<usize>,
    /// This OS thread's `_thread` identifier (0 until asked: `os_thread`).
    pub(crate) ident: Cell<u64>,
    /// What to do once this OS thread has ended (`_thread._set_sentinel()`).
    pub(crate) at_exit: RefCell<Vec<Box<dyn FnOnce()>>>,
    /// Tokens of I/O sources dropped since the driver last looked (`io`).
    pub(crate) forget: RefCell<Vec<notifiers::io::IoToken>>,
    /// The timers of timed waits still running, by their flag (`timeout`).
    timeouts: RefCell<std::collections::BTreeMap<usize, notifiers::TimerId>>,
    /// The driver holds the GIL for the rest of the reactor's round (`hold_round`).
    round_gil: Cell<bool>,
    /// The micro-thread running signal handlers while the main one waits.
    signal_helper: Cell<Option<DeferredId>>,
    /// When the allocator last collected for this OS thread (`collect_when_idle`).
    collected: Cell<Option<std::time::Instant>>,
    /// The running micro-thread is its reactor's only one (as of its run's start).
    alone: Cell<bool>,
    /// This is the child of a `fork` made by the running micro-thread, and the
    /// reactor has not been set up for it yet ([`after_fork`]).
    forked: Cell<bool>,
}

thread_local! {
    pub(crate) static LOCAL: Local = const { Local {
        pending: RefCell::new(Pending::new()),
        main: RefCell::new(None),
        main_done: RefCell::new(None),
        runnable: Cell::new(0),
        exiting: RefCell::new(std::collections::VecDeque::new()),
        current: Cell::new(None),
        current_obj: RefCell::new(None),
        atomic: Cell::new(0),
        process_main: Cell::new(false),
        parked: Cell::new(0),
        stuck: Cell::new(false),
        asked: RefCell::new(None),
        yielder: Cell::new(std::ptr::null()),
        pool: RefCell::new(Vec::new()),
        hard: Cell::new(0),
        out_of_stacks: Cell::new(false),
        workers: Cell::new(0),
        ident: Cell::new(0),
        at_exit: RefCell::new(Vec::new()),
        forget: RefCell::new(Vec::new()),
        timeouts: RefCell::new(std::collections::BTreeMap::new()),
        round_gil: Cell::new(false),
        signal_helper: Cell::new(None),
        collected: Cell::new(None),
        forked: Cell::new(false),
        alone: Cell::new(false),
    } };
}

/// The running micro-thread's id and thread object, when a reactor runs one here.
pub fn current() -> Option<(DeferredId, Option<Arc<ThreadObj>>)> {
    LOCAL.with(|l| Some((l.current.get()?, l.current_obj.borrow().clone())))
}

/// The running micro-thread's id, when a reactor runs one here.
pub fn current_id() -> Option<DeferredId> {
    LOCAL.with(|l| l.current.get())
}

/// Run `f` with the running micro-thread's thread object (no clone).
pub fn with_current_obj<R>(f: impl FnOnce(Option<&ThreadObj>) -> R) -> R {
    LOCAL.with(|l| f(l.current_obj.borrow().as_deref()))
}

/// Is `obj` the running micro-thread's thread object?
pub fn is_running(obj: &ThreadObj) -> bool {
    LOCAL.with(|l| {
        l.current_obj
            .borrow()
            .as_ref()
            .is_some_and(|o| std::ptr::eq(Arc::as_ptr(o), obj))
    })
}

/// Strict mode (`micro_thread.set_strict`, or `PYVM_STRICT=1` in the environment):
/// hard switches are refused with the proposal's rule-2 error.
static STRICT: std::sync::atomic::AtomicU8 = std::sync::atomic::AtomicU8::new(2);

fn strict() -> bool {
    use std::sync::atomic::Ordering;
    match STRICT.load(Ordering::Relaxed) {
        2 => {
            let on = std::env::var_os("PYVM_STRICT").is_some_and(|v| !v.is_empty() && v != "0");
            STRICT.store(on as u8, Ordering::Relaxed);
            on
        }
        v => v == 1,
    }
}

/// Turn strict mode on or off; the previous setting.
pub fn set_strict(on: bool) -> bool {
    let was = strict();
    STRICT.store(on as u8, std::sync::atomic::Ordering::Relaxed);
    was
}

/// May the running micro-thread be switched out at a backward jump (preemption, or
/// a signal for the driver to deliver)? Not inside `atomic()`, and on an OS thread
/// other than the process's main one (which alone delivers signals) only when
/// preemption is on.
pub(crate) fn may_preempt() -> bool {
    !in_atomic()
        && current_id().is_some()
        && (LOCAL.with(|l| {
            let m = &l.process_main;
            m.get()
        }) || watchdog::preemption_on())
}

/// The running micro-thread is switched out at a backward jump: it is runnable
/// again at once, behind the others.
pub(crate) fn preempt() {
    wait::ask(wait::Wait::sleep(Duration::ZERO));
}

/// Is the running micro-thread inside `with micro_thread.atomic():`?
pub fn in_atomic() -> bool {
    LOCAL.with(|l| {
        let a = &l.atomic;
        a.get()
    }) > 0
}

/// Enter (`true`) or leave an `atomic()` block.
pub fn atomic(enter: bool) {
    LOCAL.with(|l| {
        let a = &l.atomic;
        {
            a.set(if enter {
                a.get() + 1
            } else {
                a.get().saturating_sub(1)
            })
        }
    });
}

/// How many micro-threads hold a `MicroThreadExit` not yet raised at once, after the
/// main micro-thread ended. Each one that runs lets one more have it, so all of them
/// get it in turn, and every one gets it at its next run even before its turn
/// (`MicroThread::exit_pending`); throwing into a million of them at once would
/// allocate a million exceptions and a million queue slots at the same moment.
const EXIT_BATCH: usize = 64;

/// Every micro-thread but `except` gets `MicroThreadExit` (so its `finally` blocks
/// run): all are flagged, a batch has it thrown in now, the others in turn.
fn exit_all(r: &mut PyReactor, except: Option<DeferredId>) {
    let mut ids = r.task_ids();
    ids.retain(|&t| Some(t) != except);
    for &t in &ids {
        if let Some(s) = r.state_mut(t) {
            s.exit_pending = true;
        }
    }
    LOCAL.with(|l| {
        let e = &l.exiting;
        *e.borrow_mut() = ids.into()
    });
    exit_next(r, EXIT_BATCH);
}

/// Raise `MicroThreadExit` in up to `n` more micro-threads waiting for it.
fn exit_next(r: &mut PyReactor, mut n: usize) {
    while n > 0 {
        let Some(id) = LOCAL.with(|l| {
            let e = &l.exiting;
            e.borrow_mut().pop_front()
        }) else {
            return;
        };
        let pending = r.state(id).is_some_and(|s| s.exit_pending);
        // A scheduled one gets it when it runs (the flag): no need to find it in the
        // run queue, which would make ending a million runnable threads quadratic.
        if pending && !r.is_scheduled(id) && r.throw(id, record::micro_thread_exit()) {
            n -= 1;
        }
    }
}

/// Start `th` (frames already pushed) as a new micro-thread when the current one
/// yields.
/// `MemoryError` when there is no room for it (the allocator needed its reserve).
pub fn spawn(th: MicroThread, obj: Arc<ThreadObj>) -> Result<(), PyErr> {
    let th = Box::new(th);
    if crate::reserve::take_memory_error() {
        return Err(crate::objects::exception::memory_error());
    }
    LOCAL.with(|l| {
        let p = &l.pending;
        crate::objects::memory::push(&mut p.borrow_mut().spawns, (th, obj))
    })
}

/// [`spawn`] for the runtime's own helper (signal handlers), which must start
/// whatever the program's memory.
fn spawn_helper(th: MicroThread, obj: Arc<ThreadObj>) {
    LOCAL.with(|l| {
        let p = &l.pending;
        p.borrow_mut().spawns.push((Box::new(th), obj))
    });
}

/// Resume micro-thread `id` with `outcome` when the current one yields.
pub fn wake(id: DeferredId, outcome: Result<Value, PyErr>) {
    LOCAL.with(|l| {
        let p = &l.pending;
        p.borrow_mut().wakes.push((id, outcome))
    });
}

/// Raise `err` in micro-thread `id` wherever it is suspended (`kill`, `throw`).
pub fn throw(id: DeferredId, err: PyErr) {
    LOCAL.with(|l| {
        let p = &l.pending;
        p.borrow_mut().throws.push((id, err))
    });
}

/// A timed wait (`timeout`'s `ended` flag) is over before its time limit: the flag
/// is set and its timer cancelled, so the process does not wait for it.
pub fn timeout_over(ended: &Arc<std::sync::atomic::AtomicBool>) {
    ended.store(true, std::sync::atomic::Ordering::Relaxed);
    let key = Arc::as_ptr(ended) as usize;
    LOCAL.with(|l| l.pending.borrow_mut().timers_over.push(key));
}

/// Raise `TimeoutError` in micro-thread `id` after `after`, unless `ended` is set by
/// then (`with micro_thread.timeout(seconds):`); [`timeout_over`] cancels it.
pub fn timeout(id: DeferredId, after: Duration, ended: Arc<std::sync::atomic::AtomicBool>) {
    LOCAL.with(|l| {
        let p = &l.pending;
        p.borrow_mut().timers.push((id, after, ended))
    });
}

/// This process is the child of a `fork` pyvm made (its program's end must end the
/// process: the thread that would have is not in it).
static FORK_CHILD: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Is the running micro-thread the only one of its reactor, none about to start?
pub fn alone() -> bool {
    LOCAL.with(|l| {
        l.current.get().is_some() && l.alone.get() && l.pending.borrow().spawns.is_empty()
    })
}

/// Is this process a child made by `os.fork()`?
pub fn is_fork_child() -> bool {
    FORK_CHILD.load(std::sync::atomic::Ordering::SeqCst)
}

/// `os.fork()`: `fork` (the system call) made with the runtime ready for it, the
/// GIL held. The locks other OS threads take without the GIL (the GIL's own, the
/// deadlock table, the OS thread records) are held across the call, so the child
/// finds them free; in the child, the records of other OS threads are forgotten and
/// the watchdog's thread started again. The reactor is set up for the child at the
/// running micro-thread's next switch ([`after_fork`]): only it goes on.
pub fn fork(gil: Gil<'_>, fork: impl FnOnce() -> std::io::Result<i32>) -> std::io::Result<i32> {
    let mut table = deadlock::lock_for_fork();
    let mut records = os_thread::lock_for_fork();
    let pid = crate::objects::gil::around_fork(gil, fork, |r| matches!(r, Ok(0)));
    let child = matches!(pid, Ok(0));
    if child {
        deadlock::after_fork(&mut table, os_thread::ident());
        os_thread::after_fork(&mut records);
    }
    drop(records);
    drop(table);
    if child {
        FORK_CHILD.store(true, std::sync::atomic::Ordering::SeqCst);
        io::after_fork();
        LOCAL.with(|l| l.forked.set(current_id().is_some()));
        watchdog::after_fork();
    }
    pid
}

/// The reactor of a forked child, at its first switch: made anew with only the
/// micro-thread that forked (CPython keeps only the thread that called `fork`;
/// micro-threads are threads to the program). The others are forgotten, not ended:
/// nothing of theirs runs in the child (their `finally` blocks belong to the
/// parent's copy), and what they hold (frames, worker stacks) is left allocated, as
/// CPython leaves other threads' frames. The survivor becomes the reactor's main
/// micro-thread: the program ends when it does.
fn after_fork(r: &mut PyReactor) {
    if !LOCAL.with(|l| l.forked.replace(false)) {
        return;
    }
    let keep = r.current();
    match r.after_fork(keep) {
        Ok(gone) => std::mem::forget(gone),
        Err(e) => crate::modules::sys::write_stderr(&format!(
            "pyvm: the forked child's reactor could not be set up: {e}\n"
        )),
    }
    LOCAL.with(|l| {
        *l.main.borrow_mut() = keep;
        *l.main_done.borrow_mut() = None;
        l.exiting.borrow_mut().clear();
        l.parked.set(0);
        l.stuck.set(false);
        l.forget.borrow_mut().clear();
        l.signal_helper.set(None);
        l.timeouts.borrow_mut().clear();
    });
    if LOCAL.with(|l| l.process_main.get()) {
        if let Some(s) = r.signals() {
            for sig in crate::modules::signal::hooked()
                .into_iter()
                .chain([signal_hook::consts::SIGUSR1])
            {
                let _ = s.watch_signal(sig);
            }
        }
    } else {
        watch_signals(r);
    }
    os_thread::set_home(r.waker());
}

/// Carry out what natives queued.
fn flush(r: &mut PyReactor) {
    after_fork(r);
    io::flush(r);
    // Every switch comes here, and most have a wake-up or two and nothing else: only
    // that queue is taken then (its buffer given back after). Otherwise all of them.
    enum Work {
        Nothing,
        Wakes(Vec<(DeferredId, Result<Value, PyErr>)>),
        All(Pending),
    }
    let work = LOCAL.with(|l| {
        let mut p = l.pending.borrow_mut();
        if p.spawns.is_empty()
            && p.throws.is_empty()
            && p.timers.is_empty()
            && p.timers_over.is_empty()
            && p.watch.is_empty()
        {
            if p.wakes.is_empty() {
                Work::Nothing
            } else {
                Work::Wakes(std::mem::take(&mut p.wakes))
            }
        } else {
            Work::All(std::mem::take(&mut *p))
        }
    });
    let mut p = match work {
        Work::Nothing => return,
        Work::Wakes(mut wakes) => {
            for (id, outcome) in wakes.drain(..) {
                r.schedule_or_throw(id, outcome);
            }
            LOCAL.with(|l| {
                let mut p = l.pending.borrow_mut();
                if p.wakes.is_empty() {
                    p.wakes = wakes;
                }
            });
            return;
        }
        Work::All(p) => p,
    };
    // Started after the main micro-thread ended: it ends at once too, before it
    // runs a line.
    let ending = LOCAL.with(|l| {
        let m = &l.main_done;
        m.borrow().is_some()
    });
    // No room for them all in the reactor: the newest end at once with
    // `MemoryError` (their joiners and the start-up report see it), instead of the
    // process aborting.
    let mut room = p.spawns.len();
    while room > 0 && r.try_reserve_tasks(room).is_err() {
        room /= 2;
    }
    if room < p.spawns.len() {
        // Drained in place: a copy of the refused list may not fit.
        with_gil(|gil| {
            for (mut th, obj) in p.spawns.drain(room..) {
                let err = crate::objects::exception::memory_error();
                obj.finish(gil, &mut th, &Err(err), false);
            }
        });
    }
    for (mut th, obj) in p.spawns.drain(..) {
        th.reactive = true;
        let id = r.spawn(
            TASK_NAME,
            Task::new(th, Some(obj.clone())),
            Value::None,
            Callback::Fn(resume),
        );
        // Results are handled in `resume` (waiters, handlers): the reactor keeps none.
        r.set_exception_handler(id, |_, _| {});
        obj.set_id(id);
        if let Some(s) = r.state_mut(id) {
            s.exit_pending = ending;
        }
    }
    for (id, outcome) in p.wakes.drain(..) {
        r.schedule_or_throw(id, outcome);
    }
    for (id, err) in p.throws.drain(..) {
        r.throw(id, err);
    }
    for (id, after, ended) in p.timers.drain(..) {
        let key = Arc::as_ptr(&ended) as usize;
        let timer = r.call_later(after, move |r| {
            LOCAL.with(|l| l.timeouts.borrow_mut().remove(&key));
            if !ended.load(std::sync::atomic::Ordering::Relaxed) {
                r.throw(id, PyErr::msg(&types().exc.timeout_error, "timed out"));
            }
        });
        LOCAL.with(|l| l.timeouts.borrow_mut().insert(key, timer));
    }
    for key in p.timers_over.drain(..) {
        if let Some(timer) = LOCAL.with(|l| l.timeouts.borrow_mut().remove(&key)) {
            r.clear_timer(timer);
        }
    }
    if let Some(s) = r.signals() {
        for sig in p.watch.drain(..) {
            let _ = s.watch_signal(sig);
        }
    }
    if p.spawns.capacity() > 4096 {
        p.spawns = Vec::new(); // after a burst of spawns: do not keep its buffer
    }
    LOCAL.with(|l| {
        let q = &l.pending;
        {
            let mut q = q.borrow_mut();
            if q.is_empty() {
                *q = p;
            }
        }
    });
}

trait ScheduleOrThrow {
    fn schedule_or_throw(&mut self, id: DeferredId, outcome: Result<Value, PyErr>);
}

impl ScheduleOrThrow for PyReactor {
    fn schedule_or_throw(&mut self, id: DeferredId, outcome: Result<Value, PyErr>) {
        match outcome {
            Ok(v) => {
                self.schedule(id, v);
            }
            Err(e) => {
                self.schedule_exception(id, e);
            }
        }
    }
}

/// Hold the GIL until the reactor's round ends ([`end_round`]): the runs of one round
/// (up to the event-checking threshold, none of which blocks the OS thread) take and
/// give it back once, not once each. It is given back before the reactor polls or
/// waits, so other OS threads get it whenever this one would wait.
fn hold_round() {
    LOCAL.with(|l| {
        if !l.round_gil.replace(true) {
            crate::objects::gil::hold();
        }
    });
}

/// The reactor's round is over: give the GIL back if [`hold_round`] took it.
fn end_round() {
    LOCAL.with(|l| {
        if l.round_gil.replace(false) {
            crate::objects::gil::release_hold();
        }
    });
}

/// The name every micro-thread's reactor task and callback are registered under: a
/// static one, so registering a callback at each wait touches no reference count
/// (rule 5 compares callback names). Reports name a micro-thread by its thread
/// object ([`task_name`]).
const TASK_NAME: &str = "micro_thread";

/// The name of micro-thread `id` (its thread object's, even while it runs).
pub(crate) fn task_name(r: &PyReactor, id: DeferredId) -> String {
    if let Some(o) = r.state(id).and_then(|s| s.obj.as_ref()) {
        return o.name().to_string();
    }
    if r.current() == Some(id) {
        if let Some(n) = LOCAL.with(|l| {
            l.current_obj
                .borrow()
                .as_ref()
                .map(|o| o.name().to_string())
        }) {
            return n;
        }
    }
    r.name(id).map(|n| n.to_string()).unwrap_or_default()
}

/// The one callback of every micro-thread: run its loop until it finishes or defers.
pub fn resume(r: &mut PyReactor, input: Result<Value, PyErr>) -> Step<Value, PyErr> {
    let Some(id) = r.current() else {
        return Err(Unwind::Raise(crate::objects::exception::system_error(
            "resume outside a micro-thread",
        )));
    };
    let Some(task) = r.current_state() else {
        return Err(Unwind::Raise(crate::objects::exception::system_error(
            "no state",
        )));
    };
    let mut input = input;
    if LOCAL.with(|l| l.stuck.replace(false)) {
        // A stuck reactor runs one of its micro-threads again: say so before the run,
        // which may take seconds of CPU (and the GIL first): the table would show it
        // stuck meanwhile, and the process-wide check find a false deadlock.
        deadlock::publish(os_thread::ident(), None);
    }
    hold_round();
    let was_parked = std::mem::take(&mut task.parked);
    if std::mem::take(&mut task.exit_pending) {
        // The main micro-thread has ended: whatever woke this one, it ends too.
        if !matches!(&input, Err(e) if e.is_instance(&record::exit_type())) {
            input = Err(record::micro_thread_exit());
        }
    }
    let job = match (task.hard.take(), task.th.take()) {
        (Some(w), _) => Job::Hard(w),
        (None, Some(th)) => Job::Soft(th, task.cont.take()),
        (None, None) => {
            return Err(Unwind::Raise(crate::objects::exception::system_error(
                "no state",
            )))
        }
    };
    // The thread object moves to the driver's state while the micro-thread runs
    // (no reference count touched) and back after.
    let obj = task.obj.take();
    let runnable = r.runnable();
    // One visit to the driver's state on the way in, one on the way out.
    LOCAL.with(|l| {
        if was_parked {
            l.parked.set(l.parked.get().saturating_sub(1));
        }
        l.runnable.set(runnable);
        l.current.set(Some(id));
        *l.current_obj.borrow_mut() = obj;
    });
    let out = run(r, id, job, input);
    let (obj, exiting, parked, was_stuck) = LOCAL.with(|l| {
        l.current.set(None);
        (
            l.current_obj.borrow_mut().take(),
            !l.exiting.borrow().is_empty(),
            l.parked.get(),
            l.stuck.get(),
        )
    });
    if let Some(s) = r.state_mut(id) {
        s.obj = obj;
    }
    if exiting {
        exit_next(r, 1);
    }
    if r.runnable() == 0 {
        collect_when_idle();
    }
    // The common case first: one OS thread, never stuck.
    if was_stuck || os_thread::others_alive() {
        publish_stuck(r, parked, !matches!(out, Err(Unwind::Deferred)));
    }
    out
}

/// Tell `deadlock` when this reactor becomes stuck (every micro-thread parked, no
/// timer pending: only another OS thread can wake one) or stops being stuck.
fn publish_stuck(r: &mut PyReactor, parked: usize, finished: bool) {
    // The running micro-thread still counts as a task until its callback returns.
    let me_parked = r.current_state().is_some_and(|s| s.parked);
    let others = r.tasks().saturating_sub(1);
    let stuck = parked > 0
        && (me_parked || finished)
        && parked - me_parked as usize == others
        && r.runnable() == 0
        && r.pending_timers() == 0;
    // A stuck reactor publishes on every change (what its micro-threads wait on may
    // differ); one that can go on, only when it was stuck before.
    let was = LOCAL.with(|l| {
        let s = &l.stuck;
        s.replace(stuck)
    });
    if !was && (!stuck || !os_thread::others_alive()) {
        return;
    }
    let report = stuck.then(|| {
        let parked = r
            .task_ids()
            .into_iter()
            .filter_map(|t| {
                let s = r.state(t)?;
                if !s.parked {
                    return None;
                }
                let name = task_name(r, t);
                let what = s.obj.as_ref().map(|o| with_gil(|gil| o.waiting(gil)));
                let what = what.unwrap_or_default();
                Some((t, name, what))
            })
            .collect();
        deadlock::Stuck {
            waker: r.waker(),
            parked,
        }
    });
    deadlock::publish(os_thread::ident(), report);
}

/// How a micro-thread is resumed: its loop starts on a free worker, or the worker it
/// is suspended on goes on.
enum Job {
    Soft(Box<MicroThread>, Option<wait::Then>),
    Hard(Box<worker::Worker>),
}

/// [`resume`] with the micro-thread in hand.
fn run(
    r: &mut PyReactor,
    id: DeferredId,
    job: Job,
    input: Result<Value, PyErr>,
) -> Step<Value, PyErr> {
    let mut input = input;
    let mut job = job;
    loop {
        // Only a micro-thread with others around can starve them.
        let watched = r.tasks() > 1;
        LOCAL.with(|l| l.alone.set(!watched));
        let stopped = with_gil(|gil| {
            watchdog::run_begins(gil, watched);
            let s = match job {
                Job::Soft(mut th, cont) => match worker::Worker::take(run_job) {
                    Ok(mut w) => {
                        let s = w.resume(gil, worker::Resume::Job(th, input, cont));
                        (Some(w), s)
                    }
                    Err(_) => {
                        // No stack can be mapped for a worker (too many micro-threads
                        // are suspended inside built-ins): run on this OS thread's
                        // own stack, where a wait inside a built-in is refused (the
                        // proposal's rule 2) instead of ending the program.
                        LOCAL.with(|l| l.out_of_stacks.set(true));
                        let out = run_job(gil, &mut th, input, cont);
                        LOCAL.with(|l| l.out_of_stacks.set(false));
                        (None, worker::Suspend::Done(th, out))
                    }
                },
                Job::Hard(mut w) => {
                    let s = w.resume(gil, worker::Resume::Outcome(input));
                    (Some(w), s)
                }
            };
            watchdog::run_begins(gil, false);
            // What it waits for now, said while the GIL is held (`thread.state`).
            let asked = match &s.1 {
                worker::Suspend::Done(_, Outcome::Deferred) => wait::take(),
                _ => None,
            };
            let request = match (&s.1, &asked) {
                (worker::Suspend::Wait(request), _) => Some(request),
                (_, Some(asked)) => Some(&asked.request),
                _ => None,
            };
            if let Some(request) = request {
                LOCAL.with(|l| {
                    if let Some(obj) = l.current_obj.borrow().as_ref() {
                        obj.set_waiting(gil, request);
                    }
                });
            }
            (s.0, s.1, asked)
        });
        let (w, stopped, asked) = stopped;
        after_fork(r);
        let (request, hard) = match stopped {
            worker::Suspend::Done(mut th, out) => {
                if let Some(mut w) = w {
                    w.holding = false;
                    w.put_back();
                }
                match out {
                    Outcome::Deferred => {
                        let (request, cont) = match asked {
                            Some(w) => (Some(w.request), w.finish),
                            None => (None, None),
                        };
                        if let Some(s) = r.current_state() {
                            s.th = Some(th);
                            s.cont = cont;
                        }
                        (request, None)
                    }
                    Outcome::Returned(v) => {
                        finished(r, id, &mut th, Ok(v.clone()));
                        flush(r);
                        return Ok(v);
                    }
                    Outcome::Raised(e) => {
                        finished(r, id, &mut th, Err(e.clone()));
                        flush(r);
                        return Err(Unwind::Raise(e));
                    }
                }
            }
            worker::Suspend::Wait(request) => {
                let mut w = w;
                if let Some(w) = w.as_mut() {
                    w.holding = true;
                }
                (Some(request), w)
            }
            worker::Suspend::Stack(_) => {
                return Err(Unwind::Raise(crate::objects::exception::system_error(
                    "a worker stopped without a micro-thread",
                )))
            }
        };
        let is_hard = hard.is_some();
        let parks = matches!(request, Some(Request::Park(_)));
        if parks {
            LOCAL.with(|l| l.parked.set(l.parked.get() + 1));
        }
        if let Some(s) = r.current_state() {
            s.hard = hard;
            s.parked = parks;
        }
        flush(r);
        let unwind = match request {
            Some(Request::Sleep(d)) => r.sleep(d),
            // With other OS threads about, one of them may end the wait: wait
            // in the wake notifier, which their wake-ups interrupt at once.
            Some(Request::Park(_)) if os_thread::others_alive() => {
                r.defer::<notifiers::WakeNotifier<Value, PyErr>>((), None)
            }
            Some(Request::Park(what)) => r.park(what),
            Some(Request::Io(req)) => io::wait(r, req),
            Some(Request::Signals(set)) => {
                r.defer::<notifiers::SignalNotifier<Value, PyErr>>(set, None)
            }
            Some(Request::Dump) => {
                dump(r, id);
                r.sleep(Duration::ZERO)
            }
            None => Unwind::Raise(crate::objects::exception::system_error(
                "a native deferred without saying what it waits for",
            )),
        };
        match unwind {
            Unwind::Deferred => {
                r.add_callback(TASK_NAME, None, Callback::Fn(resume))?;
                return Err(Unwind::Deferred);
            }
            Unwind::Raise(e) => {
                // The wait could not begin: raise it where the thread stopped.
                let Some(s) = r.current_state() else {
                    return Err(Unwind::Raise(e));
                };
                if std::mem::take(&mut s.parked) {
                    LOCAL.with(|l| {
                        let p = &l.parked;
                        p.set(p.get().saturating_sub(1))
                    });
                }
                job = match (is_hard, s.hard.take(), s.th.take()) {
                    (true, Some(w), _) => Job::Hard(w),
                    (false, _, Some(th)) => Job::Soft(th, s.cont.take()),
                    _ => return Err(Unwind::Raise(e)),
                };
                input = Err(e);
            }
        }
    }
}

/// The driver's part that runs on a worker: resume the micro-thread's loop with
/// `input`, after what its wait left to do (`cont`: take the wait back if it ended
/// with an exception; a socket call to make again now that its descriptor is ready).
fn run_job(
    gil: Gil<'_>,
    th: &mut MicroThread,
    input: Result<Value, PyErr>,
    cont: Option<wait::Then>,
) -> Outcome {
    // (`atomic()` depth is 0 here: nothing switches inside `atomic()`.)
    let input = match cont {
        None => input,
        Some(cont) => {
            let mut cx = crate::native::Cx { gil, th: &mut *th };
            match wait::finish(&mut cx, Some(cont), input) {
                Ok(v) => Ok(v),
                Err(Unwind::Raise(e)) => Err(e),
                // It waits again: the new wait was asked for.
                Err(Unwind::Deferred) => return Outcome::Deferred,
            }
        }
    };
    crate::vm::resume(gil, th, input)
}

/// A micro-thread finished: close its pipes, hand its result to waiters, report an
/// uncaught exception, and when it is the main one, end the others.
fn finished(r: &mut PyReactor, id: DeferredId, th: &mut MicroThread, result: Result<Value, PyErr>) {
    let is_main = LOCAL.with(|l| {
        let m = &l.main;
        *m.borrow() == Some(id)
    });
    let obj = LOCAL.with(|l| l.current_obj.borrow().clone());
    with_gil(|gil| {
        if let Some(obj) = obj {
            obj.finish(gil, th, &result, is_main);
        }
    });
    let (main, helper) = LOCAL.with(|l| (*l.main.borrow(), l.signal_helper.get()));
    if let (Some(main), true, Err(e)) = (main, helper == Some(id), &result) {
        // A signal handler run for the waiting main micro-thread raised: the
        // exception comes out of the main one's wait.
        throw(main, e.clone());
    }
    if is_main {
        LOCAL.with(|l| {
            let mut m = l.main_done.borrow_mut();
            // (A verdict given already — a deadlock that never ended — stands.)
            if m.is_none() {
                *m = Some(result);
            }
        });
        // Every other micro-thread gets MicroThreadExit, so its `finally` blocks run.
        exit_all(r, Some(id));
    }
}

/// Print every micro-thread: name, state, and its Python stack.
fn dump(r: &mut PyReactor, running: DeferredId) {
    dump_all(r, Some(running));
}

fn dump_all(r: &mut PyReactor, running: Option<DeferredId>) {
    // A micro-thread suspended on a worker stack formats its own stack there.
    let mut inner: std::collections::HashMap<DeferredId, String> = Default::default();
    for t in r.task_ids() {
        if let Some(w) = r.state_mut(t).and_then(|s| s.hard.as_mut()) {
            if let worker::Suspend::Stack(s) =
                with_gil(|gil| w.resume(gil, worker::Resume::Inspect))
            {
                inner.insert(t, s);
            }
        }
    }
    let mut out = String::from("micro_threads:\n");
    with_gil(|gil| {
        for t in r.task_infos() {
            let Some(task) = r.state(t.id) else {
                continue;
            };
            let state = match (&task.obj, Some(t.id) == running) {
                (_, true) => "running".to_owned(),
                (Some(o), _) => o.waiting(gil),
                (None, _) => format!("{:?}", t.state).to_lowercase(),
            };
            // The running one's thread object is in the driver's state meanwhile.
            let started = match &task.obj {
                Some(o) => o.started_at.to_string(),
                None if Some(t.id) == running => LOCAL
                    .with(|l| {
                        l.current_obj
                            .borrow()
                            .as_ref()
                            .map(|o| o.started_at.to_string())
                    })
                    .unwrap_or_default(),
                None => String::new(),
            };
            let name = task_name(r, t.id);
            out.push_str(&format!("  {name} ({state}), started at {started}\n"));
            if let Some(th) = &task.th {
                out.push_str(&crate::vm::unwind::format_stack(gil, th, "    "));
            } else if let Some(s) = inner.get(&t.id) {
                out.push_str(s);
            }
        }
    });
    crate::modules::sys::write_stderr(&out);
}

/// Signals (`modules::signal`): the main reactor's signal notifier watches every
/// signal with an OS handler (so one wakes the reactor), and between rounds the
/// driver sees that handlers wait to run: when the main micro-thread is suspended,
/// a micro-thread is started to run them on its behalf ([`deliver_signals`]).
/// SIGUSR1, unless the program set a handler for it, prints `dump()`'s report
/// without stopping anything — also while a micro-thread spins: the signal sets the
/// VM's yield flag, and the spinner is switched out at its next backward jump.
fn watch_signals(r: &mut PyReactor) {
    use signal_hook::consts::SIGUSR1;
    if let Some(s) = r.signals() {
        for sig in crate::modules::signal::hooked()
            .into_iter()
            .chain([SIGUSR1])
        {
            let _ = s.watch_signal(sig);
        }
    }
    LOCAL.with(|l| {
        let m = &l.process_main;
        m.set(true)
    });
    let _ = signal_hook::flag::register(SIGUSR1, crate::vm::yield_flag());
    r.set_round_hook(Some(Box::new(|r: &mut PyReactor| {
        end_round();
        let pending = r.signals().map(|s| s.take_pending()).unwrap_or_default();
        if pending.contains(&SIGUSR1) && crate::modules::signal::untouched(SIGUSR1) {
            let running = r.current();
            dump_all(r, running);
        }
        if crate::modules::signal::any_pending() {
            deliver_signals(r);
        }
    })));
}

/// How the allocator returns memory it keeps (freed, still resident) to the system:
/// set by the `pyvm` binary (mimalloc's `mi_collect`), none in a library user.
static COLLECT: std::sync::OnceLock<fn()> = std::sync::OnceLock::new();

/// The allocator's collection, run when a reactor is idle ([`collect_when_idle`]).
pub fn set_allocator_collect(collect: fn()) {
    let _ = COLLECT.set(collect);
}

/// At most once a second, when the last runnable micro-thread has just waited (the
/// reactor is about to poll, and wait if nothing is ready): have the allocator give
/// back what it keeps. An idle process otherwise never reaches the allocator's
/// own collection, and keeps resident the old buffers of the tables that doubled
/// while a burst of micro-threads started (about 260 B for each of a million
/// sleepers: ARCHITECTURE.md, "Costs").
fn collect_when_idle() {
    const EVERY: Duration = Duration::from_secs(1);
    let Some(collect) = COLLECT.get() else {
        return;
    };
    let due = LOCAL.with(|l| {
        let now = std::time::Instant::now();
        match l.collected.get() {
            Some(at) if now.duration_since(at) < EVERY => false,
            _ => {
                l.collected.set(Some(now));
                true
            }
        }
    });
    if due {
        collect();
    }
}

/// Have the reactor's signal notifier watch `sig` (when the running micro-thread
/// yields).
pub fn watch_signal(sig: i32) {
    LOCAL.with(|l| l.pending.borrow_mut().watch.push(sig));
}

/// Do signal handlers run in the running code: the process's main OS thread, in
/// its main micro-thread or the one running them while that one waits?
pub fn runs_signal_handlers() -> bool {
    LOCAL.with(|l| {
        let me = l.current.get();
        l.process_main.get()
            && me.is_some()
            && (me == *l.main.borrow() || me == l.signal_helper.get())
    })
}

/// Is the running micro-thread the one running signal handlers for the main one?
pub fn in_signal_helper() -> bool {
    LOCAL.with(|l| l.current.get().is_some() && l.current.get() == l.signal_helper.get())
}

/// Signal handlers wait to run: where the main micro-thread is suspended, start a
/// micro-thread that runs them for it (what they raise is thrown into it; if they
/// return, its wait goes on). A main micro-thread that is scheduled runs them
/// itself at its next call or backward jump.
fn deliver_signals(r: &mut PyReactor) {
    let (main, helper, done) = LOCAL.with(|l| {
        (
            *l.main.borrow(),
            l.signal_helper.get(),
            l.main_done.borrow().is_some(),
        )
    });
    let Some(main) = main else { return };
    if done || r.state(main).is_none() || r.is_scheduled(main) {
        return;
    }
    if helper.is_some_and(|h| r.state(h).is_some()) {
        return;
    }
    let obj = ThreadObj::new(
        "signal handlers",
        record::CallSite::new("<signal>", None),
        None,
    );
    let made = with_gil(|gil| {
        let f = crate::modules::signal::helper_function(gil);
        let mut th = MicroThread::new();
        let args = crate::native::Args::new(Vec::new());
        match crate::vm::call::invoke(gil, &mut th, f, args) {
            Ok(crate::vm::call::Called::Frame) => Some(th),
            _ => None,
        }
    });
    let Some(th) = made else { return };
    // Handlers get the frame the main micro-thread waits in.
    let frame = with_gil(|gil| {
        let th = r.state_mut(main).and_then(|s| s.th.as_deref_mut())?;
        crate::modules::frame::get(&crate::native::Cx { gil, th }, 0)
    });
    crate::modules::signal::main_waits_in(frame);
    spawn_helper(th, obj.clone());
    flush(r);
    LOCAL.with(|l| l.signal_helper.set(obj.id()));
}

/// How many micro-threads are runnable: the running one and those scheduled (Stackless's
/// `runcount`), as of when the running one's run began.
pub fn runnable_count() -> usize {
    LOCAL.with(|l| {
        let n = &l.runnable;
        n.get()
    }) + 1
}

/// Run a program's main code (frames already pushed on `th`) as the main
/// micro-thread on a new reactor, until nothing is left. Returns its outcome.
pub fn run_main(th: MicroThread, obj: Arc<ThreadObj>) -> Result<Value, PyErr> {
    run_reactor(new_reactor()?, th, obj, "main", true)
}

/// A reactor for this OS thread (`RuntimeError` when its notifiers cannot be set up:
/// out of descriptors).
pub(crate) fn new_reactor() -> Result<PyReactor, PyErr> {
    PyReactor::new().map_err(|e| {
        crate::objects::exception::runtime_error(format!("cannot start the reactor: {e}"))
    })
}

/// Run `th` as the first micro-thread of a new reactor on this OS thread until
/// nothing is left on it (the process's main thread, or one `_thread` started):
/// when the first one finishes, the others get `MicroThreadExit`. Only the
/// process's main thread watches signals.
pub(crate) fn run_reactor(
    r: PyReactor,
    th: MicroThread,
    obj: Arc<ThreadObj>,
    name: &str,
    process_main: bool,
) -> Result<Value, PyErr> {
    let mut r = r;
    os_thread::set_home(r.waker());
    deadlock::reactor_running(os_thread::ident(), true);
    LOCAL.with(|l| {
        let s = &l.stuck;
        s.set(false)
    });
    LOCAL.with(|l| {
        let p = &l.parked;
        p.set(0)
    });
    let mut th = th;
    th.reactive = true;
    let _ = name;
    let id = r.spawn(
        TASK_NAME,
        Task::new(Box::new(th), Some(obj.clone())),
        Value::None,
        Callback::Fn(resume),
    );
    r.set_exception_handler(id, |_, _| {});
    obj.set_id(id);
    LOCAL.with(|l| {
        let m = &l.main;
        *m.borrow_mut() = Some(id)
    });
    if process_main {
        watch_signals(&mut r);
    } else {
        r.set_round_hook(Some(Box::new(|_: &mut PyReactor| end_round())));
    }
    watchdog::start();
    let mut rounds = 0;
    let mut pause = Duration::from_micros(50);
    loop {
        let ran = r.run();
        end_round();
        match ran {
            Ok(RunEnd::Done) => break,
            Ok(RunEnd::Deadlock(stuck)) => {
                let by_signal = process_main && crate::modules::signal::user_handlers();
                // An OS thread that ended just now may have woken one of these on
                // its way out (its sentinel lock released, then it stopped counting
                // as exiting): that wake-up waits in this reactor. (Asked after
                // `others_may_wake`: the wake-up is sent before the thread stops
                // counting.)
                let mut woken = || r.waker().is_some_and(|w| w.has_pending());
                if os_thread::others_may_wake() || by_signal || woken() {
                    // Another OS thread may still wake these (a lock it holds, a pipe
                    // it writes), or a signal's handler (`stop.wait()` until SIGTERM's
                    // handler sets `stop`): look again shortly, backing off to 10 ms.
                    std::thread::sleep(pause);
                    pause = (pause * 2).min(Duration::from_millis(10));
                    continue;
                }
                pause = Duration::from_micros(50);
                rounds += 1;
                if rounds > 101 {
                    break;
                }
                if rounds > 100 {
                    // They caught every DeadlockError and waited again: give up on
                    // them, and say so (the program does not end as if all went well).
                    let names: Vec<String> = stuck
                        .iter()
                        .map(|s| format!("'{}' ({})", task_name(&r, s.id), s.waiting_on))
                        .collect();
                    LOCAL.with(|l| {
                        let mut done = l.main_done.borrow_mut();
                        if done.is_none() {
                            *done = Some(Err(record::deadlock_error(&format!(
                                "micro_threads still waiting on each other after 100 DeadlockErrors: {}",
                                names.join(", ")
                            ))));
                        }
                    });
                    // They end the way the main one's end ends them (their `finally`
                    // blocks run), then the program ends.
                    for t in stuck {
                        r.throw(t.id, record::micro_thread_exit());
                    }
                    continue;
                }
                deadlock::report_local(&mut r, stuck);
            }
            Err(e) => {
                return Err(crate::objects::exception::runtime_error(format!(
                    "reactor failed: {e}"
                )))
            }
        }
    }
    LOCAL.with(|l| {
        let m = &l.main;
        *m.borrow_mut() = None
    });
    deadlock::reactor_running(os_thread::ident(), false);
    os_thread::clear_home();
    LOCAL
        .with(|l| l.main_done.borrow_mut().take())
        .unwrap_or(Ok(Value::None))
}

/// A wait the dispatch loop cannot be left to: the native that waits (or the nested
/// loop under a native that suspended) has Rust frames on the stack. The worker the
/// micro-thread runs on is suspended with them until the wait the native asked for
/// (`wait::take`) is over, and its continuation has run: the result of the call that
/// waited, or its exception. Where no worker can be suspended (or in strict mode), the
/// proposal's rule 2: the wait is taken back and "Deferred execution not yet
/// implemented by &lt;native&gt;" raised.
pub(crate) fn block(gil: Gil<'_>, th: &mut MicroThread) -> Result<Value, PyErr> {
    loop {
        let Some(w) = wait::take() else {
            return Err(crate::objects::exception::system_error(
                "a native deferred without saying what it waits for",
            ));
        };
        let wait::Wait { request, finish } = w;
        let outcome = if strict() {
            None
        } else {
            let seen: &MicroThread = th;
            let mut inspect = |gil: Gil<'_>| crate::vm::unwind::format_stack(gil, seen, "    ");
            worker::wait(gil, request, &mut inspect)
        };
        let Some(outcome) = outcome else {
            let mut cx = crate::native::Cx { gil, th: &mut *th };
            // Take the registration back (the continuation sees an exception).
            let refused = crate::objects::exception::runtime_error("the wait was refused");
            let _ = wait::finish(&mut cx, finish, Err(refused));
            if LOCAL.with(|l| l.out_of_stacks.get()) {
                return Err(crate::objects::exception::PyErr::msg(
                    &crate::objects::types::types().exc.memory_error,
                    format!(
                        "no stack left to suspend {} on: too many micro_threads are suspended inside built-ins",
                        th.native_name
                    ),
                ));
            }
            return Err(crate::objects::exception::runtime_error(
                deferred::not_implemented_message(th.native_name),
            ));
        };
        let mut cx = crate::native::Cx { gil, th: &mut *th };
        match wait::finish(&mut cx, finish, outcome) {
            Ok(v) => return Ok(v),
            Err(Unwind::Raise(e)) => return Err(e),
            // It waits again.
            Err(Unwind::Deferred) => continue,
        }
    }
}
