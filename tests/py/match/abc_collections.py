# `match` on user collections: classes built on collections.abc (a paged result set
# that is a Sequence, a config object that is a Mapping), UserDict/UserList, classes
# registered with an ABC after the fact, arrays, and mixed inheritance, where the first
# collection class of the MRO decides, as in CPython.
import array
import collections
import collections.abc


class Page(collections.abc.Sequence):
    def __init__(self, rows):
        self.rows = list(rows)

    def __getitem__(self, i):
        return self.rows[i]

    def __len__(self):
        return len(self.rows)


class Config(collections.abc.Mapping):
    def __init__(self, **kv):
        self.kv = kv

    def __getitem__(self, k):
        return self.kv[k]

    def __iter__(self):
        return iter(self.kv)

    def __len__(self):
        return len(self.kv)


class Late:
    """Registered as a Sequence only after it is defined."""
    def __len__(self):
        return 2

    def __getitem__(self, i):
        if i >= 2:
            raise IndexError(i)
        return ("late", i)[i]


class LateChild(Late):
    pass


def describe(subject):
    match subject:
        case []:
            return "empty sequence"
        case [first, *rest]:
            return f"sequence starting {first!r} (+{len(rest)})"
        case {"host": host, "port": int(port), **others}:
            return f"endpoint {host}:{port} extra={sorted(others)}"
        case {}:
            return f"mapping of {len(subject)}"
        case _:
            return f"other {type(subject).__name__}"


print(describe(Page([])))
print(describe(Page(["a", "b", "c"])))
print(describe(Config(host="db", port=5432, user="app")))
print(describe(Config(debug=True)))
print(describe(collections.UserDict({"host": "h", "port": 1})))
print(describe(collections.UserList([7, 8])))
print(describe(array.array("i", [3, 4, 5])))
print(describe(memoryview(b"xy")))
print(describe("text"), describe(b"raw"), describe(bytearray(b"z")))
print(describe(Late()), describe(LateChild()))
collections.abc.Sequence.register(Late)
print(describe(Late()), describe(LateChild()))


class Both1(collections.UserDict, collections.abc.Sequence):
    pass


class Both2(collections.UserList, collections.abc.Mapping):
    pass


class Both3(dict, collections.abc.Sequence):
    pass


class Both4(list, collections.abc.Mapping):
    pass


for cls in (Both1, Both2, Both3, Both4):
    print(cls.__name__, describe(cls()))

match array.array("b", b"abc"):
    case (x, y, z):
        print("array unpacked", x, y, z)

match collections.UserDict({0: 1, 2: 3}):
    case {2: 3, **rest}:
        print("rest", rest, type(rest).__name__)
