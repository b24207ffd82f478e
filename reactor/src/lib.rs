//! The micro-threading proposal's reactor, in Rust: one [`Reactor`] per OS thread runs
//! the micro-threads (tasks, each with one reusable [`Deferred`](deferred::Deferred)),
//! polls its prioritized notifiers, keeps timers, and returns when nothing is left.
//!
//! The PEP's API: [`Reactor::schedule`], [`Reactor::schedule_exception`],
//! [`Reactor::run`], [`Reactor::set_timer`], [`Reactor::clear_timer`], and, for every
//! reactor, [`add_notifier`], [`remove_notifier`], [`set_event_checking_threshold`],
//! [`set_timed_wait_seconds`]. Beyond it: the shared wake-up between notifiers (see the
//! `notifiers` crate), I/O polled every round, timers that hold millions of entries
//! with O(1) cancel, and a virtual clock ([`Reactor::use_virtual_clock`]) for tests.
//! See `ARCHITECTURE.md`, "reactor".
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod core;
#[allow(clippy::module_inception)]
mod reactor;
mod registry;
mod timers;

pub use crate::reactor::{
    Reactor, ReactorError, RoundHook, RunEnd, Stats, Stuck, TaskInfo, TaskState,
};
pub use registry::{
    event_checking_threshold, set_event_checking_threshold, set_timed_wait_seconds, timed_wait,
    NotifierClass, RegistryError, DEFAULT_THRESHOLD, DEFAULT_TIMED_WAIT,
};

use deferred::DeferredId;
use notifiers::{Cx, Event, Notifier, NotifierError, Priority, Status, WaitKey};
use std::any::Any;
use std::io;
use std::os::fd::RawFd;
use std::time::Duration;

/// The PEP's `PyReactor_AddNotifier`: add a notifier class to the list every reactor of
/// type `Reactor<T, E, S>` follows, in priority order. Each reactor makes its own
/// instance at the start of its next round. Fails if the name is taken.
pub fn add_notifier<T, E, S: 'static>(class: NotifierClass<T, E>) -> Result<(), RegistryError>
where
    T: From<Event> + 'static,
    E: NotifierError + 'static,
{
    registry::add::<Reactor<T, E, S>, T, E>(class)
}

/// The PEP's `PyReactor_RemoveNotifier`: remove the class named `name` from the list of
/// reactors of type `Reactor<T, E, S>`. Micro-threads waiting on a removed notifier
/// are resumed with an I/O error. Fails if no class has that name.
pub fn remove_notifier<T, E, S: 'static>(name: &str) -> Result<(), RegistryError>
where
    T: From<Event> + 'static,
    E: NotifierError + 'static,
{
    registry::remove::<Reactor<T, E, S>, T, E>(name)
}

/// The names in the global notifier list of reactors of type `Reactor<T, E, S>`, in
/// priority order.
pub fn notifier_list<T, E, S: 'static>() -> Vec<&'static str>
where
    T: From<Event> + 'static,
    E: NotifierError + 'static,
{
    registry::with_list::<Reactor<T, E, S>, T, E, _>(|l| {
        l.classes.iter().map(|c| c.name()).collect()
    })
}

/// A [`Notifier`] with its `Reason` erased, as a reactor stores it. Implemented for
/// every notifier; reach the concrete type with [`Reactor::notifier`].
pub trait DynNotifier<T, E>: 'static {
    /// See [`Notifier::name`].
    fn name(&self) -> &'static str;
    /// See [`Notifier::priority`].
    fn priority(&self) -> Priority;
    /// See [`Notifier::poll`].
    fn poll(&mut self, cx: &mut dyn Cx<T, E>) -> io::Result<Status>;
    /// See [`Notifier::timed_wait`].
    fn timed_wait(&mut self, cx: &mut dyn Cx<T, E>, timeout: Duration) -> io::Result<Status>;
    /// See [`Notifier::wait_forever`].
    fn wait_forever(&mut self, cx: &mut dyn Cx<T, E>) -> io::Result<Status>;
    /// See [`Notifier::timeout`].
    fn timeout(&mut self, cx: &mut dyn Cx<T, E>, id: DeferredId, key: WaitKey);
    /// See [`Notifier::deregister`].
    fn deregister(
        &mut self,
        cx: &mut dyn Cx<T, E>,
        id: DeferredId,
        key: WaitKey,
        outcome: Option<Result<T, E>>,
    ) -> bool;
    /// See [`Notifier::has_waiters`].
    fn has_waiters(&self) -> bool;
    /// See [`Notifier::event_fd`].
    fn event_fd(&self) -> Option<RawFd>;
    /// See [`Notifier::watch`].
    fn watch(&mut self, fds: &[RawFd]) -> io::Result<()>;
    /// For downcasting to the concrete notifier.
    fn as_any(&self) -> &dyn Any;
    /// For downcasting to the concrete notifier.
    fn as_any_mut(&mut self) -> &mut dyn Any;
}

impl<T, E: NotifierError, N: Notifier<T, E>> DynNotifier<T, E> for N {
    fn name(&self) -> &'static str {
        Notifier::name(self)
    }
    fn priority(&self) -> Priority {
        Notifier::priority(self)
    }
    fn poll(&mut self, cx: &mut dyn Cx<T, E>) -> io::Result<Status> {
        Notifier::poll(self, cx)
    }
    fn timed_wait(&mut self, cx: &mut dyn Cx<T, E>, timeout: Duration) -> io::Result<Status> {
        Notifier::timed_wait(self, cx, timeout)
    }
    fn wait_forever(&mut self, cx: &mut dyn Cx<T, E>) -> io::Result<Status> {
        Notifier::wait_forever(self, cx)
    }
    fn timeout(&mut self, cx: &mut dyn Cx<T, E>, id: DeferredId, key: WaitKey) {
        Notifier::timeout(self, cx, id, key)
    }
    fn deregister(
        &mut self,
        cx: &mut dyn Cx<T, E>,
        id: DeferredId,
        key: WaitKey,
        outcome: Option<Result<T, E>>,
    ) -> bool {
        Notifier::deregister(self, cx, id, key, outcome)
    }
    fn has_waiters(&self) -> bool {
        Notifier::has_waiters(self)
    }
    fn event_fd(&self) -> Option<RawFd> {
        Notifier::event_fd(self)
    }
    fn watch(&mut self, fds: &[RawFd]) -> io::Result<()> {
        Notifier::watch(self, fds)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}
