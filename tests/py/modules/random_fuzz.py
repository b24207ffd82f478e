# Differential fuzzing of random: seeded calls of every function with random arguments
# (negative, big, float, empty ranges); every result or error is printed.
import random
random.seed(11)
def arg():
    r = random.random()
    if r < 0.4: return random.randint(-20, 20)
    if r < 0.5: return random.randint(-10 ** 25, 10 ** 25)
    if r < 0.55: return random.choice([0, 1, -1, 2 ** 64, 2 ** 32 + 1, 2 ** 63 - 1])
    if r < 0.6: return random.uniform(-5, 5)
    return random.randint(0, 1000)
ops = ["randrange1", "randrange2", "randrange3", "randint", "getrandbits", "choice", "sample", "choices", "shuffle", "uniform", "triangular", "randbytes", "gauss", "seed"]
for i in range(1500):
    op = random.choice(ops)
    a, b, c = arg(), arg(), arg()
    if op.startswith("rand"):
        # (float bounds make CPython 3.11 print a DeprecationWarning)
        a, b, c = int(a), int(b), int(c)
    try:
        if op == "randrange1": r = random.randrange(a)
        elif op == "randrange2": r = random.randrange(a, b)
        elif op == "randrange3": r = random.randrange(a, b, c)
        elif op == "randint": r = random.randint(a, b)
        elif op == "getrandbits": r = random.getrandbits(abs(a) % 300)
        elif op == "choice": r = random.choice(range(abs(a) % 50))
        elif op == "sample": r = random.sample(range(abs(a) % 100), abs(b) % 30)
        elif op == "choices": r = random.choices(range(abs(a) % 10 + 1), k=abs(b) % 10)
        elif op == "shuffle":
            l = list(range(abs(a) % 20)); random.shuffle(l); r = l
        elif op == "uniform": r = random.uniform(a, b)
        elif op == "triangular": r = random.triangular(a, b, c)
        elif op == "randbytes": r = random.randbytes(abs(a) % 20)
        elif op == "gauss": r = random.gauss(a, abs(b))
        else: random.seed(a); r = None
        print(i, op, repr(r))
    except (ValueError, TypeError, IndexError, OverflowError) as e:
        print(i, op, type(e).__name__, e)
