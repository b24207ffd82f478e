print({3, 1, 2}, {10, 5, 100, 7, 33, 64, 1}, set([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]))
s = set()
for i in range(20, 0, -3):
    s.add(i)
print(s, s | {100, 3}, s & {2, 5, 8, 11}, s - {20, 17}, s ^ {1, 2, 3})
s.discard(14); s.add(99); s.add(-1)
print(s, s.pop(), s.pop(), s)
print(frozenset([5, 1, 3]), {(1, 2), (0, 0), (5, 5)}, {1.5, 2.5, 0.5}, {True, 2, 0})
big = set(range(50, 0, -7))
print(big, sorted(big) == sorted(set(list(big))))
a = {1, 2, 3}
a |= {40, 50}
a -= {2}
a ^= {3, 9}
print(a, {x * x for x in range(-5, 6)})
print(set("abc") == {"a", "b", "c"}, {x % 5 for x in range(100)})
