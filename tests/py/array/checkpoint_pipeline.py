# A checkpointing data pipeline over typed arrays: batches are combined with the
# array operators called as methods (as a generic "combine" helper does through
# getattr), and a reader's position in an array is checkpointed by pickling (or
# copying) its iterator partway through.
import array
import copy
import operator
import pickle


def combine(a, b, how):
    return getattr(a, how)(b)


samples = array.array("h", [3, -1, 4, -1, 5])
extra = array.array("h", [9, 2])
print(combine(samples, extra, "__add__"))
print(combine(samples, 2, "__mul__"), combine(samples, 0, "__rmul__"))
for how, other in [("__add__", [1, 2]), ("__add__", array.array("i", [1])),
                   ("__mul__", "x"), ("__mul__", 1.5), ("__imul__", None)]:
    try:
        combine(samples, other, how)
    except TypeError as e:
        print(how, "TypeError:", e)


class Count:
    def __index__(self):
        return 2


print(samples.__mul__(Count()))
print([samples.__lt__(extra), samples.__le__(samples), samples.__eq__(samples[:]),
       samples.__ne__(extra), samples.__gt__(extra), samples.__ge__(extra)])
print(samples.__eq__([3, -1, 4, -1, 5]), samples.__lt__("x"))

# In-place operators return the array itself.
acc = array.array("d")
same = acc.__iadd__(array.array("d", [0.5, 1.5]))
print(same is acc, acc)
print(acc.__imul__(3) is acc, acc)
try:
    acc.__iadd__([1.0])
except TypeError as e:
    print("TypeError:", e)
print(sorted(n for n in ("__add__", "__iadd__", "__mul__", "__rmul__", "__imul__",
                         "__lt__", "__eq__", "__ge__") if n in array.array.__dict__))


class Frame(array.array):
    """A subclass: its operators make plain arrays, in-place ones keep it."""


f = Frame("b", [1, 2])
print(type(f.__add__(f)).__name__, type(f.__mul__(2)).__name__)
print(f.__iadd__(array.array("b", [3])) is f, f, type(f).__name__)
print(operator.add(f, f), operator.mul(2, f))


# The reader: an iterator over a large array, checkpointed partway.
class Reader:
    def __init__(self, data):
        self.it = iter(data)

    def read(self, n):
        out = []
        for _ in range(n):
            try:
                out.append(next(self.it))
            except StopIteration:
                break
        return out


data = array.array("i", range(100, 112))
r = Reader(data)
print("first", r.read(4))
for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    blob = pickle.dumps(r.it, proto)
    resumed = pickle.loads(blob)
    print(proto, list(resumed)[:3], type(resumed).__name__)
func, args, *state = r.it.__reduce__()
print(func.__name__, args, state)
twin = copy.copy(r.it)
print("twin", next(twin), next(r.it), next(twin))
r.it.__setstate__(-7)
print("rewound", r.read(2))
r.it.__setstate__(1000)
print("past the end", r.read(2), r.it.__reduce__())
try:
    iter(data).__setstate__("3")
except TypeError as e:
    print("TypeError:", e)

# The data grows after the checkpoint: the pickled array is a snapshot, the live
# iterator sees the growth.
live = Reader(data)
live.read(10)
snap = pickle.loads(pickle.dumps(live.it))
data.extend([1, 2])
print("live", live.read(5), "snapshot", list(snap))
