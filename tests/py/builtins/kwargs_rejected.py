# CPython's wording for keyword arguments a built-in does not take: "f() takes no
# keyword arguments" when it takes none, "'k' is an invalid keyword argument for f()"
# when it takes others; methods name their type.
import math
import struct

calls = [
    lambda: abs(x=1),
    lambda: len(obj=[]),
    lambda: divmod(1, 2, x=3),
    lambda: isinstance(1, int, x=1),
    lambda: repr(obj=1),
    lambda: chr(i=65),
    lambda: ord(c="a"),
    lambda: hex(number=1),
    lambda: iter([], x=1),
    lambda: next(iter([]), x=1),
    lambda: range(x=1),
    lambda: list(foo=1),
    lambda: tuple(foo=1),
    lambda: set(foo=1),
    lambda: ValueError("m", code=1),
    lambda: OSError(2, "m", extra=1),
    lambda: int(foo=1),
    lambda: int("10", bas=2),
    lambda: str(foo=1),
    lambda: bytes(foo=1),
    lambda: round(1.5, digits=1),
    lambda: sum([1], begin=1),
    lambda: enumerate([], begin=1),
    lambda: zip([], fill=1),
    lambda: min([1], foo=1),
    lambda: max(1, 2, foo=1),
    lambda: sorted([], foo=1),
    lambda: sorted([], key=None, cmp=1),
    lambda: [].sort(foo=1),
    lambda: print("x", foo=1),
    lambda: open("x", foo=1),
    lambda: math.prod([1], foo=1),
    lambda: math.hypot(1, foo=2),
    lambda: math.isclose(1, 1, foo=2),
    lambda: struct.unpack_from("b", b"a", foo=1),
    lambda: (1).to_bytes(2, "big", foo=1),
    lambda: "a".strip(chars="x"),
    lambda: "a".upper(x=1),
    lambda: "a".join(iterable=[]),
    lambda: b"a".rstrip(x=1),
    lambda: bytearray(b"a").strip(x=1),
    lambda: [].append(x=1),
    lambda: [].pop(index=0),
    lambda: {}.get(k=1),
    lambda: {1}.add(x=1),
    lambda: "a".upper(1),
    lambda: [].copy(1),
    lambda: [].append(),
    lambda: "a".join(),
    lambda: b"a".removesuffix(),
    lambda: {}.keys(1),
    lambda: len(),
    lambda: abs(1, 2),
]
for f in calls:
    try:
        f()
        print("no error")
    except TypeError as e:
        print(e)

# Too many arguments to a built-in that takes keywords: Argument Clinic's wording.
for f in [lambda: int("1", 2, 3), lambda: round(1, 2, 3), lambda: sum(1, 2, 3), lambda: sum([1], 2, start=3),
          lambda: enumerate(1, 2, 3), lambda: math.prod(1, 2), lambda: math.prod(), lambda: math.prod(start=2),
          lambda: struct.unpack_from("b", b"a", 0, 1)]:
    try:
        f()
    except TypeError as e:
        print(e)
