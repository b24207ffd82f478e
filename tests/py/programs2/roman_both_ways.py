# Roman numerals in both directions, with strict validation.

class RomanError(ValueError):
    pass


PAIRS = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
         (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def to_roman(n):
    if not isinstance(n, int) or isinstance(n, bool):
        raise TypeError(f"expected int, got {type(n).__name__}")
    if not 0 < n < 4000:
        raise RomanError(f"{n} is out of range (1..3999)")
    out = []
    for value, sym in PAIRS:
        count, n = divmod(n, value)
        out.append(sym * count)
    return "".join(out)


def from_roman(s):
    s = s.strip().upper()
    if not s:
        raise RomanError("empty numeral")
    total = 0
    prev = 0
    for i in range(len(s) - 1, -1, -1):
        ch = s[i]
        if ch not in VALUES:
            raise RomanError(f"invalid character {ch!r} in {s!r}")
        v = VALUES[ch]
        if v < prev:
            total -= v
        else:
            total += v
            prev = v
    # only canonical forms are accepted
    if to_roman(total) != s:
        raise RomanError(f"non-canonical numeral {s!r} (did you mean {to_roman(total)}?)")
    return total


for n in [1, 4, 9, 14, 40, 90, 400, 1994, 2024, 3999, 444, 1666, 3888]:
    r = to_roman(n)
    print(f"{n:>5} -> {r:<16} -> {from_roman(r)}")

assert all([from_roman(to_roman(i)) == i for i in range(1, 4000)])
print("round trip 1..3999 ok")
lengths = {}
for i in range(1, 4000):
    lengths.setdefault(len(to_roman(i)), []).append(i)
print("longest:", max(lengths), lengths[max(lengths)])
print("by length:", [(k, len(v)) for k, v in sorted(lengths.items())])

for bad in ["IIII", "VX", "IC", "MMMM", "", "XIV ", "mcmxciv", "ABC", "IM"]:
    try:
        print(repr(bad), "->", from_roman(bad))
    except RomanError as e:
        print(repr(bad), "->", type(e).__name__, e)
for bad in [0, 4000, -5, 2.5, True]:
    try:
        to_roman(bad)
    except (RomanError, TypeError) as e:
        print(bad, "->", type(e).__name__, e, isinstance(e, ValueError))
