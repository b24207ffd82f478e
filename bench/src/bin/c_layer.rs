//! The C layer's benchmark: timers, deferral round trips, and loopback echo through
//! the reactor versus a minimal hand-written `mio` loop, with CPython asyncio as the
//! peer where one exists. Prints figures and ratios; never fails on speed.
//!
//! Run: `cargo run --release -p bench --bin c_layer` (add `quick` for a short run).

use deferred::{Callback, Unwind};
use mio::net::{TcpListener, TcpStream};
use notifiers::io::{IoToken, IoWait};
use notifiers::{Error, Event, IoNotifier, Ready};
use reactor::{NotifierClass, Reactor, RunEnd};
use std::io::{ErrorKind, Read, Write};
use std::net::SocketAddr;
use std::process::Command;
use std::time::{Duration, Instant};

type R<S = ()> = Reactor<Event, Error, S>;
type Step = deferred::Step<Event, Error>;

fn main() {
    let quick = std::env::args().any(|a| a == "quick");
    let n = if quick { 100_000 } else { 1_000_000 };
    let echo_n = if quick { 5_000 } else { 20_000 };
    println!("C layer benchmark ({n} timers / deferrals, {echo_n} echo round trips)\n");
    println!(
        "{:<44} {:>14} {:>14} {:>8}",
        "measure", "microthreading", "peer", "ratio"
    );

    let ours = timers_set_and_fire(n);
    let peer = asyncio(&format!("{PY_TIMERS}\nprint(fire({n}))"));
    row("timers: set and fire (ns/timer)", ours, peer, "asyncio");
    let ours = timers_set_and_cancel(n);
    let peer = asyncio(&format!("{PY_TIMERS}\nprint(cancel({n}))"));
    row("timers: set and cancel (ns/timer)", ours, peer, "asyncio");
    let ours = deferral_round_trip(n);
    let peer = asyncio(&format!("{PY_TIMERS}\nprint(round_trip({n}))"));
    row("deferral round trip (ns each)", ours, peer, "asyncio");
    println!(
        "{:<44} {:>14.0} {:>14.0}",
        "  = deferral round trips per second",
        1e9 / ours,
        peer.map_or(0.0, |p| 1e9 / p)
    );

    // Echo: alternate reactor and raw-mio trials and report medians, so a busy
    // machine (other processes on the 2 cores) disturbs both sides alike.
    let trials = if quick { 3 } else { 7 };
    for conns in [1, 8] {
        let (mut ours, mut raw) = (Vec::new(), Vec::new());
        for _ in 0..trials {
            let (addr, server) = spawn_server(reactor_echo);
            ours.push(echo_load(addr, conns, echo_n));
            server.join().expect("reactor server");
            let (addr, server) = spawn_server(mio_echo);
            raw.push(echo_load(addr, conns, echo_n));
            server.join().expect("mio server");
        }
        let (ours, raw) = (median(&mut ours), median(&mut raw));
        let label = format!("echo, {conns} conn(s), 64 B (round trips/s)");
        println!(
            "{label:<44} {ours:>14.0} {raw:>14.0} {:>7.3}x  (peer: raw mio; ratio = ours/raw; median of {trials})",
            ours / raw
        );
    }
}

fn median(xs: &mut [f64]) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

/// Print a row where lower is better; the ratio is peer / ours (above 1: we are faster).
fn row(label: &str, ours: f64, peer: Option<f64>, peer_name: &str) {
    match peer {
        Some(p) => println!(
            "{label:<44} {ours:>14.1} {p:>14.1} {:>7.2}x  (peer: {peer_name}; ratio = peer/ours)",
            p / ours
        ),
        None => println!("{label:<44} {ours:>14.1} {:>14} {:>8}", "n/a", "-"),
    }
}

fn timers_set_and_fire(n: usize) -> f64 {
    let mut r: R = R::with_notifiers(vec![NotifierClass::sleep()]).expect("reactor");
    let start = Instant::now();
    for i in 0..n {
        // Deadlines spread over 10 ms, in a scrambled order.
        let after = Duration::from_nanos((i as u64).wrapping_mul(7_919) % 10_000_000);
        r.call_later(after, |_| ());
    }
    assert_eq!(r.run().expect("run"), RunEnd::Done);
    assert_eq!(r.stats().timers_fired, n as u64);
    start.elapsed().as_nanos() as f64 / n as f64
}

