# expected output written by hand
# The proposal's rule 2 ("Deferred execution not yet implemented by <name>") is gone
# from pyvm's built-ins: a wait inside Python code that a built-in calls suspends the
# built-in too (on its worker stack) and it goes on later with the right answer. The
# rule stays where the proposal needs it: inside micro_thread.atomic() (a critical
# section never switches), and in strict mode (micro_thread.set_strict(True)), which
# names each built-in that had to be suspended so slow paths can be found.
import time
import functools
import micro_thread
from micro_thread import micro_pipe, start_and_forget, start_in_parallel


def key(x):
    try:
        time.sleep(0.001)
        return x
    finally:
        print("finally in key", x)


def add(a, b):
    time.sleep(0)
    return a + b


class Slow:
    def __repr__(self):
        time.sleep(0.001)
        return "Slow()"


# Hard switches: every one of these waits inside a built-in, and gets its answer.
before = micro_thread.hard_switches()
print(sorted([2, 1], key=key))
print(functools.reduce(add, [1, 2, 3]))
print(repr([Slow()]))
print("hard switches:", micro_thread.hard_switches() - before)

# A tuple key holding an instance is hashed by native code (the tuple's hash): its
# __hash__ may wait on another micro_thread too.
answers = micro_pipe()
start_and_forget(answers.put, 7)


class Remote:
    def __hash__(self):
        return next(answers)

    def __repr__(self):
        return "Remote()"


print({(Remote(), 1): "x"})

answer = start_in_parallel(lambda: 42)


class Awaiting:
    def __hash__(self):
        return answer.wait()

    def __repr__(self):
        return "Awaiting()"


print({(Awaiting(), 2): "y"})

# Inside atomic() nothing switches: the wait itself raises, finally blocks run.
with micro_thread.atomic():
    try:
        sorted([2, 1], key=key)
    except RuntimeError as e:
        print("RuntimeError:", e)

# Strict mode: the built-in that would have to be suspended is named.
print("strict was", micro_thread.set_strict(True))
strict_before = micro_thread.hard_switches()
try:
    sorted([2, 1], key=key)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    functools.reduce(add, [1, 2, 3])
except RuntimeError as e:
    print("RuntimeError:", e)
# The soft path is not affected: a for loop, a comprehension and the built-ins with a
# Python half (list, sum, sorted, str.join, zip, map, filter, pipe.take_from: part of
# their definitions) still wait, reading a micro_pipe or a generator that waits.
from micro_thread import generate


def slow(n):
    for i in range(n):
        time.sleep(0)
        yield i


print([add(x, 1) for x in range(3)], list(generate(lambda: take_from(slow(3)))))
print(sum(slow(4)), sorted(slow(3), reverse=True), "-".join(map(str, slow(3))))
print(list(zip(slow(2), generate(lambda: take_from("ab")))), list(filter(None, slow(3))))
print("hard switches while strict:", micro_thread.hard_switches() - strict_before)
micro_thread.set_strict(False)
print(sorted([3, 1, 2], key=lambda v: -v), functools.reduce(lambda a, b: a * b, [1, 2, 3, 4]))
