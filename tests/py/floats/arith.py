for a, b in [(7.5, 2), (-7.5, 2), (7.5, -2), (1e10, 3.0), (0.1, 0.03)]:
    print(a, b, a + b, a - b, a * b, a / b, a // b, a % b, divmod(a, b))
print(2.0 ** 10, 2 ** 0.5, 4 ** -0.5, (-8.0) ** 2, 10.0 ** -3)
print(1.5 + 2, 3 - 0.5, 2 * 0.25, 7 // 2.0, -7 // 2.0, 7 % -2.0, -0.0 % 5)
print(float(3), float("  2.5 "), float("-1e3"), float("inf"), float("-Infinity"), float("1_000.5"))
for bad in ["abc", "", "1.2.3", "1e", "--1"]:
    try:
        float(bad)
    except ValueError as e:
        print("ValueError:", e)
print(0.1 + 0.2 == 0.3, abs(0.1 + 0.2 - 0.3) < 1e-9)
print((1.5).is_integer(), (2.0).is_integer(), (0.75).as_integer_ratio(), (2.5).real, (2.5).imag)
