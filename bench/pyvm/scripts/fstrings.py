# f-string formatting with conversions and format specs (1M strings).
total = 0
for i in range(1000000):
    s = f"{i:>8} | {i * 0.5:10.3f} | {i:#x} | {'row'!r:>6} | {i % 97:03d}"
    total += len(s)
print(total)
