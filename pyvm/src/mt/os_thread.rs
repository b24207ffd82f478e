//! OS threads beside micro-threads (DESIGN §6): `_thread.start_new_thread` starts an
//! OS thread that runs its own reactor, whose first micro-thread calls the function.
//! A micro-thread waiting on something another OS thread ends (a lock, a pipe) is
//! woken through its home reactor's wake notifier ([`Waiter`]).

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;

use deferred::DeferredId;
use notifiers::Waker;

use super::ThreadObj;
use crate::native::*;
use crate::objects::gil::with_gil;
use crate::vm::state::MicroThread;

/// The next OS thread identifier (`_thread.get_ident()`).
static NEXT_IDENT: AtomicU64 = AtomicU64::new(1);
/// OS threads running Python code besides the main one.
static OTHERS: AtomicUsize = AtomicUsize::new(0);
/// OS threads that have left [`OTHERS`] (`_thread._count()`, as CPython counts them
/// down first) but have yet to run their [`at_exit`] work (release the
/// `_set_sentinel()` locks others wait on): deadlock detection still counts them.
static EXITING: AtomicUsize = AtomicUsize::new(0);
/// `_thread.stack_size()`: 0 is the default.
static STACK_SIZE: AtomicUsize = AtomicUsize::new(0);
/// The native stack of a started OS thread itself: its reactor runs there and its
/// micro-threads on worker stacks (`worker`); the deep code that runs there (the
/// compiler, a nested loop when no worker stack can be had) grows it on demand
/// (`stacker`). Python frames live on the heap.
const OS_STACK: usize = 256 << 10;
/// The worker stacks of a started OS thread by default (`stack_size()` 0): where its
/// micro-threads run. Natives that call Python nest deeper in new segments of this
/// size (`mt::worker::on_segment`), so the default can be small: address space for
/// thousands of threads.
const DEFAULT_WORKER_STACK: usize = 256 << 10;
/// Address space left free for the heap when a thread starts (see [`start`]).
const HEAP_MARGIN: usize = 128 << 20;

/// Run `f` when this OS thread, started by [`start`], has finished (its reactor has
/// nothing left): `_thread._set_sentinel()`'s lock is released then, which is what
/// `threading`'s `join` waits for. Each call adds one; the last added runs first.
pub fn at_exit(f: impl FnOnce() + 'static) {
    super::LOCAL.with(|l| l.at_exit.borrow_mut().push(Box::new(f)));
}

/// This OS thread's identifier.
pub fn ident() -> u64 {
    super::LOCAL.with(|l| {
        let i = &l.ident;
        {
            if i.get() == 0 {
                i.set(NEXT_IDENT.fetch_add(1, Ordering::Relaxed));
            }
            i.get()
        }
    })
}

/// The kernel's id of this thread (`/proc/thread-self` names it).
pub fn native_id() -> u64 {
    std::fs::read_link("/proc/thread-self")
        .ok()
        .and_then(|p| p.file_name().and_then(|n| n.to_str()?.parse().ok()))
        .unwrap_or_else(|| u64::from(std::process::id()))
}

/// Every running reactor's wake-up handle, by OS thread: looked up only when a
/// micro-thread is woken from another OS thread (a [`Waiter`] carries none, so a wait
/// touches no reference count).
static HOMES: std::sync::Mutex<Vec<(u64, Waker<Value, PyErr>)>> = std::sync::Mutex::new(Vec::new());

fn homes() -> std::sync::MutexGuard<'static, Vec<(u64, Waker<Value, PyErr>)>> {
    HOMES.lock().unwrap_or_else(|p| p.into_inner())
}

pub(super) fn set_home(w: Option<Waker<Value, PyErr>>) {
    let me = ident();
    let mut t = pthreads();
    t.retain(|(os, _)| *os != me);
    if w.is_some() {
        t.push((me, notifiers::sigsys::pthread_self()));
    }
    drop(t);
    let mut h = homes();
    h.retain(|(os, _)| *os != me);
    if let Some(w) = w {
        h.push((me, w));
    }
}

/// The `pthread_t` of every OS thread running a reactor, by identifier
/// (`signal.pthread_kill`).
static PTHREADS: std::sync::Mutex<Vec<(u64, u64)>> = std::sync::Mutex::new(Vec::new());

fn pthreads() -> std::sync::MutexGuard<'static, Vec<(u64, u64)>> {
    PTHREADS.lock().unwrap_or_else(|p| p.into_inner())
}

/// The `pthread_t` of the OS thread `ident`, while its reactor runs.
pub fn pthread_of(ident: u64) -> Option<u64> {
    pthreads()
        .iter()
        .find(|(os, _)| *os == ident)
        .map(|(_, t)| *t)
}

