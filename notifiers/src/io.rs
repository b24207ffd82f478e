//! `IoNotifier` on `mio`: sockets (anything that is a `mio::event::Source`), readable /
//! writable, with `slab` tokens.
//!
//! Sources are registered once, edge-triggered, for both directions. The notifier keeps
//! each source's readiness: an event sets it, and the user clears it (with
//! [`IoNotifier::clear_ready`]) when an operation reports `WouldBlock`, then waits. A
//! deferred that registers while its readiness is already set is scheduled at once.
//! Nothing is lost between the `WouldBlock` and the wait: events are only collected
//! by `poll` and the waits, which run in the reactor's loop, never in between.

use crate::{interrupted, ready, Cx, DeferredId, Event, Notifier, NotifierError, Priority};
use crate::{Ready, Status, WaitKey};
use mio::unix::SourceFd;
use mio::{Events, Interest, Poll, Token};
use slab::Slab;
use smallvec::SmallVec;
use std::io;
use std::marker::PhantomData;
use std::os::fd::{AsRawFd, RawFd};
use std::time::Duration;

/// The token of watched descriptors (other notifiers' `event_fd`s).
const WATCHED: Token = Token(usize::MAX - 1);

/// Names a source added to an [`IoNotifier`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct IoToken(pub usize);

/// What a deferred waits for on an [`IoNotifier`]: a source and a readiness.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IoWait {
    /// The source, as added.
    pub token: IoToken,
    /// Readable, writable, or both (resumed when either is).
    pub interest: Ready,
}

impl IoWait {
    /// Wait for `token` to be readable.
    pub fn readable(token: IoToken) -> Self {
        IoWait {
            token,
            interest: Ready::READABLE,
        }
    }
    /// Wait for `token` to be writable.
    pub fn writable(token: IoToken) -> Self {
        IoWait {
            token,
            interest: Ready::WRITABLE,
        }
    }
}

struct Source {
    /// Readiness seen and not yet cleared by the user.
    ready: Ready,
    /// Registered deferreds and what each waits for.
    waiters: SmallVec<[(DeferredId, Ready); 1]>,
}

/// Events one poll collects at first: few, so that the reactor of an OS thread that
/// does little I/O keeps little; a poll that fills the batch makes it grow, up to
/// [`MAX_BATCH`].
const FIRST_BATCH: usize = 16;
const MAX_BATCH: usize = 1024;

/// The I/O notifier: one `mio::Poll` per reactor.
pub struct IoNotifier<T, E> {
    priority: Priority,
    poll: Poll,
    events: Events,
    sources: Slab<Source>,
    watched: Vec<RawFd>,
    waiting: usize,
    _types: PhantomData<fn() -> (T, E)>,
}

impl<T, E> IoNotifier<T, E> {
    /// The default priority of the I/O notifier (the highest of the shipped ones).
    pub const PRIORITY: Priority = Priority(30);

    /// A new I/O notifier with the default priority.
    pub fn new() -> io::Result<Self> {
        Self::with_priority(Self::PRIORITY)
    }

    /// A new I/O notifier with the given priority.
    pub fn with_priority(priority: Priority) -> io::Result<Self> {
        Ok(IoNotifier {
            priority,
            poll: Poll::new()?,
            events: Events::with_capacity(FIRST_BATCH),
            sources: Slab::new(),
            watched: Vec::new(),
            waiting: 0,
            _types: PhantomData,
        })
    }

    /// Register a source (a `mio` socket, or `SourceFd`) for both directions. A
    /// descriptor this poller still watches under an earlier token (it was forgotten
    /// while a duplicate of it stayed open) is taken over by the new token.
    pub fn add(&mut self, source: &mut impl mio::event::Source) -> io::Result<IoToken> {
        let entry = self.sources.vacant_entry();
        let key = entry.key();
        let interest = Interest::READABLE | Interest::WRITABLE;
        let registry = self.poll.registry();
        match registry.register(source, Token(key), interest) {
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                registry.reregister(source, Token(key), interest)?
            }
            other => other?,
        }
        entry.insert(Source {
            ready: Ready::EMPTY,
            waiters: SmallVec::new(),
        });
        Ok(IoToken(key))
    }

    /// Deregister a source. Deferreds still waiting on it must be deregistered first:
    /// it fails with `ErrorKind::ResourceBusy` otherwise.
    pub fn remove(
        &mut self,
        source: &mut impl mio::event::Source,
        token: IoToken,
    ) -> io::Result<()> {
        let entry = self.sources.get(token.0).ok_or_else(unknown_token)?;
        if !entry.waiters.is_empty() {
            return Err(io::Error::new(
                io::ErrorKind::ResourceBusy,
                "deferreds are still waiting on this source",
            ));
        }
        self.sources.remove(token.0);
        self.poll.registry().deregister(source)
    }

    /// Forget a source whose descriptor was closed (closing removed it from the
    /// poller): its token is free again. Returns the deferreds that were waiting on it,
    /// no longer registered anywhere: the caller must resume them.
    pub fn forget(&mut self, token: IoToken) -> SmallVec<[DeferredId; 1]> {
        let Some(source) = self.sources.try_remove(token.0) else {
            return SmallVec::new();
        };
        self.waiting -= source.waiters.len();
        source.waiters.into_iter().map(|(id, _)| id).collect()
    }

    /// How many sources are added (not yet removed or forgotten).
    pub fn sources(&self) -> usize {
        self.sources.len()
    }

    /// The readiness seen for `token` and not yet cleared.
    pub fn readiness(&self, token: IoToken) -> Ready {
        self.sources.get(token.0).map_or(Ready::EMPTY, |s| s.ready)
    }

    /// Forget readiness for `token`: call this when an operation in that direction
    /// reported `WouldBlock`, before waiting.
    pub fn clear_ready(&mut self, token: IoToken, which: Ready) {
        if let Some(s) = self.sources.get_mut(token.0) {
            s.ready = s.ready.remove(which);
        }
    }

    fn status(&self) -> Status {
        if self.waiting == 0 {
            Status::NobodyWaiting
        } else {
            Status::Success
        }
    }
}

