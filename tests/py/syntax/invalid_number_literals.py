mask = 0b1012
print(mask)
