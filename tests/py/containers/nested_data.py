inventory = {
    "fruits": [{"name": "apple", "qty": 5, "price": 0.5}, {"name": "kiwi", "qty": 0, "price": 0.25}],
    "vegetables": [{"name": "carrot", "qty": 12, "price": 0.1}],
}
total = 0
for category, items in inventory.items():
    for item in items:
        value = item["qty"] * item["price"]
        total += value
        print(f"{category:<10} {item['name']:<7} {item['qty']:>3} x {item['price']:.2f} = {value:6.2f}")
print(f"total {total:.2f}")
in_stock = [i["name"] for items in inventory.values() for i in items if i["qty"] > 0]
print(in_stock)
by_name = {i["name"]: i for items in inventory.values() for i in items}
print(sorted(by_name), by_name["kiwi"]["price"])
matrix = [[1, 2, 3], [4, 5, 6]]
print([list(col) for col in zip(*matrix)])
a = [1, 2]
a.append(a)
print(a)
d = {}
d["self"] = d
print(d)
