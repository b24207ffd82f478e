print(pow(2, 10), pow(2, 10, 1000), pow(3, 200, 1000000007), pow(-2, 3, 5), pow(2, 3, -5))
print(pow(2, -2), pow(2.0, 3), pow(10, 20))
def modexp(b, e, m):
    result = 1
    b %= m
    while e:
        if e & 1:
            result = result * b % m
        b = b * b % m
        e >>= 1
    return result
print(modexp(7, 12345, 1000003), pow(7, 12345, 1000003))
print([pow(i, 2, 7) for i in range(10)])
try:
    pow(2, 3, 0)
except ValueError as e:
    print("ValueError:", e)
