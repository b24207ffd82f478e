//! The one way a native waits: [`Cx::wait`] with a [`Wait`] — what it waits for, how
//! to take the wait back if the micro-thread is resumed some other way, and what to do
//! when the wait is over (a typed continuation: a closure holding the native's state).
//!
//! ```text
//! return cx.wait("time.sleep", Wait::sleep(d));                      // the result is the wait's
//! return cx.wait("recv", Wait::io(req).then(move |cx, r| { r?; recv_again(cx, sock, n, deadline) }));
//! ```
//!
//! The native returns what `wait` returns. Called by the dispatch loop, that is a
//! deferral: the loop leaves its frames on the heap and the driver carries the wait
//! out, then runs the continuation before the loop sees the result (the soft switch).
//! Called by another native, the wait happens where it is, on the micro-thread's
//! worker stack (`mt::block`, the hard switch), and `wait` returns the continuation's
//! result. Either way the native sees the same thing.
//!
//! Whether a native may wait at all is [`Cx::may_wait`]: a micro-thread driven by a
//! reactor; elsewhere (a module's set-up, another OS thread's start) natives block the
//! OS thread instead.

use std::time::Duration;

use deferred::{DeferredId, Unwind};

use super::Request;
use crate::native::{Cx, PyResult};
use crate::objects::exception::{runtime_error, PyErr};
use crate::objects::value::Value;

/// What to do when a wait is over: given its outcome (the value it ended with, or the
/// exception thrown in: a timeout, `kill`), give the native's result — or wait again
/// (return another `cx.wait(...)`).
pub type Then = Box<dyn FnOnce(&mut Cx<'_, '_>, Result<Value, PyErr>) -> PyResult<Value>>;

/// A wait a native asks for: what for, and what to do when it is over (its
/// `on_cancel` and `then`, as one closure: one allocation for the usual wait).
pub struct Wait {
    pub(crate) request: Request,
    pub(crate) finish: Option<Then>,
}

impl Wait {
    fn new(request: Request) -> Wait {
        Wait {
            request,
            finish: None,
        }
    }

    /// Sleep `d` (zero: let every other runnable micro-thread run first).
    pub fn sleep(d: Duration) -> Wait {
        Wait::new(Request::Sleep(d))
    }

    /// Wait for another micro-thread to wake this one (`mt::wake`); `what` says what
    /// for, in deadlock reports and `dump()`.
    pub fn park(what: deferred::Name) -> Wait {
        Wait::new(Request::Park(what))
    }

    /// Wait for a descriptor (`super::io`).
    pub fn io(req: super::io::IoRequest) -> Wait {
        Wait::new(Request::Io(req))
    }

    /// Wait for any of `signals` to arrive (`signal.pause()`).
    pub fn signals(signals: &[i32]) -> Wait {
        Wait::new(Request::Signals(notifiers::signal::SignalSet::of(signals)))
    }

    /// Print every micro-thread (`dump()`), then go on.
    pub fn dump() -> Wait {
        Wait::new(Request::Dump)
    }

    /// Take the wait back this way if the micro-thread is resumed otherwise (an
    /// exception thrown in). Call before [`Wait::then`].
    pub fn on_cancel(mut self, f: impl FnOnce() + 'static) -> Wait {
        debug_assert!(self.finish.is_none(), "on_cancel goes before then");
        self.finish = Some(Box::new(move |_cx, outcome| {
            if outcome.is_err() {
                f();
            }
            outcome.map_err(Unwind::Raise)
        }));
        self
    }

    /// When the wait is over, `f` gives the native's result.
    pub fn then(
        mut self,
        f: impl FnOnce(&mut Cx<'_, '_>, Result<Value, PyErr>) -> PyResult<Value> + 'static,
    ) -> Wait {
        self.finish = Some(match self.finish.take() {
            None => Box::new(f),
            Some(cancel) => Box::new(move |cx, outcome| match cancel(cx, outcome) {
                Ok(v) => f(cx, Ok(v)),
                Err(Unwind::Raise(e)) => f(cx, Err(e)),
                Err(Unwind::Deferred) => Err(Unwind::Deferred),
            }),
        });
        self
    }
}

/// Ask for `w` as the running code's wait (the driver carries it out).
pub(crate) fn ask(w: Wait) {
    super::LOCAL.with(|l| {
        let a = &l.asked;
        *a.borrow_mut() = Some(w)
    });
}

/// Take the wait a native asked for.
pub(crate) fn take() -> Option<Wait> {
    super::LOCAL.with(|l| {
        let a = &l.asked;
        a.borrow_mut().take()
    })
}

impl Cx<'_, '_> {
    /// Wait as `w` says (see the module doc); `what` names the call for the error
    /// raised inside `micro_thread.atomic()`, where nothing may switch.
    pub fn wait(&mut self, what: &str, w: Wait) -> PyResult<Value> {
        if super::in_atomic() {
            // Nothing switches inside `atomic()`: the wait ends at once with this
            // error (its registration taken back).
            let err = runtime_error(format!(
                "{what}() would switch micro_threads inside atomic()"
            ));
            return finish(self, w.finish, Err(err));
        }
        super::LOCAL.with(|l| {
            let a = &l.asked;
            *a.borrow_mut() = Some(w)
        });
        Err(Unwind::Deferred)
    }

    /// Can this native wait (a micro-thread on a reactor runs it), or must it block
    /// the OS thread?
    pub fn may_wait(&self) -> bool {
        self.me().is_some()
    }

    /// The running micro-thread's id, for a native that registers it as a waiter (a
    /// pipe, a lock): `None` when no reactor drives the code.
    pub fn me(&self) -> Option<DeferredId> {
        if !self.th.detached {
            // The micro-thread itself, when a reactor drives it: the one the driver
            // runs (its id is the driver's bookkeeping, not the interpreter's).
            return super::current_id().filter(|_| self.th.reactive);
        }
        // A scratch thread of a native's call into Python: the micro-thread that
        // made the call, when it can be suspended here.
        if !super::worker::can_switch() {
            return None;
        }
        super::current_id()
    }
}

/// Carry out what a wait left to do once it is over (`outcome`): its continuation
/// (which takes the wait back if it ended with an exception). The native's result,
/// or a new wait (`Err(Unwind::Deferred)`, the new one asked for).
pub(crate) fn finish(
    cx: &mut Cx<'_, '_>,
    finish: Option<Then>,
    outcome: Result<Value, PyErr>,
) -> PyResult<Value> {
    match finish {
        Some(f) => f(cx, outcome),
        None => outcome.map_err(Unwind::Raise),
    }
}
