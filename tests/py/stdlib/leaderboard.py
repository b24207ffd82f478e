# A game leaderboard kept sorted with bisect: insort with key=, rank lookups,
# a user-defined sequence class (bisect reads __len__/__getitem__, insort calls
# its insert method), a list subclass whose insert is called, and CPython's errors.
import bisect
import _bisect


class Entry:
    def __init__(self, player, score):
        self.player, self.score = player, score

    def __repr__(self):
        return f"{self.player}:{self.score}"


board = []
for player, score in [("ann", 310), ("bob", 120), ("cid", 450), ("dee", 310), ("eve", 90), ("fay", 450)]:
    # Highest score first: key is the negated score; ties keep arrival order.
    bisect.insort_right(board, Entry(player, score), key=lambda e: -e.score)
print("board:", board)
keys = [-e.score for e in board]
for score in (500, 450, 310, 100, 10):
    print(f"score {score}: rank {bisect.bisect_left(keys, -score) + 1},"
          f" after ties {bisect.bisect_right(keys, -score) + 1}")
print("among top 4 only:", bisect.bisect_left(board, -310, 0, 4, key=lambda e: -e.score))


def grade(score, cutoffs=(60, 70, 80, 90), grades="FDCBA"):
    return grades[bisect.bisect(cutoffs, score)]


print([grade(s) for s in (33, 99, 77, 70, 89, 90, 100)])


class Timeline:
    """A sorted sequence of timestamps stored in chunks (not a list)."""

    def __init__(self):
        self.chunks = [[]]
        self.reads = 0

    def __len__(self):
        return sum(len(c) for c in self.chunks)

    def __getitem__(self, i):
        self.reads += 1
        for c in self.chunks:
            if i < len(c):
                return c[i]
            i -= len(c)
        raise IndexError(i)

    def insert(self, i, x):
        for c in self.chunks:
            if i <= len(c):
                c.insert(i, x)
                if len(c) > 3:
                    self.chunks.insert(self.chunks.index(c) + 1, c[3:])
                    del c[3:]
                return
            i -= len(c)


t = Timeline()
for ts in [50, 10, 40, 20, 30, 60, 5, 45]:
    bisect.insort(t, ts)
print("timeline:", t.chunks, "reads:", t.reads)
print("first >= 41:", t[bisect.bisect_left(t, 41)])


class AuditedList(list):
    def insert(self, i, x):
        print(f"  insert({i}, {x!r})")
        super().insert(i, x)


a = AuditedList([1, 3, 5])
bisect.insort_left(a, 3)
bisect.insort(a, 6, hi=None)
print("audited:", a)

for label, call in [
    ("negative lo", lambda: bisect.bisect_left([1], 1, -1)),
    ("float lo", lambda: _bisect.bisect_right([1], 1, 1.5)),
    ("str hi", lambda: _bisect.bisect_right([1], 1, 0, "x")),
    ("missing x", lambda: _bisect.bisect_left([1])),
    ("too many", lambda: _bisect.insort_left([], 1, 0, 1, 2)),
    ("unknown kw", lambda: _bisect.bisect_right([1], 1, foo=2)),
    ("twice", lambda: _bisect.bisect_right([1], 1, x=2)),
    ("no len", lambda: _bisect.bisect_right(5, 1)),
    ("no insert", lambda: _bisect.insort((1, 2), 1)),
    ("hi past end", lambda: _bisect.bisect_right([1, 2], 1, hi=10)),
    ("mixed types", lambda: _bisect.bisect_left([1, 2], "a")),
    ("huge hi", lambda: _bisect.bisect_left([1], 1, 0, 2**70)),
]:
    try:
        print(f"{label}: {call()}")
    except Exception as e:
        print(f"{label}: {type(e).__name__}: {e}")
print("hi=-1 means len:", _bisect.bisect_right([1, 2, 3], 5, hi=-1))
