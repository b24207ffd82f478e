# A checker for pickle streams: for a table of objects it dumps each at every protocol,
# walks the opcodes with pickletools.genops and prints the opcode sequence (with the
# short arguments), checks that the stream loads back equal, and flags opcodes a
# protocol should not contain. Then the full pickletools.dis listing of two streams
# and the framing of large payloads (64 KiB and more go outside frames).
import collections
import io
import pickle
import pickletools


class Plain:
    def __init__(self, a):
        self.a = a

    def __eq__(self, other):
        return type(other) is Plain and self.a == other.a


class WithNewArgs(int):
    def __new__(cls, value, *, unit):
        self = super().__new__(cls, value)
        self.unit = unit
        return self

    def __getnewargs_ex__(self):
        return (int(self),), {"unit": self.unit}


class Setter:
    def __init__(self):
        self.v = 1

    def __reduce__(self):
        return (Setter, (), {"v": self.v}, None, None, Setter.restore)

    @staticmethod
    def restore(obj, state):
        obj.v = state["v"] * 10

    def __eq__(self, other):
        return isinstance(other, Setter)


TABLE = [
    ("none/bools", [None, True, False]),
    ("small ints", [0, 255, 256, 65535, 65536, -1, 2**31 - 1, -2**31]),
    ("big ints", [2**31, -2**31 - 1, 2**63, 2**64, -2**64, 2**2000]),
    ("floats", [0.5, -2.25, 1e-310, float("inf")]),
    ("strings", ["", "ascii", "ünï", "x" * 256]),
    ("bytes", [b"", b"ab", b"z" * 256]),
    ("bytearray", bytearray(b"\x00\x01")),
    ("tuples", [(), (1,), (1, 2), (1, 2, 3), (1, 2, 3, 4)]),
    ("nested", {"k": [(1, {"n": None})], "s": {7}, "f": frozenset([8])}),
    ("class ref", [Plain, collections.OrderedDict, len, pickle.dumps]),
    ("instance", Plain([1])),
    ("getnewargs_ex", WithNewArgs(5, unit="m")),
    ("state setter", Setter()),
    ("singletons", [type(None), type(...), type(NotImplemented), ..., NotImplemented]),
    ("long list", list(range(1001))),
    ("long dict", {i: i for i in range(1000)}),
]

LATER = {"SHORT_BINUNICODE": 4, "STACK_GLOBAL": 4, "MEMOIZE": 4, "FRAME": 4,
         "EMPTY_SET": 4, "FROZENSET": 4, "NEWOBJ_EX": 4, "BINBYTES": 3,
         "SHORT_BINBYTES": 3, "NEWOBJ": 2, "TUPLE2": 2, "NEWTRUE": 2, "LONG1": 2,
         "BYTEARRAY8": 5}


def summary(data):
    names = []
    for op, arg, pos in pickletools.genops(data):
        if isinstance(arg, (int, str)) and len(str(arg)) <= 12 and op.name != "FRAME":
            names.append("%s:%s" % (op.name, arg))
        else:
            names.append(op.name)
    return names


for label, obj in TABLE:
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        if label == "getnewargs_ex" and proto < 4:
            continue    # (pickled through functools.partial there)
        data = pickle.dumps(obj, proto)
        back = pickle.loads(data)
        ops = summary(data)
        bad = sorted({n.split(":")[0] for n in ops if LATER.get(n.split(":")[0], 0) > proto})
        same = back == obj or label == "state setter" and back.v == 10
        text = " ".join(ops)
        if len(text) > 160:
            text = text[:75] + " ... " + text[-75:]
        print("%-14s p%d %5d bytes %s%s %s" % (label, proto, len(data),
                                              "ok" if same else "DIFFERENT",
                                              " early:" + ",".join(bad) if bad else "",
                                              text))

pickletools.dis(pickle.dumps({"a": [1, 2.0, "x"], "b": (None, True)}, 2))
out = io.StringIO()
pickletools.dis(pickle.dumps([Plain("p"), Plain("q")], 4), out=out, annotate=20)
print(out.getvalue())

for size in (65535, 65536, 200000):
    for obj in (b"b" * size, "s" * size):
        data = pickle.dumps([obj, 1], 5)
        frames = [(pos, arg) for op, arg, pos in pickletools.genops(data) if op.name == "FRAME"]
        print(type(obj).__name__, size, len(data), "frames", frames, pickle.loads(data)[0] == obj)
print(pickletools.optimize(pickle.dumps([["x"], ["x"]], 2)))
