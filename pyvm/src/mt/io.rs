//! Sockets (and any pollable descriptor) on the reactor's I/O notifier.
//!
//! A socket native tries its system call on the non-blocking descriptor. When the
//! call reports `WouldBlock` inside a micro-thread, the native asks for an
//! [`IoRequest`] (what to wait for, until when) and leaves a [`Retry`]: the native to
//! call again, with its arguments, once the descriptor is ready. The driver
//! ([`super::resume`]) registers the descriptor with the I/O notifier on first use,
//! clears the readiness the `WouldBlock` disproved, and defers; when the notifier
//! resumes the micro-thread, the driver calls the retry *before* the dispatch loop
//! sees anything, so the Python code only ever sees the call's result (or
//! `TimeoutError` when the deadline passed first). A retry that finds the descriptor
//! not ready after all (a spurious wake-up) simply waits again.
//!
//! Outside a micro-thread (code a native runs on a scratch thread), the same natives
//! block the OS thread in `poll(2)` with the GIL released ([`block_until_ready`]).

use std::os::fd::RawFd;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use notifiers::io::{IoToken, IoWait};
use notifiers::{IoNotifier, Ready};

use super::PyReactor;
use crate::objects::exception::PyErr;
use crate::objects::value::Value;

const UNREGISTERED: usize = usize::MAX;

/// Bumped in a forked child, whose I/O notifier is a new one: a token registered
/// before (with the parent's copy) means nothing to it.
static EPOCH: AtomicUsize = AtomicUsize::new(0);

/// In a forked child: every source is unregistered again.
pub(super) fn after_fork() {
    EPOCH.fetch_add(1, Ordering::SeqCst);
}

/// A descriptor as the I/O notifier knows it: registered on first wait, forgotten
/// (its token freed) when dropped, which is when its socket is closed.
pub struct IoSource {
    fd: RawFd,
    token: AtomicUsize,
    /// The [`EPOCH`] its token is of.
    epoch: AtomicUsize,
}

impl IoSource {
    pub fn new(fd: RawFd) -> Arc<IoSource> {
        Arc::new(IoSource {
            fd,
            token: AtomicUsize::new(UNREGISTERED),
            epoch: AtomicUsize::new(EPOCH.load(Ordering::Relaxed)),
        })
    }

    pub fn fd(&self) -> RawFd {
        self.fd
    }

    fn token(&self) -> Option<IoToken> {
        if self.epoch.load(Ordering::Relaxed) != EPOCH.load(Ordering::Relaxed) {
            return None;
        }
        match self.token.load(Ordering::Relaxed) {
            UNREGISTERED => None,
            t => Some(IoToken(t)),
        }
    }
}

impl Drop for IoSource {
    fn drop(&mut self) {
        if let Some(t) = self.token() {
            // `try_with`: a source dropped while the thread's locals are torn down
            // has no reactor left to tell.
            let _ = super::LOCAL.try_with(|l| {
                let f = &l.forget;
                f.borrow_mut().push(t)
            });
        }
    }
}

/// What a socket native waits for.
pub struct IoRequest {
    pub src: Arc<IoSource>,
    pub interest: Ready,
    /// When `settimeout` gives up (`TimeoutError`); `None`: no limit.
    pub deadline: Option<Instant>,
}

/// Wait (only this micro-thread) until `req.src` is ready, then `again(cx)` makes the
/// call again: its result is the native's. When `req.deadline` passes first the
/// native raises `TimeoutError`, or returns `on_timeout` when given (`select`
/// returns empty lists). `what` names the call inside `atomic()`.
pub fn wait_ready(
    cx: &mut crate::native::Cx,
    what: &str,
    req: IoRequest,
    on_timeout: Option<Value>,
    again: impl FnOnce(&mut crate::native::Cx) -> crate::native::PyResult<Value> + 'static,
) -> crate::native::PyResult<Value> {
    let deadline = req.deadline;
    let w = super::wait::Wait::io(req).then(move |cx, outcome| match outcome {
        Ok(_) => again(cx),
        Err(e) if on_timeout.is_some() && deadline_passed(&e, deadline) => {
            Ok(on_timeout.unwrap_or(Value::None))
        }
        Err(e) => Err(e.into()),
    });
    cx.wait(what, w)
}

