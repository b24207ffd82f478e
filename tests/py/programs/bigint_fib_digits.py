def fib_pair(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a

f1000 = fib_pair(1000)
s = str(f1000)
print(len(s), s[:20], s[-20:])
print(sum(map(int, s)))
digits = {}
for ch in s:
    digits[ch] = digits.get(ch, 0) + 1
print(sorted(digits.items()))
print(f1000 % 1000000007, f1000.bit_length(), f1000 // 10 ** 200 % 1000)
n = 1
k = 0
while len(str(n)) < 100:
    k += 1
    n *= k
print("first factorial with 100 digits:", k)
