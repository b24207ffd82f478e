# A tiny help index: the first line of the docstring of every built-in
# function and type, of their methods, and of a few modules' functions, as an
# interactive `help` summary would list them.
import array
import builtins
import math
import queue


def summary(obj):
    doc = obj.__doc__
    if not doc:
        return "(no doc)"
    return doc.strip().splitlines()[0]


NAMES = """abs all any ascii bin bool bytearray bytes callable chr classmethod
compile complex delattr dict dir divmod enumerate eval exec filter float format
frozenset getattr globals hasattr hash hex id input int isinstance issubclass iter
len list locals map max memoryview min next object oct open ord pow print property
range repr reversed round set setattr slice sorted staticmethod str sum super
tuple type vars zip ArithmeticError KeyError ValueError StopIteration""".split()

index = {name: summary(getattr(builtins, name)) for name in NAMES}
for name in ("len", "map", "int", "str", "print", "sorted", "isinstance"):
    print(f"{name:12} {index[name]}")
print("without docs:", [n for n, line in index.items() if line == "(no doc)"])
for name in NAMES[::7]:
    print(f"  {name}: {index[name]}")

for cls in (str, list, dict, int, float, bytes, set, tuple):
    methods = [m for m in ("count", "index", "get", "copy", "split", "hex", "union")
               if hasattr(cls, m)]
    for m in methods[:3]:
        print(f"{cls.__name__}.{m}: {summary(getattr(cls, m))}")

print(str.split.__doc__ == "".split.__doc__, (5).__doc__ == int.__doc__)
print(summary([].append), summary({}.get), summary(dict.fromkeys))
print(summary(int.__add__), summary(object.__init__), summary(ValueError))
print(summary(math.sqrt), summary(math.floor), summary(math))
print(summary(array.array), summary(array.array.append), summary(array.array("i").tolist))
print(summary(queue.SimpleQueue.put), summary(queue.Empty))


class Documented:
    """A class of our own keeps its docstring."""

    def method(self):
        "And so does its method."


print(Documented.__doc__, Documented().method.__doc__)
print(map.__doc__.splitlines()[:2])
print(len(int.__doc__) > 100, type(len.__doc__).__name__)
