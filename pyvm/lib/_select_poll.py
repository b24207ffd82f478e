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


class poll:
    """A set of descriptors to wait on, with the events asked of each."""

    def __init__(self):
        self._masks = {}

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
        if timeout is not None:
            if not isinstance(timeout, (int, float)):
                raise TypeError("timeout must be an integer or None")
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
