//! The global notifier list and the PEP's global parameters.
//!
//! "All instances share the same NotifierList, TimedWaitSeconds and
//! EventCheckingThreshold parameters." The list holds notifier *classes* (factories),
//! in descending priority; each reactor instantiates its own notifiers from it and
//! re-syncs when it changes (checked once a round through a global epoch counter, so an
//! unchanged list costs one atomic load). Lists are kept per reactor type
//! (`Reactor<T, E, S>`): Rust has no generic statics, and reactors of different types
//! cannot share notifiers anyway.

use crate::DynNotifier;
use notifiers::{
    Event, FdNotifier, IoNotifier, Notifier, NotifierError, Priority, SignalNotifier,
    SleepNotifier, WakeNotifier,
};
use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::io;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::time::Duration;

type Factory<T, E> = Arc<dyn Fn() -> io::Result<Box<dyn DynNotifier<T, E>>> + Send + Sync>;

/// A notifier class: a name, a priority, and how to make one instance per reactor.
///
/// ```
/// use notifiers::{Error, Event, IoNotifier, Priority};
/// use reactor::{NotifierClass, Reactor};
///
/// // The I/O notifier, but polled before the signal notifier (40).
/// let io = NotifierClass::new("io", Priority(50), IoNotifier::new);
/// let r = Reactor::<Event, Error>::with_notifiers(vec![NotifierClass::signal(), io]).unwrap();
/// assert_eq!(r.notifier_names(), ["io", "signal"]);
/// ```
pub struct NotifierClass<T, E> {
    name: &'static str,
    priority: Priority,
    make: Factory<T, E>,
}

impl<T, E> Clone for NotifierClass<T, E> {
    fn clone(&self) -> Self {
        NotifierClass {
            name: self.name,
            priority: self.priority,
            make: self.make.clone(),
        }
    }
}

impl<T, E> std::fmt::Debug for NotifierClass<T, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NotifierClass")
            .field("name", &self.name)
            .field("priority", &self.priority)
            .finish()
    }
}

impl<T: 'static, E: NotifierError + 'static> NotifierClass<T, E> {
    /// A class named `name` (unique in a list) whose instances `make` builds.
    pub fn new<N: Notifier<T, E>>(
        name: &'static str,
        priority: Priority,
        make: impl Fn() -> io::Result<N> + Send + Sync + 'static,
    ) -> Self {
        NotifierClass {
            name,
            priority,
            make: Arc::new(move || Ok(Box::new(make()?) as Box<dyn DynNotifier<T, E>>)),
        }
    }

    /// The class's name.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The class's priority.
    pub fn priority(&self) -> Priority {
        self.priority
    }

    pub(crate) fn instantiate(&self) -> io::Result<Box<dyn DynNotifier<T, E>>> {
        (self.make)()
    }
}

impl<T: From<Event> + 'static, E: NotifierError + 'static> NotifierClass<T, E> {
    /// The I/O notifier on `mio` ("io").
    pub fn io() -> Self {
        Self::new("io", IoNotifier::<T, E>::PRIORITY, IoNotifier::<T, E>::new)
    }
    /// The fd notifier on epoll ("fd").
    pub fn fd() -> Self {
        Self::new("fd", FdNotifier::<T, E>::PRIORITY, FdNotifier::<T, E>::new)
    }
    /// The signal notifier ("signal").
    pub fn signal() -> Self {
        let p = SignalNotifier::<T, E>::PRIORITY;
        Self::new("signal", p, SignalNotifier::<T, E>::new)
    }
    /// The cross-thread wake notifier ("wake").
    pub fn wake() -> Self {
        Self::new(
            "wake",
            WakeNotifier::<T, E>::PRIORITY,
            WakeNotifier::<T, E>::new,
        )
    }
    /// The timer-driven sleep notifier ("sleep").
    pub fn sleep() -> Self {
        let p = SleepNotifier::<T, E>::PRIORITY;
        Self::new("sleep", p, || Ok(SleepNotifier::<T, E>::new()))
    }
    /// The shipped notifiers: signal, wake, io, fd, sleep.
    pub fn defaults() -> Vec<Self> {
        vec![
            Self::signal(),
            Self::wake(),
            Self::io(),
            Self::fd(),
            Self::sleep(),
        ]
    }
}

