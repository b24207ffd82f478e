# Special methods stored on a class as descriptors other than plain functions:
# properties, staticmethods, classmethods, objects with __get__ and callable
# instances. CPython finds them through the descriptor protocol.


class Counter:
    """Counts calls; a callable instance used as a special method."""

    def __init__(self, label):
        self.label = label
        self.calls = 0

    def __call__(self, *args):
        self.calls += 1
        return f"{self.label}{args}"


class Delegate:
    """A descriptor forwarding a special method to a wrapped attribute."""

    def __init__(self, name):
        self.name = name

    def __set_name__(self, owner, attr):
        self.attr = attr

    def __get__(self, obj, owner):
        if obj is None:
            return self
        target = getattr(obj, self.name)
        return getattr(target, self.attr)


class ReadOnlyList:
    """A view over a list: its container protocol delegates to the list."""

    __len__ = Delegate("_items")
    __iter__ = Delegate("_items")
    __getitem__ = Delegate("_items")
    __contains__ = Delegate("_items")

    def __init__(self, items):
        self._items = list(items)


view = ReadOnlyList(["a", "b", "c"])
print(len(view), list(view), view[1], view[-1], view[0:2])
print("b" in view, "z" in view)
for i, x in enumerate(view):
    print(i, x)
print(sorted(view, reverse=True), max(view), bool(view))


class Table:
    """A table whose size and row access are computed properties."""

    def __init__(self, rows):
        self.rows = rows

    @property
    def __len__(self):
        return lambda: len(self.rows)

    @property
    def __bool__(self):
        return lambda: bool(self.rows)

    @property
    def __getitem__(self):
        return self.rows.__getitem__

    @property
    def __iter__(self):
        return lambda: iter(self.rows)


t = Table([("x", 1), ("y", 2)])
print(len(t), bool(t), t[0], [name for name, _ in t])
empty = Table([])
print(len(empty), bool(empty), "falsy" if not empty else "truthy")
if empty:
    print("never")
else:
    print("empty table")


class Registry:
    """Lookups by key through a static and a class method."""

    entries = {"alpha": 1, "beta": 2}

    @staticmethod
    def __getitem__(key):
        return key.upper()

    @classmethod
    def __contains__(cls, key):
        return key in cls.entries

    __len__ = staticmethod(lambda: 42)


r = Registry()
print(r["alpha"], "alpha" in r, "gamma" in r, len(r))


class Sub(Registry):
    entries = {"gamma": 3}


print("gamma" in Sub(), "alpha" in Sub())


class Handler:
    """A callable instance as __call__: called without the handler itself."""

    __call__ = Counter("handled")


h = Handler()
print(h(1, 2), h(), Handler.__call__.calls)


class Money:
    """Arithmetic and comparisons found through properties."""

    def __init__(self, cents):
        self.cents = cents

    @property
    def __add__(self):
        return lambda other: Money(self.cents + other.cents)

    @property
    def __eq__(self):
        return lambda other: isinstance(other, Money) and self.cents == other.cents

    @property
    def __lt__(self):
        return lambda other: self.cents < other.cents

    @property
    def __hash__(self):
        return lambda: hash(self.cents)

    @property
    def __neg__(self):
        return lambda: Money(-self.cents)

    @property
    def __repr__(self):
        return lambda: f"Money({self.cents})"

    @property
    def __str__(self):
        return lambda: f"${self.cents / 100:.2f}"

    @property
    def __format__(self):
        return lambda spec: format(self.cents / 100, spec)

    @property
    def __index__(self):
        return lambda: self.cents // 100


a, b = Money(150), Money(275)
print(a + b, repr(a + b), -a, a == Money(150), a == b, a != b, a < b, b < a)
print(sorted([b, a, Money(5)]), {a: "a", Money(150): "again"})
print(f"{b:.3f}", str(b), ["zero", "one", "two", "three"][b])


class Session:
    """A context manager whose enter and exit are properties."""

    log = []

    @property
    def __enter__(self):
        return lambda: self.log.append("open") or self

    @property
    def __exit__(self):
        def exit_(kind, value, tb):
            self.log.append(f"close {kind.__name__ if kind else None}")
            return kind is KeyError

        return exit_


with Session() as s:
    s.log.append("work")
with Session():
    raise KeyError("swallowed")
print(Session.log)


class Unreadable:
    __len__ = property(None)


try:
    len(Unreadable())
except AttributeError:
    print("AttributeError from a property with no getter")


class Attrs:
    """Attribute hooks as descriptors."""

    @property
    def __getattr__(self):
        return lambda name: f"<missing {name}>"

    @property
    def __setattr__(self):
        return lambda name, value: object.__setattr__(self, name, value * 2)


at = Attrs()
at.size = 21
print(at.size, at.colour)


class Record:
    """A mapping-like record that refuses iteration and membership tests."""

    __iter__ = None
    __contains__ = None

    def __init__(self, **fields):
        self.fields = fields

    def __getitem__(self, key):
        return self.fields[key]


class Sized(Record):
    __contains__ = Record.__getitem__


rec = Record(name="ada", year=1815)
print(rec["name"])
for attempt in (lambda: iter(rec), lambda: list(rec), lambda: "name" in rec, lambda: [x for x in rec]):
    try:
        attempt()
    except TypeError as e:
        print("TypeError:", e)
try:
    for field in rec:
        print(field)
except TypeError as e:
    print("TypeError:", e)
print(Sized(a=True)["a"], "a" in Sized(a=True))


class Plain:
    __iter__ = None

    def __getitem__(self, i):
        return i


try:
    print(3 in Plain())
except TypeError as e:
    print("TypeError:", e)
