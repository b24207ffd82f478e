//! `Core`: the part of a reactor its notifiers may touch (through `Cx`): micro-threads
//! (tasks), the run queue, timers and the clock. Kept apart from the notifier list so
//! a notifier can be called with `&mut Core` while the reactor holds the notifier.

use crate::timers::Timers;
use crate::Reactor;
use deferred::{DeferError, Deferred, DeferredId, Name};
use notifiers::{Cx, TimerId, WaitKey};
use slab::Slab;
use std::collections::VecDeque;
use std::time::{Duration, Instant};

/// Where a task is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Run {
    /// Suspended: registered with a notifier, parked, or not yet started.
    Suspended,
    /// An outcome for it is in the run queue.
    Scheduled,
    /// Its callbacks are running now.
    Running,
    /// Running, and already scheduled again (a notifier found its event had happened
    /// while it was deferring).
    RunningScheduled,
    /// Finished with no exception handler: its result waits for `take_result`/`join`.
    Zombie,
}

/// A task's registration with a notifier.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Wait {
    pub(crate) notifier: u32,
    pub(crate) key: WaitKey,
    pub(crate) timer: Option<TimerId>,
}

/// A micro-thread as the reactor sees it.
pub(crate) struct Task<T, E, S> {
    pub(crate) generation: u32,
    pub(crate) name: Name,
    pub(crate) deferred: Deferred<T, E, Reactor<T, E, S>>,
    pub(crate) state: S,
    pub(crate) run: Run,
    pub(crate) wait: Option<Wait>,
    /// Why it is parked (suspended on something only another task can end).
    pub(crate) parked: Option<Name>,
    /// The task waiting for this one to finish.
    pub(crate) joiner: Option<DeferredId>,
}

/// A function a timer calls on the reactor (`call_later`).
pub(crate) type TimerFn<T, E, S> = Box<dyn FnOnce(&mut Reactor<T, E, S>)>;

/// What a timer does when it pops.
pub(crate) enum TimerAction<T, E, S> {
    /// Call a notifier's `timeout` (a max-wait limit, or a timer-driven notifier).
    Notify {
        notifier: u32,
        id: DeferredId,
        key: WaitKey,
    },
    /// Call a function on the reactor (`call_later`).
    Call(TimerFn<T, E, S>),
}

/// The reactor's clock.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Clock {
    Real,
    /// Starts at `start` and only moves when the reactor jumps to a timer.
    Virtual {
        start: Instant,
        elapsed: Duration,
    },
}

impl Clock {
    pub(crate) fn now(&self) -> Instant {
        match self {
            Clock::Real => Instant::now(),
            Clock::Virtual { start, elapsed } => *start + *elapsed,
        }
    }

    /// The instant `after` from now; an `after` too long for an `Instant` (a
    /// program's `timeout(2**63)`) is taken as [`FAR_FUTURE`] from now, which never
    /// comes, instead of overflowing.
    pub(crate) fn after(&self, after: Duration) -> Instant {
        later(self.now(), after)
    }
}

/// How far ahead a deadline too long to represent is put: about 136 years.
pub(crate) const FAR_FUTURE: Duration = Duration::from_secs(u32::MAX as u64);

/// `at + after`, or `at + FAR_FUTURE` when that overflows.
pub(crate) fn later(at: Instant, after: Duration) -> Instant {
    at.checked_add(after.min(FAR_FUTURE))
        .or_else(|| at.checked_add(FAR_FUTURE))
        .unwrap_or(at)
}

pub(crate) struct Core<T, E, S> {
    pub(crate) tasks: Slab<Task<T, E, S>>,
    next_generation: u32,
    pub(crate) queue: VecDeque<(DeferredId, Result<T, E>)>,
    pub(crate) timers: Timers<TimerAction<T, E, S>>,
    pub(crate) clock: Clock,
    /// The task whose callbacks are running.
    pub(crate) current: Option<DeferredId>,
    /// The notifier being called, for `set_timer` and `registered`.
    pub(crate) calling: Option<u32>,
    /// Registrations to withdraw from notifiers (a task was scheduled by someone other
    /// than the notifier it was registered with); the reactor does it between calls.
    pub(crate) withdrawals: Vec<(u32, DeferredId, WaitKey)>,
    /// The deferred `Context::deferred` returns when no task runs: never deferring, so
    /// anything registered with it is refused.
    pub(crate) idle: Deferred<T, E, Reactor<T, E, S>>,
}

impl<T, E, S> Core<T, E, S> {
    pub(crate) fn new() -> Self {
        Core {
            tasks: Slab::new(),
            next_generation: 1,
            queue: VecDeque::new(),
            timers: Timers::new(),
            clock: Clock::Real,
            current: None,
            calling: None,
            withdrawals: Vec::new(),
            idle: Deferred::new(),
        }
    }

    pub(crate) fn task(&self, id: DeferredId) -> Option<&Task<T, E, S>> {
        self.tasks
            .get(id.index())
            .filter(|t| t.generation == id.generation())
    }

    pub(crate) fn task_mut(&mut self, id: DeferredId) -> Option<&mut Task<T, E, S>> {
        self.tasks
            .get_mut(id.index())
            .filter(|t| t.generation == id.generation())
    }

