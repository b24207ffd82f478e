//! `FdNotifier` on epoll: waits for any descriptor (stdin, pipes, descriptors handed
//! in by users) to be readable or writable. Also `WaitSet`, the "sleep until one of
//! these descriptors is readable" that the signal and wake notifiers wait with.
//!
//! Each epoll instance is one descriptor (no eventfd or timerfd beside it: nothing
//! here is woken by a notify call, and a wait's timeout is `epoll_pwait2`'s, precise
//! to the nanosecond, or `epoll_wait`'s rounded up to the millisecond where the
//! kernel predates 5.11), so that an OS thread's reactor holds few descriptors and
//! thousands of OS threads fit under a descriptor limit.
//!
//! The `unsafe` of this crate besides `sigsys.rs` is here: the epoll system calls,
//! and adding a descriptor, which must be deleted from the instance before it is
//! closed. Every addition goes through `Epoll::add`, whose callers state why that
//! holds.
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
use slab::Slab;
use smallvec::SmallVec;
use std::io;
use std::marker::PhantomData;
use std::os::fd::{AsFd, AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// What makes a descriptor count as readable, and as writable (`polling`'s sets).
const READ_FLAGS: u32 =
    (libc::EPOLLIN | libc::EPOLLRDHUP | libc::EPOLLHUP | libc::EPOLLERR | libc::EPOLLPRI) as u32;
const WRITE_FLAGS: u32 = (libc::EPOLLOUT | libc::EPOLLHUP | libc::EPOLLERR) as u32;

/// Set once `epoll_pwait2` is found missing (a kernel before 5.11).
static NO_PWAIT2: AtomicBool = AtomicBool::new(false);

/// An epoll instance: one descriptor.
pub(crate) struct Epoll {
    fd: OwnedFd,
    /// Where a wait's events land; its capacity is how many one wait collects. It
    /// starts small (an OS thread's reactor that waits on little keeps little) and
    /// grows, up to `max_batch`, when a wait fills it.
    events: Vec<libc::epoll_event>,
    max_batch: usize,
}

impl Epoll {
    /// A new instance collecting `batch` events a wait, up to `max_batch` once busy.
    fn new(batch: usize, max_batch: usize) -> io::Result<Epoll> {
        // SAFETY: a plain system call; a non-negative result is a new descriptor
        // that nothing else owns.
        #[allow(unsafe_code)]
        let fd = unsafe {
            let fd = libc::epoll_create1(libc::EPOLL_CLOEXEC);
            if fd < 0 {
                return Err(io::Error::last_os_error());
            }
            OwnedFd::from_raw_fd(fd)
        };
        Ok(Epoll {
            fd,
            events: Vec::with_capacity(batch.max(1)),
            max_batch,
        })
    }

    fn ctl(&self, op: libc::c_int, fd: RawFd, flags: u32, key: usize) -> io::Result<()> {
        let mut ev = libc::epoll_event {
            events: flags,
            u64: key as u64,
        };
        // SAFETY: `ev` is a valid event for the call's duration; `epoll_ctl` only
        // reads it. (Adding is `add`'s business: see its contract.)
        #[allow(unsafe_code)]
        let r = unsafe { libc::epoll_ctl(self.fd.as_raw_fd(), op, fd, &mut ev) };
        if r < 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(())
    }

    /// Watch `fd` for `flags` (an `EPOLL*` set), reported under `key`.
    ///
    /// # Safety
    /// `fd` must stay open until it is deleted from the instance or the instance is
    /// dropped.
    #[allow(unsafe_code)]
    unsafe fn add(&self, fd: RawFd, flags: u32, key: usize) -> io::Result<()> {
        self.ctl(libc::EPOLL_CTL_ADD, fd, flags, key)
    }

    fn modify(&self, fd: RawFd, flags: u32, key: usize) -> io::Result<()> {
        self.ctl(libc::EPOLL_CTL_MOD, fd, flags, key)
    }

    fn delete(&self, fd: RawFd) -> io::Result<()> {
        self.ctl(libc::EPOLL_CTL_DEL, fd, 0, 0)
    }

    /// Wait until an event or `timeout` (`None`: forever), then the events, as
    /// (key, flags). A signal ending the wait is `ErrorKind::Interrupted`.
    fn wait(
        &mut self,
        timeout: Option<Duration>,
    ) -> io::Result<impl Iterator<Item = (usize, u32)> + '_> {
        self.events.clear();
        let epfd = self.fd.as_raw_fd();
        let buf = self.events.as_mut_ptr();
        let cap = self.events.capacity().min(libc::c_int::MAX as usize) as libc::c_int;
        #[allow(unsafe_code)]
        // SAFETY: the kernel writes at most `cap` events into `buf`, the vector's
        // spare capacity; its length is then set to what was written.
        let n = unsafe {
            let n = match timeout {
                Some(t) if !t.is_zero() && !NO_PWAIT2.load(Ordering::Relaxed) => {
                    let ts = libc::timespec {
                        tv_sec: t.as_secs().min(libc::time_t::MAX as u64) as libc::time_t,
                        tv_nsec: t.subsec_nanos().into(),
                    };
                    let n = libc::syscall(
                        libc::SYS_epoll_pwait2,
                        epfd,
                        buf,
                        cap,
                        &ts as *const libc::timespec,
                        std::ptr::null::<libc::sigset_t>(),
                        0usize,
                    );
                    if n < 0 && io::Error::last_os_error().raw_os_error() == Some(libc::ENOSYS) {
                        NO_PWAIT2.store(true, Ordering::Relaxed);
                        libc::epoll_wait(epfd, buf, cap, millis(t))
                    } else {
                        n as libc::c_int
                    }
                }
                Some(t) => libc::epoll_wait(epfd, buf, cap, millis(t)),
                None => libc::epoll_wait(epfd, buf, cap, -1),
            };
            if n < 0 {
                return Err(io::Error::last_os_error());
            }
            self.events.set_len(n as usize);
            n as usize
        };
        if n == self.events.capacity() && n < self.max_batch {
            self.events.reserve_exact(self.max_batch.min(4 * n) - n);
        }
        Ok(self.events.iter().map(|e| (e.u64 as usize, e.events)))
    }
}

