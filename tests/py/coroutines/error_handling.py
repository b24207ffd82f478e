# Error handling across coroutines and async generators: exceptions thrown into a
# suspended coroutine, athrow() and aclose() on async generators (their finally
# blocks run), asend() driving one by hand, exceptions crossing await chains with
# their context, and async with managers that see and suppress exceptions.


class Wait:
    def __init__(self, label):
        self.label = label

    def __await__(self):
        return (yield self.label)


def drive(coro, inputs=()):
    """Send None then each input; returns what the coroutine yielded and how it
    ended."""
    seen = []
    inputs = list(inputs)
    value = None
    try:
        while True:
            seen.append(coro.send(value))
            value = inputs.pop(0) if inputs else None
    except StopIteration as e:
        return seen, "returned %r" % (e.value,)
    except Exception as e:
        return seen, "raised %s: %s" % (type(e).__name__, e)


events = []


async def ticker(name, n):
    try:
        for i in range(n):
            got = await Wait("%s-wait%d" % (name, i))
            events.append("%s got %r" % (name, got))
            yield i
    except GeneratorExit:
        events.append("%s closing" % name)
        raise
    finally:
        events.append("%s finally" % name)


async def main_athrow():
    t = ticker("t", 5)
    out = [await t.__anext__(), await t.asend("x")]
    try:
        await t.athrow(KeyError("stop"))
    except KeyError as e:
        out.append("athrow raised %r" % e)
    try:
        await t.__anext__()
    except StopAsyncIteration:
        out.append("exhausted")
    return out


print(drive(main_athrow(), ["a", "b", "c"]))
print(events)
events.clear()


async def main_aclose():
    t = ticker("c", 5)
    first = await t.__anext__()
    await t.aclose()
    await t.aclose()
    try:
        await t.__anext__()
    except StopAsyncIteration:
        return first, "closed then exhausted", t.ag_running


print(drive(main_aclose()))
print(events)
events.clear()


async def stubborn():
    try:
        yield 1
    finally:
        yield 2


async def main_stubborn():
    s = stubborn()
    await s.__anext__()
    try:
        await s.aclose()
    except RuntimeError as e:
        return str(e)


print(drive(main_stubborn()))


async def catches_and_yields():
    while True:
        try:
            yield "ready"
        except ValueError as e:
            yield "handled %s" % e


async def main_recover():
    g = catches_and_yields()
    out = [await g.__anext__()]
    out.append(await g.athrow(ValueError("v1")))
    out.append(await g.asend(None))
    out.append(await g.athrow(ValueError, ValueError("v2")))
    return out


print(drive(main_recover()))

# asend()/athrow() objects driven by hand, as an event loop would.
t = ticker("h", 3)
op = t.asend(None)
print(type(op).__name__, op.send(None))
try:
    op.send("direct")
except StopIteration as e:
    print("asend finished with", e.value)
try:
    op.send(None)
except RuntimeError as e:
    print(e)
closer = t.aclose()
print(type(closer).__name__)
try:
    closer.send(None)
except StopIteration:
    print("aclose finished")
print(events)
events.clear()


# throw() into a coroutine suspended deep in an await chain.
async def level3():
    try:
        await Wait("deep")
    except LookupError as e:
        raise RuntimeError("level3 failed") from e


async def level2():
    try:
        return await level3()
    finally:
        events.append("level2 cleanup")


async def level1():
    try:
        await level2()
    except RuntimeError as e:
        return "level1 caught %r caused by %r" % (e, e.__cause__)


co = level1()
print(co.send(None))
try:
    co.throw(IndexError("bad index"))
except StopIteration as e:
    print(e.value)
print(events)
events.clear()


# Implicit chaining inside a coroutine: the handled exception is the context.
async def chained():
    try:
        await Wait("c")
        raise ValueError("first")
    except ValueError:
        await Wait("in handler")
        raise TypeError("second")


seen, how = drive(chained())
print(seen, how)
co = chained()
co.send(None)
co.send(None)
try:
    co.send(None)
except TypeError as e:
    print(repr(e), "context:", repr(e.__context__))


class Transaction:
    def __init__(self, name):
        self.name = name

    async def __aenter__(self):
        await Wait("begin " + self.name)
        events.append("begin " + self.name)
        return self

    async def __aexit__(self, typ, exc, tb):
        await Wait("end " + self.name)
        if typ is None:
            events.append("commit " + self.name)
            return False
        events.append("rollback %s (%s: %s)" % (self.name, typ.__name__, exc))
        return issubclass(typ, ArithmeticError)


async def transfers():
    results = []
    async with Transaction("t1"):
        results.append("t1 body")
    async with Transaction("t2"):
        results.append(1 / 0)
    results.append("after t2 (suppressed)")
    try:
        async with Transaction("t3") as t:
            results.append(t.name)
            raise KeyError("missing account")
    except KeyError as e:
        results.append("t3 propagated %r" % e)
    for name in ("t4", "t5"):
        async with Transaction(name):
            if name == "t4":
                continue
            break
    async with Transaction("t6"):
        return results


print(drive(transfers()))
for e in events:
    print("  ", e)
events.clear()


class BadExit:
    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        raise OSError("exit failed")


async def bad_exit():
    try:
        async with BadExit():
            raise ValueError("body failed")
    except OSError as e:
        return "%r from context %r" % (e, e.__context__)


print(drive(bad_exit()))


# An exception nobody catches: the traceback runs through the await chain.
async def leaf():
    await Wait("leaf")
    {}["nope"]


async def middle():
    return await leaf()


async def top():
    await middle()


co = top()
co.send(None)
co.send(None)
