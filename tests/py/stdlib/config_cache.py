# A configuration cache: a service parses its settings once and keeps them marshalled
# on disk (as CPython's own .pyc caches keep constants), reloading them at start-up.
# The cache must read what CPython 3.11 wrote and write what it reads.
import io
import marshal
import os
import tempfile

CONFIG = {
    "service": "billing",
    "version": (3, 11, 0),
    "ports": [8080, 8443],
    "limits": {"rate": 2.5, "burst": 10**20, "floor": -(2**40), "ratio": 1 + 0.5j},
    "flags": frozenset({"audit", "gzip"}),
    "regions": {"eu", "us"},
    "banner": "Grüße — 請求 😀",
    "key": b"\x00\x01\xfe\xff",
    "enabled": True,
    "fallback": None,
    "sentinel": ...,
}


def save(path, config):
    with open(path, "wb") as f:
        marshal.dump(config, f)


def load(path):
    with open(path, "rb") as f:
        return marshal.load(f)


with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "config.marshal")
    save(path, CONFIG)
    loaded = load(path)
    print("round trip equal:", loaded == CONFIG)
    for key in sorted(loaded):
        print(f"  {key}: {loaded[key]!r:.60} ({type(loaded[key]).__name__})")

# The old formats have no references: their bytes are the same everywhere.
for version in (0, 1, 2):
    for value in [CONFIG["version"], CONFIG["limits"]["burst"], CONFIG["limits"]["ratio"],
                  0.1, "Grüße", [None, True, b"k"], -(2**40)]:
        data = marshal.dumps(value, version)
        assert marshal.loads(data) == value
        print(version, data)

# What CPython 3.11 wrote (version 4, with its FLAG_REF bits and a back-reference).
CPYTHON = (b'\xfb\xda\x04name\xda\x03app\xda\x05ports\xdb\x02\x00\x00\x00\xe9P\x00\x00\x00\xe9'
           b'\xbb\x01\x00\x00\xda\x05ratio\xe7\x00\x00\x00\x00\x00\x00\xe0?\xda\x04tags\xbc\x01'
           b'\x00\x00\x00\xda\x03web\xda\x03big\xec\x05\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00'
           b'\x00\x08\x00\xda\x04copyr\x03\x00\x00\x000')
from_cpython = marshal.loads(CPYTHON)
print(from_cpython, from_cpython["copy"] is from_cpython["ports"])

# Shared and self-containing containers keep their shape.
shared = [1, 2]
graph = {"a": shared, "b": shared, "self": None}
graph["self"] = graph
back = marshal.loads(marshal.dumps(graph))
print(back["a"] is back["b"], back["self"] is back, back["a"])

# Several values in one stream, then other data.
stream = io.BytesIO()
for item in ("header", [1, 2, 3], {"n": 1.25}):
    marshal.dump(item, stream)
stream.write(b"TRAILER")
stream.seek(0)
print([marshal.load(stream) for _ in range(3)], stream.read())

# Damaged caches and values that cannot be cached.
damaged = [b"", b"i\x01\x00", b"?", b"r\x05\x00\x00\x00", b"(\x02\x00\x00\x00N0",
           b"l\x01\x00\x00\x00\x00\x00", b"[\xff\xff\xff\xff", b"<\x01\x00\x00\x00[\x00\x00\x00\x00"]
for data in damaged:
    try:
        print("loaded:", marshal.loads(data))
    except (EOFError, ValueError, TypeError) as e:
        print(data, type(e).__name__, e)
nested = []
for _ in range(2500):
    nested = [nested]
for value in [object(), {"f": len}, nested, CONFIG["ports"].__iter__()]:
    try:
        marshal.dumps(value)
    except ValueError as e:
        print("ValueError", e)
try:
    marshal.load(io.BytesIO(b"s\x10\x00\x00\x00short"))
except EOFError as e:
    print("EOFError", e)
try:
    marshal.loads("text")
except TypeError as e:
    print("TypeError", e)
print("version", marshal.version)
import pstats
print("pstats imports:", pstats.SortKey.CUMULATIVE)
