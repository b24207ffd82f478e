# Iterating ranges beyond 64 bits: for loops, reversed, the built-ins that consume them.

for i in range(2**64 - 2, 2**64 + 2):
    print(i, i - 2**64)
for i in range(-2**63 + 1, -2**63 - 3, -1):
    print(i)
for i in reversed(range(2**64, 2**64 + 10, 3)):
    print(i)
print(list(reversed(range(10**30, 10**30 - 9, -4))))

print(sum(range(2**64, 2**64 + 100)), max(range(-10**30, 0, 10**28)), min(range(2**70, 2**71, 2**68)))
print(sorted(range(10**20, 10**20 + 5), reverse=True))
print(list(zip(range(3), range(2**100, 2**101))))
print(list(enumerate(range(10**25, 10**25 + 3), start=-5)))
print([x % 1000 for x in range(10**30, 10**30 + 5000, 999)][:6])
print(set(range(2**64, 2**64 + 4)) == {2**64, 2**64 + 1, 2**64 + 2, 2**64 + 3})

it = iter(range(2**80, 2**80 + 2))
print(next(it), next(it), next(it, "done"), next(it, "done"))
rit = reversed(range(2**63, 2**63 + 2))
print(list(rit), list(rit))

# CPython picks a machine-int iterator when everything fits, else a long one.
M = 2**63
for r in [range(10), range(M - 1), range(M), range(-M, 0), range(M - 10, M - 1),
          range(0, M - 1, 2), range(5, -M, -1), range(0, 1, -M), range(2**64)]:
    print(r, type(iter(r)).__name__, type(reversed(r)).__name__)
print(list(range(M - 3, M - 1)), list(reversed(range(0, M - 1, M // 2))))
print(list(range(M - 10, M - 1, 4)), list(range(-M + 9, -M, -4)))

# A generator reading a huge range lazily.
def take(n, it):
    out = []
    for x in it:
        if len(out) == n:
            break
        out.append(x)
    return out


print(take(4, (x * x for x in range(10**18, 10**40) if x % 3 == 0)))
total = 0
for k in range(2**64, 2**64 + 200000):
    total += k & 0xFF
print(total)
