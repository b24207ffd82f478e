# Statistics of the seeded generators, and save/restore of the generator state in
# the middle of a simulation.
import math
import random

random.seed(314159)
counts = [0] * 10
for _ in range(10000):
    counts[random.randrange(10)] += 1
print(counts, sum(counts))
chi2 = sum([(c - 1000) ** 2 / 1000 for c in counts])
print("chi2 %.4f" % chi2)
picks = random.choices("abc", weights=[5, 3, 2], k=1000)
print({ch: picks.count(ch) for ch in "abc"})
xs = [random.gauss(0, 1) for _ in range(4000)]
mean = math.fsum(xs) / len(xs)
sd = math.sqrt(math.fsum([(x - mean) ** 2 for x in xs]) / (len(xs) - 1))
print("gauss %.6f %.6f" % (mean, sd))
es = [random.expovariate(2.0) for _ in range(4000)]
print("expo mean %.6f" % (math.fsum(es) / len(es)))
ts = [random.triangular(0, 10, 2) for _ in range(4000)]
print("triangular mean %.6f" % (math.fsum(ts) / len(ts)))
us = [random.uniform(-1, 1) for _ in range(4000)]
print("uniform range %.6f %.6f" % (min(us), max(us)))

def walk(steps):
    pos = 0
    for _ in range(steps):
        pos += random.choice([-1, 1])
    return pos

random.seed(1)
walk(100)
saved = random.getstate()
first = [walk(50) for _ in range(5)]
random.setstate(saved)
second = [walk(50) for _ in range(5)]
print(first, first == second)
random.seed(1)
again = walk(100)
random.seed(1)
print(again == walk(100), random.getrandbits(64), random.randrange(-(10 ** 20), 10 ** 20))
