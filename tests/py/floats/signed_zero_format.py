# A ledger report: balances that round to zero print without a minus sign when the
# format spec says `z` (3.11, PEP 682), in format(), f-strings and str.format; `z`
# is refused for ints and strings with CPython's messages.

entries = [("coffee", -0.004), ("refund", 0.003), ("rent", -1200.0),
           ("rounding", -0.0), ("fee", -0.049), ("bonus", 2.5)]

print("account       plain     z    z+   z%")
for name, amount in entries:
    print(f"{name:<10} {amount:8.2f} {amount:z8.2f} {amount:+z.1f} {amount:z.0%}")

totals = {"q1": -0.0001, "q2": -0.6, "q3": float("-inf"), "q4": float("nan")}
for q, t in totals.items():
    print(q, "{:z.3f} {:z.2e} {:zg} {:z} {:z,.1f} {:_>z10.1f}".format(t, t, t, t, t, t))

for spec in ["z.1f", "+z.1f", " z.1f", "z.1e", "z.1g", "zG", "z.1%", "=z8.1f", "^z9.1f"]:
    print(repr(spec), [format(x, spec) for x in (-0.0, -0.01, -0.06, 0.0)])

print(format(complex(-0.0, -0.0001), "z.2f"), format(complex(-1e-9, 2), "z.3f"))
print(format(-0, "z.2f"), format(False, "z.1f"))

for value, spec in [(-1, "z"), (0, "zd"), (5, "z5"), ("ledger", "z"), ("x", "zs"),
                    (-0.0, "#z.0f"), (-0.0, "0z.1f"), (-0.0, "zz.1f")]:
    try:
        print(repr(spec), format(value, spec))
    except ValueError as e:
        print(repr(spec), "ValueError:", e)
