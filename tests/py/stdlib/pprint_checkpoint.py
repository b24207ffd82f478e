# A build tool's state report: the state is pretty-printed with pprint (which
# dispatches on type(obj).__repr__, so every built-in type's special methods must be
# distinct objects, as CPython's slot wrappers are), then checkpointed to a file
# with pickle at protocols 3 to 5 (whose framer writes memoryviews of its buffer to
# the file) and read back.
import os
import pickle
import pprint
import tempfile
from collections import Counter, OrderedDict, defaultdict


class Targets(dict):
    """A dict subclass without its own __repr__: printed as a dict."""


class Artifact(tuple):
    def __repr__(self):
        return f"Artifact{tuple.__repr__(self)}"


deps = defaultdict(list)
for a, b in [("app", "lib"), ("app", "util"), ("lib", "util"), ("test", "app")]:
    deps[a].append(b)

state = {
    "targets": Targets(app=("main.o", "app.o"), lib=("lib.o",) * 12, util=()),
    "hashes": {name: bytes(range(i, i + 24)) for i, name in enumerate(["app", "lib", "util"])},
    "scratch": bytearray(b"\x00\xff" * 40),
    "order": OrderedDict((k, len(k)) for k in ["configure", "compile", "link", "test"]),
    "deps": deps,
    "counts": Counter("compile link compile test compile".split()),
    "artifacts": [Artifact(("bin/app", 4096)), Artifact(("lib/liblib.a", 20480))],
    "matrix": [[(x, y) for x in range(4)] for y in range(3)],
    "flags": frozenset({"-O2"}),
    "ranges": (range(10), slice(1, 5)),
}

print(pprint.pformat(state, width=72))
pprint.pprint(tuple(range(40)), width=40, compact=True)
print(pprint.pformat(state["hashes"]["lib"], width=30))
print(pprint.pformat(state["scratch"], width=40))

# The slot wrappers themselves.
print(tuple.__repr__ is bytearray.__repr__, dict.__repr__ == Targets.__repr__)
print(Targets.__repr__, object.__init__, int.__add__.__qualname__)
table = {list.__repr__: "list", tuple.__repr__: "tuple", dict.__repr__: "dict"}
print(sorted(table.values()), table[type([]).__repr__], table[type(Targets()).__repr__])


class Node:
    pass


print(Node.__init__ is object.__init__, Node.__eq__ is object.__eq__)
print(tuple.__len__((1, 2, 3)), dict.__contains__({"a": 1}, "a"), str.__add__("a", "b"))

# Checkpoints at the protocols with native bytes (3 to 5), through real files.
state.pop("ranges")
folder = tempfile.mkdtemp()
sizes = []
for proto in range(3, pickle.HIGHEST_PROTOCOL + 1):
    path = os.path.join(folder, f"state.{proto}.pickle")
    with open(path, "wb") as f:
        pickle.dump(state, f, protocol=proto)
    with open(path, "rb") as f:
        back = pickle.load(f)
    same = back == state and type(back["targets"]) is Targets and back["artifacts"][0] == state["artifacts"][0]
    sizes.append((proto, same, os.path.getsize(path) == len(pickle.dumps(state, protocol=proto))))
    os.remove(path)
os.rmdir(folder)
print(sizes)

# Writing any bytes-like object to a binary file.
path = os.path.join(tempfile.gettempdir(), f"pprint_checkpoint.{os.getpid()}.bin")
with open(path, "wb") as f:
    print(f.write(memoryview(b"header:")), f.write(bytearray(b"body;")), f.write(memoryview(b"xxtailxx")[2:6]))
    try:
        f.write("text")
    except TypeError as e:
        print("TypeError:", e)
with open(path, "rb") as f:
    print(f.read())
os.remove(path)

# Subclasses of immutable built-ins survive copy and pickle with their values.
import copy


class Version(str):
    pass


class Port(int):
    pass


class Ratio(float):
    pass


class Blob(bytes):
    pass


for v in (Version("1.2"), Port(8080), Ratio(0.5), Blob(b"\x01\x02"), Artifact(("x", 1))):
    c, d, p = copy.copy(v), copy.deepcopy(v), pickle.loads(pickle.dumps(v, 4))
    print(type(c).__name__, c == v, type(d).__name__, d == v, type(p).__name__, p == v, v.__getnewargs__())
