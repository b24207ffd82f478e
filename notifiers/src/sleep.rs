//! `SleepNotifier`, the timer-driven notifier: a deferred waits for a duration to pass
//! (`time.sleep` in `pyvm`; a zero duration yields to the other micro-threads).
//!
//! It keeps no clock of its own: `register` sets a reactor timer (the PEP's
//! `PyReactor_SetTimer`), and the reactor calls `timeout` when it pops, which resumes
//! the deferred with [`Event::Elapsed`]. It cannot wait by itself
//! ([`Status::NotCapable`]); the reactor sleeps in another notifier until the timer.

use crate::WaitKey;
use crate::{ready, Cx, DeferredId, Event, Notifier, NotifierError, Priority, Status, TimerId};
use slab::Slab;
use std::io;
use std::marker::PhantomData;
use std::time::Duration;

/// The sleep notifier.
pub struct SleepNotifier<T, E> {
    priority: Priority,
    sleepers: Slab<(DeferredId, TimerId)>,
    _types: PhantomData<fn() -> (T, E)>,
}

impl<T, E> SleepNotifier<T, E> {
    /// The default priority of the sleep notifier.
    pub const PRIORITY: Priority = Priority(10);

    /// A new sleep notifier with the default priority.
    pub fn new() -> Self {
        Self::with_priority(Self::PRIORITY)
    }

    /// A new sleep notifier with the given priority.
    pub fn with_priority(priority: Priority) -> Self {
        SleepNotifier {
            priority,
            sleepers: Slab::new(),
            _types: PhantomData,
        }
    }

    /// How many deferreds sleep.
    pub fn sleeping(&self) -> usize {
        self.sleepers.len()
    }

    fn status(&self) -> Status {
        if self.sleepers.is_empty() {
            Status::NobodyWaiting
        } else {
            Status::Success
        }
    }

    fn take(&mut self, id: DeferredId, key: WaitKey) -> Option<TimerId> {
        let k = key.0 as usize;
        match self.sleepers.get(k) {
            Some((w, _)) if *w == id => Some(self.sleepers.remove(k).1),
            _ => None,
        }
    }
}

impl<T, E> Default for SleepNotifier<T, E> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: From<Event> + 'static, E: NotifierError + 'static> Notifier<T, E> for SleepNotifier<T, E> {
    type Reason = Duration;

    fn name(&self) -> &'static str {
        "sleep"
    }

    fn priority(&self) -> Priority {
        self.priority
    }

    fn register(
        &mut self,
        cx: &mut dyn Cx<T, E>,
        id: DeferredId,
        duration: Duration,
    ) -> io::Result<WaitKey> {
        let entry = self.sleepers.vacant_entry();
        let key = WaitKey(entry.key() as u64);
        let timer = cx.set_timer(id, key, duration);
        entry.insert((id, timer));
        Ok(key)
    }

    fn poll(&mut self, _cx: &mut dyn Cx<T, E>) -> io::Result<Status> {
        Ok(self.status())
    }

    fn timed_wait(&mut self, _cx: &mut dyn Cx<T, E>, _timeout: Duration) -> io::Result<Status> {
        Ok(Status::NotCapable)
    }

    fn wait_forever(&mut self, _cx: &mut dyn Cx<T, E>) -> io::Result<Status> {
        Ok(Status::NotCapable)
    }

    fn withdraw(&mut self, id: DeferredId, key: WaitKey) -> bool {
        // The timer stays set; when it fires it finds nothing (`deregister` clears it).
        self.take(id, key).is_some()
    }

    fn timeout(&mut self, cx: &mut dyn Cx<T, E>, id: DeferredId, key: WaitKey) {
        if self.take(id, key).is_some() {
            cx.schedule(id, ready(Event::Elapsed));
        }
    }

    fn deregister(
        &mut self,
        cx: &mut dyn Cx<T, E>,
        id: DeferredId,
        key: WaitKey,
        outcome: Option<Result<T, E>>,
    ) -> bool {
        let Some(timer) = self.take(id, key) else {
            return false;
        };
        cx.clear_timer(timer);
        if let Some(outcome) = outcome {
            cx.schedule(id, outcome);
        }
        true
    }

    fn has_waiters(&self) -> bool {
        !self.sleepers.is_empty()
    }
}
