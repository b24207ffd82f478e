//! A load generator for the server benchmarks (`bench/servers.sh`): one thread on `mio`,
//! N connections to 127.0.0.1 each with one request in flight, latencies recorded.
//!
//! ```text
//! loadgen echo PORT CONNS SECONDS [SIZE]   64-byte (or SIZE) echo round trips
//! loadgen http PORT CONNS SECONDS          HTTP/1.1 keep-alive GET / requests
//! loadgen idle PORT CONNS SECONDS          open CONNS connections, hold them, close
//! ```
//! Prints one line: `mode=.. conns=.. requests=.. rps=.. p50_us=.. p99_us=.. errors=..`.
//! Only loopback addresses are ever used.

use mio::net::TcpStream;
use mio::{Events, Interest, Poll, Token};
use std::io::{ErrorKind, Read, Write};
use std::net::SocketAddr;
use std::time::{Duration, Instant};

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Echo,
    Http,
    Idle,
}

struct Conn {
    sock: TcpStream,
    sent_at: Instant,
    /// Bytes of the current request still to write.
    out: usize,
    /// Bytes read toward the current response.
    got: Vec<u8>,
    connected: bool,
}

const HTTP_REQUEST: &[u8] = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n";

fn usage() -> ! {
    eprintln!("usage: loadgen (echo|http|idle) PORT CONNS SECONDS [SIZE]");
    std::process::exit(2)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 5 {
        usage();
    }
    let mode = match args[1].as_str() {
        "echo" => Mode::Echo,
        "http" => Mode::Http,
        "idle" => Mode::Idle,
        _ => usage(),
    };
    let num = |i: usize| -> u64 { args[i].parse().unwrap_or_else(|_| usage()) };
    let port = num(2) as u16;
    let conns = num(3) as usize;
    let seconds = num(4);
    let size = if args.len() > 5 { num(5) as usize } else { 64 };
    let addr: SocketAddr = ([127, 0, 0, 1], port).into();
    match run(mode, addr, conns, Duration::from_secs(seconds), size) {
        Ok(line) => println!("{line}"),
        Err(e) => {
            eprintln!("loadgen: {e}");
            std::process::exit(1)
        }
    }
}

fn request(mode: Mode, size: usize) -> Vec<u8> {
    match mode {
        Mode::Http => HTTP_REQUEST.to_vec(),
        _ => vec![b'x'; size],
    }
}

/// Length of a complete HTTP response at the start of `buf`, if there is one.
fn http_response_len(buf: &[u8]) -> Option<usize> {
    let head_end = buf.windows(4).position(|w| w == b"\r\n\r\n")? + 4;
    let head = std::str::from_utf8(&buf[..head_end]).ok()?;
    let length = head
        .lines()
        .find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case("content-length")
                .then(|| v.trim().parse::<usize>().ok())?
        })
        .unwrap_or(0);
    (buf.len() >= head_end + length).then_some(head_end + length)
}

fn run(
    mode: Mode,
    addr: SocketAddr,
    n: usize,
    length: Duration,
    size: usize,
) -> std::io::Result<String> {
    let mut poll = Poll::new()?;
    let mut events = Events::with_capacity(1024);
    let req = request(mode, size);
    let mut conns = Vec::with_capacity(n);
    for i in 0..n {
        let mut sock = TcpStream::connect(addr)?;
        poll.registry()
            .register(&mut sock, Token(i), Interest::READABLE | Interest::WRITABLE)?;
        conns.push(Conn {
            sock,
            sent_at: Instant::now(),
            out: req.len(),
            got: Vec::with_capacity(256),
            connected: false,
        });
    }
    let start = Instant::now();
    let deadline = start + length;
    let mut latencies: Vec<u32> = Vec::with_capacity(1 << 20);
    let mut errors = 0u64;
    let mut buf = vec![0u8; 64 * 1024];
    let mut open = n;
    while Instant::now() < deadline && open > 0 {
        poll.poll(&mut events, Some(Duration::from_millis(100)))?;
        for ev in events.iter() {
            let c = &mut conns[ev.token().0];
            if ev.is_error() {
                errors += 1;
                continue;
            }
            if !c.connected && ev.is_writable() {
                c.connected = true;
                c.sent_at = Instant::now();
            }
            if mode == Mode::Idle {
                continue;
            }
            // Write what is left of the current request.
            while c.connected && c.out > 0 {
                let from = req.len() - c.out;
                match c.sock.write(&req[from..]) {
                    Ok(k) => c.out -= k,
                    Err(e) if e.kind() == ErrorKind::WouldBlock => break,
                    Err(_) => {
                        errors += 1;
                        open -= 1;
                        c.out = 0;
                        c.connected = false;
                    }
                }
            }
            // Read the response; on completion, record and send the next request.
            loop {
                match c.sock.read(&mut buf) {
                    Ok(0) => {
                        if c.connected {
                            errors += 1;
                            open -= 1;
                            c.connected = false;
                        }
                        break;
                    }
                    Ok(k) => c.got.extend_from_slice(&buf[..k]),
                    Err(e) if e.kind() == ErrorKind::WouldBlock => break,
                    Err(_) => {
                        errors += 1;
                        break;
                    }
                }
            }
            let complete = match mode {
                Mode::Echo => (c.got.len() >= req.len()).then_some(req.len()),
                Mode::Http => http_response_len(&c.got),
                Mode::Idle => None,
            };
            if let Some(len) = complete {
                latencies.push(c.sent_at.elapsed().as_micros().min(u32::MAX as u128) as u32);
                c.got.drain(..len);
                c.sent_at = Instant::now();
                c.out = req.len();
                while c.out > 0 {
                    let from = req.len() - c.out;
                    match c.sock.write(&req[from..]) {
                        Ok(k) => c.out -= k,
                        Err(_) => break,
                    }
                }
            }
        }
    }
    let took = start.elapsed().as_secs_f64();
    let connected = conns.iter().filter(|c| c.connected).count();
    latencies.sort_unstable();
    let pct = |p: f64| -> u32 {
        if latencies.is_empty() {
            return 0;
        }
        latencies[((latencies.len() - 1) as f64 * p) as usize]
    };
    let mode_name = match mode {
        Mode::Echo => "echo",
        Mode::Http => "http",
        Mode::Idle => "idle",
    };
    Ok(format!(
        "mode={mode_name} conns={n} connected={connected} requests={} rps={:.0} p50_us={} p99_us={} errors={errors}",
        latencies.len(),
        latencies.len() as f64 / took,
        pct(0.50),
        pct(0.99)
    ))
}
