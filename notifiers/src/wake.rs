//! `WakeNotifier`: another OS thread schedules a deferred on this reactor (thread-safe
//! micro_pipes, lock releases, `_thread` hand-offs), through a [`Waker`].
//!
//! A `Waker` pushes `(deferred, outcome)` onto a shared queue and writes one byte to a
//! self-pipe when the queue was empty; the reactor's thread drains both in `poll`. A
//! deferred that expects a cross-thread wake-up registers first (reason `()`), so the
//! reactor knows someone waits and does not end.

use crate::pipe::SelfPipe;
use crate::{Cx, DeferredId, Notifier, NotifierError, Priority, Status, WaitKey};
use std::collections::HashSet;
use std::io::{self, Write};
use std::os::fd::RawFd;
use std::os::unix::net::UnixStream;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

type Queue<T, E> = Vec<(DeferredId, Result<T, E>)>;

struct Shared<T, E> {
    queue: Mutex<Queue<T, E>>,
    /// Set by a waker after it pushes (and before it writes the pipe); cleared by the
    /// reactor before it takes the queue. Lets `poll` skip the system calls when it
    /// is clear.
    pending: AtomicBool,
    write: UnixStream,
}

/// Schedules deferreds on one reactor from any OS thread. Cheap to clone.
pub struct Waker<T, E> {
    shared: Arc<Shared<T, E>>,
}

impl<T, E> Clone for Waker<T, E> {
    fn clone(&self) -> Self {
        Waker {
            shared: self.shared.clone(),
        }
    }
}

impl<T, E> Waker<T, E> {
    /// Resume `id` on the waker's reactor with `outcome`, waking the reactor if it
    /// sleeps. The outcome is delivered when that reactor next polls.
    pub fn schedule(&self, id: DeferredId, outcome: Result<T, E>) {
        self.shared
            .queue
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push((id, outcome));
        if !self.shared.pending.swap(true, Ordering::AcqRel) {
            // A full pipe already holds a wake-up; any other failure means the reactor
            // is gone, and so is anyone to wake.
            let _ = (&self.shared.write).write(&[1]);
        }
    }
}

impl<T, E> Waker<T, E> {
    /// Has something been scheduled that the reactor has not taken yet? (A reactor
    /// that looks idle may still have a wake-up on its way: deadlock checks ask.)
    pub fn has_pending(&self) -> bool {
        self.shared.pending.load(Ordering::Acquire)
    }
}

/// The cross-thread wake notifier.
pub struct WakeNotifier<T, E> {
    priority: Priority,
    pipe: SelfPipe,
    shared: Arc<Shared<T, E>>,
    waiting: HashSet<DeferredId>,
    inbox: Queue<T, E>,
}

impl<T, E> WakeNotifier<T, E> {
    /// The default priority of the wake notifier.
    pub const PRIORITY: Priority = Priority(35);

    /// A new wake notifier with the default priority.
    pub fn new() -> io::Result<Self> {
        Self::with_priority(Self::PRIORITY)
    }

    /// A new wake notifier with the given priority.
    pub fn with_priority(priority: Priority) -> io::Result<Self> {
        let (pipe, write) = SelfPipe::new()?;
        Ok(WakeNotifier {
            priority,
            pipe,
            shared: Arc::new(Shared {
                queue: Mutex::new(Vec::new()),
                pending: AtomicBool::new(false),
                write,
            }),
            waiting: HashSet::new(),
            inbox: Vec::new(),
        })
    }

    /// A handle other OS threads use to schedule deferreds here.
    pub fn waker(&self) -> Waker<T, E> {
        Waker {
            shared: self.shared.clone(),
        }
    }

    fn status(&self) -> Status {
        if self.waiting.is_empty() {
            Status::NobodyWaiting
        } else {
            Status::Success
        }
    }

    /// Take what other threads scheduled. The pipe is drained after a wait (it woke
    /// us) or when `pending` was set, so a `poll` with nothing pending costs no system
    /// call. A byte written after the drain only causes one spurious wake-up.
    fn collect(&mut self, cx: &mut dyn Cx<T, E>, after_wait: bool) -> Status {
        if !after_wait && !self.shared.pending.load(Ordering::Acquire) {
            return self.status();
        }
        // Drain first, then clear the flag: a waker that sets the flag after this
        // point writes a byte that stays in the pipe, so the next wait cannot sleep
        // through its wake-up (clearing first let a drain swallow that byte).
        self.pipe.drain();
        self.shared.pending.store(false, Ordering::SeqCst);
        {
            let mut q = self
                .shared
                .queue
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            std::mem::swap(&mut *q, &mut self.inbox);
        }
        for (id, outcome) in self.inbox.drain(..) {
            self.waiting.remove(&id);
            cx.schedule(id, outcome);
        }
        self.status()
    }

    fn wait(&mut self, cx: &mut dyn Cx<T, E>, timeout: Option<Duration>) -> io::Result<Status> {
        // Wake-ups already queued: no sleep.
        if !self.shared.pending.load(Ordering::Acquire) {
            self.pipe.wait(timeout)?;
        }
        Ok(self.collect(cx, true))
    }
}

impl<T: 'static, E: NotifierError + 'static> Notifier<T, E> for WakeNotifier<T, E> {
    type Reason = ();

    fn name(&self) -> &'static str {
        "wake"
    }

    fn priority(&self) -> Priority {
        self.priority
    }

    fn register(&mut self, _cx: &mut dyn Cx<T, E>, id: DeferredId, _: ()) -> io::Result<WaitKey> {
        self.waiting.insert(id);
        Ok(WaitKey(0))
    }

    fn poll(&mut self, cx: &mut dyn Cx<T, E>) -> io::Result<Status> {
        Ok(self.collect(cx, false))
    }

    fn timed_wait(&mut self, cx: &mut dyn Cx<T, E>, timeout: Duration) -> io::Result<Status> {
        self.wait(cx, Some(timeout))
    }

    fn wait_forever(&mut self, cx: &mut dyn Cx<T, E>) -> io::Result<Status> {
        self.wait(cx, None)
    }

    fn withdraw(&mut self, id: DeferredId, _key: WaitKey) -> bool {
        self.waiting.remove(&id)
    }

    fn has_waiters(&self) -> bool {
        !self.waiting.is_empty()
    }

    fn event_fd(&self) -> Option<RawFd> {
        Some(self.pipe.fd())
    }

    fn watch(&mut self, fds: &[RawFd]) -> io::Result<()> {
        self.pipe.watch(fds)
    }
}
