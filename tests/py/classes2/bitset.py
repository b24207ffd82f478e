# A bit set backed by one Python int: set operators and in-place forms,
# comparisons as subset tests, iteration class, __contains__, __len__, __repr__.

class _BitIter:
    def __init__(self, bits):
        self.bits = bits
        self.i = 0

    def __iter__(self):
        return self

    def __next__(self):
        while self.bits:
            low = self.bits & 1
            i = self.i
            self.bits >>= 1
            self.i += 1
            if low:
                return i
        raise StopIteration


class BitSet:
    __slots__ = ("bits",)

    def __init__(self, items=()):
        self.bits = 0
        for i in items:
            self.add(i)

    @classmethod
    def _from(cls, bits):
        s = cls()
        s.bits = bits
        return s

    def add(self, i):
        if not isinstance(i, int) or i < 0:
            raise ValueError(f"BitSet members are non-negative ints, not {i!r}")
        self.bits |= 1 << i

    def discard(self, i):
        self.bits &= ~(1 << i)

    def remove(self, i):
        if i not in self:
            raise KeyError(i)
        self.discard(i)

    def __contains__(self, i):
        return isinstance(i, int) and i >= 0 and bool(self.bits >> i & 1)

    def __len__(self):
        return bin(self.bits).count("1")

    def __iter__(self):
        return _BitIter(self.bits)

    def __or__(self, o):
        return BitSet._from(self.bits | o.bits)

    def __and__(self, o):
        return BitSet._from(self.bits & o.bits)

    def __sub__(self, o):
        return BitSet._from(self.bits & ~o.bits)

    def __xor__(self, o):
        return BitSet._from(self.bits ^ o.bits)

    def __ior__(self, o):
        self.bits |= o.bits
        return self

    def __iand__(self, o):
        self.bits &= o.bits
        return self

    def __isub__(self, o):
        self.bits &= ~o.bits
        return self

    def __eq__(self, o):
        return isinstance(o, BitSet) and self.bits == o.bits

    def __le__(self, o):
        return self.bits & ~o.bits == 0

    def __lt__(self, o):
        return self <= o and self != o

    def __ge__(self, o):
        return o <= self

    def __gt__(self, o):
        return o < self

    def __hash__(self):
        return hash(self.bits)

    def __bool__(self):
        return self.bits != 0

    def __repr__(self):
        return "BitSet({" + ", ".join(map(str, self)) + "})"


primes = BitSet(range(2, 100))
for p in range(2, 10):
    if p in primes:
        for m in range(p * p, 100, p):
            primes.discard(m)
print(primes, len(primes))
odds = BitSet(range(1, 100, 2))
small = BitSet(range(20))
print(primes & small, (primes - odds), len(odds ^ primes), max(primes), sum(primes & small))
print(BitSet([3, 5]) <= primes, BitSet([4]) <= primes, BitSet([2, 3]) < BitSet([2, 3]),
      primes > BitSet([97]), small >= small, BitSet() == BitSet([]), bool(BitSet()))
s = BitSet([1, 2, 3])
t = s
s |= BitSet([10])
s &= BitSet([1, 3, 10, 11])
s -= BitSet([3])
print(s, t is s, list(s), 10 in s, 3 in s, -1 in s, "x" in s, len({BitSet([1]), BitSet([1]), s}))
big = BitSet([1000, 5, 70000])
print(len(big), list(big)[:3], big.bits.bit_length(), sorted(big, reverse=True))
for bad in [lambda: BitSet([-1]), lambda: s.remove(99), lambda: BitSet(["a"])]:
    try:
        bad()
    except (ValueError, KeyError) as e:
        print(type(e).__name__ + ":", e)
