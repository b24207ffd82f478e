//! `FdNotifier` on `polling`: waits for any descriptor (stdin, pipes, descriptors
//! handed in by users) to be readable or writable. Also `WaitSet`, the "sleep until one
//! of these descriptors is readable" that the signal and wake notifiers wait with.
//!
//! The only `unsafe` of this crate is here: `polling` makes adding a descriptor
//! `unsafe` because the descriptor must be deleted from the poller before it is closed.
//! Every call goes through `add`, whose callers state why that holds.
//!
//! Layout (no epoll instance may contain itself, even through others):
//!
//! ```text
//!   sources (epoll, exposed as event_fd)  <- the user descriptors, oneshot
//!   waiter  (epoll, private)              <- sources (level) + watched descriptors (edge)
//! ```
//! A wait blocks on `waiter`; events are then collected from `sources` without blocking.

use crate::{interrupted, ready, Cx, DeferredId, Event, Notifier, NotifierError, Priority};
use crate::{Ready, Status, WaitKey};
use polling::{Events, PollMode, Poller};
use slab::Slab;
use smallvec::SmallVec;
use std::io;
use std::marker::PhantomData;
use std::os::fd::{AsFd, AsRawFd, OwnedFd, RawFd};
use std::time::Duration;

/// Add `fd` to `poller`.
///
/// # Safety
/// `fd` must stay open until it is deleted from `poller` or `poller` is dropped.
#[allow(unsafe_code)]
unsafe fn add(poller: &Poller, fd: RawFd, event: polling::Event, mode: PollMode) -> io::Result<()> {
    // SAFETY: the caller guarantees `fd` outlives its registration in `poller`, which is
    // the whole of `polling`'s requirement for `add`.
    unsafe { poller.add_with_mode(fd, event, mode) }
}

/// Key of the sources poller inside the waiter, and of watched descriptors.
const SOURCES_KEY: usize = usize::MAX - 2; // `polling` reserves usize::MAX
const WATCHED_KEY: usize = usize::MAX - 3;

/// A private poller that sleeps until its own descriptor or a watched one is readable.
pub(crate) struct WaitSet {
    poller: Poller,
    events: Events,
}

impl WaitSet {
    /// A wait set on `own` and `watched`. Contract (what makes the `add`s below sound):
    /// `own` and every descriptor in `watched` stay open while the set lives.
    pub(crate) fn new(own: RawFd, watched: &[RawFd]) -> io::Result<WaitSet> {
        let poller = Poller::new()?;
        // SAFETY (for `add`): `own` is the owner's descriptor, and the owner keeps the
        // set in a field declared before that descriptor, so the set (and its epoll
        // instance) is dropped first. Watched descriptors belong to the other notifiers
        // of the same reactor, which rebuilds every wait set (`Notifier::watch`) before
        // it drops a notifier.
        #[allow(unsafe_code)]
        unsafe {
            add(
                &poller,
                own,
                polling::Event::readable(SOURCES_KEY),
                PollMode::Level,
            )?;
            // Watched descriptors are edge-triggered: their owners drain them only when
            // they have something to collect, and a stray byte must not make us spin.
            for &fd in watched {
                add(
                    &poller,
                    fd,
                    polling::Event::readable(WATCHED_KEY),
                    PollMode::Edge,
                )?;
            }
        }
        Ok(WaitSet {
            poller,
            events: Events::new(),
        })
    }

    /// Sleep until a descriptor is readable or `timeout` passes (`None`: forever).
    /// A signal ending the sleep counts as a wake-up.
    pub(crate) fn wait(&mut self, timeout: Option<Duration>) -> io::Result<()> {
        self.events.clear();
        match self.poller.wait(&mut self.events, timeout) {
            Ok(_) => Ok(()),
            Err(e) if interrupted(&e) => Ok(()),
            Err(e) => Err(e),
        }
    }
}

/// Names a descriptor added to an [`FdNotifier`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FdToken(pub usize);

/// What a deferred waits for on an [`FdNotifier`]: a descriptor and a readiness.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FdWait {
    /// The descriptor, as added.
    pub token: FdToken,
    /// Readable, writable, or both (resumed when either is).
    pub interest: Ready,
}

