"""_contextvars: context variables (PEP 567), what Lib's contextvars.py re-exports.

pyvm's frozen module, over the native _pyvm_context (each micro_thread's current
context). Each micro_thread has a context of its own, as each OS thread has in
CPython: one started by spawning begins with an empty context, and `Context.run`
or `copy_context()` carry values across explicitly (as asyncio does for its tasks).
A context's mapping is never changed in place: `ContextVar.set` gives the running
context a new dict, so `copy_context()` is a cheap snapshot.
"""

import _pyvm_context


class _Missing:
    __slots__ = ()

    def __repr__(self):
        return '<Token.MISSING>'


_MISSING = _Missing()


def _current():
    ctx = _pyvm_context.get()
    if ctx is None:
        ctx = Context()
        _pyvm_context.set(ctx)
    return ctx


class Context:
    """A mapping of context variables to their values."""

    __module__ = '_contextvars'

    def __init__(self):
        self._data = {}
        self._prev = None
        self._entered = False

    def __init_subclass__(cls, **kwargs):
        raise TypeError("type '_contextvars.Context' is not an acceptable base type")

    def run(self, callable, /, *args, **kwargs):
        if self._entered:
            raise RuntimeError(
                f'cannot enter context: {self!r} is already entered')
        self._prev = _pyvm_context.get()
        self._entered = True
        _pyvm_context.set(self)
        try:
            return callable(*args, **kwargs)
        finally:
            _pyvm_context.set(self._prev)
            self._prev = None
            self._entered = False

    def copy(self):
        new = Context()
        new._data = self._data
        return new

    def __getitem__(self, var):
        if not isinstance(var, ContextVar):
            raise TypeError(
                f"a ContextVar key was expected, got {var!r}")
        return self._data[var]

    def __contains__(self, var):
        if not isinstance(var, ContextVar):
            raise TypeError(
                f"a ContextVar key was expected, got {var!r}")
        return var in self._data

    def __len__(self):
        return len(self._data)

    def __iter__(self):
        return iter(self._data)

    def get(self, var, default=None):
        if not isinstance(var, ContextVar):
            raise TypeError(
                f"a ContextVar key was expected, got {var!r}")
        return self._data.get(var, default)

    def keys(self):
        return self._data.keys()

    def values(self):
        return self._data.values()

    def items(self):
        return self._data.items()

    def __eq__(self, other):
        if not isinstance(other, Context):
            return NotImplemented
        return self._data == other._data

    __hash__ = None


def copy_context():
    """Return a copy of the current context."""
    return _current().copy()


class ContextVar:
    """A context variable."""

    __module__ = '_contextvars'

    def __init__(self, name, *, default=_MISSING):
        if not isinstance(name, str):
            raise TypeError('context variable name must be a str')
        self._name = name
        self._default = default

    def __init_subclass__(cls, **kwargs):
        raise TypeError("type '_contextvars.ContextVar' is not an acceptable base type")

    @property
    def name(self):
        return self._name

    def get(self, *args):
        if len(args) > 1:
            raise TypeError(
                f'get expected at most 1 argument, got {len(args)}')
        ctx = _pyvm_context.get()
        if ctx is not None:
            try:
                return ctx._data[self]
            except KeyError:
                pass
        if args:
            return args[0]
        if self._default is not _MISSING:
            return self._default
        raise LookupError(self)

    def set(self, value):
        ctx = _current()
        data = ctx._data
        old = data.get(self, _MISSING)
        new = dict(data)
        new[self] = value
        ctx._data = new
        return Token(ctx, self, old)

    def reset(self, token):
        if not isinstance(token, Token):
            raise TypeError(
                f"expected an instance of Token, got {token!r}")
        if token._used:
            raise RuntimeError(f'{token!r} has already been used once')
        if token._var is not self:
            raise ValueError(
                f'{token!r} was created by a different ContextVar')
        ctx = _current()
        if token._ctx is not ctx:
            raise ValueError(
                f'{token!r} was created in a different Context')
        new = dict(ctx._data)
        if token._old is _MISSING:
            new.pop(self, None)
        else:
            new[self] = token._old
        ctx._data = new
        token._used = True

    def __repr__(self):
        r = f'<ContextVar name={self._name!r}'
        if self._default is not _MISSING:
            r += f' default={self._default!r}'
        return r + f' at {id(self):#x}>'

    def __class_getitem__(cls, item):
        import types
        return types.GenericAlias(cls, item)


class Token:
    """What ContextVar.set returns: ContextVar.reset(token) undoes that set."""

    __module__ = '_contextvars'

    MISSING = _MISSING

    def __init__(self, *args, **kwargs):
        if len(args) != 3 or kwargs:
            raise RuntimeError('Tokens can only be created by ContextVars')
        self._ctx, self._var, self._old = args
        self._used = False

    def __init_subclass__(cls, **kwargs):
        raise TypeError("type '_contextvars.Token' is not an acceptable base type")

    @property
    def var(self):
        return self._var

    @property
    def old_value(self):
        return self._old

    def __repr__(self):
        used = ' used' if self._used else ''
        return f'<Token{used} var={self._var!r} at {id(self):#x}>'

    def __class_getitem__(cls, item):
        import types
        return types.GenericAlias(cls, item)
