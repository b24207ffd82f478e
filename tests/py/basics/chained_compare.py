def noisy(v, log):
    log.append(v)
    return v

log = []
print(noisy(1, log) < noisy(2, log) < noisy(3, log))
print(log)
log = []
print(noisy(3, log) < noisy(2, log) < noisy(5, log))
print(log)
print(1 == 1.0 == True)
print("a" < "b" <= "b" < "c")
print([1, 2] < [1, 3], (1, 2) < (1, 2, 0), [1, [2]] == [1, [2]])
print(2 in [1, 2, 3], "x" not in "abc", 3 in range(0, 10, 3), 4 in range(0, 10, 3))
a, b, n = [], [], None
print(None is None, a is b, n is not None)
