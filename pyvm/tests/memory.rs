//! Memory an idle process holds: after a burst of micro-threads (200,000 started at
//! once, then all asleep), the allocator has given back the old buffers of the tables
//! that doubled meanwhile (the driver has mimalloc collect when the last runnable
//! micro-thread waits, at most once a second), so each sleeper costs what it holds:
//! about 950 B here, against about 1,280 B when those buffers stayed resident.
//! (The golden scripts cannot check this: it is the process's resident memory.) And
//! memory stays flat under a loop that leaves reference cycles (the cycle collector),
//! also cycles of lists and dicts alone.

use std::process::Command;

const SCRIPT: &str = r#"
import time
from micro_thread import start_and_forget, runnable

def rss_kb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS"):
                return int(line.split()[1])

def nap():
    time.sleep(60.0)

N = 200_000
before = rss_kb()
for _ in range(N):
    start_and_forget(nap)
time.sleep(0.5)
while runnable() > 1:   # until all of them are asleep (a loaded machine is slow)
    time.sleep(0.05)
time.sleep(0.05)        # then the process is idle once with all of them asleep
print(round((rss_kb() - before) * 1024 / N))
"#;

/// The number `script` prints (it must succeed), run with mimalloc's purge delay at
/// the process's default.
fn number_printed_by(script: &str) -> i64 {
    let out = Command::new(env!("CARGO_BIN_EXE_pyvm"))
        .args(["-c", script])
        .env_remove("MIMALLOC_PURGE_DELAY")
        .output()
        .expect("pyvm runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .expect("a number")
}

#[test]
fn an_idle_process_gives_back_what_a_burst_of_micro_threads_left() {
    let each = number_printed_by(SCRIPT);
    assert!(
        each < 1_100,
        "{each} B resident for each sleeping micro_thread (about 950 expected)"
    );
}

/// A server-like loop that leaves reference cycles behind on every request (a tree
/// node and its child, an exception and the node it names, a function whose closure
/// holds it), 200,000 times, never calling `gc.collect()`: the automatic cycle
/// collection keeps the resident memory flat (without it: about 460 MB more).
const CYCLES: &str = r#"
def rss_kb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS"):
                return int(line.split()[1])

class Node:
    def __init__(self, parent=None):
        self.parent = parent
        self.children = []
        if parent is not None:
            parent.children.append(self)

class RequestError(Exception):
    pass

def handle(i):
    root = Node()
    Node(root)
    try:
        raise RequestError(i)
    except RequestError as e:
        e.node = root
        root.error = e
    def again():
        return again
    return again

def run(n):
    for i in range(n):
        handle(i)

run(20_000)
warm = rss_kb()
run(200_000)
print(rss_kb() - warm)
"#;

#[test]
fn cyclic_garbage_does_not_grow_the_process() {
    let grown_kb = number_printed_by(CYCLES);
    assert!(
        grown_kb < 16 * 1024,
        "{grown_kb} KiB more resident after 200,000 requests leaving cycles"
    );
}

/// A loop making 1,000,000 reference cycles of built-in containers alone (a list
/// holding itself, a dict holding itself, a list and a dict holding each other),
/// never calling `gc.collect()`: lists, dicts and sets are registered with the
/// collector and counted toward its automatic threshold, so the resident memory
/// stays flat (without that: about 1 GB more).
const CONTAINER_CYCLES: &str = r#"
import gc

def rss_kb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS"):
                return int(line.split()[1])

def run(n):
    for i in range(n):
        a = []; a.append(a)
        d = {}; d['self'] = d
        x = [i]; y = {'x': x}; x.append(y)

run(20_000)
warm = rss_kb()
run(1_000_000)
assert gc.get_count()[0] < 100_000, gc.get_count()
print(rss_kb() - warm)
"#;

#[test]
fn container_cycles_do_not_grow_the_process() {
    let grown_kb = number_printed_by(CONTAINER_CYCLES);
    assert!(
        grown_kb < 16 * 1024,
        "{grown_kb} KiB more resident after 1,000,000 container cycles"
    );
}
