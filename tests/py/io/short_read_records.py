# A record reader for a CSV-ish feed over a BufferedReader whose raw stream returns
# short reads and, now and then, None (a non-blocking source with nothing ready):
# peek() to find the end of a header, read1() for whatever is buffered, readinto()
# and readinto1() into a reused bytearray, and the same over a BufferedRandom that
# also writes back a summary. A raw stream that misreports its counts is an OSError.
import io


class Feed(io.RawIOBase):
    """Hands out the data in the given chunk sizes; a 0 size means "nothing ready"."""

    def __init__(self, data, sizes):
        self.data = data
        self.sizes = list(sizes)
        self.pos = 0
        self.calls = 0

    def readable(self):
        return True

    def readinto(self, b):
        self.calls += 1
        if self.pos >= len(self.data):
            return 0
        size = self.sizes.pop(0) if self.sizes else len(b)
        if size == 0:
            return None
        chunk = self.data[self.pos:self.pos + min(size, len(b))]
        b[:len(chunk)] = chunk
        self.pos += len(chunk)
        return len(chunk)


DATA = (b"id,name,qty\n"
        b"1,bolts,120\n"
        b"2,nuts,75\n"
        b"3,washers,300\n"
        b"4,rivets,12\n")


def records(reader, feed):
    """Yields rows with the number of empty polls so far; an empty read1() while
    the feed has more means "nothing ready yet" and is retried."""
    pending = b""
    waits = 0
    while True:
        chunk = reader.read1(7)
        if not chunk:
            if feed.pos < len(feed.data):
                waits += 1
                continue
            break
        pending += chunk
        while b"\n" in pending:
            line, _, pending = pending.partition(b"\n")
            yield line.decode().split(","), waits
    if pending:
        yield pending.decode().split(","), waits


feed = Feed(DATA, [3, 0, 5, 2, 0, 0, 9, 1, 4, 30])
reader = io.BufferedReader(feed, buffer_size=8)
head = reader.peek(1)
print("peek:", head[:8], len(head) <= 8)
for row, waits in records(reader, feed):
    print(row, waits)
print("raw calls:", feed.calls)

# read(n) keeps reading past short reads; a None with nothing gathered is None.
reader = io.BufferedReader(Feed(DATA, [0, 4, 4, 0, 4]), buffer_size=4)
print(reader.read(6), reader.read(6), reader.read(6), reader.read(3))
print(reader.read(10))
reader = io.BufferedReader(Feed(DATA, [0]), buffer_size=4)
print(reader.read(5), reader.read1(5), reader.peek(2))

# readinto / readinto1 into one reused buffer.
reader = io.BufferedReader(Feed(DATA, [5, 3, 11, 2, 6]), buffer_size=6)
buf = bytearray(10)
view = memoryview(buf)
got = []
while True:
    n = reader.readinto1(view[:7]) if len(got) % 2 else reader.readinto(buf)
    if not n:
        break
    got.append(bytes(buf[:n]))
print(got)
print(b"".join(got) == DATA)

# BufferedRandom over a BytesIO: read the header, append a summary, read it back.
store = io.BytesIO(DATA)
rnd = io.BufferedRandom(store, 16)
print(rnd.peek(3)[:3], rnd.read1(3), rnd.readline())
total = 0
for line in rnd:
    total += int(line.split(b",")[2])
rnd.write(b"total,,%d\n" % total)
rnd.seek(-10, 2)
print(rnd.read1(4), rnd.peek(1)[:1], rnd.read())
b = bytearray(5)
rnd.seek(2)
print(rnd.readinto(b), bytes(b), rnd.readinto1(b), bytes(b), rnd.tell())
rnd.seek(-3, 2)
print(rnd.readinto(bytearray(8)), rnd.readinto(bytearray(8)), rnd.readinto1(bytearray(2)))
rnd.seek(0)
print(rnd.readinto(bytearray(40)), rnd.readinto1(bytearray(40)), rnd.read(3))
rnd.close()
for op in (lambda: rnd.peek(1), lambda: rnd.read1(1), lambda: rnd.read(1)):
    try:
        op()
    except ValueError as e:
        print("closed:", e)


class Liar(Feed):
    def readinto(self, b):
        super().readinto(b)
        return len(b) * 3


class Wrong(Feed):
    def readinto(self, b):
        return b"no"


for cls in (Liar, Wrong):
    reader = io.BufferedReader(cls(DATA, []), 8)
    try:
        reader.read(4)
    except OSError as e:
        print(cls.__name__, type(e).__name__, e, "| cause:", repr(e.__cause__))

# A reader re-initialised with a bad buffer size is left unusable, as CPython's.
reader = io.BufferedReader(Feed(DATA, []), 8)
print(reader.read(3))
try:
    reader.__init__(Feed(DATA, []), 0)
except ValueError as e:
    print("init:", e)
try:
    reader.read(3)
except ValueError as e:
    print("after failed init:", type(e).__name__)
