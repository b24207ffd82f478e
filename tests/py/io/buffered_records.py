# A record store on buffered binary streams: a writer packs length-prefixed and
# newline-terminated records through io.BufferedWriter (small buffers, a raw sink
# logging each write, short and blocked raw writes), a reader takes them back with
# BufferedReader read(n)/readline/peek/read1/readinto mixed, over a BytesIO, a
# trickling raw reader and a BufferedRandom updated in place; closed, detached and
# subclassed streams.
import io
import struct


class Sink(io.RawIOBase):
    def __init__(self, mode="full"):
        self.writes = []
        self.mode = mode

    def writable(self):
        return True

    def write(self, b):
        data = bytes(b)
        if self.mode == "short" and len(data) > 5:
            data = data[:5]
        self.writes.append(data)
        return len(data)


class Trickle(io.RawIOBase):
    def __init__(self, data, step):
        self.data = data
        self.pos = 0
        self.step = step
        self.reads = 0

    def readable(self):
        return True

    def readinto(self, b):
        self.reads += 1
        n = min(len(b), self.step, len(self.data) - self.pos)
        b[:n] = self.data[self.pos:self.pos + n]
        self.pos += n
        return n


def pack(records):
    out = []
    for name, value in records:
        body = name.encode()
        out.append(struct.pack(">H", len(body)) + body + b"=%d\n" % value)
    return b"".join(out)


RECORDS = [("alpha", 1), ("beta", 22), ("gamma-ray", 333), ("", 0), ("delta", -4)]

print("writing:")
for size in [4, 16, 1024]:
    sink = Sink()
    w = io.BufferedWriter(sink, buffer_size=size)
    counts = []
    for name, value in RECORDS:
        body = name.encode()
        counts.append(w.write(struct.pack(">H", len(body))))
        counts.append(w.write(bytearray(body)))
        counts.append(w.write(memoryview(b"=%d\n" % value)))
    print("  buffer %4d: %d raw writes before flush, counts %s" % (size, len(sink.writes), counts))
    w.flush()
    print("    ", [len(x) for x in sink.writes], b"".join(sink.writes) == pack(RECORDS))

sink = Sink("short")
w = io.BufferedWriter(sink, buffer_size=8)
for chunk in [b"0123", b"4567", b"89ab", b"cdef"]:
    w.write(chunk)
w.flush()
print("  short raw writes:", sink.writes)

print("reading:")
data = pack(RECORDS) + b"\xff\xfftrailer without newline"


def read_records(r):
    got = []
    while True:
        head = r.read(2)
        if len(head) < 2:
            return got, head + r.read()
        (n,) = struct.unpack(">H", head)
        if n == 0xFFFF:
            return got, r.read()
        name = r.read(n).decode()
        line = r.readline()
        got.append((name, int(line[1:])))


for label, make in [("BytesIO", lambda: io.BufferedReader(io.BytesIO(data), buffer_size=8)),
                    ("Trickle(3)", lambda: io.BufferedReader(Trickle(data, 3), buffer_size=8)),
                    ("big buffer", lambda: io.BufferedReader(io.BytesIO(data)))]:
    r = make()
    got, rest = read_records(r)
    print("  %-10s %s %r" % (label, got == RECORDS, rest))

r = io.BufferedReader(io.BytesIO(b"line one\nline two\nthird\n"), buffer_size=5)
print("  mixed:", r.peek(3)[:3], r.read(2), r.readline(3), r.readline(), r.read1(4),
      r.readline(-1), r.readline(0), r.readline(), r.read(0), r.read(), r.read(5))
r = io.BufferedReader(io.BytesIO(b"abcdefghij\nk"), buffer_size=4)
buf = bytearray(3)
print("  readinto:", r.readinto(buf), buf, r.readline(), r.tell(), r.seek(2), r.read(3), r.tell())
print("  iteration:", list(io.BufferedReader(io.BytesIO(b"x\ny\n\nz"), buffer_size=2)))
for bad in [-2, "3", 1.5]:
    try:
        io.BufferedReader(io.BytesIO(b"abc")).read(bad)
    except (ValueError, TypeError) as e:
        print("  read(%r): %s: %s" % (bad, type(e).__name__, e))

print("random access:")
raw = io.BytesIO(pack(RECORDS))
f = io.BufferedRandom(raw, buffer_size=8)
print("  ", f.read(2), f.readline())
f.write(b"\x00\x04BETA=99\n")
print("   after write:", f.tell(), f.readline(), f.read(2))
f.seek(0)
print("  ", [f.readline() for _ in range(3)])
f.seek(0, 2)
f.write(b"end\n")
f.flush()
print("  ", raw.getvalue()[-24:])

print("closed and detached:")
r = io.BufferedReader(io.BytesIO(b"abc\ndef\n"), buffer_size=4)
r.read(1)
r.raw.close()
for op in [lambda: r.read(1), lambda: r.readline(), lambda: r.read()]:
    try:
        op()
    except ValueError as e:
        print("  ", e)
w = io.BufferedWriter(io.BytesIO())
w.write(b"x")
w.close()
try:
    w.write(b"y")
except ValueError as e:
    print("  ", e)
try:
    w.write("text")
except TypeError as e:
    print("  ", e)
r = io.BufferedReader(io.BytesIO(b"abc\n"))
r.peek(1)
raw = r.detach()
try:
    r.read(1)
except ValueError as e:
    print("  ", e)
print("   detached raw at", raw.tell())


class Counting(io.BufferedReader):
    """A reader that counts lines and refuses reads once told to close."""
    shut = False
    lines = 0

    @property
    def closed(self):
        return self.shut or super().closed

    def readline(self, size=-1):
        self.lines += 1
        return super().readline(size)


c = Counting(io.BytesIO(b"a\nb\nc\n"))
print("  subclass:", c.readline(), list(c), c.lines)
c = Counting(io.BytesIO(b"a\nb\nc\n"))
c.peek(1)
c.shut = True
try:
    c.read(1)
except ValueError as e:
    print("  ", e)


class Tagged(io.BufferedWriter):
    def write(self, b):
        return super().write(b"[" + bytes(b) + b"]")


sink = Sink()
t = Tagged(sink, buffer_size=64)
print("  ", t.write(b"ab"), t.write(b"cd"))
t.flush()
print("  ", sink.writes, repr(t).startswith("<__main__.Tagged"), repr(io.BufferedWriter(Sink())))
