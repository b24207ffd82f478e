scores = [3, 1, "2"]
print(sorted(scores[:2]))
print(sorted(scores))
