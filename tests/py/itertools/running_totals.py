from itertools import accumulate

deposits = [100, -20, 35, -50, 80, -10]
print(list(accumulate(deposits)))
print(list(accumulate(deposits, initial=1000)))
print(list(accumulate(deposits, max)))
print(list(accumulate(deposits, min)))
print(list(accumulate([1, 2, 3, 4, 5], lambda a, b: a * b)))
print(list(accumulate(["a", "b", "c"])))
print(list(accumulate([])), list(accumulate([], initial=7)))
print(list(accumulate([[1], [2], [3]])))
print(list(accumulate([1.5, 2.25, 3.0], func=lambda a, b: round(a + b, 2))))

# A bank statement with a running balance.
balance = accumulate(deposits, initial=0)
print("opening", next(balance))
for amount, bal in zip(deposits, balance):
    kind = "deposit " if amount > 0 else "withdraw"
    print("%s %5d  balance %5d" % (kind, abs(amount), bal))

# Running maximum drawdown.
peak = list(accumulate(deposits, max))
print([p - d for p, d in zip(peak, deposits)])
print(list(accumulate(deposits, initial=None)))
try:
    list(accumulate([1, "x"]))
except TypeError as e:
    print("TypeError:", e)
