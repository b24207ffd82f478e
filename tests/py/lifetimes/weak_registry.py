# A registry of live objects by weak reference, as an event bus keeps its
# listeners: what can be referred to weakly, and what CPython refuses.
import weakref


class Listener:
    def __init__(self, name):
        self.name = name

    def __call__(self, event):
        return f"{self.name} got {event}"


class AppError(Exception):
    """A program's own exception: its class gives it a __weakref__ slot."""


class Registry:
    def __init__(self):
        self._refs = []
        self.refused = []

    def add(self, obj):
        try:
            self._refs.append(weakref.ref(obj))
        except TypeError as e:
            self.refused.append(str(e))
            return False
        return True

    def live(self):
        return [r() for r in self._refs if r() is not None]


reg = Registry()
a, b = Listener("a"), Listener("b")
err = AppError("disk full")
candidates = [a, b, err, ZeroDivisionError("x"), KeyError("k"), ValueError(),
              [1, 2], {"k": 1}, (1,), 42, "text", b"raw", {1, 2}, frozenset({3})]
for obj in candidates:
    print(f"{type(obj).__name__:18} {'weak' if reg.add(obj) else 'refused'}")
print()
for msg in reg.refused:
    print("refused:", msg)
print()
print("live:", [type(x).__name__ for x in reg.live()])
del b, err
candidates.clear()
print("after dropping:", [getattr(x, "name", type(x).__name__) for x in reg.live()])
print(a("start"))

# The methods a built-in type lends are qualified by the type that defines them,
# taken from it or from a subclass.
class Stack(list):
    pass

for fn in (list.append, Stack.append, dict.get, str.join, bytes.hex,
           set.add, int.bit_length, float.hex, tuple.count):
    print(f"{fn.__name__:12} {fn.__qualname__:18} {fn!r}")
print(len.__qualname__, dict.fromkeys.__qualname__ if hasattr(dict.fromkeys, "__qualname__") else "")
