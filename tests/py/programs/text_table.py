rows = [
    ("Mercury", 0.39, 0.055, 0),
    ("Venus", 0.72, 0.815, 0),
    ("Earth", 1.0, 1.0, 1),
    ("Mars", 1.52, 0.107, 2),
    ("Jupiter", 5.2, 317.8, 95),
]
headers = ("planet", "AU", "mass", "moons")
widths = [max([len(headers[i])] + [len(f"{r[i]}") for r in rows]) for i in range(4)]
line = "+" + "+".join(["-" * (w + 2) for w in widths]) + "+"
print(line)
print("| " + " | ".join([h.ljust(w) for h, w in zip(headers, widths)]) + " |")
print(line)
for r in rows:
    cells = [str(r[0]).ljust(widths[0])] + [f"{v}".rjust(w) for v, w in zip(r[1:], widths[1:])]
    print("| " + " | ".join(cells) + " |")
print(line)
print("total moons:", sum([r[3] for r in rows]), "heaviest:", max(rows, key=lambda r: r[2])[0])
