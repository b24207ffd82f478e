"""_weakref: weak references (what CPython's C module of that name gives Lib's
weakref.py).

pyvm's frozen module. The reference and proxy types are Python classes over the
native _weakref_native (a weak handle on an object, and the registry of which
references watch which object). When an instance of a Python class dies, the
callbacks of the references to it run before the next instruction of the code that
dropped it, as with CPython's reference counting; the references to other objects
(classes, functions, sets) die with them, but their callbacks do not run.
"""

import _weakref_native as _native


class ReferenceType:
    """ref(object[, callback]) -- create a weak reference to 'object'."""

    __module__ = "weakref"

    def __new__(cls, ob, callback=None, /):
        if callback is None and cls is ReferenceType:
            # Like CPython, a plain reference is shared.
            for r in _native.watchers(ob):
                if type(r) is ReferenceType and r.__callback__ is None:
                    return r
        self = object.__new__(cls)
        self._pyvm_handle = _native.handle(ob)
        self.__callback__ = callback
        _native.watch(ob, self)
        return self

    def __init__(self, ob, callback=None, /):
        pass

    def __call__(self):
        return self._pyvm_handle()

    def __hash__(self):
        h = self.__dict__.get("_pyvm_hash")
        if h is None:
            o = self._pyvm_handle()
            if o is None:
                raise TypeError("weak object has gone away")
            h = self._pyvm_hash = hash(o)
        return h

    def __eq__(self, other):
        if not isinstance(other, ReferenceType):
            return NotImplemented
        a, b = self._pyvm_handle(), other._pyvm_handle()
        if a is None or b is None:
            return self is other
        return a == b

    def __ne__(self, other):
        if not isinstance(other, ReferenceType):
            return NotImplemented
        a, b = self._pyvm_handle(), other._pyvm_handle()
        if a is None or b is None:
            return self is not other
        return a != b

    def __repr__(self):
        o = self._pyvm_handle()
        if o is None:
            return "<weakref at %#x; dead>" % id(self)
        return "<weakref at %#x; to '%s' at %#x>" % (id(self), type(o).__name__, id(o))

    def __class_getitem__(cls, item):
        import types
        return types.GenericAlias(cls, item)


ref = ReferenceType


def _dead():
    raise ReferenceError("weakly-referenced object no longer exists")


class ProxyType:
    """A proxy to an object held weakly: using it uses the object."""

    __module__ = "weakref"

    def __init__(self, ob, callback=None):
        if callback is not None:
            me = ref(self)

            def relay(_r, callback=callback, me=me):
                p = me()
                if p is not None:
                    callback(p)
            r = ref(ob, relay)
        else:
            r = ref(ob)
        object.__setattr__(self, "_pyvm_ref", r)

    def _pyvm_target(self):
        o = self._pyvm_ref()
        if o is None:
            _dead()
        return o

    def __getattr__(self, name):
        return getattr(self._pyvm_target(), name)

    def __setattr__(self, name, value):
        setattr(self._pyvm_target(), name, value)

    def __delattr__(self, name):
        delattr(self._pyvm_target(), name)

    def __repr__(self):
        o = self._pyvm_ref()
        if o is None:
            return "<weakproxy at %#x; dead>" % id(self)
        return "<weakproxy at %#x; to '%s' at %#x>" % (id(self), type(o).__name__, id(o))

    def __str__(self):
        return str(self._pyvm_target())

    def __bool__(self):
        return bool(self._pyvm_target())

    def __len__(self):
        return len(self._pyvm_target())

    def __iter__(self):
        return iter(self._pyvm_target())

    def __next__(self):
        return next(self._pyvm_target())

    def __contains__(self, item):
        return item in self._pyvm_target()

    def __getitem__(self, key):
        return self._pyvm_target()[key]

    def __setitem__(self, key, value):
        self._pyvm_target()[key] = value

    def __delitem__(self, key):
        del self._pyvm_target()[key]

    def __hash__(self):
        raise TypeError("unhashable type: 'weakref.ProxyType'")

    def __bytes__(self):
        return bytes(self._pyvm_target())

    def __index__(self):
        return self._pyvm_target().__index__()

    def __int__(self):
        return int(self._pyvm_target())

    def __float__(self):
        return float(self._pyvm_target())


def _forward(name, op):
    def method(self, *args):
        args = [a._pyvm_target() if isinstance(a, ProxyType) else a for a in args]
        return op(self._pyvm_target(), *args)
    method.__name__ = name
    setattr(ProxyType, name, method)


def _install():
    import operator
    for name in ("lt", "le", "eq", "ne", "gt", "ge", "add", "sub", "mul", "truediv",
                 "floordiv", "mod", "pow", "lshift", "rshift", "and", "or", "xor",
                 "matmul", "neg", "pos", "abs", "invert"):
        op = getattr(operator, name if name not in ("and", "or") else name + "_")
        _forward("__%s__" % name, op)
    for name in ("add", "sub", "mul", "truediv", "floordiv", "mod", "pow", "lshift",
                 "rshift", "and", "or", "xor", "matmul"):
        op = getattr(operator, name if name not in ("and", "or") else name + "_")
        _forward("__r%s__" % name, lambda a, b, op=op: op(b, a))
        _forward("__i%s__" % name, getattr(operator, "i" + name))


_install()


class CallableProxyType(ProxyType):
    """A proxy to a callable object held weakly."""

    __module__ = "weakref"

    def __call__(self, *args, **kwargs):
        return self._pyvm_target()(*args, **kwargs)


def proxy(ob, callback=None, /):
    """proxy(object[, callback]) -- create a proxy object that weakly
    references 'object'.  'callback', if given, is called with a
    reference to the proxy when 'object' is about to be finalized."""
    if callable(ob):
        return CallableProxyType(ob, callback)
    return ProxyType(ob, callback)


def getweakrefcount(ob, /):
    """Return the number of weak references to 'object'."""
    return len(_native.watchers(ob))


def getweakrefs(ob, /):
    """Return a list of all weak reference objects pointing to 'object'."""
    return _native.watchers(ob)


def _remove_dead_weakref(d, key, /):
    """Atomically remove key from dict if it points to a dead weakref."""
    try:
        wr = d[key]
    except KeyError:
        return
    if isinstance(wr, ReferenceType) and wr() is None:
        del d[key]
