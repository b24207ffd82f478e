//! Finalizers: what must run Python code when an object's last reference goes away —
//! closing a suspended generator (its `finally` and `with` blocks run), an instance's
//! `__del__`, a weak reference's callback, the warning for a coroutine never awaited.
//!
//! A value's last reference can go away anywhere: inside a native, while a container
//! is borrowed, on any OS thread. Python code cannot run there. So the dying object is
//! *resurrected*: its insides move into a fresh object that goes into a process-wide
//! queue, and a flag is raised. The dispatch loop checks the flag at its checkpoints
//! (frame entry and resumption, backward jumps, each instruction that allocates or
//! calls: one relaxed load; see `vm::eval`'s `checkpoint!`) and runs what is queued
//! right there, as a nested call of the micro-thread that dropped it
//! (`vm::finalize`). The finalizer therefore runs within a few quiet instructions
//! (loads, stores, jumps) of the drop, before anything the code calls or prints
//! next, which is when CPython's reference counting runs it as far as a program can
//! tell; it may block like any call.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use super::value::Value;

/// Something a dead object left to run.
pub enum Pending {
    /// A generator or coroutine dropped while suspended inside a handler block:
    /// `close()` it.
    Close(super::generator::GenRef),
    /// An instance whose class defines `__del__` (already marked finalized).
    Del(Value),
    /// A weak reference object whose referent died: call its `__callback__` with it.
    WeakCallback(Value),
    /// A hook to call with an object (an async generator's finalizer with it).
    Call(Value, Value),
    /// `RuntimeWarning: coroutine '...' was never awaited`.
    NeverAwaited(String),
}

static QUEUE: Mutex<Vec<Pending>> = Mutex::new(Vec::new());
static FLAG: AtomicBool = AtomicBool::new(false);

/// Is anything queued? (The dispatch loop's check at its checkpoints.)
#[inline(always)]
pub fn pending() -> bool {
    FLAG.load(Ordering::Relaxed)
}

/// Have the dispatch loop look at its next checkpoint, with nothing queued:
/// the allocator's pending `MemoryError` (`reserve`), which it raises there, or the
/// cycle collector wanting to run (`objects::gc::wanted`).
pub fn wake() {
    FLAG.store(true, Ordering::SeqCst);
}

/// Queue a finalizer.
pub fn push(p: Pending) {
    let mut q = QUEUE.lock().unwrap_or_else(|e| e.into_inner());
    q.push(p);
    FLAG.store(true, Ordering::Relaxed);
}

/// Everything queued, oldest first (lowering the flag).
pub fn take_all() -> Vec<Pending> {
    let mut q = QUEUE.lock().unwrap_or_else(|e| e.into_inner());
    FLAG.store(false, Ordering::Relaxed);
    std::mem::take(&mut *q)
}

/// The oldest queued finalizer, if any (lowering the flag when none is left).
pub fn take() -> Option<Pending> {
    let mut q = QUEUE.lock().unwrap_or_else(|e| e.into_inner());
    if q.is_empty() {
        FLAG.store(false, Ordering::SeqCst);
        return None;
    }
    let p = q.remove(0);
    if q.is_empty() {
        FLAG.store(false, Ordering::SeqCst);
    }
    Some(p)
}
