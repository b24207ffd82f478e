# A small packet inspector: frames arrive as bytearrays, are compared, searched,
# hex-dumped and decoded; a registry of decoders uses static and class methods as
# item access; bound methods serve as cache keys.  Exercises the behaviours
# MicroPython's conformance suite caught (bytes ordering, hex separators, buffers
# given to eval/int, %-formatting through __int__/__float__, whitespace rules).
import types


class Frame:
    def __init__(self, raw):
        self.raw = bytearray(raw)

    def __lt__(self, other):
        return self.raw < other.raw

    def dump(self, group=2):
        return self.raw.hex(" ", group) if self.raw else "<empty>"


frames = [Frame(b"\x10\x02hello"), Frame(b"\x01\x00"), Frame(b"\x10\x01zz"), Frame(b"")]
for f in sorted(frames):
    print(f.dump(), "|", f.dump(-3))
print(bytearray(b"ab") < bytearray(b"abc"), bytearray(b"b") >= b"ab", b"a" <= bytearray(b"a"))
print(bytearray(b"ll") in b"hello", memoryview(b"el") in bytearray(b"hello"), True in b"\x01")
print(b"\xde\xad\xbe\xef".hex(":"), memoryview(b"\x01\x02\x03").hex("-", 2))
print(bytes(range(5)).hex(b"|", -2))
for bad in (("::",), (1,), ("\xe9",)):
    try:
        b"ab".hex(*bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)

# Sizes and expressions stored as bytes in a config block.
config = {"size": bytearray(b" 42 "), "scale": memoryview(b"3"), "expr": bytearray(b"size * 2")}
size = int(config["size"])
print(size, int(config["scale"]), eval(config["expr"], {"size": size}))
exec(bytearray(b"result = size + 1"), globals())
print(result)
try:
    int(b"4x2")
except ValueError as e:
    print(e)

# Set algebra over seen ports.
seen = {80, 443, 8080}
seen.symmetric_difference_update([443, 22])
print(sorted(seen))


class Registry:
    decoders = {}

    @staticmethod
    def __getitem__(kind):
        return Registry.decoders.get(kind, "raw")

    @classmethod
    def __setitem__(cls, kind, name):
        cls.decoders[kind] = name


reg = Registry()
reg[0x10] = "text"
print(reg[0x10], reg[0x01])


class Counter:
    def __init__(self):
        self.n = 0

    def hit(self):
        self.n += 1
        return self.n


c = Counter()
cache = {c.hit: "hits"}
print(cache[c.hit], c.hit == c.hit, c.hit != Counter().hit, hash(c.hit) == hash(c.hit))


class Ratio:
    def __int__(self):
        return 7

    def __float__(self):
        return 0.25


print("%d%% %.2f %s" % (Ratio(), Ratio(), "ok"))
try:
    print("%x" % 2.5)
except TypeError as e:
    print(e)
print("%s and %(k)s" % {"k": 1})
try:
    print("%(k)s and %s" % {"k": 1})
except TypeError as e:
    print(e)
for spec in ("=", "#", ","):
    try:
        format("txt", spec)
    except ValueError as e:
        print(e)

# Fields separated by ASCII separators count as whitespace in Python.
record = "\x1cname\x1dvalue\x1e\x1f"
print(record.split(), repr(record.strip()), "\x1f".isspace(), int("\u200312\x0b"))
try:
    int("\x1c12")
except ValueError as e:
    print(e)
word = "stable"
print(word.strip() is word, b"keep".strip() is not None)

# Functions rebuilt from code objects, closures inspected.
def make_adder(n):
    def add(x):
        return x + n
    return add


add5 = make_adder(5)
cell = add5.__closure__[0]
print(cell.cell_contents, add5(1))
cell.cell_contents = 10
print(add5(1))
clone = types.FunctionType(add5.__code__, {}, "clone", None, (types.CellType(100),))
print(clone.__name__, clone(1), make_adder.__closure__)
for args in ((None, {}), (add5.__code__, {}), (add5.__code__, None)):
    try:
        types.FunctionType(*args)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    add5.__globals__ = {}
except AttributeError as e:
    print("AttributeError", e)

import math, sys
print(math.__name__, sys.__dict__["__name__"], sys.__spec__.origin, math.__package__ == "")
src = "text = '''a\r\nb\rc'''\n"
ns = {}
exec(src, ns)
print(repr(ns["text"]))
