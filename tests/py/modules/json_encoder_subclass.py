import json

class Money:
    def __init__(self, cents):
        self.cents = cents

class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y

class AppEncoder(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, Money):
            return {"$money": o.cents}
        if isinstance(o, Point):
            return [o.x, o.y]
        if isinstance(o, (set, frozenset)):
            return sorted(o)
        return super().default(o)

doc = {"price": Money(1999), "at": Point(1, 2), "tags": {"b", "a"}, "n": None}
text = json.dumps(doc, cls=AppEncoder, sort_keys=True)
print(text)
print(json.dumps(doc, cls=AppEncoder, indent=2, sort_keys=True))
print(AppEncoder(separators=(",", ":"), sort_keys=True).encode(doc))
try:
    json.dumps({"bad": object()}, cls=AppEncoder)
except TypeError as e:
    print("TypeError:", e)
try:
    json.dumps(Money(1))
except TypeError as e:
    print("TypeError:", e)

def as_money(d):
    if "$money" in d:
        return Money(d["$money"])
    return d

class AppDecoder(json.JSONDecoder):
    def __init__(self, **kw):
        super().__init__(object_hook=as_money, **kw)

back = json.loads(text, cls=AppDecoder)
print(type(back["price"]).__name__, back["price"].cents, back["at"], back["tags"])
print(json.JSONDecoder().decode('{"a": [1, 2.5, "x"]}'), json.JSONEncoder().encode({"k": (1, 2)}))
print(json.JSONEncoder.item_separator, json.JSONEncoder(indent=2).item_separator)
print(json.dumps([1, 2], cls=None), json.loads("[3]", cls=None))
