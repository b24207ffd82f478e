# A realistic use: splitting a 128-bit key space (UUIDs) into shards with ranges,
# then finding which shard owns a key.

SPACE = range(2**128)
SHARDS = 12


def shard_ranges(space, n):
    step = (space.stop - space.start) // n
    out = []
    for i in range(n):
        lo = space.start + i * step
        hi = space.stop if i == n - 1 else lo + step
        out.append(range(lo, hi))
    return out


shards = shard_ranges(SPACE, SHARDS)
for i, s in enumerate(shards):
    print(i, hex(s.start), hex(s.stop - 1), s.stop - s.start)


def owner(key):
    for i, s in enumerate(shards):
        if key in s:
            return i
    raise KeyError(key)


keys = [0, 2**127, 2**128 - 1, 0x0123456789ABCDEF0123456789ABCDEF, 0xFEDCBA9876543210FEDCBA9876543210,
        (2**128 // 12) * 5, (2**128 // 12) * 5 - 1]
for k in keys:
    print(hex(k), "->", owner(k))
try:
    owner(2**128)
except KeyError as e:
    print("KeyError", hex(e.args[0]))

# Interleaved assignment: every SHARDS-th key, as a stride slice of the space.
striped = [SPACE[i::SHARDS] for i in range(SHARDS)]
print(striped[0], striped[11])
print(sum(k in striped[k % SHARDS] for k in keys), [striped[k % SHARDS].index(k) for k in keys[:3]])
print(all(len(range(s.start, s.start + 10**6)) == 10**6 for s in shards))

# The first free ids after a reserved block, and a countdown near the top.
reserved = range(2**64, 2**64 + 1000)
free = (i for i in range(2**64 - 3, 2**65) if i not in reserved)
print([next(free) for _ in range(6)])
print([k for k in reversed(SPACE[-5:])])
