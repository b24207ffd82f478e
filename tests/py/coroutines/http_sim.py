# A mini HTTP client simulator: tasks "send" requests to fake servers with fixed
# latencies, a scheduler with a virtual clock interleaves them deterministically,
# and gather()/timeouts/retries are written the way an async library writes them
# (Future objects resolved by the loop, tasks awaiting futures).


class Future:
    def __init__(self):
        self.done = False
        self.value = None
        self.error = None
        self.callbacks = []

    def set_result(self, value):
        self.done, self.value = True, value
        for cb in self.callbacks:
            cb(self)

    def set_exception(self, error):
        self.done, self.error = True, error
        for cb in self.callbacks:
            cb(self)

    def __await__(self):
        if not self.done:
            yield self
        if self.error is not None:
            raise self.error
        return self.value


class Task(Future):
    def __init__(self, loop, coro, name):
        super().__init__()
        self.loop, self.coro, self.name = loop, coro, name
        loop.call_soon(self.step, None, None)

    def step(self, value, error):
        try:
            if error is not None:
                fut = self.coro.throw(error)
            else:
                fut = self.coro.send(value)
        except StopIteration as e:
            self.set_result(e.value)
            return
        except Exception as e:
            self.set_exception(e)
            return
        fut.callbacks.append(self.wakeup)

    def wakeup(self, fut):
        self.loop.call_soon(self.step, fut.value, fut.error)


class Loop:
    def __init__(self):
        self.now = 0
        self.timers = []
        self.seq = 0
        self.trace = []

    def call_at(self, when, fn, *args):
        self.seq += 1
        self.timers.append((when, self.seq, fn, args))

    def call_soon(self, fn, *args):
        self.call_at(self.now, fn, *args)

    def sleep(self, delay, value=None):
        fut = Future()
        self.call_at(self.now + delay, fut.set_result, value)
        return fut

    def create_task(self, coro, name):
        return Task(self, coro, name)

    def run_until_complete(self, coro):
        main = self.create_task(coro, "main")
        while self.timers and not main.done:
            first = min(range(len(self.timers)), key=lambda i: self.timers[i][:2])
            when, _, fn, args = self.timers.pop(first)
            self.now = when
            fn(*args)
        if main.error is not None:
            raise main.error
        return main.value


class HTTPError(Exception):
    def __init__(self, status, url):
        super().__init__("%d for %s" % (status, url))
        self.status = status


class Timeout(Exception):
    pass


SERVERS = {
    "api.example": (30, {"/users": (200, "[ann, bob]"), "/slow": (200, "late")}),
    "cdn.example": (5, {"/logo.png": (200, "<png>"), "/gone": (404, "")}),
    "flaky.example": (10, {"/data": (503, "")}),
}
attempts = {}


async def request(loop, url):
    host, _, path = url.partition("/")
    latency, routes = SERVERS[host]
    path = "/" + path
    if path == "/slow":
        latency *= 10
    loop.trace.append("%4d send %s" % (loop.now, url))
    await loop.sleep(latency)
    attempts[url] = attempts.get(url, 0) + 1
    status, body = routes.get(path, (404, ""))
    if host == "flaky.example" and attempts[url] >= 3:
        status, body = 200, "finally"
    loop.trace.append("%4d recv %s %d" % (loop.now, url, status))
    if status != 200:
        raise HTTPError(status, url)
    return body


async def wait_for(loop, coro, timeout):
    task = loop.create_task(coro, "wait_for")
    timer = loop.sleep(timeout)
    winner = Future()
    task.callbacks.append(lambda f: winner.done or winner.set_result("task"))
    timer.callbacks.append(lambda f: winner.done or winner.set_result("timer"))
    if await winner == "timer":
        raise Timeout("gave up after %d" % timeout)
    return await task


async def with_retries(loop, url, tries):
    for attempt in range(1, tries + 1):
        try:
            return await request(loop, url)
        except HTTPError as e:
            if e.status < 500 or attempt == tries:
                raise
            loop.trace.append("%4d retry %s (%s)" % (loop.now, url, e))
            await loop.sleep(attempt * 5)


async def gather(loop, *coros):
    tasks = [loop.create_task(c, "t%d" % i) for i, c in enumerate(coros)]
    out = []
    for t in tasks:
        try:
            out.append(await t)
        except Exception as e:
            out.append("%s(%s)" % (type(e).__name__, e))
    return out


async def main(loop):
    pages = await gather(
        loop,
        request(loop, "api.example/users"),
        request(loop, "cdn.example/logo.png"),
        request(loop, "cdn.example/gone"),
        with_retries(loop, "flaky.example/data", 4),
        wait_for(loop, request(loop, "api.example/slow"), 100),
        wait_for(loop, request(loop, "cdn.example/logo.png"), 100),
    )
    return pages


loop = Loop()
for page in loop.run_until_complete(main(loop)):
    print(page)
print("--- trace")
for line in loop.trace:
    print(line)
print("clock", loop.now)
