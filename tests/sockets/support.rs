//! Shared helpers: an example server run as a child process on a free loopback port
//! (killed on drop), clients with bounded waits, and the checks every test repeats.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, ErrorKind, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// The longest any single read, write or connect may wait before the test fails.
pub const IO_LIMIT: Duration = Duration::from_secs(10);

pub fn example(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
}

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_microthreading")
}

/// A port nothing listens on right now (bound, read, released: another process
/// may take it before we do, which is why `Server::start` retries).
pub fn free_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    l.local_addr().expect("local address").port()
}

/// An example server running as a child process. Dropping it kills the child.
pub struct Server {
    child: Child,
    pub port: u16,
    /// The first line it printed ("... listening on ...").
    pub banner: String,
    stderr: Arc<Mutex<Vec<u8>>>,
}

impl Server {
    /// Start `examples/<script> PORT` and wait until it prints its first line.
    pub fn start(script: &str) -> Server {
        Server::start_with(script, &[])
    }

    /// `start` with more arguments after the port.
    pub fn start_with(script: &str, args: &[&str]) -> Server {
        // 1,000 connections at once need a descriptor limit above the usual soft 1,024
        // in this process and in the server (a child inherits it): raise the soft limit
        // to the hard one.
        let _ = rlimit::increase_nofile_limit(u64::MAX);
        let mut last = String::new();
        for _ in 0..5 {
            let port = free_port();
            match Server::try_start(script, port, args) {
                Ok(s) => return s,
                Err(why) => last = why,
            }
        }
        panic!("{script} did not start: {last}");
    }

    fn try_start(script: &str, port: u16, args: &[&str]) -> Result<Server, String> {
        let mut child = Command::new(bin())
            .arg(example(script))
            .arg(port.to_string())
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start the example server");
        let stderr = Arc::new(Mutex::new(Vec::new()));
        let _ = drain(child.stderr.take().expect("stderr pipe"), stderr.clone());
        let stdout = child.stdout.take().expect("stdout pipe");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut lines = BufReader::new(stdout);
            let mut first = String::new();
            let _ = lines.read_line(&mut first);
            let _ = tx.send(first);
            // Keep draining, so a chatty server never blocks on a full pipe.
            let mut rest = Vec::new();
            let _ = lines.read_to_end(&mut rest);
        });
        let mut server = Server {
            child,
            port,
            banner: String::new(),
            stderr,
        };
        match rx.recv_timeout(IO_LIMIT) {
            Ok(line) if line.contains(&format!("127.0.0.1:{port}")) => {
                server.banner = line;
                Ok(server)
            }
            Ok(line) => {
                // Most likely the port was taken meanwhile ("Address already in use").
                let _ = server.child.wait();
                Err(format!("printed {line:?}; stderr: {}", server.stderr()))
            }
            Err(_) => Err("no line on stdout in time".into()),
        }
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.stderr.lock().expect("stderr buffer")).into_owned()
    }

    /// The server is still running and has not panicked (a Python traceback for a
    /// client that reset is an ordinary outcome; a Rust panic or a crash is not).
    pub fn assert_alive(&mut self) {
        let status = self.child.try_wait().expect("poll the server");
        assert!(
            status.is_none(),
            "the server exited ({status:?}); stderr:\n{}",
            self.stderr()
        );
        let err = self.stderr();
        assert!(!err.contains("panicked"), "the server panicked:\n{err}");
    }

    pub fn connect(&self) -> TcpStream {
        connect(self.port)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn drain(mut r: impl Read + Send + 'static, into: Arc<Mutex<Vec<u8>>>) -> JoinHandle<()> {
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        loop {
            match r.read(&mut buf) {
                Ok(0) | Err(_) => return,
                Ok(n) => into.lock().expect("buffer").extend_from_slice(&buf[..n]),
            }
        }
    })
}

/// A client connection whose every read and write gives up after `IO_LIMIT`.
pub fn connect(port: u16) -> TcpStream {
    let addr = std::net::SocketAddr::from(([127, 0, 0, 1], port));
    let s = TcpStream::connect_timeout(&addr, IO_LIMIT).expect("connect to the server");
    s.set_read_timeout(Some(IO_LIMIT)).expect("read timeout");
    s.set_write_timeout(Some(IO_LIMIT)).expect("write timeout");
    s
}

/// Read exactly `n` bytes (a timeout or an early end fails the test).
pub fn read_n(s: &mut TcpStream, n: usize) -> Vec<u8> {
    let mut buf = vec![0; n];
    s.read_exact(&mut buf)
        .unwrap_or_else(|e| panic!("reading {n} bytes: {e}"));
    buf
}

/// Read until the server closes the connection.
pub fn read_to_eof(s: &mut TcpStream) -> Vec<u8> {
    let mut out = Vec::new();
    s.read_to_end(&mut out)
        .unwrap_or_else(|e| panic!("reading to the end ({} bytes so far): {e}", out.len()));
    out
}

