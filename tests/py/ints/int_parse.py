print(int("42"), int("  -17  "), int("+8"), int("1_000"))
print(int("ff", 16), int("FF", 16), int("0xff", 16), int("0xff", 0), int("777", 8), int("0o777", 0))
print(int("101", 2), int("0b101", 0), int("z", 36), int("10", 36))
print(int(3.99), int(-3.99), int(True), int("123456789012345678901234567890"))
print(int(1e20), int(-0.5))
for bad in ["", "abc", "1.5", "0x", "1__0", "_1", "12a"]:
    try:
        int(bad)
    except ValueError as e:
        print("ValueError:", e)
try:
    int("9", 8)
except ValueError as e:
    print("ValueError:", e)
try:
    int("10", 99)
except ValueError as e:
    print("ValueError:", e)
try:
    int(5, 2)
except TypeError as e:
    print("TypeError:", e)
try:
    int([1])
except TypeError as e:
    print("TypeError:", e)
try:
    int(float("inf"))
except OverflowError as e:
    print("OverflowError:", e)
try:
    int(float("nan"))
except ValueError as e:
    print("ValueError:", e)
