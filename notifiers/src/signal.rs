//! `SignalNotifier`: SIGINT, SIGTERM, SIGUSR1, SIGHUP, … delivered as events.
//!
//! The signal handler (installed with `signal-hook`) only sets a flag and writes a byte
//! to a self-pipe, both async-signal-safe; everything else happens in `poll`, in the
//! reactor's loop, never inside the handler. A signal that arrives when nobody waits
//! for it is kept pending until someone does (or [`SignalNotifier::take_pending`]).
//!
//! Installing a handler replaces the signal's default action (SIGINT no longer kills
//! the process) for as long as the notifier lives.

use crate::pipe::SelfPipe;
use crate::{ready, Cx, DeferredId, Event, Notifier, NotifierError, Priority, Status, WaitKey};
use signal_hook::SigId;
use slab::Slab;
use std::io;
use std::marker::PhantomData;
use std::os::fd::RawFd;
use std::os::unix::net::UnixStream;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// A set of signal numbers (1 to 63), what a deferred waits for.
///
/// ```
/// use notifiers::signal::SignalSet;
///
/// let set = SignalSet::of(&[2, 15]); // SIGINT, SIGTERM
/// assert!(set.contains(15) && !set.contains(10));
/// assert_eq!(set.iter().collect::<Vec<_>>(), [2, 15]);
/// assert!(SignalSet::of(&[0, 99]).is_empty());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SignalSet(u64);

impl SignalSet {
    /// The set of these signals. Numbers outside 1..=63 are ignored.
    pub fn of(signals: &[i32]) -> Self {
        SignalSet(signals.iter().fold(0, |acc, &s| acc | bit(s)))
    }
    /// `true` if `signal` is in the set.
    pub fn contains(self, signal: i32) -> bool {
        self.0 & bit(signal) != 0
    }
    /// The signals in the set, in increasing order.
    pub fn iter(self) -> impl Iterator<Item = i32> {
        (1..64).filter(move |&s| self.contains(s))
    }
    /// `true` if the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

fn bit(signal: i32) -> u64 {
    if (1..64).contains(&signal) {
        1 << signal
    } else {
        0
    }
}

struct Watched {
    signal: i32,
    flag: Arc<AtomicBool>,
    handlers: [SigId; 2],
}

/// The signal notifier.
pub struct SignalNotifier<T, E> {
    priority: Priority,
    pipe: SelfPipe,
    /// The pipe's write end, cloned into each signal's handler.
    write: UnixStream,
    watched: Vec<Watched>,
    /// Signals that arrived with nobody waiting, oldest first, without repeats.
    pending: Vec<i32>,
    waiters: Slab<(DeferredId, SignalSet)>,
    _types: PhantomData<fn() -> (T, E)>,
}

impl<T, E> SignalNotifier<T, E> {
    /// The default priority of the signal notifier (above I/O: a signal is urgent).
    pub const PRIORITY: Priority = Priority(40);

    /// A new signal notifier with the default priority; it watches no signal yet.
    pub fn new() -> io::Result<Self> {
        Self::with_priority(Self::PRIORITY)
    }

    /// A new signal notifier with the given priority.
    pub fn with_priority(priority: Priority) -> io::Result<Self> {
        let (pipe, write) = SelfPipe::new()?;
        Ok(SignalNotifier {
            priority,
            pipe,
            write,
            watched: Vec::new(),
            pending: Vec::new(),
            waiters: Slab::new(),
            _types: PhantomData,
        })
    }

    /// Install the handler for `signal` (once), so that it is caught and kept even
    /// before anyone waits for it. Fails for signals that cannot be caught (SIGKILL,
    /// SIGSTOP) or that must not be (SIGSEGV, SIGILL, SIGFPE).
    pub fn watch_signal(&mut self, signal: i32) -> io::Result<()> {
        if self.watched.iter().any(|w| w.signal == signal) {
            return Ok(());
        }
        // `signal-hook` panics on these rather than failing: refuse them here.
        if signal_hook::consts::FORBIDDEN.contains(&signal) || !(1..64).contains(&signal) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("signal {signal} cannot be caught"),
            ));
        }
        let flag = Arc::new(AtomicBool::new(false));
        let first = signal_hook::flag::register(signal, flag.clone())?;
        let wake = self.write.try_clone()?;
        let second = match signal_hook::low_level::pipe::register(signal, wake) {
            Ok(id) => id,
            Err(e) => {
                signal_hook::low_level::unregister(first);
                return Err(e);
            }
        };
        self.watched.push(Watched {
            signal,
            flag,
            handlers: [first, second],
        });
        Ok(())
    }

    /// Take the signals that arrived with nobody waiting for them (collected by the
    /// last `poll` or wait), oldest first.
    pub fn take_pending(&mut self) -> Vec<i32> {
        std::mem::take(&mut self.pending)
    }

    fn status(&self) -> Status {
        if self.waiters.is_empty() {
            Status::NobodyWaiting
        } else {
            Status::Success
        }
    }
}

