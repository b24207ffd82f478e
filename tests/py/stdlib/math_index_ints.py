# A combinatorics helper for a lottery simulator: counts draws with comb/perm on
# huge pools, and reduces ticket ids (typed as __index__-able ids) with gcd/lcm/isqrt.
import math


class TicketId:
    def __init__(self, n):
        self.n = n

    def __index__(self):
        return self.n


class BadId:
    def __index__(self):
        return "seven"


ids = [TicketId(84), TicketId(126), TicketId(210)]
print(math.gcd(*ids), math.lcm(*ids), math.gcd(), math.lcm())
print(math.isqrt(TicketId(10 ** 20 + 12345)), math.factorial(TicketId(10)))
print(math.comb(TicketId(49), TicketId(6)), math.perm(TicketId(10), TicketId(3)))
print(math.perm(TicketId(5)))

huge = 2 ** 80
print(math.comb(huge, 3) == huge * (huge - 1) * (huge - 2) // 6)
print(math.perm(huge, 2) == huge * (huge - 1))
print(math.comb(huge, huge - 2) == huge * (huge - 1) // 2)
print(math.comb(huge, huge), math.perm(huge, 0), math.comb(huge, huge + 1))

for f, args in [(math.comb, (huge, 2 ** 70)), (math.perm, (2 ** 100, 2 ** 70))]:
    try:
        f(*args)
    except OverflowError as e:
        print("OverflowError:", e)
for call in [lambda: math.gcd(BadId()), lambda: math.isqrt(2.0), lambda: math.lcm(1, "2"),
             lambda: math.comb(TicketId(-1), 2), lambda: math.factorial(2.5)]:
    try:
        call()
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
