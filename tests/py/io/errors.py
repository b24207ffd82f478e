# Error cases with CPython's exceptions and messages: closed files, reading a
# write-only file and writing a read-only one (UnsupportedOperation, which is both
# an OSError and a ValueError), bad modes and arguments, missing files,
# TextIOWrapper over a stream that is not readable.
import io
import os

path = "errors_tmp.txt"
with io.open(path, "w", encoding="utf-8") as f:
    f.write("data\n")


def attempt(label, fn):
    try:
        r = fn()
    except Exception as e:
        print("%s: %s: %s" % (label, type(e).__name__, e))
    else:
        print("%s: ok %r" % (label, r))


print(issubclass(io.UnsupportedOperation, OSError), issubclass(io.UnsupportedOperation, ValueError))
print(io.UnsupportedOperation.__module__, io.BlockingIOError is BlockingIOError)
print(io.DEFAULT_BUFFER_SIZE, io.SEEK_SET, io.SEEK_CUR, io.SEEK_END)

f = io.open(path, encoding="utf-8")
f.close()
attempt("read closed", f.read)
attempt("readline closed", f.readline)
attempt("iterate closed", lambda: next(f))
attempt("tell closed", f.tell)
attempt("close twice", f.close)
attempt("closed", lambda: f.closed)

fb = io.open(path, "rb")
fb.close()
attempt("binary read closed", fb.read)
attempt("binary seek closed", lambda: fb.seek(0))

with io.open(path, encoding="utf-8") as f:
    attempt("write to read-only", lambda: f.write("x"))
    try:
        f.write("x")
    except ValueError as e:
        print("caught as ValueError:", type(e).__name__)
    try:
        f.write("x")
    except OSError as e:
        print("caught as OSError:", type(e).__name__)
with io.open(path, "w", encoding="utf-8") as f:
    attempt("read write-only", f.read)
with io.open(path, "wb") as f:
    attempt("binary read write-only", f.read)
    attempt("write str to binary", lambda: f.write("text"))
with io.open(path, "rb") as f:
    attempt("binary write read-only", lambda: f.write(b"x"))

for mode in ("rw", "rr", "x+r", "ab+t", "q", "rtb", "U"):
    attempt("mode %r" % mode, lambda: io.open(path, mode))
attempt("mode int", lambda: io.open(path, 5))
attempt("binary encoding", lambda: io.open(path, "rb", encoding="utf-8"))
attempt("binary newline", lambda: io.open(path, "rb", newline="\n"))
attempt("unbuffered text", lambda: io.open(path, "r", buffering=0))
attempt("missing file", lambda: io.open("no_such_dir_xyz/file.txt"))
attempt("directory", lambda: io.open(".", "r"))
attempt("bad encoding", lambda: io.open(path, encoding="no-such-codec"))
attempt("bad path type", lambda: io.open(3.5))

raw = io.BytesIO(b"abc")
w = io.BufferedWriter(io.BytesIO())
attempt("TextIOWrapper over writer, read", lambda: io.TextIOWrapper(w, encoding="utf-8").read())
r = io.BufferedReader(io.BytesIO(b"abc"))
attempt("TextIOWrapper over reader, write", lambda: io.TextIOWrapper(r, encoding="utf-8").write("x"))
attempt("BufferedReader(non-readable)", lambda: io.BufferedReader(io.BufferedWriter(io.BytesIO())))
attempt("BufferedReader buffer_size 0", lambda: io.BufferedReader(io.BytesIO(), buffer_size=0))
attempt("read(size='x')", lambda: io.BytesIO(b"a").read("x"))

t = io.TextIOWrapper(io.BytesIO(b"abc"), encoding="utf-8")
b = t.detach()
attempt("detached read", t.read)
attempt("detached buffer", lambda: t.buffer)
print(b.read())
os.remove(path)
