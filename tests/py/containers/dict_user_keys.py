# Dict lookups whose keys have Python __hash__/__eq__: every call CPython makes,
# in its order, exceptions coming out of the lookup, and a dict changed by __eq__.
calls = []


class Name:
    """A case-insensitive name, as a registry of users might key on."""

    def __init__(self, text):
        self.text = text

    def __hash__(self):
        calls.append("hash " + self.text)
        return hash(self.text.lower())

    def __eq__(self, other):
        calls.append("eq %s %s" % (self.text, getattr(other, "text", other)))
        if not isinstance(other, Name):
            return NotImplemented
        return self.text.lower() == other.text.lower()

    def __repr__(self):
        return "Name(%r)" % self.text


def show(label, value):
    print(label, value, calls)
    calls.clear()


users = {}
users[Name("Ada")] = "admin"
show("store new:", len(users))
users[Name("ADA")] = "owner"
show("store existing:", users)
show("get:", users[Name("ada")])
show("in:", Name("aDa") in users)
show("not in:", Name("bob") not in users)
show("get method:", users.get(Name("ADA")))
show("get default:", users.get(Name("eve"), "none"))
show("setdefault old:", users.setdefault(Name("ada"), "x"))
show("setdefault new:", users.setdefault(Name("Bob"), "guest"))
show("pop:", users.pop(Name("BOB")))
show("pop default:", users.pop(Name("BOB"), "gone"))
try:
    users[Name("zed")]
except KeyError as e:
    show("KeyError:", repr(e))
try:
    del users[Name("zed")]
except KeyError as e:
    show("del KeyError:", repr(e))
del users[Name("ADA")]
show("after del:", users)


# The same hash, different keys: every candidate is compared.
class Bucket:
    def __init__(self, n):
        self.n = n

    def __hash__(self):
        return 7

    def __eq__(self, other):
        if not isinstance(other, Bucket):
            calls.append("eq %d %r" % (self.n, other))
            return NotImplemented
        calls.append("eq %d %d" % (self.n, other.n))
        return self.n == other.n

    def __repr__(self):
        return "B%d" % self.n


table = {Bucket(i): i for i in range(4)}
show("collisions built:", len(table))
show("last of four:", table[Bucket(3)])
show("missing:", Bucket(9) in table)

# Mixed keys: an int meets a stored instance with its hash.
mixed = {7: "seven", Bucket(1): "one"}
show("int key:", mixed[7])


# Exceptions from __eq__ and __hash__ come out of the lookup.
class Flaky:
    def __init__(self, fail_hash=False):
        self.fail_hash = fail_hash

    def __hash__(self):
        if self.fail_hash:
            raise ValueError("cannot hash")
        return 1

    def __eq__(self, other):
        raise LookupError("cannot compare")


flaky = {Flaky(): 1}
for label, op in [
    ("get", lambda: flaky[Flaky()]),
    ("in", lambda: Flaky() in flaky),
    ("set", lambda: flaky.__setitem__(Flaky(), 2)),
    ("store", lambda: flaky.update({Flaky(): 3})),
    ("method get", lambda: flaky.get(Flaky())),
    ("hash", lambda: flaky[Flaky(fail_hash=True)]),
]:
    try:
        op()
        print(label, "no error")
    except Exception as e:
        print(label, type(e).__name__, e)
print("flaky still", len(flaky))


class BadHash:
    def __hash__(self):
        return "seven"


try:
    {}[BadHash()] = 1
except TypeError as e:
    print("TypeError", e)


class Unhashable:
    def __eq__(self, other):
        return True


try:
    {Unhashable(): 1}
except TypeError as e:
    print("TypeError", e)
try:
    Unhashable() in {}
except TypeError as e:
    print("TypeError", e)


# __eq__ that changes the dict while it is being searched.
class Meddler:
    def __init__(self, n, action=None):
        self.n = n
        self.action = action

    def __hash__(self):
        return 3

    def __eq__(self, other):
        calls.append("eq %d %d" % (self.n, other.n))
        if other.action:
            act, other.action = other.action, None
            act()
        return self.n == other.n

    def __repr__(self):
        return "M%d" % self.n


d = {}
first = Meddler(1)
d[first] = "one"
# Adding a key meanwhile: the lookup goes on (no restart).
show("insert during eq:", d.get(Meddler(2, lambda: d.__setitem__("extra", 0))))
print(sorted(map(repr, d)))
# Removing the key being compared: the lookup starts again.
show("remove during eq:", d.get(Meddler(1, lambda: d.pop(first))))
print(sorted(map(repr, d)))


# Tuples holding instances as keys.
pairs = {(Name("x"), 1): "a"}
show("tuple key:", pairs[(Name("X"), 1)])
show("tuple miss:", (Name("X"), 2) in pairs)


# __eq__ returning an object whose truth is computed.
class Truth:
    def __init__(self, v):
        self.v = v

    def __bool__(self):
        calls.append("bool")
        return self.v


class Fuzzy:
    def __hash__(self):
        return 5

    def __eq__(self, other):
        return Truth(True)


fz = {Fuzzy(): "f"}
show("truthy eq:", fz[Fuzzy()])


# A cache keyed by records: the style of real code.
class Point:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x, self.y = x, y

    def __eq__(self, other):
        return isinstance(other, Point) and (self.x, self.y) == (other.x, other.y)

    def __hash__(self):
        return hash((self.x, self.y))


cache = {}
hits = 0
for i in range(200):
    p = Point(i % 10, i % 7)
    if p in cache:
        hits += 1
    else:
        cache[p] = i
print("cache", len(cache), hits, cache[Point(3, 3)], cache.get(Point(99, 0), -1))



# Deleting most keys of a dict (pyvm compacts its table then) never calls __eq__ of
# the keys that stay: entries move without being compared, as in CPython's resize.
class Counted:
    compared = 0

    def __init__(self, n):
        self.n = n

    def __hash__(self):
        return 42

    def __eq__(self, other):
        Counted.compared += 1
        return self.n == other.n


keys = [Counted(i) for i in range(3)]
table = {}
for k in keys:
    table[k] = k.n
table.update((i, i) for i in range(1000, 1030))
print("3 colliding keys and 30 ints:", Counted.compared, "comparisons")
Counted.compared = 0
for i in range(1000, 1030):
    del table[i]
print("after deleting the ints:", Counted.compared, "comparisons", len(table))
print("lookups:", [table[k] for k in keys], Counted.compared, "comparisons")


# A dict subclass with __missing__: the lookup that decides whether the key is missing
# reports an exception from __eq__ too.
class Defaults(dict):
    def __missing__(self, key):
        return "default"


defaults = Defaults()
defaults[Flaky()] = 1
try:
    defaults[Flaky()]
except LookupError as e:
    print("LookupError", e)
print(defaults["absent"], Flaky() in Defaults())
