CSV = """region,product,units,price
north,widget,10,2.50
south,widget,4,2.50
north,gadget,3,10.00
east,widget,7,2.40
south,gadget,1,9.50
north,widget,5,2.50
"""

rows = []
lines = CSV.strip().split("\n")
header = lines[0].split(",")
for line in lines[1:]:
    fields = dict(zip(header, line.split(",")))
    fields["units"] = int(fields["units"])
    fields["price"] = float(fields["price"])
    rows.append(fields)

by_region = {}
for r in rows:
    agg = by_region.setdefault(r["region"], {"units": 0, "revenue": 0.0})
    agg["units"] += r["units"]
    agg["revenue"] += r["units"] * r["price"]

print(f"{'region':<8}{'units':>6}{'revenue':>10}")
for region in sorted(by_region, key=lambda k: -by_region[k]["revenue"]):
    agg = by_region[region]
    print(f"{region:<8}{agg['units']:>6}{agg['revenue']:>10.2f}")
products = sorted({r["product"] for r in rows})
print(products)
best = max(rows, key=lambda r: r["units"] * r["price"])
print("best line:", best)
print("avg price: %.3f" % (sum([r["price"] for r in rows]) / len(rows)))
