# __del__ in a resource pool: objects are finalized when their last reference goes,
# in the order CPython's reference counting gives, a finalizer runs only once, a
# failing finalizer is reported and the program goes on, and module globals are
# finalized at exit.
import sys


def report(u):
    # Deterministic stand-in for the default report (which prints addresses).
    where = getattr(u.object, "__qualname__", type(u.object).__name__)
    print(f"unraisable [{u.err_msg or 'Exception ignored in'}] {where}: "
          f"{u.exc_type.__name__}: {u.exc_value}")


sys.unraisablehook = report


class Pool:
    def __init__(self):
        self.free = []
        self.log = []

    def give_back(self, conn_id):
        self.free.append(conn_id)
        self.log.append(f"returned {conn_id}")


pool = Pool()


class Conn:
    count = 0

    def __init__(self, pool):
        Conn.count += 1
        self.id = Conn.count
        self.pool = pool

    def __del__(self):
        print(f"Conn {self.id} finalized")
        self.pool.give_back(self.id)


def handle_request(n):
    c = Conn(pool)
    return f"request {n} on conn {c.id}"


for i in range(3):
    print(handle_request(i))
print("free:", pool.free)

conns = [Conn(pool) for _ in range(3)]
print("made", [c.id for c in conns])
conns.pop(1)
print("after pop:", pool.free)
conns = None
print("after drop:", pool.free)

a = Conn(pool)
b = a
del a
print("still referenced by b")
b = 42
print(pool.log[-1])


class Node:
    def __init__(self, name, children=()):
        self.name = name
        self.children = list(children)

    def __del__(self):
        print("free", self.name)


tree = Node("root", [Node("left", [Node("leaf")]), Node("right")])
tree = None
print("tree gone")

# Resurrection: __del__ stores self; it is not finalized again.
saved = []


class Phoenix:
    def __del__(self):
        print("phoenix finalized")
        saved.append(self)


Phoenix()
print("saved", len(saved))
saved.clear()
print("cleared")


class Broken:
    def __del__(self):
        raise ValueError("cannot close")


Broken()
print("after broken")


# Subclass inherits __del__; __del__ added to a class later applies too.
class Sub(Conn):
    pass


s = Sub(pool)
s = None


class Late:
    pass


Late.__del__ = lambda self: print("late finalizer")
x = Late()
x = None
keeper = Conn(pool)
sys.unraisablehook = sys.__unraisablehook__  # `report` would keep __main__ alive at exit
print("end of script")