fn timers_set_and_cancel(n: usize) -> f64 {
    let mut r: R = R::with_notifiers(vec![NotifierClass::sleep()]).expect("reactor");
    let start = Instant::now();
    let ids: Vec<_> = (0..n)
        .map(|i| r.call_later(Duration::from_secs(60 + i as u64 % 600), |_| ()))
        .collect();
    for id in ids.iter().rev() {
        r.clear_timer(*id);
    }
    let took = start.elapsed();
    assert_eq!(r.pending_timers(), 0);
    took.as_nanos() as f64 / n as f64
}

/// One micro-thread parks, schedules itself and is resumed, `n` times: defer,
/// schedule, callback.
fn deferral_round_trip(n: usize) -> f64 {
    fn hop(r: &mut R<u64>, _: Result<Event, Error>) -> Step {
        let left = r.current_state().expect("state");
        if *left == 0 {
            return Ok(Event::Elapsed);
        }
        *left -= 1;
        let me = r.current().expect("running");
        match r.park("bench") {
            Unwind::Deferred => {}
            raise => return Err(raise),
        }
        r.add_callback("hop", None, Callback::Fn(hop))?;
        r.schedule(me, Event::Elapsed);
        Err(Unwind::Deferred)
    }
    let mut r: R<u64> = R::with_notifiers(vec![NotifierClass::sleep()]).expect("reactor");
    r.spawn_fn("hop", n as u64, Event::Elapsed, hop);
    let start = Instant::now();
    assert_eq!(r.run().expect("run"), RunEnd::Done);
    start.elapsed().as_nanos() as f64 / n as f64
}

const PY_TIMERS: &str = r#"
import asyncio, time
def fire(n):
    loop = asyncio.new_event_loop()
    left = [n]
    def cb():
        left[0] -= 1
        if left[0] == 0: loop.stop()
    t = time.perf_counter()
    for i in range(n): loop.call_later((i * 7919 % 10_000_000) / 1e9, cb)
    loop.run_forever()
    return (time.perf_counter() - t) / n * 1e9
def cancel(n):
    loop = asyncio.new_event_loop()
    t = time.perf_counter()
    hs = [loop.call_later(60 + i % 600, lambda: None) for i in range(n)]
    for h in reversed(hs): h.cancel()
    return (time.perf_counter() - t) / n * 1e9
def round_trip(n):
    async def main():
        t = time.perf_counter()
        for _ in range(n): await asyncio.sleep(0)
        return (time.perf_counter() - t) / n * 1e9
    return asyncio.run(main())
"#;

/// Run a CPython snippet that prints one number; `None` if python3 is missing.
fn asyncio(code: &str) -> Option<f64> {
    let out = Command::new("python3").arg("-c").arg(code).output().ok()?;
    String::from_utf8_lossy(&out.stdout).trim().parse().ok()
}

type Server = fn(std::net::TcpListener);

fn spawn_server(server: Server) -> (SocketAddr, std::thread::JoinHandle<()>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    (addr, std::thread::spawn(move || server(listener)))
}

/// `conns` blocking clients on their own threads, `total` round trips of 64 bytes in
/// all; then one byte `q` each to stop the server. Returns round trips per second.
fn echo_load(addr: SocketAddr, conns: usize, total: usize) -> f64 {
    let per = total / conns;
    let start = Instant::now();
    let clients: Vec<_> = (0..conns)
        .map(|_| {
            std::thread::spawn(move || {
                let mut s = std::net::TcpStream::connect(addr).expect("connect");
                s.set_nodelay(true).expect("nodelay");
                let msg = [b'x'; 64];
                let mut back = [0u8; 64];
                for _ in 0..per {
                    s.write_all(&msg).expect("write");
                    s.read_exact(&mut back).expect("read");
                }
                s
            })
        })
        .collect();
    let socks: Vec<_> = clients
        .into_iter()
        .map(|c| c.join().expect("client"))
        .collect();
    let rate = (per * conns) as f64 / start.elapsed().as_secs_f64();
    // Stop the server: the first connection sends "q" and closes.
    let mut first = socks.into_iter().next().expect("a client");
    first.write_all(b"q").expect("stop");
    rate
}