impl<T: From<Event> + 'static, E: NotifierError + 'static> SignalNotifier<T, E> {
    /// Read the flags and deliver what arrived. The self-pipe is drained after a wait
    /// (it woke us) or when a flag was set (the handler sets the flag, then writes), so
    /// a plain `poll` with no signal costs no system call.
    fn collect(&mut self, cx: &mut dyn Cx<T, E>, after_wait: bool) -> Status {
        let mut any = false;
        for w in &self.watched {
            if w.flag.swap(false, Ordering::AcqRel) {
                any = true;
                if !self.pending.contains(&w.signal) {
                    self.pending.push(w.signal);
                }
            }
        }
        if any || after_wait {
            self.pipe.drain();
        }
        let arrived = std::mem::take(&mut self.pending);
        for signal in arrived {
            if !self.deliver(cx, signal) {
                self.pending.push(signal);
            }
        }
        self.status()
    }

    /// Resume every deferred waiting for `signal`; `false` if there was none.
    fn deliver(&mut self, cx: &mut dyn Cx<T, E>, signal: i32) -> bool {
        let keys: Vec<usize> = self
            .waiters
            .iter()
            .filter(|(_, (_, set))| set.contains(signal))
            .map(|(k, _)| k)
            .collect();
        for &k in &keys {
            let (id, _) = self.waiters.remove(k);
            cx.schedule(id, ready(Event::Signal(signal)));
        }
        !keys.is_empty()
    }

    fn wait(&mut self, cx: &mut dyn Cx<T, E>, timeout: Option<Duration>) -> io::Result<Status> {
        self.pipe.wait(timeout)?;
        Ok(self.collect(cx, true))
    }
}

impl<T, E> Drop for SignalNotifier<T, E> {
    fn drop(&mut self) {
        for w in &self.watched {
            for &h in &w.handlers {
                signal_hook::low_level::unregister(h);
            }
        }
    }
}

impl<T: From<Event> + 'static, E: NotifierError + 'static> Notifier<T, E> for SignalNotifier<T, E> {
    type Reason = SignalSet;

    fn name(&self) -> &'static str {
        "signal"
    }

    fn priority(&self) -> Priority {
        self.priority
    }

    fn register(
        &mut self,
        cx: &mut dyn Cx<T, E>,
        id: DeferredId,
        reason: SignalSet,
    ) -> io::Result<WaitKey> {
        if reason.is_empty() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "wait for at least one signal",
            ));
        }
        for signal in reason.iter() {
            self.watch_signal(signal)?;
        }
        if let Some(pos) = self.pending.iter().position(|&s| reason.contains(s)) {
            let signal = self.pending.remove(pos);
            cx.schedule(id, ready(Event::Signal(signal)));
            return Ok(WaitKey(u64::MAX));
        }
        Ok(WaitKey(self.waiters.insert((id, reason)) as u64))
    }

    fn poll(&mut self, cx: &mut dyn Cx<T, E>) -> io::Result<Status> {
        Ok(self.collect(cx, false))
    }

    fn timed_wait(&mut self, cx: &mut dyn Cx<T, E>, timeout: Duration) -> io::Result<Status> {
        self.wait(cx, Some(timeout))
    }

    fn wait_forever(&mut self, cx: &mut dyn Cx<T, E>) -> io::Result<Status> {
        self.wait(cx, None)
    }

    fn withdraw(&mut self, id: DeferredId, key: WaitKey) -> bool {
        let k = key.0 as usize;
        match self.waiters.get(k) {
            Some((w, _)) if *w == id => {
                self.waiters.remove(k);
                true
            }
            _ => false,
        }
    }

    fn has_waiters(&self) -> bool {
        !self.waiters.is_empty()
    }

    fn event_fd(&self) -> Option<RawFd> {
        Some(self.pipe.fd())
    }

    fn watch(&mut self, fds: &[RawFd]) -> io::Result<()> {
        self.pipe.watch(fds)
    }
}
