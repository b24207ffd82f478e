# Async comprehensions: list/set/dict comprehensions over async generators, await
# inside comprehensions, async generator expressions, nested and filtered forms,
# and comprehensions that are coroutines inside other comprehensions.


class Yield:
    def __await__(self):
        yield "y"


def run(coro):
    steps = 0
    try:
        while True:
            coro.send(None)
            steps += 1
    except StopIteration as e:
        return e.value, steps


async def numbers(n):
    for i in range(n):
        await Yield()
        yield i


async def square(x):
    await Yield()
    return x * x


async def demo():
    out = {}
    out["list"] = [x async for x in numbers(5)]
    out["filtered"] = [x for x in range(10) if x % 3 == 0]
    out["async filtered"] = [x async for x in numbers(10) if x % 4 == 1]
    out["await elt"] = [await square(x) for x in range(4)]
    out["await in filter"] = [x for x in range(6) if await square(x) > 8]
    out["set"] = sorted({x % 3 async for x in numbers(7)})
    out["dict"] = {x: await square(x) async for x in numbers(4)}
    out["nested"] = [(a, b) async for a in numbers(3) for b in range(a)]
    out["nested async"] = [(a, b) for a in range(3) async for b in numbers(a)]
    out["inner coroutine comp"] = [[y async for y in numbers(x)] for x in range(4)]
    gen = (await square(x) async for x in numbers(4))
    out["genexp type"] = type(gen).__name__
    out["genexp"] = [v async for v in gen]
    lazy = (x * 10 for x in range(3) if await square(x) >= 0)
    out["await genexp"] = [v async for v in lazy]
    return out


result, steps = run(demo())
for key, value in result.items():
    print("%-22s %s" % (key, value))
print("steps", steps)


async def tricky():
    # A comprehension's first iterable is evaluated outside it; await there works
    # in an async function even for a plain comprehension.
    squares = [s for s in await gather_squares(3)]
    # The walrus binds in the enclosing async function.
    found = [last := v async for v in numbers(4)]
    return squares, found, last


async def gather_squares(n):
    return [await square(i) for i in range(n)]


print(run(tricky()))


async def failing():
    async def broken(n):
        for i in range(n):
            yield i
            if i == 2:
                raise ValueError("broken at %d" % i)

    try:
        return [x async for x in broken(5)]
    except ValueError as e:
        return "caught: %s" % e


print(run(failing()))


async def closes_early():
    log = []

    async def source():
        try:
            for i in range(100):
                yield i
        finally:
            log.append("source finally")

    src = source()
    taken = []
    async for x in src:
        taken.append(x)
        if len(taken) == 3:
            break
    await src.aclose()
    return taken, log


print(run(closes_early()))
