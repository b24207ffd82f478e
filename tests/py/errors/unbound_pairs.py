# Locals read and written in pairs (`b + a`, `a, b, c = t`: one dispatch for two in
# pyvm): an unbound local in either place is reported at its own position, and
# unpacking into many locals stores each one.
import traceback


def where(exc):
    frame = traceback.extract_tb(exc.__traceback__)[-1]
    return frame.name, frame.lineno - FIRST, frame.colno, frame.end_colno


FIRST = where.__code__.co_firstlineno


def total(flag):
    if flag:
        a = 1
    b = 2
    return b + a


def swapped(flag):
    if flag:
        a = 1
    b = 2
    return a + b


def spread():
    x = 1
    y = (x,
         z)
    z = 3
    return y


def stats(rows):
    out = []
    for row in rows:
        lo, hi, mean, count, label = row
        lo, hi = hi, lo
        out.append((label, lo, hi, mean * count))
    return out


for f in (total, swapped, spread):
    for arg in ((False,), (True,)) if f is not spread else ((),):
        try:
            print(f.__name__, arg, f(*arg))
        except UnboundLocalError as e:
            print(f.__name__, arg, 'UnboundLocalError:', e, where(e))

print(stats([(1, 9, 4.5, 2, 'a'), [2, 8, 5.0, 3, 'b']]))
try:
    stats([(1, 2, 3)])
except ValueError as e:
    print('ValueError:', e)
