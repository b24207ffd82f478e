data = [3, 8, 1, 9, 4]
if (n := len(data)) > 3:
    print("long list", n)
print([y for x in data if (y := x * 2) > 6])
i = 0
while (chunk := data[i:i + 2]):
    print(chunk)
    i += 2
grade = lambda s: "A" if s >= 90 else "B" if s >= 80 else "C" if s >= 70 else "F"
print([grade(s) for s in (95, 85, 75, 10)])
print("yes" if [] else "no", "yes" if [0] else "no", (lambda: 1 if None else 2)())
