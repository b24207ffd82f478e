# Generic aliases and dynamically made classes, as typing-style code writes them:
# list[int] annotations, a generic container class with __class_getitem__,
# subclassing a parameterized generic, types.new_class, read-only mapping proxies.
import types

Matrix = list[list[float]]
Registry = dict[str, tuple[int, ...]]
print(Matrix, Registry, list[int] == list[int], list[int] == list[str], tuple[()])
print(Matrix.__origin__, Matrix.__args__, type(list[int]) is types.GenericAlias)
rows = list[int]([3, 1, 2])
print(rows, type(rows).__name__)


class Stack:
    def __init__(self):
        self.items = []

    def push(self, x):
        self.items.append(x)
        return self

    __class_getitem__ = classmethod(types.GenericAlias)


IntStack = Stack[int]
s = IntStack().push(1).push(2)
print(IntStack, s.items, IntStack.__origin__ is Stack, s.__orig_class__)


class Names(list[str]):
    def shout(self):
        return [n.upper() for n in self]


n = Names(["ada", "grace"])
print(n.shout(), Names.__bases__, Names.__orig_bases__, isinstance(n, list))

try:
    isinstance([], list[int])
except TypeError as e:
    print("TypeError:", e)


def body(ns):
    ns["kind"] = "dynamic"
    ns["describe"] = lambda self: "I am " + self.kind


Dyn = types.new_class("Dyn", (Names,), {}, body)
print(Dyn.__name__, Dyn().describe(), Dyn.__mro__[1].__name__)
meta, ns, kw = types.prepare_class("P", (), {"metaclass": type})
print(meta, ns, kw, types.resolve_bases((int, list[int])))

config = {"debug": False, "level": 3}
view = types.MappingProxyType(config)
config["level"] = 4
print(view["level"], len(view), sorted(view), "debug" in view, view.get("missing", "-"), dict(view.items()))
try:
    view["debug"] = True
except TypeError as e:
    print("TypeError:", e)
print(types.NoneType, types.EllipsisType, types.FunctionType.__name__, types.SimpleNamespace(a=1))
