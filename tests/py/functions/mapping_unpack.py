# Layered configuration: defaults, an environment view and a user file are
# merged with ** unpacking; the environment view is no dict, only an object
# with keys() and __getitem__, which ** accepts like any mapping.
from collections import UserDict
from collections.abc import Mapping


class EnvView:
    """Variables with a prefix, seen without it."""

    def __init__(self, environ, prefix):
        self.environ = environ
        self.prefix = prefix
        self.lookups = 0

    def keys(self):
        return [k[len(self.prefix):].lower() for k in self.environ if k.startswith(self.prefix)]

    def __getitem__(self, key):
        self.lookups += 1
        return self.environ[self.prefix + key.upper()]


class Frozen(Mapping):
    def __init__(self, **items):
        self._items = dict(items)

    def __getitem__(self, key):
        return self._items[key]

    def __iter__(self):
        return iter(self._items)

    def __len__(self):
        return len(self._items)


def connect(host="localhost", port=5432, user="app", **extra):
    return "connect(host=%r, port=%r, user=%r, extra=%r)" % (host, port, user, sorted(extra.items()))


env = EnvView({"APP_HOST": "db.internal", "APP_USER": "svc", "HOME": "/root"}, "APP_")
defaults = Frozen(port=6432, timeout=5)
user_file = UserDict(user="alice", sslmode="require")

merged = {**defaults, **env, **user_file}
print(sorted(merged.items()), "env lookups:", env.lookups)
print(connect(**env))
print(connect(**defaults, **user_file))
print(connect(**{**env, "port": 1}))

for bad in (None, 42, ["host", "x"]):
    try:
        print({**bad})
    except TypeError as e:
        print("TypeError:", e)