/// The reactor echo server: one micro-thread per connection; "q" stops everything.
fn reactor_echo(listener: std::net::TcpListener) {
    enum S {
        Listen(TcpListener, IoToken),
        Conn(TcpStream, IoToken),
    }
    type RS = R<S>;
    fn wait(
        r: &mut RS,
        t: IoToken,
        name: &'static str,
        then: fn(&mut RS, Result<Event, Error>) -> Step,
    ) -> Step {
        r.io().expect("io").clear_ready(t, Ready::READABLE);
        r.defer_with::<IoNotifier<_, _>>(IoWait::readable(t), None, name, then)
    }
    thread_local! {
        static ACCEPTOR: std::cell::Cell<Option<deferred::DeferredId>> = const { std::cell::Cell::new(None) };
    }
    fn accept(r: &mut RS, input: Result<Event, Error>) -> Step {
        input?; // thrown into by "q": stop accepting
        loop {
            let Some(S::Listen(l, t)) = r.current_state() else {
                unreachable!()
            };
            let (t, res) = (*t, l.accept());
            match res {
                Ok((mut s, _)) => {
                    s.set_nodelay(true).map_err(Error::from)?;
                    let tok = r.io().expect("io").add(&mut s).map_err(Error::from)?;
                    r.spawn_fn("echo", S::Conn(s, tok), Event::Elapsed, echo);
                }
                Err(e) if e.kind() == ErrorKind::WouldBlock => return wait(r, t, "accept", accept),
                Err(e) => return Err(Error::from(e).into()),
            }
        }
    }
    fn echo(r: &mut RS, _: Result<Event, Error>) -> Step {
        let mut buf = [0u8; 4096];
        loop {
            let Some(S::Conn(s, t)) = r.current_state() else {
                unreachable!()
            };
            let (t, res) = (*t, s.read(&mut buf));
            match res {
                Ok(0) => return Ok(Event::Elapsed),
                Ok(1) if buf[0] == b'q' => {
                    if let Some(acceptor) = ACCEPTOR.with(|a| a.take()) {
                        r.throw(acceptor, Error::Other("stop".into()));
                    }
                }
                Ok(n) => s.write_all(&buf[..n]).map_err(Error::from)?,
                Err(e) if e.kind() == ErrorKind::WouldBlock => return wait(r, t, "echo", echo),
                Err(e) => return Err(Error::from(e).into()),
            }
        }
    }
    listener.set_nonblocking(true).expect("nonblocking");
    let mut listener = TcpListener::from_std(listener);
    let mut r: RS = R::with_notifiers(vec![NotifierClass::io()]).expect("reactor");
    let token = r.io().expect("io").add(&mut listener).expect("add");
    let acceptor = r.spawn_fn("accept", S::Listen(listener, token), Event::Elapsed, accept);
    ACCEPTOR.with(|a| a.set(Some(acceptor)));
    let _ = r.run();
}

/// A minimal hand-written `mio` echo server: the baseline. "q" stops it.
fn mio_echo(listener: std::net::TcpListener) {
    use mio::{Events, Interest, Poll, Token};
    listener.set_nonblocking(true).expect("nonblocking");
    let mut listener = TcpListener::from_std(listener);
    let mut poll = Poll::new().expect("poll");
    let mut events = Events::with_capacity(1024);
    let mut conns: slab::Slab<TcpStream> = slab::Slab::new();
    const LISTENER: Token = Token(usize::MAX - 1);
    poll.registry()
        .register(&mut listener, LISTENER, Interest::READABLE)
        .expect("register");
    let mut buf = [0u8; 4096];
    loop {
        poll.poll(&mut events, None).expect("poll");
        for ev in events.iter() {
            if ev.token() == LISTENER {
                while let Ok((mut s, _)) = listener.accept() {
                    s.set_nodelay(true).expect("nodelay");
                    let entry = conns.vacant_entry();
                    poll.registry()
                        .register(&mut s, Token(entry.key()), Interest::READABLE)
                        .expect("register");
                    entry.insert(s);
                }
                continue;
            }
            let key = ev.token().0;
            let Some(s) = conns.get_mut(key) else {
                continue;
            };
            loop {
                match s.read(&mut buf) {
                    Ok(0) => {
                        let mut s = conns.remove(key);
                        let _ = poll.registry().deregister(&mut s);
                        break;
                    }
                    Ok(1) if buf[0] == b'q' => return,
                    Ok(n) => s.write_all(&buf[..n]).expect("write"),
                    Err(e) if e.kind() == ErrorKind::WouldBlock => break,
                    Err(_) => break,
                }
            }
        }
    }
}
