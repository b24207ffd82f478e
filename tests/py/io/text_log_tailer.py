# A log tailer: reads lines with mixed line endings through io.TextIOWrapper in
# every newline mode (readline, readline(size), iteration, read(n)), from a BytesIO,
# a BufferedReader and a program's own raw reader handing out small, odd-sized
# pieces (a \r\n split between them); a log that is appended to and read back
# through one wrapper (pending written text goes out before a read, tell, seek).
import io

LOG = ("boot ok\n"
       "disk: sda1 mounted\r\n"
       "net: eth0 up\r"
       "user: café ☕ logged in\n"
       "\n"
       "warn: temp 71°C\r\n"
       "tail without newline")


class Trickle(io.RawIOBase):
    """A raw reader giving at most `step` bytes a call (a slow device)."""

    def __init__(self, data, step):
        self.data = data
        self.pos = 0
        self.step = step
        self.calls = 0

    def readable(self):
        return True

    def readinto(self, b):
        self.calls += 1
        n = min(len(b), self.step, len(self.data) - self.pos)
        b[:n] = self.data[self.pos:self.pos + n]
        self.pos += n
        return n


def sources(encoding):
    data = LOG.encode(encoding)
    yield "BytesIO", io.BytesIO(data)
    yield "BufferedReader", io.BufferedReader(io.BytesIO(data), buffer_size=16)
    yield "Trickle(7)", io.BufferedReader(Trickle(data, 7), buffer_size=8)


for newline in [None, "", "\n", "\r", "\r\n"]:
    print("newline=%r" % (newline,))
    for name, src in sources("utf-8"):
        f = io.TextIOWrapper(src, encoding="utf-8", newline=newline)
        lines = []
        while True:
            line = f.readline()
            if not line:
                break
            lines.append(line)
        print("  %-15s %d %r %r" % (name, len(lines), lines[:3], f.newlines))
    f = io.TextIOWrapper(io.BytesIO(LOG.encode("utf-8")), encoding="utf-8", newline=newline)
    print("  iterated      ", [line for line in f][3:])
    f = io.TextIOWrapper(io.BytesIO(LOG.encode("utf-8")), encoding="utf-8", newline=newline)
    print("  sized         ", [f.readline(5), f.readline(0), f.readline(-1), f.readline(7)])
    f = io.TextIOWrapper(io.BytesIO(LOG.encode("utf-8")), encoding="utf-8", newline=newline)
    print("  mixed         ", [f.read(3), f.readline(), f.read(4), next(f), f.readline(2)])

print("other encodings:")
for enc in ["latin-1", "utf-16", "cp1252", "ascii"]:
    try:
        data = LOG.encode(enc)
    except UnicodeEncodeError:
        data = LOG.encode(enc, "replace")
    f = io.TextIOWrapper(io.BufferedReader(Trickle(data, 5)), encoding=enc, errors="replace")
    print("  %-8s %r" % (enc, f.readlines()[2:5]))

print("a log appended to and read back:")
store = io.BytesIO()
log = io.TextIOWrapper(store, encoding="utf-8", newline="\r\n")
log.write("first entry\n")
log.write("second entry ☕\n")
print("  bytes before reading:", store.getvalue())
start = log.tell()
print("  tell:", start, store.getvalue())
log.write("third entry\n")
log.seek(0)
print("  read back:", [log.readline() for _ in range(4)])
log.write("appended after reading\n")
log.seek(0)
print("  all:", repr(log.read()))
log.seek(start)
print("  from the second:", repr(log.readline()), log.tell())
log.seek(0, 2)
log.write("last\n")
print("  closed with pending:", log.closed)
log.close()
print("  store closed:", store.closed)

store = io.BytesIO()
log = io.TextIOWrapper(store, encoding="ascii", errors="backslashreplace")
log.write("écrit\n")
print("  read() after write at end:", repr(log.read()), store.getvalue())

print("bad sizes:")
f = io.TextIOWrapper(io.BytesIO(b"a\nb\n"), encoding="utf-8")
for size in [None, 2.5, "3"]:
    try:
        f.readline(size)
    except TypeError as e:
        print("  ", e)


class Two:
    def __index__(self):
        return 2


print("  ", f.readline(Two()), f.read(Two()))

print("closed and detached readers:")
f = io.TextIOWrapper(io.BytesIO(b"a\nb\nc\n"), encoding="utf-8")
print("  ", f.readline())
f.buffer.close()
for op in [f.readline, lambda: next(f), f.read]:
    try:
        op()
    except ValueError as e:
        print("  ", e)
f = io.TextIOWrapper(io.BytesIO(b"a\nb\nc\n"), encoding="utf-8")
f.readline()
f.detach()
for op in [f.readline, lambda: next(f)]:
    try:
        op()
    except ValueError as e:
        print("  ", e)


class Numbered(io.TextIOWrapper):
    count = 0

    def readline(self, size=-1):
        self.count += 1
        line = super().readline(size)
        return "%d: %s" % (self.count, line) if line else line


f = Numbered(io.BytesIO(b"x\ny\r\nz"), encoding="utf-8")
print("  subclass:", list(f))
