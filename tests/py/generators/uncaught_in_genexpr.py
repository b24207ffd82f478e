# An exception inside a generator consumed by a built-in (through a generator
# expression): every frame appears, the genexpr marked at the call's parentheses.

def readings():
    yield 20
    yield 21
    yield int("n/a")


def smoothed():
    return sorted(r * 2 for r in readings())


print(max(smoothed()))
