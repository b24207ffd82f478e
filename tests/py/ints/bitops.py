print(0b1100 & 0b1010, 0b1100 | 0b1010, 0b1100 ^ 0b1010)
print(1 << 10, 1 << 70, 1024 >> 3, -1024 >> 3, -1 >> 100, 5 >> 0)
print(-5 & 0xff, -5 | 3, -5 ^ 3, ~0, ~(2 ** 80))
print((2 ** 80 + 5) & 0xffff, (2 ** 80) | 1, (2 ** 80) ^ (2 ** 80))
print((255).bit_length(), (0).bit_length(), (-256).bit_length(), (2 ** 100).bit_length())
print(bin(10), oct(64), hex(255), hex(-255), bin(-3), hex(2 ** 70))
print(True & False, True | False, True ^ True)
flags = 0
for bit in (0, 3, 5):
    flags |= 1 << bit
print(flags, [b for b in range(8) if flags >> b & 1])
