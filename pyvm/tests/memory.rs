//! Memory an idle process holds: after a burst of micro-threads (200,000 started at
//! once, then all asleep), the allocator has given back the old buffers of the tables
//! that doubled meanwhile (the driver has mimalloc collect when the last runnable
//! micro-thread waits, at most once a second), so each sleeper costs what it holds:
//! about 950 B here, against about 1,280 B when those buffers stayed resident.
//! (The golden scripts cannot check this: it is the process's resident memory.)

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

#[test]
fn an_idle_process_gives_back_what_a_burst_of_micro_threads_left() {
    let out = Command::new(env!("CARGO_BIN_EXE_pyvm"))
        .args(["-c", SCRIPT])
        .env_remove("MIMALLOC_PURGE_DELAY")
        .output()
        .expect("pyvm runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let each: u64 = String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .expect("a number of bytes");
    assert!(
        each < 1_100,
        "{each} B resident for each sleeping micro_thread (about 950 expected)"
    );
}
