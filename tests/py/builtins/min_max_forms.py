print(min(3, 1, 2), max(3, 1, 2), min([4, 5]), max((4, 5)), min("zebra"), max("apple", "banana"))
print(min([1, 2], [1, 1]), max({"a": 1, "z": 0}), min([], default=None), max([], default=-1))
print(min(["aa", "b", "ccc"], key=len), max(["aa", "b", "ccc"], key=len), max([3, -7, 5], key=abs))
print(min(1, 1.0), max(1.0, 1), min(True, 0), max(-0.0, 0))
pairs = [("x", 3), ("y", 1), ("z", 3)]
print(max(pairs, key=lambda p: p[1]), min(pairs, key=lambda p: p[1]))
for bad in [lambda: min(), lambda: max([]), lambda: min(1), lambda: max(1, 2, default=0), lambda: min([1, "a"])]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
