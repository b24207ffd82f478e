# Reference cycles made only through closure cells and tuples: an event-handler
# registry whose callbacks close over the registry's own entries, a memoizing
# recursive function whose cache holds itself, and a cell holding a tuple holding
# the cell. The collector must find them (CPython tracks cells), and what they hold
# must be freed — seen through weak references and finalizers.
import gc
import types
import weakref

gc.disable()          # collections happen only where the script asks for them


class Resource:
    closed = []

    def __init__(self, name):
        self.name = name

    def __del__(self):
        Resource.closed.append(self.name)


def make_handler(name):
    res = Resource(name)

    def handler(event):
        # `handler` names itself through its own cell: a cycle of a function,
        # its closure tuple and the cell.
        return (handler.__name__, res.name, event)

    return handler


def memoized_fib():
    cache = {}

    def fib(n):
        if n < 2:
            return n
        if n not in cache:
            cache[n] = fib(n - 1) + fib(n - 2)
        return cache[n]

    return fib


h = make_handler("socket-1")
print(h("open"))
ref_h = weakref.ref(h)
del h
print("handler alive before collect:", ref_h() is not None)
gc.collect()
print("handler alive after collect:", ref_h() is not None)
print("closed:", Resource.closed)

f = memoized_fib()
print("fib(30) =", f(30))
ref_f = weakref.ref(f)
del f
gc.collect()
print("fib freed:", ref_f() is None)

# A cell holding a tuple holding the cell, nothing else in the cycle.
marker = Resource("cell-tuple")
c = types.CellType()
c.cell_contents = (c, marker)
print("cell tracked:", gc.is_tracked(c))
del marker, c
print("before collect:", Resource.closed)
found = gc.collect()
print("collected something:", found > 0)
print("after collect:", Resource.closed)

# A closure cycle still referenced from outside survives.
keep = make_handler("kept")
gc.collect()
print("kept works:", keep("ping"))
print("closed at end:", Resource.closed)
