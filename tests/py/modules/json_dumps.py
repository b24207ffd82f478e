import json

print(json.dumps(None), json.dumps(True), json.dumps(False), json.dumps(0), json.dumps(-17))
print(json.dumps(3.0), json.dumps(0.1), json.dumps(1e16), json.dumps(-2.5e-10), json.dumps(10 ** 30))
print(json.dumps(float("nan")), json.dumps(float("inf")), json.dumps(-float("inf")))
print(json.dumps("plain"), json.dumps(""), json.dumps('quote " and \\ backslash / slash'))
print(json.dumps("\x7f\u00e9\U0001f600\x00\x1f\b\f\n\r\t"))
print(json.dumps("\x7f\u00e9\U0001f600\x00\n", ensure_ascii=False))
print(json.dumps("caf\u00e9 \u4e2d\u6587 \u20ac"), json.dumps("caf\u00e9", ensure_ascii=False))
print(json.dumps([1, "two", 3.0, None, True, [], {}, [[]], {"k": []}]))
print(json.dumps((1, 2)), json.dumps([(1, [2, (3,)])]))
print(json.dumps({"b": 1, "a": 2, "c": {"z": 0, "y": [1, 2]}}))
print(json.dumps({"b": 1, "a": 2, "c": {"z": 0, "y": [1, 2]}}, sort_keys=True))
print(json.dumps({1: "int", 2.5: "float", True: "bool", None: "none", "s": "str"}))
print(json.dumps({float("nan"): 1, float("inf"): 2, -float("inf"): 3, 10 ** 20: 4, False: 5}))
print(json.dumps({3: "c", 1: "a", 2: "b"}, sort_keys=True))
print(json.dumps({(1, 2): "skip", "kept": 1, frozenset(): 2}, skipkeys=True))
print(json.dumps([1, 2, {"a": 3}], separators=(",", ":")))
print(json.dumps({"a": [1, 2]}, separators=(" , ", " = ")))
print(json.dumps([1, {"a": [], "b": {}}, [2, 3]], indent=2))
print(json.dumps([1, {"a": [], "b": {}}, [2, 3]], indent=0))
print(json.dumps([1, {"a": [], "b": {}}, [2, 3]], indent="\t", separators=(",", ":")))
print(json.dumps({"b": 1, "a": [1.0, 2.5e-10]}, sort_keys=True, indent=-1))
print(json.dumps({"nested": {"deeper": {"deepest": [1, [2, [3]]]}}}, indent=4))
print(json.dumps([], indent=2), json.dumps({}, indent=2), json.dumps([[]], indent=1))
print(json.dumps({"a": 1}, indent=True))
print(json.dumps({"é": "ü"}), json.dumps({"é": "ü"}, ensure_ascii=False))
print(json.dumps({1, 2} if False else [1, 2], check_circular=False, allow_nan=True))

def encode_extra(o):
    if isinstance(o, set):
        return sorted(o)
    if isinstance(o, bytes):
        return o.decode()
    if isinstance(o, complex):
        return [o.real, o.imag]
    raise TypeError("cannot encode " + type(o).__name__)

print(json.dumps({"tags": {"b", "a", "c"}, "raw": b"bytes", "n": range(3) and 1}, default=encode_extra))
print(json.dumps([{1, 2}, [b"x"]], default=encode_extra, indent=2))
big = list(range(1000))
s = json.dumps(big)
print(len(s), s[:30], s[-20:])
print(json.dumps([{"id": i, "name": "item%d" % i, "ok": i % 2 == 0, "score": i / 4} for i in range(4)]))
