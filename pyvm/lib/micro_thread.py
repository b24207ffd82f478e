"""micro_threads and micro_pipes, after the 2008 micro-threading proposal.

The native half (_micro_thread) starts micro-threads and implements pipes; the
loops here are Python frames, so a put() that has to wait suspends them like any
other blocking call.
"""

import _deferrable  # noqa: F401 (the built-ins' deferral-aware halves)
from _micro_thread import (MicroThreadExit, DeadlockError, micro_pipe, current,
                           dump, runnable, _start, start_and_forget,
                           _stdin, _stdout,
                           _enter_atomic, _exit_atomic, _start_timeout,
                           _end_timeout, set_watchdog, set_strict,
                           hard_switches, set_preemption)


# start_and_forget(function, *args, exception_handler=None, stdin=None,
# stdout=None, **kws) is native (_micro_thread): run function(*args, **kws) in a
# new micro_thread; its result is dropped and an uncaught exception goes to
# exception_handler (default: print it).


def start_in_parallel(function, *args, stdin=None, stdout=None, **kws):
    """Run function(*args, **kws) in a new micro_thread; thread.wait() returns its
    value or raises its exception."""
    return _start(function, args, kws, "parallel", None, stdin, stdout)


def generate(function, *args, stdin=None, **kws):
    """Run function(*args, **kws) in a new micro_thread writing to a new pipe (its
    stdout), and return the pipe to read from."""
    pipe = micro_pipe()
    _start(function, args, kws, "generate", None, stdin, pipe)
    return pipe


def parallel_map(function, iterable):
    """[function(x) for x in iterable], each call in its own micro_thread; the
    results in input order."""
    threads = [start_in_parallel(function, x) for x in iterable]
    return [t.wait() for t in threads]


def put(obj):
    """Write obj to the current micro_thread's stdout pipe."""
    _stdout().put(obj)


def take_from(iterable):
    """Write every item of iterable to the current micro_thread's stdout pipe."""
    out = _stdout()
    for x in iterable:
        out.put(x)


class atomic:
    """with atomic(): a block that must not switch micro_threads; a call that would
    defer inside it raises RuntimeError instead."""

    def __enter__(self):
        _enter_atomic()
        return self

    def __exit__(self, *exc):
        _exit_atomic()
        return False


class timeout:
    """with timeout(seconds): TimeoutError is raised in the block if it is still
    running (suspended) when the time is up."""

    def __init__(self, seconds):
        self.seconds = seconds
        self._key = None

    def __enter__(self):
        self._key = _start_timeout(self.seconds)
        return self

    def __exit__(self, *exc):
        _end_timeout(self._key)
        return False
