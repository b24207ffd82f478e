# Coroutines inside micro_threads: each micro_thread runs its own little event loop
# (a ready queue of coroutines driven with send()), and the coroutine bodies block
# the micro_thread between awaits -- a round trip to a server micro_thread (ask()),
# a sleep (pause(), nap()) -- inside async generators, async with blocks and
# awaited __await__ methods too. Under pyvm the blocking calls just wait (the other
# micro_threads run meanwhile); the results are printed afterwards, in order.
from collections import deque
from mtcompat import spawn_all, outcome, ask, pause, nap


class Turn:
    """Awaitable: let the other coroutines of this loop run."""

    def __await__(self):
        pause()
        yield "turn"


def run_loop(coros):
    ready = deque(enumerate(coros))
    results = [None] * len(coros)
    while ready:
        i, coro = ready.popleft()
        try:
            coro.send(None)
        except StopIteration as e:
            results[i] = e.value
        except Exception as e:
            results[i] = "%s: %s" % (type(e).__name__, e)
        else:
            ready.append((i, coro))
    return results


async def priced(items):
    for name, qty in items:
        price = ask(name, len)          # blocks the micro_thread, not the loop logic
        await Turn()
        yield name, qty * price


class Ledger:
    def __init__(self, owner):
        self.owner = owner
        self.entries = []

    async def __aenter__(self):
        nap()
        await Turn()
        return self

    async def __aexit__(self, typ, exc, tb):
        pause()
        self.entries.append("closed" if typ is None else "aborted: %s" % exc)
        return typ is KeyError


async def checkout(owner, items):
    async with Ledger(owner) as ledger:
        total = 0
        async for name, cost in priced(items):
            ledger.entries.append("%s=%d" % (name, cost))
            total += cost
            nap()
        if total > 40:
            raise KeyError("over budget")
    return owner, total, ledger.entries


async def audit(owner):
    await Turn()
    checked = [ask(w, str.upper) async for w, _ in priced([(owner, 1), ("tax", 1)])]
    return checked


def store(name, baskets):
    coros = [checkout("%s/%d" % (name, i), b) for i, b in enumerate(baskets)]
    coros.append(audit(name))
    return run_loop(coros)


STORES = [
    ("north", [[("apple", 2), ("pear", 1)], [("melon", 3)]]),
    ("south", [[("kiwi", 5), ("grapefruit", 4)]]),
    ("east", [[("fig", 1)], [("plum", 2), ("cherry", 1)], []]),
]

threads = spawn_all(store, STORES)
for (name, _), t in zip(STORES, threads):
    print(name)
    for r in outcome(t):
        print("   ", r)
