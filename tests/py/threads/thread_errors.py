# An unhandled exception in a thread is reported on stderr and the others go on;
# SystemExit ends a thread silently.
import _thread
import sys
import time


class Job:
    def __init__(self, name, action):
        self.name = name
        self.action = action

    def __repr__(self):
        return "<Job %s>" % self.name

    def __call__(self, *args):
        self.action(*args)


def fail(x):
    raise ValueError("bad input %r" % (x,))


def leave():
    sys.exit(3)


_thread.start_new_thread(Job("failing", fail), (42,))
time.sleep(0.05)
_thread.start_new_thread(Job("leaving", leave), ())
time.sleep(0.05)
print("main thread goes on")
