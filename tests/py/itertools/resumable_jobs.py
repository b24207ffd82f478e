# A resumable job runner: its schedule is built from itertools iterators, and a
# checkpoint pickles (or copies) the iterators partway through; resuming from the
# checkpoint must give exactly the jobs that were still to come.
import copy
import itertools as it
import pickle


def jobs_from(source):
    """A generator input cannot be pickled, so sources are lists and ranges."""
    return list(source)


class Runner:
    def __init__(self, schedule):
        self.schedule = schedule
        self.done = []

    def run(self, n):
        for job in it.islice(self.schedule, n):
            self.done.append(job)
        return self

    def checkpoint(self, proto):
        return pickle.dumps(self.schedule, proto)

    @classmethod
    def resume(cls, blob):
        return cls(pickle.loads(blob))


def second(a, b):
    return b


def small(x):
    return x < 3


def initial(word):
    return word[0]


def take(iterator, n=8):
    return list(it.islice(iterator, n))


def check(name, make, steps=(0, 1, 3), n=8):
    """Pickle (every protocol) and copy the iterator after `steps` items."""
    results = []
    for k in steps:
        for proto in range(pickle.HIGHEST_PROTOCOL + 1):
            original = make()
            r = Runner(original).run(k)
            blob = r.checkpoint(proto)
            resumed = Runner.resume(blob)
            a, b = take(resumed.schedule, n), take(original, n)
            if a != b:
                results.append(f"MISMATCH at {k} proto {proto}: {a} != {b}")
                break
        clone = Runner(make()).run(k)
        c = copy.copy(clone.schedule)
        results.append(f"{k}:{take(c, n)}")
    print(f"{name:14} " + " | ".join(results))


check("count", lambda: it.count(10))
check("count step", lambda: it.count(1.5, 0.5))
check("count big", lambda: it.count(2**64, -3))
check("repeat", lambda: it.repeat("ping", 4))
check("cycle", lambda: it.cycle(["a", "b", "c"]), steps=(0, 2, 4, 7))
check("cycle empty", lambda: it.cycle([]))
check("accumulate", lambda: it.accumulate([3, 1, 4, 1, 5, 9, 2, 6]))
check("acc initial", lambda: it.accumulate([1, 2, 3], initial=100))
check("acc func", lambda: it.accumulate([5, 2, 8, 1, 9], max))
check("acc None", lambda: it.accumulate([None, 1, 2], second))
check("chain", lambda: it.chain("ab", [], "cde", range(2)))
check("from_iter", lambda: it.chain.from_iterable(["xy", "z", ""]))
check("compress", lambda: it.compress("ABCDEFG", [1, 0, 1, 1, 0, 1]))
check("dropwhile", lambda: it.dropwhile(small, [1, 2, 3, 4, 1, 2]))
check("takewhile", lambda: it.takewhile(small, [1, 2, 3, 4, 1]))
check("filterfalse", lambda: it.filterfalse(None, [0, 1, 0, 2, 3, 0]))
check("islice", lambda: it.islice(range(100), 3, 40, 7))
check("islice stop", lambda: it.islice("abcdefgh", 5))
check("starmap", lambda: it.starmap(pow, [(2, 3), (3, 2), (10, 3)]))
check("zip_longest", lambda: it.zip_longest("abc", [1], fillvalue="-"))
check("product", lambda: it.product("ab", range(3)), steps=(0, 1, 5, 6))
check("product rep", lambda: it.product([0, 1], repeat=3))
check("product empty", lambda: it.product("ab", []))
check("permutations", lambda: it.permutations("abcd", 2), steps=(0, 1, 11, 12))
check("perm r>n", lambda: it.permutations("ab", 3))
check("combinations", lambda: it.combinations(range(5), 3), steps=(0, 1, 9, 10))
check("comb r>n", lambda: it.combinations("ab", 3))
check("cwr", lambda: it.combinations_with_replacement("abc", 2), steps=(0, 1, 6))

# groupby: the groups themselves are expanded as they come.
def grouped():
    return it.groupby(["apple", "avocado", "banana", "blueberry", "cherry"],
                      key=initial)


