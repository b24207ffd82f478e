# The Python half of pyvm's `_multiprocessing` (run into the native module, whose
# functions `_sem_*`, `_owner` and `sem_unlink` are already in this namespace):
# `SemLock` as CPython's Modules/_multiprocessing/semaphore.c defines it.

flags = {'HAVE_SEM_OPEN': 1, 'HAVE_SEM_TIMEDWAIT': 1}

RECURSIVE_MUTEX = 0
SEMAPHORE = 1


def _timeout_float(timeout):
    # PyFloat_AsDouble: __float__, else __index__, else TypeError.
    if timeout is None or type(timeout) is float:
        return timeout
    cls = type(timeout)
    if isinstance(timeout, (str, bytes, bytearray)):
        raise TypeError("must be real number, not %s" % cls.__name__)
    if hasattr(cls, '__float__'):
        return cls.__float__(timeout)
    if hasattr(cls, '__index__'):
        return float(cls.__index__(timeout))
    raise TypeError("must be real number, not %s" % cls.__name__)


class SemLock:
    """Semaphore/Mutex type"""

    __slots__ = ('_handle', '_kind', '_maxvalue', '_name', '_cnt', '_last',
                 '__weakref__')

    SEM_VALUE_MAX = 2147483647

    def __init__(self, kind, value, maxvalue, name, unlink):
        if kind != RECURSIVE_MUTEX and kind != SEMAPHORE:
            raise ValueError("unrecognized kind")
        handle = _sem_create(name, value)
        if unlink:
            try:
                sem_unlink(name)
            except BaseException:
                _sem_close(handle)
                raise
        self._setup(handle, kind, maxvalue, None if unlink else name)

    def _setup(self, handle, kind, maxvalue, name):
        self._handle = handle
        self._kind = kind
        self._maxvalue = maxvalue
        self._name = name
        self._cnt = 0
        self._last = None

    handle = property(lambda self: self._handle)
    kind = property(lambda self: self._kind)
    maxvalue = property(lambda self: self._maxvalue)
    name = property(lambda self: self._name)

    @classmethod
    def _rebuild(cls, handle, kind, maxvalue, name):
        if name is not None:
            handle = _sem_open(name)
        self = cls.__new__(cls)
        self._setup(handle, kind, maxvalue, name)
        return self

    def _is_mine(self):
        return self._cnt > 0 and self._last == _owner()

    def acquire(self, block=True, timeout=None):
        timeout = _timeout_float(timeout)
        if self._kind == RECURSIVE_MUTEX and self._is_mine():
            self._cnt += 1
            return True
        if not _sem_acquire(self._handle, block, timeout):
            return False
        self._cnt += 1
        self._last = _owner()
        return True

    def release(self):
        if self._kind == RECURSIVE_MUTEX:
            if not self._is_mine():
                raise AssertionError(
                    "attempt to release recursive lock not owned by thread")
            if self._cnt > 1:
                self._cnt -= 1
                return None
        else:
            if _sem_getvalue(self._handle) >= self._maxvalue:
                raise ValueError("semaphore or lock released too many times")
        _sem_post(self._handle)
        self._cnt -= 1
        return None

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *args):
        return self.release()

    def _count(self):
        return self._cnt

    def _get_value(self):
        return _sem_getvalue(self._handle)

    def _is_zero(self):
        return _sem_getvalue(self._handle) == 0

    def _after_fork(self):
        self._cnt = 0

    def __del__(self):
        try:
            _sem_close(self._handle)
        except Exception:
            pass

