//! Prioritized notifiers: a signal and a socket are both ready before the reactor
//! runs; the notifier with the higher priority is polled first, so its micro-thread
//! resumes first. Swap the priorities and the order swaps.
//!
//! Run: `cargo run --example priorities`
use notifiers::io::IoWait;
use notifiers::signal::SignalSet;
use notifiers::{Error, Event, IoNotifier, Priority, SignalNotifier};
use reactor::{NotifierClass, Reactor};
use signal_hook::consts::SIGUSR1;
use std::io::Write;

type R = Reactor<Event, Error>;

fn race(io_priority: i32) -> Result<(), Box<dyn std::error::Error>> {
    let io = NotifierClass::new("io", Priority(io_priority), IoNotifier::new);
    let mut r = R::with_notifiers(vec![NotifierClass::signal(), io])?;
    let order: Vec<String> = r
        .notifier_order()
        .iter()
        .map(|(n, p)| format!("{n} ({})", p.0))
        .collect();
    println!("polling order: {}", order.join(", "));

    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    let mut peer = std::net::TcpStream::connect(listener.local_addr()?)?;
    let (sock, _) = listener.accept()?;
    sock.set_nonblocking(true)?;
    let mut sock = mio::net::TcpStream::from_std(sock);
    let token = r.io().expect("io").add(&mut sock)?;
    r.signals().expect("signal").watch_signal(SIGUSR1)?;

    r.spawn_fn("reader", (), Event::Elapsed, |r, _| {
        let token = notifiers::io::IoToken(0);
        r.defer_with::<IoNotifier<_, _>>(IoWait::readable(token), None, "reader", |_, ev| {
            println!("  reader resumed: {:?}", ev?);
            Ok(Event::Elapsed)
        })
    });
    r.spawn_fn("handler", (), Event::Elapsed, |r, _| {
        let set = SignalSet::of(&[SIGUSR1]);
        r.defer_with::<SignalNotifier<_, _>>(set, None, "handler", |_, ev| {
            println!("  handler resumed: {:?}", ev?);
            Ok(Event::Elapsed)
        })
    });
    // Both events happen before the reactor looks.
    peer.write_all(b"ping")?;
    signal_hook::low_level::raise(SIGUSR1)?;
    std::thread::sleep(std::time::Duration::from_millis(20));
    assert_eq!(token.0, 0);
    r.run()?;
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    race(IoNotifier::<Event, Error>::PRIORITY.0)?; // io 30 < signal 40
    race(50)?; // io 50 > signal 40
    Ok(())
}