/// Around `fork`: the locks of the OS thread records, held so the child does not
/// find one taken by a thread it does not have.
pub(super) type ForkGuards = (
    std::sync::MutexGuard<'static, Vec<(u64, Waker<Value, PyErr>)>>,
    std::sync::MutexGuard<'static, Vec<(u64, u64)>>,
);

pub(super) fn lock_for_fork() -> ForkGuards {
    (homes(), pthreads())
}

/// In the child of a `fork`, under [`lock_for_fork`]'s guards: this OS thread is the
/// only one (CPython's `_PyThreadState_DeleteExcept`), and the process's main one.
pub(super) fn after_fork(g: &mut ForkGuards) {
    let me = ident();
    g.0.retain(|(os, _)| *os == me);
    g.1.retain(|(os, _)| *os == me);
    OTHERS.store(0, Ordering::SeqCst);
    EXITING.store(0, Ordering::SeqCst);
    MAIN_IDENT.store(me, Ordering::Relaxed);
}

/// Is this the process's main OS thread (the one running the program)?
pub fn is_main() -> bool {
    ident() == MAIN_IDENT.load(Ordering::Relaxed)
}

pub(super) fn clear_home() {
    set_home(None);
}

/// Are OS threads other than this one running Python code?
pub fn others_alive() -> bool {
    others_besides(OTHERS.load(Ordering::SeqCst))
}

/// [`others_alive`], or one of them is still ending (its `_set_sentinel()` locks
/// not yet released: a wake-up may still come from it). What a reactor whose
/// micro-threads are all parked asks before it reports a deadlock.
pub fn others_may_wake() -> bool {
    others_besides(OTHERS.load(Ordering::SeqCst) + EXITING.load(Ordering::SeqCst))
}

fn others_besides(others: usize) -> bool {
    if super::LOCAL.with(|l| {
        let i = &l.ident;
        i.get()
    }) == MAIN_IDENT.load(Ordering::Relaxed)
    {
        others > 0
    } else {
        // This thread is one of them; the main thread is always another.
        true
    }
}

/// How many OS threads run Python code (`threading.active_count()` counts them).
pub fn count() -> usize {
    OTHERS.load(Ordering::SeqCst) + 1
}

static MAIN_IDENT: AtomicU64 = AtomicU64::new(0);

/// Mark this OS thread as the process's main thread.
pub fn set_main() {
    MAIN_IDENT.store(ident(), Ordering::Relaxed);
}

/// A micro-thread waiting on something any OS thread may end.
#[derive(Clone)]
pub struct Waiter {
    pub id: DeferredId,
    os: u64,
}

impl Waiter {
    /// The running micro-thread as a waiter.
    pub fn me(id: DeferredId) -> Waiter {
        Waiter { id, os: ident() }
    }

    /// Resume it with `outcome`, from whichever OS thread.
    pub fn wake(&self, outcome: Result<Value, PyErr>) {
        if self.os == ident() {
            super::wake(self.id, outcome);
            return;
        }
        // (A reactor that has ended has no handle: its micro-threads are gone.)
        let home = homes()
            .iter()
            .find(|(os, _)| *os == self.os)
            .map(|(_, w)| w.clone());
        if let Some(h) = home {
            super::deadlock::woke_across();
            h.schedule(self.id, outcome);
        }
    }

    /// The OS thread it waits on.
    pub fn os(&self) -> u64 {
        self.os
    }

    pub fn is(&self, id: DeferredId) -> bool {
        self.id == id && self.os == ident()
    }
}

/// `_thread.stack_size([size])`: set it (0, the default, or at least 32 KiB) and return
/// the previous one. As in CPython, no argument means 0: it resets the size.
pub fn stack_size(size: Option<i64>) -> Result<usize, PyErr> {
    let n = size.unwrap_or(0);
    if n < 0 {
        return Err(value_error("size must be 0 or a positive value"));
    }
    if n != 0 && n < 32768 {
        return Err(value_error(format!("size not valid: {n} bytes")));
    }
    Ok(STACK_SIZE.swap(n as usize, Ordering::Relaxed))
}

