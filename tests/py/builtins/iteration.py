it = iter([1, 2, 3])
print(next(it), next(it), next(it), next(it, "done"))
try:
    next(it)
except StopIteration as e:
    print("StopIteration", repr(e))
r = iter(range(3))
print(list(r), list(r))
e = enumerate(["x", "y"], 10)
print(next(e), list(e))
z = zip("abc", range(10))
print(next(z), list(z))
m = map(lambda x: x * 2, range(5))
print(next(m), list(m), list(m))
f = filter(lambda s: s.startswith("a"), ["apple", "bob", "avocado"])
print(list(f))
d = {"one": 1, "two": 2}
ki = iter(d)
print(next(ki), list(ki))
try:
    for k in d:
        d["three"] = 3
except RuntimeError as err:
    print("RuntimeError:", err)
print(list(reversed([1, 2, 3])), list(reversed(range(0, 10, 3))), list(iter("xy")))
try:
    iter(5)
except TypeError as err:
    print("TypeError:", err)
try:
    next([1])
except TypeError as err:
    print("TypeError:", err)
