# Porting a Python 2 style sorter: comparison functions wrapped by cmp_to_key, kept
# as class attributes of a sorter class (the C cmp_to_key is a built-in function,
# so it does not bind as a method), used with sorted, min, max and bisect.
import bisect
import functools


def by_version(a, b):
    pa, pb = [int(x) for x in a.split(".")], [int(x) for x in b.split(".")]
    return (pa > pb) - (pa < pb)


class Sorter:
    key_factory = functools.cmp_to_key
    fold = functools.reduce

    def sort(self, items, cmp):
        return sorted(items, key=self.key_factory(cmp))


releases = ["1.10.0", "1.2.3", "1.2.10", "0.9", "1.2"]
print(Sorter().sort(releases, by_version))
print(Sorter().sort(releases, lambda a, b: by_version(b, a)))
print(Sorter().fold(lambda a, b: a if by_version(a, b) > 0 else b, releases))
K = functools.cmp_to_key(by_version)
print(min(releases, key=K), max(releases, key=K))
keys = [K(r) for r in sorted(releases, key=K)]
print(bisect.bisect(keys, K("1.2.5")), keys[0].obj)

k = K("1.0")
print(type(k).__name__, type(k).__module__, k.obj)
k.obj = "2.0"
print(k > K("1.9"), k == K("2.0"), k != K("2.0"), k <= K("2.0"))
try:
    hash(k)
except TypeError as e:
    print("TypeError: unhashable")
for bad in (lambda: k < 1, lambda: 1 < k, lambda: functools.cmp_to_key(),
            lambda: functools.cmp_to_key(by_version, None), lambda: K(), lambda: K(1, 2)):
    try:
        bad()
    except (TypeError, AttributeError) as e:
        print(type(e).__name__)
print(functools.cmp_to_key(mycmp=by_version)(obj="3.1").obj)


def loud(a, b):
    raise ZeroDivisionError("no comparing " + a + " and " + b)


try:
    sorted(["x", "y"], key=functools.cmp_to_key(loud))
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)


class Shaky:
    def __lt__(self, other):
        raise ValueError("shaky")


try:
    K2 = functools.cmp_to_key(lambda a, b: Shaky())
    K2(1) < K2(2)
except ValueError as e:
    print("ValueError:", e)
print(functools.cmp_to_key.__module__, functools.cmp_to_key.__name__)
