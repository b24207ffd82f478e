# expected output written by hand
# A deferral anywhere inside the constructs the proposal lists suspends only the
# micro_thread doing it: a writer thread feeds each consumer through a micro_pipe,
# so every read below waits for a value the other thread has not produced yet.
import time
from micro_thread import generate, start_and_forget


def numbers(n):
    for i in range(1, n + 1):
        time.sleep(0.001)
        put(i)


def slow(x):
    time.sleep(0.001)
    return x


print("for:", [x for x in generate(numbers, 3)])
total = 0
for x in generate(numbers, 4):
    total += x
print("loop total:", total)
print("list/tuple/set/dict:", list(generate(numbers, 3)), tuple(generate(numbers, 2)),
      sorted(set(generate(numbers, 3))), dict(zip("ab", generate(numbers, 2))))
print("sum/min/max/sorted:", sum(generate(numbers, 4)), min(generate(numbers, 3)),
      max(generate(numbers, 3)), sorted(generate(numbers, 3), reverse=True))
print("any/all:", any(x > 2 for x in generate(numbers, 3)), all(generate(numbers, 3)))
print("join:", "-".join(str(x) for x in generate(numbers, 3)))
print("enumerate:", list(enumerate(generate(numbers, 2), start=1)))
print("zip:", list(zip(generate(numbers, 3), "xyz")))
print("map/filter:", list(map(slow, generate(numbers, 3))),
      list(filter(lambda v: v % 2, generate(numbers, 5))))


class Account:
    def __init__(self, owner):
        time.sleep(0.001)              # __init__ defers
        self.owner = owner
        self._balance = 0

    @property
    def balance(self):
        time.sleep(0.001)              # a property getter defers
        return self._balance

    def __add__(self, amount):
        time.sleep(0.001)              # an operator dunder defers
        self._balance += amount
        return self

    def __enter__(self):
        time.sleep(0.001)
        print("  enter", self.owner)
        return self

    def __exit__(self, *exc):
        time.sleep(0.001)
        print("  exit", self.owner)
        return False


acct = Account("ann")
acct = acct + 5
print("class:", acct.owner, acct.balance)
with Account("bob") as b:
    b = b + 2
    print("  inside with:", b.balance)


def gen(n):
    for i in range(n):
        time.sleep(0.001)              # a generator defers between yields
        yield i


def outer():
    result = yield from gen(3)         # yield from a deferring generator
    yield "done"


print("generators:", list(gen(3)), [x for x in outer()], sum(x * x for x in gen(4)))


def chatter(name):
    for i in range(2):
        print("  chatter", name, i)
        time.sleep(0.0015)


start_and_forget(chatter, "c")
print("main before sleep")
time.sleep(0.01)
print("main after sleep")
