# The error cases of coroutines, async iteration and async with, each caught and
# printed with CPython's type and message; SyntaxErrors from compile().
import types


def run(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as e:
        return e.value


def attempt(label, fn):
    try:
        print(label, "->", fn())
    except Exception as e:
        print(label, "->", type(e).__name__ + ":", e)


async def await_int():
    await 1


class NonIter:
    def __await__(self):
        return 1


class ReturnsCoro:
    made = []

    def __await__(self):
        c = await_int()
        self.made.append(c)
        return c


async def await_bad(obj):
    return await obj


async def raises_stop():
    raise StopIteration("inner")


async def agen_raises_stop():
    yield 1
    raise StopAsyncIteration


async def simple():
    return 1


class NoAiter:
    pass


class AiterNotIter:
    def __aiter__(self):
        return 5


class AnextNotAwaitable:
    def __aiter__(self):
        return self

    def __anext__(self):
        return 42


async def loop_over(obj):
    async for x in obj:
        pass


class NoAexit:
    async def __aenter__(self):
        return self


class SyncAenter:
    def __aenter__(self):
        return 1

    async def __aexit__(self, *a):
        return False


class SyncAexit:
    async def __aenter__(self):
        return self

    def __aexit__(self, *a):
        return None


async def use(mgr):
    async with mgr:
        pass


class SyncOnly:
    def __enter__(self):
        return self

    def __exit__(self, *a):
        return False


attempt("await int", lambda: run(await_int()))
attempt("__await__ non-iterator", lambda: run(await_bad(NonIter())))
attempt("__await__ coroutine", lambda: run(await_bad(ReturnsCoro())))
ReturnsCoro.made.pop().close()
attempt("await generator", lambda: run(await_bad((x for x in []))))
attempt("await None", lambda: run(await_bad(None)))
attempt("StopIteration inside", lambda: run(raises_stop()))


async def anext_twice():
    g = agen_raises_stop()
    await g.__anext__()
    await g.__anext__()


attempt("StopAsyncIteration inside", lambda: run(anext_twice()))


def reuse():
    c = simple()
    run(c)
    return run(c)


attempt("reuse", reuse)


def await_twice():
    c = simple()

    async def a():
        return await c

    run(a())
    return run(a())


attempt("await finished coroutine", await_twice)


def being_awaited():
    class F:
        def __await__(self):
            yield

    async def inner():
        await F()

    c = inner()

    async def a():
        return await c

    x, y = a(), a()
    x.send(None)
    return y.send(None)


attempt("awaited twice at once", being_awaited)


def iterate_coroutine():
    c = simple()
    try:
        return list(c)
    finally:
        c.close()


attempt("iterate coroutine", iterate_coroutine)


def next_coroutine():
    c = simple()
    try:
        return next(c)
    finally:
        c.close()


attempt("next(coroutine)", next_coroutine)


def ignores_exit():
    class F:
        def __await__(self):
            yield

    async def stubborn():
        while True:
            try:
                await F()
            except GeneratorExit:
                pass

    c = stubborn()
    c.send(None)
    try:
        return c.close()
    finally:
        try:
            c.throw(KeyError)
        except KeyError:
            pass


attempt("close ignored", ignores_exit)


def send_to_new():
    c = simple()
    try:
        return c.send(5)
    finally:
        c.close()


attempt("send non-None first", send_to_new)


def yield_from_coro():
    c = simple()

    def g():
        yield from c

    try:
        return list(g())
    finally:
        c.close()


attempt("yield from coroutine", yield_from_coro)


@types.coroutine
def legacy():
    yield "legacy"
    return "legacy done"


def legacy_in_generator():
    def g():
        return (yield from legacy())

    return list(g())


attempt("yield from types.coroutine", legacy_in_generator)
attempt("types.coroutine(1)", lambda: types.coroutine(1))
attempt("async for int", lambda: run(loop_over(5)))
attempt("async for no __aiter__", lambda: run(loop_over(NoAiter())))
attempt("async for list", lambda: run(loop_over([1, 2])))
attempt("__aiter__ not async iterator", lambda: run(loop_over(AiterNotIter())))
attempt("__anext__ not awaitable", lambda: run(loop_over(AnextNotAwaitable())))
attempt("async with object", lambda: run(use(object())))
attempt("async with sync manager", lambda: run(use(SyncOnly())))
attempt("async with no __aexit__", lambda: run(use(NoAexit())))
attempt("__aenter__ not awaitable", lambda: run(use(SyncAenter())))
attempt("__aexit__ not awaitable", lambda: run(use(SyncAexit())))


def throw_finished():
    c = simple()
    run(c)
    return c.throw(ValueError("late"))


attempt("throw into finished", throw_finished)


async def agen():
    yield 1


attempt("agen not iterable", lambda: list(agen()))
attempt("agen send", lambda: agen().send(None))
attempt("await agen", lambda: run(await_bad(agen())))
attempt("anext non-None first", lambda: agen().asend(3).send(None))


class Pending:
    def __await__(self):
        yield "pending"


async def awaits_inside():
    await Pending()
    yield 1


def anext_while_awaiting():
    g = awaits_inside()
    first = g.__anext__()
    first.send(None)
    running = g.ag_running
    try:
        g.__anext__().send(None)
    finally:
        try:
            first.send(None)
        except StopIteration as e:
            print("first finished with", e.value, "running:", running, g.ag_running)


attempt("anext while awaiting", anext_while_awaiting)


def athrow_while_awaiting():
    g = awaits_inside()
    g.__anext__().send(None)
    return g.athrow(ValueError).send(None)


attempt("athrow while awaiting", athrow_while_awaiting)

SOURCES = [
    "await x",
    "def f():\n    await x",
    "class C:\n    await x",
    "f = lambda: await x",
    "async def f():\n    yield from x",
    "async def f():\n    yield 1\n    return 2",
    "async for x in y:\n    pass",
    "def f():\n    async for x in y:\n        pass",
    "async with x:\n    pass",
    "def f():\n    async with x:\n        pass",
    "def f():\n    return [x async for x in y]",
    "def f():\n    return [await x for x in y]",
    "def f():\n    return {k: v async for k, v in y}",
    "def f():\n    return [[x async for x in a] for a in b]",
    "def f():\n    return (x async for x in y)",
    "def f():\n    return (await x for x in y)",
    "async def f():\n    return [[x async for x in a] for a in b]",
    "async def f():\n    yield 1\n    return",
    "async def f():\n    return [x for x in (yield)]",
]
for src in SOURCES:
    try:
        compile(src, "<s>", "exec")
        print("ok:", src.replace("\n", " | "))
    except SyntaxError as e:
        print(type(e).__name__, e.msg)
