from itertools import permutations, combinations, combinations_with_replacement, product

print(list(permutations("abc", 2)))
print(list(permutations([1, 2, 3])))
print(list(permutations("ab", 0)), list(permutations("ab", 3)), list(permutations("")))
print(list(combinations("abcd", 2)))
print(list(combinations("abc", 0)), list(combinations("abc", 4)), list(combinations("", 0)))
print(list(combinations_with_replacement("abc", 2)))
print(list(combinations_with_replacement("", 2)), list(combinations_with_replacement("", 0)))
print(list(combinations_with_replacement("ab", 3)))
print(len(list(permutations(range(6)))), len(list(combinations(range(10), 4))))
print(list(product([1, 2], "xy", repeat=2))[:5])
print(list(permutations(range(3), r=2)))
print(list(combinations(r=2, iterable="xyz")))
it = permutations([1, 2])
print(next(it), next(it))
try:
    next(it)
except StopIteration:
    print("done")
print(list(product(range(3), repeat=1)))
