//! OS threads are cheap in address space, as in CPython: a started thread's own native
//! stack is small (its Python frames live on the heap, its micro-threads run on worker
//! stacks sized by `_thread.stack_size()`) and the process reserves little up front,
//! so hundreds of them start under an address-space limit (`ulimit -v`). (Before: 64
//! MiB of stack each, whatever `stack_size()` said, and 1.4 GB reserved at start: a
//! handful under 1 GiB.)

use std::process::{Command, Output};

/// Start `n` OS threads that all wait on one event, under an address-space limit of
/// `limit_kib`, with `threading.stack_size(stack)` first when given; the program says
/// how many started.
fn start_threads(n: usize, limit_kib: u64, stack: Option<usize>) -> Output {
    let set = stack.map_or(String::new(), |s| format!("threading.stack_size({s})"));
    let script = format!(
        r#"
import threading
{set}
stop = threading.Event()
started = 0
try:
    for _ in range({n}):
        threading.Thread(target=stop.wait, daemon=True).start()
        started += 1
except RuntimeError as e:
    print("stopped:", e)
print("started", started)
stop.set()
"#
    );
    // The limit is set by the shell the program is started from (`ulimit -v`); each
    // OS thread's reactor has a few descriptors: the soft limit on them is raised.
    Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -n $(ulimit -Hn) 2>/dev/null; ulimit -v {limit_kib} && exec \"$0\" -c \"$1\""
        ))
        .arg(env!("CARGO_BIN_EXE_pyvm"))
        .arg(script)
        .output()
        .expect("sh runs")
}

fn check(n: usize, limit_kib: u64, stack: Option<usize>) {
    let o = start_threads(n, limit_kib, stack);
    let out = String::from_utf8_lossy(&o.stdout);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(out, format!("started {n}\n"), "stderr: {err}");
    assert!(o.status.success(), "{:?} stderr: {err}", o.status);
}

#[test]
fn two_hundred_threads_under_one_gib() {
    check(200, 1 << 20, None);
}

#[test]
fn small_stack_size_is_honoured() {
    // 256 KiB each (it was raised to 64 MiB).
    check(200, 1 << 20, Some(256 * 1024));
}
