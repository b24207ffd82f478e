//! A load generator for the server benchmarks (`bench/servers.sh`): one thread on `mio`,
//! N connections to 127.0.0.1 each with DEPTH requests in flight (1 unless
//! `--depth`: pipelining, so that one client core can keep a fast server busy),
//! latencies recorded, every reply checked.
//!
//! ```text
//! loadgen echo PORT CONNS SECONDS [SIZE] [--depth D]  64-byte (or SIZE) echo round trips
//! loadgen http PORT CONNS SECONDS [--depth D]         HTTP/1.1 keep-alive GET / requests
//! loadgen idle PORT CONNS SECONDS                     open CONNS connections, hold, close
//! ```
//! Prints one line: `mode=.. conns=.. depth=.. requests=.. rps=.. p50_us=.. p99_us=..
//! errors=.. bad=.. cpu_pct=..`. An echo request carries its connection's sequence
//! number, and its reply must be those same bytes; an HTTP reply must be a complete
//! `200` response (by its `Content-Length`). `bad` counts replies that were not;
//! `cpu_pct` is the CPU time this process used over the measurement, in percent of
//! one core: near 100, the load generator, not the server, sets the figure.
//! Only loopback addresses are ever used.

use mio::net::TcpStream;
use mio::{Events, Interest, Poll, Token};
use std::collections::VecDeque;
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
    /// Requests sent (or queued to send) and not yet answered: their sequence
    /// numbers and when they were queued, oldest first.
    inflight: VecDeque<(u64, Instant)>,
    next_seq: u64,
    /// Bytes queued to write, from `out_at` on.
    out: Vec<u8>,
    out_at: usize,
    /// Bytes read toward the next responses.
    got: Vec<u8>,
    connected: bool,
}

const HTTP_REQUEST: &[u8] = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n";

fn usage() -> ! {
    eprintln!("usage: loadgen (echo|http|idle) PORT CONNS SECONDS [SIZE] [--depth D]");
    std::process::exit(2)
}

fn main() {
    let mut args: Vec<String> = std::env::args().collect();
    let mut depth = 1usize;
    if let Some(i) = args.iter().position(|a| a == "--depth") {
        depth = args
            .get(i + 1)
            .and_then(|d| d.parse().ok())
            .filter(|&d| d > 0)
            .unwrap_or_else(|| usage());
        args.drain(i..i + 2);
    }
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
    match run(mode, addr, conns, Duration::from_secs(seconds), size, depth) {
        Ok(line) => println!("{line}"),
        Err(e) => {
            eprintln!("loadgen: {e}");
            std::process::exit(1)
        }
    }
}

/// Append request number `seq` to `out`: an echo request is `size` bytes starting
/// with the number in decimal (so its reply can be told from another's).
fn push_request(out: &mut Vec<u8>, mode: Mode, size: usize, seq: u64) {
    match mode {
        Mode::Http => out.extend_from_slice(HTTP_REQUEST),
        _ => {
            let start = out.len();
            let tag = format!("{seq}:");
            out.extend(tag.bytes().chain(std::iter::repeat(b'x')).take(size));
            debug_assert_eq!(out.len() - start, size);
        }
    }
}

/// Length of a complete HTTP response at the start of `buf`, if there is one, and
/// whether it is a `200`.
fn http_response(buf: &[u8]) -> Option<(usize, bool)> {
    let head_end = buf.windows(4).position(|w| w == b"\r\n\r\n")? + 4;
    let Ok(head) = std::str::from_utf8(&buf[..head_end]) else {
        return Some((head_end, false));
    };
    let length = head
        .lines()
        .find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case("content-length")
                .then(|| v.trim().parse::<usize>().ok())?
        })
        .unwrap_or(0);
    let ok = head.starts_with("HTTP/1.1 200 ");
    (buf.len() >= head_end + length).then_some((head_end + length, ok))
}

/// The next complete reply at the start of `got` for request `seq`: its length and
/// whether it is the right one.
fn reply(
    mode: Mode,
    got: &[u8],
    size: usize,
    seq: u64,
    scratch: &mut Vec<u8>,
) -> Option<(usize, bool)> {
    match mode {
        Mode::Echo => {
            if got.len() < size {
                return None;
            }
            scratch.clear();
            push_request(scratch, mode, size, seq);
            Some((size, got[..size] == scratch[..]))
        }
        Mode::Http => http_response(got),
        Mode::Idle => None,
    }
}