g = grouped()
next(g)
resumed = pickle.loads(pickle.dumps(g))
print("groupby", [(k, list(grp)) for k, grp in resumed])
g = grouped()
print("groupby copy", [(k, list(grp)) for k, grp in copy.copy(g)])
g = grouped()
_, stale = next(g)
next(g)
print("stale grouper", stale.__reduce__()[1], list(pickle.loads(pickle.dumps(stale))))

# The reduce tuples themselves, CPython's exact shapes.
c = it.count(True)
print(repr(c), next(c), c.__reduce__())
print(it.count(2, 1.0).__reduce__(), repr(it.count(2, True)))
print(it.repeat("x", 3).__reduce__(), it.repeat("x").__reduce__())
print(it.repeat("x", 3).__length_hint__(), it.repeat("x", -2).__length_hint__())
try:
    it.repeat("x").__length_hint__()
except TypeError as e:
    print("TypeError:", e)
ch = it.chain("a")
list(ch)
print(ch.__reduce__())
p = it.product("ab")
list(p)
print(p.__reduce__())
cw = it.combinations_with_replacement("", 2)
print(cw.__reduce__(), list(cw), cw.__reduce__())
t = it.takewhile(bool, [1, 0, 1])
list(t)
print(t.__reduce__()[2], "takewhile stopped")


# A subclass is rebuilt as itself.
class Ticket(it.count):
    pass


t = Ticket(7)
next(t)
print(type(t.__reduce__()[0]).__name__, t.__reduce__()[0].__name__, t.__reduce__()[1])
t2 = pickle.loads(pickle.dumps(t))
print(type(t2).__name__, next(t2), next(t2))

# __setstate__ checks.
cyc = it.cycle("ab")
for bad in [[1, 2], ("no", 1), ([1],), ([1], 1, 2), ([1], "x")]:
    try:
        cyc.__setstate__(bad)
        print("accepted", bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
cyc.__setstate__((["p", "q"], True))
print(take(cyc, 5))
chn = it.chain()
for bad in [(), ([1],), (iter([1]), [2]), 5]:
    try:
        chn.__setstate__(bad)
    except TypeError as e:
        print("TypeError", e)
chn.__setstate__((iter(["uv", "w"]),))
print(list(chn))
prod = it.product("ab", "cd")
for bad in [(1,), "xy", (0, "x")]:
    try:
        prod.__setstate__(bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
prod.__setstate__((5, -5))
print(list(prod))
perm = it.permutations(range(3))
perm.__setstate__(((2, 1, 0), (1, 1, 1)))
print(list(perm))
comb = it.combinations(range(4), 2)
comb.__setstate__((9, 9))
print(list(comb))
isl = it.islice(range(20), 0, None, 5)
isl.__setstate__(3)
print(list(isl))
try:
    isl.__setstate__("x")
except TypeError as e:
    print("TypeError", e)
print(it.pairwise("abc").__class__.__name__, hasattr(it.pairwise, "__reduce__"))
try:
    pickle.dumps(it.pairwise("abc"))
except TypeError as e:
    print("TypeError", e)
print([m for m in ("__reduce__", "__setstate__", "__length_hint__")
       if hasattr(it.count(), m)], hasattr(it.zip_longest(), "__setstate__"),
      hasattr(it.starmap(pow, []), "__setstate__"), hasattr(it.repeat(1), "__length_hint__"))


# islice takes anything with __index__ for its bounds.
class Offset:
    def __init__(self, n):
        self.n = n

    def __index__(self):
        return self.n


print(list(it.islice(range(50), Offset(2), Offset(20), Offset(6))))
for args in [(-1,), (-5,), (1, -5), (-2, 5), (1, 2, 0), (1, 2, "x"), ("a",), ("a", 3),
             (2**100,), (Offset(-3),)]:
    try:
        print(list(it.islice(range(10), *args)))
    except ValueError as e:
        print(len(args), e)


# count of numbers that are objects (Fraction-like: __float__ only).
class Money:
    def __init__(self, cents):
        self.cents = cents

    def __float__(self):
        return self.cents / 100

    def __add__(self, other):
        return Money(self.cents + other.cents)

    def __repr__(self):
        return f"Money({self.cents})"


print(take(it.count(Money(100), Money(25)), 3))
try:
    it.count("a")
except TypeError as e:
    print("TypeError", e)
print(take(it.count(1j, 1j), 3))
