# range() with bounds beyond 64 bits: construction, attributes, repr, len, bool.

big = 10**30
for r in [range(big), range(2**63, 2**63 + 5), range(-2**64, 0, 2**32),
          range(2**63 - 1, 2**63 + 1), range(big, 0, -7), range(0, 1, 2**70),
          range(5, 5 + 10**40), range(-big, -big)]:
    print(repr(r), str(r), r.start, r.stop, r.step, bool(r))
    print("  types:", type(r.start).__name__, type(r.stop).__name__, type(r.step).__name__)

# The length exists as long as it fits a Py_ssize_t.
for r in [range(2**63 - 1), range(2**64, 2**64 + 5), range(big, big + 3),
          range(0, big, 10**12), range(-2**63, 2**63 - 1, 3), range(0, 2**70, 2**70 // 4)]:
    print(r, "len", len(r))

for r in [range(2**63), range(10**20), range(-2**63, 2**63 - 1), range(big, -big, -1)]:
    try:
        len(r)
    except OverflowError as e:
        print(r, "OverflowError:", e, "| still truthy:", bool(r))

# Empty big ranges.
for r in [range(2**64, 2**64), range(big, 0), range(0, big, -1), range(-big, -big - 5)]:
    print(r, len(r), bool(r), list(r))


class Idx:
    def __init__(self, v):
        self.v = v

    def __repr__(self):
        return "Idx(%r)" % (self.v,)

    def __index__(self):
        return self.v


print(range(Idx(2**65)), range(Idx(-3), Idx(2**64), Idx(2**62)))
print(range(True, 2**64, True), range(False))

for args in [(1.5,), (0, 2**64, 0), (0, "x"), (2**64, 2.0), (Idx(1.5),), (), (1, 2, 3, 4)]:
    try:
        range(*args)
    except (TypeError, ValueError) as e:
        print(args, type(e).__name__, e)

# list() asks for the length first.
for make in [list, tuple, sorted]:
    try:
        make(range(10**20))
    except OverflowError as e:
        print(make.__name__, "OverflowError:", e)
print(list(range(2**64, 2**64 + 3)), tuple(range(-2**64, -2**64 - 3, -1)))

# A range's repr writes its bounds in decimal, within the int digit limit.
for r in [range(2**4000, 2**4001, 2**3999), range(2**20000, 2**64), range(0, 10**5000, 7)]:
    try:
        print(len(repr(r)), len(r) > 0)
    except ValueError as e:
        print("ValueError:", e, "| empty:", not r)

print(len(range(10**20)))
