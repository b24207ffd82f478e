# A small record library: fields declared with __slots__ are introspected through
# their member descriptors (as dataclass-like helpers and copy/pickle code do), and
# sequences are walked backwards with reversed().


class Record:
    __slots__ = ()

    @classmethod
    def fields(cls):
        out = []
        for klass in reversed(cls.__mro__):
            for name in getattr(klass, "__slots__", ()):
                out.append(name)
        return tuple(out)

    def as_tuple(self):
        values = []
        for name in self.fields():
            member = getattr(type(self), name)
            try:
                values.append(member.__get__(self, type(self)))
            except AttributeError:
                values.append(None)
        return tuple(values)

    def __repr__(self):
        parts = ", ".join(f"{n}={v!r}" for n, v in zip(self.fields(), self.as_tuple()))
        return f"{type(self).__name__}({parts})"


class Point(Record):
    __slots__ = ("x", "y")

    def __init__(self, x, y=None):
        self.x = x
        if y is not None:
            self.y = y


class Point3(Point):
    __slots__ = "z"


p = Point(1, 2)
q = Point(5)
r = Point3(7, 8)
r.z = 9
print(p, q, r)
print(Point3.fields())
for name in ("x", "y"):
    m = getattr(Point, name)
    print(m, type(m).__name__, m.__name__, m.__objclass__.__name__)
print(Point3.x, Point3.z)
print(Point.x.__get__(None, Point) is not None)

Point.y.__set__(q, 6)
print(q)
Point.y.__delete__(q)
print(q)
try:
    Point.y.__delete__(q)
except AttributeError as e:
    print("AttributeError:", e)
try:
    del p.y
    del p.y
except AttributeError as e:
    print("AttributeError:", e)
try:
    Point.x.__get__(42)
except TypeError as e:
    print("TypeError:", e)
try:
    q.y
except AttributeError as e:
    print("AttributeError:", e)

# reversed over the built-in sequences: only a list has its own __reversed__.
for seq in ("abc", b"xy", bytearray(b"pq"), (1, 2), [3, 4], range(2)):
    it = reversed(seq)
    print(type(it).__name__, list(it))
print(list([1, 2, 3].__reversed__()), type([].__reversed__()).__name__)


class History(list):
    def latest(self, n):
        return list(reversed(self))[:n]


h = History(["open", "edit", "save"])
print(h.latest(2), list(list.__reversed__(h)))

# An exact tuple is immutable: repeating it once, copying it or slicing all of it
# gives the same object.
key = ("user", 42)
print(key * 1 is key, 1 * key is key, tuple(key) is key, key[:] is key, key[::1] is key)
print(key * 2, key[1:], key[::-1])


class Pair(tuple):
    pass


pr = Pair((1, 2))
print(type(pr[:]).__name__, type(pr * 1).__name__, pr[:] == pr)

for call in (lambda: list.__init__({}, []), lambda: dict.__init__([]),
             lambda: list.__len__("ab"), lambda: set.__init__(frozenset())):
    try:
        call()
    except TypeError as e:
        print("TypeError:", e)
target = []
list.__init__(target, "ab")
h2 = History()
list.__init__(h2, range(3))
print(target, h2)
