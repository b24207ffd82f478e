# A 2-D grid indexed like numpy (`g[1:3, ::2]`, `g[0, 1]`), and a settings object
# whose __dir__ advertises its keys to tab completion.


class Grid:
    def __init__(self, rows):
        self.rows = rows

    def __getitem__(self, key):
        if not isinstance(key, tuple):
            key = (key, slice(None))
        r, c = key
        rows = self.rows[r] if isinstance(r, slice) else [self.rows[r]]
        picked = [row[c] if isinstance(c, slice) else [row[c]] for row in rows]
        return Grid(picked)

    def __setitem__(self, key, value):
        print("set", key, "=", value)

    def __delitem__(self, key):
        print("del", key)

    def __repr__(self):
        return "Grid(%r)" % (self.rows,)


g = Grid([[r * 10 + c for c in range(5)] for r in range(4)])
print(g[1:3, ::2])
print(g[0, 1:4])
print(g[::-1, -1])
print(g[2])
g[0:1, 2:3] = 99
del g[::2, 1, ...]
keys = [(1, 2), (slice(1, None), 3), (..., slice(None, None, -1))]
print([k for k in keys])


class Settings:
    def __init__(self, **values):
        self.__dict__["_values"] = values

    def __getattr__(self, name):
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None

    def __dir__(self):
        return (k for k in self._values)  # any iterable; dir() sorts it


s = Settings(timeout=30, host="db", retries=3)
print(dir(s), s.host)
print("timeout" in dir(Settings), "__dir__" in dir(Settings))

# A sentinel for "no default": its repr names the plain object type.
MISSING = object()
print(repr(MISSING).split(" at ")[0], str(MISSING).startswith("<object object at 0x"))
