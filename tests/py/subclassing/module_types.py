# Classes deriving from types that built-in modules define with their own
# constructors: a telemetry buffer on array.array, a job queue on
# queue.SimpleQueue, a named partial, a csv dialect; their reprs, pickling,
# copies, isinstance, and what they do fed to generators and threads.
import array
import copy
import csv
import functools
import io
import pickle
import queue
import threading
import _queue


class Samples(array.array):
    """Sensor samples with a unit, kept as packed doubles."""

    def __new__(cls, values=(), unit="C"):
        self = super().__new__(cls, "d", values)
        self.unit = unit
        return self

    def record(self, v):
        super().append(round(v, 2))
        return self

    def mean(self):
        return sum(self) / len(self) if self else 0.0

    def __str__(self):
        return f"{len(self)} samples in {self.unit}, mean {self.mean():.2f}"


s = Samples([20.5, 21.0], unit="C")
s.record(22.25).record(19.0)
print(s)
print(repr(s), type(s).__name__, s.typecode, s.itemsize, len(s))
print(isinstance(s, array.array), issubclass(Samples, array.ArrayType))
print(s.__dict__, s[1], s[-1], s[1:3], 22.25 in s, s.index(19.0))
s[0] = 18.5
del s[1]
print(list(s), s.tolist() == list(s), s.count(19.0))
print(s == array.array("d", [18.5, 22.25, 19.0]), s + array.array("d", [1.0]))
print(bytes(s)[:8] == array.array("d", [18.5]).tobytes(), memoryview(s).format)
print(array.array.__len__(s), array.array.tolist(s))


class Counts(array.array):
    pass


c = Counts("i", range(5))
c.extend([7, 8])
c.label = "hits"
print(repr(c), c.label, Counts("b"))
print(type(copy.copy(c)).__name__, copy.deepcopy(c))
for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    r = pickle.loads(pickle.dumps(c, proto))
    assert type(r) is Counts and r.label == "hits" and r == c, proto
r = pickle.loads(pickle.dumps(c))
print(type(r).__name__, r, r.__dict__)
try:
    pickle.loads(pickle.dumps(s))   # Samples("d", [...]): not its signature
except TypeError as e:
    print("TypeError:", e)


def windows(buf, n):
    for i in range(0, len(buf), n):
        yield buf[i:i + n]


print([list(w) for w in windows(Counts("h", range(7)), 3)])
print(sorted(Samples([3, 1, 2])), max(Samples([3, 1, 2])), sum(c))

try:
    Samples(["x"])
except TypeError as e:
    print("TypeError:", e)
try:
    Counts("z")
except ValueError as e:
    print("ValueError:", e)


class JobQueue(queue.SimpleQueue):
    """A queue that counts what passed through it."""

    def __init__(self, name):
        self.name = name
        self.submitted = 0

    def submit(self, job):
        self.submitted += 1
        super().put(job)

    def drain(self):
        while not self.empty():
            yield self.get_nowait()


jq = JobQueue("render")
for j in ("a", "b", "c"):
    jq.submit(j)
print(jq.name, jq.submitted, jq.qsize(), list(jq.drain()), jq.empty())
print(isinstance(jq, _queue.SimpleQueue), type(jq).__mro__[1] is queue.SimpleQueue)
print(repr(jq).startswith("<__main__.JobQueue object at 0x"))
try:
    jq.get(timeout=0.01)
except queue.Empty:
    print("empty after", jq.submitted)

results = JobQueue("results")


def worker(n):
    while (job := jq.get()) is not None:
        results.submit((n, job * job))


threads = [threading.Thread(target=worker, args=(n,)) for n in range(3)]
for t in threads:
    t.start()
for j in range(10):
    jq.submit(j)
for _ in threads:
    jq.put(None)
for t in threads:
    t.join()
print(sorted(sq for _, sq in results.drain()), results.submitted)


class Plain(queue.SimpleQueue):
    pass


p = Plain()
p.put(1)
print(p.get(), Plain.__name__)
try:
    Plain(5)
except TypeError as e:
    print("TypeError:", e)


class Step(functools.partial):
    """A named pipeline step."""

    def __repr__(self):
        return f"Step({self.func.__name__}, {self.args})"


parse = Step(int, base=16)
scale = Step(pow, 2)
print(parse("ff"), scale(10), parse, callable(parse), parse.keywords)
print([f(x) for f, x in zip([parse, scale], ["10", 3])])


class Named(functools.partial):
    pass


n = Named(max, 3)
print(repr(n).startswith("Named(<built-in function max>, 3"), n(7), n(1))


class Semi(csv.Dialect):
    delimiter = ";"
    quotechar = '"'
    lineterminator = "\n"
    quoting = csv.QUOTE_MINIMAL


out = io.StringIO()
csv.writer(out, dialect=Semi).writerows([["a", "b;c"], [1, 2]])
print(out.getvalue().splitlines())

for bases in [(array.array, queue.SimpleQueue), (array.array, list), (dict, functools.partial)]:
    try:
        type("Mixed", bases, {})
    except TypeError as e:
        print([b.__name__ for b in bases], e)
