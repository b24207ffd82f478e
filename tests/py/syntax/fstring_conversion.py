v = 1.5
print(f"{v!x}")
