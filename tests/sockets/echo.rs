//! `examples/echo_server.py` against real clients: many at once, big and slow
//! transfers, and clients that misbehave; after each fault a fresh client still
//! gets back exactly what it sent, and so does a witness connection kept open
//! through all of them.

use std::io::{Read, Write};
use std::net::Shutdown;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::support::*;

#[test]
fn echoes_messages_on_one_connection_then_ends_on_half_close() {
    let mut server = Server::start("echo_server.py");
    assert!(server.banner.contains("listening"), "{}", server.banner);
    let mut s = server.connect();
    for i in 0..200 {
        let msg = format!("message {i} {}\n", "x".repeat(i));
        s.write_all(msg.as_bytes()).expect("write");
        assert_eq!(read_n(&mut s, msg.len()), msg.as_bytes());
    }
    s.shutdown(Shutdown::Write).expect("half-close");
    assert_eof(&mut s);
    server.assert_alive();
}

#[test]
fn thousand_concurrent_connections() {
    let mut server = Server::start("echo_server.py");
    let start = Instant::now();
    let mut conns: Vec<_> = (0..1000).map(|_| server.connect()).collect();
    // All 1,000 are open at once: each sends, then each reads its own echo.
    for (i, c) in conns.iter_mut().enumerate() {
        c.write_all(format!("hello from client {i:04}\n").as_bytes())
            .expect("write");
    }
    for (i, c) in conns.iter_mut().enumerate() {
        let want = format!("hello from client {i:04}\n");
        assert_eq!(read_n(c, want.len()), want.as_bytes(), "client {i}");
    }
    // A second round on every connection, still all open.
    for (i, c) in conns.iter_mut().enumerate() {
        c.write_all(format!("round two {i:04}\n").as_bytes())
            .expect("write");
    }
    for (i, c) in conns.iter_mut().enumerate() {
        let want = format!("round two {i:04}\n");
        assert_eq!(read_n(c, want.len()), want.as_bytes(), "client {i}");
    }
    for c in &conns {
        c.shutdown(Shutdown::Write).expect("half-close");
    }
    for c in &mut conns {
        assert_eof(c);
    }
    eprintln!("1,000 connections, two echoes each: {:?}", start.elapsed());
    server.assert_alive();
    assert_echoes(server.port, "after 1,000 connections");
}

#[test]
fn four_mib_payload_comes_back_byte_for_byte() {
    let mut server = Server::start("echo_server.py");
    let mut s = server.connect();
    let data = Arc::new(pattern(4 << 20, 1));
    let got = echo_round_trip(&mut s, data.clone());
    assert_same(&got, &data, "4 MiB echo");
    s.shutdown(Shutdown::Write).expect("half-close");
    assert_eof(&mut s);
    server.assert_alive();
}

#[test]
fn slow_reader_gets_every_byte_in_order() {
    let mut server = Server::start("echo_server.py");
    let mut slow = server.connect();
    let data = Arc::new(pattern(3 << 20, 2));
    let mut w = slow.try_clone().expect("clone");
    let d = data.clone();
    let writer = std::thread::spawn(move || {
        for chunk in d.chunks(32 * 1024) {
            w.write_all(chunk).expect("write to the echo server");
        }
        w.shutdown(Shutdown::Write).expect("half-close");
    });
    // Read nothing for a while: the buffers fill up and the server's sendall to
    // us (and then its recv from us) must wait, not drop or spin.
    std::thread::sleep(Duration::from_millis(300));
    // Meanwhile another client is served at once.
    assert_echoes(server.port, "while a reader is stalled");
    let mut got = Vec::with_capacity(data.len());
    let mut buf = [0u8; 4096];
    let mut reads = 0;
    loop {
        let n = slow.read(&mut buf).expect("read");
        if n == 0 {
            break;
        }
        got.extend_from_slice(&buf[..n]);
        reads += 1;
        if reads % 16 == 0 {
            std::thread::sleep(Duration::from_millis(1));
        }
    }
    writer.join().expect("writer");
    assert_same(&got, &data, "slow reader");
    server.assert_alive();
}

