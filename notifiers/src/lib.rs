//! The micro-threading proposal's notifiers: each knows how to wait for one kind of
//! event and schedules the deferreds waiting for it on its reactor.
//!
//! One trait, [`Notifier`], mirrors the PEP's notifier functions (`priority`,
//! `register`, `defer`, `poll`, `timed_wait`, `wait_forever`, `timeout`, `deregister`).
//! The notifiers shipped here, one file each:
//!
//! | file        | notifier                          | waits for                              |
//! |-------------|-----------------------------------|----------------------------------------|
//! | `io.rs`     | [`IoNotifier`] on `mio`           | sockets readable / writable            |
//! | `fd.rs`     | [`FdNotifier`] on epoll           | any descriptor readable / writable     |
//! | `signal.rs` | [`SignalNotifier`]                | SIGINT, SIGTERM, SIGUSR1, SIGHUP, …    |
//! | `wake.rs`   | [`WakeNotifier`]                  | another OS thread scheduling a deferred |
//! | `sleep.rs`  | [`SleepNotifier`] (timer-driven)  | a time to pass                         |
//!
//! Notifiers never own deferreds: they hold [`DeferredId`]s and hand outcomes to the
//! reactor through [`Cx`]. Nothing here runs inside a signal handler.
//!
//! **Shared wake-up.** Each notifier that can block exposes an [`event_fd`] that becomes
//! readable when it has events, and watches the others' ([`watch`]): a wait in one
//! notifier is cut short by the events of any other, so a reactor never sleeps while
//! work is ready elsewhere. See `ARCHITECTURE.md`, "notifiers".
//!
//! [`event_fd`]: Notifier::event_fd
//! [`watch`]: Notifier::watch
#![deny(unsafe_code)]
#![warn(missing_docs)]

mod error;
pub mod fd;
pub mod io;
mod pipe;
pub mod signal;
pub mod sigsys;
pub mod sleep;
pub mod wake;

pub use deferred::DeferredId;
pub use error::{Error, NotifierError};
pub use fd::FdNotifier;
pub use io::IoNotifier;
pub use signal::SignalNotifier;
pub use sleep::SleepNotifier;
pub use wake::{WakeNotifier, Waker};

use deferred::Unwind;
use std::fmt;
use std::os::fd::RawFd;
use std::time::{Duration, Instant};

/// A notifier's priority: higher numbers are polled first (the PEP's
/// `PyNotifier_Priority`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Priority(pub i32);

/// What `poll`, `timed_wait` and `wait_forever` report (errors travel as `io::Error`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// No deferred is waiting on this notifier (the PEP's -1).
    NobodyWaiting,
    /// Success, whether or not any event was found (the PEP's 1). A wait cut short by
    /// a signal, or by another notifier's events, is a success.
    Success,
    /// This notifier cannot do timed waits (the PEP's -2); it polled instead.
    NotCapable,
}

/// What a notifier returns from `register`, handed back to it with `timeout` and
/// `deregister` so it can find the registration without a search.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct WaitKey(pub u64);

/// Names a pending timer in its reactor; a stale id (the timer fired or was cleared)
/// finds nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TimerId {
    /// Index in the reactor's timer table.
    pub index: u32,
    /// Generation of that slot when the timer was set.
    pub generation: u32,
}

/// Readiness of a descriptor or socket, as reported with [`Event::Ready`].
///
/// ```
/// use notifiers::Ready;
///
/// let r = Ready::READABLE.union(Ready::WRITABLE);
/// assert_eq!(r, Ready::BOTH);
/// assert!(r.intersects(Ready::READABLE));
/// assert_eq!(r.remove(Ready::READABLE), Ready::WRITABLE);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Default)]
pub struct Ready(u8);

impl Ready {
    /// Nothing ready.
    pub const EMPTY: Ready = Ready(0);
    /// Readable (or the read side closed: a read will not block).
    pub const READABLE: Ready = Ready(1);
    /// Writable (or the write side closed: a write will not block).
    pub const WRITABLE: Ready = Ready(2);
    /// Both.
    pub const BOTH: Ready = Ready(3);

