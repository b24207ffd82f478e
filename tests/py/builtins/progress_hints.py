# A progress reporter that sizes its bar from operator.length_hint, as tqdm-like
# tools do: built-in iterators tell how much is left, others fall back to a default.
import operator


def report(label, iterable, default=0):
    it = iter(iterable)
    total = operator.length_hint(it, default)
    done = 0
    marks = []
    for item in it:
        done += 1
        left = operator.length_hint(it, -1)
        marks.append(f"{done}/{total}:{left}")
    print(f"{label:>10} [{type(it).__name__}] total={total} " + " ".join(marks))


report("list", [10, 20, 30])
report("tuple", ("a", "b"))
report("range", range(0, 10, 4))
report("bigrange", range(2**70, 2**70 + 2))
report("ascii", "abc")
report("text", "héé")
report("bytes", b"xy")
report("bytearray", bytearray(b"z"))
report("reversed", reversed([1, 2, 3]))
report("map", map(str, [1, 2]), default=-5)
report("generator", (x for x in [1]), default=-7)

# A list that shrinks while iterated: the hint never goes below zero.
jobs = [1, 2, 3, 4]
it = iter(jobs)
next(it)
jobs.clear()
print("shrunk:", it.__length_hint__(), list(it))
r = reversed(jobs)
print("reversed empty:", r.__length_hint__())
big = iter(range(2**80))
print("huge hint:", big.__length_hint__() == 2**80)