struct Source {
    fd: OwnedFd,
    /// Registered deferreds and what each waits for.
    waiters: SmallVec<[(DeferredId, Ready); 2]>,
}

/// The fd notifier: any descriptor, on `polling`, with oneshot interest armed for
/// exactly what the registered deferreds wait for (so nothing spins on a descriptor
/// nobody waits on).
///
/// It owns the descriptors it watches ([`FdNotifier::add`] takes an `OwnedFd`; dup
/// stdin's with `as_fd().try_clone_to_owned()`), so they cannot be closed behind its
/// back.
pub struct FdNotifier<T, E> {
    priority: Priority,
    waiter: Option<WaitSet>,
    sources: Poller,
    fds: Slab<Source>,
    events: Events,
    waiting: usize,
    _types: PhantomData<fn() -> (T, E)>,
}

impl<T, E> FdNotifier<T, E> {
    /// The default priority of the fd notifier.
    pub const PRIORITY: Priority = Priority(20);

    /// A new fd notifier with the default priority.
    pub fn new() -> io::Result<Self> {
        Self::with_priority(Self::PRIORITY)
    }

    /// A new fd notifier with the given priority.
    pub fn with_priority(priority: Priority) -> io::Result<Self> {
        let sources = Poller::new()?;
        let waiter = WaitSet::new(sources.as_raw_fd(), &[])?;
        Ok(FdNotifier {
            priority,
            waiter: Some(waiter),
            sources,
            fds: Slab::new(),
            events: Events::new(),
            waiting: 0,
            _types: PhantomData,
        })
    }

    /// Start watching `fd`; deferreds then wait on it with an [`FdWait`].
    pub fn add(&mut self, fd: OwnedFd) -> io::Result<FdToken> {
        let entry = self.fds.vacant_entry();
        let key = entry.key();
        // SAFETY (for `add`): the notifier owns `fd` in `self.fds`; `remove` deletes it
        // from the poller before giving it back, and on drop the poller field is
        // dropped before `fds` (declaration order), closing the epoll instance first.
        #[allow(unsafe_code)]
        unsafe {
            add(
                &self.sources,
                fd.as_raw_fd(),
                polling::Event::none(key),
                PollMode::Oneshot,
            )?;
        }
        entry.insert(Source {
            fd,
            waiters: SmallVec::new(),
        });
        Ok(FdToken(key))
    }

    /// Stop watching a descriptor and give it back. Deferreds still waiting on it must
    /// be deregistered first: it fails with `ErrorKind::ResourceBusy` otherwise.
    pub fn remove(&mut self, token: FdToken) -> io::Result<OwnedFd> {
        let source = self.fds.get(token.0).ok_or_else(unknown_token)?;
        if !source.waiters.is_empty() {
            return Err(io::Error::new(
                io::ErrorKind::ResourceBusy,
                "deferreds are still waiting on this descriptor",
            ));
        }
        self.sources.delete(source.fd.as_fd())?;
        Ok(self.fds.remove(token.0).fd)
    }

    /// Arm the oneshot interest of `key` for what its waiters want.
    fn arm(&self, key: usize) -> io::Result<()> {
        let Some(source) = self.fds.get(key) else {
            return Ok(());
        };
        let want = source
            .waiters
            .iter()
            .fold(Ready::EMPTY, |acc, (_, r)| acc.union(*r));
        let event = match (want.is_readable(), want.is_writable()) {
            (true, true) => polling::Event::all(key),
            (true, false) => polling::Event::readable(key),
            (false, true) => polling::Event::writable(key),
            (false, false) => polling::Event::none(key),
        };
        self.sources.modify(source.fd.as_fd(), event)
    }

    fn status(&self) -> Status {
        if self.waiting == 0 {
            Status::NobodyWaiting
        } else {
            Status::Success
        }
    }
}

