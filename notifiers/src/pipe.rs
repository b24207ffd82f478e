//! `SelfPipe`: the wake-up descriptor of the signal and wake notifiers — a socket pair
//! whose write end is poked from elsewhere (a signal handler, another OS thread) and
//! whose read end the notifier drains and waits on, together with the descriptors it
//! watches.

use crate::fd::WaitSet;
use std::io::{self, Read};
use std::os::fd::{AsRawFd, RawFd};
use std::os::unix::net::UnixStream;
use std::time::Duration;

pub(crate) struct SelfPipe {
    /// Declared before `read`, so it is dropped (and stops watching `read`) first.
    wait: Option<WaitSet>,
    read: UnixStream,
}

impl SelfPipe {
    /// A new pipe and its write end (non-blocking both).
    pub(crate) fn new() -> io::Result<(SelfPipe, UnixStream)> {
        let (read, write) = UnixStream::pair()?;
        read.set_nonblocking(true)?;
        write.set_nonblocking(true)?;
        let wait = WaitSet::new(read.as_raw_fd(), &[])?;
        Ok((
            SelfPipe {
                wait: Some(wait),
                read,
            },
            write,
        ))
    }

    /// Read everything written so far.
    pub(crate) fn drain(&self) {
        let mut buf = [0u8; 64];
        while let Ok(n) = (&self.read).read(&mut buf) {
            if n == 0 {
                break;
            }
        }
    }

    /// Sleep until the pipe or a watched descriptor is readable, or `timeout` passes.
    pub(crate) fn wait(&mut self, timeout: Option<Duration>) -> io::Result<()> {
        match self.wait.as_mut() {
            Some(wait) => wait.wait(timeout),
            None => Ok(()),
        }
    }

    /// Watch `fds` during waits (replacing the previous set).
    pub(crate) fn watch(&mut self, fds: &[RawFd]) -> io::Result<()> {
        // Drop the old set first: it may hold descriptors that are about to close.
        self.wait = None;
        self.wait = Some(WaitSet::new(self.read.as_raw_fd(), fds)?);
        Ok(())
    }

    /// The read end, for the other notifiers to watch.
    pub(crate) fn fd(&self) -> RawFd {
        self.read.as_raw_fd()
    }
}
