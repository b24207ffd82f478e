items = [1, 2, 3]
while items.count = 3:
    items.pop()
