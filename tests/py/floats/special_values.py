inf = float("inf")
nan = float("nan")
print(inf, -inf, nan, inf + 1, inf - inf, inf * 0, -inf < -1e308, inf == inf)
print(1e308 * 10, -1e308 * 10, 5e-324 / 2, 2.0 ** 1023 * 2 == inf)
print(float("1e500"), float("-1e500"), float("1e-500"))
print(repr(-0.0), -0.0 == 0.0, 1 / inf, -1 / inf)
print(int(1e18), int(-1.5))
try:
    int(inf)
except OverflowError as e:
    print("OverflowError:", e)
try:
    round(nan)
except ValueError as e:
    print("ValueError:", e)
try:
    2.0 ** 10000
except OverflowError as e:
    print("OverflowError:", e)
print(sorted([3.0, -inf, inf, 0.0]), max(1.0, inf), min(-inf, 0))
