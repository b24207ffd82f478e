def run(n):
    items = []
    acc = 0
    for i in range(n):
        items.append(i)
        if len(items) > 100:
            acc += items.pop()
            items.clear()
    s = "abc"
    for i in range(n // 10):
        acc += len(s.upper())
    return acc

print(run(3_000_000))
