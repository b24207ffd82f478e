//! Calls into Python from code that has no micro-thread at hand: `repr()` of a list
//! holding instances, a dict probing keys with a user `__eq__`, `hash()` of an
//! instance. The call runs on a scratch micro-thread (pooled per OS thread) in a
//! bounded nested loop: the non-deferral-aware native of the PEP. A deferral inside
//! becomes "Deferred execution not yet implemented by &lt;name&gt;"; an exception comes out
//! with the frames it passed through in its traceback, and the caller's frames are
//! added as it propagates further.

use std::cell::{Cell, RefCell};
use std::sync::Once;

use deferred::Unwind;

use super::state::{MicroThread, MAX_REENTRY};
use crate::native::Args;
use crate::objects::exception::{recursion_error, runtime_error, PyErr};
use crate::objects::gil::{BorrowConflict, Gil};
use crate::objects::value::Value;

thread_local! {
    static POOL: RefCell<Vec<MicroThread>> = const { RefCell::new(Vec::new()) };
    static DEPTH: Cell<u32> = const { Cell::new(0) };
}

/// Take this thread's count of nested detached calls (a micro-thread suspended inside
/// one keeps its own while others run).
pub(crate) fn take_depth() -> u32 {
    DEPTH.with(|d| d.replace(0))
}

/// Put back a count [`take_depth`] took.
pub(crate) fn restore_depth(saved: u32) {
    DEPTH.with(|d| d.set(saved));
}

/// Let a [`BorrowConflict`] inside a detached call, which becomes a `RuntimeError`,
/// pass the panic hook silently; anywhere else it is reported as the VM bug it is.
fn quiet_conflicts() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let prev = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if info.payload().is::<BorrowConflict>() {
                if DEPTH.with(|d| d.get()) > 0 {
                    return;
                }
                let at = info.location().map(|l| l.to_string()).unwrap_or_default();
                eprintln!("pyvm: internal error at {at}: GilCell already borrowed");
                // Where it was borrowed from (with RUST_BACKTRACE=1).
                let trace = std::backtrace::Backtrace::capture();
                if trace.status() == std::backtrace::BacktraceStatus::Captured {
                    eprintln!("{trace}");
                }
                return;
            }
            prev(info)
        }));
    });
}

/// Call `f(*args)` on a scratch micro-thread; `what` names the operation in the
/// exception a deferral turns into.
pub fn call(gil: Gil<'_>, what: &'static str, f: &Value, args: Vec<Value>) -> Result<Value, PyErr> {
    call_args(gil, what, f, Args::new(args))
}

/// [`call`] with keyword arguments.
pub fn call_args(gil: Gil<'_>, what: &'static str, f: &Value, args: Args) -> Result<Value, PyErr> {
    let depth = DEPTH.with(|d| d.get());
    if depth >= MAX_REENTRY {
        return Err(recursion_error("maximum recursion depth exceeded"));
    }
    DEPTH.with(|d| d.set(depth + 1));
    let mut th = POOL
        .with(|p| p.borrow_mut().pop())
        .unwrap_or_else(|| MicroThread {
            detached: true,
            ..MicroThread::new()
        });
    th.native_name = what;
    quiet_conflicts();
    let run = std::panic::AssertUnwindSafe(|| super::call::call_value(gil, &mut th, f, args));
    let out = match std::panic::catch_unwind(run) {
        Ok(out) => out,
        Err(p) if p.is::<BorrowConflict>() => Err(Unwind::Raise(runtime_error(format!(
            "container changed by {what} while it was being searched"
        )))),
        Err(p) => std::panic::resume_unwind(p),
    };
    th.stack.clear();
    th.frames.clear();
    th.blocks.clear();
    th.handled = Value::Null;
    th.reentry = 0;
    POOL.with(|p| p.borrow_mut().push(th));
    DEPTH.with(|d| d.set(depth));
    match out {
        Ok(v) => Ok(v),
        Err(Unwind::Raise(e)) => Err(e),
        Err(Unwind::Deferred) => Err(runtime_error(format!(
            "Deferred execution not yet implemented by {what}"
        ))),
    }
}
