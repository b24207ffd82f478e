calls = [
    lambda: list.append("x", 1),
    lambda: str.upper(5),
    lambda: list.append(),
    lambda: dict.get([], 1),
    lambda: int.bit_length(2.5),
    lambda: frozenset.union({1}),
    lambda: bytes.hex(bytearray(b"a")),
]
for f in calls:
    try:
        f()
    except TypeError as e:
        print("TypeError:", e)
print(str.upper("ok"), dict.fromkeys("ab"), list.append.__name__, int.bit_length(True), str.join("-", "ab"))
words = ["b", "A", "c"]
print(sorted(words, key=str.lower), list(map(str.strip, [" x ", "y "])), list(map(int.bit_length, [1, 255])))
