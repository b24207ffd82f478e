//! A Twisted-style echo server on the reactor: each connection is a micro-thread whose
//! callbacks read, echo, and defer on the I/O notifier whenever the socket would block.
//! Run: `cargo run --release --example echo_server` (three connections, then exits).
use mio::net::{TcpListener, TcpStream};
use notifiers::{io::IoToken, io::IoWait, Error, Event, IoNotifier, Ready};
use std::io::{ErrorKind::WouldBlock, Read, Write};

type R = reactor::Reactor<Event, Error, Sock>;
type Step = deferred::Step<Event, Error>;
type Then = fn(&mut R, Result<Event, Error>) -> Step;
const GO: Event = Event::Elapsed;
enum Sock {
    Listener(TcpListener, IoToken, usize),
    Conn(TcpStream, IoToken),
}

/// The socket would block: forget its readiness, wait until readable, then `then`.
fn wait(r: &mut R, token: IoToken, name: &'static str, then: Then) -> Step {
    r.io().expect("io").clear_ready(token, Ready::READABLE);
    r.defer_with::<IoNotifier<_, _>>(IoWait::readable(token), None, name, then)
}

fn accept(r: &mut R, _: Result<Event, Error>) -> Step {
    loop {
        let Some(Sock::Listener(listener, token, left)) = r.current_state() else {
            unreachable!("accept runs on the listener")
        };
        let (token, result) = (*token, listener.accept());
        match result {
            _ if *left == 0 => return Ok(GO), // served enough: stop listening
            Ok((mut stream, _)) => {
                *left -= 1;
                let conn = r.io().expect("io").add(&mut stream).map_err(Error::from)?;
                r.spawn_fn("echo", Sock::Conn(stream, conn), GO, echo);
            }
            Err(e) if e.kind() == WouldBlock => return wait(r, token, "accept", accept),
            Err(e) => return Err(Error::from(e).into()),
        }
    }
}

fn echo(r: &mut R, _: Result<Event, Error>) -> Step {
    let mut buf = [0u8; 4096];
    loop {
        let Some(Sock::Conn(stream, token)) = r.current_state() else {
            unreachable!("echo runs on a connection")
        };
        let (token, result) = (*token, stream.read(&mut buf));
        match result {
            Ok(0) => return Ok(GO), // the peer closed: this micro-thread ends
            Ok(n) => stream.write_all(&buf[..n]).map_err(Error::from)?, // small: fits
            Err(e) if e.kind() == WouldBlock => return wait(r, token, "echo", echo),
            Err(e) => return Err(Error::from(e).into()),
        }
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (mut r, mut listener) = (R::new()?, TcpListener::bind("127.0.0.1:0".parse()?)?);
    let addr = listener.local_addr()?;
    let token = r.io().expect("io notifier").add(&mut listener)?;
    r.spawn_fn("accept", Sock::Listener(listener, token, 3), GO, accept);
    let client = std::thread::spawn(move || -> std::io::Result<()> {
        for i in 0..3 {
            let mut s = std::net::TcpStream::connect(addr)?; // a plain blocking client
            s.write_all(format!("hello {i}\n").as_bytes())?;
            let mut back = [0; 8];
            s.read_exact(&mut back)?;
            print!("{addr} echoed: {}", String::from_utf8_lossy(&back));
        }
        Ok(())
    });
    println!("reactor finished: {:?}", r.run()?);
    client.join().expect("client thread")?;
    Ok(())
}
