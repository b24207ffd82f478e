from itertools import chain, zip_longest, pairwise

print(list(chain([1, 2], (3,), "ab", range(2))))
print(list(chain()), list(chain([], [])))
nested = [[1, 2], [], [3], [4, 5, 6]]
print(list(chain.from_iterable(nested)))
print(list(chain.from_iterable(["ab", "cd"])))
print(list(chain(*nested)) == list(chain.from_iterable(nested)))
print(sorted(set(chain.from_iterable({"k": [1, 2], "j": [2, 3]}.values()))))

print(list(zip_longest("abc", [1, 2])))
print(list(zip_longest("ab", [1, 2, 3], fillvalue="-")))
print(list(zip_longest()), list(zip_longest([])), list(zip_longest([], [], fillvalue=0)))
print(list(zip_longest([1], [2, 3], [4, 5, 6], fillvalue=None)))

# A two-column table padded with blanks.
left = ["apples", "pears", "plums"]
right = ["bread"]
for a, b in zip_longest(left, right, fillvalue=""):
    print("%-8s|%-8s|" % (a, b))

print(list(pairwise([1, 4, 9, 16, 25])))
print([b - a for a, b in pairwise([3, 7, 8, 15])])
print(list(pairwise("a")), list(pairwise("")))

c = chain([1], 5, [2])
print(next(c))
try:
    next(c)
except TypeError as e:
    print("TypeError:", e)
