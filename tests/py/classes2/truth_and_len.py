# Containers of a small job scheduler tested the way real code tests them:
# `while queue:`, `if pool:`, `len(batch)`, `not pending` - on classes whose
# truth comes from a Python __bool__ or __len__, including ones that misbehave.


class RingQueue:
    """A fixed-size ring buffer: truth and length from __len__."""

    def __init__(self, size):
        self.items = [None] * size
        self.head = self.count = 0
        self.len_calls = 0

    def __len__(self):
        self.len_calls += 1
        return self.count

    def push(self, x):
        self.items[(self.head + self.count) % len(self.items)] = x
        self.count += 1

    def pop(self):
        x = self.items[self.head]
        self.head = (self.head + 1) % len(self.items)
        self.count -= 1
        return x


class Pool:
    """Truth from __bool__: open and holding at least one connection."""

    def __init__(self, conns):
        self.conns = list(conns)
        self.open = True

    def __bool__(self):
        return self.open and bool(self.conns)


q = RingQueue(8)
for job in ["parse", "plan", "build", "test"]:
    q.push(job)
order = []
linted = False
while q:
    order.append(q.pop())
    if len(q) == 2 and not linted:
        q.push("lint")
        linted = True
print("ran:", order, "len calls:", q.len_calls)
print("empty:", not q, bool(q), len(q))

pool = Pool(["db1", "db2"])
served = 0
while pool:
    pool.conns.pop()
    served += 1
print("served:", served, "pool truthy:", bool(pool), "yes" if pool else "no")
pool.conns.append("db3")
pool.open = False
print("closed pool:", "yes" if pool else "no", pool and "kept" or "dropped")


class Batch(list):
    """A list subclass whose length counts only the real jobs."""

    def __len__(self):
        return sum(1 for j in self if j is not None)


b = Batch([None, "a", None, "b"])
print("batch:", len(b), bool(b), "nonempty" if b else "empty")
b2 = Batch([None])
print("batch of holes:", len(b2), "nonempty" if b2 else "empty")


class Sized:
    def __init__(self, r):
        self.r = r

    def __len__(self):
        return self.r


class Flag:
    def __init__(self, r):
        self.r = r

    def __bool__(self):
        return self.r


class Counted(int):
    pass


for r in [3, -1, 2**70, -2**70, "3", Counted(5), 2.0, True]:
    try:
        print("len ->", len(Sized(r)), end="; ")
    except Exception as e:
        print("len:", type(e).__name__, e, end="; ")
    try:
        print("if ->", "yes" if Sized(r) else "no")
    except Exception as e:
        print("if:", type(e).__name__, e)

for r in [True, False, 1, None]:
    try:
        print("bool ->", "yes" if Flag(r) else "no")
    except Exception as e:
        print("bool:", type(e).__name__, e)


class Explodes:
    def __len__(self):
        raise RuntimeError("length unknown")


try:
    while Explodes():
        pass
except RuntimeError as e:
    print("while:", e)
try:
    len(Explodes())
except RuntimeError as e:
    print("len:", e)


class StaticTruth:
    __bool__ = staticmethod(lambda: False)


class ClassLen:
    @classmethod
    def __len__(cls):
        return len(cls.__name__)


print("static __bool__:", "yes" if StaticTruth() else "no")
print("classmethod __len__:", len(ClassLen()), "yes" if ClassLen() else "no")
