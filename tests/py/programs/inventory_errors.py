stock = {"apple": 3, "pear": 0}

def take(item, n):
    if not isinstance(n, int):
        raise TypeError(f"quantity must be int, not {type(n).__name__}")
    if n <= 0:
        raise ValueError(f"quantity must be positive: {n}")
    try:
        have = stock[item]
    except KeyError:
        raise KeyError(item) from None
    if have < n:
        raise RuntimeError(f"only {have} {item} left")
    stock[item] = have - n
    return stock[item]

requests = [("apple", 2), ("apple", 2), ("pear", 1), ("plum", 1), ("apple", -1), ("apple", 1.5), ("apple", 1)]
for item, n in requests:
    try:
        left = take(item, n)
    except KeyError as e:
        print(f"unknown item {e}")
    except (TypeError, ValueError) as e:
        print(f"bad request: {type(e).__name__}: {e}")
    except RuntimeError as e:
        print(f"cannot fulfil: {e}")
    else:
        print(f"took {n} {item}, {left} left")
print(stock)
