def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)

print(fact(20), fact(50))

def hanoi(n, src, dst, via, moves):
    if n:
        hanoi(n - 1, src, via, dst, moves)
        moves.append((src, dst))
        hanoi(n - 1, via, dst, src, moves)
    return moves

print(len(hanoi(10, "A", "C", "B", [])), hanoi(2, "A", "C", "B", []))

def permutations(xs):
    if len(xs) <= 1:
        return [xs]
    out = []
    for i in range(len(xs)):
        for p in permutations(xs[:i] + xs[i + 1:]):
            out.append([xs[i]] + p)
    return out

print(permutations([1, 2, 3]))

def flatten(x):
    if isinstance(x, list):
        out = []
        for item in x:
            out.extend(flatten(item))
        return out
    return [x]

print(flatten([1, [2, [3, [4, [5]]]], 6]))

def ackermann(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))

print(ackermann(2, 3))

def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)

print(depth(900))
is_even = lambda n: True if n == 0 else is_odd(n - 1)
is_odd = lambda n: False if n == 0 else is_even(n - 1)
print(is_even(100), is_odd(7))
