# A task queue that ships its callables through pickle: tasks name bound methods
# of workers, methods of built-in types taken from the type or bound to a value,
# slot wrappers, class and static methods of built-in types. Each task is pickled
# by the C pickler and the pure-Python one (pickle._Pickler) at every protocol.
import io
import pickle


class Worker:
    def __init__(self, name):
        self.name = name

    def greet(self, who):
        return "%s greets %s" % (self.name, who)

    @classmethod
    def kind(cls):
        return cls.__name__

    class Helper:
        def assist(self, x):
            return x * 2


class Ledger(list):
    """A list subclass whose methods travel too."""


def py_dumps(obj, proto):
    f = io.BytesIO()
    pickle._Pickler(f, proto).dump(obj)
    return f.getvalue()


ledger = Ledger([3, 1, 3])
tasks = [
    ("bound method", Worker("ann").greet, ("bob",)),
    ("class method", Worker.kind, ()),
    ("nested bound", Worker.Helper().assist, (21,)),
    ("str method", str.upper, ("quiet",)),
    ("bound str method", "a,b,c".split, (",",)),
    ("slot wrapper", list.__len__, ([1, 2, 3],)),
    ("bound slot", [1, 2].__len__, ()),
    ("set contains", set.__contains__, ({1, 2}, 2)),
    ("dict.fromkeys", dict.fromkeys, ("ab", 0)),
    ("bytearray.maketrans", bytearray.maketrans, (b"ab", b"xy")),
    ("subclass method", Ledger.count, (ledger, 3)),
    ("bound on subclass", ledger.index, (1,)),
    ("builtin function", len, ("four",)),
]
for label, fn, args in tasks:
    results = set()
    for dumps, loads in ((pickle.dumps, pickle.loads), (py_dumps, pickle._loads)):
        for proto in range(pickle.HIGHEST_PROTOCOL + 1):
            back = loads(dumps(fn, proto))
            results.add(repr(back(*args))[:70])
    print(label, "->", " | ".join(sorted(results)))

# A queue of (callable, args) pickled in one go, shared objects stay shared.
w = Worker("cy")
queue = [(w.greet, ("dee",)), (w.greet, ("eve",)), (str.title, ("done",))]
back = pickle.loads(pickle.dumps(queue))
print([f(*a) for f, a in back], back[0][0].__self__ is back[1][0].__self__)
print(pickle.loads(pickle.dumps(str.upper)) is str.upper)

# Methods of local objects still fail as CPython fails.
def local():
    class Hidden:
        def m(self):
            pass
    return Hidden().m

try:
    pickle.dumps(local())
except (AttributeError, pickle.PicklingError) as e:
    print(type(e).__name__, str(e).split(" at ")[0])
