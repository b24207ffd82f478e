from itertools import groupby

# A grouper is invalidated once the groupby advances.
groups = groupby("aabbbc")
k1, g1 = next(groups)
k2, g2 = next(groups)
print(k1, list(g1), k2, list(g2))

groups = list(groupby("aabbbc"))
print([(k, list(g)) for k, g in groups])

# Partly consumed groups are skipped correctly.
out = []
for k, g in groupby([1, 1, 1, 2, 2, 3, 1, 1]):
    out.append((k, next(g)))
print(out)

# Keys compare with ==: 1 and 1.0 and True are the same key.
print([(k, list(g)) for k, g in groupby([1, 1.0, True, 2, 2.0])])

# A key function that computes parity.
nums = [2, 4, 6, 1, 3, 8, 10, 5]
print([(k, list(g)) for k, g in groupby(nums, key=lambda n: n % 2)])
print([(k, list(g)) for k, g in groupby(nums, lambda n: n > 4)])

g = groupby("xy")
print(next(g)[0], next(g)[0])
try:
    next(g)
except StopIteration:
    print("exhausted")

def bad_key(x):
    return 10 // x

try:
    for k, grp in groupby([5, 2, 0, 1], key=bad_key):
        print("group", k, list(grp))
except ZeroDivisionError as e:
    print("key raised:", e)
