"""A command shell that exposes built-in callables as commands and builds its
help screen from inspect.signature (CPython's __text_signature__ of built-ins)."""
import inspect
import itertools
import math
import time

COMMANDS = {
    "len": len,
    "sorted": sorted,
    "print": print,
    "divmod": divmod,
    "split": str.split,
    "rsplit": "a b".rsplit,
    "get": dict.get,
    "bound-get": {}.get,
    "fromkeys": dict.fromkeys,
    "from-bytes": int.from_bytes,
    "to-bytes": int.to_bytes,
    "append": list.append,
    "join": str.join,
    "sqrt": math.sqrt,
    "isclose": math.isclose,
    "count": itertools.count,
    "monotonic": time.monotonic,
    "getattr": getattr,
    "int": int,
}


def describe(name, fn):
    try:
        sig = inspect.signature(fn)
    except ValueError as e:
        return f"{name:16} (no signature: {e})"
    kinds = ",".join(p.kind.name[:3] for p in sig.parameters.values())
    return f"{name:16} {sig}  [{kinds}]"


for name, fn in COMMANDS.items():
    print(describe(name, fn))

print(len.__text_signature__, str.split.__text_signature__, math.sqrt.__text_signature__)
print(repr(getattr.__text_signature__), itertools.count.__text_signature__)
print(object.__init__.__text_signature__, int.__add__.__text_signature__)
print(len.__self__.__name__, math.sqrt.__self__.__name__, "x".split.__self__)

sig = inspect.signature(sorted)
bound = sig.bind([3, 1, 2], reverse=True)
print(bound.arguments, sorted(*bound.args, **bound.kwargs))
try:
    inspect.signature(divmod).bind(1)
except TypeError as e:
    print("TypeError:", e)
