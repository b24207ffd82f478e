values = [1, 1.5, "s", b"b", [1], (1,), {1: 2}, {1}, frozenset([1]), None, True, range(2), len, print, int]
for v in values:
    print(type(v).__name__, isinstance(v, (int, float)), callable(v))
print(type(1) == int, type(True) == int, type(True) is bool, isinstance(True, int))
print(int, str, list, type, type(type), type(ValueError), ValueError)
print(type(ValueError("x")), type(range(1)), type(iter([])), type({}.keys()))
