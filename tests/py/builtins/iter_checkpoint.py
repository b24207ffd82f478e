# A batch importer that checkpoints its progress: the iterators it is partway
# through are pickled with the job, and a restarted worker resumes exactly where
# the first one stopped (pickle and copy use the iterators' __reduce__ and
# __setstate__).
import copy
import pickle
from collections import deque


class Job:
    def __init__(self, rows, pending, tags):
        self.rows = iter(rows)
        self.ids = iter(range(1000, 1000 + len(rows), 1))
        self.pending = iter(deque(pending))
        self.tags = enumerate(tags, 1)
        self.pairs = zip("abcdef", range(6))
        self.letters = iter("héllo wörld")
        self.back = reversed(rows)
        self.huge = iter(range(10**20, 10**20 + 10, 3))
        self.sizes = map(len, ["x", "yy", "zzz", "wwww"])
        self.left = iter({"k1": 1, "k2": 2, "k3": 3}.items())
        self.done = 0

    def step(self):
        row = next(self.rows)
        self.done += 1
        return (next(self.ids), row, next(self.pending), next(self.tags),
                next(self.pairs), next(self.letters), next(self.back),
                next(self.huge), next(self.sizes), next(self.left))

    def finish(self):
        out = []
        for name in ("rows", "ids", "pending", "tags", "pairs", "letters",
                     "back", "huge", "sizes", "left"):
            out.append((name, list(getattr(self, name))))
        return out


rows = ("alpha", "beta", "gamma", "delta", "epsilon")
job = Job(rows, ["p1", "p2", "p3", "p4"], ["new", "old", "hot"])
print(job.step())
print(job.step())

for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    saved = pickle.dumps(job, proto)
    resumed = pickle.loads(saved)
    print(proto, resumed.done, resumed.step()[:3])

clone = copy.deepcopy(job)
print(clone.finish())
print(job.finish())

# What the iterators say about themselves on the way.
it = iter([10, 20, 30])
next(it)
print(it.__reduce__())
it.__setstate__(0)
print(list(it), it.__reduce__())
r = iter(range(2, 20, 4))
next(r)
print(r.__reduce__())
r.__setstate__(10)
print(list(r), r.__reduce__())
d = iter({"a": 1, "b": 2})
next(d)
print(d.__reduce__())
s = reversed([1, 2, 3, 4])
s.__setstate__(1)
print(list(s))
t = reversed((1, 2, 3))
print(type(t).__name__, t.__reduce__())
try:
    iter([1]).__setstate__("x")
except TypeError as e:
    print("TypeError:", e)
print(hasattr(iter([]), "__setstate__"), hasattr(map(len, []), "__setstate__"),
      hasattr(iter({}), "__setstate__"))
q = deque("xyz")
qi = iter(q)
next(qi)
print(type(qi).__name__, list(pickle.loads(pickle.dumps(qi))), list(copy.copy(qi)))
