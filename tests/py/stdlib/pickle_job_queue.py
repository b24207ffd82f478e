# A job queue persisted with pickle: jobs name the built-in or library function to
# run (pickled by reference), carry bytes payloads (which protocols 0-2 pickle
# through codecs.encode), and survive every protocol and a deep copy.
import codecs
import copy
import math
import operator
import pickle

JOBS = [
    ("sum", sum, ([1, 2, 3],)),
    ("length", len, (b"\x00\x01payload",)),
    ("sqrt", math.sqrt, (16.0,)),
    ("join", b"-".join, ([b"a", b"b"],)),
    ("encode", codecs.encode, ("hi", "rot13")),
    ("add", operator.add, (2, 3)),
    ("sorted", sorted, ((3, 1, 2),)),
]


def run(jobs):
    return [(name, fn(*args)) for name, fn, args in jobs]


expected = run(JOBS)
for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    data = pickle.dumps(JOBS, protocol=proto)
    back = pickle.loads(data)
    same = [old[1] is new[1] for old, new in zip(JOBS, back) if old[0] != "join"]
    print(proto, run(back) == expected, all(same), back[1][2][0], back[3][1].__self__)

print(run(JOBS))
print(copy.deepcopy(JOBS)[0][1] is sum, copy.copy(len) is len)
for fn in (len, math.sqrt, codecs.encode):
    print(fn.__name__, fn.__module__, fn.__qualname__, fn.__reduce__())
