# The Python part of pyvm's `select` module: `select.poll()`, built on
# `select.select()` (so a micro-thread that polls is deferred, not blocked).
# It reports the readiness asked for (POLLIN, POLLPRI, POLLOUT and their NORM
# variants); hang-ups and errors show as readable/writable, as select() shows them.

POLLIN = 0x001
POLLPRI = 0x002
POLLOUT = 0x004
POLLERR = 0x008
POLLHUP = 0x010
POLLNVAL = 0x020
POLLRDNORM = 0x040
POLLRDBAND = 0x080
POLLWRNORM = 0x100
POLLWRBAND = 0x200
POLLMSG = 0x400
POLLRDHUP = 0x2000

_READ = POLLIN | POLLPRI | POLLRDNORM | POLLRDBAND
_WRITE = POLLOUT | POLLWRNORM | POLLWRBAND


def _fileno(fd):
    if isinstance(fd, int):
        n = fd
    elif hasattr(fd, "fileno"):
        n = fd.fileno()
        if not isinstance(n, int):
            raise TypeError("fileno() returned a non-integer")
    else:
        raise TypeError("argument must be an int, or have a fileno() method.")
    if n < 0:
        raise ValueError(
            "file descriptor cannot be a negative integer (%d)" % n)
    return n



def _checked_ms(timeout):
    """A timeout in milliseconds as CPython's poll checks it: a number, not NaN, and
    within a C int once rounded up."""
    if not isinstance(timeout, (int, float)):
        raise TypeError("timeout must be an integer or None")
    if timeout != timeout:
        raise ValueError("Invalid value NaN (not a number)")
    if timeout > 2147483647 or timeout < -2147483648:
        raise OverflowError("timeout is too large")
    return timeout

class poll:
    """A set of descriptors to wait on, with the events asked of each."""

    def __new__(cls, *args, **kwargs):
        # Made by select.poll() only, as CPython's type disallows instantiation.
        raise TypeError("cannot create 'select.poll' instances")

    def register(self, fd, eventmask=POLLIN | POLLPRI | POLLOUT):
        self._masks[_fileno(fd)] = eventmask

    def modify(self, fd, eventmask):
        n = _fileno(fd)
        if n not in self._masks:
            raise FileNotFoundError(2, "No such file or directory")
        self._masks[n] = eventmask

    def unregister(self, fd):
        del self._masks[_fileno(fd)]

    def poll(self, timeout=None):
        """Polls the set of registered file descriptors.

        Returns a list containing any descriptors that have events or errors to
        report, as a list of (fd, event) 2-tuples."""
        if timeout is not None:
            timeout = _checked_ms(timeout)
            timeout = None if timeout < 0 else timeout / 1000
        masks = dict(self._masks)
        r = [fd for fd, m in masks.items() if m & _READ]
        w = [fd for fd, m in masks.items() if m & _WRITE]
        readable, writable, _ = select(r, w, [], timeout)
        ready = []
        for fd, m in masks.items():
            events = 0
            if fd in readable:
                events |= m & _READ
            if fd in writable:
                events |= m & _WRITE
            if events:
                ready.append((fd, events))
        return ready


# `select.epoll`: a real epoll instance (`_epoll_create`, `_epoll_ctl`), whose
# `poll` defers only the calling micro-thread (`_epoll_wait`).
EPOLLIN = 0x001
EPOLLPRI = 0x002
EPOLLOUT = 0x004
EPOLLERR = 0x008
EPOLLHUP = 0x010
EPOLLRDNORM = 0x040
EPOLLRDBAND = 0x080
EPOLLWRNORM = 0x100
EPOLLWRBAND = 0x200
EPOLLMSG = 0x400
EPOLLRDHUP = 0x2000
EPOLLEXCLUSIVE = 1 << 28
EPOLLONESHOT = 1 << 30
EPOLLET = 1 << 31
EPOLL_CLOEXEC = 0o2000000
_FD_SETSIZE = 1024


class epoll:
    """select.epoll(sizehint=-1, flags=0)

    Returns an epolling object

    sizehint must be a positive integer or -1 for the default size. The
    sizehint is used to optimize internal data structures. It doesn't limit
    the maximum number of monitored events."""

    def __new__(cls, sizehint=-1, flags=0):
        if sizehint != -1 and sizehint <= 0:
            raise ValueError("negative sizehint")
        if flags and flags != EPOLL_CLOEXEC:
            raise OSError("invalid flags")
        self = object.__new__(cls)
        self._epfd = _epoll_create()
        return self

    def __init__(self, sizehint=-1, flags=0):
        pass

    @classmethod
    def fromfd(cls, fd):
        """Create an epoll object from a given control fd."""
        self = object.__new__(cls)
        self._epfd = fd
        return self

    def _fd(self):
        if self._epfd < 0:
            raise ValueError("I/O operation on closed epoll object")
        return self._epfd

    @property
    def closed(self):
        """True if the epoll handler is closed"""
        return self._epfd < 0

    def close(self):
        """Close the epoll control file descriptor.

        Further operations on the epoll object will raise an exception."""
        fd, self._epfd = self._epfd, -1
        if fd >= 0:
            _epoll_close(fd)

    def __del__(self):
        fd, self._epfd = getattr(self, "_epfd", -1), -1
        if fd >= 0:
            try:
                _epoll_close(fd)
            except OSError:
                pass

    def fileno(self):
        """Return the epoll control file descriptor."""
        return self._fd()

    def register(self, fd, eventmask=EPOLLIN | EPOLLPRI | EPOLLOUT):
        """Registers a new fd or raises an OSError if the fd is already registered."""
        _epoll_ctl(self._fd(), 1, _fileno(fd), eventmask)

    def modify(self, fd, eventmask):
        """Modify event mask for a registered file descriptor."""
        _epoll_ctl(self._fd(), 3, _fileno(fd), eventmask)

    def unregister(self, fd):
        """Remove a registered file descriptor from the epoll object."""
        _epoll_ctl(self._fd(), 2, _fileno(fd), 0)

    def poll(self, timeout=None, maxevents=-1):
        """Wait for events on the epoll file descriptor.

        Returns a list containing any descriptors that have events to report,
        as a list of (fd, events) 2-tuples."""
        epfd = self._fd()
        if timeout is not None:
            if not isinstance(timeout, (int, float)):
                raise TypeError("timeout must be an integer or None")
            _checked_ms(timeout * 1000)
            if timeout < 0:
                timeout = None
        if maxevents == -1:
            maxevents = _FD_SETSIZE - 1
        elif maxevents <= 0:
            raise ValueError("maxevents must be greater than 0, got %d" % maxevents)
        return _epoll_wait(epfd, timeout, maxevents)

    def __enter__(self):
        self._fd()
        return self

    def __exit__(self, *args):
        self.close()


_poll_type = poll


def _new_poll():
    """Returns a polling object.

    This object supports registering and unregistering file descriptors, and then
    polling them for I/O events."""
    p = object.__new__(_poll_type)
    p._masks = {}
    return p


# (A static method: callable, and not bound when a class holds it, as selectors'
# PollSelector holds select.poll, like CPython's built-in function.)
poll = staticmethod(_new_poll)
