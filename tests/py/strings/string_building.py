parts = []
for i in range(10):
    parts.append(str(i * i))
print(",".join(parts))
s = ""
for ch in "abcdef":
    s += ch.upper()
    s += "-"
print(s, len(s))
table = ""
for r in range(1, 4):
    row = ""
    for c in range(1, 4):
        row += f"{r * c:4d}"
    table += row + "\n"
print(table, end="")
acc = "start"
other = acc
acc += "!"
print(acc, other)
lines = ["first", "second", "third"]
text = "\n".join(lines)
print(text.upper())
print(repr(text), text.count("\n"))
