values = "10 20 x30".split()
total = sum([int(v) for v in values])
print(total)
