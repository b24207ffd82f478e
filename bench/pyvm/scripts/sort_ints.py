def run(n):
    x = 12345
    data = []
    for i in range(n):
        x = (x * 1103515245 + 12345) % 2147483648
        data.append(x)
    data.sort()
    return data[0], data[n // 2], data[-1]

print(run(1_000_000))
