//! The watchdog: a micro-thread that runs longer than a threshold (default 100 ms,
//! `micro_thread.set_watchdog(seconds)`, 0 turns it off) without deferring while other
//! micro-threads exist starves them; it gets a warning on stderr with its stack, once
//! per run. (A program with one micro-thread is ordinary Python: never warned.)
//!
//! One OS thread per process watches: `resume` records when a run began; when the
//! threshold passes, the watchdog raises the VM's attention flag and the loop prints
//! the warning at its next backward jump or call (it has the stack at hand there).

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use crate::vm::thread::MicroThread;

/// When the running micro-thread's run began (nanoseconds after `BASE`, plus one; 0:
/// none is running).
static RUN_START: AtomicU64 = AtomicU64::new(0);
/// The threshold in microseconds (0: off).
static THRESHOLD_US: AtomicU64 = AtomicU64::new(100_000);
/// This run was already warned about.
static WARNED: AtomicBool = AtomicBool::new(false);
static BASE: OnceLock<Instant> = OnceLock::new();
static STARTED: OnceLock<()> = OnceLock::new();

fn now_ns() -> u64 {
    BASE.get_or_init(Instant::now).elapsed().as_nanos() as u64 + 1
}

/// A micro-thread's run begins (`begin`) or ends.
pub fn run_begins(begin: bool) {
    if begin {
        WARNED.store(false, Ordering::Relaxed);
        RUN_START.store(now_ns(), Ordering::Relaxed);
    } else {
        RUN_START.store(0, Ordering::Relaxed);
    }
}

/// Set the threshold (`None` or zero: off).
pub fn set_threshold(d: Option<Duration>) {
    let us = d.map_or(0, |d| d.as_micros().clamp(1, u64::MAX as u128) as u64);
    THRESHOLD_US.store(us, Ordering::Relaxed);
}

/// Start the watching OS thread (once per process).
pub fn start() {
    STARTED.get_or_init(|| {
        let _ = std::thread::Builder::new()
            .name("pyvm-watchdog".into())
            .spawn(|| loop {
                let limit = THRESHOLD_US.load(Ordering::Relaxed);
                let tick = if limit == 0 {
                    50_000
                } else {
                    (limit / 4).clamp(1_000, 50_000)
                };
                std::thread::sleep(Duration::from_micros(tick));
                let start = RUN_START.load(Ordering::Relaxed);
                if limit == 0 || start == 0 || WARNED.load(Ordering::Relaxed) {
                    continue;
                }
                if now_ns().saturating_sub(start) / 1000 > limit {
                    WARNED.store(true, Ordering::Relaxed);
                    crate::vm::WATCHDOG.store(true, Ordering::Relaxed);
                }
            });
    });
}

/// Print the warning for the micro-thread `th`, which is still running.
pub fn warn(th: &MicroThread) {
    let start = RUN_START.load(Ordering::Relaxed);
    if start == 0 {
        return;
    }
    let limit = THRESHOLD_US.load(Ordering::Relaxed) as f64 / 1e6;
    let name = th.obj.as_ref().map_or("?".to_owned(), |o| o.name.clone());
    let stack = crate::objects::gil::with_gil(|gil| crate::vm::unwind::format_stack(gil, th, "  "));
    crate::modules::sys::flush_stdout();
    crate::modules::sys::write_stderr(&format!(
        "Warning: micro_thread {name} has run longer than {limit} s without deferring (it starves the others):\n{stack}"
    ));
}