/// The server has nothing more to say and closes when we do: `recv` returns 0.
pub fn assert_eof(s: &mut TcpStream) {
    let mut b = [0u8; 1];
    match s.read(&mut b) {
        Ok(0) => {}
        Ok(_) => panic!("expected end of stream, got a byte {:?}", b[0] as char),
        Err(e) => panic!("expected end of stream, got {e}"),
    }
}

/// No byte arrives within `wait`.
pub fn assert_silent(s: &mut TcpStream, wait: Duration) {
    s.set_read_timeout(Some(wait)).expect("read timeout");
    let mut b = [0u8; 1];
    match s.read(&mut b) {
        Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
        Ok(n) => panic!("expected silence, read {n} bytes"),
        Err(e) => panic!("expected silence, got {e}"),
    }
    s.set_read_timeout(Some(IO_LIMIT)).expect("read timeout");
}

/// Close with SO_LINGER 0: the kernel sends a reset instead of a FIN.
pub fn reset(s: TcpStream) {
    socket2::SockRef::from(&s)
        .set_linger(Some(Duration::ZERO))
        .expect("SO_LINGER 0");
    drop(s);
}

/// A recognisable payload: every 8 bytes spell their own offset, so a lost,
/// repeated or reordered chunk shows where it happened.
pub fn pattern(len: usize, seed: u8) -> Vec<u8> {
    let mut v = Vec::with_capacity(len + 8);
    let mut i = 0u64;
    while v.len() < len {
        v.extend_from_slice(format!("{:07x}", i % 0x1000_0000).as_bytes());
        v.push(b'a' + (seed % 26));
        i += 1;
    }
    v.truncate(len);
    v
}

/// Where two byte strings first differ (for a readable failure).
pub fn first_difference(a: &[u8], b: &[u8]) -> Option<usize> {
    a.iter()
        .zip(b)
        .position(|(x, y)| x != y)
        .or((a.len() != b.len()).then(|| a.len().min(b.len())))
}

pub fn assert_same(got: &[u8], want: &[u8], what: &str) {
    if let Some(at) = first_difference(got, want) {
        panic!(
            "{what}: {} bytes back for {} sent; first difference at byte {at}",
            got.len(),
            want.len()
        );
    }
}

/// Send `data` from a thread of its own while this one reads the echo back: the
/// way to move more than the socket buffers hold through an echo server.
pub fn echo_round_trip(s: &mut TcpStream, data: Arc<Vec<u8>>) -> Vec<u8> {
    let mut w = s.try_clone().expect("clone the stream");
    let d = data.clone();
    let writer: JoinHandle<()> = std::thread::spawn(move || {
        for chunk in d.chunks(64 * 1024) {
            w.write_all(chunk).expect("write to the echo server");
        }
    });
    let got = read_n(s, data.len());
    writer.join().expect("writer thread");
    got
}

/// A fresh client gets exactly its bytes back, then end of stream after it
/// half-closes: the server still serves.
pub fn assert_echoes(port: u16, tag: &str) {
    let mut s = connect(port);
    let msg = pattern(10_000, tag.len() as u8);
    s.write_all(&msg).expect("write");
    let got = read_n(&mut s, msg.len());
    assert_same(&got, &msg, tag);
    s.shutdown(Shutdown::Write).expect("half-close");
    assert_eof(&mut s);
}

/// Run `microthreading ARGS...` to its end (killed after `limit`).
pub fn run(args: &[&str], limit: Duration) -> (Output, Duration) {
    let start = Instant::now();
    let mut child = Command::new(bin())
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start microthreading");
    let out_buf = Arc::new(Mutex::new(Vec::new()));
    let err_buf = Arc::new(Mutex::new(Vec::new()));
    let readers = [
        drain(child.stdout.take().expect("stdout"), out_buf.clone()),
        drain(child.stderr.take().expect("stderr"), err_buf.clone()),
    ];
    let status = loop {
        if let Some(st) = child.try_wait().expect("wait") {
            break st;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "{args:?} still running after {limit:?}; stdout:\n{}\nstderr:\n{}",
                String::from_utf8_lossy(&out_buf.lock().expect("out")),
                String::from_utf8_lossy(&err_buf.lock().expect("err"))
            );
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let took = start.elapsed();
    // The pipes close with the process: the readers end.
    for r in readers {
        r.join().expect("pipe reader");
    }
    let stdout = out_buf.lock().expect("out").clone();
    let stderr = err_buf.lock().expect("err").clone();
    (
        Output {
            status,
            stdout,
            stderr,
        },
        took,
    )
}

/// Write a Python script to a fresh temporary folder and return its path.
pub fn script(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "mt-sockets-{}-{}",
        std::process::id(),
        name.trim_end_matches(".py")
    ));
    std::fs::create_dir_all(&dir).expect("temp folder");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write the script");
    path
}
