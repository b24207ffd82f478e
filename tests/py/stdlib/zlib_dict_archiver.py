# A log archiver: log records are compressed in zlib streams primed with a preset
# dictionary of the words the records share (zdict), in segments; a checkpoint
# copies the live compressor (Compress.copy) so a segment can be closed early
# without disturbing the stream, and a reader resumes a half-read segment from a
# copied decompressor (Decompress.copy) with max_length windows.
import copy
import zlib

DICT = b"level=INFO level=WARN level=ERROR service=auth service=db request_id= latency_ms="


class Record(bytes):
    """A record as the collector hands it over: bytes with a sequence number."""

    def __new__(cls, seq, text):
        self = super().__new__(cls, text.encode())
        self.seq = seq
        return self


def records(n):
    levels = ("INFO", "WARN", "ERROR")
    for i in range(n):
        text = "level=%s service=%s request_id=%05d latency_ms=%d\n" % (
            levels[i % 3], ("auth", "db")[i % 2], i * 7, (i * 37) % 250)
        yield Record(i, text)


class Archiver:
    def __init__(self, zdict, level=6):
        self.zdict = zdict
        self.level = level
        self.segments = []
        self.live = zlib.compressobj(level, zdict=zdict)
        self.pending = []

    def feed(self, records):
        for r in records:
            self.pending.append(self.live.compress(r))

    def checkpoint(self):
        """Close a copy of the live stream: a complete segment of what came so far."""
        snap = self.live.copy()
        return b"".join(self.pending) + snap.flush()

    def close(self):
        self.pending.append(self.live.flush())
        seg = b"".join(self.pending)
        self.segments.append(seg)
        self.live = zlib.compressobj(self.level, zdict=self.zdict)
        self.pending = []
        return seg


arch = Archiver(DICT)
arch.feed(records(20))
early = arch.checkpoint()
arch.feed(r for r in records(40) if r.seq >= 20)
full = arch.close()

plain = b"".join(records(40))
print("checkpoint restores", zlib.decompressobj(zdict=DICT).decompress(early) == b"".join(records(20)))
print("segment restores", zlib.decompressobj(zdict=DICT).decompress(full) == plain)
no_dict = zlib.compress(plain)
print("dictionary helps", len(full) < len(no_dict))

# The same stream read through copy.copy / copy.deepcopy of the compressor.
for how in (lambda c: c.copy(), copy.copy, copy.deepcopy):
    c = zlib.compressobj(9, zdict=DICT)
    head = c.compress(b"level=ERROR service=db ")
    c2 = how(c)
    a = head + c.compress(b"request_id=1\n") + c.flush()
    b = head + c2.compress(b"latency_ms=99\n") + c2.flush()
    d = zlib.decompressobj(zdict=bytearray(DICT))
    print(d.decompress(a), zlib.decompressobj(zdict=memoryview(DICT)).decompress(b))

# A reader that takes at most 64 bytes at a time and forks at a checkpoint.
d = zlib.decompressobj(zdict=DICT)
out = d.decompress(full, 64)
fork = d.copy()
rest_a, rest_b = [], []
for reader, sink in ((d, rest_a), (fork, rest_b)):
    while reader.unconsumed_tail:
        sink.append(reader.decompress(reader.unconsumed_tail, 64))
    sink.append(reader.flush())
print("fork equal", rest_a == rest_b, "sizes", len(out), sum(map(len, rest_a)))
print("fork whole", out + b"".join(rest_b) == plain, fork.eof)

# Errors CPython's zlib raises.
try:
    zlib.decompress(full)
except zlib.error as e:
    print("no dictionary:", e)
try:
    zlib.decompressobj().decompress(full)
except zlib.error as e:
    print("stream without dictionary:", e)
try:
    zlib.decompressobj(zdict=b"another dictionary").decompress(full)
except zlib.error as e:
    print("wrong dictionary:", e)
try:
    zlib.decompressobj(zdict="text")
except TypeError as e:
    print("zdict str:", e)
done = zlib.compressobj()
done.compress(b"x")
done.flush()
try:
    done.copy()
except ValueError as e:
    print("flushed compressor:", e)
dd = zlib.decompressobj()
dd.decompress(zlib.compress(b"abc"))
print("copy at eof", dd.copy().eof)
dd.flush()
for f in (dd.copy, lambda: copy.copy(dd), lambda: copy.deepcopy(dd)):
    try:
        f()
    except ValueError as e:
        print("flushed decompressor:", e)
print(type(zlib.compressobj()).__name__, type(zlib.decompressobj()).__name__)

# A raw stream (wbits=-15) with the same dictionary, fed from a generator of chunks.
raw = zlib.compressobj(wbits=-15, zdict=DICT)
chunks = [raw.compress(r) for r in records(5)] + [raw.flush()]
rd = zlib.decompressobj(wbits=-15, zdict=DICT)
got = b"".join(rd.decompress(c) for c in chunks)
print(got.decode().splitlines()[-1], rd.eof)
