# Validating JSON-like configuration with mapping patterns: literal and value keys,
# nested patterns, **rest, dict subclasses, and .get() semantics for lookups.
import json
from collections import OrderedDict, defaultdict


class Keys:
    NAME = "name"
    PORT = "port"


def validate_server(cfg):
    match cfg:
        case {Keys.NAME: str(name), Keys.PORT: int(port), **rest} if not 0 < port < 65536:
            return f"{name}: port {port} out of range"
        case {"name": str(name), "port": int(port), "tls": {"cert": str(c), "key": str(k)}, **rest}:
            extra = sorted(rest)
            return f"{name}:{port} tls cert={c} key={k} extra={extra}"
        case {"name": str(name), "port": int(port), "tls": dict(t)}:
            return f"{name}:{port} incomplete tls section {sorted(t)}"
        case {"name": str(name), "port": int() | float() as port, **rest}:
            return f"{name}:{port} plain, {len(rest)} other key(s): {rest}"
        case {"name": str()}:
            return "missing or bad port"
        case {"name": other}:
            return f"name must be a string, not {type(other).__name__}"
        case {}:
            return "no name"
        case _:
            return f"not a mapping: {cfg!r}"


def describe_user(rec):
    match rec:
        case {"type": "admin", "perms": [*perms], **others} if "root" in perms:
            return f"superuser, other fields {sorted(others.items())}"
        case {"type": "admin" | "staff" as kind, "perms": [first, *more]}:
            return f"{kind} with {first} and {len(more)} more"
        case {"type": "guest", "expires": None}:
            return "guest forever"
        case {"type": "guest", "expires": int(t)}:
            return f"guest until {t}"
        case {"type": kind, **rest} if not rest:
            return f"bare {kind}"
        case {"type": kind}:
            return f"other {kind}"
    return "unknown"


configs = json.loads("""[
  {"name": "web", "port": 8080},
  {"name": "api", "port": 443, "tls": {"cert": "a.pem", "key": "a.key"}, "debug": true, "workers": 4},
  {"name": "db", "port": 5432, "tls": {"cert": "b.pem"}},
  {"name": "bad", "port": 70000},
  {"name": "float", "port": 80.5},
  {"name": "noport"},
  {"name": 42, "port": 1},
  {"port": 1},
  [1, 2, 3],
  "text"
]""")
for c in configs:
    print(validate_server(c))

print()
users = [
    {"type": "admin", "perms": ["read", "root"], "email": "a@x", "id": 1},
    {"type": "admin", "perms": ("read", "write", "exec")},
    {"type": "staff", "perms": ["read"]},
    {"type": "staff", "perms": []},
    {"type": "guest", "expires": None},
    {"type": "guest", "expires": 1700000000},
    {"type": "guest", "expires": "soon"},
    {"type": "robot"},
    {"type": "robot", "serial": 9},
    {"kind": "none"},
]
for u in users:
    print(describe_user(u))


# dict subclasses: .get is what the pattern uses, so __missing__ is never called
# and a subclass's own get() is honoured.
class Loud(dict):
    def get(self, key, default=None):
        print("  Loud.get", repr(key))
        return super().get(key, default)


class Missing(dict):
    def __missing__(self, key):
        print("  __missing__ called!", key)
        return "invented"


dd = defaultdict(list, {"a": [1]})
for subject in [Loud(a=1, b=2, c=3), Missing(a=1), dd, OrderedDict([("b", 2), ("a", 1)])]:
    match subject:
        case {"a": 1, "b": b, **rest}:
            print(type(subject).__name__, "a and b", b, "rest", rest, type(rest).__name__)
        case {"a": a, **rest}:
            print(type(subject).__name__, "only a", a, "rest", rest)
print("defaultdict untouched:", dict(dd))

# Mapping patterns never match sequences, and sequence patterns never match dicts or
# strings.
for subject in [{"x": 1}, [("x", 1)], "x", b"x", bytearray(b"x"), range(1), (1,)]:
    match subject:
        case {"x": v}:
            print("mapping", v)
        case [v]:
            print("sequence of one", v)
        case _:
            print("neither", repr(subject))
