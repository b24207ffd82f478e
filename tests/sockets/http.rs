//! `examples/http_hello.py`: keep-alive, pipelining, `Connection: close`, HTTP/1.0,
//! request bodies, malformed and oversized requests, clients that stall or reset;
//! every response is compared byte for byte.

use std::io::Write;
use std::net::Shutdown;
use std::time::Duration;

use crate::support::*;

const OK: &[u8] =
    b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 14\r\n\r\nHello, world!\n";
const OK_CLOSE: &[u8] = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 14\r\nConnection: close\r\n\r\nHello, world!\n";
const BAD: &[u8] = b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";

fn get(path: &str) -> Vec<u8> {
    format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: sockets-test\r\n\r\n")
        .into_bytes()
}

/// One keep-alive request and its response on a fresh connection, then close.
fn assert_serves(port: u16) {
    let mut s = connect(port);
    s.write_all(&get("/")).expect("write");
    assert_eq!(read_n(&mut s, OK.len()), OK);
    s.write_all(b"GET / HTTP/1.1\r\nConnection: close\r\n\r\n")
        .expect("write");
    assert_eq!(read_to_eof(&mut s), OK_CLOSE);
}

#[test]
fn keep_alive_many_requests_on_one_connection() {
    let mut server = Server::start("http_hello.py");
    assert!(server.banner.contains("listening"), "{}", server.banner);
    let mut s = server.connect();
    for i in 0..300 {
        s.write_all(&get(&format!("/page/{i}"))).expect("write");
        assert_eq!(read_n(&mut s, OK.len()), OK, "request {i}");
    }
    // The connection stays open: nothing more comes until we ask.
    assert_silent(&mut s, Duration::from_millis(50));
    s.shutdown(Shutdown::Write).expect("half-close");
    assert_eof(&mut s);
    server.assert_alive();
}

#[test]
fn pipelined_requests_get_responses_in_order() {
    let mut server = Server::start("http_hello.py");
    let mut s = server.connect();
    let mut batch = Vec::new();
    for i in 0..100 {
        batch.extend_from_slice(&get(&format!("/{i}")));
    }
    // The last request asks to close: 100 keep-alive answers, then that one, then EOF.
    batch.extend_from_slice(b"GET /last HTTP/1.1\r\nConnection: close\r\n\r\n");
    // Sent in odd-sized pieces, splitting requests anywhere.
    for piece in batch.chunks(37) {
        s.write_all(piece).expect("write");
    }
    let mut want = OK.repeat(100);
    want.extend_from_slice(OK_CLOSE);
    assert_eq!(read_to_eof(&mut s), want);
    server.assert_alive();
}

#[test]
fn connection_close_and_http_1_0_end_the_connection() {
    let mut server = Server::start("http_hello.py");
    let mut s = server.connect();
    s.write_all(b"GET / HTTP/1.1\r\nConnection: close\r\n\r\n")
        .expect("write");
    assert_eq!(read_to_eof(&mut s), OK_CLOSE);
    let mut s = server.connect();
    s.write_all(b"GET / HTTP/1.1\r\nCONNECTION:   Close\r\n\r\n")
        .expect("write");
    assert_eq!(read_to_eof(&mut s), OK_CLOSE);
    let mut s = server.connect();
    s.write_all(b"GET / HTTP/1.0\r\n\r\n").expect("write");
    assert_eq!(read_to_eof(&mut s), OK_CLOSE);
    server.assert_alive();
}

#[test]
fn request_bodies_are_skipped() {
    let mut server = Server::start("http_hello.py");
    let mut s = server.connect();
    let body = pattern(200_000, 4);
    let mut req = format!(
        "POST /upload HTTP/1.1\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    req.extend_from_slice(&body);
    req.extend_from_slice(&get("/after-the-body"));
    s.write_all(&req).expect("write");
    assert_eq!(read_n(&mut s, 2 * OK.len()), OK.repeat(2));
    server.assert_alive();
}

#[test]
fn malformed_requests_get_400_and_the_server_goes_on() {
    let mut server = Server::start("http_hello.py");
    for bad in [
        &b"NONSENSE\r\n\r\n"[..],
        b"GET /\r\n\r\n",
        b"GET / FTP/1.1\r\n\r\n",
        b"GET / HTTP/1.1 extra\r\n\r\n",
        b"\r\n\r\n",
    ] {
        let mut s = server.connect();
        s.write_all(bad).expect("write");
        assert_eq!(
            read_to_eof(&mut s),
            BAD,
            "for {:?}",
            String::from_utf8_lossy(bad)
        );
        assert_serves(server.port);
    }
    // A good request, then a bad one on the same connection.
    let mut s = server.connect();
    let mut two = get("/");
    two.extend_from_slice(b"BROKEN\r\n\r\n");
    s.write_all(&two).expect("write");
    let mut want = OK.to_vec();
    want.extend_from_slice(BAD);
    assert_eq!(read_to_eof(&mut s), want);
    // A header that never ends: 400 once it passes 64 KiB.
    let mut s = server.connect();
    s.set_write_timeout(Some(Duration::from_millis(500)))
        .expect("write timeout");
    let mut junk = b"GET / HTTP/1.1\r\nX-Long: ".to_vec();
    junk.extend(std::iter::repeat_n(b'a', 70_000));
    let _ = s.write_all(&junk);
    assert_eq!(read_to_eof(&mut s), BAD);
    assert_serves(server.port);
    server.assert_alive();
}

#[test]
fn stalled_and_resetting_clients_do_not_hold_up_the_others() {
    let mut server = Server::start("http_hello.py");
    // Half a request: no answer yet, and the others are served meanwhile.
    let mut stalled = server.connect();
    stalled
        .write_all(b"GET / HTTP/1.1\r\nHost: x")
        .expect("write");
    assert_silent(&mut stalled, Duration::from_millis(100));
    assert_serves(server.port);
    // A reset in the middle of a request, of a body, and after a response.
    let r = server.connect();
    (&r).write_all(b"GET / HT").expect("write");
    reset(r);
    let r = server.connect();
    (&r).write_all(b"POST / HTTP/1.1\r\nContent-Length: 100000\r\n\r\nabc")
        .expect("write");
    reset(r);
    let mut r = server.connect();
    r.write_all(&get("/")).expect("write");
    assert_eq!(read_n(&mut r, OK.len()), OK);
    reset(r);
    // Many requests, then vanish without reading the responses.
    let mut v = server.connect();
    v.set_write_timeout(Some(Duration::from_millis(500)))
        .expect("write timeout");
    let _ = v.write_all(&get("/").repeat(5000));
    drop(v);
    assert_serves(server.port);
    // The stalled request completes, and is answered.
    stalled.write_all(b"\r\n\r\n").expect("write");
    assert_eq!(read_n(&mut stalled, OK.len()), OK);
    server.assert_alive();
}

#[test]
fn two_hundred_keep_alive_clients_at_once() {
    let mut server = Server::start("http_hello.py");
    let mut conns: Vec<_> = (0..200).map(|_| server.connect()).collect();
    for round in 0..3 {
        for c in &mut conns {
            c.write_all(&get("/")).expect("write");
        }
        for (i, c) in conns.iter_mut().enumerate() {
            assert_eq!(read_n(c, OK.len()), OK, "round {round} client {i}");
        }
    }
    server.assert_alive();
}
