def sqrt(x):
    guess = x / 2 if x > 1 else 1.0
    for _ in range(60):
        guess = (guess + x / guess) / 2
    return guess

for v in [2, 9, 10, 1e6, 0.25]:
    print(v, sqrt(v), v ** 0.5)

def mean(xs):
    return sum(xs) / len(xs)

def stdev(xs):
    m = mean(xs)
    return (sum([(x - m) ** 2 for x in xs]) / (len(xs) - 1)) ** 0.5

data = [2.5, 3.1, 4.7, 1.2, 9.9, 5.5]
print(round(mean(data), 6), round(stdev(data), 6))

def integrate(f, a, b, n):
    h = (b - a) / n
    return h * (f(a) / 2 + sum([f(a + i * h) for i in range(1, n)]) + f(b) / 2)

print(round(integrate(lambda t: t * t, 0, 3, 1000), 6))
print(round(integrate(lambda t: 1 / t, 1, 2, 1000), 6))