/// Start an OS thread running `f(*args, **kw)` as the first micro-thread of its own
/// reactor. Returns its identifier.
pub fn start(th: MicroThread, obj: Arc<ThreadObj>, f_repr: String) -> Result<u64, PyErr> {
    let ident = NEXT_IDENT.fetch_add(1, Ordering::Relaxed);
    let workers = match STACK_SIZE.load(Ordering::Relaxed) {
        0 => DEFAULT_WORKER_STACK,
        n => n,
    };
    // Started until the address space runs out, threads would leave the heap none
    // to grow into (the program then ends in a fatal out-of-memory error, or an
    // allocation deep in the runtime aborts): a thread starts only while its stacks
    // and a margin for the heap (one of the allocator's arena reservations) could
    // still be mapped, else it is CPython's `RuntimeError`.
    if !crate::stack::room_for_segment(OS_STACK + workers + HEAP_MARGIN) {
        return Err(runtime_error("can't start new thread"));
    }
    OTHERS.fetch_add(1, Ordering::SeqCst);
    // The new thread says whether its reactor could be set up (it may be out of
    // descriptors): if not, starting it fails here, as CPython's does.
    let (ready_tx, ready) = std::sync::mpsc::sync_channel::<Option<String>>(1);
    let spawned = std::thread::Builder::new()
        .name(format!("pyvm-{ident}"))
        .stack_size(OS_STACK)
        .spawn(move || {
            super::worker::set_stack_size(workers);
            super::LOCAL.with(|l| {
                let i = &l.ident;
                i.set(ident)
            });
            let r = match super::PyReactor::new() {
                Ok(r) => r,
                Err(e) => {
                    OTHERS.fetch_sub(1, Ordering::SeqCst);
                    let _ = ready_tx.send(Some(format!("cannot start its reactor: {e}")));
                    return;
                }
            };
            let _ = ready_tx.send(None);
            let outcome = super::run_reactor(r, th, obj, "thread", false);
            if let Err(e) = outcome {
                with_gil(|gil| report(gil, &e, &f_repr));
            }
            crate::modules::sys::flush_stdout();
            // Forked by this thread, the child has only it: its end is the process's
            // (the program's end, as the main thread's would be: `threading` and
            // `atexit` run first).
            if super::is_fork_child() && is_main() {
                let _ = join_threading();
                let _ = run_exit_hook("atexit", "_run_exitfuncs");
                crate::modules::sys::flush_stdout();
                std::process::exit(0);
            }
            EXITING.fetch_add(1, Ordering::SeqCst);
            OTHERS.fetch_sub(1, Ordering::SeqCst);
            for f in super::LOCAL
                .with(|l| std::mem::take(&mut *l.at_exit.borrow_mut()))
                .into_iter()
                .rev()
            {
                f();
            }
            EXITING.fetch_sub(1, Ordering::SeqCst);
        });
    // Why the thread could not start (no memory for its stack, a process limit) is
    // not told: CPython's message is just this.
    match spawned {
        Ok(_) => {
            if let Ok(None) = ready.recv() {
                return Ok(ident);
            }
        }
        Err(_) => {
            OTHERS.fetch_sub(1, Ordering::SeqCst);
        }
    }
    Err(PyErr::msg(
        &crate::objects::types::types().exc.runtime_error,
        "can't start new thread".to_owned(),
    ))
}

/// CPython's report of a thread's uncaught exception; `SystemExit` ends it silently.
fn report(gil: crate::objects::gil::Gil<'_>, e: &PyErr, f_repr: &str) {
    let t = crate::objects::types::types();
    if e.is_instance(&t.exc.system_exit) || e.is_instance(&super::record::exit_type()) {
        return;
    }
    let mut text = format!("Exception ignored in thread started by: {f_repr}\n");
    text.push_str(&crate::vm::unwind::format_exception(
        gil,
        e,
        &crate::modules::source_text,
    ));
    crate::modules::sys::write_stderr(&text);
}

/// At exit: `threading._shutdown()` if `threading` was imported (it joins the
/// non-daemon threads), run as the main micro-thread of a fresh reactor.
pub fn join_threading() -> Result<(), PyErr> {
    run_exit_hook("threading", "_shutdown")
}

/// At exit: `module.name()` if `module` was imported (`atexit._run_exitfuncs`), run
/// as the main micro-thread of a fresh reactor.
pub fn run_exit_hook(module: &str, name: &str) -> Result<(), PyErr> {
    let prepared = with_gil(|gil| {
        let f = crate::modules::loaded_attr(gil, module, name)?;
        let mut th = MicroThread::new();
        match crate::vm::call::invoke(gil, &mut th, f, Args::new([])) {
            Ok(crate::vm::call::Called::Frame) => {}
            _ => return None,
        }
        let obj = ThreadObj::new(
            "main".to_owned(),
            super::record::CallSite::new("<shutdown>", None),
            None,
        );
        Some((th, obj))
    });
    match prepared {
        Some((th, obj)) => {
            super::run_reactor(super::new_reactor()?, th, obj, "main", true).map(|_| ())
        }
        None => Ok(()),
    }
}
