points = [(1, 2), (3, 4), (5, 6, 7)]
for x, y in points:
    print(x + y)
