# Saved request handlers: handlers are functools.partial objects (and instances of
# a partial subclass that carries a label), saved with pickle and copy and loaded
# back; the loaded ones must still be the same kind of object and call the same way.
import copy
import functools
import operator
import pickle


def send(host, port, payload, *, retries=0, verbose=False):
    return f"{host}:{port} <- {payload!r} (retries={retries}, verbose={verbose})"


class Handler(functools.partial):
    """A partial with a label (kept in the instance's __dict__)."""

    def describe(self):
        return f"{getattr(self, 'label', '?')}: {self.func.__name__}{self.args}"


plain = functools.partial(send, "db", 5432, retries=2)
labelled = Handler(send, "cache", 6379)
labelled.label = "cache writer"
bare = Handler(max, 0)

for h in (plain, labelled, bare):
    for proto in (0, 2, pickle.HIGHEST_PROTOCOL):
        back = pickle.loads(pickle.dumps(h, proto))
        print(proto, type(back).__name__, back.func is h.func, back.args, back.keywords,
              getattr(back, "label", None))
    print("  call:", back(7) if h is not plain else back("ping", verbose=True))

print(labelled.describe(), "|", pickle.loads(pickle.dumps(labelled)).describe())
print(type(labelled.__reduce__()[0]).__name__, labelled.__reduce__()[0].__name__)
r = labelled.__reduce__()
print(r[1][0] is send, r[2][0] is send, r[2][1:])
print(plain.__reduce__()[0] is functools.partial, plain.__reduce__()[2][3])

shallow = copy.copy(labelled)
deep = copy.deepcopy(labelled)
print(type(shallow).__name__, shallow.label, type(deep).__name__, deep.describe())
deep.label = "changed"
print(labelled.label, deep.label)

# setstate on a subclass instance replaces its attributes.
h = Handler(len)
h.label = "old"
h.__setstate__((operator.add, (1,), {}, {"label": "new", "extra": 1}))
print(h.label, h.extra, h(2), h.func is operator.add)
h.__setstate__((operator.add, (1,), None, None))
print(getattr(h, "label", "no label"), h(5))
for bad in [(len,), (len, [], {}, None), (1, (), {}, None), (len, (), [], None)]:
    try:
        h.__setstate__(bad)
    except TypeError as e:
        print("TypeError:", e)

# The function a partial holds is the object itself, built-in or not.
print(functools.partial(len).func is len, functools.partial(operator.mul, 3).func is operator.mul)
print(functools.partial(len, "abc").func("xy"))

# A partial of a plain partial is flattened; one with attributes is not.
inner = functools.partial(send, "a")
outer = functools.partial(inner, 1)
print(outer.func is send, outer.args)
inner.note = "keep me"
outer = functools.partial(inner, 1)
print(outer.func is inner, outer.args, outer("x"))
