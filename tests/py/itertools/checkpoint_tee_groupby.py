# A checkpointing job runner: a batch of jobs is split by tee() into a worker
# stream and an audit stream, and grouped by queue with groupby(); at a checkpoint
# the runner pickles its live iterators (tee copies, the groupby and the group
# being worked on) and a restarted runner carries on from the pickles.
import copy
import itertools
import pickle
from itertools import groupby, tee


class JobList(list):
    """The scheduler's job list (a list subclass)."""


jobs = JobList([("build", 1), ("build", 2), ("test", 3), ("test", 4), ("test", 5),
                ("deploy", 6), ("build", 7)])


def queue_of(job):
    return job[0]


# tee: the worker takes two jobs, the auditor one; both are checkpointed.
work, audit = tee(iter(jobs))
print("worker took", next(work), next(work))
print("auditor took", next(audit))
for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    w2 = pickle.loads(pickle.dumps(work, proto))
    a2 = pickle.loads(pickle.dumps(audit, proto))
    assert type(w2) is type(work)
    print(proto, [j[1] for j in w2], [j[1] for j in a2])
# The originals are untouched by the checkpoint.
print("worker goes on", next(work), "auditor goes on", next(audit))

# _tee(t) over a tee is a copy at its position; copy.copy and deepcopy too.
t1, t2 = tee("abcdef")
next(t1)
t3 = type(t1)(t1)
print("copies", list(t3), list(copy.copy(t2)), list(copy.deepcopy(t1)), list(t1))

# tee over a generator: the copies work, pickling reports what CPython reports.
def stream():
    yield from range(3)

g1, g2 = tee(stream())
print(list(g1), list(g2))
try:
    pickle.dumps(tee(stream())[0])
except TypeError as e:
    print("generator tee:", e)

# groupby: pickle the runner while it is inside a group.
runs = groupby(jobs, queue_of)
queue, group = next(runs)
first = next(group)
print("working on", queue, first)
for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    g = pickle.loads(pickle.dumps(group, proto))
    print(proto, type(g).__name__, list(g))
    r = pickle.loads(pickle.dumps(runs, proto))
    print("  rest", [(k, [j[1] for j in grp]) for k, grp in r])

# A nested grouping (queue, then odd/even id), the inner groupby over a grouper.
def parity(job):
    return job[1] % 2


for queue, group in groupby(jobs, queue_of):
    inner = groupby(group, parity)
    restored = pickle.loads(pickle.dumps(inner))
    print(queue, [(k, [j[1] for j in g]) for k, g in restored])

# A grouper whose group is over pickles as an empty iterator.
runs = groupby("aaabbc")
_, old = next(runs)
next(runs)
print("old group", list(pickle.loads(pickle.dumps(old))))
try:
    itertools._grouper(1, 2)
except TypeError as e:
    print(e)
