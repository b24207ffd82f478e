# A build planner: reachability and change propagation over a module graph, done
# with sets updated in place (|=, -=, &=, ^= and the *_update methods) in loops,
# the way a crawler or a dataflow pass keeps its visited and frontier sets.
# Big enough that copying the whole set at every update would take minutes.

N = 20000


def deps_of(i):
    # every module imports two lower-numbered ones (a DAG)
    return {(i * 7) % (i or 1), (i // 3)} - {i}


graph = {i: deps_of(i) for i in range(N)}

# Reverse edges, built with .update and |= on growing sets.
users = {i: set() for i in range(N)}
for mod, deps in graph.items():
    for d in deps:
        users[d] |= {mod}

# Everything that must rebuild when module 1 changes: a worklist with a
# visited set that only grows.
seen = set()
frontier = {1}
rounds = 0
while frontier:
    rounds += 1
    seen |= frontier
    nxt = set()
    for m in frontier:
        nxt.update(users[m])
    nxt -= seen
    frontier = nxt
print("rebuild after 1:", len(seen), "modules in", rounds, "rounds")

# A visited set grown one element at a time, through every spelling.
visited = set()
for i in range(N):
    if i % 4 == 0:
        visited.add(i)
    elif i % 4 == 1:
        visited.update((i,))
    elif i % 4 == 2:
        visited |= {i}
    else:
        visited.update([i], (i,))
print("visited:", len(visited), min(visited), max(visited))

# Shrinking in place: difference_update with several arguments, &=, ^=.
live = set(range(N))
for i in range(0, N, 10):
    live.difference_update(range(i, i + 3), [i + 5])
print("live after sweeps:", len(live))
live &= frozenset(range(0, N, 2))
print("even live:", len(live), sorted(live)[:6])
toggle = set(range(10))
for i in range(5, 15):
    toggle ^= {i}
print("toggled:", sorted(toggle))
toggle.symmetric_difference_update(range(0, 20, 3))
print("toggled again:", sorted(toggle))
toggle.intersection_update(range(20), {1, 2, 3, 4, 9, 12, 13, 14})
print("kept:", sorted(toggle))

# A set updated with itself, and frozensets left untouched by -= on a set.
s = {1, 2, 3}
s |= s
s &= s
print("self |= and &=:", sorted(s))
s ^= s
print("self ^=:", s)
s = {1, 2, 3}
s -= s
print("self -=:", s)
base = frozenset({1, 2, 3})
work = set(base)
work -= {2}
print("frozen base kept:", sorted(base), "work:", sorted(work))
fb = base
fb |= {9}
print("frozenset |= makes a new one:", sorted(base), sorted(fb), fb is base)

# Comparisons and algebra of sets of tuples and frozensets (no copies needed),
# and of sets holding user keys (compared through __eq__).
edges = {(a, b) for a in range(30) for b in deps_of(a) if b < a}
tree = {(a, a // 3) for a in range(1, 30)}
print("tree edges in graph:", len(tree & edges), (tree & edges) <= edges)
groups = {frozenset({1, 2}), frozenset({3}), frozenset()}
groups |= {frozenset({2, 1})}
print("groups:", sorted(sorted(g) for g in groups))


class Version:
    def __init__(self, text):
        self.parts = tuple(int(p) for p in text.split("."))

    def __eq__(self, other):
        return isinstance(other, Version) and self.parts == other.parts

    def __hash__(self):
        return hash(self.parts)

    def __repr__(self):
        return "Version(%r)" % ".".join(map(str, self.parts))


installed = {Version("1.0"), Version("1.2.3"), Version("2.0")}
wanted = {Version("1.2.3"), Version("3.1")}
installed |= wanted
installed -= {Version("1.0")}
print("installed:", sorted(installed, key=lambda v: v.parts))
print("subset:", wanted <= installed, {Version("2.0")} < installed)
installed.intersection_update([Version("2.0"), Version("3.1"), Version("9")])
print("after intersection:", sorted(installed, key=lambda v: v.parts))

# A set of frozensets asked with plain sets: CPython looks up the frozenset a set
# key stands for (in, remove, discard), and KeyError names the key as given.
seen_groups = {frozenset({1, 2}), frozenset({3}), frozenset()}
print("set keys:", {2, 1} in seen_groups, set() in seen_groups, {9} in seen_groups,
      {3} in frozenset(seen_groups))
seen_groups.discard({3})
seen_groups.remove(set())
print("left:", sorted(map(sorted, seen_groups)))
try:
    seen_groups.remove({7, 8})
except KeyError as e:
    print("KeyError:", e.args[0] == {7, 8}, type(e.args[0]).__name__)


class TagSet(set):
    pass


print("subclass key:", TagSet({1, 2}) in seen_groups)
try:
    [1] in seen_groups
except TypeError as e:
    print("TypeError:", e)

# `in` on a list compares item by item, each held while a user __eq__ runs,
# even one that empties the list.
queue = [1, "a", (2, 3), None]


class Meddler:
    def __eq__(self, other):
        queue.clear()
        return False


print("in list:", (2, 3) in queue, 5 in queue, None in queue, Meddler() in queue, queue)
