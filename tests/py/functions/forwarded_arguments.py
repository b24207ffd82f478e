# A command dispatcher that forwards parsed options with `*args` and `**options`,
# and the errors CPython gives when the forwarded values are wrong.


def deploy(service, *hosts, dry_run=False, retries=3, **labels):
    tag = ",".join(f"{k}={v}" for k, v in sorted(labels.items()))
    return f"deploy {service} to {list(hosts)} dry_run={dry_run} retries={retries} [{tag}]"


class Registry:
    def __init__(self):
        self.commands = {"deploy": deploy}

    def run(self, name, *args, **options):
        return self.commands[name](*args, **options)

    def handler(self, *args, **kw):
        return ("handler", args, kw)


class Options:
    """A read-only mapping: keys() and __getitem__ are enough for `**`."""

    def __init__(self, **values):
        self._values = values

    def keys(self):
        return self._values.keys()

    def __getitem__(self, key):
        return self._values[key]


def hosts_from(spec):
    for part in spec.split(","):
        yield part.strip()


reg = Registry()
print(reg.run("deploy", "api", "h1", "h2", retries=5))
print(deploy("web", *hosts_from("a, b, c"), **Options(dry_run=True, team="ops")))
print(deploy(*["db"], **{"region": "eu"}, retries=1))
print(deploy("cache", *range(2), **{"zone": "b"}, **Options(rack="r1")))

bad_calls = [
    lambda: deploy("x", **{"retries": 1}, retries=2),
    lambda: deploy("x", retries=2, **{"retries": 1}),
    lambda: deploy("x", **{"a": 1}, **{"a": 2}),
    lambda: deploy(**5),
    lambda: deploy("x", **["retries"]),
    lambda: deploy(*7),
    lambda: deploy(*None, **{}),
    lambda: deploy("x", *3),
    lambda: reg.handler(**1),
    lambda: reg.handler(*1.5),
    lambda: print(*5),
    lambda: dict(**{"a": 1}, a=3),
    lambda: deploy(**{1: 2}),
    lambda: Registry(**None),
    lambda: int.from_bytes(**5),
    lambda: ",".join(*3),
    lambda: {}.update(**[("a", 1)]),
]
for call in bad_calls:
    try:
        call()
    except TypeError as e:
        print("TypeError:", e)

# How call errors name built-in methods.
for method in (int.from_bytes, ",".join, dict.fromkeys, [].append, (1).bit_length, len):
    print(method.__qualname__)
