//! Whole programs: `examples/fan_out.py` (its own servers, or given addresses that
//! stall or refuse), `examples/demo.py` (1,000 clients in one process), and small
//! client scripts whose `settimeout` expires or whose connection is refused.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::Duration;

use crate::support::*;

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn fan_out_asks_its_own_servers_in_parallel() {
    let path = example("fan_out.py");
    let (out, _) = run(&[path.to_str().expect("utf-8")], Duration::from_secs(20));
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", text(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 21, "{stdout}");
    for (i, line) in lines[..20].iter().enumerate() {
        let want = format!(" -> widget {}", 100 + 7 * i);
        assert!(line.starts_with("127.0.0.1:"), "{line}");
        assert!(line.ends_with(&want), "{line} should end with {want:?}");
    }
    let summary = lines[20];
    assert!(summary.starts_with("asked 20 servers in "), "{summary}");
    assert!(summary.ends_with(" s; cheapest: widget 100"), "{summary}");
    // The delays add up to 1.4 s; in parallel the slowest (0.09 s) sets the pace.
    let secs: f64 = summary["asked 20 servers in ".len()..]
        .split(' ')
        .next()
        .and_then(|t| t.parse().ok())
        .expect("a time in the summary");
    assert!(secs < 1.0, "the fan-out took {secs} s: not in parallel?");
}

/// A server that answers `widget\n` with `widget PRICE\n` once per connection.
fn price_server(price: u32) -> (u16, std::thread::JoinHandle<()>) {
    let l = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = l.local_addr().expect("addr").port();
    let h = std::thread::spawn(move || {
        if let Ok((mut c, _)) = l.accept() {
            c.set_read_timeout(Some(IO_LIMIT)).expect("timeout");
            let mut buf = [0u8; 64];
            let _ = c.read(&mut buf);
            let _ = c.write_all(format!("widget {price}\n").as_bytes());
        }
    });
    (port, h)
}

#[test]
fn fan_out_to_given_servers() {
    let (p1, h1) = price_server(42);
    let (p2, h2) = price_server(17);
    let (out, _) = run(
        &[
            example("fan_out.py").to_str().expect("utf-8"),
            &format!("127.0.0.1:{p1}"),
            &format!("127.0.0.1:{p2}"),
        ],
        Duration::from_secs(20),
    );
    h1.join().expect("server 1");
    h2.join().expect("server 2");
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines[0], format!("127.0.0.1:{p1} -> widget 42"));
    assert_eq!(lines[1], format!("127.0.0.1:{p2} -> widget 17"));
    assert!(lines[2].ends_with("cheapest: widget 17"), "{stdout}");
}

#[test]
fn fan_out_to_a_refused_port_raises_connection_refused() {
    let (p1, h1) = price_server(5);
    let refused = free_port();
    let (out, took) = run(
        &[
            example("fan_out.py").to_str().expect("utf-8"),
            &format!("127.0.0.1:{p1}"),
            &format!("127.0.0.1:{refused}"),
        ],
        Duration::from_secs(20),
    );
    h1.join().expect("server");
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.ends_with("ConnectionRefusedError: [Errno 111] Connection refused\n"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(took < Duration::from_secs(5), "refusal took {took:?}");
}

#[test]
fn fan_out_to_a_silent_server_times_out() {
    // Accepts (the kernel does, via the backlog) but never answers: fan_out's
    // create_connection(timeout=5) makes its readline raise TimeoutError.
    let silent = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = silent.local_addr().expect("addr").port();
    let (out, took) = run(
        &[
            example("fan_out.py").to_str().expect("utf-8"),
            &format!("127.0.0.1:{port}"),
        ],
        Duration::from_secs(20),
    );
    drop(silent);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.ends_with("TimeoutError: timed out\n"), "{stderr}");
    assert!(
        took >= Duration::from_millis(4900) && took < Duration::from_secs(15),
        "the 5 s timeout took {took:?}"
    );
}

/// A client that keeps working through a timeout, a refusal, a reset and a
/// half-close, each an ordinary Python outcome; its server stalls on purpose.
const CLIENT: &str = r#"
import socket, sys, time
import micro_thread

