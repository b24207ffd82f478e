//! The reactor's own socket servers, in Rust: the upper bound pyvm's Python servers
//! run on top of, for `bench/servers.sh`.
//!
//! Usage: `reactor_server (echo|http) PORT` — serves 127.0.0.1:PORT until killed.

use mio::net::{TcpListener, TcpStream};
use notifiers::io::{IoToken, IoWait};
use notifiers::{Error, Event, IoNotifier, Ready};
use reactor::{NotifierClass, Reactor};
use std::io::{ErrorKind::WouldBlock, Read, Write};

const RESPONSE: &[u8] =
    b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 12\r\n\r\nHello world\n";

enum Sock {
    Listener(TcpListener, IoToken),
    /// A connection, whether it speaks HTTP, and unparsed request bytes.
    Conn(TcpStream, IoToken, bool, Vec<u8>),
}
type R = Reactor<Event, Error, Sock>;
type Step = deferred::Step<Event, Error>;
type Then = fn(&mut R, Result<Event, Error>) -> Step;
const GO: Event = Event::Elapsed;

thread_local! {
    static HTTP: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

fn wait(r: &mut R, token: IoToken, name: &'static str, then: Then) -> Step {
    r.io().expect("io").clear_ready(token, Ready::READABLE);
    r.defer_with::<IoNotifier<_, _>>(IoWait::readable(token), None, name, then)
}

fn accept(r: &mut R, _: Result<Event, Error>) -> Step {
    loop {
        let Some(Sock::Listener(listener, token)) = r.current_state() else {
            unreachable!("accept runs on the listener")
        };
        let (token, result) = (*token, listener.accept());
        match result {
            Ok((mut stream, _)) => {
                stream.set_nodelay(true).map_err(Error::from)?;
                let conn = r.io().expect("io").add(&mut stream).map_err(Error::from)?;
                let http = HTTP.with(|h| h.get());
                r.spawn_fn(
                    "serve",
                    Sock::Conn(stream, conn, http, Vec::new()),
                    GO,
                    serve,
                );
            }
            Err(e) if e.kind() == WouldBlock => return wait(r, token, "accept", accept),
            Err(e) => return Err(Error::from(e).into()),
        }
    }
}

fn serve(r: &mut R, _: Result<Event, Error>) -> Step {
    let mut buf = [0u8; 16384];
    loop {
        let Some(Sock::Conn(stream, token, http, pending)) = r.current_state() else {
            unreachable!("serve runs on a connection")
        };
        let (token, result) = (*token, stream.read(&mut buf));
        let n = match result {
            Ok(0) => return Ok(GO),
            Ok(n) => n,
            Err(e) if e.kind() == WouldBlock => return wait(r, token, "serve", serve),
            Err(_) => return Ok(GO), // reset by the peer: this connection is done
        };
        if !*http {
            stream.write_all(&buf[..n]).map_err(Error::from)?;
            continue;
        }
        pending.extend_from_slice(&buf[..n]);
        while let Some(end) = pending.windows(4).position(|w| w == b"\r\n\r\n") {
            pending.drain(..end + 4);
            stream.write_all(RESPONSE).map_err(Error::from)?;
        }
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(mode), Some(port)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: reactor_server (echo|http) PORT");
        std::process::exit(2);
    };
    HTTP.with(|h| h.set(mode == "http"));
    let mut listener = TcpListener::bind(format!("127.0.0.1:{port}").parse()?)?;
    let mut r = R::with_notifiers(vec![NotifierClass::io()])?;
    let token = r.io().expect("io").add(&mut listener)?;
    r.spawn_fn("accept", Sock::Listener(listener, token), GO, accept);
    r.run()?;
    Ok(())
}