/// Did a wait end because its deadline passed (not because something else raised
/// `TimeoutError` in the micro-thread)?
fn deadline_passed(e: &PyErr, deadline: Option<Instant>) -> bool {
    e.is_instance(&crate::objects::types::types().exc.timeout_error)
        && deadline.is_some_and(|d| Instant::now() >= d)
}

/// Free the tokens of closed sockets; a micro-thread still waiting on one is woken,
/// and its retry reports the closed socket.
pub(super) fn flush(r: &mut PyReactor) {
    let gone = super::LOCAL.with(|l| {
        let mut f = l.forget.borrow_mut();
        (!f.is_empty()).then(|| std::mem::take(&mut *f))
    });
    let Some(gone) = gone else {
        return;
    };
    let mut wake = Vec::new();
    if let Some(io) = r.io() {
        for t in gone {
            wake.extend(io.forget(t));
        }
    }
    for id in wake {
        r.schedule(id, Value::None);
    }
}

/// Begin the wait `req` asks for (the driver's half of a socket deferral).
pub(super) fn wait(r: &mut PyReactor, req: IoRequest) -> deferred::Unwind<PyErr> {
    use deferred::Unwind;
    let Some(io) = r.io() else {
        return Unwind::Raise(crate::objects::exception::runtime_error(
            "this reactor has no I/O notifier",
        ));
    };
    let token = match req.src.token() {
        Some(t) => t,
        None => match io.add(&mut mio::unix::SourceFd(&req.src.fd)) {
            Ok(t) => {
                req.src.token.store(t.0, Ordering::Relaxed);
                req.src
                    .epoch
                    .store(EPOCH.load(Ordering::Relaxed), Ordering::Relaxed);
                t
            }
            Err(e) => return Unwind::Raise(crate::objects::os_error::from_io(&e, None)),
        },
    };
    io.clear_ready(token, req.interest);
    let max_wait = req
        .deadline
        .map(|d| d.saturating_duration_since(Instant::now()));
    r.defer::<IoNotifier<Value, PyErr>>(
        IoWait {
            token,
            interest: req.interest,
        },
        max_wait,
    )
}

/// Block the OS thread (GIL released) until `fd` is ready for `interest` or the
/// deadline passes (`TimeoutError`). A poller of its own: this is the rare path.
pub fn block_until_ready(
    gil: crate::objects::gil::Gil<'_>,
    fd: RawFd,
    interest: Ready,
    deadline: Option<Instant>,
) -> Result<(), PyErr> {
    let os = |e: std::io::Error| crate::objects::os_error::from_io(&e, None);
    let mut poll = mio::Poll::new().map_err(os)?;
    let want = if interest == Ready::READABLE {
        mio::Interest::READABLE
    } else if interest == Ready::WRITABLE {
        mio::Interest::WRITABLE
    } else {
        mio::Interest::READABLE | mio::Interest::WRITABLE
    };
    poll.registry()
        .register(&mut mio::unix::SourceFd(&fd), mio::Token(0), want)
        .map_err(os)?;
    let mut events = mio::Events::with_capacity(1);
    loop {
        let left = match deadline {
            None => None,
            Some(d) => {
                let left = d.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    return Err(timed_out());
                }
                Some(left)
            }
        };
        let r = crate::objects::gil::allow_threads(gil, || poll.poll(&mut events, left));
        match r {
            Ok(()) if !events.is_empty() => return Ok(()),
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {
                if let Some(e) = crate::vm::pending_interrupt() {
                    return Err(e);
                }
            }
            Err(e) => return Err(os(e)),
        }
    }
}

/// `TimeoutError: timed out` (CPython's `socket.timeout`).
pub fn timed_out() -> PyErr {
    PyErr::msg(
        &crate::objects::types::types().exc.timeout_error,
        "timed out",
    )
}

/// A deadline `timeout` from now (`None`: no limit).
pub fn deadline_after(timeout: Option<Duration>) -> Option<Instant> {
    timeout.and_then(|t| Instant::now().checked_add(t))
}
