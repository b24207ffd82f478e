# A plugin registry that accepts callables and files them by what kind of
# built-in object they are, the way inspect and types tell them apart:
# slot wrappers, method-wrappers, method descriptors, class method
# descriptors and built-in functions/methods.
import inspect
import re
import types

KINDS = [
    ("slot wrapper", types.WrapperDescriptorType),
    ("method-wrapper", types.MethodWrapperType),
    ("method descriptor", types.MethodDescriptorType),
    ("classmethod descriptor", types.ClassMethodDescriptorType),
    ("builtin", types.BuiltinFunctionType),
    ("function", types.FunctionType),
    ("bound method", types.MethodType),
]


def kind_of(obj):
    for label, t in KINDS:
        if isinstance(obj, t):
            return label
    return "other"


def clean(r):
    return re.sub(r" at 0x[0-9a-f]+", " at 0x...", r)


class Registry:
    def __init__(self):
        self.by_kind = {}

    def register(self, name, obj):
        self.by_kind.setdefault(kind_of(obj), []).append((name, obj))

    def report(self):
        for label, _ in KINDS:
            for name, obj in self.by_kind.get(label, []):
                flags = (inspect.isbuiltin(obj), inspect.ismethoddescriptor(obj),
                         inspect.isroutine(obj))
                print(f"{label:24} {name:28} {flags} {clean(repr(obj))}")


class Counter(dict):
    def bump(self, key):
        self[key] = self.get(key, 0) + 1


reg = Registry()
for name, obj in [
    ("int.__add__", int.__add__),
    ("(1).__add__", (1).__add__),
    ("str.join", str.join),
    ("'-'.join", "-".join),
    ("dict.__dict__['fromkeys']", dict.__dict__["fromkeys"]),
    ("dict.fromkeys", dict.fromkeys),
    ("len", len),
    ("[].append", [].append),
    ("list.append", list.append),
    ("object.__init__", object.__init__),
    ("object().__init__", object().__init__),
    ("Counter().__len__", Counter().__len__),
    ("Counter.bump", Counter.bump),
    ("Counter().bump", Counter().bump),
    ("Counter.keys", Counter.keys),
    ("int.__dict__['__add__']", int.__dict__["__add__"]),
    ("'x'.__repr__", "x".__repr__),
]:
    reg.register(name, obj)
reg.report()

print(type(int.__add__).__name__, type((1).__add__).__name__, type(str.join).__name__,
      type(dict.__dict__["fromkeys"]).__name__, type(len).__name__, type([].append).__name__)
print(types.BuiltinMethodType is types.BuiltinFunctionType)
print(int.__add__.__objclass__, int.__add__.__name__, int.__add__.__qualname__)
print(str.join.__objclass__, str.join.__name__, str.join.__qualname__)
print(dict.__dict__["fromkeys"].__objclass__)
print((1).__add__.__self__, (1).__add__.__name__, (1).__add__.__objclass__)
print([].append.__self__, len.__self__)
print(int.__add__.__get__(3)(4), str.join.__get__("+")("abc"))
print(int.__add__.__get__(None, int) is int.__add__)
print(str.join.__get__(None, str) is str.join)
print(dict.__dict__["fromkeys"].__get__(None, Counter)("ab", 0))
print(type(dict.__dict__["fromkeys"].__get__(None, Counter)("ab")).__name__)
print(int.__dict__["__add__"] is int.__add__)
print(type(str.join).__get__(str.join, "/")(["a", "b"]))
print(type(int.__add__).__call__(int.__add__, 2, 5))
print(hasattr(types.MethodDescriptorType, "__get__"),
      hasattr(types.MethodWrapperType, "__get__"),
      hasattr(types.MethodWrapperType, "__call__"))
