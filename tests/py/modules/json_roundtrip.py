# Round trips: Python -> JSON -> Python for a mix of documents, compact and pretty,
# with the sizes and a checksum of the text.
import json

def checksum(text):
    h = 0
    for ch in text:
        h = (h * 31 + ord(ch)) % 1000000007
    return h

docs = [
    {"users": [{"id": i, "name": "user%d" % i, "admin": i == 0, "karma": i * 1.5 - 3} for i in range(5)]},
    [1, -1, 0, 2 ** 63, -(2 ** 70), 1e-7, 1e22, 123.456, -0.0],
    {"text": "line1\nline2\ttab \"quoted\" back\\slash", "uni": "\u00fcber \u65e5\u672c \U0001f680", "empty": ""},
    {"matrix": [[i * j for j in range(4)] for i in range(4)], "none": None, "flags": [True, False]},
    {"deep": {"a": {"b": {"c": {"d": {"e": [1, {"f": "g"}]}}}}}},
    [],
    {},
    "just a string",
    3.141592653589793,
]
for doc in docs:
    compact = json.dumps(doc, separators=(",", ":"))
    pretty = json.dumps(doc, indent=2, sort_keys=True)
    raw = json.dumps(doc, ensure_ascii=False)
    same = json.loads(compact) == doc and json.loads(pretty) == doc and json.loads(raw) == doc
    print(same, len(compact), len(pretty), checksum(compact), checksum(pretty))
print(json.dumps(docs[2]))
print(json.dumps(docs[1]))
tuples = json.loads(json.dumps({"t": (1, (2, 3))}))
print(tuples, type(tuples["t"]).__name__)
keys = json.loads(json.dumps({1: "a", 2.5: "b", None: "c", True: "d"}))
print(keys)
text = json.dumps([{"k%d" % i: list(range(i))} for i in range(6)], indent=1)
print(text)
print(json.loads(text) == [{"k%d" % i: list(range(i))} for i in range(6)])
