vals = [0.5, 1.5, 2.5, 0.125, 0.375, 2.675, 1.005, -0.5, 123.456, 9.995]
for v in vals:
    print(v, round(v), round(v, 1), round(v, 2), f"{v:.1f}", f"{v:.2f}", "%.0f" % v)
print(round(5, 1), round(5.0), round(-2.5), round(1e16 + 1.0))
print(f"{1/3:.20f}", f"{2/3:.1e}", f"{1e-7:f}", f"{123456789.123:,.1f}")
print(str(0.1 + 0.7), 0.1 * 3, 1 - 0.9, 100 * 1.1)
