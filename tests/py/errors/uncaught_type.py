items = [1, 2, 3]
total = 0
for item in items:
    total = total + item
print(total)
message = "total: " + total
