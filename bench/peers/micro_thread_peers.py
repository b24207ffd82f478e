"""Peer figures for the micro_thread benchmark (issue "micro_threads and micro_pipes"):
CPython asyncio tasks with asyncio.Queue(maxsize=1), and plain generators.

Usage: python3 bench/peers/micro_thread_peers.py [N]     (N spawns, default 1,000,000)
Each measure runs in a fresh process so peak RSS belongs to it alone. Prints one
`name value unit` line per measure.
"""
import asyncio
import resource
import subprocess
import sys
import time

N = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 1_000_000


def peak_rss_bytes():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def spawn(n):
    async def child():
        return None

    async def main():
        t = time.perf_counter()
        for _ in range(n // 1000):
            await asyncio.gather(*[child() for _ in range(1000)])
        return (time.perf_counter() - t) / n * 1e9

    return asyncio.run(main())


def sleeping_memory(n):
    async def sleeper(ev):
        await ev.wait()

    async def main():
        ev = asyncio.Event()
        before = peak_rss_bytes()
        tasks = [asyncio.create_task(sleeper(ev)) for _ in range(n)]
        await asyncio.sleep(0)  # every task is now suspended
        after = peak_rss_bytes()
        ev.set()
        await asyncio.gather(*tasks)
        return (after - before) / n

    return asyncio.run(main())


def handoff(n):
    async def producer(q):
        for i in range(n):
            await q.put(i)
        await q.put(None)

    async def main():
        q = asyncio.Queue(maxsize=1)
        t = time.perf_counter()
        p = asyncio.create_task(producer(q))
        while await q.get() is not None:
            pass
        await p
        return (time.perf_counter() - t) / n * 1e9

    return asyncio.run(main())


def pipeline(n, stages=5):
    async def source(out):
        for i in range(n):
            await out.put(i)
        await out.put(None)

    async def stage(inp, out):
        while (x := await inp.get()) is not None:
            await out.put(x + 1)
        await out.put(None)

    async def main():
        qs = [asyncio.Queue(maxsize=1) for _ in range(stages)]
        t = time.perf_counter()
        tasks = [asyncio.create_task(source(qs[0]))]
        tasks += [asyncio.create_task(stage(qs[i], qs[i + 1])) for i in range(stages - 1)]
        count = 0
        while await qs[-1].get() is not None:
            count += 1
        await asyncio.gather(*tasks)
        assert count == n
        return n / (time.perf_counter() - t)

    return asyncio.run(main())


def gen_handoff(n):
    def producer():
        yield from range(n)

    t = time.perf_counter()
    for _ in producer():
        pass
    return (time.perf_counter() - t) / n * 1e9


def gen_pipeline(n, stages=5):
    def source():
        yield from range(n)

    def stage(inp):
        for x in inp:
            yield x + 1

    t = time.perf_counter()
    g = source()
    for _ in range(stages - 1):
        g = stage(g)
    count = sum(1 for _ in g)
    assert count == n
    return n / (time.perf_counter() - t)


MEASURES = {
    "asyncio_spawn": (lambda: spawn(N), "ns/spawn"),
    "asyncio_sleeping_task": (lambda: sleeping_memory(N), "bytes/task"),
    "asyncio_queue_handoff": (lambda: handoff(N // 5), "ns/value"),
    "asyncio_pipeline_5": (lambda: pipeline(N // 10), "values/s"),
    "generator_handoff": (lambda: gen_handoff(N), "ns/value"),
    "generator_pipeline_5": (lambda: gen_pipeline(N), "values/s"),
}

if __name__ == "__main__":
    if len(sys.argv) > 2:  # child: one measure
        value, unit = MEASURES[sys.argv[2]][0](), MEASURES[sys.argv[2]][1]
        print(f"{sys.argv[2]} {value:.1f} {unit}")
    else:
        for name in MEASURES:
            subprocess.run([sys.executable, __file__, str(N), name], check=True)
