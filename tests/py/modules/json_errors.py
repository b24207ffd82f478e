import json

bad = ['', ' ', '[1,]', '{"a":1,}', '{"a" 1}', '{"a":1 "b":2}', '[1 2]', '"abc', '"a\\x"', '"\\u12"',
       '"\\u12x4"', '"\\ud800\\u12x4"', '"a\nb"', '1 2', '01', '1.', '-', '-x', 'nul', 'tru', 'fals', '{1:2}',
       '[', '{', '{"a":', '{"a"', '[1', '"\\', '"\\u', '\ufeff1', '[1,\n  2,\n  x]', '"\u00e9" x', '[]]',
       '{"a": [1, 2}', '{"a": 1}}', '\n\n  {"k": tru}', '[1e]', '[.5]', '[+1]', '[0x10]', "['single']",
       '{"a" : 1, "b" : [1, 2, {"c": }]}', '"\u00e9\u00e8\\q"', '\u00e9']
for text in bad:
    try:
        print(repr(text), "->", repr(json.loads(text)))
    except json.JSONDecodeError as e:
        print(repr(text), "JSONDecodeError:", e)
try:
    json.loads("[")
except ValueError as e:
    print("caught as ValueError:", type(e).__name__, e.args)
print(issubclass(json.JSONDecodeError, ValueError), json.JSONDecodeError.__name__)
for arg in [1, None, [1], 2.5]:
    try:
        json.loads(arg)
    except TypeError as e:
        print("TypeError:", e)
try:
    json.loads(b"\xff")
except UnicodeDecodeError as e:
    print("UnicodeDecodeError")
try:
    json.loads("[" * 100000 + "]" * 100000)
except RecursionError as e:
    print("RecursionError:", e)
try:
    json.loads('{"a":' * 100000)
except RecursionError as e:
    print("RecursionError:", e)
try:
    json.loads("1" * 5000)
except ValueError as e:
    print("ValueError:", e)
try:
    json.loads("[1]", bogus=1)
except TypeError as e:
    print("TypeError:", e)
for obj, kw in [({(1, 2): 3}, {}), ({1, 2}, {}), (b"x", {}), (float("nan"), {"allow_nan": False}),
                ({"k": float("inf")}, {"allow_nan": False}), ({float("nan"): 1}, {"allow_nan": False}),
                ({1: 1, "a": 2}, {"sort_keys": True}), ({"a": 1, 2: 2}, {"sort_keys": True}),
                ([1], {"bogus": True}), (object, {})]:
    try:
        print(json.dumps(obj, **kw))
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
loop = []
loop.append(loop)
d = {}
d["self"] = d
for obj in [loop, d, [d], {"x": [loop]}]:
    for indent in [None, 2]:
        try:
            json.dumps(obj, indent=indent)
        except ValueError as e:
            print("ValueError:", e)
def bad_default(o):
    return o
try:
    json.dumps({1, 2}, default=bad_default)
except ValueError as e:
    print("ValueError:", e)
def raising_default(o):
    raise TypeError("no way: " + type(o).__name__)
try:
    json.dumps([1, {2}], default=raising_default)
except TypeError as e:
    print("TypeError:", e)
nest = []
for i in range(100000):
    nest = [nest]
try:
    json.dumps(nest)
except RecursionError as e:
    print("RecursionError:", e)
try:
    json.dumps()
except TypeError as e:
    print("TypeError:", e)
try:
    json.dumps(1, 2)
except TypeError as e:
    print("TypeError:", e)
for raw in [b"\xff", b'["ok", "\xe2\x28\xa1"]', b'"abc\xe2\x82', b'\xc0\xaf']:
    try:
        json.loads(raw)
    except UnicodeDecodeError as e:
        print("UnicodeDecodeError:", e)
loop = []
loop.append(loop)
try:
    json.dumps(loop, check_circular=False)
except RecursionError as e:
    print("RecursionError:", e)
deep = {}
deep["a"] = deep
try:
    json.dumps(deep, check_circular=False, indent=1)
except RecursionError as e:
    # (Lib's pure-Python encoder: the message names whichever call ran out of depth.)
    print("RecursionError")
