from collections import defaultdict, deque

EDGES = [
    ("shirt", "tie"), ("tie", "jacket"), ("trousers", "shoes"),
    ("trousers", "belt"), ("belt", "jacket"), ("shirt", "belt"),
    ("socks", "shoes"), ("undershorts", "trousers"), ("undershorts", "shoes"),
]

graph = defaultdict(list)
indegree = defaultdict(int)
for a, b in EDGES:
    graph[a].append(b)
    indegree[b] += 1
    indegree[a] += 0
print(type(graph).__name__, len(graph), sorted(graph))
print(graph["shirt"], graph["nothing"], "nothing" in graph)

def topo_sort():
    ready = deque(sorted([n for n in indegree if indegree[n] == 0]))
    order = []
    deg = dict(indegree)
    while ready:
        n = ready.popleft()
        order.append(n)
        for m in sorted(graph[n]):
            deg[m] -= 1
            if deg[m] == 0:
                ready.append(m)
    return order

print(topo_sort())

by_len = defaultdict(set)
for word in ["apple", "fig", "kiwi", "plum", "pear", "banana", "date"]:
    by_len[len(word)].add(word)
for k in sorted(by_len):
    print(k, sorted(by_len[k]))

def tree():
    return defaultdict(tree)

t = tree()
t["animals"]["mammals"]["cat"] = 1
t["animals"]["birds"]["owl"] = 2
t["plants"]["trees"]["oak"] = 3

def walk(node, depth=0):
    for k in sorted(node):
        v = node[k]
        if isinstance(v, dict):
            print("  " * depth + k)
            walk(v, depth + 1)
        else:
            print("  " * depth + f"{k} = {v}")

walk(t)
d = defaultdict(lambda: "n/a", {"a": "x"})
print(d["a"], d["b"], sorted(d.items()))
print(defaultdict(int, a=1), defaultdict(list), defaultdict(None, {1: 2}))
plain = defaultdict()
try:
    plain["missing"]
except KeyError as e:
    print("KeyError:", e)
try:
    defaultdict("not callable")
except TypeError as e:
    print("TypeError:", e)
copy = by_len.copy()
print(type(copy).__name__, copy.default_factory, copy == by_len, copy is by_len)
print(dict(defaultdict(int, {"k": 1}) | {"z": 2}))
