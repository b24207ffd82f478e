# Custom decoding with hooks: typed records from object_hook, exact decimals kept as
# strings with parse_float, duplicate keys seen through object_pairs_hook.
import json

def as_record(d):
    if "__point__" in d:
        return ("point", d["x"], d["y"])
    if "__money__" in d:
        return ("money", d["amount"], d["currency"])
    return d

text = '''
{"shapes": [{"__point__": true, "x": 1, "y": 2}, {"__point__": true, "x": -3.5, "y": 0}],
 "price": {"__money__": true, "amount": "19.99", "currency": "EUR"},
 "plain": {"k": "v"}}
'''
print(json.loads(text, object_hook=as_record))
print(json.loads('[0.1, 1.10, 2e3, 7]', parse_float=lambda s: "D(" + s + ")"))
print(json.loads('[0.1, 1.10, 2e3, 7, -0]', parse_int=lambda s: int(s) * 100))
print(json.loads('{"a": 1, "a": 2, "b": {"c": 3, "c": 4}}', object_pairs_hook=lambda pairs: pairs))
print(json.loads('{"z": 1, "a": 2}', object_pairs_hook=lambda pairs: sorted(pairs)))
print(json.loads('{"a": {"b": 1}}', object_hook=lambda d: len(d), object_pairs_hook=lambda p: "pairs wins"))
calls = []
def tracing(d):
    calls.append(sorted(d))
    return d
json.loads('{"outer": {"inner": {"deepest": 1}, "sibling": {}}}', object_hook=tracing)
print(calls)
def reject(s):
    raise ValueError("constant not allowed: " + s)
try:
    json.loads('[1, NaN]', parse_constant=reject)
except ValueError as e:
    print(type(e).__name__, e)
try:
    json.loads('{"a": 1}', object_hook=lambda d: d["missing"])
except KeyError as e:
    print("KeyError", e)
print(json.loads('["\\u0041\\u00e9\\u20ac", "\\ud834\\udd1e"]'))
