class Defaulting(dict):
    def __missing__(self, key):
        print("  missing", repr(key))
        return key.upper() if isinstance(key, str) else None

d = Defaulting(a="x")
print(d["a"], d["b"], d.get("c"), "b" in d, len(d))

class Memo(dict):
    def __init__(self, func):
        super().__init__()
        self.func = func
    def __missing__(self, key):
        value = self[key] = self.func(key)
        return value

squares = Memo(lambda n: n * n)
print(squares[4], squares[5], squares[4], sorted(squares.items()))

class Overrides(dict):
    def __getitem__(self, key):
        return ("own", key)
    def __missing__(self, key):
        return "never"

print(Overrides()["k"])

class Raises(dict):
    def __missing__(self, key):
        raise LookupError(f"no {key}")

try:
    Raises()["q"]
except LookupError as e:
    print("LookupError:", e)

class Counting(dict):
    def __missing__(self, key):
        return 0

c = Counting()
for w in "a b a c a b".split():
    c[w] += 1
print(sorted(c.items()), c["zzz"], "zzz" in c)

class Plain(dict):
    pass
try:
    Plain()["nope"]
except KeyError as e:
    print("KeyError:", e)
