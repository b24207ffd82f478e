# Coroutine objects: what calling an async def gives, driving one by hand with
# send/throw/close, awaiting coroutines, Future-like objects and types.coroutine
# generators, and the code flags that mark each kind of function.
import types


def run(coro):
    """Drive a coroutine that never really suspends; returns its result."""
    try:
        while True:
            coro.send(None)
    except StopIteration as e:
        return e.value


async def add(a, b):
    return a + b


async def total(values):
    acc = 0
    for v in values:
        acc = await add(acc, v)
    return acc


c = total([1, 2, 3, 4])
print(type(c).__name__, type(c) is types.CoroutineType)
print(repr(c).startswith("<coroutine object total at 0x"))
print(c.__name__, c.__qualname__, c.cr_code is total.__code__)
print("running:", c.cr_running, "await:", c.cr_await)
print("result:", run(c))
try:
    c.send(None)
except RuntimeError as e:
    print("RuntimeError:", e)

# Flags: CO_GENERATOR 0x20, CO_COROUTINE 0x80, CO_ASYNC_GENERATOR 0x200.


def gen():
    yield 1


async def agen():
    yield 1


def plain():
    return 1


for f in (gen, add, agen, plain):
    print(f.__name__, hex(f.__code__.co_flags & 0x3a0))


# A Future-like object: its __await__ is a generator that yields itself to whoever
# drives the coroutine, and returns the value set on it.
class Future:
    def __init__(self, name):
        self.name = name
        self.result = None

    def __await__(self):
        value = yield self
        return "%s=%s" % (self.name, value)


async def fetch_two():
    a = await Future("a")
    b = await Future("b")
    return [a, b]


co = fetch_two()
fut = co.send(None)
print("waiting on", fut.name, "await is fut:", co.cr_await is fut)
fut = co.send(10)
print("waiting on", fut.name)
try:
    co.send(20)
except StopIteration as e:
    print("finished with", e.value)


# A generator made awaitable by types.coroutine, and awaited in a coroutine.
@types.coroutine
def suspend(tag):
    got = yield ("suspended", tag)
    return got * 2


async def uses_suspend():
    x = await suspend("one")
    y = await suspend("two")
    return x + y


co = uses_suspend()
print(co.send(None))
print(co.send(5))
try:
    co.send(7)
except StopIteration as e:
    print("sum", e.value)
print(hex(suspend.__code__.co_flags & 0x1a0))

# __await__ returns an iterator over the coroutine.
co = add(2, 3)
w = co.__await__()
print(type(w).__name__, iter(w) is w)
try:
    next(w)
except StopIteration as e:
    print("wrapper result", e.value)

# throw() and close() on a suspended coroutine.


async def guarded():
    try:
        await Future("x")
    except KeyError as e:
        print("caught inside:", repr(e))
        await Future("y")
        return "recovered"
    finally:
        print("guarded finally")


co = guarded()
print(co.send(None).name)
print(co.throw(KeyError("boom")).name)
try:
    co.send(1)
except StopIteration as e:
    print("returned", e.value)

co = guarded()
co.send(None)
print("close ->", co.close())
print("close again ->", co.close())

# A coroutine awaiting another coroutine: throw goes down the chain.


async def inner():
    try:
        await Future("deep")
    except ValueError:
        return "inner handled"


async def outer():
    r = await inner()
    return "outer got " + r


co = outer()
print(co.send(None).name)
try:
    co.throw(ValueError)
except StopIteration as e:
    print(e.value)

# A coroutine that was never started can be closed.
co = add(1, 1)
co.close()
try:
    co.send(None)
except RuntimeError as e:
    print("after close:", e)
