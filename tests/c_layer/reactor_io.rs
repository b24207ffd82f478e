//! Readiness on a loopback socket pair, through the I/O notifier (mio) and the fd
//! notifier (polling).

use crate::support::*;
use deferred::Unwind;
use notifiers::fd::{FdToken, FdWait};
use notifiers::io::{IoToken, IoWait};
use notifiers::{Event, FdNotifier, IoNotifier, Ready};
use reactor::{NotifierClass, RunEnd};
use std::io::{Read, Write};
use std::os::fd::OwnedFd;
use std::os::unix::net::UnixStream;
use std::time::Duration;

/// State of the reading micro-thread: its socket, its token, what it read.
struct Reader {
    sock: mio::net::TcpStream,
    token: IoToken,
    got: Vec<u8>,
}

/// Read until end of stream, deferring on `WouldBlock`.
fn read_all(r: &mut R<Option<Reader>>, input: Out) -> RStep {
    if let Val::Event(Event::Ready(ready)) = input? {
        assert!(ready.is_readable());
    }
    read_on(r, None, "read_all", read_all)
}

/// Read what has arrived; at `WouldBlock`, wait (up to `limit`) with `again` as the
/// continuation.
fn read_on(
    r: &mut R<Option<Reader>>,
    limit: Option<Duration>,
    name: &'static str,
    again: fn(&mut R<Option<Reader>>, Out) -> RStep,
) -> RStep {
    let mut buf = [0u8; 4096];
    loop {
        let st = r.current_state().unwrap().as_mut().unwrap();
        match st.sock.read(&mut buf) {
            Ok(0) => return Ok(Val::Int(st.got.len() as i64)),
            Ok(n) => st.got.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                let token = st.token;
                r.io().unwrap().clear_ready(token, Ready::READABLE);
                return r.defer_with::<IoNotifier<_, _>>(
                    IoWait::readable(token),
                    limit,
                    name,
                    again,
                );
            }
            Err(e) => return Err(Unwind::Raise(e.into())),
        }
    }
}

#[test]
fn a_micro_thread_reads_a_loopback_socket_as_data_arrives() {
    let mut r: R<Option<Reader>> =
        R::with_notifiers(vec![NotifierClass::io(), NotifierClass::sleep()]).unwrap();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let mut client = std::net::TcpStream::connect(listener.local_addr().unwrap()).unwrap();
    let (server, _) = listener.accept().unwrap();
    server.set_nonblocking(true).unwrap();
    let mut sock = mio::net::TcpStream::from_std(server);
    let token = r.io().unwrap().add(&mut sock).unwrap();
    let reader = Reader {
        sock,
        token,
        got: Vec::new(),
    };
    let id = r.spawn_fn("read_all", Some(reader), Val::Unit, read_all);
    // The writer is another OS thread: three pieces, then end of stream.
    let writer = std::thread::spawn(move || {
        for piece in [&b"hello "[..], b"loopback ", b"world"] {
            std::thread::sleep(Duration::from_millis(20));
            client.write_all(piece).unwrap();
        }
    });
    assert_eq!(r.run().unwrap(), RunEnd::Done);
    writer.join().unwrap();
    assert_eq!(r.take_result(id).unwrap().unwrap(), Val::Int(20));
    assert!(r.stats().waits >= 1, "the reactor slept while waiting");
}

#[test]
fn the_fd_notifier_wakes_on_any_descriptor() {
    let mut r: R<Option<UnixStream>> =
        R::with_notifiers(vec![NotifierClass::fd(), NotifierClass::io()]).unwrap();
    let (mine, theirs) = UnixStream::pair().unwrap();
    mine.set_nonblocking(true).unwrap();
    let fd: OwnedFd = mine.try_clone().unwrap().into();
    let token = r.fd().unwrap().add(fd).unwrap();
    assert_eq!(token, FdToken(0));
    let id = r.spawn_fn("wait_fd", Some(mine), Val::Unit, |r, _| {
        let wait = FdWait {
            token: FdToken(0),
            interest: Ready::READABLE,
        };
        r.defer_with::<FdNotifier<_, _>>(wait, None, "wait_fd", |r, input| {
            let ready = match input? {
                Val::Event(Event::Ready(ready)) => ready,
                other => panic!("unexpected {other:?}"),
            };
            let mut byte = [0u8; 1];
            let n = r.current_state().unwrap().as_mut().unwrap().read(&mut byte);
            assert_eq!(n.unwrap(), 1);
            Ok(Val::Int(ready.is_readable() as i64 * 100 + byte[0] as i64))
        })
    });
    let writer = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(30));
        (&theirs).write_all(&[7]).unwrap();
        theirs
    });
    assert_eq!(r.run().unwrap(), RunEnd::Done);
    let _theirs = writer.join().unwrap();
    assert_eq!(r.take_result(id).unwrap().unwrap(), Val::Int(107));
    // Nothing waits on it any more: it can be taken back.
    assert!(r.fd().unwrap().remove(token).is_ok());
}