    /// `true` if readable.
    pub fn is_readable(self) -> bool {
        self.0 & 1 != 0
    }
    /// `true` if writable.
    pub fn is_writable(self) -> bool {
        self.0 & 2 != 0
    }
    /// `true` if nothing is ready.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
    /// `true` if every readiness in `other` is in `self`.
    pub fn contains(self, other: Ready) -> bool {
        self.0 & other.0 == other.0
    }
    /// `true` if `self` and `other` share any readiness.
    pub fn intersects(self, other: Ready) -> bool {
        self.0 & other.0 != 0
    }
    /// Both readinesses.
    pub fn union(self, other: Ready) -> Ready {
        Ready(self.0 | other.0)
    }
    /// `self` without `other`.
    pub fn remove(self, other: Ready) -> Ready {
        Ready(self.0 & !other.0)
    }
}

impl fmt::Debug for Ready {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.is_readable(), self.is_writable()) {
            (true, true) => f.write_str("READABLE | WRITABLE"),
            (true, false) => f.write_str("READABLE"),
            (false, true) => f.write_str("WRITABLE"),
            (false, false) => f.write_str("EMPTY"),
        }
    }
}

/// What a notifier resumes a deferred with. The reactor's value type converts from it
/// (`T: From<Event>`), so notifiers need know nothing else about `T`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// The descriptor or socket is ready.
    Ready(Ready),
    /// This signal arrived.
    Signal(i32),
    /// The time asked for has passed (a sleep).
    Elapsed,
}

/// What a notifier can ask of the reactor it belongs to (implemented by the reactor).
pub trait Cx<T, E> {
    /// Schedule `id` to be resumed with `outcome` (the PEP's `PyReactor_Schedule` and
    /// `PyReactor_ScheduleException`). Returns `false` if `id` is stale or already
    /// scheduled, in which case `outcome` is dropped.
    fn schedule(&mut self, id: DeferredId, outcome: Result<T, E>) -> bool;

    /// Set a timer: after `after`, the reactor calls this notifier's
    /// [`Notifier::timeout`] with `id` and `key` (the PEP's `PyReactor_SetTimer`).
    fn set_timer(&mut self, id: DeferredId, key: WaitKey, after: Duration) -> TimerId;

    /// Cancel a timer (the PEP's `PyReactor_ClearTimer`); `false` if it had fired or
    /// was cleared already.
    fn clear_timer(&mut self, timer: TimerId) -> bool;

    /// The reactor's clock: real time, or the virtual clock of a test reactor.
    fn now(&self) -> Instant;

    /// Rule 1 of the deferred: begin a deferral of the micro-thread now running and
    /// return its id, so it can be registered. Fails outside a micro-thread, or when
    /// its deferred refuses (exception mode, a deferral already in progress).
    fn begin_deferral(&mut self) -> Result<DeferredId, E>;

    /// Undo [`begin_deferral`](Cx::begin_deferral): the registration failed, and the
    /// caller raises an ordinary error instead of deferring.
    fn cancel_deferral(&mut self, id: DeferredId);

    /// Record that `id` is now registered with this notifier under `key`, with a time
    /// limit: after `max_wait` the reactor calls [`Notifier::timeout`]. The reactor
    /// uses the record to withdraw the registration if the micro-thread is resumed
    /// another way (killed, say) or abandons the deferral.
    fn registered(&mut self, id: DeferredId, key: WaitKey, max_wait: Option<Duration>);
}

