//! Worker stacks: where micro-threads run, so that any of them can be suspended
//! anywhere (Stackless's *hard switching*, beside the proposal's soft switching).
//!
//! The driver runs every resumption of a micro-thread (`Resume::Job`) on a worker: a
//! stackful coroutine (`corosensei`) with a stack of its own, taken from a per-OS-
//! thread pool. Most runs end the soft way: the dispatch loop returns (`Outcome`)
//! with the micro-thread's frames on the heap, the worker yields `Suspend::Done` and
//! goes back to the pool, ready for the next micro-thread. A switch in and out of a
//! worker costs a few nanoseconds; no stack is held by a waiting micro-thread.
//!
//! When a wait happens where the frames cannot be left on the heap — Python code
//! called by a native (`sorted(key=f)`, `functools.reduce`, a `__repr__` called by
//! `repr(list)`), or a native reading from something that waits (`bytes(pipe)`) —
//! [`wait`] suspends the whole worker (`Suspend::Wait`) with the native's Rust frames
//! on it. The driver registers the wait for the micro-thread, keeps the worker with
//! its task, and resumes it with the outcome (`Resume::Outcome`) when the wait ends:
//! the native goes on as if its call had returned. The worker returns to the pool
//! when the micro-thread's run ends.
//!
//! Guarded: worker stacks have a guard page, and nested loops on them check the space
//! left (`crate::stack::nested`), so deep recursion through natives is a
//! `RecursionError`, never an overflow. Code that must not run on a small stack (the
//! compiler, the parser) runs on the OS thread's stack ([`on_os_stack`]).
#![allow(unsafe_code)]

use corosensei::stack::{DefaultStack, Stack};
use corosensei::{Coroutine, CoroutineResult, Yielder};

use super::Request;
use crate::objects::exception::PyErr;
use crate::objects::gil::{enter_coroutine, leave_coroutine, with_gil, Gil};
use crate::objects::value::Value;
use crate::vm::state::MicroThread;
use crate::vm::Outcome;

/// A worker stack's size on the process's main OS thread: address space reserved,
/// committed only where touched. Deep enough for `MAX_REENTRY` nested loops.
const MAIN_STACK_SIZE: usize = 16 * 1024 * 1024;

/// The smallest worker stack: room for the run that resumes a micro-thread and one
/// nested loop (`crate::stack::RED_ZONE`) with its natives, so that nesting deeper is
/// a `RecursionError`, never an overflow. Unoptimized builds, whose frames are
/// several times larger, get twice that, so that a program nests natives calling
/// Python as deep under `stack_size(256 KiB)` as an optimized build does
/// (`tests/py/threads/small_stacks.py`).
#[cfg(not(debug_assertions))]
pub(crate) const MIN_STACK_SIZE: usize = 2 * crate::stack::RED_ZONE;
#[cfg(debug_assertions)]
pub(crate) const MIN_STACK_SIZE: usize = 4 * crate::stack::RED_ZONE;

thread_local! {
    /// The size of this OS thread's worker stacks: set by [`set_stack_size`] when an
    /// OS thread other than the main one starts (its `_thread.stack_size()`), so that
    /// thousands of OS threads fit in the address space.
    static STACK_SIZE: std::cell::Cell<usize> = const { std::cell::Cell::new(MAIN_STACK_SIZE) };
}

/// The worker stacks of this OS thread will have `size` bytes (at least
/// [`MIN_STACK_SIZE`]).
pub(crate) fn set_stack_size(size: usize) {
    STACK_SIZE.with(|s| s.set(size.max(MIN_STACK_SIZE)));
}

