names = ["ann", "bob", "cy"]
ages = [31, 42]
for i, name in enumerate(names):
    print(i, name)
for i, name in enumerate(names, 1):
    print(i, name)
print(list(zip(names, ages)), list(zip(names, range(100), "xyz")))
print(dict(zip(names, ages)), list(enumerate(zip("ab", "cd"))))
pairs = list(zip(*[(1, "a"), (2, "b"), (3, "c")]))
print(pairs)
nums, letters = zip(*[(1, "a"), (2, "b")])
print(nums, letters)
print(list(zip()), list(zip([])), list(enumerate([])), list(enumerate("ab", start=-1)))
total = 0
for idx, (a, b) in enumerate(zip([1, 2, 3], [10, 20, 30])):
    total += idx * (a + b)
print(total)
