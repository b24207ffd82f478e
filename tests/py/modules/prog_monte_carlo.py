# Seeded Monte-Carlo estimates: pi from random points, and an integral.
import math
import random

def estimate_pi(n):
    inside = 0
    for _ in range(n):
        x = random.random()
        y = random.random()
        if x * x + y * y <= 1.0:
            inside += 1
    return 4.0 * inside / n

def integrate(f, a, b, n):
    total = 0.0
    for _ in range(n):
        total += f(random.uniform(a, b))
    return (b - a) * total / n

random.seed(12345)
for n in [100, 1000, 10000, 50000]:
    est = estimate_pi(n)
    print(f"n={n:6d} pi~{est:.6f} err={abs(est - math.pi):.6f}")
random.seed(99)
approx = integrate(math.sin, 0.0, math.pi, 20000)
print(f"integral of sin over [0, pi] ~ {approx:.6f}")
approx = integrate(lambda x: math.exp(-x * x), -3.0, 3.0, 20000)
print(f"gaussian integral ~ {approx:.6f} (sqrt(pi) = {math.sqrt(math.pi):.6f})")
samples = [random.gauss(10, 2) for _ in range(5000)]
mean = math.fsum(samples) / len(samples)
var = math.fsum([(s - mean) ** 2 for s in samples]) / (len(samples) - 1)
print(f"gauss mean={mean:.4f} stdev={math.sqrt(var):.4f}")
