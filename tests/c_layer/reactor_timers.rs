//! Timers fire in deadline order; `clear_timer` cancels; a registration's time limit is
//! delivered through the notifier's `timeout` as the timeout error.

use crate::support::*;
use deferred::{Callback, Unwind};
use notifiers::{Error, Event, IoNotifier, SleepNotifier};
use reactor::{NotifierClass, RunEnd};
use std::cell::RefCell;
use std::rc::Rc;
use std::time::{Duration, Instant};

#[test]
fn call_later_timers_fire_in_deadline_order() {
    let mut r: R = R::with_notifiers(vec![NotifierClass::sleep()]).unwrap();
    let log = Rc::new(RefCell::new(Vec::new()));
    for (ms, label) in [(30, "c"), (10, "a"), (20, "b"), (10, "a2"), (0, "zero")] {
        let log = log.clone();
        r.call_later(Duration::from_millis(ms), move |_| {
            log.borrow_mut().push(label)
        });
    }
    let start = Instant::now();
    assert_eq!(r.run().unwrap(), RunEnd::Done);
    assert_eq!(*log.borrow(), ["zero", "a", "a2", "b", "c"]);
    assert!(start.elapsed() >= Duration::from_millis(30));
}

#[test]
fn cleared_timers_never_fire() {
    let mut r: R = R::with_notifiers(vec![NotifierClass::sleep()]).unwrap();
    r.use_virtual_clock();
    let log = Rc::new(RefCell::new(Vec::new()));
    let mut ids = Vec::new();
    for i in 0..10 {
        let log = log.clone();
        ids.push(r.call_later(Duration::from_secs(i), move |_| log.borrow_mut().push(i)));
    }
    for id in ids.iter().skip(1).step_by(2) {
        assert!(r.clear_timer(*id));
        assert!(
            !r.clear_timer(*id),
            "a cleared timer cannot be cleared twice"
        );
    }
    r.run().unwrap();
    assert_eq!(*log.borrow(), [0, 2, 4, 6, 8]);
    assert!(!r.clear_timer(ids[0]), "a fired timer is stale");
}

#[test]
fn sleeping_micro_threads_wake_in_deadline_order() {
    let mut r: R<u64> = R::with_notifiers(vec![NotifierClass::sleep()]).unwrap();
    r.use_virtual_clock();
    let order = Rc::new(RefCell::new(Vec::new()));
    for secs in [5u64, 1, 4, 2, 3] {
        let order = order.clone();
        let start: Callback<Val, Error, R<u64>> = Callback::boxed(move |r: &mut R<u64>, _| {
            let secs = *r.current_state().unwrap();
            match r.defer::<SleepNotifier<_, _>>(Duration::from_secs(secs), None) {
                Unwind::Deferred => {}
                raise => return Err(raise),
            }
            let order = order.clone();
            r.add_callback(
                "sleep",
                None,
                Callback::boxed(move |r: &mut R<u64>, input: Out| {
                    assert_eq!(input?, Val::Event(Event::Elapsed));
                    order.borrow_mut().push(r.elapsed().as_secs());
                    Ok(Val::Unit)
                }),
            )?;
            Err(Unwind::Deferred)
        });
        r.spawn("sleep", secs, Val::Unit, start);
    }
    assert_eq!(r.run().unwrap(), RunEnd::Done);
    assert_eq!(*order.borrow(), [1, 2, 3, 4, 5]);
}

#[test]
fn a_time_limit_is_delivered_through_timeout() {
    // Wait to read a socket nobody writes to, with a 250 ms limit, on the real clock.
    let mut r: R<Option<Out>> = R::with_notifiers(vec![NotifierClass::io()]).unwrap();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let client = std::net::TcpStream::connect(listener.local_addr().unwrap()).unwrap();
    let (server, _) = listener.accept().unwrap();
    server.set_nonblocking(true).unwrap();
    let mut server = mio::net::TcpStream::from_std(server);
    let token = r.io().unwrap().add(&mut server).unwrap();
    let start = Instant::now();
    let id = r.spawn_fn("reader", None, Val::Int(0), |r, _| {
        let token = notifiers::io::IoToken(0);
        let limit = Some(Duration::from_millis(250));
        r.defer_with::<IoNotifier<_, _>>(
            notifiers::io::IoWait::readable(token),
            limit,
            "reader",
            |r, out| {
                *r.current_state().unwrap() = Some(out.clone());
                out.map_err(Unwind::Raise)
            },
        )
    });
    assert_eq!(token.0, 0);
    assert_eq!(r.run().unwrap(), RunEnd::Done);
    let waited = start.elapsed();
    assert!(waited >= Duration::from_millis(250), "{waited:?}");
    assert!(waited < Duration::from_secs(5), "{waited:?}");
    assert!(matches!(r.take_result(id), Some(Err(Error::Timeout))));
    assert!(!r.io().unwrap().readiness(token).is_readable());
    drop(client);
}
