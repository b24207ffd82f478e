# A cooperative job scheduler and its bookkeeping, built on collections.deque:
# a run queue turned with rotate(), a bounded audit log (maxlen), a subclass that
# carries its own attributes through copy and pickle, and the errors a deque
# raises when it is changed under a loop or asked for what it does not hold.
import copy
import gc
import pickle
import weakref
from collections import deque


class Job:
    def __init__(self, name, steps):
        self.name = name
        self.steps = steps

    def __repr__(self):
        return f"Job({self.name!r}, {self.steps})"

    def __eq__(self, other):
        return isinstance(other, Job) and other.name == self.name

    __hash__ = None


class RunQueue(deque):
    """A run queue that counts its turns."""

    def __init__(self, jobs=(), maxlen=None):
        super().__init__(jobs, maxlen)
        self.turns = 0

    def turn(self):
        self.turns += 1
        self.rotate(-1)


log = deque(maxlen=4)
queue = RunQueue([Job("fetch", 2), Job("parse", 3), Job("store", 1)])
print(queue, queue.maxlen, len(queue))
while queue:
    job = queue[0]
    job.steps -= 1
    log.append(f"{job.name}:{job.steps}")
    if job.steps == 0:
        queue.popleft()
        log.append(f"{job.name} done")
    else:
        queue.turn()
print("turns", queue.turns, "log", list(log), "maxlen", log.maxlen)

# A queue given again to __init__ starts over.
queue.__init__([Job("again", 1)], 2)
print(queue, queue.maxlen, queue.turns)

# Copies keep the class, maxlen and the subclass's own attributes.
queue.turns = 7
clone = copy.copy(queue)
deep = copy.deepcopy(queue)
back = pickle.loads(pickle.dumps(queue))
for q in (clone, deep, back):
    print(type(q).__name__, q, q.maxlen, getattr(q, "turns", None), q == queue)
print(deque([1, 2, 3]).__reduce__()[:3], RunQueue().__reduce__()[1:3])

# Both ends, indexing, rotation both ways, repetition and concatenation.
d = deque("abcdef")
d.rotate(2)
print("".join(d), d[0], d[-1], d.index("c"), d.index("c", 3, 6))
d.rotate(-3)
d.extendleft("XY")
d.insert(3, "+")
del d[1]
d[-1] = "!"
print("".join(d), "+" in d, d.count("a"), len(d))
print(deque([1, 2]) * 3, 2 * deque("ab", maxlen=3), deque([1]) + deque([2, 3]))
w = deque(range(5), maxlen=3)
w *= 2
w += [9]
print(w, w.maxlen, list(reversed(w)))
print(deque([1, 2]) < deque([1, 3]), deque("ab") == deque("ab"), deque() == [],
      deque([1, [2]]) >= deque([1, [2]]))

# A deque inside itself, and inside a list inside itself.
r = deque([1])
r.append(r)
r.append([r])
print(r)

# Errors, worded as CPython words them.
def attempt(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__ + ":", e)


attempt("pop empty", lambda: deque().pop())
attempt("popleft empty", lambda: deque().popleft())
attempt("index range", lambda: deque([1])[5])
attempt("index type", lambda: deque([1])["0"])
attempt("slice", lambda: deque([1, 2])[0:1])
attempt("huge index", lambda: deque([1])[10**30])
attempt("not in", lambda: deque([1, 2]).index(3))
attempt("remove", lambda: deque([1, 2]).remove(5))
attempt("maxlen", lambda: deque([], -1))
attempt("maxlen type", lambda: deque([], "3"))
attempt("full insert", lambda: deque([1, 2], 2).insert(0, 0))
attempt("concat", lambda: deque([1]) + [2])
attempt("repeat", lambda: deque([1]) * "x")
attempt("hash", lambda: hash(deque()))
attempt("too many", lambda: deque([], 1, 2))
attempt("keyword", lambda: deque(iterable=[1], size=2))
attempt("rotate type", lambda: deque([1]).rotate("1"))

runs = deque([1, 2, 3])
it = iter(runs)
next(it)
runs.append(4)
attempt("mutated", lambda: next(it))


class Meddler:
    """Equal to nothing; empties the deque it is compared inside."""

    def __init__(self, target):
        self.target = target

    def __eq__(self, other):
        self.target.clear()
        return False


box = deque()
box.extend([Meddler(box), Meddler(box), 3])
attempt("count meddled", lambda: box.count(3))
box.extend([Meddler(box), 3])
attempt("remove meddled", lambda: box.remove(3))
box.extend([Meddler(box), 3])
attempt("in meddled", lambda: 3 in box)

# Cycles through a deque, and through a deque's iterator, are collected.
class Node:
    pass


gone = []
for make in (lambda n: deque([n, 1]), lambda n: reversed(deque([n, 1]))):
    n = Node()
    weakref.finalize(n, gone.append, "node")
    n.it = iter(make(n))
    n.q = deque([n])
    del n
    gc.collect()
print("collected", gone)

# Views an iterator gives of what is left.
hint = iter(deque(range(10)))
for _ in range(4):
    next(hint)
print(hint.__length_hint__(), list(hint), type(hint).__name__)
print(type(reversed(deque())).__name__, deque[int], deque.__name__, deque.__module__)
import operator
print(operator.length_hint(iter(deque("abcd"))), operator.length_hint(reversed(deque("ab"))),
      type(iter(deque())).__length_hint__(iter(deque([1]))))