impl<T: From<Event> + 'static, E: NotifierError + 'static> FdNotifier<T, E> {
    /// Collect the sources' events without blocking and schedule their waiters.
    fn collect(&mut self, cx: &mut dyn Cx<T, E>) -> io::Result<Status> {
        self.events.clear();
        match self.sources.wait(&mut self.events, Some(Duration::ZERO)) {
            Ok(_) => {}
            Err(e) if interrupted(&e) => return Ok(self.status()),
            Err(e) => return Err(e),
        }
        let fired: SmallVec<[(usize, Ready); 16]> = self
            .events
            .iter()
            .map(|ev| {
                let mut r = Ready::EMPTY;
                if ev.readable {
                    r = r.union(Ready::READABLE);
                }
                if ev.writable {
                    r = r.union(Ready::WRITABLE);
                }
                (ev.key, r)
            })
            .collect();
        for (key, got) in fired {
            let Some(source) = self.fds.get_mut(key) else {
                continue;
            };
            let mut woken: SmallVec<[(DeferredId, Ready); 2]> = SmallVec::new();
            source.waiters.retain(|(id, want)| {
                if want.intersects(got) {
                    woken.push((*id, got));
                    false
                } else {
                    true
                }
            });
            self.waiting -= woken.len();
            // Oneshot: re-arm for whoever still waits.
            self.arm(key)?;
            for (id, got) in woken {
                cx.schedule(id, ready(Event::Ready(got)));
            }
        }
        Ok(self.status())
    }

    fn wait(&mut self, cx: &mut dyn Cx<T, E>, timeout: Option<Duration>) -> io::Result<Status> {
        if let Some(waiter) = self.waiter.as_mut() {
            waiter.wait(timeout)?;
        }
        self.collect(cx)
    }
}

fn unknown_token() -> io::Error {
    io::Error::new(io::ErrorKind::NotFound, "no descriptor with this token")
}

impl<T: From<Event> + 'static, E: NotifierError + 'static> Notifier<T, E> for FdNotifier<T, E> {
    type Reason = FdWait;

    fn name(&self) -> &'static str {
        "fd"
    }

    fn priority(&self) -> Priority {
        self.priority
    }

    fn register(
        &mut self,
        _cx: &mut dyn Cx<T, E>,
        id: DeferredId,
        reason: FdWait,
    ) -> io::Result<WaitKey> {
        crate::need_interest(reason.interest)?;
        let key = reason.token.0;
        let source = self.fds.get_mut(key).ok_or_else(unknown_token)?;
        source.waiters.push((id, reason.interest));
        if let Err(e) = self.arm(key) {
            // Not armed: take the waiter back, so nothing resumes it later.
            if let Some(source) = self.fds.get_mut(key) {
                source.waiters.pop();
            }
            return Err(e);
        }
        self.waiting += 1;
        Ok(WaitKey(key as u64))
    }

    fn poll(&mut self, cx: &mut dyn Cx<T, E>) -> io::Result<Status> {
        if self.waiting == 0 {
            // Nothing is armed, so there is nothing to collect: skip the system call.
            return Ok(Status::NobodyWaiting);
        }
        self.collect(cx)
    }

    fn timed_wait(&mut self, cx: &mut dyn Cx<T, E>, timeout: Duration) -> io::Result<Status> {
        self.wait(cx, Some(timeout))
    }

    fn wait_forever(&mut self, cx: &mut dyn Cx<T, E>) -> io::Result<Status> {
        self.wait(cx, None)
    }

    fn withdraw(&mut self, id: DeferredId, key: WaitKey) -> bool {
        let Some(source) = self.fds.get_mut(key.0 as usize) else {
            return false;
        };
        let before = source.waiters.len();
        source.waiters.retain(|(w, _)| *w != id);
        let removed = before - source.waiters.len();
        self.waiting -= removed;
        // Disarming may fail only if the descriptor was closed by the kernel side
        // (it cannot be by us): the waiter is gone either way.
        let _ = self.arm(key.0 as usize);
        removed > 0
    }

    fn has_waiters(&self) -> bool {
        self.waiting > 0
    }

    fn event_fd(&self) -> Option<RawFd> {
        Some(self.sources.as_raw_fd())
    }

    fn watch(&mut self, fds: &[RawFd]) -> io::Result<()> {
        // Drop the old wait set before building the new one: it may hold descriptors
        // that are about to close.
        self.waiter = None;
        self.waiter = Some(WaitSet::new(self.sources.as_raw_fd(), fds)?);
        Ok(())
    }
}
