from collections import OrderedDict

class LRU:
    def __init__(self, capacity):
        self.capacity = capacity
        self.data = OrderedDict()
        self.evicted = []

    def get(self, key):
        if key not in self.data:
            return None
        self.data.move_to_end(key)
        return self.data[key]

    def put(self, key, value):
        if key in self.data:
            self.data.move_to_end(key)
        self.data[key] = value
        if len(self.data) > self.capacity:
            old, _ = self.data.popitem(last=False)
            self.evicted.append(old)

cache = LRU(3)
for k in "abc":
    cache.put(k, k.upper())
print(cache.data)
print(cache.get("a"), cache.get("z"))
cache.put("d", "D")
cache.put("b", "B2")
cache.put("e", "E")
print(cache.data, cache.evicted)

od = OrderedDict.fromkeys("xyz", 0)
print(od, list(od.keys()), list(reversed(od)))
od.move_to_end("x")
od.move_to_end("z", last=False)
print(od)
print(od.popitem(), od.popitem(last=False), od)
print(OrderedDict(), repr(OrderedDict(a=1)), OrderedDict([("k", [1, 2])]))
a = OrderedDict([(1, "a"), (2, "b")])
b = OrderedDict([(2, "b"), (1, "a")])
print(a == b, a == dict(b), dict(a) == b, a != b)
print(a | {3: "c"}, isinstance(a, dict), type(a.copy()).__name__)
try:
    OrderedDict().popitem()
except KeyError as e:
    print("KeyError:", e)
try:
    a.move_to_end("missing")
except KeyError as e:
    print("KeyError:", e)
a.setdefault(0, "zero")
a.update({5: "five"})
print(a, a.get(5), len(a))
