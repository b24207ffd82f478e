//! The watchdog: a micro-thread that runs longer than a threshold (default 100 ms, 1 s
//! in a debug build,
//! `micro_thread.set_watchdog(seconds)`, 0 turns it off) without deferring while other
//! micro-threads exist starves them; it gets a warning on stderr with its stack, once
//! per run. (A program with one micro-thread is ordinary Python: never warned.)
//!
//! One OS thread per process watches: `resume` counts runs (a relaxed store under the
//! GIL, no clock read: a switch between micro-threads is a hot path); the watchdog samples the count
//! every quarter threshold, and when one run has gone on for longer than the threshold
//! since it first saw it, raises the VM's attention flag; the loop prints the warning
//! at its next backward jump or call (it has the stack at hand there). A warning thus
//! comes between one and one and a quarter thresholds into the run, never early.
//! The run must also have had the threshold's worth of the process's CPU time: on a
//! loaded machine the OS may not run the process for a while, and a run it held off
//! starved no one (an accept loop of a thousand connections was warned about under
//! CI's parallel tests). The time slice of preemption stays wall-clock time.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use crate::vm::state::MicroThread;

/// Runs begun so far; a run is told apart from the next by its number.
static RUNS: AtomicU64 = AtomicU64::new(0);
/// A watched run (other micro-threads exist) is going on.
static WATCHED: AtomicBool = AtomicBool::new(false);
/// The threshold in microseconds (0: off): 100 ms by default, 1 s in a debug build,
/// which runs Python about ten times slower (CI's tests run one: the demo's accept
/// loop, Lib's `socket.accept` for a thousand waiting clients, took over 100 ms there
/// and was warned about; it takes ~20 ms in a release build).
static THRESHOLD_US: AtomicU64 = AtomicU64::new(if cfg!(debug_assertions) {
    1_000_000
} else {
    100_000
});
/// The watching OS thread runs (a forked child has none until it starts one).
static STARTED: AtomicBool = AtomicBool::new(false);
/// The preemption time slice in microseconds (0: off, the default).
static SLICE_US: AtomicU64 = AtomicU64::new(0);

/// Set the preemption time slice (`None` or zero: off): a micro-thread that runs this
/// long without waiting while others exist is switched out at its next backward jump.
pub fn set_preemption(d: Option<Duration>) {
    let us = d.map_or(0, |d| d.as_micros().clamp(1, u64::MAX as u128) as u64);
    SLICE_US.store(us, Ordering::Relaxed);
}

/// The preemption time slice, if preemption is on.
pub fn preemption() -> Option<Duration> {
    match SLICE_US.load(Ordering::Relaxed) {
        0 => None,
        us => Some(Duration::from_micros(us)),
    }
}

/// Is preemption on?
pub fn preemption_on() -> bool {
    SLICE_US.load(Ordering::Relaxed) != 0
}

/// A micro-thread's run begins (`begin`: with others about, so it is watched) or ends.
/// Called with the GIL held, so one OS thread at a time counts: a plain load and
/// store, no locked instruction on the switch path.
pub fn run_begins(_gil: crate::objects::gil::Gil<'_>, begin: bool) {
    if begin {
        RUNS.store(
            RUNS.load(Ordering::Relaxed).wrapping_add(1),
            Ordering::Relaxed,
        );
    }
    WATCHED.store(begin, Ordering::Relaxed);
}

/// Set the threshold (`None` or zero: off).
pub fn set_threshold(d: Option<Duration>) {
    let us = d.map_or(0, |d| d.as_micros().clamp(1, u64::MAX as u128) as u64);
    THRESHOLD_US.store(us, Ordering::Relaxed);
}

/// Start the watching OS thread (once per process).
pub fn start() {
    if STARTED.swap(true, Ordering::SeqCst) {
        return;
    }
    {
        let _ = std::thread::Builder::new()
            .name("pyvm-watchdog".into())
            .spawn(|| {
                // The run seen last, since when (and the process's CPU time then),
                // and whether it was warned about.
                let mut seen: Option<(u64, Instant, Duration, bool)> = None;
                let yield_flag = crate::vm::yield_flag();
                loop {
                    let limit = THRESHOLD_US.load(Ordering::Relaxed);
                    let slice = SLICE_US.load(Ordering::Relaxed);
                    let tick = [limit, slice]
                        .into_iter()
                        .filter(|&t| t != 0)
                        .map(|t| (t / 4).clamp(250, 50_000))
                        .min()
                        .unwrap_or(50_000);
                    std::thread::sleep(Duration::from_micros(tick.min(20_000)));
                    super::deadlock::check();
                    if (limit == 0 && slice == 0) || !WATCHED.load(Ordering::Relaxed) {
                        seen = None;
                        continue;
                    }
                    let run = RUNS.load(Ordering::Relaxed);
                    match &mut seen {
                        Some((r, since, cpu_since, warned)) if *r == run => {
                            let ran = since.elapsed().as_micros() as u64;
                            if slice != 0 && ran > slice {
                                // Its time slice is over: switched out at its next
                                // backward jump (the warning, if any, comes first).
                                yield_flag.store(true, Ordering::Relaxed);
                            }
                            if limit != 0
                                && !*warned
                                && ran > limit
                                && cpu_time().saturating_sub(*cpu_since).as_micros() as u64 > limit
                            {
                                *warned = true;
                                crate::vm::WATCHDOG.store(true, Ordering::Relaxed);
                            }
                        }
                        _ => seen = Some((run, Instant::now(), cpu_time(), false)),
                    }
                }
            });
    }
}

/// In a forked child: the watching thread is gone; start another.
pub(crate) fn after_fork() {
    STARTED.store(false, Ordering::SeqCst);
    start();
}

/// The CPU time the process has had (all its threads).
fn cpu_time() -> Duration {
    let t = rustix::time::clock_gettime(rustix::time::ClockId::ProcessCPUTime);
    Duration::new(
        t.tv_sec.max(0) as u64,
        t.tv_nsec.clamp(0, 999_999_999) as u32,
    )
}

/// Print the warning for the micro-thread `th`, which is still running.
pub fn warn(th: &MicroThread) {
    if !WATCHED.load(Ordering::Relaxed) {
        return;
    }
    let limit = THRESHOLD_US.load(Ordering::Relaxed) as f64 / 1e6;
    let name = super::with_current_obj(|o| o.map_or("?".to_owned(), |o| o.name().to_string()));
    let stack = crate::objects::gil::with_gil(|gil| crate::vm::unwind::format_stack(gil, th, "  "));
    crate::modules::sys::flush_stdout();
    crate::modules::sys::write_stderr(&format!(
        "Warning: micro_thread {name} has run longer than {limit} s without deferring (it starves the others):\n{stack}"
    ));
}
