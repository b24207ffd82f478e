for a, b in [(7, 3), (-7, 3), (7, -3), (-7, -3), (0, 5), (6, 3)]:
    print(a, b, a + b, a - b, a * b, a // b, a % b, divmod(a, b), a / b)
print(2 ** 10, 2 ** 0, (-2) ** 3, 2 ** -1, 0 ** 0)
print(-(5), +(-5), ~5, ~-1, abs(-12))
print(7 // 2 * 2 + 7 % 2)
print(10 - 3 - 2, 2 ** 3 ** 2, -2 ** 2, (-2) ** 2)
print(1_000_000 + 0x10 + 0o17 + 0b101)
print(int(True) + True, True + True, True * 10, False - 1)
