# A log shipper that reads its input in fixed-size blocks and line by line with
# iter(callable, sentinel): blocks until b'', lines until '', a token stream
# until an end marker, and a poller that stops on StopIteration. The iterator
# is exhausted for good once the sentinel came.
import functools
import io

data = b"2024-01-01 INFO start\n2024-01-01 WARN disk 91%\n2024-01-02 INFO stop\n"
blocks = iter(functools.partial(io.BytesIO(data).read, 16), b"")
print(type(blocks).__name__)
chunks = list(blocks)
print(len(chunks), [len(c) for c in chunks], b"".join(chunks) == data)
print(next(blocks, "exhausted"))

text = io.StringIO(data.decode())
levels = {}
for line in iter(text.readline, ""):
    level = line.split()[1]
    levels[level] = levels.get(level, 0) + 1
print(sorted(levels.items()))

tokens = iter(["GET", "/index", "HTTP/1.1", "END", "ignored"])
request = list(iter(tokens.__next__, "END"))
print(request, next(tokens))


class Poller:
    def __init__(self, readings):
        self.readings = list(readings)

    def __call__(self):
        if not self.readings:
            raise StopIteration
        return self.readings.pop(0)


print(list(iter(Poller([3, 1, 4]), None)))


class Threshold:
    """A sentinel that compares equal to any reading over a limit."""

    def __init__(self, limit):
        self.limit = limit

    def __eq__(self, other):
        return other > self.limit


print(list(iter(Poller([10, 20, 95, 30]), Threshold(90))))
try:
    iter(42, None)
except TypeError as e:
    print("TypeError:", e)
