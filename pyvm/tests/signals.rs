//! Signals reach micro-threads: SIGINT raises `KeyboardInterrupt` in the main
//! micro-thread while it sleeps in the reactor, SIGTERM kills as in CPython unless a
//! Python handler is set (then the handler runs in the main micro-thread, whatever
//! it waits for), and SIGUSR1 prints every micro-thread without stopping anything —
//! also while another micro-thread spins without ever waiting (it is switched out at
//! its next backward jump so the driver can deliver the signal).

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const SCRIPT: &str = r#"
import time
from micro_thread import start_and_forget

def bg():
    try:
        time.sleep(30)
    finally:
        print("bg finally", flush=True)

start_and_forget(bg)
try:
    print("ready", flush=True)
    time.sleep(30)
except KeyboardInterrupt:
    print("KeyboardInterrupt in main", flush=True)
finally:
    print("main finally", flush=True)
"#;

/// The same program, with a micro-thread that spins (never waits) while main sleeps.
const SPINNING: &str = r#"
import time
from micro_thread import start_and_forget

def spin():
    n = 0
    try:
        while True:
            n += 1
    finally:
        print("spin finally", n > 0, flush=True)

try:
    print("ready", flush=True)
    start_and_forget(spin)
    time.sleep(30)
except KeyboardInterrupt:
    print("KeyboardInterrupt in main", flush=True)
finally:
    print("main finally", flush=True)
"#;

/// Start the script and wait (bounded) until it says it is ready.
fn start() -> (Child, BufReader<std::process::ChildStdout>) {
    start_script("sig.py", SCRIPT)
}

fn start_script(name: &str, script: &str) -> (Child, BufReader<std::process::ChildStdout>) {
    start_script_args(name, script, &[])
}

