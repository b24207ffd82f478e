"""Finalizers of objects in cycles (PEP 442): a connection pool whose connections
point back at the pool returns a dying connection to a free list from `__del__`
(resurrection), and a generator paused in a `try` inside a cycle has its `finally`
run when the cycle is collected. Finalizers run once per object."""
import gc

gc.disable()


class Pool:
    def __init__(self, name):
        self.name = name
        self.free = []
        self.opened = 0

    def connect(self):
        self.opened += 1
        conn = Connection(self, self.opened)
        return conn


RECYCLED = []


class Connection:
    def __init__(self, pool, cid):
        self.pool = pool
        self.cid = cid
        self.me = self  # a cycle of its own
        self.deaths = 0

    def __del__(self):
        self.deaths += 1
        print(f"  __del__ connection {self.cid} (death {self.deaths})")
        if self.cid % 2 == 0:
            RECYCLED.append(self)  # resurrected


pool = Pool("db")
conns = [pool.connect() for _ in range(4)]
del conns
print("collect 1:", gc.collect())
print("recycled:", [c.cid for c in RECYCLED])
print("their finalizer ran:", [gc.is_finalized(c) for c in RECYCLED])
RECYCLED.clear()
print("collect 2 (finalizers do not run again):", gc.collect())
print("collect 3:", gc.collect())


# A generator suspended in try/finally, in a cycle with the object that drives it.
class Reader:
    def __init__(self, lines):
        self.lines = lines
        self.stream = self.read()  # reader -> generator -> frame -> reader

    def read(self):
        print("  open")
        try:
            for line in self.lines:
                yield line.upper()
        finally:
            print("  close: finally ran")


r = Reader(["a", "b", "c"])
print("first:", next(r.stream))
del r
print("collect generator cycle:", gc.collect())


# A generator that was never started has nothing to close.
r = Reader(["x"])
del r
print("collect unstarted:", gc.collect())


# A finalizer that raises is reported and the collection goes on.
class Broken:
    def __init__(self):
        self.me = self

    def __del__(self):
        raise ValueError("broken finalizer")


b = Broken()
del b
sys_stderr_lines = []
import sys

def hook(unraisable):
    sys_stderr_lines.append(f"{unraisable.exc_type.__name__}: {unraisable.exc_value}")

sys.unraisablehook = hook
print("collect broken:", gc.collect())
print("unraisable:", sys_stderr_lines)


# Weak reference callbacks: those of one object run newest first; the objects of a
# collected cycle die in the order they were made, as do a list's items freed from the
# last (reference counting).
import weakref


class Session:
    def __init__(self, sid):
        self.sid = sid


def watch(obj, label):
    return [weakref.ref(obj, lambda r, i=i: print(f"  {label} watcher {i}")) for i in range(2)]


s1, s2 = Session(1), Session(2)
s1.other, s2.other = s2, s1
watchers = watch(s1, "s1") + watch(s2, "s2")
del s1, s2
print("collect sessions:", gc.collect())
sessions = [Session(i) for i in range(3)]
watchers = [w for i, s in enumerate(sessions) for w in watch(s, f"item {i}")]
del sessions
print("list dropped")
