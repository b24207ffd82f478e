# A small append-only record store over io.BytesIO: length-prefixed records written
# with write/writelines, an index built by scanning with read/readinto, in-place
# patches through getbuffer(), line-oriented metadata read with readline limits,
# and the edge cases a store hits (seeking past the end pads with zero bytes,
# truncation, closed files, exported buffers, bad arguments).
import array
import io
import struct

HDR = struct.Struct("<HI")   # kind, payload length


class Store:
    def __init__(self, data=b""):
        self.f = io.BytesIO(data)
        self.f.seek(0, io.SEEK_END)

    def append(self, kind, payload):
        start = self.f.tell()
        self.f.writelines([HDR.pack(kind, len(payload)), payload])
        return start

    def scan(self):
        self.f.seek(0)
        hdr = bytearray(HDR.size)
        out = []
        while True:
            at = self.f.tell()
            n = self.f.readinto(hdr)
            if n == 0:
                return out
            if n < HDR.size:
                raise ValueError("torn header at %d (%d bytes)" % (at, n))
            kind, size = HDR.unpack(hdr)
            body = self.f.read(size)
            if len(body) < size:
                raise ValueError("torn record at %d" % at)
            out.append((at, kind, body))


s = Store()
offsets = [s.append(k, p) for k, p in [(1, b"alpha"), (2, b""), (1, b"\x00\xff" * 3), (7, b"omega!")]]
print("offsets", offsets, "size", len(s.f.getvalue()))
for rec in s.scan():
    print("record", rec)

# Patch a payload in place through the exported buffer (same size: allowed).
view = s.f.getbuffer()
print("view", len(view), view.readonly, view.format, view.nbytes)
view[offsets[0] + HDR.size] = ord("A")
view[offsets[3] + HDR.size:offsets[3] + HDR.size + 2] = b"OM"
for method, args in [("write", (b"x",)), ("truncate", (3,)), ("close", ()), ("writelines", ([b""],))]:
    try:
        getattr(s.f, method)(*args)
    except BufferError as e:
        print(method, "while exported:", type(e).__name__, e)
print("still readable while exported:", s.f.seek(0), s.f.read(HDR.size + 5))
view.release()
s.f.seek(0, io.SEEK_END)
print("after release:", s.append(9, b"tail"), [r[2] for r in s.scan()])
for torn in [HDR.pack(1, 9) + b"abc", HDR.pack(1, 0)[:4]]:
    try:
        Store(torn).scan()
    except ValueError as e:
        print("scan:", e)

# A store reopened from bytes: the initial value is not copied until changed.
raw = s.f.getvalue()
r = Store(raw)
print("reopened", len(r.scan()), r.f.getvalue() == raw, r.f.tell())
r.f.seek(0)
r.f.write(b"\x09\x00")
print("changed copy", r.f.getvalue()[:2], raw[:2])

# readline with limits over a text-like header block.
meta = io.BytesIO(b"name: demo\nversion: 3\r\nnotes: no newline at end")
print(meta.readline(4), meta.readline(), meta.readline(-1), meta.readline(None))
print(meta.readline(0), meta.readline(100), meta.readline(), meta.tell())
meta.seek(0)
print(meta.readlines(), meta.readlines())
meta.seek(0)
print(meta.readlines(5), meta.readlines(1), meta.readlines(0))
meta.seek(0)
print([line[:6] for line in meta])
print(list(io.BytesIO(b"a\n\nb")), list(io.BytesIO()))

# read, read1 and readinto flavours.
b = io.BytesIO(b"0123456789")
print(b.read(3), b.read1(2), b.read1(), b.read(), b.read(5), b.tell())
b.seek(2)
ba = bytearray(4)
mv = memoryview(bytearray(6))
arr = array.array("h", [0, 0])
print(b.readinto(ba), ba, b.readinto(mv[1:4]), bytes(mv), b.readinto(arr), arr.tobytes())
print(b.readinto(bytearray(5)), b.readinto1(bytearray(2)), b.tell())
b.seek(1)
print(b.readinto1(bytearray(3)), b.readinto1(memoryview(bytearray(2))))
for target in [b"xx", "xx", memoryview(b"xx"), 5]:
    try:
        b.readinto(target)
    except TypeError as e:
        print("readinto:", e)

