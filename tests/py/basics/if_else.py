def classify(n):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    elif n < 10:
        return "small"
    else:
        return "large"

for n in [-5, 0, 3, 42]:
    print(n, classify(n))

x = 7
print("odd" if x % 2 else "even")
print(1 < x < 10, 1 < x > 10, x == 7 != 8)
print(not x, not 0, not [], not [0])
print(0 or "default", 5 or "x", 0 and 1, 2 and 3, None or [] or "last")
if []:
    print("no")
elif {}:
    print("no")
else:
    print("empty containers are false")
