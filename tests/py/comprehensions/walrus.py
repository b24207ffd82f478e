# Assignment expressions: in conditions and loops, and inside comprehensions, where
# they bind in the enclosing function or module (PEP 572).

def running_totals(values):
    total = 0
    sums = [total := total + v for v in values]
    return sums, total


print(running_totals([1, 2, 3, 4]))


def first_long(words, n):
    if any(len(found := w) > n for w in words):
        return found
    return None


print(first_long(["ab", "abcd", "abcdef"], 3), first_long(["a"], 3))


def last_match(lines):
    hits = [line for line in lines if (m := line.find("=")) > 0]
    return hits, m


print(last_match(["a=1", "no", "bb=2", "c"]))


def nested_scopes():
    rows = [[y := x * r for x in range(3)] for r in range(1, 3)]
    return rows, y


print(nested_scopes())


def closure_sees_it():
    data = [1, 5, 9]
    big = [v for v in data if (last := v) > 2]
    get = lambda: last
    return big, get()


print(closure_sees_it())

chunks = []
data = list(range(10))
while (chunk := data[:3]):
    chunks.append(chunk)
    data = data[3:]
print(chunks)

values = [n for n in range(20) if (sq := n * n) % 3 == 1]
print(values, sq)
print({k: (half := k // 2) for k in range(5)}, half)
print(sum(x for x in range(5) if (seen := x) >= 0), seen)

if (n := len("walrus")) > 3:
    print(f"{n} letters")


def inner_function_binds_locally():
    def f():
        [z := i for i in range(3)]
        return z
    return f()


print(inner_function_binds_locally())
