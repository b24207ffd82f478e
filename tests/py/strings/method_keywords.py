# Keyword arguments to methods of str, bytes, list, dict, set, int and float:
# CPython's wording when one is not taken, and the keywords that are.
calls = [
    lambda: "a b".split(foo=1),
    lambda: "a b".rsplit(foo=1),
    lambda: "a".encode(foo=1),
    lambda: "a".splitlines(foo=1),
    lambda: "a".startswith(prefix="a"),
    lambda: "a".find(sub="a"),
    lambda: "a".replace(old="a", new="b"),
    lambda: "a".count(x="a"),
    lambda: "a".center(width=3),
    lambda: "a".ljust(width=3),
    lambda: "a".zfill(width=3),
    lambda: "a".partition(sep="a"),
    lambda: "a".format(1, x=2) and 0,
    lambda: "a".expandtabs(foo=1),
    lambda: "a".lower(x=1),
    lambda: "a".index(sub="a"),
    lambda: "a".removeprefix(prefix="a"),
    lambda: "a".isdigit(x=1),
    lambda: "a".title(x=1),
    lambda: [1].index(value=1),
    lambda: [1].count(value=1),
    lambda: [1].insert(0, x=1),
    lambda: [1].remove(value=1),
    lambda: [].extend(iterable=[]),
    lambda: [].reverse(x=1),
    lambda: [].clear(x=1),
    lambda: {}.pop(key=1),
    lambda: {}.setdefault(key=1),
    lambda: {}.update(1, x=2) or 0,
    lambda: {}.items(x=1),
    lambda: {}.copy(x=1),
    lambda: {1}.discard(x=1),
    lambda: {1}.issubset(x=1),
    lambda: b"a".decode(foo=1),
    lambda: b"a".startswith(prefix=b"a"),
    lambda: b"a".find(sub=b"a"),
    lambda: b"a".replace(old=b"a", new=b"b"),
    lambda: b"a".join(iterable=[]),
    lambda: b"a".count(x=b"a"),
    lambda: bytearray(b"a").append(item=1),
    lambda: bytearray(b"a").pop(index=0),
    lambda: bytearray(b"a").extend(iterable_of_ints=[]),
    lambda: (1).bit_length(x=1),
    lambda: (1.5).is_integer(x=1),
]
for f in calls:
    try:
        f()
        print("no error")
    except Exception as e:
        print(type(e).__name__, e)

print("a\nb\r\nc".splitlines(keepends=True), "a\tb".expandtabs(tabsize=4), "é".encode(encoding="latin-1"), "x".encode(errors="strict"))
print(b"\xc3\xa9".decode(encoding="utf-8"), b"ab".decode(errors="strict"), (2.0).is_integer(), (2.5).is_integer())

for v, n, s in [(-1, 1, True), (-128, 1, True), (-129, 1, True), (128, 1, True), (127, 1, True), (-1, 2, False), (255, 1, False), (256, 1, False), (-256, 2, True), (0, 0, True), (0, 3, True), (-2**70, 10, True), (2**63, 9, True), (1, 4, True)]:
    try:
        print(v, n, s, v.to_bytes(n, "little", signed=s), v.to_bytes(n, "big", signed=s))
    except OverflowError as e:
        print(v, n, s, e)

s = {1, 2}
fs = frozenset([1])
for f in [lambda: s.union([3], x=1), lambda: fs.union(x=1), lambda: s.intersection(x=1), lambda: s.difference(x=1), lambda: s.update(x=1),
          lambda: s.intersection_update(x=1), lambda: s.difference_update(x=1), lambda: fs.difference([1], y=2), lambda: dict.fromkeys([1], value=2),
          lambda: {}.fromkeys([1], v=1)]:
    try:
        f()
        print("no error")
    except TypeError as e:
        print(e)
print(sorted(s.union([3], (4,))), sorted(fs.union()), sorted(s.difference()), dict.fromkeys("ab", 0))
for f in [lambda: (1).to_bytes(-1, "big"), lambda: (1).to_bytes(2**62, "big")]:
    try:
        f()
    except (ValueError, MemoryError) as e:
        print(type(e).__name__, e)
for f in [lambda: b"a".split(1, 2, 3), lambda: b"a".decode(1, 2, 3), lambda: "a".encode(1, 2, 3), lambda: "a".expandtabs(1, 2),
          lambda: "a".splitlines(1, 2), lambda: b"a".rsplit(1, 2, 3), lambda: "a".split(1, 2, 3), lambda: "a".rsplit(1, 2, 3)]:
    try:
        f()
    except TypeError as e:
        print(e)
