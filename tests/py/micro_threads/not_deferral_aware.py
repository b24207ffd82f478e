# expected output written by hand
# The proposal's rule 2: a native that calls Python and cannot be suspended (here
# sorted's key calls, functools.reduce) turns a deferral under it into "Deferred
# execution not yet implemented by <name>", after the Python frames above it have run
# their finally blocks. (A __repr__ that repr() calls from inside a list runs on a
# scratch micro-thread, which cannot defer: its sleep blocks instead.)
import time
import functools


def key(x):
    try:
        time.sleep(0.001)
        return x
    finally:
        print("finally in key", x)


try:
    sorted([2, 1], key=key)
except RuntimeError as e:
    print("RuntimeError:", e)


def add(a, b):
    time.sleep(0)
    return a + b


try:
    functools.reduce(add, [1, 2, 3])
except RuntimeError as e:
    print("RuntimeError:", e)


class Slow:
    def __repr__(self):
        time.sleep(0.001)
        return "Slow()"


try:
    print(repr([Slow()]))
except RuntimeError as e:
    print("RuntimeError:", e)
# Without a deferral the same calls work.
print(sorted([3, 1, 2], key=lambda v: -v), functools.reduce(lambda a, b: a * b, [1, 2, 3, 4]))


# A tuple key holding an instance is hashed by native code (the tuple's hash), which
# cannot be suspended: a wait in the instance's __hash__ is refused the same way. (A
# key that is itself an instance may wait: see dict_keys_defer.py.)
from micro_thread import micro_pipe, start_and_forget

answers = micro_pipe()
start_and_forget(answers.put, 7)


class Remote:
    def __hash__(self):
        return next(answers)


try:
    print({(Remote(), 1): "x"})
except RuntimeError as e:
    print("RuntimeError:", e)
print("the answer was still sent:", next(answers))

# The same for thread.wait() under the tuple's hash.
from micro_thread import start_in_parallel

answer = start_in_parallel(lambda: 42)


class Awaiting:
    def __hash__(self):
        return answer.wait()


try:
    print({(Awaiting(), 2): "y"})
except RuntimeError as e:
    print("RuntimeError:", e)
print("the thread still finished:", answer.wait())
