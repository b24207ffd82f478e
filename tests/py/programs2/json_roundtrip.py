import json

records = [
    {"id": 1, "name": "Ada Lovelace", "tags": ["math", "poetry"], "active": True,
     "address": {"city": "London", "zip": None}, "score": 99.5},
    {"id": 2, "name": "Grace \"Amazing\" Hopper", "tags": [], "active": False,
     "address": {"city": "New York", "zip": "10001"}, "score": 87.25},
    {"id": 3, "name": "Zoë Ünicode ✓", "tags": ["ünï", "tab\there"], "active": True,
     "address": {}, "score": -0.0, "nested": [[1, [2, [3, []]]], {"k": {"k": {}}}]},
]

text = json.dumps(records, indent=2, sort_keys=True)
print(text)
back = json.loads(text)
print(back == records)
print(json.dumps(records[0], sort_keys=True))
print(json.dumps(records[2], ensure_ascii=False, sort_keys=True))
print(json.dumps(records[1], separators=(",", ":"), sort_keys=True))
print(json.dumps({"b": 1, "a": [1, 2]}, indent=4))
print(json.dumps([], indent=2), json.dumps({}, indent=2), json.dumps([[]], indent=1))

# index by id after a round trip with int keys becoming strings
by_id = {r["id"]: r for r in records}
s = json.dumps(by_id, sort_keys=True)
again = json.loads(s)
print(sorted(again), type(list(again)[0]).__name__)
print(again["2"]["address"]["city"])

# round trip of floats and big ints
nums = [0.1, 1e100, 1.5e-7, 2 ** 70, -3, 1.0, 123456789.125]
print(json.dumps(nums))
print(json.loads(json.dumps(nums)) == nums)

# errors
for bad in ['{"a": 1,}', "[1, 2", '{"a" 1}', "nul", '"unterminated', "[1] x"]:
    try:
        json.loads(bad)
    except json.JSONDecodeError as e:
        print(f"{bad!r:18} -> {e.msg} (line {e.lineno} col {e.colno} pos {e.pos})")

try:
    json.dumps({"s": {1, 2}})
except TypeError as e:
    print("TypeError:", e)


def default(o):
    if isinstance(o, set):
        return sorted(o)
    raise TypeError(f"cannot serialize {type(o).__name__}")


print(json.dumps({"s": {3, 1, 2}}, default=default))


class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y


def encode_point(o):
    if isinstance(o, Point):
        return {"__point__": [o.x, o.y]}
    raise TypeError("no")


def decode_point(d):
    if "__point__" in d:
        return Point(*d["__point__"])
    return d


s = json.dumps({"a": Point(1, 2), "b": [Point(3, 4)]}, default=encode_point, sort_keys=True)
print(s)
obj = json.loads(s, object_hook=decode_point)
print(obj["a"].x, obj["a"].y, obj["b"][0].y, type(obj["b"][0]).__name__)
