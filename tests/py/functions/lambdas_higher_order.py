nums = [5, 3, 8, 1, 9, 2]
print(list(map(lambda x: x * x, nums)))
print(list(filter(lambda x: x % 2, nums)))
print(list(map(lambda a, b: a + b, [1, 2, 3], [10, 20, 30, 40])))
print(sorted(nums, key=lambda x: -x), max(nums, key=lambda x: x % 5), min(["bb", "a", "ccc"], key=len))
print(list(filter(None, [0, 1, "", "x", None, [], [0]])))
print(sum(map(int, "1 2 3 4".split())), list(map(str.upper, ["a", "b"])))
apply = lambda f, *args: f(*args)
print(apply(pow, 2, 8), apply(lambda: "no args"))
def reduce(f, xs, init):
    acc = init
    for x in xs:
        acc = f(acc, x)
    return acc
print(reduce(lambda a, b: a * b, range(1, 8), 1), reduce(lambda a, b: b + a, "abc", ""))
table = {"+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b}
print([table[op](6, 3) for op in "+-*"])
print((lambda *a, **k: (a, k))(1, x=2))
