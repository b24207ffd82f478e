//! Safe wrappers of the signal system calls a language runtime needs beyond
//! `signal-hook` (which installs handlers): a signal's current disposition, setting it
//! back to default or ignored, masks, interval timers, `alarm`, `kill`,
//! `pthread_kill`, `siginterrupt`, `strsignal`, and a wake-up descriptor written
//! with the signal's number from inside the handler (CPython's `set_wakeup_fd`).
//!
//! Each `unsafe` block calls one libc function with arguments it owns; none keeps a
//! pointer past the call. The wake-up handler only loads an atomic and calls
//! `write(2)`, both async-signal-safe.

#![allow(unsafe_code)]

use std::io;
use std::sync::atomic::{AtomicI32, Ordering};
use std::time::Duration;

/// What the OS does with a signal now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Disposition {
    /// `SIG_DFL`.
    Default,
    /// `SIG_IGN`.
    Ignore,
    /// A handler is installed (by `signal-hook` or someone else).
    Handler,
}

fn check(r: libc::c_int) -> io::Result<()> {
    if r == -1 {
        Err(io::Error::last_os_error())
    } else {
        Ok(())
    }
}

/// The signal's current disposition.
pub fn disposition(signal: i32) -> io::Result<Disposition> {
    // SAFETY: `old` is a zeroed plain C struct the call fills; no new action is set.
    let old = unsafe {
        let mut old: libc::sigaction = std::mem::zeroed();
        check(libc::sigaction(signal, std::ptr::null(), &mut old))?;
        old
    };
    Ok(match old.sa_sigaction {
        libc::SIG_DFL => Disposition::Default,
        libc::SIG_IGN => Disposition::Ignore,
        _ => Disposition::Handler,
    })
}

/// Set the signal's disposition to `SIG_DFL` (`ignore` false) or `SIG_IGN`. Only for
/// signals no `signal-hook` handler was installed for (it would be lost).
pub fn set_disposition(signal: i32, ignore: bool) -> io::Result<()> {
    // SAFETY: a zeroed action with SIG_DFL or SIG_IGN installs no code.
    unsafe {
        let mut action: libc::sigaction = std::mem::zeroed();
        action.sa_sigaction = if ignore { libc::SIG_IGN } else { libc::SIG_DFL };
        check(libc::sigaction(signal, &action, std::ptr::null_mut()))
    }
}

/// `kill(pid, signal)`.
pub fn kill(pid: i32, signal: i32) -> io::Result<()> {
    // SAFETY: plain system call on integers.
    check(unsafe { libc::kill(pid, signal) })
}

/// The calling thread's `pthread_t`, as an integer.
pub fn pthread_self() -> u64 {
    // SAFETY: always succeeds.
    unsafe { libc::pthread_self() as u64 }
}

/// `pthread_kill(thread, signal)` (`thread` from [`pthread_self`] of a live thread).
pub fn pthread_kill(thread: u64, signal: i32) -> io::Result<()> {
    // SAFETY: the caller names a thread it knows to be alive (a dead one is undefined
    // behaviour in POSIX, ESRCH in glibc).
    let r = unsafe { libc::pthread_kill(thread as libc::pthread_t, signal) };
    if r != 0 {
        return Err(io::Error::from_raw_os_error(r));
    }
    Ok(())
}

/// `alarm(seconds)`: the seconds left of the previous alarm.
pub fn alarm(seconds: u32) -> u32 {
    // SAFETY: plain system call.
    unsafe { libc::alarm(seconds) }
}

fn timeval(d: Duration) -> libc::timeval {
    libc::timeval {
        tv_sec: d.as_secs() as libc::time_t,
        tv_usec: d.subsec_micros() as libc::suseconds_t,
    }
}

fn duration(t: libc::timeval) -> Duration {
    Duration::new(t.tv_sec.max(0) as u64, 0) + Duration::from_micros(t.tv_usec.max(0) as u64)
}

/// `setitimer(which, value, interval)`: the previous `(value, interval)`.
pub fn setitimer(
    which: i32,
    value: Duration,
    interval: Duration,
) -> io::Result<(Duration, Duration)> {
    let new = libc::itimerval {
        it_value: timeval(value),
        it_interval: timeval(interval),
    };
    // SAFETY: both structs are owned here; `old` is filled by the call.
    let old = unsafe {
        let mut old: libc::itimerval = std::mem::zeroed();
        check(libc::setitimer(which as _, &new, &mut old))?;
        old
    };
    Ok((duration(old.it_value), duration(old.it_interval)))
}

/// `getitimer(which)`: `(value, interval)`.
pub fn getitimer(which: i32) -> io::Result<(Duration, Duration)> {
    // SAFETY: `cur` is owned here and filled by the call.
    let cur = unsafe {
        let mut cur: libc::itimerval = std::mem::zeroed();
        check(libc::getitimer(which as _, &mut cur))?;
        cur
    };
    Ok((duration(cur.it_value), duration(cur.it_interval)))
}