    /// Room for `additional` more micro-threads (their slots and a place in the run
    /// queue), or the allocator's refusal: nothing is changed then.
    pub(crate) fn try_reserve(
        &mut self,
        additional: usize,
    ) -> Result<(), std::collections::TryReserveError> {
        let free = self.tasks.capacity() - self.tasks.len();
        if additional > free {
            // `Slab` has no fallible reserve: ask for the block its `reserve` is about
            // to take (a slot is at most a task and a word) and give it back first.
            let want = (self.tasks.len() + additional).max(self.tasks.capacity() * 2);
            let mut probe: Vec<(Task<T, E, S>, usize)> = Vec::new();
            probe.try_reserve_exact(want)?;
            drop(probe);
            self.tasks.reserve(additional);
        }
        self.queue.try_reserve(additional)
    }

    pub(crate) fn insert(&mut self, name: Name, state: S) -> DeferredId {
        let generation = self.next_generation;
        self.next_generation = self.next_generation.wrapping_add(1).max(1);
        let index = self.tasks.insert(Task {
            generation,
            name,
            deferred: Deferred::new(),
            state,
            run: Run::Suspended,
            wait: None,
            parked: None,
            joiner: None,
        });
        DeferredId::new(index as u32, generation)
    }

    /// Remove a finished task.
    pub(crate) fn remove(&mut self, id: DeferredId) -> Option<Task<T, E, S>> {
        self.task(id)?;
        let task = self.tasks.remove(id.index());
        if let Some(t) = task.wait.and_then(|w| w.timer) {
            self.timers.cancel(t);
        }
        Some(task)
    }

    /// Forget `id`'s registration, cancelling its time limit. A registration with a
    /// notifier other than the one calling is queued for withdrawal.
    fn clear_wait(&mut self, id: DeferredId) {
        let Some(task) = self.task_mut(id) else {
            return;
        };
        task.parked = None;
        let Some(wait) = task.wait.take() else {
            return;
        };
        if let Some(t) = wait.timer {
            self.timers.cancel(t);
        }
        if self.calling != Some(wait.notifier) {
            self.withdrawals.push((wait.notifier, id, wait.key));
        }
    }

    /// Tasks that are suspended (not scheduled, not running, not finished).
    pub(crate) fn suspended(&self) -> impl Iterator<Item = (DeferredId, &Task<T, E, S>)> {
        self.tasks
            .iter()
            .filter(|(_, t)| t.run == Run::Suspended)
            .map(|(i, t)| (DeferredId::new(i as u32, t.generation), t))
    }
}

impl<T, E: DeferError, S> Cx<T, E> for Core<T, E, S> {
    fn schedule(&mut self, id: DeferredId, outcome: Result<T, E>) -> bool {
        let Some(task) = self.task_mut(id) else {
            return false;
        };
        task.run = match task.run {
            Run::Suspended => Run::Scheduled,
            Run::Running => Run::RunningScheduled,
            Run::Scheduled | Run::RunningScheduled | Run::Zombie => return false,
        };
        self.clear_wait(id);
        self.queue.push_back((id, outcome));
        true
    }

    fn set_timer(&mut self, id: DeferredId, key: WaitKey, after: Duration) -> TimerId {
        let notifier = self.calling.unwrap_or(u32::MAX);
        let deadline = self.clock.after(after);
        self.timers
            .insert(deadline, TimerAction::Notify { notifier, id, key })
    }

    fn clear_timer(&mut self, timer: TimerId) -> bool {
        self.timers.cancel(timer).is_some()
    }

    fn now(&self) -> Instant {
        self.clock.now()
    }

    fn begin_deferral(&mut self) -> Result<DeferredId, E> {
        let Some(id) = self.current else {
            return Err(E::system_error("defer called outside a micro-thread", None));
        };
        match self.task_mut(id) {
            Some(task) => task.deferred.begin().map(|()| id),
            None => Err(E::system_error("the running micro-thread is gone", None)),
        }
    }

    fn cancel_deferral(&mut self, id: DeferredId) {
        if let Some(task) = self.task_mut(id) {
            task.deferred.cancel_begin();
        }
    }

    fn registered(&mut self, id: DeferredId, key: WaitKey, max_wait: Option<Duration>) {
        let Some(notifier) = self.calling else {
            return;
        };
        let now = self.clock.now();
        let Some(task) = self.task_mut(id) else {
            return;
        };
        if matches!(
            task.run,
            Run::Scheduled | Run::RunningScheduled | Run::Zombie
        ) {
            // Already scheduled by the notifier itself (its event had happened).
            return;
        }
        let mut wait = Wait {
            notifier,
            key,
            timer: None,
        };
        if let Some(limit) = max_wait {
            wait.timer = Some(
                self.timers
                    .insert(later(now, limit), TimerAction::Notify { notifier, id, key }),
            );
        }
        if let Some(task) = self.task_mut(id) {
            task.wait = Some(wait);
        }
    }
}

#[cfg(test)]
mod deadline_tests {
    use super::*;

    #[test]
    fn a_deadline_past_the_clock_is_the_far_future() {
        let now = Instant::now();
        assert_eq!(
            later(now, Duration::from_secs(1)),
            now + Duration::from_secs(1)
        );
        assert_eq!(later(now, Duration::MAX), now + FAR_FUTURE);
        assert!(Clock::Real.after(Duration::MAX) >= now + FAR_FUTURE);
    }
}
