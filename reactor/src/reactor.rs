//! `Reactor`: one per OS thread. Owns the micro-threads (tasks) and the notifiers, and
//! runs the PEP's loop (see [`Reactor::run`]).

use crate::core::{Clock, Core, Run, TimerAction};
use crate::registry::{self, NotifierClass, EPOCH};
use crate::DynNotifier;
use deferred::{Callback, Context, Deferred, DeferredId, Name, State, Status};
use deferred::{Step, Unwind};
use notifiers::{Cx, Event, Notifier, NotifierError, Priority, TimerId, WaitKey};
use notifiers::{FdNotifier, IoNotifier, SignalNotifier, SleepNotifier, WakeNotifier, Waker};
use smallvec::SmallVec;
use std::io;
use std::os::fd::RawFd;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

/// A notifier failed, or the notifier list could not be applied.
#[derive(Debug, thiserror::Error)]
pub enum ReactorError {
    /// A notifier's poll or wait failed.
    #[error("notifier {name:?} failed: {source}")]
    Notifier {
        /// The notifier's name.
        name: &'static str,
        /// What went wrong.
        #[source]
        source: io::Error,
    },
    /// `run` was called from inside one of this reactor's callbacks.
    #[error("the reactor is already running (run called from one of its callbacks)")]
    Reentrant,
    /// A notifier could not be made or could not watch the others.
    #[error("could not set up notifier {name:?}: {source}")]
    Setup {
        /// The notifier's name.
        name: &'static str,
        /// What went wrong.
        #[source]
        source: io::Error,
    },
}

/// How [`Reactor::run`] ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunEnd {
    /// Nothing is left: no deferred scheduled, no notifier with waiters, no timer.
    Done,
    /// Nothing can run again, yet these micro-threads are suspended: parked on
    /// something only another micro-thread could end, or waiting for one another. The
    /// caller may resume them (with an exception, say) and run again.
    Deadlock(Vec<Stuck>),
}

/// A micro-thread that can never be resumed, as reported by [`RunEnd::Deadlock`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stuck {
    /// Its deferred.
    pub id: DeferredId,
    /// Its name.
    pub name: Name,
    /// What it waits on (the reason it parked with, or the notifier's name).
    pub waiting_on: Name,
}

/// Where a micro-thread stands, as reported by [`Reactor::task_infos`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskState {
    /// Suspended: waiting on a notifier, parked, or waiting for another micro-thread.
    Suspended,
    /// Scheduled to run.
    Scheduled,
    /// Running now (the one calling `task_infos`).
    Running,
    /// Finished with no exception handler; its result waits to be taken.
    Zombie,
}

/// A snapshot of one micro-thread, for `dump()`-style diagnostics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskInfo {
    /// Its deferred.
    pub id: DeferredId,
    /// Its name.
    pub name: Name,
    /// Where it stands.
    pub state: TaskState,
    /// What it waits on, when suspended: the reason it parked with, or the name of
    /// the notifier it is registered with.
    pub waiting_on: Option<Name>,
}

/// Counters, for tests and diagnostics.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Rounds of the loop.
    pub rounds: u64,
    /// Deferreds resumed.
    pub resumed: u64,
    /// Calls to notifiers' `poll`.
    pub polls: u64,
    /// Calls to notifiers' `timed_wait` or `wait_forever`.
    pub waits: u64,
    /// Timers fired.
    pub timers_fired: u64,
    /// Jumps of the virtual clock.
    pub clock_jumps: u64,
}

struct Slot<T, E> {
    id: u32,
    name: &'static str,
    priority: Priority,
    notifier: Box<dyn DynNotifier<T, E>>,
}

enum Source {
    /// Follows the global list of its type.
    Global { generation: Option<u64>, epoch: u64 },
    /// Fixed at creation.
    Local,
}

