nums = [4, -2, 7, 0, 3]
print(len(nums), sum(nums), sum(nums, 100), min(nums), max(nums), sorted(nums), sorted(nums, reverse=True))
print(min(3, 1, 2), max("apple", "pear", key=len), min([], default="empty"), max([[1, 2], [1, 3]]))
print(any([0, 0, 1]), any([]), all([1, 2, 3]), all([]), all([1, 0]))
print(sum([0.1] * 10), sum([[1], [2]], []), abs(-7), divmod(17, 5), divmod(-17, 5), pow(3, 4))
print(round(3.14159, 2), round(2.5), sorted("hello"), sorted([(2, "b"), (1, "a")]))
print(list(enumerate("ab")), list(zip()), list(zip([1, 2], "abc", [True, False, None])))
try:
    min([])
except ValueError as e:
    print("ValueError:", e)
try:
    sum(["a", "b"], "")
except TypeError as e:
    print("TypeError:", e)
try:
    sorted([1, "a"])
except TypeError as e:
    print("TypeError:", e)
