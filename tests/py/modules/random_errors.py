import random

def attempt(label, f, *args, **kw):
    try:
        print(label, f(*args, **kw))
    except Exception as e:
        print(label, type(e).__name__ + ":", e)

random.seed(5)
attempt("choice([])", random.choice, [])
attempt("choice('')", random.choice, "")
attempt("choice(5)", random.choice, 5)
attempt("choice({1, 2})", random.choice, {1, 2})
attempt("randrange(0)", random.randrange, 0)
attempt("randrange(-5)", random.randrange, -5)
attempt("randrange(5, 5)", random.randrange, 5, 5)
attempt("randrange(9, 2)", random.randrange, 9, 2)
attempt("randrange(1, 10, 0)", random.randrange, 1, 10, 0)
attempt("randrange(1, 10, -1)", random.randrange, 1, 10, -1)
attempt("randrange(5, step=2)", random.randrange, 5, step=2)
attempt("randint(1)", random.randint, 1)
attempt("randint(5, 1)", random.randint, 5, 1)
attempt("randint(1, 'x')", random.randint, 1, "x")
attempt("getrandbits(-1)", random.getrandbits, -1)
attempt("getrandbits(1.5)", random.getrandbits, 1.5)
attempt("randbytes(-1)", random.randbytes, -1)
attempt("seed([1])", random.seed, [1])
attempt("setstate((9,))", random.setstate, (9,))
attempt("setstate((3, (1, 2), None))", random.setstate, (3, (1, 2), None))
attempt("shuffle((1, 2))", random.shuffle, (1, 2))
attempt("shuffle('ab')", random.shuffle, "ab")
attempt("shuffle(5)", random.shuffle, 5)
attempt("sample({1, 2}, 1)", random.sample, {1, 2}, 1)
attempt("sample([1, 2], 3)", random.sample, [1, 2], 3)
attempt("sample([1, 2], -1)", random.sample, [1, 2], -1)
attempt("sample([1, 2])", random.sample, [1, 2])
attempt("sample([1], 1, counts=[0])", random.sample, [1], 1, counts=[0])
attempt("sample([1], 1, counts=[1, 2])", random.sample, [1], 1, counts=[1, 2])
attempt("choices([1, 2], [1])", random.choices, [1, 2], [1])
attempt("choices([1, 2], [0, 0])", random.choices, [1, 2], [0, 0])
attempt("choices([1, 2], 3)", random.choices, [1, 2], 3)
attempt("choices([1], [1], cum_weights=[1])", random.choices, [1], [1], cum_weights=[1])
attempt("choices([1, 2], [1, float('inf')])", random.choices, [1, 2], [1, float("inf")])
attempt("random(1)", random.random, 1)
attempt("uniform(1, 'a')", random.uniform, 1, "a")
attempt("expovariate(0)", random.expovariate, 0)
print(random.random())
attempt("randrange(None)", random.randrange, None)
attempt("randint(1, None)", random.randint, 1, None)
attempt("triangular(2, 2, 2)", random.triangular, 2, 2, 2)
attempt("getrandbits(2**40)", random.getrandbits, 2 ** 40)
attempt("getrandbits(2**80)", random.getrandbits, 2 ** 80)
attempt("randbytes(2**40)", random.randbytes, 2 ** 40)
for f, a, kw in [(random.choice, (), {}), (random.choice, (1, 2), {}), (random.randint, (), {}),
                 (random.randrange, (), {}), (random.randrange, (1, 2, 3, 4), {}), (random.shuffle, (), {}),
                 (random.uniform, (1,), {}), (random.seed, (1, 2, 3), {}), (random.gauss, (1, 2, 3), {}),
                 (random.sample, (), {}), (random.getrandbits, (), {}), (random.choices, (), {}),
                 (random.triangular, (1, 2, 3, 4), {}), (random.expovariate, (), {}), (random.getstate, (1,), {}),
                 (random.setstate, (), {}), (random.randbytes, (), {}), (random.choice, (), {"seq": [1], "x": 1}),
                 (random.shuffle, ([1],), {"random": 1}), (random.randint, (1,), {"a": 2}),
                 (random.sample, ([1, 2],), {}), (random.normalvariate, (), {"sigma": "x"})]:
    attempt(f.__name__ + str(a) + str(kw), f, *a, **kw)
random.seed(a=77, version=2)
print(random.randint(a=1, b=100), random.randrange(start=10, stop=20, step=3), random.gauss(sigma=0.0, mu=5))
print(random.choice(seq="xyz"), random.uniform(b=2, a=1), random.triangular(mode=0.9), random.expovariate(lambd=1))
print(random.sample(population=range(10), k=3), random.choices(population="ab", weights=[1, 3], k=4))
lst = [1, 2, 3, 4]
random.shuffle(x=lst)
print(lst, random.randbytes(n=2), random.getrandbits(8))
random.seed(3)
for f, kw in [(random.gauss, {"mu": "a"}), (random.gauss, {"sigma": [1]}), (random.gauss, {"mu": None}),
              (random.normalvariate, {"sigma": None}), (random.expovariate, {"lambd": "2"}),
              (random.gauss, {"mu": (1,)})]:
    attempt(f.__name__ + str(kw), f, **kw)
print(random.random())
saved = random.getstate()
for st in [(3, (-1,) * 625, None), (3, (2 ** 40,) * 624 + (5,), None), (3, (2 ** 70,) * 625, None),
           (2, (-1,) * 624 + (624,), None), (3, (1.5,) * 625, None), (3, (1,) * 624 + (625,), None),
           (3, [1] * 625, None), (3, (1,) * 624 + (0,), 0.5)]:
    try:
        random.setstate(st)
        print("ok", random.random(), random.gauss())
    except Exception as e:
        print(type(e).__name__, e)
random.setstate(saved)
print(random.random())
