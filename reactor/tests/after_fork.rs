//! `Reactor::after_fork`: what a forked child's reactor keeps (only the task that
//! forked) and what it makes anew (every notifier, so no kernel object is shared
//! with the parent's copy).

use std::cell::RefCell;
use std::time::Duration;

use deferred::Step;
use notifiers::{Error, Event, SleepNotifier};
use reactor::{Reactor, RunEnd};

#[derive(Debug)]
struct Tick;
impl From<Event> for Tick {
    fn from(_: Event) -> Self {
        Tick
    }
}

type R = Reactor<Tick, Error, u32>;

/// What the forking task saw right after `after_fork`: the removed tasks' states,
/// the task count and the notifiers.
type Seen = (Vec<u32>, usize, Vec<&'static str>);

thread_local! {
    static SEEN: RefCell<Option<Seen>> = const { RefCell::new(None) };
}

/// The "forking" task: it calls `after_fork` from its own callback, as pyvm's driver
/// does in the child, then sleeps twice and ends.
fn forker(r: &mut R, _: Result<Tick, Error>) -> Step<Tick, Error> {
    if SEEN.with(|s| s.borrow().is_none()) {
        let keep = r.current();
        let gone = r.after_fork(keep).unwrap();
        let seen = (gone, r.tasks(), r.notifier_names());
        SEEN.with(|s| *s.borrow_mut() = Some(seen));
    }
    sleeper(r, Ok(Tick))
}

fn sleeper(r: &mut R, _: Result<Tick, Error>) -> Step<Tick, Error> {
    let left = r.current_state().unwrap();
    if *left == 0 {
        return Ok(Tick);
    }
    *left -= 1;
    r.defer_with::<SleepNotifier<_, _>>(Duration::from_millis(5), None, "t", sleeper)
}

#[test]
fn only_the_forking_task_goes_on_with_new_notifiers() {
    let mut r = R::new().unwrap();
    let others: Vec<_> = (0..3)
        .map(|_| r.spawn_fn("t", 1000, Tick, sleeper))
        .collect();
    let fd_before = r.signals().map(|_| ()).is_some();
    let me = r.spawn_fn("t", 2, Tick, forker);
    assert!(fd_before);
    // The sleepers run first (spawned first), so they wait in the old notifiers.
    assert_eq!(r.run().unwrap(), RunEnd::Done);
    let (gone, tasks, names) = SEEN.with(|s| s.borrow_mut().take()).unwrap();
    // Each sleeper had run once (its count down by one) and waits in the old sleep
    // notifier: removed unrun.
    assert_eq!(gone, vec![999, 999, 999]);
    assert_eq!(tasks, 1);
    assert_eq!(names, r.notifier_names());
    assert!(r.take_result(me).unwrap().is_ok());
    for id in others {
        assert!(r.take_result(id).is_none());
    }
}
