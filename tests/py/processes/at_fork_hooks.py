# Plug-ins register what to do around a fork (close a connection before, reopen
# after); the order is CPython's: `before` hooks in reverse order of registration,
# `after_*` hooks in registration order. The child reports what it ran through a pipe.
import os
import sys

log = []


class Plugin:
    def __init__(self, name):
        self.name = name
        os.register_at_fork(before=self.before,
                            after_in_parent=self.parent,
                            after_in_child=self.child)

    def before(self):
        log.append("before " + self.name)

    def parent(self):
        log.append("parent " + self.name)

    def child(self):
        log.append("child " + self.name)


class Failing:
    """A hook that raises: reported as unraisable, the others still run."""

    def __repr__(self):
        return "<Failing hook>"

    def __call__(self):
        raise RuntimeError("hook failed")


for name in ("db", "cache", "metrics"):
    Plugin(name)
os.register_at_fork(after_in_child=lambda: log.append("child only"))
os.register_at_fork(after_in_parent=Failing())

r, w = os.pipe()
sys.stdout.flush()
sys.stderr.flush()
pid = os.fork()
if pid == 0:
    os.close(r)
    os.write(w, "\n".join(log).encode())
    os.close(w)
    os._exit(0)
os.close(w)
child_log = b""
while chunk := os.read(r, 1024):
    child_log += chunk
os.close(r)
os.waitpid(pid, 0)
print("parent:", log)
print("child:", child_log.decode().split("\n"))

# Errors, as CPython reports them.
for kwargs in ({}, {"before": None}, {"before": 1}, {"after_in_child": print, "after_in_parent": "x"},
               {"x": print}):
    try:
        os.register_at_fork(**kwargs)
    except TypeError as e:
        print("TypeError:", e)
try:
    os.register_at_fork(print)
except TypeError as e:
    print("TypeError:", e)
try:
    os.fork(1)
except TypeError as e:
    print("TypeError:", e)
