"""threading: a small version of CPython's module on top of _thread.

Each Thread is an OS thread running its own reactor; its function is that thread's
first micro_thread. Locks block only the calling micro_thread.
"""

import _thread
from time import monotonic as _time
from _micro_thread import MicroThreadExit as _MicroThreadExit

get_ident = _thread.get_ident
get_native_id = _thread.get_native_id
ThreadError = _thread.error
TIMEOUT_MAX = _thread.TIMEOUT_MAX
stack_size = _thread.stack_size
Lock = _thread.allocate_lock
RLock = _thread.RLock

_active = {}            # ident -> Thread
_limbo_lock = _thread.allocate_lock()
_counter = 0


def _newname(template="Thread-%d"):
    global _counter
    _counter += 1
    return template % _counter


class Condition:
    """A condition variable over a Lock or RLock."""

    def __init__(self, lock=None):
        if lock is None:
            lock = RLock()
        self._lock = lock
        self.acquire = lock.acquire
        self.release = lock.release
        self._waiters = []

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *args):
        return self._lock.__exit__(*args)

    def __repr__(self):
        return "<Condition(%s, %d)>" % (self._lock, len(self._waiters))

    def _is_owned(self):
        if hasattr(self._lock, "_is_owned"):
            return self._lock._is_owned()
        if self._lock.acquire(False):
            self._lock.release()
            return False
        return True

    def wait(self, timeout=None):
        if not self._is_owned():
            raise RuntimeError("cannot wait on un-acquired lock")
        waiter = _thread.allocate_lock()
        waiter.acquire()
        self._waiters.append(waiter)
        if hasattr(self._lock, "_release_save"):
            saved = self._lock._release_save()
        else:
            self._lock.release()
            saved = None
        gotit = False
        try:
            if timeout is None:
                waiter.acquire()
                gotit = True
            elif timeout > 0:
                gotit = waiter.acquire(True, timeout)
            else:
                gotit = waiter.acquire(False)
            return gotit
        finally:
            self._lock.acquire()
            if saved is not None:
                self._lock._set_count(saved)
            if not gotit:
                try:
                    self._waiters.remove(waiter)
                except ValueError:
                    pass

    def wait_for(self, predicate, timeout=None):
        endtime = None
        waittime = timeout
        result = predicate()
        while not result:
            if waittime is not None:
                if endtime is None:
                    endtime = _time() + waittime
                else:
                    waittime = endtime - _time()
                    if waittime <= 0:
                        break
            self.wait(waittime)
            result = predicate()
        return result

    def notify(self, n=1):
        if not self._is_owned():
            raise RuntimeError("cannot notify on un-acquired lock")
        for waiter in self._waiters[:n]:
            waiter.release()
        del self._waiters[:n]

    def notify_all(self):
        self.notify(len(self._waiters))

    notifyAll = notify_all


class Semaphore:
    """A counter that blocks acquire() at zero."""

    def __init__(self, value=1):
        if value < 0:
            raise ValueError("semaphore initial value must be >= 0")
        self._cond = Condition(Lock())
        self._value = value

    def acquire(self, blocking=True, timeout=None):
        if not blocking and timeout is not None:
            raise ValueError("can't specify timeout for non-blocking acquire")
        rc = False
        endtime = None
        with self._cond:
            while self._value == 0:
                if not blocking:
                    break
                if timeout is not None:
                    if endtime is None:
                        endtime = _time() + timeout
                    else:
                        timeout = endtime - _time()
                        if timeout <= 0:
                            break
                self._cond.wait(timeout)
            else:
                self._value -= 1
                rc = True
        return rc

    __enter__ = acquire

    def release(self, n=1):
        if n < 1:
            raise ValueError("n must be one or more")
        with self._cond:
            self._value += n
            for i in range(n):
                self._cond.notify()

    def __exit__(self, t, v, tb):
        self.release()


class BoundedSemaphore(Semaphore):
    """A semaphore that refuses to be released above its initial value."""

    def __init__(self, value=1):
        Semaphore.__init__(self, value)
        self._initial_value = value

    def release(self, n=1):
        if n < 1:
            raise ValueError("n must be one or more")
        with self._cond:
            if self._value + n > self._initial_value:
                raise ValueError("Semaphore released too many times")
            self._value += n
            for i in range(n):
                self._cond.notify()


class Event:
    """A flag threads can wait on."""

    def __init__(self):
        self._cond = Condition(Lock())
        self._flag = False

    def is_set(self):
        return self._flag

    isSet = is_set

    def set(self):
        with self._cond:
            self._flag = True
            self._cond.notify_all()

    def clear(self):
        with self._cond:
            self._flag = False

    def wait(self, timeout=None):
        with self._cond:
            signaled = self._flag
            if not signaled:
                signaled = self._cond.wait(timeout)
            return signaled


