# dict subclasses with __missing__: counters, grouping, nested auto-dicts.

class Counter(dict):
    def __missing__(self, key):
        return 0

    def add(self, items):
        for it in items:
            self[it] += 1
        return self

    def most_common(self, n=None):
        ranked = sorted(self.items(), key=lambda kv: (-kv[1], kv[0]))
        return ranked if n is None else ranked[:n]


class GroupBy(dict):
    def __missing__(self, key):
        value = self[key] = []
        return value


class AutoDict(dict):
    def __missing__(self, key):
        value = self[key] = AutoDict()
        return value

    def to_plain(self):
        return {k: (v.to_plain() if isinstance(v, AutoDict) else v) for k, v in self.items()}


class DefaultLookup(dict):
    def __init__(self, default, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.default = default

    def __missing__(self, key):
        if isinstance(key, str) and key.lower() != key:
            return self[key.lower()]
        return self.default


text = """the cat sat on the mat the dog sat on the log and the cat saw the dog"""
c = Counter().add(text.split())
print(c.most_common(4))
print(c["the"], c["unicorn"], "unicorn" in c, len(c))

g = GroupBy()
for word in text.split():
    g[word[0]].append(word)
for letter in sorted(g):
    print(letter, sorted(set(g[letter])), len(g[letter]))

tree = AutoDict()
tree["a"]["b"]["c"] = 1
tree["a"]["x"] = 2
tree["z"]["y"]["w"]["v"] = 3
print(tree.to_plain())
print(type(tree["a"]).__name__, sorted(tree["a"]))

colors = DefaultLookup("unknown", red="#f00", green="#0f0")
print(colors["red"], colors["RED"], colors["Green"], colors["blue"], colors.get("RED"))
print(len(colors), sorted(colors.items()), isinstance(colors, dict))

# __missing__ is only for d[key]: get, in, pop and setdefault ignore it
print(c.get("zzz"), c.pop("zzz", "none"), c.setdefault("new", 5), c["new"])
try:
    c.pop("zzz")
except KeyError as e:
    print("KeyError:", e)


class Strict(dict):
    def __missing__(self, key):
        raise KeyError(f"no such setting: {key}")


s = Strict(debug=False)
try:
    s["verbose"]
except KeyError as e:
    print("KeyError:", e)
print(s["debug"])


class Squares(dict):
    calls = 0

    def __missing__(self, n):
        Squares.calls += 1
        self[n] = n * n
        return self[n]


sq = Squares()
print([sq[i % 5] for i in range(12)], Squares.calls, sorted(sq.items()))
