# == and hash() of ranges compare the items, not the arguments; big ranges too.

pairs = [
    (range(2**64, 2**64 + 5), range(2**64, 2**64 + 5, 1)),
    (range(0, 1, 2**70), range(1)),
    (range(2**64, 2**64), range(-10**30, -10**30 - 7)),
    (range(10**30, 10**30 + 1), range(10**30, 10**30 + 3, 5)),
    (range(0, 10**30, 3), range(0, 10**30 - 1, 3)),
    (range(0, 10**30, 3), range(0, 10**30 + 1, 3)),
    (range(10**30), range(10**30 + 1)),
    (range(5), range(0, 5)),
    (range(0), range(3, 1)),
    (range(0, 3, 2), range(0, 4, 2)),
]
for a, b in pairs:
    print(a, b, a == b, a != b, hash(a) == hash(b) if a == b else "-")

# (Only ranges of two items or more: the others hash a None, whose hash is its address.)
print(hash(range(3)), hash(range(10**30)), hash(range(-5, 10**25, 7)), hash(range(2**64, 0, -2**60)))

d = {range(2**64, 2**64 + 3): "big", range(3): "small", range(0): "empty"}
print(d[range(2**64, 2**64 + 3, 1)], d[range(0, 3)], d[range(7, 7)], len(d))
d[range(10, 0)] = "other empty"
print(len(d), d[range(0)])
print(range(2**64, 2**65) in {range(2**64, 2**65, 1)}, len({range(1), range(0, 1, 2**80)}))
print(range(3) == [0, 1, 2], range(2**64) == 2**64)
for op in ["<", "<="]:
    try:
        eval("range(2**64) " + op + " range(2**65)")
    except TypeError as e:
        print("TypeError:", e)
