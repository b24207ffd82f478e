print(list(map(str, [1, 2, 3])), list(map(len, ["a", "bb", ""])), list(map(abs, [-1, 2, -3])))
print(list(map(lambda x, y: x * y, [1, 2, 3], [4, 5, 6])), list(map(pow, [2, 3], [3, 2])))
print(list(filter(lambda c: c.isupper(), "Hello World")), list(filter(None, [0, "", None, 3, "x"])))
m = map(int, "1 2 3".split())
print(sum(m), sum(m))
evens = filter(lambda n: n % 2 == 0, range(10))
print(next(evens), next(evens), list(evens))
def compose_all(fs):
    def run(x):
        for f in fs:
            x = f(x)
        return x
    return run
print(list(map(compose_all([abs, str, len]), [-5, 123, -4567])))
print(any(map(lambda s: s.startswith("p"), ["java", "python"])), all(map(str.isdigit, ["1", "22", "x"])))
print(sorted(map(lambda w: w[::-1], ["abc", "zy"])), max(map(len, ["a", "abcd", "ab"])))
