# An import auditor and class registry built the old-fashioned way: by replacing
# builtins.__import__ and builtins.__build_class__ for a while.
import builtins

real_import = builtins.__import__
real_build_class = builtins.__build_class__
seen = []
registry = {}


def audited_import(name, globals=None, locals=None, fromlist=(), level=0):
    if (globals or {}).get("__name__") == "__main__":  # this program's own imports
        where = "module" if locals is globals else ("function" if locals is None else "other")
        seen.append((name, fromlist, level, where))
    if name == "forbidden":
        raise ImportError("blocked by policy: " + name)
    return real_import(name, globals, locals, fromlist, level)


def registering_build_class(func, name, *bases, **kw):
    cls = real_build_class(func, name, *bases, **kw)
    if func.__globals__["__name__"] == "__main__":
        registry[name] = [b.__name__ for b in cls.__bases__]
    return cls


builtins.__import__ = audited_import
builtins.__build_class__ = registering_build_class
try:
    import json
    import os.path
    from collections import OrderedDict, deque
    from string import ascii_lowercase as letters

    def lazy():
        import math
        return math.sqrt(16)

    print("lazy:", lazy())
    try:
        import forbidden
    except ImportError as e:
        print("ImportError:", e)

    class Base:
        pass

    class Plugin(Base, dict):
        def run(self):
            return "running"

    print(Plugin().run(), OrderedDict is not None, letters[:3])
finally:
    builtins.__import__ = real_import
    builtins.__build_class__ = real_build_class

import textwrap  # after restoring: not audited


class Later:
    pass


for entry in seen:
    print(entry)
print(sorted(registry.items()))
print(callable(builtins.__build_class__), builtins.__import__ is real_import)
