"""`_thread._local`, which `threading.local` is: attributes per OS thread.

micro_threads are not threads: those of one OS thread share its attributes. Each OS
thread sees a dict of its own, made the first time it touches the instance (a
subclass's `__init__` is then called again with the arguments the instance was made
with, as CPython does), and dropped once that thread has ended (noticed when a new
thread first touches the instance). Attribute lookup is CPython's generic one with
that dict as the instance's `__dict__`: data descriptors of the class first, then
the dict, then the class's other attributes.
"""

from _thread import get_ident as _get_ident, _set_sentinel

# Per OS thread, a lock held while it runs (`_set_sentinel`'s, released when the
# thread has ended): how a local knows which of its dicts to drop.
_alive = {}


def _sentinel(ident):
    lock = _alive.get(ident)
    if lock is None:
        lock = _alive[ident] = _set_sentinel()
        lock.acquire()
    return lock


_getattribute = object.__getattribute__
_setattr = object.__setattr__
_NOT_FOUND = object()


def _ldict(self):
    """This OS thread's dict for `self` (made, and `__init__` run, on first use)."""
    ident = _get_ident()
    dicts = _getattribute(self, "_local__dicts")
    d = dicts.get(ident)
    if d is not None:
        return d[0]
    for other, (_, lock) in list(dicts.items()):
        if not lock.locked():
            del dicts[other]
    for other, lock in list(_alive.items()):
        if not lock.locked():
            del _alive[other]
    d = {}
    dicts[ident] = (d, _sentinel(ident))
    cls = type(self)
    if cls.__init__ is not object.__init__:
        args, kw = _getattribute(self, "_local__args")
        cls.__init__(self, *args, **kw)
    return d


def _class_attr(cls, name):
    for base in cls.__mro__:
        if name in base.__dict__:
            return base.__dict__[name]
    return _NOT_FOUND


class _local:
    """Thread-local data"""

    __module__ = "_thread"
    __slots__ = ("_local__dicts", "_local__args", "__weakref__")

    def __new__(cls, /, *args, **kw):
        if (args or kw) and cls.__init__ is object.__init__:
            raise TypeError("Initialization arguments are not supported")
        self = object.__new__(cls)
        _setattr(self, "_local__args", (args, kw))
        ident = _get_ident()
        _setattr(self, "_local__dicts", {ident: ({}, _sentinel(ident))})
        return self

    def __getattribute__(self, name):
        d = _ldict(self)
        if name == "__dict__":
            return d
        cls = type(self)
        attr = _class_attr(cls, name)
        if attr is not _NOT_FOUND:
            kind = type(attr)
            if hasattr(kind, "__get__") and (
                hasattr(kind, "__set__") or hasattr(kind, "__delete__")
            ):
                return kind.__get__(attr, self, cls)
        if name in d:
            return d[name]
        if attr is not _NOT_FOUND:
            get = getattr(type(attr), "__get__", None)
            return attr if get is None else get(attr, self, cls)
        raise AttributeError(
            "'%s' object has no attribute '%s'" % (cls.__name__, name)
        )

    def __setattr__(self, name, value):
        if name == "__dict__":
            raise AttributeError(
                "'%s' object attribute '__dict__' is read-only" % type(self).__name__
            )
        d = _ldict(self)
        attr = _class_attr(type(self), name)
        if attr is not _NOT_FOUND and hasattr(type(attr), "__set__"):
            return type(attr).__set__(attr, self, value)
        d[name] = value

    def __delattr__(self, name):
        if name == "__dict__":
            raise AttributeError(
                "'%s' object attribute '__dict__' is read-only" % type(self).__name__
            )
        d = _ldict(self)
        attr = _class_attr(type(self), name)
        if attr is not _NOT_FOUND and hasattr(type(attr), "__delete__"):
            return type(attr).__delete__(attr, self)
        try:
            del d[name]
        except KeyError:
            raise AttributeError(
                "'%s' object has no attribute '%s'" % (type(self).__name__, name)
            ) from None
