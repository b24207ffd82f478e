//! A virtual clock jumps to the next timer as soon as nothing is runnable: an hour of
//! timers runs instantly, and exactly.

use crate::support::*;
use deferred::Unwind;
use notifiers::SleepNotifier;
use reactor::RunEnd;
use std::cell::RefCell;
use std::rc::Rc;
use std::time::{Duration, Instant};

/// Sleep one virtual second, `state` times.
fn tick(r: &mut R<u32>, input: Out) -> RStep {
    input?;
    let left = r.current_state().unwrap();
    if *left == 0 {
        return Ok(Val::Int(r.elapsed().as_secs() as i64));
    }
    *left -= 1;
    r.defer_with::<SleepNotifier<_, _>>(Duration::from_secs(1), None, "tick", tick)
}

#[test]
fn an_hour_of_timers_runs_instantly_and_exactly() {
    let mut r: R<u32> = R::new().unwrap();
    r.use_virtual_clock();
    let hourly = r.spawn_fn("tick", 3600, Val::Unit, tick);
    // Plus a thousand micro-threads sleeping 1..=1000 seconds once each.
    let ids: Vec<_> = (1..=1000u32)
        .map(|s| {
            r.spawn_fn("nap", s, Val::Unit, |r, input| {
                input?;
                let secs = *r.current_state().unwrap();
                r.defer_with::<SleepNotifier<_, _>>(
                    Duration::from_secs(secs.into()),
                    None,
                    "nap",
                    |r, v| {
                        v?;
                        Ok(Val::Int(r.elapsed().as_secs() as i64))
                    },
                )
            })
        })
        .collect();
    let start = Instant::now();
    assert_eq!(r.run().unwrap(), RunEnd::Done);
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(r.elapsed(), Duration::from_secs(3600));
    assert_eq!(r.take_result(hourly).unwrap().unwrap(), Val::Int(3600));
    for (i, id) in ids.into_iter().enumerate() {
        assert_eq!(r.take_result(id).unwrap().unwrap(), Val::Int(i as i64 + 1));
    }
}

#[test]
fn call_later_timers_on_a_virtual_clock_see_their_own_deadline() {
    let mut r: R = R::new().unwrap();
    r.use_virtual_clock();
    let seen = Rc::new(RefCell::new(Vec::new()));
    for minutes in [59u64, 1, 30] {
        let seen = seen.clone();
        r.call_later(Duration::from_secs(minutes * 60), move |r: &mut R| {
            seen.borrow_mut().push(r.elapsed().as_secs() / 60)
        });
    }
    assert_eq!(r.run().unwrap(), RunEnd::Done);
    assert_eq!(*seen.borrow(), [1, 30, 59]);
    assert!(r.stats().clock_jumps >= 3);
}

#[test]
fn a_time_limit_on_a_virtual_clock_expires_exactly() {
    let mut r: R = R::new().unwrap();
    r.use_virtual_clock();
    let id = r.spawn_fn("waiter", (), Val::Unit, |r, _| {
        // Wait for a cross-thread wake-up that never comes, for at most 90 s.
        r.defer_with::<notifiers::WakeNotifier<_, _>>(
            (),
            Some(Duration::from_secs(90)),
            "waiter",
            |r, v| {
                assert!(matches!(v, Err(notifiers::Error::Timeout)));
                Ok(Val::Int(r.elapsed().as_secs() as i64))
            },
        )
    });
    assert_eq!(r.run().unwrap(), RunEnd::Done);
    assert_eq!(r.take_result(id).unwrap().unwrap(), Val::Int(90));
    let _ = Unwind::<()>::Deferred;
}
