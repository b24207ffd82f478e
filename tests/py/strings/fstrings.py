name = "World"
n = 42
pi = 3.14159265
items = ["a", "b"]
print(f"Hello, {name}!")
print(f"{n} {n:5d} {n:<5d}| {n:^7}| {n:05d} {n:x} {n:X} {n:#x} {n:o} {n:#b} {n:,}")
print(f"{pi:.3f} {pi:8.2f} {pi!r} {name!r} {name!s} {items} {items[0]} {len(items)}")
print(f"{name:>10}|{name:<10}|{name:^11}|{name:*^11}|{name:.3}")
print(f"{1000000:,} {1000000:_} {-42:+d} {42:+d} {42: d} {3 - 5}")
print(f"{'nested ' + name}" f" and {n * 2}" " plain")
print(f"{n=} {pi=:.2f} {name=!s}")
width, prec = 10, 3
print(f"{pi:{width}.{prec}f}|")
print(f"{{literal}} {n}%")
d = {"k": "v"}
print(f"{d['k']} {d}")
print(f"{True} {None} {[1, 2]!r} {(1,)}")
