//! Deadlock detection: a program whose micro-threads all wait on each other forever
//! is told so (`DeadlockError`, naming who waits on what) instead of hanging.
//!
//! **On one OS thread** the reactor finds it: `Reactor::run` ends with
//! `RunEnd::Deadlock` when nothing is runnable, no timer is pending and no notifier
//! has waiters, yet micro-threads are still parked (on a pipe, a lock, another
//! micro-thread). [`report_local`] raises `DeadlockError` in each of them.
//!
//! **Across OS threads** no single reactor can tell: a micro-thread parked here may
//! be woken by another OS thread. Each reactor therefore publishes, whenever it
//! changes, whether *all* its micro-threads are parked with no timer pending
//! ([`publish`]), with what each waits on. A process-wide check ([`check`], run by
//! the watchdog's OS thread every few milliseconds) declares a deadlock when every
//! reactor of the process is in that state and nothing changed (no cross-thread
//! wake-up was sent, no reactor changed state) for [`STABLE`] — long enough for a
//! wake-up in flight to arrive. It then raises `DeadlockError` in one parked
//! micro-thread (the main one when it is stuck) through its reactor's waker, with the
//! whole picture in the message: who waits on what, which lock is held by whom.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use deferred::DeferredId;
use notifiers::Waker;

use super::PyReactor;
use crate::objects::exception::PyErr;
use crate::objects::value::Value;

/// How long every reactor must have been stuck, with nothing changing, before the
/// process-wide check declares a deadlock.
const STABLE: Duration = Duration::from_millis(200);

/// A parked micro-thread: its id, name and what it waits on.
pub(crate) type Parked = (DeferredId, String, String);

/// A reactor whose micro-threads all wait to be woken: its waker and its parked
/// micro-threads.
pub(crate) struct Stuck {
    pub(crate) waker: Option<Waker<Value, PyErr>>,
    pub(crate) parked: Vec<Parked>,
}

pub(crate) struct Table {
    /// OS thread ident -> its reactor's state: `None` while it can still go on.
    reactors: HashMap<u64, Option<Stuck>>,
    /// Since when nothing changed (every change resets it).
    since: Instant,
}

static TABLE: Mutex<Option<Table>> = Mutex::new(None);
/// Bumped by every cross-thread wake-up and every change of the table.
static GENERATION: AtomicU64 = AtomicU64::new(0);

fn with_table<R>(f: impl FnOnce(&mut Table) -> R) -> R {
    let mut g = TABLE.lock().unwrap_or_else(|p| p.into_inner());
    let t = g.get_or_insert_with(|| Table {
        reactors: HashMap::new(),
        since: Instant::now(),
    });
    f(t)
}

/// Around `fork`: the table's lock, held so the child does not find it taken by
/// the watchdog's thread (which the child does not have).
pub(crate) fn lock_for_fork() -> std::sync::MutexGuard<'static, Option<Table>> {
    TABLE.lock().unwrap_or_else(|p| p.into_inner())
}

/// In the child of a `fork`, under [`lock_for_fork`]'s guard: only this OS thread's
/// reactor is left.
pub(crate) fn after_fork(table: &mut Option<Table>, me: u64) {
    if let Some(t) = table.as_mut() {
        t.reactors.retain(|os, _| *os == me);
        t.since = Instant::now();
    }
}

/// A cross-thread wake-up was sent (it may make a stuck reactor go on).
pub(crate) fn woke_across() {
    GENERATION.fetch_add(1, Ordering::SeqCst);
}

/// This OS thread's reactor starts (`true`) or ends.
pub(crate) fn reactor_running(os: u64, running: bool) {
    with_table(|t| {
        if running {
            t.reactors.insert(os, None);
        } else {
            t.reactors.remove(&os);
        }
        t.since = Instant::now();
    });
    GENERATION.fetch_add(1, Ordering::SeqCst);
}

/// Publish whether every micro-thread of this OS thread's reactor waits to be woken
/// (and on what), when that changed: `stuck` is `Some` when all are parked and no
/// timer is pending.
pub(crate) fn publish(os: u64, stuck: Option<Stuck>) {
    with_table(|t| {
        let entry = t.reactors.entry(os).or_insert(None);
        *entry = stuck;
        t.since = Instant::now();
    });
    GENERATION.fetch_add(1, Ordering::SeqCst);
}

/// The process-wide check (see the module doc); called every few milliseconds.
pub(crate) fn check() {
    static SEEN: AtomicU64 = AtomicU64::new(u64::MAX);
    let generation = GENERATION.load(Ordering::SeqCst);
    if SEEN.swap(generation, Ordering::SeqCst) != generation {
        // Something changed since the last look: start the wait again.
        with_table(|t| t.since = Instant::now());
        return;
    }
    let verdict = with_table(|t| {
        // Only when every reactor is stuck, long enough. (A reactor publishes only
        // while other OS threads run; alone, it finds its own deadlocks — except
        // when its micro-threads parked while others ran, then those ended.)
        // An OS thread that has been started but whose reactor is not running yet
        // (or no longer) may still wake someone: not before it is in the table.
        if t.reactors.is_empty()
            || t.reactors.len() < super::os_thread::count()
            || t.since.elapsed() < STABLE
            || t.reactors.values().any(Option::is_none)
        {
            return None;
        }
        // A wake-up sent to a reactor that has not taken it yet (its OS thread did
        // not get the CPU, on a loaded machine): not stuck after all.
        let in_flight = t
            .reactors
            .values()
            .flatten()
            .any(|s| s.waker.as_ref().is_some_and(|w| w.has_pending()));
        if in_flight {
            t.since = Instant::now();
            return None;
        }
        let all: Vec<(u64, Stuck)> = t
            .reactors
            .iter_mut()
            .filter_map(|(os, s)| s.take().map(|s| (*os, s)))
            .collect();
        t.since = Instant::now();
        Some(all)
    });
    let Some(mut all) = verdict else {
        return;
    };
    GENERATION.fetch_add(1, Ordering::SeqCst);
    all.sort_by_key(|(os, _)| *os);
    let picture: Vec<String> = all
        .iter()
        .flat_map(|(os, s)| {
            s.parked
                .iter()
                .map(move |(_, name, what)| format!("'{name}' (OS thread {os}) {what}"))
        })
        .collect();
    let picture = picture.join("; ");
    // One victim breaks the cycle: its exception unwinds (its `finally` and `with`
    // blocks release what it holds) and the others may go on; if they are still stuck,
    // the next check picks another. (Raising in all of them at once could reach one
    // that was meanwhile woken by the victim's unwinding, in some other wait.) The
    // first OS thread's first parked micro-thread: the main one, when it is stuck.
    let Some((os, s)) = all.first() else {
        return;
    };
    if let (Some((id, name, what)), Some(w)) = (s.parked.first(), &s.waker) {
        let msg = format!(
            "micro_thread '{name}' (OS thread {os}) can never be resumed: it is {what}, and every micro_thread of every OS thread is waiting too: {picture}"
        );
        w.schedule(*id, Err(super::record::deadlock_error(&msg)));
    }
}

/// One reactor's own deadlock (`RunEnd::Deadlock`): raise `DeadlockError` in each
/// micro-thread still parked, naming what it waits on.
pub(crate) fn report_local(r: &mut PyReactor, stuck: Vec<reactor::Stuck>) {
    for s in stuck {
        let msg = format!(
            "micro_thread '{}' can never be resumed: it waits on {} and no other micro_thread can end that",
            super::task_name(r, s.id),
            s.waiting_on
        );
        r.throw(s.id, super::record::deadlock_error(&msg));
    }
}
