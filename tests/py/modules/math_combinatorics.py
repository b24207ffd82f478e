# Combinatorics with exact integers: binomial probabilities as reduced fractions,
# Catalan numbers, derangements, and a lottery odds table.
import math

def reduce(num, den):
    g = math.gcd(num, den)
    return num // g, den // g

def binomial_pmf(n, k):
    return reduce(math.comb(n, k), 2 ** n)

for k in range(0, 11, 2):
    num, den = binomial_pmf(10, k)
    print("P(%d heads in 10) = %d/%d ~ %.6f" % (k, num, den, num / den))

catalan = [math.comb(2 * n, n) // (n + 1) for n in range(15)]
print("catalan", catalan)

def derangements(n):
    total = 0
    for k in range(n + 1):
        total += (-1) ** k * (math.factorial(n) // math.factorial(k))
    return total

print("derangements", [derangements(n) for n in range(10)])
print("ratio", [round(derangements(n) / math.factorial(n), 6) for n in range(1, 10)])
for pick, pool in [(6, 49), (5, 50), (7, 35)]:
    ways = math.comb(pool, pick)
    print("%d of %d: 1 in %d (ordered: %d)" % (pick, pool, ways, math.perm(pool, pick)))
print(math.lcm(*range(1, 21)), math.gcd(*[2 ** 10 * 3 ** 5, 2 ** 7 * 3 ** 9 * 5, 2 ** 12 * 3 ** 4]))
print(math.isqrt(math.factorial(30)), math.factorial(30) // math.isqrt(math.factorial(30)) ** 2)
big = math.factorial(200)
print(len(str(big)), str(big)[:20], big % 1000003, math.comb(1000, 500) % 1000003)
print(sum([math.comb(20, k) for k in range(21)]) == 2 ** 20, math.prod(range(1, 21)) == math.factorial(20))
