a = [3, 1, 4, 1, 5, 9, 2, 6]
print(a, len(a), a[2], a[-1], a[2:5], a[::-1], a[::3], a[-3:], a[:-5])
a.append(7)
a.extend([8, 8])
a.insert(0, 0)
a.insert(-1, "x")
a.insert(100, "end")
print(a)
print(a.pop(), a.pop(0), a.pop(-2), a)
a.remove(1)
print(a, a.index(5), a.count(8), a.count(42))
a[1:3] = ["A", "B", "C"]
print(a)
a[::2] = [0] * len(a[::2])
print(a)
del a[0]
del a[-2:]
del a[::2]
print(a)
b = [5, 2, 8, 1]
b.sort()
print(b)
b.sort(reverse=True)
print(b)
b.reverse()
print(b, b.copy() == b, b.copy() is b)
words = ["banana", "Apple", "cherry", "apple"]
words.sort(key=str.lower)
print(words)
print(sorted(words, key=len), sorted(words, key=lambda w: (len(w), w)))
b.clear()
print(b, [] == b, [1, 2] * 2, [[0] * 2] * 2, list("abc"), list(range(3)))
nested = [[1, 2], [3, 4]]
copy = [row[:] for row in nested]
copy[0][0] = 99
print(nested, copy)
