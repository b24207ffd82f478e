# A fixed-width ledger: amounts zero-padded with thousands separators (the
# separators go into the padding, as CPython's formatter puts them), hex
# account ids grouped by four, and the specs the formatter refuses.
entries = [
    ("rent", 1234, 1234.5),
    ("salary", -98765, -98765.25),
    ("coffee", 12, 3.2),
    ("bonus", 1000000, 1e6),
]

for name, cents, amount in entries:
    print(f"{name:<8}|{cents:012,}|{amount:014,.2f}|{cents:0=12_}|{abs(cents):#012_x}|{cents:+09,}")

print(format(12, "04,"), format(12, "05,"), format(-12, "06,"), format(7, "0,"))
print(format(0xabcdef, "011_x"), format(255, "#012_b"), format(1.5, "08,"))
print(format(1234, "*>10,"), format(1234, "0<10,"), format(1234, "010"))
print(f"{2**70:040,}")

for spec in (",x", ",X", ",o", ",b", ",n", "_n", ",s", ",c"):
    for value in (0, 2.5, "s"):
        try:
            format(value, spec)
        except ValueError as e:
            print(f"{spec!r} {type(value).__name__}: {e}")
