# A report writer that renders the same table through io.TextIOWrapper over
# in-memory and program-defined byte sinks: several encodings and error handlers
# (what xml.etree's tostring and a CSV exporter use), each newline mode, line
# buffering and write_through, and when the encoded bytes reach the buffer
# (the wrapper keeps them pending until a chunk is full or it is flushed).
import io

ROWS = [
    ("café", 3, 4.5),
    ("naïve ☕", 12, 0.25),
    ("plain", 7, 100.0),
    ("surrogate \udce9 kept", 1, 1.0),
    ("line\nbreak", 2, 2.0),
]


def render(out, rows, skip_surrogates=False):
    out.write("name,count,price\n")
    total = 0
    for name, count, price in rows:
        if skip_surrogates and "\udce9" in name:
            continue
        n = out.write("%s,%d,%.2f\n" % (name, count, price))
        total += n
    out.write("-- end --\r\n")
    return total


def report(encoding, errors, newline, rows=ROWS, **kw):
    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding=encoding, errors=errors, newline=newline, **kw)
    try:
        chars = render(out, rows)
    except UnicodeEncodeError as e:
        print("  %s/%s: %s" % (encoding, errors, e))
        out.flush()
        print("  before the error:", raw.getvalue()[:40])
        return
    pending = raw.getvalue()
    out.flush()
    data = raw.getvalue()
    print("  %s/%s/%r: %d chars, %d bytes, %d reached the buffer before flush"
          % (encoding, errors, newline, chars, len(data), len(pending)))
    print("   ", data[:90])
    print("   ", data[90:])


print("encodings and error handlers:")
for enc in ["utf-8", "UTF8", "ascii", "us-ascii", "latin-1", "iso-8859-1", "cp1252"]:
    for errors in ["strict", "xmlcharrefreplace", "backslashreplace", "replace",
                   "ignore", "namereplace", "surrogateescape"]:
        report(enc, errors, "\n")
report("utf-8", "surrogatepass", None)
report("utf-16-le", "strict", "\n", rows=ROWS[:2])
report("utf-16", "strict", "\n", rows=ROWS[:2])
report("utf-8-sig", "strict", "\n", rows=ROWS[:2])

print("newline modes:")
for newline in [None, "", "\n", "\r", "\r\n"]:
    report("utf-8", "backslashreplace", newline)

print("line buffering and write_through:")


class Sink(io.RawIOBase):
    """A byte sink that logs each write and flush it is given."""

    def __init__(self, answer=None):
        self.chunks = []
        self.flushes = 0
        self.answer = answer

    def writable(self):
        return True

    def write(self, b):
        self.chunks.append(bytes(b))
        if self.answer == "none":
            return None
        if self.answer == "short":
            return max(0, len(b) - 3)
        return len(b)

    def flush(self):
        self.flushes += 1


for kw in [{}, {"line_buffering": True}, {"write_through": True}]:
    sink = Sink()
    out = io.TextIOWrapper(sink, encoding="utf-8", **kw)
    out.write("partial ")
    out.write("line\nand ")
    out.write("a carriage\rreturn ")
    print("  %s: %d writes %d flushes before flush()" % (kw, len(sink.chunks), sink.flushes))
    out.flush()
    print("   ", sink.chunks, sink.flushes)

for answer in ["none", "short"]:
    sink = Sink(answer)
    out = io.TextIOWrapper(sink, encoding="latin-1", write_through=True)
    print("  write() answering %s:" % answer, out.write("déjà vu"), out.write("!"), sink.chunks)

print("chunks:")
sink = Sink()
out = io.TextIOWrapper(sink, encoding="utf-8")
for i in range(3000):
    out.write("row %05d\n" % i)
print("  before flush:", [len(c) for c in sink.chunks])
out.flush()
print("  after flush:", [len(c) for c in sink.chunks], sum(map(len, sink.chunks)))
sink = Sink()
out = io.TextIOWrapper(sink, encoding="ascii")
out._CHUNK_SIZE = 16
for word in ["alpha ", "beta ", "gamma ", "a-rather-long-word-over-the-chunk ", "z"]:
    out.write(word)
    print("  %-36r %s" % (word, [c.decode() for c in sink.chunks]))
out.close()
print("  closed:", [c.decode() for c in sink.chunks], out.closed, sink.closed)

print("a program's own buffer class:")


class Recorder:
    def __init__(self):
        self.parts = []
        self.closed = False

    def readable(self):
        return False

    def writable(self):
        return True

    def seekable(self):
        return False

    def write(self, b):
        self.parts.append(b)
        return len(b)

    def flush(self):
        self.parts.append("flush")

    def close(self):
        self.closed = True


rec = Recorder()
out = io.TextIOWrapper(rec, encoding="utf-8", newline="\r\n")
out.write("first\nsecond\n")
print("  pending:", rec.parts)
out.close()
print("  closed:", rec.parts, rec.closed)

print("a subclass overriding write:")


class Upper(io.TextIOWrapper):
    def write(self, s):
        return super().write(s.upper())


raw = io.BytesIO()
up = Upper(raw, encoding="utf-8", line_buffering=True)
print("  ", up.write("hello\n"), up.write("world"), raw.getvalue())
up.flush()
print("  ", raw.getvalue(), repr(up))

print("errors:")
out = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
for bad in [b"bytes", 42, None]:
    try:
        out.write(bad)
    except TypeError as e:
        print("  ", e)
try:
    out.write("é")
except UnicodeEncodeError as e:
    print("  ", e.encoding, e.start, e.end, e.reason)
out.write("ok")
out.close()
for op in [lambda: out.write("x"), out.flush]:
    try:
        op()
    except ValueError as e:
        print("  ", e)
reader = io.TextIOWrapper(io.BufferedReader(io.BytesIO(b"data")), encoding="utf-8")
try:
    reader.write("x")
except io.UnsupportedOperation as e:
    print("   UnsupportedOperation:", e)
raw = io.BytesIO()
out = io.TextIOWrapper(raw, encoding="utf-8")
out.write("kept")
b = out.detach()
print("  detached:", b.getvalue(), b is raw)
for op in [lambda: out.write("x"), out.flush]:
    try:
        op()
    except ValueError as e:
        print("  ", e)
raw = io.BytesIO()
out = io.TextIOWrapper(raw, encoding="utf-8")
out.write("lost?")
raw.close()
try:
    out.write("more")
except ValueError as e:
    print("  ", e)
try:
    out.close()
except ValueError as e:
    print("   close:", e)


class NoInit(io.TextIOWrapper):
    def __init__(self):
        pass


for op in ["write", "read", "readline", "detach", "flush"]:
    try:
        getattr(NoInit(), op)(*(["x"] if op == "write" else []))
    except ValueError as e:
        print("   %s: %s" % (op, e))
out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
out.detach()
try:
    out.detach()
except ValueError as e:
    print("   detach again:", e)
