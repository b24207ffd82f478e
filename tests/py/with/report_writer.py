# A small program: write a CSV of sales with `with`, read it back, aggregate, and
# write a report; each file handle is closed by its block.
import os

DATA = "/tmp/pyvm_golden_with_sales.csv"
REPORT = "/tmp/pyvm_golden_with_report.txt"

sales = [
    ("2024-01", "north", 120), ("2024-01", "south", 80), ("2024-02", "north", 95),
    ("2024-02", "south", 130), ("2024-02", "east", 40), ("2024-03", "north", 150),
    ("2024-03", "east", 55),
]

with open(DATA, "w") as f:
    f.write("month,region,amount\n")
    for month, region, amount in sales:
        f.write(f"{month},{region},{amount}\n")


def read_rows(path):
    with open(path) as f:
        header = next(f).strip().split(",")
        for line in f:
            yield dict(zip(header, line.strip().split(",")))


by_region = {}
by_month = {}
for r in read_rows(DATA):
    amount = int(r["amount"])
    by_region[r["region"]] = by_region.get(r["region"], 0) + amount
    by_month[r["month"]] = by_month.get(r["month"], 0) + amount

with open(REPORT, "w") as out:
    out.write("== by region ==\n")
    for region, total in sorted(by_region.items(), key=lambda kv: -kv[1]):
        out.write(f"{region:<8}{total:>6}\n")
    out.write("== by month ==\n")
    for month in sorted(by_month):
        bar = "#" * (by_month[month] // 20)
        out.write(f"{month} {by_month[month]:>5} {bar}\n")
    out.write(f"total {sum(by_region.values())}\n")

with open(REPORT) as f:
    print(f.read(), end="")
print("files closed:", f.closed, out.closed)
os.remove(DATA)
os.remove(REPORT)