impl AsRawFd for Epoll {
    fn as_raw_fd(&self) -> RawFd {
        self.fd.as_raw_fd()
    }
}

/// A timeout in milliseconds for `epoll_wait`, rounded up (a wait never ends before
/// its time; past `c_int`, the longest wait, after which the caller waits again).
fn millis(t: Duration) -> libc::c_int {
    let ms = t.as_nanos().div_ceil(1_000_000);
    ms.min(libc::c_int::MAX as u128) as libc::c_int
}

/// Key of the sources poller inside the waiter, and of watched descriptors.
const SOURCES_KEY: usize = usize::MAX - 2;
const WATCHED_KEY: usize = usize::MAX - 3;

/// A private epoll instance that sleeps until its own descriptor or a watched one is
/// readable.
pub(crate) struct WaitSet {
    epoll: Epoll,
}

impl WaitSet {
    /// A wait set on `own` and `watched`. Contract (what makes the `add`s below sound):
    /// `own` and every descriptor in `watched` stay open while the set lives.
    pub(crate) fn new(own: RawFd, watched: &[RawFd]) -> io::Result<WaitSet> {
        // Only the wake-up counts, not which descriptor: a few events a wait.
        let epoll = Epoll::new(4, 4)?;
        // SAFETY (for `add`): `own` is the owner's descriptor, and the owner keeps the
        // set in a field declared before that descriptor, so the set (and its epoll
        // instance) is dropped first. Watched descriptors belong to the other notifiers
        // of the same reactor, which rebuilds every wait set (`Notifier::watch`) before
        // it drops a notifier.
        #[allow(unsafe_code)]
        unsafe {
            epoll.add(own, libc::EPOLLIN as u32, SOURCES_KEY)?;
            // Watched descriptors are edge-triggered: their owners drain them only when
            // they have something to collect, and a stray byte must not make us spin.
            for &fd in watched {
                epoll.add(fd, (libc::EPOLLIN | libc::EPOLLET) as u32, WATCHED_KEY)?;
            }
        }
        Ok(WaitSet { epoll })
    }

    /// Sleep until a descriptor is readable or `timeout` passes (`None`: forever).
    /// A signal ending the sleep counts as a wake-up.
    pub(crate) fn wait(&mut self, timeout: Option<Duration>) -> io::Result<()> {
        match self.epoll.wait(timeout) {
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

/// The fd notifier: any descriptor, on epoll, with oneshot interest armed for
/// exactly what the registered deferreds wait for (so nothing spins on a descriptor
/// nobody waits on).
///
/// It owns the descriptors it watches ([`FdNotifier::add`] takes an `OwnedFd`; dup
/// stdin's with `as_fd().try_clone_to_owned()`), so they cannot be closed behind its
/// back.
pub struct FdNotifier<T, E> {
    priority: Priority,
    waiter: Option<WaitSet>,
    sources: Epoll,
    fds: Slab<Source>,
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
        let sources = Epoll::new(16, 1024)?;
        let waiter = WaitSet::new(sources.as_raw_fd(), &[])?;
        Ok(FdNotifier {
            priority,
            waiter: Some(waiter),
            sources,
            fds: Slab::new(),
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
            self.sources
                .add(fd.as_raw_fd(), libc::EPOLLONESHOT as u32, key)?;
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
        self.sources.delete(source.fd.as_fd().as_raw_fd())?;
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
        let mut flags = libc::EPOLLONESHOT as u32;
        if want.is_readable() {
            flags |= READ_FLAGS;
        }
        if want.is_writable() {
            flags |= WRITE_FLAGS;
        }
        self.sources.modify(source.fd.as_raw_fd(), flags, key)
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
        let unchanged = self.status();
        let events = match self.sources.wait(Some(Duration::ZERO)) {
            Ok(events) => events,
            Err(e) if interrupted(&e) => return Ok(unchanged),
            Err(e) => return Err(e),
        };
        let fired: SmallVec<[(usize, Ready); 16]> = events
            .map(|(key, flags)| {
                let mut r = Ready::EMPTY;
                if flags & READ_FLAGS != 0 {
                    r = r.union(Ready::READABLE);
                }
                if flags & WRITE_FLAGS != 0 {
                    r = r.union(Ready::WRITABLE);
                }
                (key, r)
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