/// A reactor: the micro-threads of one OS thread and the notifiers they wait on.
///
/// `T` is the value micro-threads resume with, `E` their error, and `S` the state each
/// micro-thread carries. Callbacks run with `&mut Reactor`, so they can reach their
/// state ([`current_state`](Self::current_state)), defer
/// ([`defer`](Self::defer)), start other micro-threads, set timers.
///
/// ```
/// use deferred::{DeferredId, Step};
/// use notifiers::{Error, Event, SleepNotifier};
/// use reactor::{Reactor, RunEnd};
/// use std::time::Duration;
///
/// # #[derive(Debug)] struct Tick;
/// # impl From<Event> for Tick { fn from(_: Event) -> Self { Tick } }
/// let mut r = Reactor::<Tick, Error, u32>::new().unwrap();
/// r.use_virtual_clock();
/// fn tick(r: &mut Reactor<Tick, Error, u32>, _: Result<Tick, Error>) -> Step<Tick, Error> {
///     let left = r.current_state().unwrap();
///     if *left == 0 { return Ok(Tick) }
///     *left -= 1;
///     r.defer_with::<SleepNotifier<_, _>>(Duration::from_secs(60), None, "tick", tick)
/// }
/// // The first callback is registered under the micro-thread's name, "tick": the
/// // function that defers from it registers under that name too (rule 5).
/// let id = r.spawn_fn("tick", 3, Tick, tick);
/// assert_eq!(r.run().unwrap(), RunEnd::Done);
/// assert!(r.take_result(id).unwrap().is_ok());
/// assert_eq!(r.elapsed(), Duration::from_secs(180)); // virtual: instantly
/// ```
///
/// A reactor belongs to the OS thread that made it: it is not `Send` (its callbacks
/// need not be), so it cannot be moved to another thread. Other threads reach it
/// through a [`Waker`].
///
/// ```compile_fail
/// fn send<T: Send>(_: T) {}
/// send(reactor::Reactor::<notifiers::Event, notifiers::Error>::new().unwrap());
/// ```
pub struct Reactor<T, E, S = ()> {
    pub(crate) core: Core<T, E, S>,
    notifiers: Vec<Slot<T, E>>,
    next_notifier: u32,
    source: Source,
    started: Instant,
    stats: Stats,
    /// Set while `run` runs, to refuse a nested `run`.
    running: bool,
    /// Called once a round, after the notifiers are polled (see `set_round_hook`).
    round_hook: Option<RoundHook<T, E, S>>,
    /// The classes the notifiers were made from (to make them anew: `after_fork`).
    classes: Vec<NotifierClass<T, E>>,
}

/// The run queue capacity an empty queue keeps (more is given back).
const QUEUE_KEPT: usize = 4096;

/// A function the reactor calls once a round (see [`Reactor::set_round_hook`]).
pub type RoundHook<T, E, S> = Box<dyn FnMut(&mut Reactor<T, E, S>)>;

impl<T, E, S> Reactor<T, E, S> {
    /// The bytes of one task's slot in the reactor's task table (its deferred, its
    /// state `S`, its name and registration), for memory accounting: a sleeping
    /// micro-thread costs this beside what its state points to.
    pub const TASK_BYTES: usize = std::mem::size_of::<crate::core::Task<T, E, S>>();
}

