# A seeded shop simulation: random orders, totals with math, a JSON report parsed back,
# and a binary summary record with struct.
import json
import math
import random
import struct

random.seed(20260101)
catalog = {"apple": 0.5, "bread": 2.25, "cheese": 7.8, "dates": 4.1, "eggs": 3.35}
orders = []
for n in range(12):
    items = random.sample(sorted(catalog), random.randint(1, 3))
    lines = [{"item": it, "qty": random.randint(1, 5)} for it in items]
    total = math.fsum([catalog[l["item"]] * l["qty"] for l in lines])
    orders.append({"order": n + 1, "lines": lines, "total": round(total, 2)})
report = {
    "orders": len(orders),
    "revenue": round(math.fsum([o["total"] for o in orders]), 2),
    "largest": max([o["total"] for o in orders]),
    "by_item": {},
}
for o in orders:
    for l in o["lines"]:
        report["by_item"][l["item"]] = report["by_item"].get(l["item"], 0) + l["qty"]
text = json.dumps(report, sort_keys=True, indent=2)
print(text)
back = json.loads(text)
print(back == report, back["by_item"] == report["by_item"])
print(json.dumps(orders[:3]))
mean = report["revenue"] / report["orders"]
var = math.fsum([(o["total"] - mean) ** 2 for o in orders]) / len(orders)
print("mean %.3f stdev %.3f" % (mean, math.sqrt(var)))
record = struct.pack("<HdfI", report["orders"], report["revenue"], report["largest"], sum(report["by_item"].values()))
print(record.hex(), struct.unpack("<HdfI", record)[:2])
