# Indexing and slicing ranges whose bounds or length go beyond 64 bits.

big = 10**30
r = range(big)
print(r[0], r[10**29], r[-1], r[-big], r[big - 1])
s = range(0, big, 7)
print(s[-1], s[-2], s[12345678901234567890], len(s[:10**6]), len(s[-5:]))
print(range(2**64, 2**65, 3)[2**62], range(big, -big, -3)[-1])

for i in [big, -big - 1, 10**40, -(10**40)]:
    try:
        r[i]
    except IndexError as e:
        print(i, "IndexError:", e)
for k in ["0", 1.0, None, [1]]:
    try:
        r[k]
    except TypeError as e:
        print(repr(k), "TypeError:", e)

# Slices stay ranges, with big bounds and steps.
print(r[::2], r[1::2], r[::-1], r[10**29:], r[:-10**29])
print(r[10**40:], r[:10**40], r[-10**40:], r[::10**40], r[::-10**40])
print(s[::-3], s[5:-5:2], s[-1:0:-10**20], s[10**20:10**21][::-1])
print(range(10)[10**40:-10**40:-1], range(10)[-10**40:10**40:3], range(10)[::2**64])
print(range(2**63 - 5, 2**63 + 5)[3:8], range(-2**63 - 5, -2**63 + 5)[::-4])
for sl in [slice(None, None, 0), slice("a", None), slice(None, 2.5)]:
    try:
        r[sl]
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)

# Slicing a small range must agree with slicing its list, for every shape of slice;
# a range shifted past 2**64 must agree item for item.
base = list(range(-6, 14, 3))
shift = 2**64
bounds = [None, -10**20, -9, -3, -1, 0, 1, 2, 5, 9, 10**20]
steps = [None, 1, 2, 5, -1, -2, -7, 10**20, -10**20]
bad = 0
for a in bounds:
    for b in bounds:
        for c in steps:
            sl = slice(a, b, c)
            small = range(-6, 14, 3)[sl]
            moved = range(-6 + shift, 14 + shift, 3)[sl]
            if list(small) != base[sl] or [x - shift for x in moved] != base[sl]:
                bad += 1
                print("mismatch", sl, small, moved)
print("slices checked:", len(bounds) ** 2 * len(steps), "bad:", bad)

# A slice of a slice of a slice.
t = range(-big, big, 3)[::5][10**25:][:-4:-1]
print(t, list(t), len(t))
