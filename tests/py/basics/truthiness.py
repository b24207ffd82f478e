values = [0, 1, -1, 0.0, 0.5, "", "a", [], [0], (), (None,), {}, {"a": 1}, set(), None, True, False, range(0), range(3), b"", b"x"]
for v in values:
    print(repr(v), bool(v))
print(bool(), bool(0))
