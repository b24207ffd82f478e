"""types: names for built-in types, and types.coroutine.

pyvm's frozen module, a subset of CPython's: FunctionType, LambdaType,
GeneratorType, CoroutineType, AsyncGeneratorType, BuiltinFunctionType,
MethodType, ModuleType, CodeType, SimpleNamespace and coroutine.
"""

import _types
import sys

def _f(): pass
FunctionType = type(_f)
LambdaType = type(lambda: None)
CodeType = type(_f.__code__)

def _g():
    yield 1
GeneratorType = type(_g())

async def _c(): pass
_c = _c()
CoroutineType = type(_c)
_c.close()

async def _ag():
    yield 1
_ag = _ag()
AsyncGeneratorType = type(_ag)

class _C:
    def _m(self): pass
MethodType = type(_C()._m)

BuiltinFunctionType = type(len)
BuiltinMethodType = type([].append)
ModuleType = type(sys)

del _f, _g, _c, _ag, _C


class SimpleNamespace:
    """A simple attribute-based namespace (CPython's, in Python)."""

    def __init__(self, *args, **kwargs):
        if args:
            raise TypeError("no positional arguments expected")
        for key, value in kwargs.items():
            setattr(self, key, value)

    def __repr__(self):
        items = (f"{k}={v!r}" for k, v in self.__dict__.items())
        name = "namespace" if type(self) is SimpleNamespace else type(self).__name__
        return "{}({})".format(name, ", ".join(items))

    def __eq__(self, other):
        if isinstance(self, SimpleNamespace) and isinstance(other, SimpleNamespace):
            return self.__dict__ == other.__dict__
        return NotImplemented


def coroutine(func):
    """Convert regular generator function to a coroutine."""

    if not callable(func):
        raise TypeError('types.coroutine() expects a callable')

    if type(func) is FunctionType:
        if func.__code__.co_flags & 0x180:
            # Already a coroutine function (or marked).
            return func
        if _types._mark_iterable_coroutine(func):
            return func

    # A callable that is not a generator function: wrap what it returns.
    def wrapped(*args, **kwargs):
        coro = func(*args, **kwargs)
        if type(coro) is CoroutineType:
            return coro
        if type(coro) is GeneratorType and coro.gi_code.co_flags & 0x100:
            return coro
        return _GeneratorWrapper(coro)

    wrapped.__name__ = getattr(func, '__name__', 'wrapped')
    wrapped.__qualname__ = getattr(func, '__qualname__', 'wrapped')
    return wrapped


class _GeneratorWrapper:
    def __init__(self, gen):
        self.__wrapped = gen

    def send(self, val):
        return self.__wrapped.send(val)

    def throw(self, tp, *rest):
        return self.__wrapped.throw(tp, *rest)

    def close(self):
        return self.__wrapped.close()

    def __next__(self):
        return next(self.__wrapped)

    def __iter__(self):
        return self

    def __await__(self):
        return self.__wrapped