fn unknown_token() -> io::Error {
    io::Error::new(io::ErrorKind::NotFound, "no source with this token")
}

impl<T: From<Event> + 'static, E: NotifierError + 'static> IoNotifier<T, E> {
    /// Wait (or not: `Some(ZERO)`) for events and schedule the deferreds they wake.
    fn collect(&mut self, cx: &mut dyn Cx<T, E>, timeout: Option<Duration>) -> io::Result<Status> {
        match self.poll.poll(&mut self.events, timeout) {
            Ok(()) => {}
            Err(e) if interrupted(&e) => return Ok(self.status()),
            Err(e) => return Err(e),
        }
        for event in self.events.iter() {
            let token = event.token();
            if token == WATCHED {
                continue;
            }
            let Some(source) = self.sources.get_mut(token.0) else {
                continue;
            };
            let mut got = Ready::EMPTY;
            if event.is_readable() || event.is_read_closed() || event.is_error() {
                got = got.union(Ready::READABLE);
            }
            if event.is_writable() || event.is_write_closed() || event.is_error() {
                got = got.union(Ready::WRITABLE);
            }
            source.ready = source.ready.union(got);
            let now = source.ready;
            let before = source.waiters.len();
            source.waiters.retain(|(id, want)| {
                if want.intersects(now) {
                    cx.schedule(*id, ready(Event::Ready(now)));
                    false
                } else {
                    true
                }
            });
            self.waiting -= before - source.waiters.len();
        }
        // A full batch: collect more at a time from now on.
        let cap = self.events.capacity();
        if cap < MAX_BATCH && self.events.iter().count() == cap {
            self.events = Events::with_capacity(MAX_BATCH.min(4 * cap));
        }
        Ok(self.status())
    }
}

impl<T: From<Event> + 'static, E: NotifierError + 'static> Notifier<T, E> for IoNotifier<T, E> {
    type Reason = IoWait;

    fn name(&self) -> &'static str {
        "io"
    }

    fn priority(&self) -> Priority {
        self.priority
    }

    fn register(
        &mut self,
        cx: &mut dyn Cx<T, E>,
        id: DeferredId,
        reason: IoWait,
    ) -> io::Result<WaitKey> {
        crate::need_interest(reason.interest)?;
        let key = reason.token.0;
        let source = self.sources.get_mut(key).ok_or_else(unknown_token)?;
        if source.ready.intersects(reason.interest) {
            // Ready already (the user did not see WouldBlock): resume at once.
            cx.schedule(id, ready(Event::Ready(source.ready)));
        } else {
            source.waiters.push((id, reason.interest));
            self.waiting += 1;
        }
        Ok(WaitKey(key as u64))
    }

    fn poll(&mut self, cx: &mut dyn Cx<T, E>) -> io::Result<Status> {
        self.collect(cx, Some(Duration::ZERO))
    }

    fn timed_wait(&mut self, cx: &mut dyn Cx<T, E>, timeout: Duration) -> io::Result<Status> {
        self.collect(cx, Some(timeout))
    }

    fn wait_forever(&mut self, cx: &mut dyn Cx<T, E>) -> io::Result<Status> {
        self.collect(cx, None)
    }

    fn withdraw(&mut self, id: DeferredId, key: WaitKey) -> bool {
        let Some(source) = self.sources.get_mut(key.0 as usize) else {
            return false;
        };
        let before = source.waiters.len();
        source.waiters.retain(|(w, _)| *w != id);
        let removed = before - source.waiters.len();
        self.waiting -= removed;
        removed > 0
    }

    fn has_waiters(&self) -> bool {
        self.waiting > 0
    }

    fn event_fd(&self) -> Option<RawFd> {
        Some(self.poll.as_raw_fd())
    }

    fn watch(&mut self, fds: &[RawFd]) -> io::Result<()> {
        let registry = self.poll.registry();
        for fd in self.watched.drain(..) {
            // The descriptor is still open (the contract of `watch`); a failure means it
            // was never registered, which leaves nothing to undo.
            let _ = registry.deregister(&mut SourceFd(&fd));
        }
        for &fd in fds {
            registry.register(&mut SourceFd(&fd), WATCHED, Interest::READABLE)?;
            self.watched.push(fd);
        }
        Ok(())
    }
}