#[test]
fn faults_do_not_stop_the_server_or_lose_bytes() {
    let mut server = Server::start("echo_server.py");
    // A witness: one connection kept open through every fault.
    let mut witness = server.connect();
    let mut witness_round = |tag: &str| {
        let msg = format!("witness: after {tag}\n");
        witness.write_all(msg.as_bytes()).expect("witness write");
        assert_eq!(read_n(&mut witness, msg.len()), msg.as_bytes(), "{tag}");
    };
    witness_round("start");

    // A client that resets mid-message: it sends part of a large message (more
    // than the buffers hold, so the server is inside sendall) and resets.
    let mut s = rude_client(server.port);
    let big = pattern(2 << 20, 3);
    let _ = s.write_all(&big[..1 << 20]);
    reset(s);
    assert_echoes(server.port, "a reset in the middle of a message");
    witness_round("reset mid-message");

    // A reset right after connecting, before sending anything.
    reset(server.connect());
    assert_echoes(server.port, "a reset before any byte");
    witness_round("reset before any byte");

    // A client that vanishes: it sends, reads nothing, and closes normally (the
    // kernel resets, since the echo is unread).
    let mut s = rude_client(server.port);
    let _ = s.write_all(&big[..200_000]);
    drop(s);
    assert_echoes(server.port, "a client that vanished");
    witness_round("vanish");

    // A half-close: the client sends, shuts down its writing side, and reads the
    // whole echo, then end of stream.
    let mut s = server.connect();
    s.write_all(&big[..100_000]).expect("write");
    s.shutdown(Shutdown::Write).expect("half-close");
    let got = read_to_eof(&mut s);
    assert_same(&got, &big[..100_000], "half-close");
    assert_echoes(server.port, "a half-close");
    witness_round("half-close");

    // A client that connects and leaves without a word.
    drop(server.connect());
    // Ten clients resetting at once, each in the middle of its own message.
    let rude: Vec<_> = (0..10)
        .map(|_| {
            let mut s = rude_client(server.port);
            let _ = s.write_all(&big[..300_000]);
            s
        })
        .collect();
    for s in rude {
        reset(s);
    }
    assert_echoes(server.port, "ten resets at once");
    witness_round("ten resets");

    witness.shutdown(Shutdown::Write).expect("half-close");
    assert_eof(&mut witness);
    server.assert_alive();
}

/// A client that writes without reading: its writes give up soon (the server's
/// echo fills the buffers), since it is about to be reset or dropped anyway.
fn rude_client(port: u16) -> std::net::TcpStream {
    let s = connect(port);
    s.set_write_timeout(Some(Duration::from_millis(300)))
        .expect("write timeout");
    s
}

#[test]
fn connection_refused_once_the_server_is_gone() {
    let server = Server::start("echo_server.py");
    let port = server.port;
    assert_echoes(port, "before");
    drop(server);
    let addr = std::net::SocketAddr::from(([127, 0, 0, 1], port));
    let err = std::net::TcpStream::connect_timeout(&addr, IO_LIMIT)
        .expect_err("nothing listens any more");
    assert_eq!(err.kind(), std::io::ErrorKind::ConnectionRefused);
}

/// One misbehaving client of the storm, by `kind`: a reset in the middle of a
/// message, a writer trickling a few bytes at a time (whose echo is checked), a
/// connect-and-drop, or a half-close that still gets every byte back.
fn misbehave(port: u16, kind: usize, seed: u8) {
    match kind % 4 {
        0 => {
            let mut s = rude_client(port);
            let _ = s.write_all(&pattern(400_000, seed));
            reset(s);
        }
        1 => {
            let mut s = connect(port);
            let msg = pattern(600, seed);
            for chunk in msg.chunks(7) {
                s.write_all(chunk).expect("trickle");
                std::thread::sleep(Duration::from_millis(1));
            }
            assert_same(&read_n(&mut s, msg.len()), &msg, "trickling writer");
            reset(s);
        }
        2 => drop(connect(port)),
        _ => {
            let mut s = connect(port);
            let msg = pattern(50_000, seed);
            s.write_all(&msg).expect("write");
            s.shutdown(Shutdown::Write).expect("half-close");
            assert_same(&read_to_eof(&mut s), &msg, "half-close");
        }
    }
}

#[test]
fn good_clients_get_every_byte_through_a_storm_of_faults() {
    let mut server = Server::start("echo_server.py");
    let port = server.port;
    let start = Instant::now();
    std::thread::scope(|scope| {
        // Twelve faulty clients at a time, each going through every kind of fault.
        for t in 0..12u8 {
            scope.spawn(move || {
                for round in 0..8 {
                    misbehave(port, t as usize + round, t.wrapping_mul(31) ^ round as u8);
                }
            });
        }
        // Meanwhile sixteen well-behaved clients, each on one connection, send
        // messages of many sizes and check every byte of every echo.
        for t in 0..16u8 {
            scope.spawn(move || {
                let mut s = connect(port);
                for (k, len) in [1, 10, 1_000, 65_537, 300_000, 7, 100_000]
                    .into_iter()
                    .enumerate()
                {
                    let msg = Arc::new(pattern(len, t ^ k as u8));
                    let got = echo_round_trip(&mut s, msg.clone());
                    assert_same(&got, &msg, &format!("good client {t}, message {k}"));
                }
                s.shutdown(Shutdown::Write).expect("half-close");
                assert_eof(&mut s);
            });
        }
    });
    eprintln!(
        "storm of 96 faults and 112 checked echoes: {:?}",
        start.elapsed()
    );
    server.assert_alive();
    assert_echoes(port, "after the storm");
}
