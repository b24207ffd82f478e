from itertools import takewhile, dropwhile, filterfalse, compress, starmap

readings = [3, 5, 8, 13, 2, 1, 21]
print(list(takewhile(lambda x: x < 10, readings)))
print(list(dropwhile(lambda x: x < 10, readings)))
print(list(takewhile(lambda x: True, [])), list(dropwhile(lambda x: True, [1, 2])))
print(list(filterfalse(lambda x: x % 2, readings)))
print(list(filterfalse(None, [0, 1, "", "a", None, [], [0]])))

calls = []
def noisy(x):
    calls.append(x)
    return x < 3

print(list(dropwhile(noisy, [1, 2, 3, 1, 2])), calls)
calls.clear()
print(list(takewhile(noisy, [1, 2, 3, 1, 2])), calls)

names = ["ann", "bob", "cy", "di"]
present = [1, 0, 1, 1]
print(list(compress(names, present)))
print(list(compress("abcdef", [1, 0, 1])), list(compress("ab", [1, 1, 1, 1])))

print(list(starmap(pow, [(2, 5), (3, 2), (10, 3)])))
print(list(starmap(max, [[1, 5, 3], "xyz"])))
print(list(starmap(lambda a, b: a + b, zip("abc", "xyz"))))

# Parse a header block: lines until the first blank one.
text = "From: ann\nTo: bob\nSubject: hi\n\nBody line 1\nBody line 2"
lines = text.split("\n")
header = list(takewhile(lambda l: l, lines))
body = list(dropwhile(lambda l: l, lines))[1:]
print(header)
print(body)
try:
    list(starmap(len, [[1, 2]]))
except TypeError as e:
    print("TypeError:", e)
