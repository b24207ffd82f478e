# Pickling with in-memory files: a snapshot store that pickles records into a
# BytesIO with the pure-Python pickle._Pickler/_Unpickler (framed protocols read the
# stream with read/readline per opcode, getbuffer() commits the frames) and with
# the C pickler; BytesIO and StringIO objects themselves pickled and copied, with
# their position, newline mode and instance attributes, subclasses included; the
# __getstate__/__setstate__ protocol and its errors.
import copy
import io
import pickle


class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __repr__(self):
        return "Point(%r, %r)" % (self.x, self.y)

    def __eq__(self, other):
        return isinstance(other, Point) and (self.x, self.y) == (other.x, other.y)


RECORDS = [
    {"id": 1, "tags": ("a", "b"), "where": Point(1, 2), "blob": b"\x00" * 40},
    [1.5, None, True, "x" * 300, list(range(50))],
    {frozenset({1, 2}), 3, "é€"},
    ("nested", [{"k": [b"v"] * 3}] * 2),
]


def dump_pure(obj, proto):
    f = io.BytesIO()
    pickle._Pickler(f, protocol=proto).dump(obj)
    return f.getvalue()


def load_pure(data):
    return pickle._Unpickler(io.BytesIO(data)).load()


for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    ok = []
    for rec in RECORDS:
        pure = dump_pure(rec, proto)
        fast = pickle.dumps(rec, protocol=proto)
        ok.append((pure == fast, load_pure(pure) == rec, pickle.loads(pure) == rec,
                   load_pure(fast) == rec))
    print("protocol", proto, ok)

# A big framed pickle: several frames committed through getbuffer().
big = [{"n": i, "s": "item-%d" % i * 3} for i in range(3000)]
data = dump_pure(big, 4)
print(len(data) > 65536, data.count(pickle.FRAME) >= 2, load_pure(data) == big,
      pickle.loads(data) == big)

# Several pickles in one stream, read back until EOF.
stream = io.BytesIO()
for rec in RECORDS:
    pickle.dump(rec, stream, protocol=2)
    pickle._Pickler(stream, protocol=5).dump(len(stream.getvalue()))
stream.seek(0)
loaded = []
while stream.tell() < len(stream.getvalue()):
    loaded.append(pickle._Unpickler(stream).load() if len(loaded) % 2 else pickle.load(stream))
print(len(loaded), loaded[0::2] == RECORDS, all(isinstance(n, int) for n in loaded[1::2]))
try:
    pickle._Unpickler(io.BytesIO(data[:100])).load()
except Exception as e:
    print("truncated:", type(e).__name__)

# The memory files themselves.
b = io.BytesIO(b"header\npayload")
b.readline()
b.label = "snapshot"
state = b.__getstate__()
print(state)
for proto in [2, 3, 4, 5]:
    r = pickle.loads(pickle.dumps(b, protocol=proto))
    print(proto, type(r).__name__, r.getvalue(), r.tell(), r.label, r.read())
c = copy.copy(b)
d = copy.deepcopy(b)
c.write(b"!")
print(b.getvalue(), c.getvalue(), d.getvalue(), c.tell(), d.tell(), d.label)

s = io.StringIO("one\r\ntwo\n", newline=None)
s.readline()
s.owner = {"who": "me"}
print(s.__getstate__())
r = pickle.loads(pickle.dumps(s))
print(repr(r.getvalue()), r.tell(), r.owner, repr(r.readline()), r.newlines)
w = io.StringIO(newline="\r\n")
w.write("a\nb\n")
w2 = copy.deepcopy(w)
w2.write("c\n")
print(repr(w.getvalue()), repr(w2.getvalue()), w2.__getstate__()[1:3])


class Journal(io.BytesIO):
    def __init__(self, name):
        super().__init__()
        self.name = name
        self.entries = 0

    def log(self, text):
        self.entries += 1
        self.write(text.encode() + b"\n")


j = Journal("audit")
j.log("opened")
j.log("closed")
j2 = pickle.loads(pickle.dumps(j))
print(type(j2).__name__, j2.name, j2.entries, j2.getvalue(), j2.tell(), list(j2), j2.tell())
print(j.__getstate__())


class Notes(io.StringIO):
    pass


n = Notes("first\n")
n.seek(0, 2)
n.write("second\n")
n2 = copy.deepcopy(n)
print(type(n2).__name__, repr(n2.getvalue()), n2.tell(), n2.__getstate__())

# __setstate__ directly, and its errors.
t = io.BytesIO()
t.__setstate__((b"restored", 3, {"extra": 1}))
print(t.getvalue(), t.tell(), t.extra, t.read())
t.__setstate__((bytearray(b"again"), 9, None))
print(t.getvalue(), t.tell(), t.read(), t.extra)
for st in [(b"x",), [b"x", 0, None], ("text", 0, None), (b"x", "0", None),
           (b"x", -1, None), (b"x", 0, [])]:
    try:
        t.__setstate__(st)
    except (TypeError, ValueError) as e:
        print("BytesIO.__setstate__:", type(e).__name__, e)
try:
    Journal("x").__setstate__(())
except TypeError as e:
    print(e)
u = io.StringIO()
u.__setstate__(("a\nb", "\r", 1, {"k": 2}))
print(repr(u.getvalue()), u.tell(), u.k, repr(u.read()), u.write("\n"), repr(u.getvalue()))
for st in [("x", None, 0), ("x", None, "1", None), ("x", None, -2, None),
           ("x", None, 0, 5), (b"x", None, 0, None), ("x", 5, 0, None), ("x", "?", 0, None)]:
    try:
        u.__setstate__(st)
    except (TypeError, ValueError) as e:
        print("StringIO.__setstate__:", type(e).__name__, e)
closed = io.StringIO()
closed.close()
for f, st in [(closed, ("x", None, 0, None)), (io.BytesIO(), None)]:
    try:
        if st is None:
            f.close()
            f.__setstate__((b"x", 0, None))
        else:
            f.__setstate__(st)
    except ValueError as e:
        print("closed:", e)
