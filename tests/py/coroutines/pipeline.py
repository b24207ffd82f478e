# An async pipeline of async generators, as a log-processing job would write it:
# lines come from an async source that "waits for I/O" (a Sleep awaitable the tiny
# event loop below understands), are parsed, filtered, and aggregated; the stages
# are async generators chained with `async for`, and the result is printed.
from collections import deque


class Sleep:
    """Awaitable: suspend the current task for `ticks` loop iterations."""

    def __init__(self, ticks):
        self.ticks = ticks

    def __await__(self):
        yield self


class Loop:
    """A deterministic scheduler: a ready queue of tasks (coroutines) and a clock
    that advances one tick per turn; a task awaiting Sleep(n) is resumed n ticks
    later (ties in the order they slept)."""

    def __init__(self):
        self.ready = deque()
        self.sleeping = []
        self.now = 0
        self.results = {}
        self.seq = 0

    def spawn(self, name, coro):
        self.ready.append((name, coro, None))

    def run(self):
        while self.ready or self.sleeping:
            if not self.ready:
                self.sleeping.sort()
                when, _, name, coro = self.sleeping.pop(0)
                self.now = max(self.now, when)
                self.ready.append((name, coro, None))
                continue
            name, coro, value = self.ready.popleft()
            try:
                awaited = coro.send(value)
            except StopIteration as e:
                self.results[name] = e.value
                continue
            except Exception as e:
                self.results[name] = "%s: %s" % (type(e).__name__, e)
                continue
            self.seq += 1
            self.sleeping.append((self.now + awaited.ticks, self.seq, name, coro))
        return self.results


LOG = """\
2024-01-01 10:00:01 GET /index.html 200 512
2024-01-01 10:00:02 GET /missing 404 0
2024-01-01 10:00:02 POST /api/login 200 128
garbage line
2024-01-01 10:00:03 GET /index.html 200 512
2024-01-01 10:00:04 GET /api/items 500 64
2024-01-01 10:00:05 GET /api/items 200 2048
2024-01-01 10:00:05 DELETE /api/items/3 403 32
"""


async def read_lines(text, per_line):
    for line in text.splitlines():
        await Sleep(per_line)
        yield line


async def parse(lines):
    async for line in lines:
        parts = line.split()
        if len(parts) != 6:
            continue
        date, time, method, path, status, size = parts
        yield {"time": time, "method": method, "path": path,
               "status": int(status), "size": int(size)}


async def only(records, predicate):
    async for r in records:
        if predicate(r):
            yield r


async def aggregate(records):
    by_path = {}
    async for r in records:
        count, size = by_path.get(r["path"], (0, 0))
        by_path[r["path"]] = (count + 1, size + r["size"])
    return by_path


async def errors(records):
    return [(r["time"], r["path"], r["status"])
            async for r in records if r["status"] >= 400]


async def report():
    ok = await aggregate(only(parse(read_lines(LOG, 1)),
                              lambda r: r["status"] < 400))
    return sorted(ok.items())


async def error_report():
    return await errors(parse(read_lines(LOG, 2)))


async def methods():
    seen = []
    async for r in parse(read_lines(LOG, 3)):
        if r["method"] not in seen:
            seen.append(r["method"])
    return seen


loop = Loop()
loop.spawn("report", report())
loop.spawn("errors", error_report())
loop.spawn("methods", methods())
results = loop.run()
for name in ("report", "errors", "methods"):
    print(name)
    value = results[name]
    if isinstance(value, list):
        for item in value:
            print("  ", item)
    else:
        print("  ", value)
print("clock:", loop.now)
