def build(n):
    parts = []
    for i in range(n):
        parts.append(str(i))
    text = ",".join(parts)
    fields = text.split(",")
    total = 0
    for f in fields:
        total += len(f)
    s = ""
    for i in range(n // 10):
        s += "x"
    return total + len(s)

print(build(1_000_000))