impl<T, E, S> Reactor<T, E, S>
where
    T: From<Event> + 'static,
    E: NotifierError + 'static,
    S: 'static,
{
    /// A reactor whose notifiers follow the global list of its type (initially the
    /// shipped notifiers: see [`NotifierClass::defaults`]).
    pub fn new() -> Result<Self, ReactorError> {
        let mut r = Self::empty(Source::Global {
            generation: None,
            epoch: 0,
        });
        r.sync()?;
        Ok(r)
    }

    /// A reactor with its own fixed notifier list, unaffected by the global one.
    pub fn with_notifiers(classes: Vec<NotifierClass<T, E>>) -> Result<Self, ReactorError> {
        let mut classes = classes;
        classes.sort_by_key(|c| std::cmp::Reverse(c.priority()));
        let mut r = Self::empty(Source::Local);
        r.rebuild(classes)?;
        Ok(r)
    }

    fn empty(source: Source) -> Self {
        Reactor {
            core: Core::new(),
            notifiers: Vec::new(),
            next_notifier: 0,
            source,
            started: Instant::now(),
            stats: Stats::default(),
            running: false,
            round_hook: None,
            classes: Vec::new(),
        }
    }

    // ----- notifier list ---------------------------------------------------------

    /// Re-sync with the global list if it changed.
    fn sync(&mut self) -> Result<(), ReactorError> {
        let Source::Global { generation, epoch } = &mut self.source else {
            return Ok(());
        };
        let now = EPOCH.load(Ordering::Acquire);
        if *epoch == now {
            return Ok(());
        }
        *epoch = now;
        let (current, classes) =
            registry::with_list::<Self, T, E, _>(|l| (l.generation, l.classes.clone()));
        if *generation == Some(current) {
            return Ok(());
        }
        *generation = Some(current);
        self.rebuild(classes)
    }

    /// Make the notifier list match `classes` (in that order), keeping the instances
    /// (and their waiters) of classes still present.
    fn rebuild(&mut self, classes: Vec<NotifierClass<T, E>>) -> Result<(), ReactorError> {
        self.classes = classes.clone();
        let mut old = std::mem::take(&mut self.notifiers);
        for class in classes {
            if let Some(at) = old.iter().position(|s| s.name == class.name()) {
                self.notifiers.push(old.remove(at));
                continue;
            }
            let notifier = class.instantiate().map_err(|source| ReactorError::Setup {
                name: class.name(),
                source,
            })?;
            self.notifiers.push(Slot {
                id: self.next_notifier,
                name: class.name(),
                priority: class.priority(),
                notifier,
            });
            self.next_notifier += 1;
        }
        // Watch the new set before dropping the removed notifiers (their descriptors
        // must stay open while anyone watches them).
        self.rewatch()?;
        for slot in old {
            self.orphan_waiters(slot.id, slot.name);
        }
        Ok(())
    }

    /// Give every notifier the others' event descriptors (the shared wake-up).
    fn rewatch(&mut self) -> Result<(), ReactorError> {
        let fds: SmallVec<[(u32, Option<RawFd>); 8]> = self
            .notifiers
            .iter()
            .map(|s| (s.id, s.notifier.event_fd()))
            .collect();
        for slot in &mut self.notifiers {
            let others: SmallVec<[RawFd; 8]> = fds
                .iter()
                .filter(|(id, _)| *id != slot.id)
                .filter_map(|(_, fd)| *fd)
                .collect();
            slot.notifier
                .watch(&others)
                .map_err(|source| ReactorError::Setup {
                    name: slot.name,
                    source,
                })?;
        }
        Ok(())
    }

    /// Resume with an error the tasks registered with a notifier that was removed.
    fn orphan_waiters(&mut self, notifier: u32, name: &'static str) {
        let orphans: Vec<DeferredId> = self
            .core
            .tasks
            .iter()
            .filter(|(_, t)| t.wait.is_some_and(|w| w.notifier == notifier))
            .map(|(i, t)| DeferredId::new(i as u32, t.generation))
            .collect();
        for id in orphans {
            if let Some(task) = self.core.task_mut(id) {
                task.wait = None;
            }
            let msg = format!("notifier {name:?} was removed while a micro-thread waited on it");
            let err = io::Error::other(msg);
            self.core.schedule(id, Err(E::io(err)));
        }
    }

    /// In the child of a `fork`, called from the one task that survives (`keep`,
    /// the one running, if any): only it goes on. Every notifier is made anew (its
    /// kernel objects, an epoll instance or a self-pipe, are shared with the
    /// parent: a registration made or withdrawn here would change the parent's, and
    /// the parent could take this one's events); the old instances are dropped
    /// without withdrawing anything (closing the child's copies of their
    /// descriptors). Every other task is removed, unrun, and its state returned (the
    /// caller decides whether to drop it); their timers are cancelled, the run queue
    /// keeps only `keep`'s outcomes. Timers that call functions (`call_later`) stay.
    pub fn after_fork(&mut self, keep: Option<DeferredId>) -> Result<Vec<S>, ReactorError> {
        let old = std::mem::take(&mut self.notifiers);
        let classes = self.classes.clone();
        let built = self.rebuild(classes);
        drop(old);
        let others: Vec<DeferredId> = self
            .core
            .tasks
            .iter()
            .map(|(i, t)| DeferredId::new(i as u32, t.generation))
            .filter(|&id| Some(id) != keep)
            .collect();
        let mut states = Vec::with_capacity(others.len());
        for id in others {
            if let Some(task) = self.core.remove(id) {
                states.push(task.state);
            }
        }
        if let Some(task) = keep.and_then(|k| self.core.task_mut(k)) {
            task.wait = None;
            task.parked = None;
            task.joiner = None;
        }
        self.core
            .timers
            .cancel_where(|a| matches!(a, TimerAction::Notify { .. }));
        self.core.queue.retain(|(id, _)| Some(*id) == keep);
        self.core.withdrawals.clear();
        built.map(|()| states)
    }

    fn slot_index(&self, id: u32) -> Option<usize> {
        self.notifiers.iter().position(|s| s.id == id)
    }

    fn find<N: 'static>(&self) -> Option<usize> {
        self.notifiers
            .iter()
            .position(|s| s.notifier.as_any().is::<N>())
    }

    /// The names of this reactor's notifiers, in the order they are polled.
    pub fn notifier_names(&self) -> Vec<&'static str> {
        self.notifiers.iter().map(|s| s.name).collect()
    }

    /// This reactor's notifiers with their priorities, in the order they are polled.
    pub fn notifier_order(&self) -> Vec<(&'static str, Priority)> {
        self.notifiers
            .iter()
            .map(|s| (s.name, s.priority))
            .collect()
    }

    /// This reactor's notifier of type `N`.
    pub fn notifier<N: 'static>(&mut self) -> Option<&mut N> {
        let at = self.find::<N>()?;
        self.notifiers[at].notifier.as_any_mut().downcast_mut::<N>()
    }

    /// The I/O notifier, if the list has one.
    pub fn io(&mut self) -> Option<&mut IoNotifier<T, E>> {
        self.notifier::<IoNotifier<T, E>>()
    }

    /// The fd notifier, if the list has one.
    pub fn fd(&mut self) -> Option<&mut FdNotifier<T, E>> {
        self.notifier::<FdNotifier<T, E>>()
    }

    /// The signal notifier, if the list has one.
    pub fn signals(&mut self) -> Option<&mut SignalNotifier<T, E>> {
        self.notifier::<SignalNotifier<T, E>>()
    }

    /// A handle for other OS threads to schedule deferreds here, if the list has a
    /// wake notifier.
    pub fn waker(&mut self) -> Option<Waker<T, E>> {
        self.notifier::<WakeNotifier<T, E>>().map(|w| w.waker())
    }

    /// Call `f` on notifier `at` with the core as its `Cx`, then withdraw any
    /// registrations the call made stale.
    fn call<R>(
        &mut self,
        at: usize,
        f: impl FnOnce(&mut dyn DynNotifier<T, E>, &mut Core<T, E, S>) -> R,
    ) -> R {
        let slot = &mut self.notifiers[at];
        self.core.calling = Some(slot.id);
        let r = f(&mut *slot.notifier, &mut self.core);
        self.core.calling = None;
        self.flush_withdrawals();
        r
    }

    fn flush_withdrawals(&mut self) {
        while let Some((notifier, id, key)) = self.core.withdrawals.pop() {
            if let Some(at) = self.slot_index(notifier) {
                let slot = &mut self.notifiers[at];
                self.core.calling = Some(slot.id);
                slot.notifier.deregister(&mut self.core, id, key, None);
                self.core.calling = None;
            }
        }
    }

    // ----- micro-threads -----------------------------------------------------------

    /// Start a micro-thread named `name` carrying `state`: `callback` runs with
    /// `Ok(input)` when the reactor next runs it. The callback is registered under
    /// `name`, so a deferral made directly in it must register its continuation with
    /// `caller = name` (rule 5). Without an exception handler its
    /// result is kept until [`take_result`](Self::take_result) or [`join`](Self::join).
    pub fn spawn(
        &mut self,
        name: impl Into<Name>,
        state: S,
        input: T,
        callback: Callback<T, E, Self>,
    ) -> DeferredId {
        let name = name.into();
        let id = self.core.insert(name.clone(), state);
        if let Some(task) = self.core.task_mut(id) {
            task.deferred.then(name, callback);
        }
        self.core.schedule(id, Ok(input));
        id
    }

    /// Make room for `additional` more [`spawn`](Self::spawn)s, or `Err` when the
    /// allocator refuses it (then `spawn` could not be done without aborting).
    pub fn try_reserve_tasks(
        &mut self,
        additional: usize,
    ) -> Result<(), std::collections::TryReserveError> {
        self.core.try_reserve(additional)
    }

    /// [`spawn`](Self::spawn) with a plain function as the first callback.
    pub fn spawn_fn(
        &mut self,
        name: impl Into<Name>,
        state: S,
        input: T,
        f: fn(&mut Self, Result<T, E>) -> Step<T, E>,
    ) -> DeferredId {
        self.spawn(name, state, input, Callback::Fn(f))
    }

    /// Give `id`'s final exception to `handler` (its value is then dropped) instead of
    /// keeping its result. `false` if `id` is stale or finished.
    pub fn set_exception_handler(
        &mut self,
        id: DeferredId,
        handler: impl FnOnce(&mut Self, E) + 'static,
    ) -> bool {
        match self.core.task_mut(id) {
            Some(task) if task.run != Run::Zombie => {
                task.deferred.set_exception_handler(handler);
                true
            }
            _ => false,
        }
    }

    /// The PEP's `PyReactor_Schedule`: resume `id` with `value`. `false` (and nothing
    /// happens) if `id` is stale, finished, or already scheduled.
    pub fn schedule(&mut self, id: DeferredId, value: T) -> bool {
        let ok = self.core.schedule(id, Ok(value));
        self.flush_withdrawals();
        ok
    }

    /// The PEP's `PyReactor_ScheduleException`: resume `id` with `error`.
    pub fn schedule_exception(&mut self, id: DeferredId, error: E) -> bool {
        let ok = self.core.schedule(id, Err(error));
        self.flush_withdrawals();
        ok
    }

    /// Raise `error` in `id` wherever it is suspended (withdrawing it from its
    /// notifier), or replace the outcome it is scheduled with. For cancellation
    /// (`kill`, `throw`, timeouts). `false` if `id` is stale, finished or running.
    pub fn throw(&mut self, id: DeferredId, error: E) -> bool {
        match self.core.task(id).map(|t| t.run) {
            Some(Run::Scheduled) => {
                if let Some(slot) = self.core.queue.iter_mut().find(|(q, _)| *q == id) {
                    slot.1 = Err(error);
                    return true;
                }
                false
            }
            Some(Run::Suspended) => self.schedule_exception(id, error),
            _ => false,
        }
    }

    /// Is `id` scheduled to run (in the run queue, not yet resumed)?
    pub fn is_scheduled(&self, id: DeferredId) -> bool {
        self.core
            .task(id)
            .is_some_and(|t| matches!(t.run, Run::Scheduled | Run::RunningScheduled))
    }

    /// The deferred now running, if any.
    pub fn current(&self) -> Option<DeferredId> {
        self.core.current
    }

    /// The state of the micro-thread now running.
    pub fn current_state(&mut self) -> Option<&mut S> {
        let id = self.core.current?;
        self.state_mut(id)
    }

    /// The state of micro-thread `id`.
    pub fn state(&self, id: DeferredId) -> Option<&S> {
        self.core.task(id).map(|t| &t.state)
    }

    /// The state of micro-thread `id`, mutably.
    pub fn state_mut(&mut self, id: DeferredId) -> Option<&mut S> {
        self.core.task_mut(id).map(|t| &mut t.state)
    }

    /// The name of micro-thread `id`.
    pub fn name(&self, id: DeferredId) -> Option<&Name> {
        self.core.task(id).map(|t| &t.name)
    }

    /// Every micro-thread of this reactor with its state and what it waits on, in
    /// creation-slot order (for `dump()`, termination, and deadlock reports).
    pub fn task_infos(&self) -> Vec<TaskInfo> {
        self.core
            .tasks
            .iter()
            .map(|(i, t)| {
                let state = match t.run {
                    Run::Suspended => TaskState::Suspended,
                    Run::Scheduled => TaskState::Scheduled,
                    Run::Running | Run::RunningScheduled => TaskState::Running,
                    Run::Zombie => TaskState::Zombie,
                };
                TaskInfo {
                    id: DeferredId::new(i as u32, t.generation),
                    name: t.name.clone(),
                    state,
                    waiting_on: (state == TaskState::Suspended).then(|| self.waiting_on(t)),
                }
            })
            .collect()
    }

    /// The ids of every micro-thread of this reactor, in creation-slot order (a
    /// lighter [`task_infos`](Self::task_infos) for walking a million of them).
    pub fn task_ids(&self) -> Vec<DeferredId> {
        self.core
            .tasks
            .iter()
            .map(|(i, t)| DeferredId::new(i as u32, t.generation))
            .collect()
    }

    /// What a suspended task waits on, in words.
    fn waiting_on(&self, t: &crate::core::Task<T, E, S>) -> Name {
        match (&t.parked, t.wait) {
            (Some(reason), _) => reason.clone(),
            (None, Some(w)) => self
                .slot_index(w.notifier)
                .map_or(Name::Static("a removed notifier"), |at| {
                    Name::Static(self.notifiers[at].name)
                }),
            (None, None) => Name::Static("nothing (deferred without registering)"),
        }
    }

    /// How many micro-threads exist (running, scheduled, suspended or zombie).
    pub fn tasks(&self) -> usize {
        self.core.tasks.len()
    }

    /// How many deferreds are scheduled to run (Stackless's `runcount`).
    pub fn runnable(&self) -> usize {
        self.core.queue.len()
    }

    /// How many scheduled micro-threads the run queue has room for without growing
    /// (an empty queue keeps room for at most a few thousand: memory accounting).
    pub fn run_queue_capacity(&self) -> usize {
        self.core.queue.capacity()
    }

    /// The result of a finished micro-thread with no exception handler (a zombie);
    /// taking it removes the micro-thread. `None` if it has not finished.
    pub fn take_result(&mut self, id: DeferredId) -> Option<Result<T, E>> {
        let task = self.core.task_mut(id)?;
        if task.run != Run::Zombie {
            return None;
        }
        let result = task.deferred.take_result();
        self.core.remove(id);
        result
    }

    /// Register the running micro-thread's callback (rule 2): `caller` is the function
    /// registering, `called` the function it called (`None` for the one that deferred).
    pub fn add_callback(
        &mut self,
        caller: impl Into<Name>,
        called: Option<&str>,
        callback: Callback<T, E, Self>,
    ) -> Result<(), E> {
        Deferred::add_callback(self, caller, called, callback)
    }

    // ----- deferring -----------------------------------------------------------------

    /// The PEP's `PyNotifier_Defer` on this reactor's notifier of type `N`: begin a
    /// deferral of the running micro-thread and register it for `reason`, with an
    /// optional time limit (after which it is resumed with `E::timeout()`). Return the
    /// result to your caller; register your continuation first if you have one (see
    /// [`defer_with`](Self::defer_with)).
    pub fn defer<N: Notifier<T, E>>(
        &mut self,
        reason: N::Reason,
        max_wait: Option<Duration>,
    ) -> Unwind<E> {
        let Some(at) = self.find::<N>() else {
            let err = io::Error::new(io::ErrorKind::NotFound, "no such notifier here");
            return Unwind::Raise(E::io(err));
        };
        self.call(at, |n, core| match n.as_any_mut().downcast_mut::<N>() {
            Some(n) => n.defer(core, reason, max_wait),
            None => Unwind::Raise(E::system_error("notifier type mismatch", None)),
        })
    }

    /// Defer on `N` and register `then` as the continuation of the function `caller`
    /// that deferred: the common case of a deferral-aware function in one call.
    pub fn defer_with<N: Notifier<T, E>>(
        &mut self,
        reason: N::Reason,
        max_wait: Option<Duration>,
        caller: &'static str,
        then: fn(&mut Self, Result<T, E>) -> Step<T, E>,
    ) -> Step<T, E> {
        match self.defer::<N>(reason, max_wait) {
            Unwind::Deferred => {
                self.add_callback(caller, None, Callback::Fn(then))?;
                Err(Unwind::Deferred)
            }
            raise => Err(raise),
        }
    }

    /// Sleep for `duration` on the sleep notifier (a zero duration lets every other
    /// runnable micro-thread and the notifiers go first).
    pub fn sleep(&mut self, duration: Duration) -> Unwind<E> {
        self.defer::<SleepNotifier<T, E>>(duration, None)
    }

    /// Suspend the running micro-thread on something no notifier watches (a pipe, a
    /// lock): another micro-thread must [`schedule`](Self::schedule) it. `reason` says
    /// what it waits on, for deadlock reports.
    pub fn park(&mut self, reason: impl Into<Name>) -> Unwind<E> {
        match self.core.begin_deferral() {
            Ok(id) => {
                if let Some(task) = self.core.task_mut(id) {
                    task.parked = Some(reason.into());
                }
                Unwind::Deferred
            }
            Err(e) => Unwind::Raise(e),
        }
    }

    /// Wait for micro-thread `target` to finish and resume with its result (the PEP's
    /// `thread.wait()`). `target` must have no exception handler and no other waiter.
    pub fn join(&mut self, target: DeferredId) -> Unwind<E> {
        let refuse = |m: &str| Unwind::Raise(E::system_error(m, None));
        let Some(me) = self.core.current else {
            return refuse("join called outside a micro-thread");
        };
        if me == target {
            return refuse("a micro-thread cannot wait for itself");
        }
        let Some(t) = self.core.task(target) else {
            return refuse("no such micro-thread (already waited for?)");
        };
        if t.joiner.is_some() {
            return refuse("another micro-thread already waits for it");
        }
        if t.deferred.has_exception_handler() {
            return refuse("it has an exception handler: its result is not kept");
        }
        let zombie = t.run == Run::Zombie;
        let name = t.name.clone();
        if let Err(e) = self.core.begin_deferral() {
            return Unwind::Raise(e);
        }
        if zombie {
            if let Some(result) = self.take_result(target) {
                self.core.schedule(me, result);
            }
        } else {
            if let Some(t) = self.core.task_mut(target) {
                t.joiner = Some(me);
            }
            if let Some(task) = self.core.task_mut(me) {
                task.parked = Some(format!("micro-thread {name}").into());
            }
        }
        Unwind::Deferred
    }

    // ----- timers and clock ---------------------------------------------------------

    /// Call `f` on this reactor after `after` (Twisted's `callLater`).
    pub fn call_later(&mut self, after: Duration, f: impl FnOnce(&mut Self) + 'static) -> TimerId {
        let deadline = self.core.clock.after(after);
        self.core
            .timers
            .insert(deadline, TimerAction::Call(Box::new(f)))
    }

    /// The PEP's `PyReactor_SetTimer`: after `after`, call `timeout(id, key)` on this
    /// reactor's notifier of type `N`. `None` if there is no such notifier.
    pub fn set_timer<N: 'static>(
        &mut self,
        id: DeferredId,
        key: WaitKey,
        after: Duration,
    ) -> Option<TimerId> {
        let notifier = self.notifiers[self.find::<N>()?].id;
        let deadline = self.core.clock.after(after);
        let action = TimerAction::Notify { notifier, id, key };
        Some(self.core.timers.insert(deadline, action))
    }

    /// The PEP's `PyReactor_ClearTimer`. `false` if the timer fired or was cleared.
    pub fn clear_timer(&mut self, timer: TimerId) -> bool {
        self.core.timers.cancel(timer).is_some()
    }

    /// How many timers are pending.
    pub fn pending_timers(&self) -> usize {
        self.core.timers.len()
    }

    /// The reactor's clock (virtual or real).
    pub fn now(&self) -> Instant {
        self.core.clock.now()
    }

    /// Time since the reactor was made (on a virtual clock, since it became virtual).
    pub fn elapsed(&self) -> Duration {
        self.now().saturating_duration_since(self.started)
    }

    /// Run on a virtual clock from now on: whenever nothing is runnable, time jumps to
    /// the next timer instead of passing, so timer logic is tested exactly and at once.
    pub fn use_virtual_clock(&mut self) {
        let start = Instant::now();
        self.started = start;
        self.core.clock = Clock::Virtual {
            start,
            elapsed: Duration::ZERO,
        };
    }

    /// `true` on a virtual clock.
    pub fn is_virtual(&self) -> bool {
        matches!(self.core.clock, Clock::Virtual { .. })
    }

    /// Call `hook` once every round of [`run`](Self::run), after the notifiers are
    /// polled and before the reactor decides whether to wait or end. For work no
    /// micro-thread waits on: turning a pending signal into an exception in the main
    /// micro-thread (`signals().take_pending()` then `throw`), a watchdog. The hook
    /// does not keep the reactor alive. `None` removes it.
    pub fn set_round_hook(&mut self, hook: Option<RoundHook<T, E, S>>) {
        self.round_hook = hook;
    }

    fn run_round_hook(&mut self) {
        if let Some(mut hook) = self.round_hook.take() {
            hook(self);
            // Keep a hook the hook may have set in its place.
            if self.round_hook.is_none() {
                self.round_hook = Some(hook);
            }
        }
    }

    /// The counters.
    pub fn stats(&self) -> Stats {
        self.stats
    }

    fn fire_timers(&mut self) {
        let now = self.core.clock.now();
        while let Some(action) = self.core.timers.pop_due(now) {
            self.stats.timers_fired += 1;
            match action {
                TimerAction::Notify { notifier, id, key } => {
                    if let Some(at) = self.slot_index(notifier) {
                        self.call(at, |n, core| n.timeout(core, id, key));
                    }
                }
                TimerAction::Call(f) => f(self),
            }
        }
    }

    // ----- the loop ---------------------------------------------------------------------

    /// Resume one scheduled deferred.
    fn resume(&mut self, id: DeferredId, outcome: Result<T, E>) {
        match self.core.task_mut(id) {
            Some(task) if task.run == Run::Scheduled => task.run = Run::Running,
            _ => return,
        }
        self.stats.resumed += 1;
        self.core.current = Some(id);
        let status = Deferred::callback(self, outcome);
        self.core.current = None;
        let Some(task) = self.core.task_mut(id) else {
            return;
        };
        match status {
            Ok(Status::Suspended) => {
                task.run = match task.run {
                    Run::RunningScheduled => Run::Scheduled,
                    _ => Run::Suspended,
                };
            }
            Ok(Status::Finished) => self.finished(id),
            // Only scheduled tasks are resumed, so the deferred is neither running nor
            // finished: there is no misuse to report.
            Err(_) => {}
        }
        self.flush_withdrawals();
    }

    fn finished(&mut self, id: DeferredId) {
        let Some(task) = self.core.task_mut(id) else {
            return;
        };
        if task.run == Run::RunningScheduled {
            // Scheduled while finishing: that outcome has no one to go to.
            self.core.queue.retain(|(q, _)| *q != id);
        }
        let Some(task) = self.core.task_mut(id) else {
            return;
        };
        if task.deferred.state() != State::Zombie {
            self.core.remove(id);
            return;
        }
        task.run = Run::Zombie;
        if let Some(joiner) = task.joiner.take() {
            if let Some(result) = self.take_result(id) {
                self.core.schedule(joiner, result);
            }
        }
    }

    fn poll_one(&mut self, at: usize) -> Result<notifiers::Status, ReactorError> {
        self.stats.polls += 1;
        let name = self.notifiers[at].name;
        self.call(at, |n, core| n.poll(core))
            .map_err(|source| ReactorError::Notifier { name, source })
    }

    fn wait_one(
        &mut self,
        at: usize,
        timeout: Option<Duration>,
    ) -> Result<notifiers::Status, ReactorError> {
        self.stats.waits += 1;
        let name = self.notifiers[at].name;
        self.call(at, |n, core| match timeout {
            Some(t) => n.timed_wait(core, t),
            None => n.wait_forever(core),
        })
        .map_err(|source| ReactorError::Notifier { name, source })
    }

    /// The PEP's `PyReactor_Run`: run until nothing is left.
    ///
    /// Each round: resume scheduled deferreds until `event_checking_threshold` have run
    /// or none is left; fire due timers; poll every notifier in descending priority (so
    /// I/O is polled every round, however busy the queue). If nothing is scheduled
    /// then: with no notifier waiting and no timer, return ([`RunEnd::Done`], or
    /// [`RunEnd::Deadlock`] if micro-threads are still suspended); on a virtual clock
    /// with a timer pending, jump to it; otherwise wait — `wait_forever` if only one
    /// notifier has waiters and no timer is pending, else `timed_wait` (bounded by
    /// `timed_wait_seconds` and the next timer) on each waiting notifier in turn until
    /// one succeeds — and poll the remaining notifiers.
    ///
    /// One departure, for speed: when nothing is scheduled and exactly one notifier has
    /// waiters, its poll is skipped, because the wait that follows collects the same
    /// events (ready events end a wait at once). The others are polled after the wait.
    pub fn run(&mut self) -> Result<RunEnd, ReactorError> {
        if self.running {
            return Err(ReactorError::Reentrant);
        }
        self.running = true;
        let end = self.run_loop();
        self.running = false;
        end
    }

    fn run_loop(&mut self) -> Result<RunEnd, ReactorError> {
        loop {
            self.sync()?;
            self.stats.rounds += 1;
            let threshold = registry::event_checking_threshold();
            for _ in 0..threshold {
                let Some((id, outcome)) = self.core.queue.pop_front() else {
                    break;
                };
                self.resume(id, outcome);
            }
            // After a burst (a million micro-threads started at once) the run queue
            // would keep room for all of them, 32 bytes each for a pyvm reactor, for
            // good: an empty queue that large gives its buffer back.
            if self.core.queue.is_empty() && self.core.queue.capacity() > QUEUE_KEPT {
                self.core.queue = std::collections::VecDeque::new();
            }
            self.fire_timers();

            // Poll every notifier in descending priority. When nothing is scheduled and
            // exactly one notifier has waiters, the reactor is about to wait in that
            // one: its poll and its wait would be two looks at the same events, so the
            // wait alone stands for both (one system call a round instead of two).
            let mut waiting: SmallVec<[usize; 8]> = SmallVec::new();
            let sole = if self.core.queue.is_empty() {
                let mut with_waiters = (0..self.notifiers.len())
                    .filter(|&at| self.notifiers[at].notifier.has_waiters());
                match (with_waiters.next(), with_waiters.next()) {
                    (Some(at), None) => Some(at),
                    _ => None,
                }
            } else {
                None
            };
            match sole {
                Some(at) => waiting.push(at),
                None => {
                    for at in 0..self.notifiers.len() {
                        if self.poll_one(at)? != notifiers::Status::NobodyWaiting {
                            waiting.push(at);
                        }
                    }
                }
            }
            self.run_round_hook();
            if !self.core.queue.is_empty() {
                continue;
            }

            let next_timer = self.core.timers.next_deadline();
            if waiting.is_empty() && next_timer.is_none() {
                return Ok(self.idle_end());
            }
            if let (Clock::Virtual { start, elapsed }, Some(deadline)) =
                (&mut self.core.clock, next_timer)
            {
                *elapsed = (*elapsed).max(deadline.saturating_duration_since(*start));
                self.stats.clock_jumps += 1;
                self.fire_timers();
                continue;
            }

            let until_timer = next_timer.map(|d| d.saturating_duration_since(Instant::now()));
            let waited = if waiting.len() == 1 && until_timer.is_none() {
                match self.wait_one(waiting[0], None)? {
                    notifiers::Status::NotCapable => {
                        self.sleep_somewhere(registry::timed_wait(), &[])?
                    }
                    _ => Some(waiting[0]),
                }
            } else {
                let limit = match until_timer {
                    Some(t) if waiting.is_empty() => t,
                    Some(t) => t.min(registry::timed_wait()),
                    None => registry::timed_wait(),
                };
                let mut waited = None;
                for &at in &waiting {
                    let status = self.wait_one(at, Some(limit))?;
                    // A wait that woke its last waiter reports nobody waiting: what
                    // counts is that something is scheduled now (no further sleep).
                    if status == notifiers::Status::Success || !self.core.queue.is_empty() {
                        waited = Some(at);
                        break;
                    }
                }
                match waited {
                    Some(at) => Some(at),
                    None => self.sleep_somewhere(limit, &waiting)?,
                }
            };
            for at in 0..self.notifiers.len() {
                if Some(at) != waited {
                    self.poll_one(at)?;
                }
            }
            self.fire_timers();
        }
    }

    /// Nobody waiting on a notifier could end the wait (only sleepers, say): sleep up to
    /// `limit` in the first notifier able to do timed waits, so that events of any
    /// notifier (a signal, a cross-thread wake-up) still cut the sleep short.
    fn sleep_somewhere(
        &mut self,
        limit: Duration,
        tried: &[usize],
    ) -> Result<Option<usize>, ReactorError> {
        for at in 0..self.notifiers.len() {
            if tried.contains(&at) {
                continue;
            }
            if self.wait_one(at, Some(limit))? != notifiers::Status::NotCapable {
                return Ok(Some(at));
            }
        }
        std::thread::sleep(limit);
        Ok(None)
    }

    /// Nothing can run and nobody waits: done, or deadlocked.
    fn idle_end(&self) -> RunEnd {
        let stuck: Vec<Stuck> = self
            .core
            .suspended()
            .map(|(id, t)| Stuck {
                id,
                name: t.name.clone(),
                waiting_on: self.waiting_on(t),
            })
            .collect();
        if stuck.is_empty() {
            RunEnd::Done
        } else {
            RunEnd::Deadlock(stuck)
        }
    }
}

