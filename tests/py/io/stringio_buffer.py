# io.StringIO as programs use it (log capture, report building, line readers, pickled
# buffers), in every newline mode, with CPython's errors: pyvm's StringIO is the C
# module's algorithm (an accumulator of pieces), no longer a TextIOWrapper over BytesIO.
import io, pickle, copy
for nl in ("\n", None, "", "\r", "\r\n"):
    s = io.StringIO("a\nb\r\nc\rd", newline=nl)
    print(repr(nl), repr(s.getvalue()), s.tell(), repr(s.readline()), repr(s.readline()), repr(s.readline()), s.tell(), repr(s.read()), repr(s.newlines))
    s.write("x\ny\r\nz")
    print(repr(s.getvalue()), s.tell(), list(io.StringIO(s.getvalue(), newline=nl)))
    s.seek(0); print(s.readlines())
s = io.StringIO()
print(s.write("hello"), s.write(""), s.write("é\n"), s.tell(), s.getvalue())
s.seek(2); print(s.write("XY"), repr(s.getvalue()), s.tell(), repr(s.read()))
s.seek(10); s.write("!"); print(repr(s.getvalue()), s.tell())
print(s.truncate(4), repr(s.getvalue()), s.tell()); s.write("Z"); print(repr(s.getvalue()))
s.seek(0); print(repr(s.read(2)), repr(s.read(0)), repr(s.read(None)), repr(s.read()))
s.seek(0); print(repr(s.readline(1)), repr(s.readline(-1)))
print(s.seek(0, 2), s.seek(0, 1), s.seekable(), s.readable(), s.writable(), s.line_buffering, s.encoding, s.errors, s.closed)
for bad in [lambda: s.seek(-1), lambda: s.seek(1, 1), lambda: s.seek(0, 3), lambda: s.truncate(-2), lambda: s.write(b"x"), lambda: s.read("x"),
            lambda: io.StringIO(5), lambda: io.StringIO("", newline="x"), lambda: io.StringIO("", newline=5), lambda: s.detach(), lambda: s.fileno()]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)
s.close(); print(s.closed)
for bad in [s.getvalue, s.read, lambda: s.write("x"), s.tell, s.readable, lambda: s.seek(0), lambda: iter(s)]:
    try:
        bad()
    except ValueError as e:
        print("ValueError", e)
t = io.StringIO("one\ntwo\n"); t.read(2)
u = pickle.loads(pickle.dumps(t)); print(repr(u.getvalue()), u.tell(), repr(u.read()))
c = copy.deepcopy(io.StringIO("abc")); print(c.getvalue())
with io.StringIO() as w:
    w.writelines(["a\n", "b\n"]); print(w.getvalue().splitlines(), list(io.StringIO(w.getvalue())))
print(isinstance(io.StringIO(), io.TextIOBase), isinstance(io.StringIO(), io.TextIOWrapper), hasattr(io.StringIO(), "buffer"))
class Log(io.StringIO):
    def write(self, s):
        return super().write(s.upper())
l = Log("init "); l.seek(0, 2); print(l.write("abc"), l.getvalue())
print(repr(io.StringIO(None).getvalue()), repr(io.StringIO("x\r\ny", newline=None).newlines))
import sys, contextlib
buf = io.StringIO()
with contextlib.redirect_stdout(buf):
    print("captured", 1, 2)
print(repr(buf.getvalue()))