port, refused = int(sys.argv[1]), int(sys.argv[2])

s = socket.create_connection(("127.0.0.1", port))
s.settimeout(0.2)
s.sendall(b"stall\n")
try:
    s.recv(100)
except TimeoutError as e:
    print("stalled server:", type(e).__name__, e)
s.settimeout(5)
s.sendall(b"answer\n")
print("then:", s.recv(100))
s.sendall(b"reset\n")
try:
    print("reset:", s.recv(100))
except ConnectionResetError as e:
    print("reset: ConnectionResetError", e.strerror)
s.close()

try:
    socket.create_connection(("127.0.0.1", refused))
except ConnectionRefusedError as e:
    print("refused:", e)

t = socket.create_connection(("127.0.0.1", port))
t.settimeout(5)
t.sendall(b"close\n")
print("half-closed by the server:", t.recv(100), t.recv(100))
t.sendall(b"still writable\n")
t.close()


# The same timeout in one micro_thread while another goes on.
def ticker():
    for i in range(3):
        time.sleep(0.01)
    return "ticker done"


u = socket.create_connection(("127.0.0.1", port))
u.settimeout(0.1)
u.sendall(b"stall\n")
k = micro_thread.start_in_parallel(ticker)
try:
    u.recv(1)
except TimeoutError as e:
    print("again:", e)
print(k.wait())
print("done")
"#;

#[test]
fn client_script_survives_timeout_refusal_reset_and_half_close() {
    use std::io::BufRead;
    let l = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = l.local_addr().expect("addr").port();
    let server = std::thread::spawn(move || {
        // Three connections: the first stalls, answers, then resets; the second
        // is half-closed by us; the third only stalls.
        for _ in 0..3 {
            let (c, _) = l.accept().expect("accept");
            c.set_read_timeout(Some(IO_LIMIT)).expect("timeout");
            let mut r = std::io::BufReader::new(c.try_clone().expect("clone"));
            let mut c = c;
            let mut line = String::new();
            while {
                line.clear();
                r.read_line(&mut line).unwrap_or(0) > 0
            } {
                match line.trim() {
                    "stall" => {}
                    "answer" => c.write_all(b"late answer").expect("write"),
                    "reset" => {
                        reset(c);
                        break;
                    }
                    "close" => {
                        c.write_all(b"bye").expect("write");
                        c.shutdown(std::net::Shutdown::Write).expect("shutdown");
                    }
                    _ => {}
                }
            }
        }
    });
    let path = script("client.py", CLIENT);
    let refused = free_port();
    let (out, _) = run(
        &[
            path.to_str().expect("utf-8"),
            &port.to_string(),
            &refused.to_string(),
        ],
        Duration::from_secs(20),
    );
    server.join().expect("server thread");
    assert_eq!(
        text(&out.stdout),
        "stalled server: TimeoutError timed out\n\
         then: b'late answer'\n\
         reset: ConnectionResetError Connection reset by peer\n\
         refused: [Errno 111] Connection refused\n\
         half-closed by the server: b'bye' b''\n\
         again: timed out\n\
         ticker done\n\
         done\n",
        "stderr: {}",
        text(&out.stderr)
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
}

fn demo(args: &[&str], limit: Duration) -> String {
    let path = example("demo.py");
    let mut all = vec![path.to_str().expect("utf-8")];
    all.extend_from_slice(args);
    let (out, took) = run(&all, limit);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", text(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
    eprintln!("demo.py {args:?}: {took:?}");
    stdout
}

#[test]
fn demo_small() {
    let out = demo(&["200", "20"], Duration::from_secs(20));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines[0].ends_with("starting 200 clients x 20 round trips"),
        "{out}"
    );
    assert!(
        lines[1].starts_with("200 clients made 4000 round trips, every echo checked, in "),
        "{out}"
    );
}

#[test]
fn demo_thousand_clients() {
    let out = demo(&[], Duration::from_secs(30));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines[0].ends_with("starting 1000 clients x 100 round trips"),
        "{out}"
    );
    assert!(
        lines[1].starts_with("1000 clients made 100000 round trips, every echo checked, in "),
        "{out}"
    );
}
