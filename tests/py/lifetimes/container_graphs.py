"""Graph and tree structures built only from lists, dicts and sets, as a router,
a config loader and a dependency resolver build them: adjacency dicts that name
each other, trees whose nodes are dicts with parent links, work lists that hold
themselves. Dropping them leaves reference cycles of built-in containers alone,
which the cycle collector must find and free."""
import gc

gc.disable()  # collections happen where this program asks for them
gc.collect()


def build_network(n):
    """Routers as dicts; each links to its peers' dicts (both ways)."""
    routers = [{"name": f"r{i}", "peers": [], "routes": {}} for i in range(n)]
    for i, r in enumerate(routers):
        peer = routers[(i + 1) % n]
        r["peers"].append(peer)
        peer["peers"].append(r)
        r["routes"][peer["name"]] = peer
    return routers[0]


def build_config_tree(depth, fanout):
    """A config tree: each section a dict with a parent link and a child list."""
    root = {"key": "root", "parent": None, "children": []}
    frontier = [root]
    for level in range(depth):
        nxt = []
        for node in frontier:
            for k in range(fanout):
                child = {"key": f"{node['key']}.{k}", "parent": node, "children": []}
                node["children"].append(child)
                nxt.append(child)
        frontier = nxt
    return root


def count_sections(node):
    return 1 + sum(count_sections(c) for c in node["children"])


# A list holding itself, a dict holding itself, a list and dict holding each other.
for i in range(100):
    worklist = []
    worklist.append(worklist)
    registry = {}
    registry["self"] = registry
    x = [1]
    y = {"x": x}
    x.append(y)
del worklist, registry, x, y
print("self-referencing containers:", gc.collect())

# The whole network: 5 routers, each a dict with a list of peers and a dict of routes.
net = build_network(5)
print("network size:", len(net["peers"]) + 1)
del net
print("network collected:", gc.collect())

# A config tree with parent links: every section is its own cycle with its parent.
tree = build_config_tree(3, 3)
sections = count_sections(tree)
print("sections:", sections)
del tree
print("config tree collected:", gc.collect())

# A dependency graph as a dict of sets of node dicts: the sets close the cycles.
nodes = {name: {"name": name, "deps": set(), "users": []} for name in "abcdef"}
graph = {name: [] for name in nodes}
for a, b in ["ab", "bc", "cd", "da", "ef"]:
    graph[a].append(nodes[b])
    nodes[b]["users"].append(graph[a])
nodes["a"]["graph"] = graph
graph["f"].append(nodes)
del nodes, graph
print("dependency graph collected:", gc.collect())

# Cycles still referenced from the running program are left alone.
keep = []
keep.append(keep)
held = {"me": None}
held["me"] = held
print("nothing to collect while referenced:", gc.collect())
print("still intact:", keep[0] is keep, held["me"] is held)
del keep, held
print("collected once dropped:", gc.collect())

# A set of frozen keys pointing back through a list: sets take part too.
bucket = []
index = {"bucket": bucket}
bucket.append(index)
bucket.append({1, 2, 3})
del bucket, index
print("set and friends collected:", gc.collect())

# What the collector tracks, as CPython reports it.
print("tracked:", gc.is_tracked([]), gc.is_tracked(set()), gc.is_tracked({}),
      gc.is_tracked({"k": "v"}), gc.is_tracked({"k": []}), gc.is_tracked(42))
probe = [1, 2, 3]
probe_dict = {"inner": probe}
print("list among gc objects:", any(o is probe for o in gc.get_objects()))
print("dict holding a list among gc objects:",
      any(o is probe_dict for o in gc.get_objects()))
gc.enable()
settings = {"retries": 3, "name": "svc"}
print("dict of atoms among gc objects:", any(o is settings for o in gc.get_objects()))
