d = {"b": 2, "a": 1}
d["c"] = 3
d["b"] = 20
print(d, len(d), d["a"], d.get("z"), d.get("z", 0), "a" in d, "z" not in d)
print(list(d), list(d.keys()), list(d.values()), list(d.items()))
print(d.keys(), d.values(), d.items())
del d["a"]
print(d, d.pop("b"), d.pop("missing", "default"), d)
print(d.setdefault("c", 100), d.setdefault("n", []), d)
d.update({"x": 1}, y=2)
d.update([("z", 3)])
print(d)
print(d.popitem(), d)
e = dict(a=1, b=2)
f = dict([("k", "v")], extra=True)
print(e, f, dict(e), dict.fromkeys("ab", 0), dict.fromkeys([1, 2]))
print({**e, "c": 3, **{"a": 100}}, e | {"z": 26})
e |= {"b": 200}
print(e)
for k, v in sorted({"q": 1, "p": 2}.items()):
    print(k, v)
counts = {}
for ch in "mississippi":
    counts[ch] = counts.get(ch, 0) + 1
print(counts, sorted(counts, key=counts.get, reverse=True))
nested = {"a": {"b": {"c": 1}}}
print(nested["a"]["b"]["c"], {1: "int", "1": "str", (1,): "tuple", None: "none"})
e.clear()
print(e, {} == e, {"a": 1} == {"a": 1.0}, {1: 2} != {1: 3})
d2 = {i: i * i for i in range(5)}
for k in list(d2):
    if k % 2:
        del d2[k]
print(d2, d2.copy())
