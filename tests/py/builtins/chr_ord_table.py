for start in range(32, 127, 16):
    row = []
    for code in range(start, min(start + 16, 127)):
        row.append(chr(code))
    print(f"{start:3d} {hex(start):>5} " + " ".join(row))
print([ord(c) - ord("a") for c in "hello"])
print("".join([chr(ord(c) ^ 32) for c in "Swap Case"]))
try:
    chr(-1)
except ValueError as e:
    print("ValueError:", e)
try:
    ord("ab")
except TypeError as e:
    print("TypeError:", e)
