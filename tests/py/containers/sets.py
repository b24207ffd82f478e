a = {1, 2, 3, 4}
b = {3, 4, 5}
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(a ^ b))
print(sorted(a.union(b, [9])), sorted(a.intersection([1, 2, 99])), sorted(a.difference(b)), sorted(a.symmetric_difference(b)))
print({1, 2} <= a, {1, 2} < a, a >= {1}, a.issubset(range(10)), a.issuperset([1, 2]), a.isdisjoint({7, 8}))
s = set()
s.add(3)
s.add(3)
s.add(1)
print(sorted(s), len(s), 3 in s, 4 in s)
s.discard(99)
s.remove(3)
print(s)
try:
    s.remove(42)
except KeyError as e:
    print("KeyError", e)
fs = frozenset([1, 2, 2, 3])
print(len(fs), 2 in fs, sorted(fs | {9}), type(fs | {9}).__name__, fs == {1, 2, 3})
print(set("hello") == {"h", "e", "l", "o"}, len(set([1, 1.0, True])))
uniq = []
seen = set()
for x in [3, 1, 3, 2, 1, 4]:
    if x not in seen:
        seen.add(x)
        uniq.append(x)
print(uniq)
print({frozenset([1, 2]): "fs"}[frozenset([2, 1])])
s2 = {1, 2, 3}
s2 |= {4}
s2 &= {1, 2, 4}
s2 -= {1}
print(sorted(s2), set(), frozenset())
