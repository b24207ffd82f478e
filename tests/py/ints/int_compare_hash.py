print(hash(1), hash(-1), hash(0), hash(2 ** 61), hash(2 ** 61 - 1), hash(-(2 ** 64)), hash(True))
print(hash(1) == hash(1.0), hash(2 ** 100) == hash(float(2 ** 100)))
print(1 == 1.0, 2 ** 53 + 1 == float(2 ** 53 + 1), 10 ** 20 < 1e21, -5 < -4.5)
print(max(3, 2 ** 70, -1), min([5, -10 ** 30, 2]))
d = {1: "int", 1.0: "float", True: "bool"}
print(d)
print(sorted([3, -1, 2 ** 65, 0, -(2 ** 65)]))