class Thread:
    """An OS thread whose function is its first micro_thread."""

    def __init__(self, group=None, target=None, name=None, args=(), kwargs=None, *,
                 daemon=None):
        assert group is None, "group argument must be None for now"
        self._target = target
        self._name = str(name) if name is not None else _newname()
        if target is not None and name is None:
            try:
                self._name += " (%s)" % target.__name__
            except AttributeError:
                pass
        self._args = args
        self._kwargs = {} if kwargs is None else kwargs
        self._daemonic = bool(daemon) if daemon is not None else current_thread().daemon
        self._ident = None
        self._native_id = None
        self._started = Event()
        self._done = _thread.allocate_lock()
        self._done.acquire()
        self._is_stopped = False

    def __repr__(self):
        status = "initial"
        if self._started.is_set():
            status = "started"
        if self._is_stopped:
            status = "stopped"
        if self._daemonic:
            status += " daemon"
        if self._ident is not None:
            status += " %s" % self._ident
        return "<%s(%s, %s)>" % (type(self).__name__, self._name, status)

    def start(self):
        if self._started.is_set():
            raise RuntimeError("threads can only be started once")
        with _limbo_lock:
            pass
        _thread.start_new_thread(self._bootstrap, ())
        self._started.wait()

    def _bootstrap(self):
        self._ident = get_ident()
        self._native_id = get_native_id()
        # Released when this OS thread has ended (after its other micro_threads).
        self._tstate_lock = _thread._set_sentinel()
        _active[self._ident] = self
        self._started.set()
        try:
            self.run()
        except (SystemExit, _MicroThreadExit):
            pass        # (MicroThreadExit: a micro_pipe's reader closed, or kill())
        except BaseException as e:
            import traceback
            import sys
            print("Exception in thread %s:" % self._name, file=sys.stderr)
            traceback.print_exception(e)
        finally:
            self._is_stopped = True
            del _active[self._ident]
            self._done.release()

    def run(self):
        try:
            if self._target is not None:
                self._target(*self._args, **self._kwargs)
        finally:
            del self._target, self._args, self._kwargs

    def join(self, timeout=None):
        if not self._started.is_set():
            raise RuntimeError("cannot join thread before it is started")
        if self is current_thread():
            raise RuntimeError("cannot join current thread")
        if self._is_stopped:
            return
        lock = getattr(self, "_tstate_lock", None) or self._done
        if timeout is None:
            got = lock.acquire()
        else:
            got = lock.acquire(True, max(timeout, 0))
        if got:
            lock.release()

    @property
    def name(self):
        return self._name

    @name.setter
    def name(self, name):
        self._name = str(name)

    @property
    def ident(self):
        return self._ident

    @property
    def native_id(self):
        return self._native_id

    def is_alive(self):
        return self._started.is_set() and not self._is_stopped

    @property
    def daemon(self):
        return self._daemonic

    @daemon.setter
    def daemon(self, daemonic):
        if self._started.is_set():
            raise RuntimeError("cannot set daemon status of active thread")
        self._daemonic = daemonic

    def getName(self):
        return self.name

    def setName(self, name):
        self.name = name

    def isDaemon(self):
        return self.daemon

    def setDaemon(self, daemonic):
        self.daemon = daemonic


class _ExistingThread(Thread):
    """A Thread object for an OS thread threading did not start."""

    def __init__(self, name, daemonic):
        self._target = None
        self._name = name
        self._args = ()
        self._kwargs = {}
        self._daemonic = daemonic
        self._ident = get_ident()
        self._native_id = get_native_id()
        self._started = Event()
        self._started._flag = True
        self._done = _thread.allocate_lock()
        self._done.acquire()
        self._is_stopped = False
        _active[self._ident] = self


class _MainThread(_ExistingThread):
    def __init__(self):
        _ExistingThread.__init__(self, "MainThread", False)


class _DummyThread(_ExistingThread):
    def __init__(self):
        _ExistingThread.__init__(self, _newname("Dummy-%d"), True)

    def join(self, timeout=None):
        raise RuntimeError("cannot join a dummy thread")


_main_thread = _MainThread()


def current_thread():
    try:
        return _active[get_ident()]
    except KeyError:
        return _DummyThread()


currentThread = current_thread


def main_thread():
    return _main_thread


def active_count():
    return len(_active)


activeCount = active_count


def enumerate():
    return list(_active.values())


_threading_atexits = []
_SHUTTING_DOWN = False


def _register_atexit(func, *arg, **kwargs):
    """Call `func(*arg, **kwargs)` at shutdown, before the non-daemon threads are
    joined (last registered, first called), as CPython's threading does
    (`concurrent.futures` stops its workers this way)."""
    if _SHUTTING_DOWN:
        raise RuntimeError("can't register atexit after shutdown")
    _threading_atexits.append(lambda: func(*arg, **kwargs))


def _shutdown():
    """Wait for every non-daemon thread (the interpreter calls this at exit)."""
    global _SHUTTING_DOWN
    _SHUTTING_DOWN = True
    for atexit_call in reversed(_threading_atexits):
        atexit_call()
    for t in list(_active.values()):
        if t is not _main_thread and not t.daemon and t.is_alive():
            t.join()


class local:
    """Attributes per OS thread."""

    def __init__(self):
        object.__setattr__(self, "_local__dicts", {})

    def _dict(self):
        dicts = object.__getattribute__(self, "_local__dicts")
        return dicts.setdefault(get_ident(), {})

    def __getattribute__(self, name):
        # This thread's attributes first, over the class's (a subclass's class
        # attributes are defaults: `class L(local): loop = None`).
        d = local._dict(self)
        if name == "__dict__":
            return d
        try:
            return d[name]
        except KeyError:
            return object.__getattribute__(self, name)

    def __setattr__(self, name, value):
        local._dict(self)[name] = value

    def __delattr__(self, name):
        try:
            del local._dict(self)[name]
        except KeyError:
            raise AttributeError(name) from None
