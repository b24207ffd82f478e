records = [("bob", 3), ("amy", 1), ("cat", 3), ("dan", 2), ("eve", 1), ("fay", 2)]
print(sorted(records, key=lambda r: r[1]))
print(sorted(records, key=lambda r: r[1], reverse=True))
print(sorted(records, key=lambda r: (-r[1], r[0])))
nums = [5, -3, 2, -8, 0, 7]
print(sorted(nums, key=abs), sorted(nums, key=lambda x: x * x, reverse=True))
words = "the Quick brown fox Jumps over The lazy dog".split()
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len, reverse=True))
print(sorted({"b": 1, "a": 2}), sorted("hello world"), sorted([3.5, 1, 2.25]))
lst = [3, 1, 2]
lst.sort(key=lambda x: -x)
print(lst, sorted([]), sorted([[2, 1], [1, 2], [1]]))
print(sorted([(1, "b"), (1, "a"), (0, "z")]), sorted(range(10), key=lambda n: n % 3))
