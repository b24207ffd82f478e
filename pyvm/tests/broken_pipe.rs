//! Writing to a closed stdout pipe, as CPython does it: SIGPIPE is ignored, the write
//! raises `BrokenPipeError` (an uncaught one ends the program with its traceback and
//! status 1, so an endless producer stops), and a failure of the last flush at exit
//! is reported as "Exception ignored in: <stdout>" with status 120.

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn script(name: &str, text: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("pyvm-pipes-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp dir");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("the script is written");
    path
}

/// Wait (at most 10 s) for the process to end: its status code and stderr.
fn finish(mut child: Child) -> (Option<i32>, String) {
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = child.try_wait().expect("try_wait") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("pyvm did not exit within 10 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut err = String::new();
    if let Some(mut e) = child.stderr.take() {
        e.read_to_string(&mut err).expect("stderr");
    }
    (status.code(), err)
}

/// `pyvm x.py | head -1`: the reader takes one line and goes away.
fn first_line_then_close(name: &str, text: &str) -> (Option<i32>, String) {
    let path = script(name, text);
    let mut child = Command::new(env!("CARGO_BIN_EXE_pyvm"))
        .arg(&path)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("pyvm starts");
    let mut out = BufReader::new(child.stdout.take().expect("stdout"));
    let mut line = String::new();
    out.read_line(&mut line).expect("a first line");
    assert!(!line.is_empty());
    drop(out);
    finish(child)
}

#[test]
fn a_long_printer_into_a_closed_pipe_raises_broken_pipe_error() {
    let (code, err) = first_line_then_close(
        "long.py",
        "for i in range(200000):\n    print('line', i)\nprint('never', file=__import__('sys').stderr)\n",
    );
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.starts_with("Traceback (most recent call last):\n"),
        "{err}"
    );
    assert!(
        err.ends_with("    print('line', i)\nBrokenPipeError: [Errno 32] Broken pipe\n"),
        "{err}"
    );
}

#[test]
fn an_endless_producer_stops() {
    let (code, err) = first_line_then_close("endless.py", "while True:\n    print('y')\n");
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.ends_with("BrokenPipeError: [Errno 32] Broken pipe\n"),
        "{err}"
    );
}

#[test]
fn broken_pipe_error_can_be_caught() {
    let (code, err) = first_line_then_close(
        "caught.py",
        "import sys\ntry:\n    while True:\n        print('y')\nexcept BrokenPipeError as e:\n    print('caught', e.errno, type(e).__mro__[1].__name__, file=sys.stderr)\n",
    );
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(err, "caught 32 ConnectionError\n");
}

/// Nothing fails before the exit: the last flush does, and is reported as CPython
/// reports it.
#[test]
fn a_failed_flush_at_exit_is_reported_with_status_120() {
    let path = script("short.py", "print('a few words')\n");
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    let child = Command::new(env!("CARGO_BIN_EXE_pyvm"))
        .arg(&path)
        // Buffered output (the test is about the flush at exit).
        .env_remove("PYTHONUNBUFFERED")
        .stdout(writer)
        .stderr(Stdio::piped())
        .spawn()
        .expect("pyvm starts");
    let (code, err) = finish(child);
    assert_eq!(code, Some(120), "{err}");
    assert_eq!(
        err,
        "Exception ignored in: <_io.TextIOWrapper name='<stdout>' mode='w' encoding='utf-8'>\nBrokenPipeError: [Errno 32] Broken pipe\n"
    );
}

/// `sys.stderr` into a closed pipe raises too.
#[test]
fn stderr_into_a_closed_pipe_raises_broken_pipe_error() {
    let path = script(
        "err.py",
        "import sys\ntry:\n    sys.stderr.write('x' * 100000)\nexcept BrokenPipeError as e:\n    print('caught', e.errno)\n",
    );
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    let out = Command::new(env!("CARGO_BIN_EXE_pyvm"))
        .arg(&path)
        .stdout(Stdio::piped())
        .stderr(writer)
        .output()
        .expect("pyvm runs");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "caught 32\n");
    assert_eq!(out.status.code(), Some(0));
}

/// What the program printed before a panic (a bug) is still written out. (The
/// formatting below panicked when this test was written; once it no longer does,
/// the program simply goes on and the test still holds.)
#[test]
fn a_panic_still_flushes_what_was_printed() {
    let out = Command::new(env!("CARGO_BIN_EXE_pyvm"))
        .args([
            "-c",
            "print('printed before')\ntry:\n    '%.65536f' % 1.0\nexcept Exception:\n    pass\n",
        ])
        .output()
        .expect("pyvm runs");
    assert!(
        String::from_utf8_lossy(&out.stdout).starts_with("printed before\n"),
        "{out:?}"
    );
}
