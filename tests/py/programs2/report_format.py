# String formatting reports: alignment, thousands separators, percentages,
# signs, padding, % formatting and str.format with nested fields.

sales = [
    ("North", 1234567.891, 1100000.0, 412),
    ("South", 98765.4321, 120000.0, 37),
    ("East", 5500000.0, 5000000.0, 1210),
    ("West", 0.5, 10.0, 1),
    ("Central", 742000.125, 742000.125, 288),
]

header = f"{'Region':<10}|{'Revenue':>16}|{'Target':>14}|{'vs target':>10}|{'Orders':>7}"
print(header)
print("-" * len(header))
total = 0.0
for region, revenue, target, orders in sales:
    delta = (revenue - target) / target
    total += revenue
    print(f"{region:<10}|{revenue:>16,.2f}|{target:>14,.0f}|{delta:>+10.1%}|{orders:>7d}")
print("=" * len(header))
print(f"{'Total':<10}|{total:>16,.2f}|{'':>14}|{'':>10}|{sum([s[3] for s in sales]):>7,}")
print()

print("{:^30}".format(" centered "), "|{:*^12}|".format("mid"), "|{:-<8}|{:->8}|".format("l", "r"))
print("{0:>{1}}|{0:<{1}}|".format("x", 5), "{name}:{value:08.3f}".format(name="pi", value=3.14159))
print("{:,}".format(10 ** 12), "{:_}".format(10 ** 9), "{:_b}".format(255), "{:#x} {:#o} {:#b}".format(255, 8, 5))
print("{:e} {:.2E} {:g} {:g} {:g}".format(123456.789, 0.000123, 1e-5, 123456789.0, 100.0))
print("{:+d} {:+d} {: d} {: d}".format(5, -5, 5, -5), "{:=+8d}|{:08d}|{:<08d}".format(-42, -42, 42))
print("{!r} {!s} {!a}".format("é", "é", "é"), "{0[0]}{0[1]}-{1[k]}".format("ab", {"k": "v"}))
print("%-10s|%10s|" % ("left", "right"), "%5.1f%%" % 99.44, "%05d|%-5d|%+d" % (42, 42, 42))
print("%(name)s is %(age)d years, %(h).2f m" % {"name": "Ann", "age": 30, "h": 1.705})
print("%x %X %o %e %c %r" % (255, 255, 8, 12345.678, 65, "q"))
print("%s and %s" % ("tuple", ("in", "tuple")), "%s" % [1, 2], "%.3s" % "abcdef", "%*d" % (6, 42))

widths = [6, 12, 8]
rows = [("id", "description", "amount"), (1, "coffee", 3.5), (22, "sandwich, large", 8.25),
        (333, "tea", 0.0)]
for r in rows:
    cells = []
    for w, c in zip(widths, r):
        if isinstance(c, float):
            cells.append(f"{c:>{w}.2f}")
        elif isinstance(c, int):
            cells.append(f"{c:>{w}}")
        else:
            cells.append(f"{c[:w]:<{w}}")
    print(" ".join(cells))

for n in [0, 1, -1, 999, 1000, 123456789, -9876543210, 2 ** 64]:
    print(f"{n:>28,} {n:>20_x} {n:>12.3e}")
for x in [0.0, -0.0, 1 / 3, 2 / 3, 1e-7, 123456.5, 1e22, float("inf"), float("nan")]:
    print(f"{x!r:>22} {x:12.4f} {x:12.3g} {x:>10.1%}")
for bad in ["{:d}", "{:,s}", "{0} {}", "{:x}", "{"]:
    try:
        print(bad.format(1.5))
    except (ValueError, IndexError) as e:
        print(type(e).__name__ + ":", e)
