//! Rules 2 and 6 at the reactor: an abandoned deferral is withdrawn from its notifier;
//! `throw` raises in a suspended micro-thread and deregisters it.

use crate::support::*;
use deferred::{Callback, Unwind};
use notifiers::{Error, SleepNotifier, WakeNotifier};
use reactor::RunEnd;
use std::time::Duration;

#[test]
fn throw_deregisters_a_sleeping_micro_thread_and_raises_in_it() {
    let mut r: R = R::new().unwrap();
    r.use_virtual_clock();
    let id = r.spawn_fn("sleeper", (), Val::Unit, |r, _| {
        r.defer_with::<SleepNotifier<_, _>>(Duration::from_secs(3600), None, "sleeper", |_, v| {
            v.map_err(Unwind::Raise)
        })
    });
    r.call_later(Duration::from_secs(5), move |r: &mut R| {
        assert!(r.throw(id, Error::Other("killed".into())));
    });
    assert_eq!(r.run().unwrap(), RunEnd::Done);
    assert_eq!(
        r.elapsed(),
        Duration::from_secs(5),
        "its one-hour timer was cleared"
    );
    assert_eq!(
        r.take_result(id).unwrap().unwrap_err().to_string(),
        "killed"
    );
    assert_eq!(
        r.notifier::<SleepNotifier<Val, Error>>()
            .unwrap()
            .sleeping(),
        0
    );
}

#[test]
fn an_unaware_caller_withdraws_the_registration_and_raises() {
    // `helper` defers on the wake notifier and registers; its caller `outer` is not
    // deferral-aware and registers naming `middle`, which never registered.
    let mut r: R = R::new().unwrap();
    let id = r.spawn_fn("outer", (), Val::Unit, |r, _| {
        match r.defer::<WakeNotifier<_, _>>((), Some(Duration::from_secs(1))) {
            Unwind::Deferred => {}
            raise => return Err(raise),
        }
        r.add_callback("helper", None, Callback::Pass)?;
        match r.add_callback("outer", Some("middle"), Callback::Pass) {
            Ok(()) => Err(Unwind::Deferred),
            Err(e) => Err(Unwind::Raise(e)),
        }
    });
    assert_eq!(r.run().unwrap(), RunEnd::Done);
    let err = r.take_result(id).unwrap().unwrap_err();
    assert_eq!(
        err.to_string(),
        "Deferred execution not yet implemented by middle"
    );
    assert!(!notifiers::Notifier::<Val, Error>::has_waiters(
        r.notifier::<WakeNotifier<Val, Error>>().unwrap()
    ));
    assert_eq!(r.pending_timers(), 0, "the time limit was cleared too");
}

#[test]
fn begin_then_raise_withdraws_the_registration() {
    let mut r: R = R::new().unwrap();
    let id = r.spawn_fn("f", (), Val::Unit, |r, _| {
        match r.defer::<WakeNotifier<_, _>>((), None) {
            Unwind::Deferred => {}
            raise => return Err(raise),
        }
        Err(Unwind::Raise(Error::Other("changed my mind".into())))
    });
    assert_eq!(r.run().unwrap(), RunEnd::Done, "nothing is left registered");
    let err = r.take_result(id).unwrap().unwrap_err();
    assert_eq!(err.to_string(), "changed my mind");
}

#[test]
fn scheduling_twice_is_refused_and_outcomes_are_delivered_once() {
    let mut r: R = R::new().unwrap();
    let id = r.spawn_fn("p", (), Val::Unit, |r, _| match r.park("test") {
        Unwind::Deferred => {
            r.add_callback("p", None, Callback::Pass)?;
            Err(Unwind::Deferred)
        }
        raise => Err(raise),
    });
    assert!(!r.schedule(id, Val::Int(0)), "already scheduled to start");
    let RunEnd::Deadlock(_) = r.run().unwrap() else {
        panic!("parked")
    };
    assert!(r.schedule(id, Val::Int(1)));
    assert!(!r.schedule(id, Val::Int(2)));
    assert_eq!(r.run().unwrap(), RunEnd::Done);
    assert_eq!(r.take_result(id).unwrap().unwrap(), Val::Int(1));
    assert!(
        !r.schedule(id, Val::Int(3)),
        "a finished micro-thread's id is stale"
    );
}
