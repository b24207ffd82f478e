"""A hand-written event loop driving coroutines and async generators the way
asyncio's does: it tracks async generators through sys.set_asyncgen_hooks, closes
the ones left suspended at shutdown, and measures with the monotonic clock."""

import functools
import sys
import threading
import time
import types

import lazy_plugins
from lazy_plugins import plugin_csv


class LoopState(threading.local):
    running = None  # a class default, shadowed per thread once set


state = LoopState()


@types.coroutine
def pause():
    yield "pause"


class MiniLoop:
    def __init__(self):
        self.ready = []
        self.agens = []
        self.finalized = []
        info = time.get_clock_info("monotonic")
        self.clock = (info.monotonic, info.adjustable, info.resolution > 0)

    def firstiter(self, agen):
        self.agens.append(agen)

    def finalizer(self, agen):
        self.finalized.append(agen.__name__)

    def spawn(self, coro, label):
        self.ready.append((coro, label))

    def run(self):
        old = sys.get_asyncgen_hooks()
        sys.set_asyncgen_hooks(firstiter=self.firstiter, finalizer=self.finalizer)
        state.running = self
        try:
            while self.ready:
                coro, label = self.ready.pop(0)
                try:
                    coro.send(None)
                except StopIteration as e:
                    print(f"{label} -> {e.value}")
                else:
                    self.ready.append((coro, label))
            for agen in self.agens:
                try:
                    agen.aclose().send(None)
                except StopIteration:
                    pass
        finally:
            state.running = None
            sys.set_asyncgen_hooks(*old)


async def numbers(tag):
    try:
        for i in range(100):
            await pause()
            yield f"{tag}{i}"
    finally:
        print(f"numbers({tag!r}) closed")


async def take(agen, n):
    out = []
    async for x in agen:
        out.append(x)
        if len(out) == n:
            break
    return out


async def report(prefix):
    await pause()
    return f"{prefix}: running={state.running is not None}"


held = numbers("h")
loop = MiniLoop()
print("clock (monotonic, adjustable, resolution>0):", loop.clock)
print("default hooks:", sys.get_asyncgen_hooks())
loop.spawn(take(numbers("a"), 2), "take a")
loop.spawn(take(held, 3), "take h")
loop.spawn(report("check"), "report")
loop.run()
print("tracked:", [a.__name__ for a in loop.agens])
print("hooks restored:", sys.get_asyncgen_hooks() == (None, None))
print("running after:", state.running)

# Misuse is reported as CPython does.
for bad in ({"firstiter": 1}, {"finalizer": "x"}, {"bogus": None}):
    try:
        sys.set_asyncgen_hooks(**bad)
    except TypeError as e:
        print("TypeError:", e)
try:
    time.get_clock_info("sundial")
except ValueError as e:
    print("ValueError:", e)

# A bound method is a callable for functools.partial.
announce = functools.partial(loop.spawn, label="late")
announce(report("late"))
print("late spawned:", [label for _, label in loop.ready])
loop.run()

print("plugins:", lazy_plugins.plugin_json, plugin_csv, lazy_plugins.made)
try:
    lazy_plugins.other
except AttributeError as e:
    print("AttributeError:", e)
try:
    from lazy_plugins import other
except ImportError as e:
    print("ImportError:", str(e).split(" (")[0])
