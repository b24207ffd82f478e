print(list(range(5)), list(range(2, 8)), list(range(0, 10, 3)), list(range(10, 0, -3)), list(range(5, 5)))
r = range(3, 20, 4)
print(r, len(r), r[0], r[-1], r[1:3], list(r[::-1]), 7 in r, 8 in r, r.start, r.stop, r.step)
print(range(0), range(1, 2), len(range(-5)), range(10)[2:8:2])
s = "abcdefgh"
print(s[1:6:2], s[::-3], s[-2::-2], s[5:1:-1], s[:0], s[10:20])
L = list(range(10))
print(L[slice(2, 5)], L[slice(None, None, -4)], slice(1, 5, 2))
sl = slice(3)
print(sl.start, sl.stop, sl.step, L[sl])
print(list(reversed(range(4))), list(reversed([1, 2, 3])), list(reversed("abc")))
try:
    range(1, 2, 0)
except ValueError as e:
    print("ValueError:", e)
try:
    L[::0]
except ValueError as e:
    print("ValueError:", e)