impl<T, E, S> Context<T, E> for Reactor<T, E, S>
where
    T: From<Event> + 'static,
    E: NotifierError + 'static,
    S: 'static,
{
    fn deferred(&mut self) -> &mut Deferred<T, E, Self> {
        let at = self
            .core
            .current
            .filter(|id| self.core.task(*id).is_some())
            .map(|id| id.index());
        match at {
            Some(i) => &mut self.core.tasks[i].deferred,
            None => &mut self.core.idle,
        }
    }

    fn deferral_abandoned(&mut self) {
        let Some(id) = self.core.current else {
            return;
        };
        let Some(task) = self.core.task_mut(id) else {
            return;
        };
        task.parked = None;
        let wait = task.wait.take();
        if task.run == Run::RunningScheduled {
            task.run = Run::Running;
            self.core.queue.retain(|(q, _)| *q != id);
        }
        if let Some(w) = wait {
            if let Some(t) = w.timer {
                self.core.timers.cancel(t);
            }
            self.core.withdrawals.push((w.notifier, id, w.key));
            self.flush_withdrawals();
        }
    }
}

impl<T, E, S> std::fmt::Debug for Reactor<T, E, S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Reactor")
            .field("tasks", &self.core.tasks.len())
            .field("runnable", &self.core.queue.len())
            .field("timers", &self.core.timers.len())
            .field(
                "notifiers",
                &self.notifiers.iter().map(|s| s.name).collect::<Vec<_>>(),
            )
            .finish()
    }
}
