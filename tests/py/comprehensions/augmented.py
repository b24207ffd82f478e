# Augmented assignment on subscripts and slices evaluates the container and the key
# once; chained comparisons evaluate each operand once; conditional expressions.

log = []


def key(k):
    log.append(f"key {k}")
    return k


def container(c, name):
    log.append(f"container {name}")
    return c


counts = {"a": 1}
container(counts, "counts")[key("a")] += 10
print(counts, log)
log.clear()

grid = [[1, 2], [3, 4]]
container(grid, "grid")[key(1)][key(0)] -= 5
print(grid, log)
log.clear()

words = {}
for w in "to be or not to be".split():
    words[w] = words.get(w, 0) + 1
    words[w] *= 1
print(words)

lst = [1, 2, 3, 4]
lst[1:3] += [9]
print(lst)
lst[::2] = [0, 0, 0]
print(lst)
nested = {"x": [1, 2]}
nested["x"][-1] **= 3
nested["x"] += [5]
print(nested)
s = ["a"]
s[0] += "b"
s[0] *= 2
print(s)
try:
    t = (1, 2)
    t[0] += 1
except TypeError as e:
    print("TypeError:", e, t)
try:
    d = {}
    d["missing"] += 1
except KeyError as e:
    print("KeyError:", e)


def val(v):
    log.append(v)
    return v


log.clear()
print(val(1) < val(2) < val(3), log)
log.clear()
print(val(1) < val(0) < val(3), log)
log.clear()
print(val(1) == val(1) != val(2) is not None, log)
print(1 < 2 > 1.5 >= 1.5 in [1.5], 3 > 2 == 2 < 1)
x = 5
print("big" if x > 3 else "small", "neg" if x < 0 else "zero" if x == 0 else "pos")
print([("even" if n % 2 == 0 else "odd") for n in range(3)])