/// A notifier: waits for one kind of event for the deferreds registered with it.
///
/// The reactor calls every method; users call [`register`](Notifier::register) or,
/// from inside a micro-thread, [`defer`](Notifier::defer) (through the reactor, which
/// finds the notifier by type).
pub trait Notifier<T, E>: 'static {
    /// What a deferred waits for: the PEP's `wait_reason` (readable or writable on a
    /// socket, a set of signals, a duration, …).
    type Reason;

    /// A short name for diagnostics ("io", "fd", "signal", "wake", "sleep").
    fn name(&self) -> &'static str;

    /// The PEP's `PyNotifier_Priority`: higher is polled first.
    fn priority(&self) -> Priority;

    /// The PEP's `PyNotifier_RegisterDeferred` (its time limit is handled by the
    /// reactor, see [`Cx::registered`]): add `id` to the waiters for `reason`. If the
    /// event has already happened the notifier may schedule `id` at once.
    fn register(
        &mut self,
        cx: &mut dyn Cx<T, E>,
        id: DeferredId,
        reason: Self::Reason,
    ) -> std::io::Result<WaitKey>;

    /// The PEP's `PyNotifier_Defer`: begin a deferral of the running micro-thread,
    /// register it for `reason` with an optional time limit, and return the
    /// [`Unwind`] for the caller to return: `Deferred`, or `Raise` if it could not.
    fn defer(
        &mut self,
        cx: &mut dyn Cx<T, E>,
        reason: Self::Reason,
        max_wait: Option<Duration>,
    ) -> Unwind<E>
    where
        Self: Sized,
        E: NotifierError,
    {
        let id = match cx.begin_deferral() {
            Ok(id) => id,
            Err(e) => return Unwind::Raise(e),
        };
        match self.register(cx, id, reason) {
            Ok(key) => {
                cx.registered(id, key, max_wait);
                Unwind::Deferred
            }
            Err(err) => {
                // The deferral never reached a notifier: give it up as an error.
                cx.cancel_deferral(id);
                Unwind::Raise(E::io(err))
            }
        }
    }

    /// The PEP's `PyNotifier_Poll`: schedule the deferreds whose events have happened,
    /// without sleeping.
    fn poll(&mut self, cx: &mut dyn Cx<T, E>) -> std::io::Result<Status>;

    /// The PEP's `PyNotifier_TimedWait`: like `poll`, but sleep up to `timeout` for an
    /// event (of this notifier, or of a watched one). It sleeps even when nobody waits
    /// (and then reports [`Status::NobodyWaiting`]), so a reactor can sleep in it until
    /// its next timer.
    fn timed_wait(&mut self, cx: &mut dyn Cx<T, E>, timeout: Duration) -> std::io::Result<Status>;

    /// The PEP's `PyNotifier_WaitForever`: sleep until an event (of this notifier, or
    /// of a watched one).
    fn wait_forever(&mut self, cx: &mut dyn Cx<T, E>) -> std::io::Result<Status>;

    /// Forget `id`'s registration `key` without resuming it; `false` if there was none.
    /// `timeout` and `deregister` are built on it.
    fn withdraw(&mut self, id: DeferredId, key: WaitKey) -> bool;

    /// The PEP's `PyNotifier_Timeout`: the time limit of `id`'s registration `key`
    /// passed. Deregister it and resume it with the notifier's timeout outcome (by
    /// default the error `E::timeout()`).
    fn timeout(&mut self, cx: &mut dyn Cx<T, E>, id: DeferredId, key: WaitKey)
    where
        E: NotifierError,
    {
        if self.withdraw(id, key) {
            cx.schedule(id, Err(E::timeout()));
        }
    }

    /// The PEP's `PyNotifier_DeregisterDeferred`: withdraw `id`'s registration `key`
    /// and, if `outcome` is given, resume `id` with it. Returns `false` if no such
    /// registration was found.
    fn deregister(
        &mut self,
        cx: &mut dyn Cx<T, E>,
        id: DeferredId,
        key: WaitKey,
        outcome: Option<Result<T, E>>,
    ) -> bool {
        let found = self.withdraw(id, key);
        if let (true, Some(outcome)) = (found, outcome) {
            cx.schedule(id, outcome);
        }
        found
    }

    /// `true` while any deferred is registered.
    fn has_waiters(&self) -> bool;

    /// A descriptor that is readable whenever this notifier has events to collect, for
    /// the other notifiers of the reactor to watch. `None` if it has none.
    fn event_fd(&self) -> Option<RawFd> {
        None
    }

    /// Watch these descriptors (the other notifiers' [`event_fd`](Self::event_fd)s)
    /// during waits: a wait ends as soon as one is readable. Replaces the previous set.
    /// The descriptors stay open until the next call.
    fn watch(&mut self, fds: &[RawFd]) -> std::io::Result<()> {
        let _ = fds;
        Ok(())
    }
}

/// `true` if `e` is an error `poll`/`wait` should treat as a wake-up, not a failure.
pub(crate) fn interrupted(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::Interrupted
}

/// A readiness wait must ask for something: readable, writable or both.
pub(crate) fn need_interest(interest: Ready) -> std::io::Result<()> {
    if interest.is_empty() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "wait for readable, writable or both",
        ));
    }
    Ok(())
}

/// The outcome a notifier resumes a deferred with for `event`.
pub(crate) fn ready<T: From<Event>, E>(event: Event) -> Result<T, E> {
    Ok(T::from(event))
}
