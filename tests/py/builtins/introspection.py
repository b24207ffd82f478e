print(isinstance(1, int), isinstance(True, int), isinstance(1, (str, float)), isinstance("s", str), isinstance([], (list, tuple)))
print(issubclass(bool, int), issubclass(int, bool), issubclass(KeyError, Exception))
print(callable(len), callable(lambda: 0), callable(5), callable(int), callable("x"))
print(hasattr("s", "upper"), hasattr("s", "nope"), getattr([], "append").__name__, getattr(1, "x", "default"))
print(len.__name__, (lambda: 0).__name__, type(3) is int, type(True) is bool, int.__name__)
def documented():
    return 1
print(documented.__name__, documented.__qualname__)
try:
    getattr(1, "nope")
except AttributeError as e:
    print("AttributeError:", e)
try:
    setattr(1, "x", 2)
except AttributeError as e:
    print("AttributeError:", e)
try:
    isinstance(1, "int")
except TypeError as e:
    print("TypeError:", e)
print(hash("abc") == hash("abc"), hash((1, "a")) == hash((1, "a")))
try:
    hash([])
except TypeError as e:
    print("TypeError:", e)
try:
    {[1]: 2}
except TypeError as e:
    print("TypeError:", e)
