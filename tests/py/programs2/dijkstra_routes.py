# Shortest paths with Dijkstra's algorithm on adjacency lists (a plain list used as
# the frontier), path reconstruction, and an all-pairs table.

ROADS = """
Amsterdam Utrecht 45
Amsterdam Haarlem 20
Haarlem Leiden 30
Leiden DenHaag 20
Leiden Utrecht 55
DenHaag Rotterdam 25
Utrecht Rotterdam 60
Utrecht Arnhem 65
Rotterdam Breda 50
Breda Eindhoven 60
Arnhem Eindhoven 80
Eindhoven Maastricht 90
Groningen Zwolle 105
"""


def build(text):
    graph = {}
    for line in text.strip().splitlines():
        a, b, km = line.split()
        km = int(km)
        graph.setdefault(a, []).append((b, km))
        graph.setdefault(b, []).append((a, km))
    for edges in graph.values():
        edges.sort()
    return graph


def dijkstra(graph, source):
    if source not in graph:
        raise KeyError(f"unknown city {source!r}")
    dist = {source: 0}
    prev = {}
    frontier = [(0, source)]
    done = set()
    while frontier:
        best = min(range(len(frontier)), key=lambda i: frontier[i])
        d, node = frontier.pop(best)
        if node in done:
            continue
        done.add(node)
        for nxt, w in graph[node]:
            nd = d + w
            if nd < dist.get(nxt, float("inf")):
                dist[nxt] = nd
                prev[nxt] = node
                frontier.append((nd, nxt))
    return dist, prev


def path(prev, source, target):
    if target != source and target not in prev:
        return None
    out = [target]
    while out[-1] != source:
        out.append(prev[out[-1]])
    return out[::-1]


graph = build(ROADS)
print(len(graph), "cities,", sum([len(e) for e in graph.values()]) // 2, "roads")
dist, prev = dijkstra(graph, "Amsterdam")
for city in sorted(dist, key=lambda c: (dist[c], c)):
    p = path(prev, "Amsterdam", city)
    print(f"{city:<11}{dist[city]:>5} km  " + " -> ".join(p))
print("Groningen reachable:", "Groningen" in dist, path(prev, "Amsterdam", "Groningen"))

cities = sorted(["Amsterdam", "Leiden", "Rotterdam", "Eindhoven", "Maastricht"])
print(" " * 11 + "".join([f"{c[:6]:>8}" for c in cities]))
for a in cities:
    d, _ = dijkstra(graph, a)
    print(f"{a:<11}" + "".join([f"{d[b]:>8}" for b in cities]))

# closing a road changes the route
graph["Leiden"] = [e for e in graph["Leiden"] if e[0] != "DenHaag"]
graph["DenHaag"] = [e for e in graph["DenHaag"] if e[0] != "Leiden"]
dist2, prev2 = dijkstra(graph, "Amsterdam")
print("after closing Leiden-DenHaag:", dist2["DenHaag"], path(prev2, "Amsterdam", "DenHaag"))
try:
    dijkstra(graph, "Paris")
except KeyError as e:
    print("KeyError:", e)
