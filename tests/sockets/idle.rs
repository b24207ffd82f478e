//! The example servers' idle timeout (their second argument, in seconds; 1 here):
//! a connection that sends nothing, leaves a request or a line unfinished, trickles
//! a request that never ends, or stops reading is closed after it, while clients
//! that keep talking are served throughout, for longer than the timeout.

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::support::*;

const IDLE: &str = "1";

/// Read until the server closes `s`; what came before, and when the close came
/// (from `since`). A reset counts as a close (the server closed with bytes of
/// ours unread).
fn until_closed(s: &mut TcpStream, since: Instant) -> (Vec<u8>, Duration) {
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match s.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == ErrorKind::ConnectionReset => break,
            Err(e) => panic!(
                "waiting for the server to close ({} bytes so far): {e}",
                got.len()
            ),
        }
    }
    (got, since.elapsed())
}

/// Closed after the timeout (not before, and within a few seconds of it), having
/// received exactly `want` first.
fn assert_closed_after_idle(s: &mut TcpStream, since: Instant, want: &[u8], what: &str) {
    let (got, after) = until_closed(s, since);
    assert_eq!(got, want, "{what}: bytes before the close");
    assert!(
        after >= Duration::from_millis(900) && after < Duration::from_secs(5),
        "{what}: closed after {after:?}, for a 1 s idle timeout"
    );
}

/// Clients exchange something (`step(i)`) every 300 ms for 2.4 s, longer than the
/// timeout: never cut off. Returns when the last exchange ended.
fn keep_talking(mut step: impl FnMut(usize)) -> Instant {
    let start = Instant::now();
    let mut i = 0;
    loop {
        step(i);
        let last = Instant::now();
        if start.elapsed() > Duration::from_millis(2400) {
            return last;
        }
        i += 1;
        std::thread::sleep(Duration::from_millis(300));
    }
}

#[test]
fn echo_server_closes_idle_and_half_sent_connections() {
    let mut server = Server::start_with("echo_server.py", &[IDLE]);
    let since = Instant::now();
    let mut idle = server.connect();
    let mut half = server.connect();
    half.write_all(b"no newline, then silence").expect("write");
    let mut busy = server.connect();
    let quiet = keep_talking(|i| {
        let msg = pattern(5000 + i, i as u8);
        busy.write_all(&msg).expect("write");
        assert_same(&read_n(&mut busy, msg.len()), &msg, "a talking client");
    });
    assert_closed_after_idle(&mut idle, since, b"", "idle");
    assert_closed_after_idle(&mut half, since, b"no newline, then silence", "half-sent");
    // The talking client is still served, then stays open until it goes quiet.
    assert_echoes(server.port, "after the idle ones were closed");
    assert_closed_after_idle(&mut busy, quiet, b"", "the talker once quiet");
    server.assert_alive();
}

#[test]
fn http_server_closes_idle_half_sent_and_trickling_connections() {
    const OK: &[u8] =
        b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 14\r\n\r\nHello, world!\n";
    let mut server = Server::start_with("http_hello.py", &[IDLE]);
    let since = Instant::now();
    let mut idle = server.connect();
    let mut half = server.connect();
    half.write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        .expect("write");
    // "Slowloris": a header line every 200 ms, never the blank line that ends them.
    let mut trickle = server.connect();
    let mut trickle_w = trickle.try_clone().expect("clone");
    let stop = Arc::new(AtomicBool::new(false));
    let stop_w = stop.clone();
    let trickler = std::thread::spawn(move || {
        let _ = trickle_w.write_all(b"GET / HTTP/1.1\r\n");
        let mut i = 0;
        while !stop_w.load(Ordering::Relaxed) && i < 50 {
            if trickle_w
                .write_all(format!("X-{i}: y\r\n").as_bytes())
                .is_err()
            {
                break; // closed by the server
            }
            i += 1;
            std::thread::sleep(Duration::from_millis(200));
        }
    });
    let mut busy = server.connect();
    keep_talking(|i| {
        busy.write_all(format!("GET /{i} HTTP/1.1\r\n\r\n").as_bytes())
            .expect("write");
        assert_eq!(read_n(&mut busy, OK.len()), OK, "request {i}");
    });
    assert_closed_after_idle(&mut idle, since, b"", "idle");
    assert_closed_after_idle(&mut half, since, b"", "half-sent");
    let (got, after) = until_closed(&mut trickle, since);
    stop.store(true, Ordering::Relaxed);
    trickler.join().expect("trickler");
    assert_eq!(got, b"", "trickling client");
    assert!(
        after >= Duration::from_millis(900) && after < Duration::from_secs(5),
        "trickling client closed after {after:?}"
    );
    server.assert_alive();
}

