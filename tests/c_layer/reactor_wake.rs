//! Another OS thread schedules a deferred here through the wake notifier; its events
//! cut short a wait in another notifier (the shared wake-up).

use crate::support::*;
use deferred::{Callback, Unwind};
use notifiers::io::IoWait;
use notifiers::{IoNotifier, WakeNotifier};
use reactor::{NotifierClass, RunEnd};
use std::cell::Cell;
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

#[test]
fn a_wake_from_another_thread_resumes_the_waiting_micro_thread() {
    let mut r: R = R::new().unwrap();
    let id = r.spawn_fn("waiter", (), Val::Unit, |r, _| {
        r.defer_with::<WakeNotifier<_, _>>((), None, "waiter", |_, v| v.map_err(Unwind::Raise))
    });
    let waker = r.waker().unwrap();
    let other = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(20));
        waker.schedule(id, Ok(Val::Int(7)));
    });
    assert_eq!(r.run().unwrap(), RunEnd::Done);
    other.join().unwrap();
    assert_eq!(r.take_result(id).unwrap().unwrap(), Val::Int(7));
}

#[test]
fn many_threads_wake_many_micro_threads_each_exactly_once() {
    // Each waiter counts itself once registered; the threads wait for all 200, since
    // a wake for a micro-thread that has not started waiting is refused.
    let registered = Arc::new(AtomicUsize::new(0));
    let mut r: R<Arc<AtomicUsize>> = R::new().unwrap();
    let ids: Vec<_> = (0..200)
        .map(|_| {
            r.spawn_fn("waiter", registered.clone(), Val::Unit, |r, _| {
                let step = r.defer_with::<WakeNotifier<_, _>>((), None, "waiter", |_, v| {
                    v.map_err(Unwind::Raise)
                });
                r.current_state().unwrap().fetch_add(1, Ordering::SeqCst);
                step
            })
        })
        .collect();
    let waker = r.waker().unwrap();
    let threads: Vec<_> = ids
        .chunks(50)
        .enumerate()
        .map(|(t, chunk)| {
            let waker = waker.clone();
            let chunk = chunk.to_vec();
            let registered = registered.clone();
            std::thread::spawn(move || {
                while registered.load(Ordering::SeqCst) < 200 {
                    std::thread::yield_now();
                }
                for (i, id) in chunk.into_iter().enumerate() {
                    waker.schedule(id, Ok(Val::Int((t * 50 + i) as i64)));
                    // A second wake for the same deferred is refused by the reactor.
                    waker.schedule(id, Ok(Val::Int(-1)));
                }
            })
        })
        .collect();
    assert_eq!(r.run().unwrap(), RunEnd::Done);
    for t in threads {
        t.join().unwrap();
    }
    for (i, id) in ids.into_iter().enumerate() {
        assert_eq!(r.take_result(id).unwrap().unwrap(), Val::Int(i as i64));
    }
}

#[test]
fn a_wake_cuts_short_a_wait_forever_in_the_io_notifier() {
    // Only the I/O notifier has a waiter, so the reactor waits forever in it; the
    // parked micro-thread's wake-up arrives through the wake notifier's descriptor,
    // which the I/O notifier watches. Without the shared wake-up it would be resumed
    // only when the socket closes, 1.5 s later.
    let mut r: R = R::with_notifiers(vec![NotifierClass::io(), NotifierClass::wake()]).unwrap();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let client = std::net::TcpStream::connect(listener.local_addr().unwrap()).unwrap();
    let (server, _) = listener.accept().unwrap();
    server.set_nonblocking(true).unwrap();
    let mut server = mio::net::TcpStream::from_std(server);
    let token = r.io().unwrap().add(&mut server).unwrap();
    assert_eq!(token.0, 0);
    r.spawn_fn("reader", (), Val::Unit, |r, _| {
        let wait = IoWait::readable(notifiers::io::IoToken(0));
        r.defer_with::<IoNotifier<_, _>>(wait, None, "reader", |_, v| v.map_err(Unwind::Raise))
    });
    let woke: Rc<Cell<Option<Instant>>> = Rc::new(Cell::new(None));
    let w = woke.clone();
    let parked_start: Callback<Val, notifiers::Error, R> = Callback::boxed(move |r: &mut R, _| {
        match r.park("a wake-up") {
            Unwind::Deferred => {}
            raise => return Err(raise),
        }
        r.add_callback(
            "parked",
            None,
            Callback::boxed(move |_, v: Out| {
                w.set(Some(Instant::now()));
                v.map_err(Unwind::Raise)
            }),
        )?;
        Err(Unwind::Deferred)
    });
    let parked = r.spawn("parked", (), Val::Unit, parked_start);
    let waker = r.waker().unwrap();
    let start = Instant::now();
    let helper = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(50));
        waker.schedule(parked, Ok(Val::Int(1)));
        std::thread::sleep(Duration::from_millis(1500));
        drop(client);
    });
    assert_eq!(r.run().unwrap(), RunEnd::Done);
    helper.join().unwrap();
    let woke_after = woke.get().expect("the parked micro-thread ran") - start;
    assert!(
        woke_after < Duration::from_millis(1000),
        "woke after {woke_after:?}"
    );
    assert!(r.stats().waits >= 1);
}
