t = (1, "two", 3.0, [4])
print(t, len(t), t[1], t[-1], t[1:3], t[::-1])
print((), (1,), tuple(), tuple([1, 2]), tuple("ab"), (1, 2) + (3,), (0,) * 3)
t[3].append(5)
print(t)
print(t.index("two"), (1, 1, 2).count(1), 3.0 in t)
a, b, c, d = t
print(a, b, c, d)
pairs = [(2, "b"), (1, "z"), (2, "a"), (1, "a")]
print(sorted(pairs), max(pairs), min(pairs))
print(hash((1, 2)) == hash((1, 2)), (1, (2, 3)) == (1, (2, 3)), (1, 2) < (1, 2, 3))
d = {(0, 0): "origin", (1, 2): "point"}
print(d[(1, 2)], d[0, 0])
def minmax(xs):
    return min(xs), max(xs)
lo, hi = minmax([5, 3, 9])
print(lo, hi)