/// How many worker stacks an OS thread may have at once (`PYVM_MAX_WORKERS`; by
/// default as many as can be mapped: about 32,000 under Linux's default
/// `vm.max_map_count`). Past it, a micro-thread runs on the OS thread's stack and a
/// wait inside a built-in there is a `MemoryError`.
fn max_workers() -> usize {
    static MAX: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *MAX.get_or_init(|| {
        std::env::var("PYVM_MAX_WORKERS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(usize::MAX)
    })
}

impl Drop for Worker {
    fn drop(&mut self) {
        // (At the OS thread's exit its state may be gone already.)
        let _ = super::LOCAL.try_with(|l| l.workers.set(l.workers.get().saturating_sub(1)));
        // A micro-thread never resumed again (its reactor ends with it still
        // suspended): unwinding its frames would run their guards (the GIL's)
        // outside the context they belong to. Its stack is left mapped instead.
        if !self.holding {
            // SAFETY: `co` is dropped here only, once.
            unsafe { std::mem::ManuallyDrop::drop(&mut self.co) }
        }
    }
}

/// Idle workers kept per OS thread.
const POOL_MAX: usize = 8;

/// What a worker is resumed with.
pub(crate) enum Resume {
    /// Run this micro-thread's loop with this input (`vm::resume`'s), after what the
    /// wait it ended left to do.
    Job(
        Box<MicroThread>,
        Result<Value, PyErr>,
        Option<super::wait::Then>,
    ),
    /// The wait the worker is suspended in ended so.
    Outcome(Result<Value, PyErr>),
    /// Report the stack of the micro-thread suspended on the worker (`dump()`).
    Inspect,
}

/// What a worker gives back when it stops running.
pub(crate) enum Suspend {
    /// The run is over: the micro-thread and how its loop ended. The worker is free.
    Done(Box<MicroThread>, Outcome),
    /// A hard wait: register it for the running micro-thread and resume the worker
    /// with its outcome.
    Wait(Request),
    /// The answer to `Resume::Inspect`: the suspended stack, formatted.
    Stack(String),
}

type Co = Coroutine<Resume, Suspend, (), DefaultStack>;

/// A worker: a coroutine looping over jobs. Resumed only through [`Worker::resume`],
/// which needs the GIL.
pub(crate) struct Worker {
    /// Dropped by `Drop`, unless a micro-thread is still suspended on it.
    co: std::mem::ManuallyDrop<Co>,
    limit: usize,
    /// A micro-thread is suspended on it (a hard switch); set by the driver.
    pub(crate) holding: bool,
}

/// The yielder a worker's code suspends it with (kept, while the worker runs, in
/// the driver's per-OS-thread state: `Local::yielder`).
pub(crate) type WorkerYielder = Yielder<Resume, Suspend>;

/// How many hard switches (`wait`) happened on this OS thread.
pub(crate) fn hard_switches() -> u64 {
    super::LOCAL.with(|l| {
        let h = &l.hard;
        h.get()
    })
}

/// Run a micro-thread's loop: the driver's part that runs on the worker.
pub(crate) type JobFn =
    fn(Gil<'_>, &mut MicroThread, Result<Value, PyErr>, Option<super::wait::Then>) -> Outcome;

impl Worker {
    fn new(job: JobFn) -> std::io::Result<Worker> {
        let live = super::LOCAL.with(|l| l.workers.get());
        if live >= max_workers() {
            return Err(std::io::Error::other("PYVM_MAX_WORKERS reached"));
        }
        let stack = DefaultStack::new(STACK_SIZE.with(std::cell::Cell::get))?;
        super::LOCAL.with(|l| l.workers.set(live + 1));
        let limit = stack.limit().get();
        let co = Coroutine::with_stack(stack, move |y: &Yielder<Resume, Suspend>, first| {
            let mut input = first;
            loop {
                input = match input {
                    Resume::Job(mut th, inp, cont) => {
                        super::LOCAL.with(|l| {
                            let c = &l.yielder;
                            c.set(y)
                        });
                        let out = with_gil(|gil| job(gil, &mut th, inp, cont));
                        super::LOCAL.with(|l| {
                            let c = &l.yielder;
                            c.set(std::ptr::null())
                        });
                        y.suspend(Suspend::Done(th, out))
                    }
                    // Nothing is suspended on an idle worker.
                    Resume::Outcome(_) | Resume::Inspect => {
                        y.suspend(Suspend::Stack(String::new()))
                    }
                };
            }
        });
        Ok(Worker {
            co: std::mem::ManuallyDrop::new(co),
            limit,
            holding: false,
        })
    }

    /// Take an idle worker from the pool (or make one).
    pub(crate) fn take(job: JobFn) -> std::io::Result<Box<Worker>> {
        match super::LOCAL.with(|l| {
            let p = &l.pool;
            p.borrow_mut().pop()
        }) {
            Some(w) => Ok(w),
            None => Worker::new(job).map(Box::new),
        }
    }

    /// Give an idle worker back.
    pub(crate) fn put_back(self: Box<Self>) {
        super::LOCAL.with(|l| {
            let p = &l.pool;
            {
                let mut p = p.borrow_mut();
                if p.len() < POOL_MAX {
                    p.push(self);
                }
            }
        });
    }

    /// Run the worker until it stops (the GIL held throughout).
    pub(crate) fn resume(&mut self, gil: Gil<'_>, input: Resume) -> Suspend {
        let saved = crate::stack::set_worker_limit(self.limit);
        let out = enter_coroutine(gil, || self.co.resume(input));
        crate::stack::set_worker_limit(saved);
        match out {
            CoroutineResult::Yield(s) => s,
            CoroutineResult::Return(()) => Suspend::Stack(String::new()),
        }
    }
}

/// Can the running code suspend its micro-thread where it is (a worker runs it, not
/// inside a segment `stacker` grew)?
pub(crate) fn can_switch() -> bool {
    crate::stack::on_worker()
        && super::LOCAL.with(|l| {
            let c = &l.yielder;
            !c.get().is_null()
        })
}

/// Suspend the running micro-thread, wherever it is, until `request` is met: the
/// outcome of the wait. `None` when it cannot be suspended here (see [`can_switch`]).
/// `inspect` formats the suspended stack if `dump()` asks for it.
pub(crate) fn wait(
    gil: Gil<'_>,
    request: Request,
    inspect: &mut dyn FnMut(Gil<'_>) -> String,
) -> Option<Result<Value, PyErr>> {
    if !can_switch() {
        return None;
    }
    let y = super::LOCAL.with(|l| {
        let c = &l.yielder;
        c.get()
    });
    // SAFETY: `Local::yielder` is non-null only while the worker that set it runs, and it
    // points to that worker's yielder, which lives on the worker's stack for as long
    // as the worker's body runs (the body never returns; it is set again after every
    // switch back in and cleared before every switch out). The code running now is on
    // that worker: no other code runs on this OS thread while the worker does (its
    // resumer waits in `Coroutine::resume`), and a grown `stacker` segment, the one
    // place with another stack, refuses switching (`can_switch`).
    let y: &Yielder<Resume, Suspend> = unsafe { &*y };
    super::LOCAL.with(|l| {
        let h = &l.hard;
        h.set(h.get() + 1)
    });
    let saved = Saved::take();
    // The stack (or segment, `on_segment`) this code runs on: the resumer sets the
    // worker's own bounds.
    let limit = crate::stack::worker_limit();
    let mut out = Suspend::Wait(request);
    let outcome = loop {
        super::LOCAL.with(|l| {
            let c = &l.yielder;
            c.set(std::ptr::null())
        });
        let input = leave_coroutine(gil, || y.suspend(out));
        crate::stack::set_worker_limit(limit);
        super::LOCAL.with(|l| {
            let c = &l.yielder;
            c.set(y)
        });
        match input {
            Resume::Outcome(o) => break o,
            Resume::Inspect => out = Suspend::Stack(inspect(gil)),
            Resume::Job(..) => {
                break Err(crate::objects::exception::system_error(
                    "a suspended worker was given another micro-thread",
                ))
            }
        }
    };
    saved.restore();
    Some(outcome)
}

/// Run `f`, a nested dispatch loop that found too little of its worker stack left,
/// on a new segment of worker stack the size of this OS thread's workers (unmapped
/// when `f` returns). The micro-thread can still be suspended inside it: a switch
/// saves and restores the stack pointer wherever it points, and [`wait`] puts back
/// the segment's bounds when the micro-thread resumes. `None` when no segment can
/// be mapped (the address space or memory is used up): a `RecursionError` for the
/// caller. (A fixed worker stack made a thread's natives calling Python nest about
/// 150 deep, where CPython's 8 MiB thread stacks allow its recursion limit.)
pub(crate) fn on_segment<R>(f: impl FnOnce() -> R) -> Option<R> {
    struct Back(usize);
    impl Drop for Back {
        fn drop(&mut self) {
            crate::stack::set_worker_limit(self.0);
        }
    }
    let stack = DefaultStack::new(STACK_SIZE.with(std::cell::Cell::get)).ok()?;
    let _back = Back(crate::stack::set_worker_limit(stack.limit().get()));
    Some(corosensei::on_stack(stack, f))
}

/// Per-OS-thread state that belongs to the suspended code, kept aside while others
/// run: the `repr` recursion guard, the nesting count of detached calls.
struct Saved {
    repr: Vec<usize>,
    detached: u32,
}

impl Saved {
    fn take() -> Saved {
        Saved {
            repr: crate::objects::repr::take_guard(),
            detached: crate::vm::detached::take_depth(),
        }
    }

    fn restore(self) {
        crate::objects::repr::restore_guard(self.repr);
        crate::vm::detached::restore_depth(self.detached);
    }
}

/// Run `f` on the OS thread's own stack when the code runs on a worker (the parser
/// and compiler recurse deeply and use `stacker`, which only knows that stack).
pub fn on_os_stack<R: Send>(f: impl FnOnce() -> R + Send) -> R {
    if !can_switch() {
        return f();
    }
    let y = super::LOCAL.with(|l| {
        let c = &l.yielder;
        c.get()
    });
    // SAFETY: as in `wait`: a non-null `Local::yielder` is the running worker's.
    let y: &Yielder<Resume, Suspend> = unsafe { &*y };
    let saved = crate::stack::set_worker_limit(0);
    let r = y.on_parent_stack(f);
    crate::stack::set_worker_limit(saved);
    r
}
