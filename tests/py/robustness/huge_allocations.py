# A buffer pool that sizes its buffers from requests: allocations the machine can
# never satisfy raise MemoryError (caught, the pool falls back to a smaller size)
# instead of ending the process; sizes beyond any address space are OverflowError.
def allocate(kind, n):
    if kind == "list":
        return [0] * n
    if kind == "tuple":
        return (None,) * n
    if kind == "str":
        return "x" * n
    if kind == "bytes":
        return b"\0" * n
    if kind == "bytearray":
        return bytearray(n)
    raise ValueError(kind)


def pool(kind, wanted):
    size = wanted
    while True:
        try:
            buf = allocate(kind, size)
            return size, len(buf)
        except MemoryError:
            print(f"  {kind}: {size:.0e} items do not fit, halving")
            size //= 10 ** 8


for kind in ("list", "tuple", "str", "bytes", "bytearray"):
    print(kind, pool(kind, 10 ** 14))

for expr in ("'ab' * 2**62", "[1, 2] * 2**62"):
    try:
        eval(expr)
    except (MemoryError, OverflowError) as e:
        print(expr, "->", type(e).__name__, e)
print("still running")
