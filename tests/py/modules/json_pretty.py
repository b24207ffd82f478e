# A `json.tool`-style formatter: the same document reformatted with each option set.
import json

source = '{"name":"widget","id":1024,"price":12.5,"tags":["a","b"],"dims":{"w":3,"h":4.25,"d":null},' \
         '"stock":[{"site":"north","qty":7},{"site":"south","qty":0}],"active":true,"note":"\\u00bd off"}'
doc = json.loads(source)
print(json.dumps(doc))
print(json.dumps(doc, indent=4))
print(json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False))
print(json.dumps(doc, separators=(",", ":"), sort_keys=True))
print(json.dumps(doc, indent="--", separators=(";", "=")))
print(json.dumps(doc["stock"], indent=1))
lines = json.dumps(doc, indent=2).splitlines()
print(len(lines), max([len(line) for line in lines]))
print(json.dumps(json.loads(json.dumps(doc, indent=3)), sort_keys=True) == json.dumps(doc, sort_keys=True))
