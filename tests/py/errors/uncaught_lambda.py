ops = {"inc": lambda x: x + 1, "half": lambda x: x / 0}
print(ops["inc"](1))
print(list(map(ops["half"], [4])))
