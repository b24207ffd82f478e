import json

for text in ['null', 'true', 'false', '0', '-0', '42', '-17', '3.25', '-0.5', '1e3', '1E+2', '2.5e-3',
             '1e400', '-1e400', 'NaN', 'Infinity', '-Infinity', '123456789012345678901234567890',
             '-98765432109876543210', '999999999999999999', '1000000000000000000', '"text"', '""',
             '"esc \\" \\\\ \\/ \\b \\f \\n \\r \\t"', '"\\u00e9\\u4e2d"', '"\\ud83d\\ude00"',
             '"\\uD83D\\uDE00 mixed case"', '"caf\u00e9"', '[]', '{}', '[1, [2, [3, []]]]',
             ' \n\t [ 1 , 2 ] \r\n', '{"a": {"b": {"c": null}}}', '{"dup": 1, "x": 2, "dup": 3}',
             '[1.0, 1.5, 100.0, 0.1]', '{"": ""}', '[true,false,null]']:
    v = json.loads(text)
    print(repr(text), "->", repr(v), type(v).__name__)
print(json.loads(b'{"bytes": [1, 2]}'), json.loads(bytearray(b'[3]')), json.loads(b'\xef\xbb\xbf"bom"'))
print(json.loads('"\\u00e9"'.encode()), json.loads('"h\u00e9"'.encode()))
print(json.loads('[1.5, 2]', parse_float=str), json.loads('[1.5, 2]', parse_int=float))
print(json.loads('[NaN, Infinity, -Infinity]', parse_constant=lambda s: "const:" + s))
print(json.loads('{"a": 1, "b": [{"c": 2}]}', object_hook=lambda d: sorted(d.items())))
print(json.loads('{"a": 1, "b": 2, "a": 3}', object_pairs_hook=lambda pairs: pairs))
print(json.loads('"tab\there"', strict=False), json.loads('["a\nb"]', strict=False))
doc = {"name": "pyvm", "version": [0, 1, 0], "ratio": 0.75, "tags": ["vm", "rust"], "nested": {"x": None, "y": True},
       "unicode": "\u00e9\u00e8 \u2603 \U0001f600", "big": 2 ** 100, "neg": -1.5e-7}
for kw in [{}, {"indent": 2}, {"sort_keys": True}, {"ensure_ascii": False}, {"separators": (",", ":")}]:
    text = json.dumps(doc, **kw)
    print(json.loads(text) == doc, len(text))
deep = json.loads("[" * 500 + "]" * 500)
depth = 0
while deep:
    deep = deep[0]
    depth += 1
print("depth", depth)
