seen = set()
for item in [1, "two", (3, 4), [5, 6]]:
    seen.add(item)
    print("added", item)
