//! A burst of micro-threads started at once fills the run queue; once they have all
//! run and wait, the empty queue gives its room back instead of keeping a slot for
//! each of them for good.

use crate::support::*;
use deferred::Unwind;
use notifiers::SleepNotifier;
use reactor::RunEnd;
use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

#[test]
fn an_empty_run_queue_gives_back_the_room_of_a_burst() {
    const N: usize = 50_000;
    let mut r: R = R::new().unwrap();
    r.use_virtual_clock();
    for _ in 0..N {
        r.spawn_fn("sleeper", (), Val::Unit, |r, _| {
            r.defer_with::<SleepNotifier<_, _>>(Duration::from_secs(10), None, "sleeper", |_, v| {
                v.map_err(Unwind::Raise)
            })
        });
    }
    assert_eq!(r.runnable(), N);
    assert!(r.run_queue_capacity() >= N);
    let seen = Rc::new(Cell::new(usize::MAX));
    let s = seen.clone();
    // All of them asleep: the queue is empty, and small again.
    r.call_later(Duration::from_secs(5), move |r: &mut R| {
        assert_eq!(r.runnable(), 0);
        s.set(r.run_queue_capacity());
    });
    assert_eq!(r.run().unwrap(), RunEnd::Done);
    assert!(
        seen.get() <= 4096,
        "the run queue kept room for {}",
        seen.get()
    );
}
