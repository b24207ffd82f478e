# helper module: a configuration loader used by config_loader.py
DEFAULTS = {
    "host": "localhost",
    "port": 8080,
    "debug": False,
    "workers": 4,
}

CONVERTERS = {
    "port": int,
    "workers": int,
    "debug": lambda text: text.strip().lower() in ("1", "true", "yes"),
}

loaded = 0


def parse(text):
    """Parse `key = value` lines over the defaults; report unknown keys."""
    global loaded
    loaded += 1
    settings = dict(DEFAULTS)
    problems = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if "=" not in line:
            problems.append("line %d: missing '='" % number)
            continue
        key, value = [part.strip() for part in line.split("=", 1)]
        if key not in DEFAULTS:
            problems.append("line %d: unknown key %r" % (number, key))
            continue
        convert = CONVERTERS.get(key, str)
        try:
            settings[key] = convert(value)
        except ValueError as e:
            problems.append("line %d: %s" % (number, e))
    return settings, problems
