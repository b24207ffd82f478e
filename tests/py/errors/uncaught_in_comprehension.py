def inverse(x):
    return 1 / x

values = [4, 2, 0, 1]
print([inverse(v) for v in values])
