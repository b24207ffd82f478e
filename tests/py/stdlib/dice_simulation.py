# A board-game simulator: seeded dice, shuffled decks and weighted events, replayable
# from a saved state, with a loaded die (a Random subclass overriding random()) and a
# crypto-grade shuffler for the "tournament" mode. Every number must be what CPython
# draws for the same seed.
import random
import _random
from collections import Counter


class LoadedDie(random.Random):
    """Rolls high: random() is skewed towards 1, and everything on top of it follows."""

    def random(self):
        return super().random() ** 0.25


class CountingRandom(_random.Random):
    """A direct subclass of the C class: counts the draws it hands out."""

    def __init__(self, seed):
        super().__init__(seed)
        self.draws = 0

    def random(self):
        self.draws += 1
        return super().random()


def roll(rng, dice=2, sides=6):
    return sum(rng.randint(1, sides) for _ in range(dice))


def play(rng, turns):
    position, log = 0, []
    deck = [f"{rank}{suit}" for rank in "A23456789TJQK" for suit in "shdc"]
    rng.shuffle(deck)
    for turn in range(turns):
        r = roll(rng)
        position = (position + r) % 40
        event = rng.choices(["nothing", "chance", "tax", "jail"], weights=[10, 3, 2, 1])[0]
        card = deck.pop() if event == "chance" else "-"
        log.append(f"turn {turn}: rolled {r:2d} -> square {position:2d} {event:8s} {card}")
    return log


random.seed(42)
first = [random.random(), random.randint(1, 100), random.choice("abc")]
hand = list(range(10))
random.shuffle(hand)
print(first, hand, round(random.gauss(0, 1), 12))

for line in play(random.Random(2024), 6):
    print(line)

# Text and bytes seeds (random.py hashes them with sha512), big and negative ints, floats.
for seed in ["player one", b"player one", bytearray(b"x"), 2**100 + 7, -99, 3.25, 0, True]:
    rng = random.Random(seed)
    print(repr(seed)[:20], rng.random(), rng.getrandbits(40), rng.randrange(0, 10**30, 3))
print("version 1:", random.Random().seed("abc", version=1) or "seeded")

# Replays from a saved state.
rng = random.Random(7)
rng.random()
saved = rng.getstate()
a = [rng.random() for _ in range(3)] + [rng.gauss(10, 2)]
rng.setstate(saved)
b = [rng.random() for _ in range(3)] + [rng.gauss(10, 2)]
print("replay identical:", a == b, saved[0], len(saved[1]), saved[2])

# Distributions a simulation uses.
rng = random.Random(99)
print([round(x, 10) for x in (rng.uniform(1, 2), rng.triangular(0, 10, 3), rng.betavariate(2, 5),
                              rng.expovariate(1.5), rng.gammavariate(2, 3), rng.lognormvariate(0, 1),
                              rng.normalvariate(5, 1), rng.vonmisesvariate(1, 2), rng.paretovariate(3),
                              rng.weibullvariate(1, 2))])
print(rng.sample(range(1000), 6), rng.sample(["a", "b", "c"], counts=[3, 1, 2], k=4), rng.randbytes(6))
print(sorted(Counter(rng.choices("RGB", cum_weights=[5, 8, 10], k=200)).items()))

# The loaded die and the counting generator.
die = LoadedDie(3)
print("loaded:", sorted(Counter(die.randint(1, 6) for _ in range(600)).items()))
print("loaded choice:", die.choice("abcdef"), die.random() > 0.5, type(die).__mro__[1:])
counter = CountingRandom(11)
print(counter.random(), counter.random(), counter.getrandbits(8), counter.draws)
print(vars(random.Random(1)), isinstance(die, _random.Random), _random.Random.__module__)

# Tournament mode: unpredictable, but still a proper shuffle.
sr = random.SystemRandom()
deck = list(range(52))
sr.shuffle(deck)
print("system:", sorted(deck) == list(range(52)), 0 <= sr.random() < 1, sr.getrandbits(64) < 2**64)
try:
    sr.getstate()
except NotImplementedError as e:
    print("NotImplementedError", e)

# Mistakes a caller can make, with CPython's messages.
checks = [
    lambda: random.getrandbits(-1),
    lambda: random.getrandbits(2**31),
    lambda: random.getrandbits(2**100),
    lambda: random.getrandbits(1.5),
    lambda: random.Random().random(1),
    lambda: random.Random().seed([1]),
    lambda: _random.Random(1, 2),
    lambda: _random.Random(x=1),
    lambda: _random.Random().seed(1, 2),
    lambda: _random.Random().setstate([0] * 625),
    lambda: _random.Random().setstate((0,) * 624),
    lambda: _random.Random().setstate((-1,) * 625),
    lambda: _random.Random().setstate((0,) * 624 + (625,)),
    lambda: random.setstate((9, (), None)),
    lambda: random.randrange(None),
    lambda: random.randrange(1, 1),
    lambda: random.choice([]),
    lambda: random.sample([1, 2], 3),
]
for check in checks:
    try:
        print("no error:", check())
    except Exception as e:
        print(type(e).__name__, e)
print(_random.Random(5).getstate()[-1], _random.Random(0).random())
