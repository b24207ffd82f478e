# Many keys of few hashes in one dict, with Python __hash__/__eq__, under stores,
# lookups, deletions, pops and popitem: results must match CPython. Each __hash__ and
# __eq__ sleeps for 0 s, which in pyvm suspends the (main) micro_thread inside the
# lookup every time, so every step also goes through the deferral-aware lookup.
import random
import time

rng = random.Random(777)


class K:
    def __init__(self, v, h):
        self.v, self.h = v, h

    def __hash__(self):
        time.sleep(0)
        return self.h

    def __eq__(self, other):
        if not isinstance(other, K):
            return NotImplemented
        time.sleep(0)
        return self.v == other.v

    def __repr__(self):
        return "K%d" % self.v


def digest(text):
    h = 0
    for c in text:
        h = (h * 131 + ord(c)) % 1000000007
    return h


for trial in range(6):
    d = {}
    out = []
    for step in range(1500):
        op = rng.randrange(8)
        k = K(rng.randrange(30), rng.randrange(3))
        try:
            if op == 0:
                d[k] = step
                r = "set"
            elif op == 1:
                r = d[k]
            elif op == 2:
                r = k in d
            elif op == 3:
                del d[k]
                r = "del"
            elif op == 4:
                r = d.get(k, "no")
            elif op == 5:
                r = d.setdefault(k, step)
            elif op == 6:
                r = d.pop(k, "none")
            else:
                r = d.popitem() if d and rng.random() < 0.3 else len(d)
        except KeyError as e:
            r = "KeyError" + str(e)
        out.append(str(r))
    print(trial, len(d), digest(" ".join(out)), sorted(map(repr, d))[:6])
