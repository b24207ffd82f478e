"""An async feed reader: pages of records come from an async generator and from a
hand-written async iterator class; aiter()/anext() pull them, with and without a
default, driven by hand (coro.send(None)) and by asyncio.run."""
import asyncio


async def pages(n):
    for i in range(n):
        yield {"page": i, "items": [i * 10 + k for k in range(3)]}


class Cursor:
    """Async iterator over a list of rows, one fetch per row."""

    def __init__(self, rows):
        self.rows = list(rows)
        self.fetches = 0

    def __aiter__(self):
        return self

    async def __anext__(self):
        if not self.rows:
            raise StopAsyncIteration
        self.fetches += 1
        return self.rows.pop(0)


class Table:
    """An async iterable (its __aiter__ gives a fresh Cursor)."""

    def __init__(self, rows):
        self.rows = rows

    def __aiter__(self):
        return Cursor(self.rows)


def run_by_hand(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as stop:
        return stop.value


async def first_two(source):
    it = aiter(source)
    a = await anext(it)
    b = await anext(it, "<none>")
    return a, b


async def drain(source, default):
    it = aiter(source)
    out = []
    while True:
        item = await anext(it, default)
        if item is default:
            break
        out.append(item)
    return out


print(run_by_hand(first_two(pages(5))))
print(run_by_hand(first_two(Table(["x"]))))
print(run_by_hand(drain(Table(["r1", "r2", "r3"]), None)))
print(run_by_hand(drain(pages(2), None)))

cur = Cursor([1, 2])
print(aiter(cur) is cur)
g = pages(1)
print(aiter(g) is g)


async def exhausted():
    it = aiter(Table([]))
    try:
        await anext(it)
    except StopAsyncIteration:
        print("StopAsyncIteration without a default")
    print(await anext(it, "fallback"))
    agen = pages(0)
    print(await anext(agen, 42))
    try:
        await anext(agen)
    except StopAsyncIteration:
        print("agen exhausted")


run_by_hand(exhausted())

aw = anext(Cursor([]), "dflt")
print(type(aw).__name__)
try:
    aw.send(None)
except StopIteration as e:
    print("anext_awaitable finished with", e.value)


class BadAiter:
    def __aiter__(self):
        return 5


for call, arg in [(aiter, 1), (aiter, BadAiter()), (anext, 1), (anext, [1, 2]),
                  (anext, Table([]))]:
    try:
        call(arg)
    except TypeError as e:
        print(call.__name__, "TypeError:", e)

for bad in ["aiter()", "aiter(1, 2)", "anext()", "anext(1, 2, 3)", "anext(x=1)",
            "aiter(x=1)"]:
    try:
        eval(bad)
    except TypeError as e:
        print(bad, "->", e)


async def ticker(n, delay):
    for i in range(n):
        await asyncio.sleep(delay)
        yield i


async def main():
    t = ticker(3, 0.001)
    got = [await anext(t), await anext(t), await anext(t)]
    got.append(await anext(t, "done"))
    total = 0
    async for row in aiter(Table([5, 6, 7])):
        total += row
    return got, total


print(asyncio.run(main()))
print(aiter, anext)
