# Many keys of few hashes in one set, with a Python __eq__, under add, membership,
# discard and remove: the results match CPython.
import random

rng = random.Random(4242)


class K:
    def __init__(self, v, h):
        self.v, self.h = v, h

    def __hash__(self):
        return self.h

    def __eq__(self, other):
        if not isinstance(other, K):
            return NotImplemented
        return self.v == other.v

    def __repr__(self):
        return "K%d" % self.v


def digest(text):
    h = 0
    for c in text:
        h = (h * 131 + ord(c)) % 1000000007
    return h


for trial in range(6):
    s = set()
    out = []
    for step in range(1500):
        op = rng.randrange(5)
        k = K(rng.randrange(30), rng.randrange(3))
        try:
            if op == 0:
                s.add(k)
                r = "add"
            elif op == 1:
                r = k in s
            elif op == 2:
                s.discard(k)
                r = "discard"
            elif op == 3:
                s.remove(k)
                r = "remove"
            else:
                r = len(s)
        except KeyError as e:
            r = "KeyError" + str(e)
        out.append(str(r))
    print(trial, len(s), digest(" ".join(out)), sorted(map(repr, s))[:6])
