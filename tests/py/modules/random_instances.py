import random

a = random.Random(2024)
b = random.Random(2024)
c = random.Random("seed text")
print([a.randint(1, 6) for _ in range(10)])
print([b.randint(1, 6) for _ in range(10)])
print(a.random() == b.random(), c.random())

random.seed(2024)
module_draws = [random.randint(1, 6) for _ in range(10)]
print(module_draws)

deck = [f"{r}{s}" for s in "SH" for r in "A23456"]
r = random.Random(7)
r.shuffle(deck)
print(deck)
print(r.choice(deck), r.sample(deck, 3), r.choices("xyz", k=5), r.randrange(0, 100, 5))
print(round(r.uniform(1, 2), 6), round(r.gauss(0, 1), 6), r.getrandbits(20))
state = r.getstate()
first = [r.random() for _ in range(3)]
r.setstate(state)
print(first == [r.random() for _ in range(3)])
r.seed(99)
x = r.random()
r.seed(99)
print(x == r.random())

# Independent generators do not disturb each other or the module.
random.seed(1)
p, q = random.Random(1), random.Random(1)
seq = []
for i in range(5):
    seq.append((round(p.random(), 8), round(random.random(), 8), round(q.random(), 8)))
for row in seq:
    print(row, row[0] == row[1] == row[2])
try:
    random.Random(1, 2)
except TypeError as e:
    print("TypeError:", e)
try:
    a.randint(1)
except TypeError as e:
    print("TypeError:", e)
try:
    a.choice([])
except IndexError as e:
    print("IndexError:", e)
