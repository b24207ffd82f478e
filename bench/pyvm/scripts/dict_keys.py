def run(n):
    d = {}
    for i in range(n):
        d[i] = i * 2
    hits = 0
    for i in range(0, 2 * n, 2):
        if i in d:
            hits += 1
    total = 0
    for k in d:
        total += d[k]
    return hits, total

print(run(1_000_000))