/// The interval timers `setitimer` knows.
pub const ITIMER_REAL: i32 = libc::ITIMER_REAL;
/// See [`ITIMER_REAL`].
pub const ITIMER_VIRTUAL: i32 = libc::ITIMER_VIRTUAL;
/// See [`ITIMER_REAL`].
pub const ITIMER_PROF: i32 = libc::ITIMER_PROF;
/// `pthread_sigmask`'s `how`.
pub const SIG_BLOCK: i32 = libc::SIG_BLOCK;
/// See [`SIG_BLOCK`].
pub const SIG_UNBLOCK: i32 = libc::SIG_UNBLOCK;
/// See [`SIG_BLOCK`].
pub const SIG_SETMASK: i32 = libc::SIG_SETMASK;
/// One more than the highest signal number.
pub const NSIG: i32 = 65;

fn sigset(signals: &[i32]) -> io::Result<libc::sigset_t> {
    // SAFETY: `set` is owned here; the calls only write into it.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        check(libc::sigemptyset(&mut set))?;
        for &s in signals {
            check(libc::sigaddset(&mut set, s))?;
        }
        Ok(set)
    }
}

fn members(set: &libc::sigset_t) -> Vec<i32> {
    // SAFETY: `set` is a valid, initialized set.
    (1..NSIG)
        .filter(|&s| unsafe { libc::sigismember(set, s) } == 1)
        .collect()
}

/// `pthread_sigmask(how, signals)`: the signals blocked before.
pub fn pthread_sigmask(how: i32, signals: &[i32]) -> io::Result<Vec<i32>> {
    let set = sigset(signals)?;
    // SAFETY: both sets are owned here.
    let old = unsafe {
        let mut old: libc::sigset_t = std::mem::zeroed();
        let r = libc::pthread_sigmask(how, &set, &mut old);
        if r != 0 {
            return Err(io::Error::from_raw_os_error(r));
        }
        old
    };
    Ok(members(&old))
}

/// `sigpending()`: the signals pending for the calling thread or the process.
pub fn sigpending() -> io::Result<Vec<i32>> {
    // SAFETY: `set` is owned here and filled by the call.
    let set = unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        check(libc::sigpending(&mut set))?;
        set
    };
    Ok(members(&set))
}

/// `siginterrupt(signal, flag)`: whether the signal interrupts system calls.
pub fn siginterrupt(signal: i32, flag: bool) -> io::Result<()> {
    // SAFETY: reads and rewrites the signal's action, keeping its handler.
    unsafe {
        let mut act: libc::sigaction = std::mem::zeroed();
        check(libc::sigaction(signal, std::ptr::null(), &mut act))?;
        if flag {
            act.sa_flags &= !libc::SA_RESTART;
        } else {
            act.sa_flags |= libc::SA_RESTART;
        }
        check(libc::sigaction(signal, &act, std::ptr::null_mut()))
    }
}

/// `strsignal(signal)`: the system's description, `None` for an unknown signal.
pub fn strsignal(signal: i32) -> Option<String> {
    if !(1..NSIG).contains(&signal) {
        return None;
    }
    // SAFETY: glibc returns a pointer to a string valid until the next call on this
    // thread; it is copied at once.
    let s = unsafe {
        let p = libc::strsignal(signal);
        if p.is_null() {
            return None;
        }
        std::ffi::CStr::from_ptr(p).to_string_lossy().into_owned()
    };
    if s.starts_with("Unknown signal") {
        return None;
    }
    Some(s)
}

/// The descriptor the wake-up handlers write the signal's number to (-1: none).
static WAKEUP_FD: AtomicI32 = AtomicI32::new(-1);

/// Set the wake-up descriptor (-1: none); the previous one.
pub fn set_wakeup_fd(fd: i32) -> i32 {
    WAKEUP_FD.swap(fd, Ordering::SeqCst)
}

/// Install (once per signal) a handler that writes the signal's number, as one byte,
/// to the wake-up descriptor when one is set. Errors of the write are ignored (a full
/// non-blocking socket loses the byte, as in CPython).
pub fn hook_wakeup(signal: i32) -> io::Result<()> {
    let action = move || {
        let fd = WAKEUP_FD.load(Ordering::Relaxed);
        if fd >= 0 {
            let byte = signal as u8;
            // SAFETY: write(2) of one owned byte: async-signal-safe.
            unsafe {
                libc::write(fd, (&byte as *const u8).cast(), 1);
            }
        }
    };
    // SAFETY: the action only loads an atomic and calls write(2), both
    // async-signal-safe; it allocates nothing and takes no lock.
    unsafe { signal_hook::low_level::register(signal, action) }.map(|_| ())
}

/// The signals this system lets a program handle or block (`sigfillset`'s members:
/// glibc keeps two real-time signals for itself).
pub fn valid_signals() -> io::Result<Vec<i32>> {
    // SAFETY: `set` is owned here and filled by the call.
    let set = unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        check(libc::sigfillset(&mut set))?;
        set
    };
    Ok(members(&set))
}

/// Is `fd` an open descriptor (`fcntl(F_GETFD)`)?
pub fn fd_is_open(fd: i32) -> io::Result<()> {
    // SAFETY: F_GETFD only reads the descriptor's flags.
    check(unsafe { libc::fcntl(fd, libc::F_GETFD) })
}
