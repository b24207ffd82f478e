a = 2 ** 100
b = 3 ** 70
print(a, b)
print(a + b, a - b, a * b)
print(a // b, a % b, b // 7, b % 7)
print(-a // 7, -a % 7, a // -7, a % -7)
print(divmod(-b, 12345678901))
print(a ** 3)
print(2 ** 64 - 1, -(2 ** 63), 2 ** 63 - 1 + 1)
x = 9223372036854775807
print(x + 1, x * 2, -x - 2, (x + 1) // 2)
print(abs(-a), -a, +a)
print(a == 2 ** 100, a > b, a < b, a == 1.2676506002282294e30)
f = 1
for i in range(1, 31):
    f *= i
print("30! =", f)
print(len(str(2 ** 1000)))
print(12345678901234567890123 // 10 ** 10, 12345678901234567890123 % 10 ** 10)
print(2 ** 100 / 2 ** 98)
print(sum(range(10 ** 6)))
