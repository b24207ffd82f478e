# An async connection pool: `async with pool.connection() as conn` acquires a
# connection (waiting while all are taken), and releases it in __aexit__ even when
# the body fails. Workers share the pool under a small round-robin scheduler; the
# log of acquisitions and releases is deterministic.
from collections import deque


class Suspend:
    """Awaitable that gives the other tasks a turn."""

    def __await__(self):
        yield "turn"


class WaitFor:
    """Awaitable that suspends until `ready()` is true."""

    def __init__(self, ready):
        self.ready = ready

    def __await__(self):
        while not self.ready():
            yield "blocked"


def run_all(tasks):
    queue = deque(tasks.items())
    results = {}
    while queue:
        name, coro = queue.popleft()
        try:
            coro.send(None)
        except StopIteration as e:
            results[name] = e.value
        except Exception as e:
            results[name] = "failed: %s: %s" % (type(e).__name__, e)
        else:
            queue.append((name, coro))
    return results


log = []


class Connection:
    def __init__(self, ident):
        self.ident = ident
        self.queries = 0

    async def query(self, sql):
        await Suspend()
        self.queries += 1
        if "DROP" in sql:
            raise PermissionError("refused: " + sql)
        return "%s@conn%d" % (sql.split()[0], self.ident)


class Pool:
    def __init__(self, size):
        self.free = [Connection(i) for i in range(size)]
        self.waits = 0

    def connection(self):
        return _Lease(self)


class _Lease:
    def __init__(self, pool):
        self.pool = pool
        self.conn = None

    async def __aenter__(self):
        if not self.pool.free:
            self.pool.waits += 1
        await WaitFor(lambda: self.pool.free)
        self.conn = self.pool.free.pop(0)
        log.append("acquire conn%d" % self.conn.ident)
        return self.conn

    async def __aexit__(self, typ, exc, tb):
        await Suspend()
        log.append("release conn%d%s" % (self.conn.ident,
                                          "" if typ is None else " after " + typ.__name__))
        self.pool.free.append(self.conn)
        return False


async def worker(pool, name, queries):
    answers = []
    for sql in queries:
        try:
            async with pool.connection() as conn:
                answers.append(await conn.query(sql))
        except PermissionError as e:
            answers.append("error: %s" % e)
    return name, answers


async def transaction(pool):
    async with pool.connection() as a:
        async with pool.connection() as b:
            x = await a.query("SELECT 1")
            y = await b.query("SELECT 2")
            return [x, y]


class Quiet:
    """Suppresses LookupError raised in its body (an async context manager whose
    __aexit__ returns true)."""

    async def __aenter__(self):
        return self

    async def __aexit__(self, typ, exc, tb):
        await Suspend()
        return typ is not None and issubclass(typ, LookupError)


async def lookups():
    out = []
    for key in ("a", "z", "b"):
        async with Quiet():
            out.append({"a": 1, "b": 2}[key])
    try:
        async with Quiet():
            1 / 0
    except ZeroDivisionError:
        out.append("division not suppressed")
    return out


pool = Pool(2)
results = run_all({
    "w1": worker(pool, "w1", ["SELECT a", "UPDATE b", "DROP c"]),
    "w2": worker(pool, "w2", ["SELECT x", "SELECT y"]),
    "w3": worker(pool, "w3", ["INSERT z"]),
    "tx": transaction(pool),
    "quiet": lookups(),
})
for name in sorted(results):
    print(name, results[name])
for line in log:
    print(line)
print("waits:", pool.waits, "free:", sorted(c.ident for c in pool.free))
print("queries per connection:", sorted((c.ident, c.queries) for c in pool.free))
