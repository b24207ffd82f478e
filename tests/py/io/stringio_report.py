# A CSV-ish sales report built in a StringIO, a StringIO subclass that timestamps
# lines, and StringIO's own behaviour: getvalue, seek/tell, truncate, readline,
# iteration, newline handling, and use after close.
import io

rows = [("north", 12, 3.5), ("south", 7, 12.25), ("east", 0, 0.0), ("west", 31, 1.75)]

out = io.StringIO()
out.write("region,units,price,total\n")
for region, units, price in rows:
    print("%s,%d,%.2f,%.2f" % (region, units, price, units * price), file=out)
out.write("# end\n")
report = out.getvalue()
print(report, end="")
print(out.tell(), len(report))

inp = io.StringIO(report)
header = inp.readline().rstrip("\n").split(",")
totals = []
for line in inp:
    if line.startswith("#"):
        continue
    rec = dict(zip(header, line.rstrip("\n").split(",")))
    totals.append((rec["region"], float(rec["total"])))
print(totals)
print("best:", max(totals, key=lambda t: t[1]))
print(repr(inp.read()), inp.tell() == len(report))
inp.seek(0)
print(repr(inp.read(6)), inp.tell())
inp.seek(0)
print(len(inp.readlines()), inp.readable(), inp.writable(), inp.seekable())


class Log(io.StringIO):
    def __init__(self):
        super().__init__()
        self.count = 0

    def write(self, s):
        self.count += 1
        return super().write("[%02d] %s" % (self.count, s))


log = Log()
log.write("boot\n")
log.write("ready\n")
print(log.getvalue(), end="")
print(isinstance(log, io.StringIO), isinstance(log, io.TextIOBase), isinstance(log, io.IOBase))
print(log.count, Log.__mro__[1].__name__)

s = io.StringIO("hello world")
s.seek(5)
s.truncate()
print(repr(s.getvalue()))
s.seek(0, io.SEEK_END)
s.write("!")
print(repr(s.getvalue()))
s.seek(20)
s.write("x")
print(repr(s.getvalue()))

s = io.StringIO("a\r\nb\rc\n", newline=None)
print(s.readlines())
s = io.StringIO("a\r\nb\rc\n", newline="")
print(s.readlines())
s = io.StringIO(newline="\r\n")
s.write("one\ntwo\n")
print(repr(s.getvalue()))

with io.StringIO("x") as c:
    pass
print(c.closed)
for op in (c.read, c.getvalue, lambda: c.write("y"), c.tell, lambda: c.seek(0)):
    try:
        op()
    except ValueError as e:
        print("ValueError:", e)
try:
    io.StringIO(b"bytes")
except TypeError as e:
    print("TypeError:", e)
try:
    io.StringIO().write(5)
except TypeError as e:
    print("TypeError:", e)


class Shouting(io.StringIO):
    """Iteration goes through an overridden readline()."""

    def readline(self, size=-1):
        return super().readline(size).upper()


print(list(Shouting("quiet\nwords\n")), list(Log()))
