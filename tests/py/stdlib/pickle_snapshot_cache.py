# A cache that snapshots itself to disk with pickle and restores it: entries of many
# kinds (dataclasses, enums, namedtuples, collections, subclasses of built-ins,
# __slots__ classes, recursive structures, big ints, floats), a snapshot per protocol
# written with Pickler.dump to a real file and read back with Unpickler.load, and the
# exact bytes CPython's C pickler writes for a few entries.
import collections
import dataclasses
import enum
import os
import pickle
import tempfile


class Level(enum.Enum):
    LOW = 1
    HIGH = 2


class Flags(enum.IntFlag):
    READ = 1
    WRITE = 2


Point = collections.namedtuple("Point", "x y")


@dataclasses.dataclass
class Job:
    name: str
    level: Level = Level.LOW
    tags: list = dataclasses.field(default_factory=list)


@dataclasses.dataclass(frozen=True)
class Key:
    shard: int
    ident: str


class Tally(dict):
    def total(self):
        return sum(self.values())


class History(list):
    def __init__(self, items=(), limit=10):
        super().__init__(items)
        self.limit = limit


class Meters(int):
    def __repr__(self):
        return "Meters(%d)" % self


class Label(str):
    pass


class Slotted:
    __slots__ = ("a", "b")

    def __init__(self, a, b):
        self.a, self.b = a, b

    def __getstate__(self):
        return (self.a, self.b)

    def __setstate__(self, state):
        self.a, self.b = state

    def __eq__(self, other):
        return (self.a, self.b) == (other.a, other.b)


class Node:
    def __init__(self, name):
        self.name = name
        self.children = []
        self.parent = None

    def add(self, child):
        child.parent = self
        self.children.append(child)
        return child


class Cache:
    def __init__(self):
        self.entries = {}

    def put(self, key, value):
        self.entries[key] = value

    def snapshot(self, path, protocol):
        with open(path, "wb") as f:
            p = pickle.Pickler(f, protocol)
            p.dump(len(self.entries))
            p.dump(self.entries)
        return os.path.getsize(path)

    @classmethod
    def restore(cls, path):
        c = cls()
        with open(path, "rb") as f:
            u = pickle.Unpickler(f)
            count = u.load()
            c.entries = u.load()
        assert count == len(c.entries)
        return c


def build():
    cache = Cache()
    root = Node("root")
    leaf = root.add(Node("child")).add(Node("leaf"))
    loop = [1, 2]
    loop.append(loop)
    shared = ["shared"]
    cache.put("job", Job("build", Level.HIGH, ["ci"]))
    cache.put(Key(1, "k"), "frozen dataclass key")
    cache.put("flags", Flags.READ | Flags.WRITE)
    cache.put("point", Point(3, 4))
    cache.put("ordered", collections.OrderedDict([("b", 2), ("a", 1)]))
    cache.put("default", collections.defaultdict(list, {"x": [1]}))
    cache.put("deque", collections.deque([1, 2, 3], maxlen=5))
    cache.put("counter", collections.Counter("abracadabra"))
    cache.put("sets", ({3, 1, 2}, frozenset({"a"}), set()))
    cache.put("tally", Tally({"a": 1, "b": 2}))
    cache.put("history", History([1, 2], limit=3))
    cache.put("meters", Meters(42))
    cache.put("label", Label("tag"))
    cache.put("slotted", Slotted(1, [2]))
    cache.put("tree", root)
    cache.put("leaf", leaf)
    cache.put("loop", loop)
    cache.put("twice", (shared, shared))
    cache.put("numbers", (2**70, -2**70, 2**31, -2**31 - 1, 255, 256, 65536, 0.1, -0.0, 1e300))
    cache.put("text", ("", "é", "snow ☃", "\U0001f600", "a\nb\\c\r\x00"))
    cache.put("blobs", (b"", b"\x00\xff", bytearray(b"mutable"), b"x" * 300))
    cache.put(("tuple", "key"), None)
    return cache


def check(cache, restored):
    e, r = cache.entries, restored.entries
    assert list(e) == list(r), (list(e), list(r))
    for k in e:
        if k in ("tree", "leaf", "loop", "slotted"):
            continue
        assert e[k] == r[k], (k, e[k], r[k])
    tree = r["tree"]
    assert tree.children[0].children[0] is r["leaf"]
    assert r["leaf"].parent.parent is tree
    assert r["loop"][2] is r["loop"]
    assert r["twice"][0] is r["twice"][1]
    assert r["slotted"] == e["slotted"]
    assert type(r["history"]) is History and r["history"].limit == 3
    assert r["tally"].total() == 3
    assert r["default"]["new"] == [] and r["deque"].maxlen == 5
    return sorted(type(v).__name__ for v in r.values())


cache = build()
with tempfile.TemporaryDirectory() as d:
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        path = os.path.join(d, "snap%d.pickle" % proto)
        size = cache.snapshot(path, proto)
        restored = Cache.restore(path)
        kinds = check(cache, restored)
        with open(path, "rb") as f:
            raw = f.read()
        print("protocol", proto, "size", size, "first bytes", raw[:12])
    print("kinds", kinds)

for name in ("job", "point", "ordered", "default", "deque", "flags", "history",
             "meters", "label", "slotted", "numbers", "text", "twice", "loop"):
    obj = cache.entries[name]
    for proto in (0, 2, 4, 5):
        print(name, proto, pickle.dumps(obj, proto))
