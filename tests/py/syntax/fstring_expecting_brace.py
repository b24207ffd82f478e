n = 3
print(f"{n + 1")
