from itertools import groupby

sales = [
    ("north", "2024-01", "widget", 120.0),
    ("south", "2024-01", "gadget", 80.5),
    ("north", "2024-02", "gadget", 42.25),
    ("east", "2024-01", "widget", 300.0),
    ("south", "2024-02", "widget", 19.99),
    ("north", "2024-01", "gizmo", 7.5),
    ("east", "2024-03", "gizmo", 64.0),
]

def region(row):
    return row[0]

print("SALES BY REGION")
grand = 0.0
for name, rows in groupby(sorted(sales, key=region), key=region):
    rows = list(rows)
    total = sum([r[3] for r in rows])
    grand += total
    print("%-6s %3d sale(s) %9.2f" % (name, len(rows), total))
    for month, by_month in groupby(sorted(rows, key=lambda r: r[1]), key=lambda r: r[1]):
        items = ", ".join([r[2] for r in by_month])
        print("    %s: %s" % (month, items))
print("%-6s %13s %9.2f" % ("TOTAL", "", grand))

# Runs of equal letters (no key): run-length encoding.
text = "aaabccddddde"
print([(k, len(list(g))) for k, g in groupby(text)])
print("".join(["%s%d" % (k, len(list(g))) for k, g in groupby(text)]))
print([k for k, _ in groupby([1, 1, 2, 2, 2, 1, 3, 3])])
print(list(groupby([])))
