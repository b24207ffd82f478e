big = 10 ** 30
print(big // 7, big % 7, -big // 7, -big % 7, big // -7, big % -7)
print(divmod(big, 12345), divmod(-big, 12345))
print(big * big, big ** 2 == big * big, (big + 1) * (big - 1) == big ** 2 - 1)
print(big >> 50, big << 3, -big >> 70, (big & (2 ** 40 - 1)), big | 1, big ^ big)
print(big / 3, big / big, 1 / big, float(big), int(float(big)) == big)
print(abs(-big), -(-big), +big, ~big, big == 10 ** 30, big != big + 1)
print(max(big, big + 1), min(-big, 0), sorted([big, -big, 0, 1]))
print(hash(big) == hash(big), str(2 ** 200)[:30], len(str(3 ** 1000)))
x = 1
for i in range(100):
    x = x * 3 + 1
print(x % 1000, x.bit_length())