fn start_script_args(
    name: &str,
    script: &str,
    args: &[&str],
) -> (Child, BufReader<std::process::ChildStdout>) {
    let dir = std::env::temp_dir().join(format!("pyvm-signals-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp dir");
    let path = dir.join(name);
    std::fs::write(&path, script).expect("the script is written");
    let mut child = Command::new(env!("CARGO_BIN_EXE_pyvm"))
        .arg(&path)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("pyvm starts");
    let mut out = BufReader::new(child.stdout.take().expect("stdout"));
    let mut line = String::new();
    out.read_line(&mut line).expect("a first line");
    assert_eq!(line, "ready\n");
    // The main micro-thread is now (about to be) suspended in its sleep.
    std::thread::sleep(Duration::from_millis(100));
    (child, out)
}

fn send(child: &Child, sig: &str) {
    let ok = Command::new("kill")
        .args([sig, &child.id().to_string()])
        .status()
        .expect("kill runs")
        .success();
    assert!(ok, "kill {sig} failed");
}

/// Wait (at most 10 s) for the process to end; its status code and remaining stdout.
fn finish(
    mut child: Child,
    mut out: BufReader<std::process::ChildStdout>,
) -> (Option<i32>, String) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(status) = child.try_wait().expect("try_wait") {
            let mut rest = String::new();
            out.read_to_string(&mut rest).expect("stdout");
            return (status.code(), rest);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("pyvm did not exit within 10 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn sigint_raises_keyboard_interrupt_in_the_sleeping_main_thread() {
    let (child, out) = start();
    send(&child, "-INT");
    let (code, rest) = finish(child, out);
    assert_eq!(
        rest,
        "KeyboardInterrupt in main\nmain finally\nbg finally\n"
    );
    assert_eq!(code, Some(0));
}

/// SIGTERM with no Python handler keeps its default disposition: the process dies
/// by it at once, as CPython does.
#[test]
fn sigterm_without_a_handler_kills_the_process() {
    let (child, out) = start();
    send(&child, "-TERM");
    let (code, rest) = finish(child, out);
    assert_eq!(rest, "");
    assert_eq!(code, None, "killed by the signal, no exit status");
}

#[test]
fn sigusr1_dumps_every_micro_thread_and_goes_on() {
    let (mut child, out) = start();
    let mut err = child.stderr.take().expect("stderr");
    send(&child, "-USR1");
    std::thread::sleep(Duration::from_millis(200));
    send(&child, "-INT");
    let (code, _) = finish(child, out);
    let mut text = String::new();
    err.read_to_string(&mut text).expect("stderr");
    assert!(
        text.starts_with("micro_threads:\n  main (sleeping)"),
        "{text}"
    );
    assert!(text.contains("bg-") && text.contains("in bg\n"), "{text}");
    assert_eq!(code, Some(0));
}

#[test]
fn sigint_reaches_main_while_another_micro_thread_spins() {
    let (child, out) = start_script("spin_int.py", SPINNING);
    send(&child, "-INT");
    let (code, rest) = finish(child, out);
    assert_eq!(
        rest,
        "KeyboardInterrupt in main\nmain finally\nspin finally True\n"
    );
    assert_eq!(code, Some(0));
}

#[test]
fn sigusr1_dumps_while_a_micro_thread_spins() {
    let (mut child, out) = start_script("spin_usr1.py", SPINNING);
    let mut err = child.stderr.take().expect("stderr");
    send(&child, "-USR1");
    std::thread::sleep(Duration::from_millis(200));
    send(&child, "-INT");
    let (code, _) = finish(child, out);
    let mut text = String::new();
    err.read_to_string(&mut text).expect("stderr");
    assert!(text.contains("micro_threads:\n  main (sleeping)"), "{text}");
    assert!(
        text.contains("spin-") && text.contains("in spin\n"),
        "{text}"
    );
    assert_eq!(code, Some(0));
}

/// `-X preempt=SECONDS` turns preemption on from the command line: two CPU-bound
/// micro-threads both progress (without it the first runs to its end first).
#[test]
fn x_preempt_switch_shares_the_cpu() {
    let code = r#"
from micro_thread import start_in_parallel
p = {"a": 0, "b": 0}
def crunch(me, other):
    start, moved = p[other], False
    for i in range(800000):
        p[me] = i
        moved = moved or p[other] != start
    return moved
ta = start_in_parallel(crunch, "a", "b")
tb = start_in_parallel(crunch, "b", "a")
print(ta.wait(), tb.wait())
"#;
    let run = |extra: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_pyvm"))
            .args(extra)
            .args(["-c", code])
            .output()
            .expect("pyvm runs");
        assert!(out.status.success(), "{out:?}");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    assert_eq!(run(&["-X", "preempt=0.001"]), "True True\n");
    assert_eq!(run(&["-Xpreempt=0.001"]), "True True\n");
    assert_eq!(run(&[]), "False False\n");
}

/// Timed waits that end early cancel their timers: the process exits when its work
/// ends, not when the longest time limit would have passed (a lock acquired, an
/// event set — from a micro-thread and from an OS thread —, a condition notified, a
/// `micro_thread.timeout` block ended, a sleep cut short, socket calls with a
/// timeout done early), and 200,000 timed acquires leave no memory behind.
#[test]
fn timed_waits_that_end_early_do_not_delay_the_exit() {
    let code = r#"
import threading, time, micro_thread
from micro_thread import start_and_forget
lock = threading.Lock(); lock.acquire()
start_and_forget(lambda: (time.sleep(0.01), lock.release()))
print(lock.acquire(timeout=60))
e = threading.Event()
start_and_forget(lambda: (time.sleep(0.01), e.set()))
print(e.wait(60))
with micro_thread.timeout(60):
    time.sleep(0.01)
try:
    with micro_thread.timeout(0.01):
        time.sleep(60)
except TimeoutError:
    print("sleep cut short")
e = threading.Event()
threading.Thread(target=lambda: (time.sleep(0.01), e.set())).start()
print(e.wait(60))
cv = threading.Condition()
def notify():
    time.sleep(0.01)
    with cv:
        cv.notify()
threading.Thread(target=notify).start()
with cv:
    print(cv.wait(60))
import socket
srv = socket.create_server(("127.0.0.1", 0))
srv.settimeout(60)
c = socket.create_connection(srv.getsockname(), timeout=60)
a, _ = srv.accept()
a.settimeout(60)
start_and_forget(lambda: (time.sleep(0.01), c.sendall(b"x")))
print(a.recv(1))
def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS"):
            return int(line.split()[1]) * 1024
before = rss()
for i in range(200000):
    l = threading.Lock(); l.acquire()
    start_and_forget(l.release)
    l.acquire(timeout=3600)
grown = rss() - before
print("done", "grew %d MB" % (grown >> 20) if grown > 8 << 20 else "")
"#;
    let started = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_pyvm"))
        .args(["-c", code])
        .output()
        .expect("pyvm runs");
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "True\nTrue\nsleep cut short\nTrue\nTrue\nb'x'\ndone \n"
    );
    let took = started.elapsed();
    assert!(took < Duration::from_secs(20), "exit took {took:?}");
}

/// A server-style worker pool with a graceful-shutdown handler: SIGTERM's handler
/// runs in the main micro-thread while it waits in `join()` (the wait goes on after
/// the handler returns, PEP 475), the workers see the flag and finish their jobs.
const POOL: &str = r#"
import signal, threading, time, queue
stop = threading.Event()
jobs = queue.Queue()
done = []
def on_term(signum, frame):
    print("handler:", signal.Signals(signum).name, flush=True)
    stop.set()
signal.signal(signal.SIGTERM, on_term)
def worker(n):
    while not stop.is_set():
        try:
            job = jobs.get(timeout=0.05)
        except queue.Empty:
            continue
        done.append(job)
    print("worker", n, "stops", flush=True)
threads = [threading.Thread(target=worker, args=(i,)) for i in range(3)]
for t in threads:
    t.start()
for j in range(10):
    jobs.put(j)
print("ready", flush=True)
for t in threads:
    t.join()
print("jobs done:", sorted(done), flush=True)
"#;

#[test]
fn sigterm_handler_runs_while_main_joins_and_the_pool_shuts_down() {
    let (child, out) = start_script("pool.py", POOL);
    send(&child, "-TERM");
    let (code, rest) = finish(child, out);
    let mut lines: Vec<&str> = rest.lines().collect();
    assert_eq!(lines.first(), Some(&"handler: SIGTERM"), "{rest}");
    assert_eq!(
        lines.last(),
        Some(&"jobs done: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]"),
        "{rest}"
    );
    lines.sort();
    assert_eq!(
        &lines[2..],
        ["worker 0 stops", "worker 1 stops", "worker 2 stops"],
        "{rest}"
    );
    assert_eq!(code, Some(0));
}

/// Waits of every kind; SIGUSR2's handler (which returns) runs during each and the
/// wait goes on; SIGINT then raises `KeyboardInterrupt` out of it.
const WAITS: &str = r#"
import signal, socket, sys, threading, time, select
kind = sys.argv[1]
def on_usr2(signum, frame):
    print("usr2 handled", flush=True)
signal.signal(signal.SIGUSR2, on_usr2)
lock = threading.Lock()
lock.acquire()
def hold():
    time.sleep(30)
threading.Thread(target=hold, daemon=True).start()
srv = socket.socket()
srv.bind(("127.0.0.1", 0))
srv.listen()
print("ready", flush=True)
try:
    if kind == "lock":
        lock.acquire()
    elif kind == "event":
        threading.Event().wait()
    elif kind == "accept":
        srv.accept()
    elif kind == "select":
        select.select([srv], [], [])
    elif kind == "sleep":
        time.sleep(30)
    elif kind == "pause":
        while True:
            signal.pause()
except KeyboardInterrupt:
    print("KeyboardInterrupt from", kind, flush=True)
"#;

#[test]
fn handlers_run_during_every_wait_and_sigint_ends_it() {
    for kind in ["lock", "event", "accept", "select", "sleep", "pause"] {
        let (child, mut out) = start_script_args("waits.py", WAITS, &[kind]);
        send(&child, "-USR2");
        let mut line = String::new();
        out.read_line(&mut line).expect("a line");
        assert_eq!(line, "usr2 handled\n", "{kind}");
        send(&child, "-INT");
        let (code, rest) = finish(child, out);
        assert_eq!(rest, format!("KeyboardInterrupt from {kind}\n"));
        assert_eq!(code, Some(0), "{kind}");
    }
}

/// An uncaught `KeyboardInterrupt` ends the process by SIGINT, as CPython's does
/// (the shell shows 130), after its traceback.
#[test]
fn uncaught_keyboard_interrupt_dies_by_sigint() {
    use std::os::unix::process::ExitStatusExt;
    let (mut child, out) = start_script(
        "kbd.py",
        "import time\nprint('ready', flush=True)\ntime.sleep(30)\n",
    );
    let mut err = child.stderr.take().expect("stderr");
    send(&child, "-INT");
    drop(out);
    let status = wait_bounded(&mut child);
    let mut text = String::new();
    err.read_to_string(&mut text).expect("stderr");
    assert_eq!(status.signal(), Some(2), "{status:?}");
    assert!(
        text.ends_with("    time.sleep(30)\nKeyboardInterrupt\n"),
        "{text}"
    );
}

/// Wait (at most 10 s) for the process to end.
fn wait_bounded(child: &mut Child) -> std::process::ExitStatus {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(status) = child.try_wait().expect("try_wait") {
            return status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("pyvm did not exit within 10 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A program whose work ends early exits then, not when the longest timer it set
/// would have fired: the golden script with OS threads and timed lock waits
/// (`acquire(timeout=5)`) runs in a fraction of a second.
#[test]
fn os_threads_reactors_exits_when_its_work_ends() {
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/py/micro_threads/os_threads_reactors.py"
    );
    let started = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_pyvm"))
        .arg(script)
        .output()
        .expect("pyvm runs");
    let took = started.elapsed();
    assert!(out.status.success(), "{out:?}");
    assert!(took < Duration::from_secs(3), "exit took {took:?}");
}

/// A server's idiom: the main thread waits on an event only a signal's handler sets.
/// With a handler set, all micro-threads waiting is no deadlock: the signal ends it.
#[test]
fn waiting_for_a_signal_handler_is_no_deadlock() {
    let script = r#"
import signal, threading
stop = threading.Event()
signal.signal(signal.SIGTERM, lambda signum, frame: stop.set())
print("ready", flush=True)
stop.wait()
print("stopped cleanly", flush=True)
"#;
    let (child, out) = start_script("idle.py", script);
    std::thread::sleep(Duration::from_millis(200));
    send(&child, "-TERM");
    let (code, rest) = finish(child, out);
    assert_eq!(rest, "stopped cleanly\n");
    assert_eq!(code, Some(0));
}

/// The most common handler: `sys.exit()` from SIGTERM's handler, while the main
/// micro-thread sleeps; its `finally` block runs and the status is the handler's.
#[test]
fn sys_exit_from_a_sigterm_handler_ends_the_program_with_its_status() {
    let script = r#"
import signal, sys, time
signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(3))
try:
    print("ready", flush=True)
    time.sleep(30)
finally:
    print("cleanup", flush=True)
"#;
    let (child, out) = start_script("exit3.py", script);
    send(&child, "-TERM");
    let (code, rest) = finish(child, out);
    assert_eq!(rest, "cleanup\n");
    assert_eq!(code, Some(3));
}

/// `faulthandler.enable()`: a fatal signal writes CPython's first line to stderr and
/// still kills the process by that signal; after `disable()` the signal does what it
/// does when faulthandler was never enabled (the previous disposition is back).
#[test]
fn faulthandler_reports_a_fatal_signal_and_dies_of_it() {
    use std::os::unix::process::ExitStatusExt;
    let run = |enable: &str| {
        let script = format!(
            "import faulthandler, os, signal\n{enable}\nprint('before', faulthandler.is_enabled(), flush=True)\nos.kill(os.getpid(), signal.SIGSEGV)\nprint('not reached')\n"
        );
        Command::new(env!("CARGO_BIN_EXE_pyvm"))
            .args(["-c", &script])
            .output()
            .expect("pyvm runs")
    };
    let out = run("faulthandler.enable()");
    assert_eq!(out.status.signal(), Some(11), "{out:?}");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "before True\n");
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .starts_with("Fatal Python error: Segmentation fault\n\n"),
        "{out:?}"
    );
    let out = run("faulthandler.enable(); faulthandler.disable()");
    let never = run("");
    assert_eq!(out.status.signal(), never.status.signal(), "{out:?}");
    assert_eq!(out.stdout, never.stdout);
    assert!(!String::from_utf8_lossy(&out.stderr).contains("Fatal Python error"));
}
