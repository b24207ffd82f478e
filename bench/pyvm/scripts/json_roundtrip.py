# json.dumps and json.loads of a record list (200 round trips of 500 records).
import json

records = [
    {"id": i, "name": "user%d" % i, "score": i * 1.5, "tags": ["a", "b", str(i)],
     "active": i % 2 == 0, "meta": {"level": i % 7, "ref": None}}
    for i in range(500)
]
n = 0
for _ in range(200):
    text = json.dumps(records, sort_keys=True)
    back = json.loads(text)
    n += len(back)
print(n, len(text))
