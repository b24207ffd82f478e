# `in`, index() and count() on big ranges: arithmetic for ints, a search for the rest.

big = 10**30
r = range(big)
print(10**25 in r, -1 in r, big in r, big - 1 in r, 2**64 in r, True in r)
evens = range(0, big, 2)
print(10**25 + 1 in evens, 10**25 in evens, evens.index(10**25), evens.count(2**70))
down = range(big, -big, -3)
print(big - 3 * 10**20 in down, big - 1 in down, down.index(-big + 2), down.count(0))
print(10**20 in range(10), -(10**20) in range(-5, 5), range(5).count(10**30))

print(r.index(12345678901234567890123), r.index(True), r.count(False))
for x in [big, -1, 10**40]:
    try:
        r.index(x)
    except ValueError as e:
        print("ValueError:", e)

# Floats and other objects are compared item by item (found early here).
print(3.0 in r, 2.5 in range(10), range(2**64, 2**64 + 10).index(float(2**64)))
print(r.index(7.0), range(10).count(7.0), range(10).count(2.0), range(3).count("a"))
try:
    range(5).index(9.0)
except ValueError as e:
    print("ValueError:", e)
try:
    range(5).index()
except TypeError as e:
    print("TypeError:", e)


class Weird:
    def __eq__(self, other):
        return other == 2**64 + 2


print(Weird() in range(2**64, 2**64 + 5), range(2**64, 2**64 + 5).index(Weird()))
print(Weird() in range(5), range(2**64, 2**64 + 5).count(Weird()))

# Sieve-style check: which of these 100-bit numbers fall in a residue class?
base = 2**100
cls = range(base + 3, base + 10**9, 7)
hits = [n for n in range(base, base + 40) if n in cls]
print([h - base for h in hits], [cls.index(h) for h in hits])