# Seeking: whence rules, past the end, and the errors.
p = io.BytesIO(b"abc")
print(p.seek(10), p.read(), p.tell(), p.getvalue())
print(p.write(b"Z"), p.getvalue(), p.tell())
print(p.seek(-3, io.SEEK_END), p.read(2), p.seek(-100, io.SEEK_CUR), p.seek(2, 1), p.seek(True))
for args in [(-1,), (0, 3), (0, -1), (1.5,), ("0",), (0, 1.0), (2**63,), (2**80, 1)]:
    try:
        p.seek(*args)
    except (ValueError, TypeError, OverflowError) as e:
        print("seek", args, type(e).__name__, e)

# truncate: default position, growing is a no-op, the position stays.
t = io.BytesIO(b"hello world")
t.seek(5)
print(t.truncate(), t.getvalue(), t.tell())
print(t.truncate(100), t.getvalue(), t.truncate(2), t.getvalue(), t.tell())
print(t.write(b"!"), t.getvalue())
for arg in [-1, 1.0, "3"]:
    try:
        t.truncate(arg)
    except (ValueError, TypeError) as e:
        print("truncate", repr(arg), type(e).__name__, e)

# Bad arguments and sizes given by __index__.
class Two:
    def __index__(self):
        return 2


q = io.BytesIO(b"abcdef")
print(q.read(Two()), q.readline(Two()), q.read(None), q.read(-5))
for call in [lambda: q.read(1.0), lambda: q.read("1"), lambda: q.readline(2.5),
             lambda: q.readlines(1.0), lambda: q.write("text"), lambda: q.write(7),
             lambda: q.writelines(3), lambda: q.writelines([b"ok", "no"]),
             lambda: io.BytesIO("abc"), lambda: io.BytesIO(b"", b""),
             lambda: io.BytesIO(initial=b""), lambda: q.read(1, 2), lambda: q.tell(1),
             lambda: q.read(size=1), lambda: io.BytesIO.read(3),
             lambda: io.BytesIO.getvalue(io.StringIO())]:
    try:
        call()
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
print(q.getvalue(), io.BytesIO(initial_bytes=bytearray(b"kw")).getvalue(),
      io.BytesIO(memoryview(b"mv")).getvalue(), io.BytesIO(None).getvalue())

# Closing: every operation but close/closed/iter raises, close is idempotent.
c = io.BytesIO(b"data")
with c as same:
    print("with", same is c, c.closed, c.readable(), c.writable(), c.seekable(), c.isatty())
print("closed", c.closed, c.close(), c.closed, iter(c) is c)
for name, args in [("read", ()), ("read1", ()), ("readline", ()), ("readlines", ()),
                   ("readinto", (bytearray(1),)), ("write", (b"x",)), ("write", ("x",)),
                   ("writelines", ([],)), ("seek", (0,)), ("tell", ()), ("truncate", ()),
                   ("getvalue", ()), ("getbuffer", ()), ("flush", ()), ("readable", ()),
                   ("writable", ()), ("seekable", ()), ("isatty", ()), ("__next__", ()),
                   ("__getstate__", ()), ("__enter__", ()), ("fileno", ()), ("seek", ("x",))]:
    try:
        getattr(c, name)(*args)
        print(name, "ok")
    except Exception as e:
        print(name, type(e).__name__, e)
try:
    next(iter(c))
except ValueError as e:
    print("next:", e)

# The class sits where CPython's does.
print(io.BytesIO.__mro__)
print(isinstance(c, io.BufferedIOBase), isinstance(c, io.IOBase), isinstance(c, io.RawIOBase),
      issubclass(io.BytesIO, io.BufferedIOBase), type(c).__name__, type(c).__module__)
print(repr(io.BytesIO())[:21], io.BytesIO.__doc__.split("\n")[0])

# A subclass's own close() still runs when an unclosed instance is dropped.
class Spool(io.BytesIO):
    def close(self):
        if not self.closed:
            print("spool closing with", self.getvalue())
        super().close()


def session():
    f = Spool()
    f.write(b"pending")


session()
print("after session")
