import json, random, struct
class Enc(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, set):
            return sorted(o)
        return super().default(o)
print(json.dumps({"a": {3, 1, 2}}, cls=Enc))
print(json.dumps({"a": {3, 1}, "b": [1]}, cls=Enc, indent=2, sort_keys=True))
try:
    json.dumps({"a": object()}, cls=Enc)
except TypeError as e:
    print(e)
print(json.JSONEncoder().encode([1, "x", None]), json.JSONEncoder(separators=(",", ":")).encode({"k": [1, 2]}))
class Dec(json.JSONDecoder):
    def decode(self, s):
        return ("decoded", super().decode(s))
print(json.loads('[1, 2]', cls=Dec))
print(json.JSONDecoder(parse_int=float).decode("[1, 2]"))
r = random.Random(42)
print([r.randint(1, 100) for _ in range(5)], r.random())
random.seed(42)
print([random.randint(1, 100) for _ in range(5)], random.random())
r2 = random.Random("abc")
l = list(range(10)); r2.shuffle(l); print(l, r2.choice("xyz"), r2.sample(range(100), 3))
r.seed(1); a = r.random(); r.seed(1); print(a == r.random(), r.getstate()[1][:2] == random.Random(1).getstate()[1][:2])
s = struct.Struct("<hiq")
print(s.size, s.format, s.pack(1, 2, 3), s.unpack(s.pack(-1, 5, 7)))
print(struct.Struct(b">I").format, struct.Struct("2h").unpack_from(b"\x00\x01\x00\x02xx"))
print(list(struct.Struct("<h").iter_unpack(b"\x01\x00\x02\x00")))
try:
    struct.Struct("z")
except struct.error as e:
    print(e)
try:
    s.pack(1)
except struct.error as e:
    print(e)