/// CPU time this thread has used (`/proc/thread-self/schedstat`, in ns), when the
/// system says.
fn cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

/// Queue requests on `c` until `depth` are in flight, and write what the socket takes.
/// `Err` when the connection failed.
fn fill_and_write(c: &mut Conn, mode: Mode, size: usize, depth: usize) -> Result<(), ()> {
    while c.inflight.len() < depth {
        push_request(&mut c.out, mode, size, c.next_seq);
        c.inflight.push_back((c.next_seq, Instant::now()));
        c.next_seq += 1;
    }
    while c.out_at < c.out.len() {
        match c.sock.write(&c.out[c.out_at..]) {
            Ok(k) => c.out_at += k,
            Err(e) if e.kind() == ErrorKind::WouldBlock => break,
            Err(_) => return Err(()),
        }
    }
    if c.out_at == c.out.len() {
        c.out.clear();
        c.out_at = 0;
    }
    Ok(())
}

fn run(
    mode: Mode,
    addr: SocketAddr,
    n: usize,
    length: Duration,
    size: usize,
    depth: usize,
) -> std::io::Result<String> {
    let mut poll = Poll::new()?;
    let mut events = Events::with_capacity(1024);
    let mut conns = Vec::with_capacity(n);
    for i in 0..n {
        let mut sock = TcpStream::connect(addr)?;
        poll.registry()
            .register(&mut sock, Token(i), Interest::READABLE | Interest::WRITABLE)?;
        conns.push(Conn {
            sock,
            inflight: VecDeque::with_capacity(depth),
            next_seq: 0,
            out: Vec::new(),
            out_at: 0,
            got: Vec::with_capacity(256),
            connected: false,
        });
    }
    let start = Instant::now();
    let cpu_start = cpu_ns();
    let deadline = start + length;
    let mut latencies: Vec<u32> = Vec::with_capacity(1 << 20);
    let mut errors = 0u64;
    let mut bad = 0u64;
    let mut buf = vec![0u8; 64 * 1024];
    let mut scratch = Vec::new();
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
            }
            if mode == Mode::Idle || !c.connected {
                continue;
            }
            let mut failed = fill_and_write(c, mode, size, depth).is_err();
            // Read what has come; check and count each complete reply, in order.
            loop {
                match c.sock.read(&mut buf) {
                    Ok(0) => {
                        failed = true;
                        break;
                    }
                    Ok(k) => c.got.extend_from_slice(&buf[..k]),
                    Err(e) if e.kind() == ErrorKind::WouldBlock => break,
                    Err(_) => {
                        failed = true;
                        break;
                    }
                }
            }
            let mut used = 0;
            while let Some(&(seq, sent_at)) = c.inflight.front() {
                let Some((len, ok)) = reply(mode, &c.got[used..], size, seq, &mut scratch) else {
                    break;
                };
                used += len;
                c.inflight.pop_front();
                if ok {
                    latencies.push(sent_at.elapsed().as_micros().min(u32::MAX as u128) as u32);
                } else {
                    bad += 1;
                }
            }
            c.got.drain(..used);
            if !failed && used > 0 {
                failed = fill_and_write(c, mode, size, depth).is_err();
            }
            if failed {
                errors += 1;
                open -= 1;
                c.connected = false;
                let _ = poll.registry().deregister(&mut c.sock);
            }
        }
    }
    let took = start.elapsed().as_secs_f64();
    let cpu_pct = match (cpu_start, cpu_ns()) {
        (Some(a), Some(b)) => format!("{:.0}", (b - a) as f64 / 1e9 / took * 100.0),
        _ => "?".to_owned(),
    };
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
        "mode={mode_name} conns={n} depth={depth} connected={connected} requests={} rps={:.0} p50_us={} p99_us={} errors={errors} bad={bad} cpu_pct={cpu_pct}",
        latencies.len(),
        latencies.len() as f64 / took,
        pct(0.50),
        pct(0.99)
    ))
}
