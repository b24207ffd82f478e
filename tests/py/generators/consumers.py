# Built-ins that consume generators, and how far they go.

def noisy(items, log):
    for x in items:
        log.append(x)
        yield x


log = []
print(any(x > 2 for x in noisy([1, 3, 5, 7], log)), log)
log = []
print(all(x < 4 for x in noisy([1, 3, 5, 7], log)), log)
log = []
g = noisy(range(10), log)
print(5 in g, log, next(g))
print(100 in g, "| exhausted:", next(g, None))

print(list(noisy("ab", [])), tuple(noisy([1, 2], [])), set(noisy([3, 3], [])))
print(dict(noisy([("a", 1), ("b", 2)], [])))
print(sorted(noisy([3, 1, 2], [])), sorted(noisy(["b", "A", "c"], []), key=str.lower))
print(min(noisy([4, 2, 8], [])), max(noisy(["pear", "fig"], []), key=len))
print(sum(noisy([0.5, 0.25], [])), "-".join(noisy("xyz", [])))
print(list(enumerate(noisy("ab", []), 1)), list(zip(noisy("ab", []), noisy([1, 2, 3], []))))
print(list(map(str.upper, noisy("ab", []))), list(filter(None, noisy([0, 1, "", "x"], []))))
print(list(reversed(list(noisy([1, 2, 3], [])))))

a, b, *rest = noisy(range(6), [])
print(a, b, rest)
[first] = noisy(["only"], [])
print(first)
try:
    x, y = noisy([1, 2, 3], [])
except ValueError as e:
    print("ValueError:", e)

lst = [0]
lst += noisy([1, 2], [])
lst.extend(noisy([3], []))
print(lst, [*noisy("hi", []), *noisy((1,), [])], {*noisy([5, 5, 6], [])})


def pairs():
    yield "k1", "v1"
    yield "k2", "v2"


print({k: v for k, v in pairs()}, dict(pairs()))


def f(*args):
    return args


print(f(*noisy([1, 2], [])), max(*noisy([1, 9, 4], [])))
print(list(iter(noisy([1], []))))
print("".join(str(x) for x in noisy(range(3), [])))
print(sorted(set(x % 3 for x in range(20))))
