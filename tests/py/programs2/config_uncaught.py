# A config loader whose error ends the program: a custom exception raised
# "from" a lower-level one, escaping through several frames (traceback checked).

class ConfigError(Exception):
    def __init__(self, path, problem):
        super().__init__(f"{'.'.join(path)}: {problem}")
        self.path = path


SCHEMA = {
    "server": {"host": str, "port": int, "tls": {"enabled": bool, "cert": str}},
    "workers": int,
    "name": str,
}

RAW = """
name = demo
workers = 4
server.host = example.org
server.port = 8443
server.tls.enabled = yes
server.tls.cert = /etc/cert.pem
"""


def parse_lines(text):
    values = {}
    for n, line in enumerate(text.strip().splitlines(), 1):
        key, sep, value = line.partition("=")
        if not sep:
            raise ValueError(f"line {n}: missing '='")
        values[tuple(key.strip().split("."))] = value.strip()
    return values


def convert(kind, text):
    if kind is bool:
        table = {"true": True, "false": False, "1": True, "0": False}
        return table[text.lower()]
    return kind(text)


def check(schema, values, path=()):
    out = {}
    for key, kind in schema.items():
        here = path + (key,)
        if isinstance(kind, dict):
            out[key] = check(kind, values, here)
            continue
        if here not in values:
            raise ConfigError(here, "missing")
        try:
            out[key] = convert(kind, values[here])
        except (KeyError, ValueError) as e:
            raise ConfigError(here, f"cannot read {values[here]!r} as {kind.__name__}") from e
    return out


def load(text):
    values = parse_lines(text)
    config = check(SCHEMA, values)
    print("loaded", sorted(config))
    return config


good = load(RAW.replace("yes", "true"))
print(good["server"]["tls"], good["workers"] * 2)
try:
    load(RAW.replace("workers = 4", "workers = four"))
except ConfigError as e:
    print("ConfigError:", e, "| path", e.path, "| cause", repr(e.__cause__))
try:
    load("name = x\nbroken line")
except ValueError as e:
    print("ValueError:", e)
load(RAW)
print("not reached")
