# A replay buffer for a test harness: recorded events are repeated to build load
# patterns (`*=` and `*`), bounded buffers keep only the newest events, and a
# pattern repeated past what memory holds is refused with MemoryError at once.
from collections import deque


class Replay:
    def __init__(self, events, keep=None):
        self.buf = deque(events, keep)

    def repeat(self, times):
        self.buf *= times
        return self

    def __repr__(self):
        return f"Replay({list(self.buf)}, keep={self.buf.maxlen}, n={len(self.buf)})"


cases = [
    ("burst", ["get", "put"], None, 3),
    ("bounded", ["a", "b", "c"], 5, 2),
    ("bounded forever", ["a", "b", "c"], 5, 10**18),
    ("keep none", ["a", "b"], 0, 4),
    ("empty forever", [], None, 10**18),
    ("zero times", ["x"], None, 0),
    ("negative", ["x", "y"], None, -3),
    ("tail only", ["a", "b", "c"], 2, 1),
]
for name, events, keep, times in cases:
    r = Replay(events, keep).repeat(times)
    r.buf.append("end")
    r.buf.appendleft("start")
    print(f"{name:16} {r}")

pattern = deque(["ping", "pong"], 7)
print("product:", pattern * 3, 2 * pattern, pattern)

live = deque([1, 2])
it = iter(live)
live *= 2
try:
    next(it)
except RuntimeError as e:
    print("iterator:", e)
for bad in (2.5, "x", None):
    try:
        live *= bad
    except TypeError as e:
        print("times", repr(bad), "->", e)
try:
    live *= 2**62
except MemoryError as e:
    print("times 2**62 -> MemoryError", e)
try:
    deque(range(10)) * 2**61
except MemoryError as e:
    print("copy * 2**61 -> MemoryError", e)
print("still usable:", live, len(live))
