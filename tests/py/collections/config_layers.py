# Layered configuration and an LRU cache on CPython's own collections package: ChainMap
# for defaults/file/env layers, a UserDict that normalizes keys, collections.abc
# checks, Counter arithmetic, an OrderedDict LRU, and function defaults rebound at
# run time (what namedtuple's `defaults=` does).
import collections
import collections.abc as cabc
from collections import ChainMap, Counter, OrderedDict, UserDict, UserList, deque


defaults = {"host": "localhost", "port": 8080, "debug": False}
from_file = {"port": 9000}
from_env = {"debug": True}
config = ChainMap(from_env, from_file, defaults)
print(config["host"], config["port"], config["debug"], len(config))
print(sorted(config.items()))
local = config.new_child({"host": "example.org"})
print(local["host"], config["host"], local.parents["host"])
print(repr(ChainMap({"a": 1}, {"b": 2})))


class Headers(UserDict):
    def __setitem__(self, key, value):
        super().__setitem__(key.lower(), value)

    def __getitem__(self, key):
        return super().__getitem__(key.lower())

    def __contains__(self, key):
        return super().__contains__(key.lower())


h = Headers({"Content-Type": "text/plain"})
h["X-Trace"] = "abc"
print("content-type" in h, h["CONTENT-TYPE"], sorted(h), len(h))
print(isinstance(h, cabc.MutableMapping), isinstance(h, dict))


class Stack(UserList):
    def push(self, x):
        self.append(x)


s = Stack([1, 2])
s.push(3)
print(s, s[-1], isinstance(s, cabc.MutableSequence), s + [4])

for obj in ([], (), {}, set(), "", b"", deque(), range(3), iter([]), (x for x in ())):
    kinds = [name for name in ("Sequence", "MutableSequence", "Mapping", "Set",
                                "Iterator", "Iterable", "Sized", "Hashable")
             if isinstance(obj, getattr(cabc, name))]
    print(type(obj).__name__, kinds)

stock = Counter(apples=5, pears=2)
sold = Counter(apples=3, pears=2, plums=1)
print(stock - sold, stock + sold, stock & sold, stock | sold)
print((stock - sold).total(), sorted((stock + sold).elements())[:4])


class LRU(OrderedDict):
    def __init__(self, size):
        super().__init__()
        self.size = size

    def get(self, key):
        if key not in self:
            return None
        self.move_to_end(key)
        return self[key]

    def put(self, key, value):
        self[key] = value
        self.move_to_end(key)
        if len(self) > self.size:
            self.popitem(last=False)


cache = LRU(2)
cache.put("a", 1)
cache.put("b", 2)
cache.get("a")
cache.put("c", 3)
print(list(cache), cache)


def connect(host, port=80, *, timeout=5):
    return f"{host}:{port} t={timeout}"


print(connect("h"), connect.__defaults__, connect.__kwdefaults__)
connect.__defaults__ = (443,)
connect.__kwdefaults__ = {"timeout": 30}
print(connect("h"), connect.__defaults__, connect.__kwdefaults__)
connect.__defaults__ = None
try:
    connect("h")
except TypeError as e:
    print("TypeError:", e)
try:
    connect.__defaults__ = [1]
except TypeError as e:
    print("TypeError:", e)

Point = collections.namedtuple("Point", "x y z", defaults=(0,))
print(Point(1, 2), Point._field_defaults, Point.__new__.__defaults__)
print(type(deque()).__module__, deque.__name__, repr(collections.defaultdict(int)))


# Class methods of built-in types called on subclasses and instances.
class Registry(dict):
    pass


class Flags(int):
    pass


class Blob(bytes):
    pass


r = Registry.fromkeys(["a", "b"], 0)
print(type(r).__name__, r, {}.fromkeys("xy"), dict.fromkeys({"k": 1}))
print(type(Flags.from_bytes(b"\x01\x02", "little")).__name__, Flags.from_bytes(b"\x01\x02", "little"))
print((7).from_bytes(b"\xff", "big", signed=True), type(Blob.fromhex("ab cd")).__name__)
print(bytearray.fromhex("00 ff"), b"".fromhex("41"))
