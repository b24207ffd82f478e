d = {"a": 1, "b": 2, "c": 3}
k, v, it = d.keys(), d.values(), d.items()
print(k, v, it)
d["d"] = 4
print(len(k), list(v), ("d", 4) in it, "a" in k, 5 in v)
print(sorted(k), list(reversed(list(it))), bool(d.keys()), bool({}.keys()))
for key, value in d.items():
    print(key, "->", value)
print(dict(d.items()) == d, list(map(lambda kv: kv[0] * kv[1], d.items())))
inverted = {}
for key, value in {"x": 1, "y": 2, "z": 1}.items():
    inverted.setdefault(value, []).append(key)
print(inverted)
