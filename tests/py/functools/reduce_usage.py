from functools import reduce

print(reduce(lambda a, b: a + b, [1, 2, 3, 4]))
print(reduce(lambda a, b: a * b, range(1, 8), 1))
print(reduce(lambda acc, w: acc + len(w), ["ab", "cde", "f"], 0))
print(reduce(max, [3, 9, 2, 7]))
print(reduce(lambda a, b: a + b, [[1], [2, 3], []], []))
print(reduce(lambda a, b: b + a, "stressed"))
print(reduce(pow, [2, 3, 2]))
print(reduce(lambda a, b: a + b, [5]), reduce(lambda a, b: a + b, [], "empty"))

# Merging dictionaries of counts.
def merge(total, counts):
    out = dict(total)
    for k, v in counts.items():
        out[k] = out.get(k, 0) + v
    return out

days = [{"tea": 2, "coffee": 1}, {"coffee": 3}, {"tea": 1, "water": 5}]
print(reduce(merge, days, {}))
print(reduce(lambda acc, x: acc + [x * 2], iter(range(4)), []))

cases = [
    lambda: reduce(lambda a, b: a + b, []),
    lambda: reduce(len),
    lambda: reduce(),
    lambda: reduce(len, 5),
    lambda: reduce(len, [], 1, 2),
    lambda: reduce(function=len, iterable=[]),
    lambda: reduce(lambda a, b: a + b, [1, "x"]),
    lambda: reduce(None, [1, 2]),
]
for f in cases:
    try:
        print(f())
    except TypeError as e:
        print("TypeError:", e)
