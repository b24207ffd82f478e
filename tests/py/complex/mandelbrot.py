"""Mandelbrot set membership on a grid, printed as ASCII art."""


def escape_time(c, limit=40):
    z = 0j
    for i in range(limit):
        z = z * z + c
        if abs(z) > 2:
            return i
    return limit


chars = " .:-=+*#%@"
rows = []
for y in range(-12, 13):
    line = []
    for x in range(-40, 20):
        c = complex(x / 20, y / 10)
        n = escape_time(c)
        line.append("@" if n == 40 else chars[min(n, len(chars) - 1)])
    rows.append("".join(line).rstrip())
print("\n".join(rows))

inside = sum(escape_time(complex(x / 20, y / 10)) == 40
             for y in range(-12, 13) for x in range(-40, 20))
print("points inside:", inside)
for c in [0j, -1 + 0j, 1j, -2 + 0j, 0.25 + 0j, 0.26 + 0j, -0.75 + 0.1j, 1 + 1j]:
    print(f"{c!r:>14} escape={escape_time(c, 200)}")

# Julia set row for c = -0.8 + 0.156j.
c = -0.8 + 0.156j
row = ""
for x in range(-30, 31):
    z = complex(x / 20, 0.1)
    for i in range(50):
        z = z ** 2 + c
        if abs(z) > 2:
            break
    row += "#" if abs(z) <= 2 else "."
print(row)
