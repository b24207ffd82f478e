# A settings loader on Lib's json (over _json): layered JSON documents merged in
# order, duplicate keys refused through object_pairs_hook, money as Decimal through
# parse_float, a custom encoder for dataclasses, datetimes, enums and sets, a
# pretty-printed dump, and the positions of errors in broken documents.
import dataclasses
import datetime
import decimal
import enum
import json
import json.decoder
import json.scanner
from collections import OrderedDict


class Level(enum.IntEnum):
    DEBUG = 10
    INFO = 20


@dataclasses.dataclass
class Endpoint:
    host: str
    port: int
    tags: list


class DuplicateKey(ValueError):
    pass


def no_duplicates(pairs):
    seen = OrderedDict()
    for k, v in pairs:
        if k in seen:
            raise DuplicateKey(f"duplicate key {k!r}")
        seen[k] = v
    return seen


class SettingsDecoder(json.JSONDecoder):
    def __init__(self):
        super().__init__(object_pairs_hook=no_duplicates, parse_float=decimal.Decimal)


class SettingsEncoder(json.JSONEncoder):
    def default(self, o):
        if dataclasses.is_dataclass(o):
            return {"__endpoint__": dataclasses.asdict(o)}
        if isinstance(o, (datetime.date, datetime.datetime)):
            return o.isoformat()
        if isinstance(o, decimal.Decimal):
            return str(o)
        if isinstance(o, (set, frozenset)):
            return sorted(o)
        return super().default(o)


def merge(base, over):
    out = OrderedDict(base)
    for k, v in over.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = merge(out[k], v)
        else:
            out[k] = v
    return out


LAYERS = [
    '{"name": "shop", "price": 19.99, "limits": {"rps": 100, "burst": 1.5e1},'
    ' "debug": false, "owners": ["ann", "bob"]}',
    '{"limits": {"rps": 250}, "debug": true, "greeting": "h\\u00e9llo \\ud83d\\ude00"}',
    '  {"price": 21.50, "region": null}  ',
]

decoder = SettingsDecoder()
settings = OrderedDict()
for text in LAYERS:
    layer = decoder.decode(text)
    print(type(layer).__name__, list(layer))
    settings = merge(settings, layer)
print(settings["price"], type(settings["price"]).__name__, settings["limits"])
print(repr(settings["greeting"]), len(settings["greeting"]))

settings["endpoint"] = Endpoint("db.local", 5432, ["primary"])
settings["started"] = datetime.datetime(2024, 5, 17, 8, 30, 15)
settings["level"] = Level.INFO
settings["features"] = {"b", "a", "c"}
settings[3] = "int key"
settings[2.5] = "float key"
settings[None] = "none key"
dumped = json.dumps(settings, cls=SettingsEncoder)
print(dumped)
print(json.dumps(json.loads(dumped), indent=2, sort_keys=True))
print(json.dumps({"z": [1, {"y": 2}], "a": []}, separators=(",", ":")))
print(json.dumps(["\u00e9", "\x00\x1f", "\U0001f600"], ensure_ascii=False))
print(json.dumps(["\u00e9", "\x00\x1f", "\U0001f600"]))

# raw_decode: several documents in one stream, as a log reader sees them.
stream = '{"a": 1} [2, 3]  "four" 5.0 null'
pos = 0
raw = json.JSONDecoder()
while pos < len(stream):
    value, end = raw.raw_decode(stream, pos)
    print("doc", repr(value), "ends at", end)
    pos = end
    while pos < len(stream) and stream[pos] == " ":
        pos += 1

for broken in ['{"a": 1, "a": 2}', '{"a": [1, 2,]}', '{"a" 1}', '[1, 2', '{"x": "tab\there"}',
               '\n\n  {"k": tru}', '{"k": 1} extra', '', '"\\x"', '{"p": 1.}', '[-]', '{"a": NaN}']:
    try:
        print("ok", decoder.decode(broken))
    except DuplicateKey as e:
        print("duplicate:", e)
    except json.JSONDecodeError as e:
        print(f"{e.msg!r} at line {e.lineno} col {e.colno} pos {e.pos}: {e}")

for bad in [{"k": float("inf")}, {(1, 2): "tuple key"}, {"o": object()}]:
    try:
        print(json.dumps(bad, allow_nan=False))
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
print(json.dumps({(1, 2): "skipped", "kept": 1}, skipkeys=True))
cyclic = {"self": None}
cyclic["self"] = [cyclic]
try:
    json.dumps(cyclic)
except ValueError as e:
    print("ValueError", e)

# The scanner and the string scanner directly, as Lib's decoder drives them.
scan = json.scanner.make_scanner(json.JSONDecoder(parse_int=lambda s: int(s) * 10))
print(scan('[1, {"b": 2}] tail', 0))
try:
    scan("  x", 2)
except StopIteration as e:
    print("StopIteration", e.value)
print(json.decoder.scanstring('"caf\\u00e9" rest', 1))
print(json.encoder.encode_basestring_ascii("quote\" and \u2603"), json.encoder.encode_basestring("\u2603\n"))
