"""The same costs for asyncio tasks and asyncio.Queue(maxsize=1), and plain generators
for the hand-off and the pipeline: python3 asyncio_mt.py KIND N."""
import asyncio
import sys
import time

kind, n = sys.argv[1], int(sys.argv[2])


async def nothing():
    pass


def resident():
    """The process's resident memory now (VmRSS), in bytes."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


async def nap():
    await asyncio.sleep(1.0)


async def main():
    if kind == "spawn":
        t = time.process_time()
        for _ in range(n):
            asyncio.create_task(nothing())
        await asyncio.sleep(0)
        await asyncio.sleep(0)
        print("spawn_ns", (time.process_time() - t) / n * 1e9)
    elif kind == "sleepers":
        before = resident()
        tasks = [asyncio.create_task(nap()) for _ in range(n)]
        await asyncio.sleep(0.5)
        print("resident_B_each", (resident() - before) / max(n, 1))
        for t in tasks:
            t.cancel()
    elif kind == "handoff":
        q = asyncio.Queue(maxsize=1)

        async def writer():
            for i in range(n):
                await q.put(i)
            await q.put(None)

        asyncio.create_task(writer())
        t = time.process_time()
        total = 0
        while (v := await q.get()) is not None:
            total += v
        print("handoff_ns", (time.process_time() - t) / n * 1e9)
    elif kind == "pipeline":
        async def source(out):
            for i in range(n):
                await out.put(i)
            await out.put(None)

        async def stage(inp, out):
            while (v := await inp.get()) is not None:
                await out.put(v + 1)
            await out.put(None)

        t = time.process_time()
        qs = [asyncio.Queue(maxsize=1) for _ in range(5)]
        asyncio.create_task(source(qs[0]))
        for i in range(4):
            asyncio.create_task(stage(qs[i], qs[i + 1]))
        total = 0
        while (v := await qs[4].get()) is not None:
            total += v
        print("pipeline_per_s", n / (time.process_time() - t))
    elif kind == "soft_sleep":
        # pyvm_mt.py soft_sleep: N `await asyncio.sleep(0)` round trips with another
        # task always ready. (asyncio has no peer for the hard kinds: a coroutine
        # cannot wait inside sorted()'s key function or functools.reduce.)
        stop = []

        async def spinner():
            while not stop:
                await asyncio.sleep(0)

        async def key(x):
            await asyncio.sleep(0)
            return x

        asyncio.create_task(spinner())
        await asyncio.sleep(0)
        t = time.process_time()
        for x in range(n):
            await key(x)
        dt = time.process_time() - t
        stop.append(1)
        await asyncio.sleep(0)
        print("soft_sleep_ns", dt / n * 1e9)
    elif kind == "soft_pipe":
        # pyvm_mt.py soft_pipe: N values through asyncio.Queue(maxsize=1), combined
        # by the same function f in a loop.
        q = asyncio.Queue(maxsize=1)

        async def writer():
            for i in range(n):
                await q.put(i)
            await q.put(None)

        def f(a, b):
            return a + b

        asyncio.create_task(writer())
        t = time.process_time()
        total = 0
        while (v := await q.get()) is not None:
            total = f(total, v)
        print("soft_pipe_ns", (time.process_time() - t) / n * 1e9)


if kind == "gen-handoff":
    def writer():
        for i in range(n):
            yield i
    t = time.process_time()
    total = sum(writer())
    print("handoff_ns", (time.process_time() - t) / n * 1e9)
elif kind == "gen-pipeline":
    def source():
        yield from range(n)

    def stage(it):
        for v in it:
            yield v + 1

    t = time.process_time()
    p = source()
    for _ in range(4):
        p = stage(p)
    total = sum(p)
    print("pipeline_per_s", n / (time.process_time() - t))
else:
    asyncio.run(main())
