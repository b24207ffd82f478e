# Python RawIOBase subclasses under the buffered and text layers: a reader that
# only implements readinto (a generated stream), a writer that records its
# system-call-sized writes, BufferedRWPair, and TextIOWrapper on top.
import io


class Counter(io.RawIOBase):
    """Yields b"0\n1\n2\n..." up to n, a few bytes per readinto call."""

    def __init__(self, n):
        self.data = b"".join(b"%d\n" % i for i in range(n))
        self.pos = 0
        self.calls = 0

    def readable(self):
        return True

    def readinto(self, b):
        self.calls += 1
        chunk = self.data[self.pos:self.pos + min(len(b), 5)]
        b[:len(chunk)] = chunk
        self.pos += len(chunk)
        return len(chunk)


raw = Counter(12)
r = io.BufferedReader(raw)
print(r.read(3), r.readline(), r.read1(2))
print(r.read())
print(raw.calls > 3, r.read(), raw.closed)
r.close()
print(raw.closed, r.closed)

print(Counter(5).read(), Counter(5).readall(), Counter(3).read(2))
print(isinstance(raw, io.RawIOBase), isinstance(raw, io.IOBase))

t = io.TextIOWrapper(io.BufferedReader(Counter(6)), encoding="ascii")
print([line.strip() for line in t])


class Recorder(io.RawIOBase):
    def __init__(self):
        self.writes = []

    def writable(self):
        return True

    def write(self, b):
        self.writes.append(bytes(b))
        return len(b)


rec = Recorder()
w = io.BufferedWriter(rec, buffer_size=8)
for word in (b"abc", b"defg", b"hi", b"jklmnopqrst", b"u"):
    w.write(word)
print(rec.writes)
w.flush()
print(rec.writes)

rec = Recorder()
tw = io.TextIOWrapper(io.BufferedWriter(rec), encoding="utf-8", newline="\r\n",
                      line_buffering=True)
tw.write("first line\nsecond")
print(rec.writes)
tw.write(" end\n")
print(rec.writes)
tw.close()
print(rec.closed)

pair = io.BufferedRWPair(io.BufferedReader(Counter(3)), Recorder())
print(pair.read(), pair.readable(), pair.writable())
pair.write(b"out")
pair.flush()
print(pair.closed)


class Broken(io.RawIOBase):
    def readable(self):
        return True
    # no readinto


try:
    io.BufferedReader(Broken()).read(1)
except NotImplementedError as e:
    print("NotImplementedError", e)
except io.UnsupportedOperation as e:
    print("UnsupportedOperation", e)
