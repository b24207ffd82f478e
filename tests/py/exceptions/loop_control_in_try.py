def search(matrix, target):
    for r, row in enumerate(matrix):
        for c, v in enumerate(row):
            try:
                if v == target:
                    return (r, c)
                if v < 0:
                    break
            finally:
                pass
    return None

m = [[1, 2, 3], [4, -1, 6], [7, 8, 9]]
print(search(m, 8), search(m, 6), search(m, 42))

def count_until_error(xs):
    n = 0
    while True:
        try:
            x = xs[n]
            if x is None:
                continue
            n += 1
        except IndexError:
            break
        finally:
            if n > 100:
                return "runaway"
    return n

print(count_until_error([1, 2, 3]))
total = 0
for i in range(5):
    try:
        if i == 2:
            continue
        total += i
    except Exception:
        pass
    else:
        total += 10
print(total)
