from collections import namedtuple, Counter, defaultdict, OrderedDict, deque

Sale = namedtuple("Sale", "day region product qty price")

RAW = """
mon north widget 3 2.50
mon south gadget 1 10.00
tue north widget 5 2.50
tue east gizmo 2 7.25
wed south widget 1 2.50
wed north gadget 2 10.00
thu east widget 4 2.50
thu east gizmo 1 7.25
fri south gadget 3 9.50
"""

sales = []
for line in RAW.strip().splitlines():
    day, region, product, qty, price = line.split()
    sales.append(Sale(day, region, product, int(qty), float(price)))

print(len(sales), sales[0])
units = Counter()
revenue = defaultdict(float)
by_region = defaultdict(list)
for s in sales:
    units[s.product] += s.qty
    revenue[s.region] += s.qty * s.price
    by_region[s.region].append(s.product)

print("units:", units.most_common())
print("revenue:", {r: round(v, 2) for r, v in sorted(revenue.items())})
print("products per region:", {r: sorted(set(p)) for r, p in sorted(by_region.items())})

daily = OrderedDict()
for s in sales:
    daily[s.day] = daily.get(s.day, 0) + s.qty * s.price
print(daily)
best_day = max(daily, key=daily.get)
print("best day:", best_day, round(daily[best_day], 2))

window = deque(maxlen=3)
for day, total in daily.items():
    window.append(total)
    print(f"{day}: 3-day avg {sum(window) / len(window):.2f}")

top = sorted(sales, key=lambda s: s.qty * s.price, reverse=True)[:3]
for s in top:
    print(s._replace(price=round(s.price * 1.1, 2))._asdict())