#[test]
fn waiting_on_an_unknown_source_is_an_error_not_a_hang() {
    let mut r: R = R::with_notifiers(vec![NotifierClass::io()]).unwrap();
    let id = r.spawn_fn("bad", (), Val::Unit, |r, _| {
        r.defer_with::<IoNotifier<_, _>>(IoWait::readable(IoToken(99)), None, "bad", |_, i| {
            i.map_err(Unwind::Raise)
        })
    });
    assert_eq!(r.run().unwrap(), RunEnd::Done);
    let err = r.take_result(id).unwrap().unwrap_err();
    assert_eq!(err.to_string(), "no source with this token");
}

#[test]
fn a_descriptor_epoll_cannot_watch_is_refused_with_an_error() {
    // epoll refuses regular files (EPERM): adding one is an error, not a hang later.
    let mut r: R = R::with_notifiers(vec![NotifierClass::fd()]).unwrap();
    let file = std::fs::File::open("Cargo.toml").unwrap();
    let err = r.fd().unwrap().add(OwnedFd::from(file)).unwrap_err();
    assert_eq!(err.raw_os_error(), Some(1), "EPERM: {err}");
    // Waiting on a token that was never added is an error too.
    let id = r.spawn_fn("w", (), Val::Unit, |r, _| {
        let wait = FdWait {
            token: FdToken(5),
            interest: Ready::READABLE,
        };
        r.defer_with::<FdNotifier<_, _>>(wait, None, "w", |_, v| v.map_err(Unwind::Raise))
    });
    assert_eq!(r.run().unwrap(), RunEnd::Done);
    let e = r.take_result(id).unwrap().unwrap_err();
    assert_eq!(e.to_string(), "no descriptor with this token");
}

/// Read until end of stream like `read_all`, but each wait has a time limit.
fn read_all_limited(r: &mut R<Option<Reader>>, input: Out) -> RStep {
    input?;
    let limit = Some(Duration::from_secs(10));
    read_on(r, limit, "read_all_limited", read_all_limited)
}

#[test]
fn a_wait_with_a_time_limit_resumes_as_soon_as_its_event_comes() {
    // With a timer pending the reactor waits in turn on each notifier with waiters;
    // the I/O wait that wakes the last waiter reports "nobody waiting", and the
    // reactor must not then sleep `timed_wait_seconds` in another notifier.
    let mut r: R<Option<Reader>> = R::with_notifiers(vec![
        NotifierClass::io(),
        NotifierClass::fd(),
        NotifierClass::sleep(),
    ])
    .unwrap();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let mut client = std::net::TcpStream::connect(listener.local_addr().unwrap()).unwrap();
    let (server, _) = listener.accept().unwrap();
    server.set_nonblocking(true).unwrap();
    let mut sock = mio::net::TcpStream::from_std(server);
    let token = r.io().unwrap().add(&mut sock).unwrap();
    let reader = Reader {
        sock,
        token,
        got: Vec::new(),
    };
    let id = r.spawn_fn(
        "read_all_limited",
        Some(reader),
        Val::Unit,
        read_all_limited,
    );
    let writer = std::thread::spawn(move || {
        for piece in [&b"one "[..], b"two ", b"three"] {
            std::thread::sleep(Duration::from_millis(10));
            client.write_all(piece).unwrap();
        }
    });
    let start = std::time::Instant::now();
    assert_eq!(r.run().unwrap(), RunEnd::Done);
    let took = start.elapsed();
    writer.join().unwrap();
    assert_eq!(r.take_result(id).unwrap().unwrap(), Val::Int(13));
    // Four waits of at most 10 ms of writing each; the bug added 500 ms per piece.
    assert!(took < Duration::from_millis(400), "took {took:?}");
}
