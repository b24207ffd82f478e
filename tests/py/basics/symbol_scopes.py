# A symbol table of nested scopes kept in dicts that grow past and shrink below
# the size where pyvm indexes a dict with a hash table (8 slots), checked at every
# step against an association list: lookups, order, deletion, popitem, keys that
# collide or need a Python __eq__.


class Sym:
    """A key whose equality and hash are Python code (case-insensitive names)."""

    calls = 0

    def __init__(self, name):
        self.name = name

    def __hash__(self):
        return hash(self.name.lower()) & 7  # deliberately few hash values

    def __eq__(self, other):
        Sym.calls += 1
        return isinstance(other, Sym) and self.name.lower() == other.name.lower()

    def __repr__(self):
        return f"Sym({self.name!r})"


class Model:
    """The reference: an association list in insertion order."""

    def __init__(self):
        self.items = []

    def set(self, k, v):
        for i, (k2, _) in enumerate(self.items):
            if k2 == k:
                self.items[i] = (k2, v)
                return
        self.items.append((k, v))

    def delete(self, k):
        for i, (k2, _) in enumerate(self.items):
            if k2 == k:
                del self.items[i]
                return True
        return False


def check(d, m, probes):
    assert list(d.items()) == m.items, (list(d.items()), m.items)
    for p in probes:
        want = next((v for k, v in m.items if k == p), None)
        assert d.get(p) == want, (p, d.get(p), want)
        assert (p in d) == (want is not None)


def run(make_key, label):
    d, m = {}, Model()
    keys = [make_key(i) for i in range(30)]
    ops = 0
    for round_ in range(3):
        for i, k in enumerate(keys[: 6 + 8 * round_]):
            d[k] = (round_, i)
            m.set(k, (round_, i))
            check(d, m, keys)
            ops += 1
        for k in keys[1:20:3]:
            if k in d:
                del d[k]
                m.delete(k)
            check(d, m, keys)
            ops += 1
        while len(d) > 4:
            k, v = d.popitem()
            assert (k, v) == m.items.pop(), (k, v)
            check(d, m, keys)
            ops += 1
    print(f"{label}: {ops} steps, final {len(d)} keys, order ok")


run(lambda i: f"name{i}", "str keys")
run(lambda i: i * 8, "int keys (one bucket mod 8)")
run(lambda i: ("mod", i % 5, i), "tuple keys")
run(lambda i: Sym(f"Var{i}"), "keys with Python __eq__")
print("Sym.__eq__ ran:", Sym.calls > 0)

# The same key spelled differently finds the entry (Python __eq__, one hash).
d = {Sym("Alpha"): 1}
for i in range(12):
    d[Sym(f"x{i}")] = i
d[Sym("ALPHA")] = 2
print(len(d), d[Sym("alpha")], list(d)[0])


# Instances: attributes set in __init__ and later, across the boundary.
class Record:
    def __init__(self, n):
        for i in range(n):
            setattr(self, f"f{i}", i * i)


for n in (0, 3, 8, 9, 20):
    r = Record(n)
    r.extra = "x"
    if n > 2:
        del r.f1
    names = list(vars(r))
    print(n, len(names), names[:3], names[-2:], getattr(r, f"f{n - 1}", None), r.extra)

r = Record(12)
for i in range(0, 12, 2):
    delattr(r, f"f{i}")
print(sorted(vars(r).items())[:3], hasattr(r, "f0"), r.f11)
for i in range(0, 12, 2):
    setattr(r, f"f{i}", -i)
print(list(vars(r))[:8], r.f0, r.f10)