/// Errors of the global notifier list.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RegistryError {
    /// `add_notifier` with a name already in the list.
    #[error("a notifier named {0:?} is already in the list")]
    Duplicate(&'static str),
    /// `remove_notifier` with a name not in the list.
    #[error("no notifier named {0:?} is in the list")]
    NotFound(String),
    /// A parameter out of range.
    #[error("{0}")]
    BadParameter(&'static str),
}

/// One reactor type's list.
pub(crate) struct List<T, E> {
    pub(crate) generation: u64,
    pub(crate) classes: Vec<NotifierClass<T, E>>,
}

/// Bumped on every change of any list, so reactors notice with one atomic load.
pub(crate) static EPOCH: AtomicU64 = AtomicU64::new(1);

type Lists = HashMap<TypeId, Box<dyn Any + Send>>;

fn lists() -> &'static Mutex<Lists> {
    static LISTS: OnceLock<Mutex<Lists>> = OnceLock::new();
    LISTS.get_or_init(|| Mutex::new(HashMap::new()))
}

/// Run `f` on the list of reactor type `K`, creating it with the defaults.
pub(crate) fn with_list<K: 'static, T, E, R>(f: impl FnOnce(&mut List<T, E>) -> R) -> R
where
    T: From<Event> + 'static,
    E: NotifierError + 'static,
{
    let mut lists = lists().lock().unwrap_or_else(PoisonError::into_inner);
    let entry = lists.entry(TypeId::of::<K>()).or_insert_with(|| {
        Box::new(List::<T, E> {
            generation: 0,
            classes: NotifierClass::defaults(),
        })
    });
    match entry.downcast_mut::<List<T, E>>() {
        Some(list) => f(list),
        // The key is the reactor type, which fixes `T` and `E`: the downcast holds.
        None => unreachable!("notifier list of the wrong type"),
    }
}

pub(crate) fn add<K: 'static, T, E>(class: NotifierClass<T, E>) -> Result<(), RegistryError>
where
    T: From<Event> + 'static,
    E: NotifierError + 'static,
{
    with_list::<K, T, E, _>(|list| {
        if list.classes.iter().any(|c| c.name == class.name) {
            return Err(RegistryError::Duplicate(class.name));
        }
        // Descending priority; equal priorities keep the order they were added in.
        let at = list
            .classes
            .iter()
            .position(|c| c.priority < class.priority)
            .unwrap_or(list.classes.len());
        list.classes.insert(at, class);
        list.generation += 1;
        EPOCH.fetch_add(1, Ordering::AcqRel);
        Ok(())
    })
}

pub(crate) fn remove<K: 'static, T, E>(name: &str) -> Result<(), RegistryError>
where
    T: From<Event> + 'static,
    E: NotifierError + 'static,
{
    with_list::<K, T, E, _>(|list| {
        let at = list
            .classes
            .iter()
            .position(|c| c.name == name)
            .ok_or_else(|| RegistryError::NotFound(name.to_owned()))?;
        list.classes.remove(at);
        list.generation += 1;
        EPOCH.fetch_add(1, Ordering::AcqRel);
        Ok(())
    })
}

static THRESHOLD: AtomicUsize = AtomicUsize::new(DEFAULT_THRESHOLD);
static TIMED_WAIT_NANOS: AtomicU64 = AtomicU64::new(DEFAULT_TIMED_WAIT.as_nanos() as u64);

/// How many scheduled deferreds a reactor resumes before it polls its notifiers.
pub const DEFAULT_THRESHOLD: usize = 64;
/// How long a reactor's `timed_wait` lasts when several notifiers have waiters.
pub const DEFAULT_TIMED_WAIT: Duration = Duration::from_millis(500);

/// The PEP's `PyReactor_SetEventCheckingThreshold`, for every reactor: resume at most
/// `n` scheduled deferreds between two polls of the notifiers. Fails for 0.
pub fn set_event_checking_threshold(n: usize) -> Result<(), RegistryError> {
    if n == 0 {
        return Err(RegistryError::BadParameter(
            "the event checking threshold must be at least 1",
        ));
    }
    THRESHOLD.store(n, Ordering::Relaxed);
    Ok(())
}

/// The current event-checking threshold.
pub fn event_checking_threshold() -> usize {
    THRESHOLD.load(Ordering::Relaxed)
}

/// The PEP's `PyReactor_SetTimedWaitSeconds`, for every reactor. Fails for a negative,
/// zero, infinite or NaN number of seconds.
pub fn set_timed_wait_seconds(seconds: f64) -> Result<(), RegistryError> {
    if !(seconds.is_finite() && seconds > 0.0) {
        return Err(RegistryError::BadParameter(
            "timed wait seconds must be a positive, finite number",
        ));
    }
    let nanos = (seconds * 1e9).min(u64::MAX as f64) as u64;
    TIMED_WAIT_NANOS.store(nanos.max(1), Ordering::Relaxed);
    Ok(())
}

/// The current timed-wait duration.
pub fn timed_wait() -> Duration {
    Duration::from_nanos(TIMED_WAIT_NANOS.load(Ordering::Relaxed))
}
