# A report generator writing to io.StringIO under each newline mode, then reading
# the reports back line by line; a StringIO subclass that counts and tags writes
# (print and writelines go through it), csv over StringIO, non-ASCII text with
# seek/tell/overwrite, and the argument, closed-file and uninitialized errors.
import csv
import io

ROWS = [("north", 12, 3.5), ("south", 7, 0.25), ("east", 0, 10.0)]


def report(out):
    print("Region report", file=out)
    print("=" * 13, file=out)
    for name, units, price in ROWS:
        out.write("%-6s %3d %6.2f\n" % (name, units, price))
    out.write("windows line\r\nold mac line\rend")
    return out


for nl in [None, "", "\n", "\r", "\r\n"]:
    f = report(io.StringIO(newline=nl))
    value = f.getvalue()
    print("newline=%r" % (nl,), "chars", len(value), "tell", f.tell(), "newlines", repr(f.newlines))
    print("  value", repr(value[-40:]))
    f.seek(0)
    print("  lines", [line[-8:] for line in f])
    f.seek(0)
    print("  readline", repr(f.readline()), repr(f.readline(4)), repr(f.readline(-1)))
    print("  readlines(20)", len(f.readlines(20)), "rest", len(f.readlines()))
    print("  state", f.__getstate__()[1:])

# Written pieces are translated one by one: a '\r' ending one write and a '\n'
# starting the next are two line endings.
g = io.StringIO(newline=None)
g.write("a\r")
g.write("\nb\r\n")
print(repr(g.getvalue()), g.newlines, g.tell())
h = io.StringIO("x\ry\r\nz", newline=None)
print(repr(h.getvalue()), h.newlines, h.tell(), repr(h.read()))
print(repr(io.StringIO("x\ry\r\nz", newline="").read()), io.StringIO("p\nq").newlines)


class TaggedLog(io.StringIO):
    """Counts the writes and prefixes each new line with a tag."""

    def __init__(self, tag):
        super().__init__()
        self.tag = tag
        self.writes = 0
        self.at_line_start = True

    def write(self, s):
        self.writes += 1
        out = []
        for ch in s:
            if self.at_line_start and ch != "\n":
                out.append("[%s] " % self.tag)
            out.append(ch)
            self.at_line_start = ch == "\n"
        super().write("".join(out))
        return len(s)


log = TaggedLog("job")
print("starting", 3, "tasks", file=log)
print("done", end="!\n", file=log)
log.writelines(["multi\nline\n", "tail"])
print(log.writes, repr(log.getvalue()))
print(isinstance(log, io.TextIOBase), type(log).__mro__[1:3])
log.seek(0)
print([line.split("] ")[-1] for line in log])


class UpperLines(io.StringIO):
    def readline(self, size=-1):
        return super().readline(size).upper()


print(list(UpperLines("one\ntwo\n")), UpperLines("x\ny").readlines())


class BadLines(io.StringIO):
    def readline(self, size=-1):
        return 42


try:
    next(BadLines("a\n"))
except OSError as e:
    print("OSError:", e)

# csv through StringIO: the writer's '\r\n' line ends, read back with newline=''.
buf = io.StringIO(newline="")
w = csv.writer(buf)
w.writerow(["region", "note"])
w.writerows([(n, "say \"%s\"\nnow" % n) for n, _, _ in ROWS])
text = buf.getvalue()
print(repr(text[:40]), text.count("\r\n"))
print(list(csv.reader(io.StringIO(text, newline="")))[1:])
print(list(csv.DictReader(io.StringIO("a,b\n1,2\n3,4\n"))))

# Positions count code points.
u = io.StringIO("héllo wörld\n€uro\n")
print(u.read(3), u.tell(), repr(u.readline()), repr(u.readline(1)), repr(u.read()), u.tell())
print(u.seek(1), u.write("EÉ"), repr(u.getvalue()), u.tell(), repr(u.read(4)))
print(u.seek(0, 2), u.write("✓\n"), u.seek(13), repr(u.read(2)), u.truncate(14), repr(u.getvalue()))
s = io.StringIO("a\udc80b")
print(ascii(s.read()), ascii(s.getvalue()), s.tell())

# Seeking past the end pads with NULs; truncate keeps the position.
p = io.StringIO("ab")
print(p.seek(5), repr(p.read()), p.write("Z"), repr(p.getvalue()), p.tell())
print(p.truncate(3), repr(p.getvalue()), p.tell(), p.truncate(), repr(p.getvalue()))
for args in [(-1,), (1, 1), (-1, 2), (0, 3), (1.0,), (2**63,)]:
    try:
        p.seek(*args)
    except (ValueError, OSError, TypeError, OverflowError) as e:
        print("seek", args, type(e).__name__, e)
print(p.seek(0, 1), p.seek(0, 2))
for call in [lambda: p.truncate(-2), lambda: p.truncate(1.5), lambda: p.truncate(2**63),
             lambda: p.read(1.0), lambda: p.readline("x"), lambda: p.readlines(1.0),
             lambda: p.write(b"bytes"), lambda: p.writelines([b"x"]), lambda: p.write(),
             lambda: io.StringIO(b"x"), lambda: io.StringIO("", b"\n"),
             lambda: io.StringIO("", "x"), lambda: io.StringIO("", "\n\r"),
             lambda: io.StringIO("a", None, 3), lambda: io.StringIO(value="x"),
             lambda: p.tell(1), lambda: p.read(1, 2), lambda: p.seek(),
             lambda: io.StringIO.write(io.BytesIO(), "x"), lambda: p.detach(),
             lambda: p.fileno(), lambda: p.buffer]:
    try:
        call()
    except Exception as e:
        print(type(e).__name__ + ":", e)
print(p.encoding, p.errors, p.line_buffering, p.newlines, p.readable(), p.writable(), p.seekable(), p.isatty())

# Closed and uninitialized objects.
c = io.StringIO("text")
c.close()
print("closed", c.closed, c.close(), c.encoding, c.errors, c.flush())
for name in ["read", "readline", "readlines", "tell", "getvalue", "readable", "writable",
             "seekable", "isatty", "__getstate__", "__iter__", "__next__", "__enter__", "truncate"]:
    try:
        getattr(c, name)()
        print(name, "ok")
    except ValueError as e:
        print(name, e)
for name in ["newlines", "line_buffering"]:
    try:
        getattr(c, name)
    except ValueError as e:
        print(name, e)
for call in [lambda: c.write("x"), lambda: c.write(1), lambda: c.seek(0), lambda: c.writelines([])]:
    try:
        call()
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)
raw = io.StringIO.__new__(io.StringIO)
for call in [lambda: raw.read(), lambda: raw.closed, lambda: raw.write("x")]:
    try:
        call()
    except ValueError as e:
        print("uninitialized:", e)
raw.__init__("late", newline="\r")
print(repr(raw.read()), raw.closed)
with io.StringIO() as w:
    w.write("in with")
print(w.closed)
print(io.StringIO.__mro__, repr(io.StringIO())[:22])
