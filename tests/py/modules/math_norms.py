# hypot and dist on seeded random vectors (1 to 6 coordinates, magnitudes from 1e-300
# to 1e308): CPython 3.11 rounds these norms (almost always) correctly, so must we.
import math
import random

random.seed(3)
for i in range(400):
    n = random.randint(1, 6)
    k = random.choice([-300, -160, -5, 0, 5, 150, 300, 307])
    xs = [random.uniform(-10, 10) * 10.0 ** (k + random.randint(-3, 0)) for _ in range(n)]
    if random.random() < 0.1:
        xs.append(0.0)
    a = [random.uniform(-1e3, 1e3) for _ in range(n)]
    b = [random.uniform(-1e3, 1e3) for _ in range(n)]
    print(i, repr(math.hypot(*xs)), repr(math.dist(a, b)))
print(math.hypot(1e308, 1e308) if False else "skip", math.hypot(8.98846567431158e307, 8.98846567431158e307))
print(math.hypot(3, 4, 12), math.hypot(-0.0, 0.0), math.hypot(5e-324, 5e-324), math.dist([], []))
