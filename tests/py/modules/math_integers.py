import math

for x in [2.5, -2.5, 3.0, -0.5, 1e20, -1e300, 7, True, 10 ** 30]:
    print(x, math.floor(x), math.ceil(x), math.trunc(x))
print(type(math.floor(2.5)).__name__, type(math.ceil(1e300)).__name__)
print(math.gcd(12, 18), math.gcd(0, 0), math.gcd(-4, 6), math.gcd(), math.gcd(30, 45, 75))
print(math.gcd(2 ** 100, 6 ** 50), math.lcm(4, 6), math.lcm(), math.lcm(3, 0), math.lcm(2, 3, 4, 5))
print(math.factorial(0), math.factorial(5), math.factorial(20), math.factorial(25))
print(math.factorial(100))
print(len(str(math.factorial(1000))), math.factorial(1000) % (10 ** 9 + 7))
print(math.comb(5, 2), math.comb(10, 0), math.comb(3, 5), math.comb(100, 50), math.comb(60, 30))
print(math.perm(5, 2), math.perm(5), math.perm(3, 4), math.perm(30, 20))
print(math.isqrt(0), math.isqrt(15), math.isqrt(16), math.isqrt(10 ** 40 + 1), math.isqrt(2 ** 127))
# Pascal's triangle from comb
for n in range(7):
    print(" ".join([str(math.comb(n, k)) for k in range(n + 1)]).center(30))
