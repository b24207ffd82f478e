//! The event-checking threshold keeps one busy chain of deferreds from starving I/O:
//! notifiers are polled after at most `threshold` resumptions.

use crate::support::*;
use deferred::{Callback, Unwind};
use notifiers::io::IoWait;
use notifiers::IoNotifier;
use reactor::{NotifierClass, RunEnd};
use std::cell::Cell;
use std::io::Write;
use std::rc::Rc;

thread_local! {
    static SPINS: Cell<u64> = const { Cell::new(0) };
}

/// A micro-thread that yields forever-ish: it parks and reschedules itself at once,
/// so the run queue is never empty while it lives.
fn busy(r: &mut R, _: Out) -> RStep {
    let n = SPINS.with(|c| {
        c.set(c.get() + 1);
        c.get()
    });
    if n >= 100_000 {
        return Ok(Val::Int(n as i64));
    }
    let me = r.current().unwrap();
    match r.park("spin") {
        Unwind::Deferred => {}
        raise => return Err(raise),
    }
    r.add_callback("busy", None, Callback::Fn(busy))?;
    // Scheduling itself while running: the reactor queues it behind everyone else.
    assert!(r.schedule(me, Val::Unit));
    Err(Unwind::Deferred)
}

#[test]
fn io_is_delivered_while_a_busy_chain_keeps_the_queue_full() {
    let mut r: R = R::with_notifiers(vec![NotifierClass::io()]).unwrap();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let mut client = std::net::TcpStream::connect(listener.local_addr().unwrap()).unwrap();
    let (server, _) = listener.accept().unwrap();
    server.set_nonblocking(true).unwrap();
    let mut server = mio::net::TcpStream::from_std(server);
    let token = r.io().unwrap().add(&mut server).unwrap();
    client.write_all(b"x").unwrap();

    let io_seen_at = Rc::new(Cell::new(0u64));
    let seen = io_seen_at.clone();
    let reader: Callback<_, _, R> = Callback::boxed(move |r: &mut R, _| {
        match r.defer::<IoNotifier<_, _>>(IoWait::readable(token), None) {
            Unwind::Deferred => {}
            raise => return Err(raise),
        }
        r.add_callback(
            "reader",
            None,
            Callback::boxed(move |_, input: Out| {
                seen.set(SPINS.with(Cell::get));
                input.map_err(Unwind::Raise)
            }),
        )?;
        Err(Unwind::Deferred)
    });
    r.spawn_fn("busy", (), Val::Unit, busy);
    r.spawn("reader", (), Val::Unit, reader);
    assert_eq!(r.run().unwrap(), RunEnd::Done);
    let at = io_seen_at.get();
    assert!(at > 0, "the reader ran");
    // With the default threshold (64) the socket is polled within a few rounds of the
    // reader registering, long before the busy chain ends.
    assert!(at < 1_000, "I/O was starved until spin {at}");
    assert!(r.stats().polls > 100_000 / reactor::DEFAULT_THRESHOLD as u64);
}
