from itertools import accumulate, starmap

def checked_div(a, b):
    return a / b

print(list(starmap(checked_div, [(6, 3), (5, 2)])))
totals = accumulate([10, 5, 0, 2], checked_div)
print(next(totals), next(totals))
print(list(totals))
