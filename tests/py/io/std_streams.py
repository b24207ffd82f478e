# A report tool that writes text and binary output to the standard streams,
# captures a sub-report with contextlib.redirect_stdout, and reads its (empty)
# standard input, as command-line tools do.
import contextlib
import io
import sys


def render(rows):
    for name, qty in rows:
        print(f"{name:<8}{qty:>4}")
    print("-" * 12)
    print(f"{'total':<8}{sum(q for _, q in rows):>4}")


rows = [("bolts", 120), ("nuts", 75), ("washers", 300)]
render(rows)

# Capture a report as text: print() goes wherever sys.stdout points now.
buf = io.StringIO()
with contextlib.redirect_stdout(buf):
    render(rows[:2])
    sys.stdout.write("written directly\n")
captured = buf.getvalue()
print("captured", len(captured.splitlines()), "lines; last:", captured.splitlines()[-1])
print("restored:", sys.stdout is sys.__stdout__)

# Errors to stderr, also through a redirect.
err = io.StringIO()
with contextlib.redirect_stderr(err):
    print("warning: low stock", file=sys.stderr)
print("stderr captured:", err.getvalue().strip())

# Binary output goes to the same stream, in order once flushed.
sys.stdout.flush()
n = sys.stdout.buffer.write(b"raw bytes\n")
sys.stdout.buffer.flush()
print("wrote", n, "bytes")
sys.stdout.writelines(["a\n", "b\n"])

# The streams' attributes, as programs check them.
for s in (sys.stdin, sys.stdout, sys.stderr):
    print(s.name, s.mode, s.encoding, s.fileno(), s.readable(), s.writable(), s.closed)
print(sys.stderr.errors, sys.stdout.buffer.mode, sys.stdin.buffer.mode)
print(repr(sys.stdin.read()), repr(sys.stdin.readline()), sys.stdin.readlines())
print(list(sys.stdin))

# Wrong arguments fail as in CPython.
for bad in (lambda: sys.stdout.write(b"x"), lambda: sys.stdout.buffer.write("x"),
            lambda: sys.stdout.read(), lambda: print("x", file=42)):
    try:
        bad()
    except Exception as e:
        print(type(e).__name__ in ("TypeError", "UnsupportedOperation", "AttributeError"), e)

try:
    input("prompt> ")
except EOFError as e:
    print()
    print("EOFError:", e)

# input() reads from a replaced sys.stdin too.
sys.stdin = io.StringIO("alice\nbob\n")
print([input(), input()])
print("done", file=sys.stderr)
