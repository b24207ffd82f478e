# Deleting extended slices of lists and bytearrays with every kind of step a
# program can write, down to steps far beyond the sequence (clamped as CPython
# clamps them), as a buffer-trimming routine might compute them.
def trimmed(step, start, stop):
    items = list(range(10))
    raw = bytearray(range(10))
    del items[start:stop:step]
    del raw[start:stop:step]
    assert items == list(raw)
    return items


for step in (-99999999999999999999, 99999999999999999999, -2**63, 2**63 - 1, -2**63 + 1,
             -3, 3, -1, 1, 2):
    for start, stop in ((None, None), (-1, -8), (2, 9), (8, 1), (-100, 100)):
        print(f"{step:>22} {start!s:>5}:{stop!s:<5} -> {trimmed(step, start, stop)}")
try:
    del [1, 2][::0]
except ValueError as e:
    print("ValueError:", e)
