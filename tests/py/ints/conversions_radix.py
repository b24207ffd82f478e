for n in [0, 1, 7, 255, 256, -1, -255, 2 ** 64, -(2 ** 64) + 1]:
    print(n, bin(n), oct(n), hex(n), int(bin(n), 0), int(hex(n), 16))
print(int("  0x1F  ", 16), int("1e", 16), int("Z", 36), int("-0b1010", 0), int("00012"), int("0", 0))
print(f"{255:b} {255:o} {255:x} {255:X} {255:#b} {255:#o} {255:_b} {1234567:_}")
print((1024).to_bytes(2, "big"), (1024).to_bytes(4, "little"), (0).to_bytes(1, "big"))
print((2 ** 100).bit_length(), (-1).bit_length(), (12).bit_count())
try:
    int("0x10", 10)
except ValueError as e:
    print("ValueError:", e)
try:
    int("012", 0)
except ValueError as e:
    print("ValueError:", e)
