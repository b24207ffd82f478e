# A config loader that annotates errors with where they happened (PEP 678 notes),
# re-raises them, and finally lets one escape with its notes in the traceback.


class ConfigError(Exception):
    pass


def parse_line(lineno, line):
    key, sep, value = line.partition("=")
    if not sep:
        raise ConfigError(f"missing '=' in {line!r}")
    if not key.strip():
        raise ValueError("empty key")
    return key.strip(), value.strip()


def load(text, source="<config>"):
    out = {}
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        try:
            key, value = parse_line(lineno, line)
        except (ConfigError, ValueError) as e:
            e.add_note(f"{source}, line {lineno}")
            raise
        out[key] = value
    return out


print(load("a = 1\n# comment\nb=2"))
for text in ("x = 1\nbroken", "= 3"):
    try:
        load(text, "app.ini")
    except Exception as e:
        print(type(e).__name__, e, e.__notes__)

e = ValueError("twice")
e.add_note("first")
e.add_note("second\nwith two lines")
print(e.__notes__)
for bad in (42, None):
    try:
        e.add_note(bad)
    except TypeError as t:
        print("TypeError:", t)
e.__notes__ = "not a list"
try:
    e.add_note("x")
except TypeError as t:
    print("TypeError:", t)

group = ExceptionGroup("several", [KeyError("k"), ConfigError("c")])
group.add_note("in batch 7")
print(group.__notes__, [hasattr(x, "__notes__") for x in group.exceptions])

err = ConfigError("fatal")
err.add_note("while loading app.ini")
err.add_note("check the file's encoding")
try:
    raise err
except ConfigError:
    import sys, traceback
    traceback.print_exc(file=sys.stdout)
k = KeyError("k"); k.add_note("member note")
g = ExceptionGroup("several", [k, ValueError("v")])
g.add_note("group note\nsecond line")
raise g
