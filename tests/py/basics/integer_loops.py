total = 0
for i in range(1, 101):
    if i % 15 == 0:
        total += 15
    elif i % 5 == 0:
        total += 5
    elif i % 3 == 0:
        total += 3
print(total)
out = []
for i in range(1, 16):
    out.append("FizzBuzz" if i % 15 == 0 else "Fizz" if i % 3 == 0 else "Buzz" if i % 5 == 0 else str(i))
print(" ".join(out))
n, steps = 27, 0
while n > 1:
    n = 3 * n + 1 if n % 2 else n // 2
    steps += 1
print(steps)
acc = 0
i = 10
while i:
    i -= 1
    if i % 2:
        continue
    acc += i
print(acc)