/// Join the chat as `name`: the prompt, then the welcome line.
fn join(port: u16, name: &str, here: usize) -> TcpStream {
    let mut c = connect(port);
    assert_eq!(read_n(&mut c, 6), b"name? ");
    c.write_all(format!("{name}\n").as_bytes()).expect("write");
    let welcome = format!("welcome {name}, {here} here\n");
    assert_eq!(read_n(&mut c, welcome.len()), welcome.as_bytes());
    c
}

fn hear(c: &mut TcpStream, line: &str) {
    assert_eq!(read_n(c, line.len()), line.as_bytes(), "expected {line:?}");
}

#[test]
fn chat_server_closes_idle_and_half_named_clients() {
    let mut server = Server::start_with("chat_server.py", &[IDLE]);
    let since = Instant::now();
    let mut idle = server.connect();
    let mut half = server.connect();
    half.write_all(b"bo").expect("write");
    // Two clients talk to each other for longer than the timeout.
    let mut ann = join(server.port, "ann", 1);
    let mut bob = join(server.port, "bob", 2);
    hear(&mut ann, "* bob joined\n");
    let quiet = keep_talking(|i| {
        ann.write_all(format!("ping {i}\n").as_bytes())
            .expect("write");
        hear(&mut bob, &format!("ann: ping {i}\n"));
        bob.write_all(format!("pong {i}\n").as_bytes())
            .expect("write");
        hear(&mut ann, &format!("bob: pong {i}\n"));
    });
    assert_closed_after_idle(&mut idle, since, b"name? ", "idle");
    assert_closed_after_idle(&mut half, since, b"name? ", "half-named");
    // Once ann goes quiet, she is dropped; bob, still talking, hears it.
    for i in 0..4 {
        std::thread::sleep(Duration::from_millis(300));
        bob.write_all(format!("anyone? {i}\n").as_bytes())
            .expect("write");
    }
    let (got, after) = until_closed(&mut ann, quiet);
    let want: String = (0..4).map(|i| format!("bob: anyone? {i}\n")).collect();
    assert!(
        want.as_bytes().starts_with(&got),
        "ann heard {:?}",
        String::from_utf8_lossy(&got)
    );
    assert!(after >= Duration::from_millis(900) && after < Duration::from_secs(5));
    hear(&mut bob, "* ann left\n");
    server.assert_alive();
}

/// A client that joins and never reads while another floods the room: its writer's
/// send times out, it is disconnected, and the room goes on (the flood was held
/// back only until then: back-pressure, not a stall).
#[test]
fn chat_server_drops_a_client_that_stops_reading() {
    let mut server = Server::start_with("chat_server.py", &["2"]);
    let mut ann = join(server.port, "ann", 1);
    let mut mute = join(server.port, "mute", 2);
    hear(&mut ann, "* mute joined\n");
    let since = Instant::now();
    // 16 MiB of lines: more than the socket buffers between the server and mute hold.
    let line = format!("{}\n", "x".repeat(16 * 1024 - 1));
    for _ in 0..1024 {
        ann.write_all(line.as_bytes())
            .expect("ann's flood goes through");
    }
    let flooded = since.elapsed();
    // mute got part of it, then its connection was closed.
    let (got, _) = until_closed(&mut mute, since);
    assert!(
        got.len() < 1024 * line.len(),
        "mute got all {} bytes",
        got.len()
    );
    assert!(
        flooded < Duration::from_secs(15),
        "the flood took {flooded:?}"
    );
    hear(&mut ann, "* mute left\n");
    // The room is ann and a newcomer.
    let _cat = join(server.port, "cat", 2);
    hear(&mut ann, "* cat joined\n");
    server.assert_alive();
}
