# Calling __init__ again on a live built-in container re-initialises it as
# CPython does: list.__init__ clears then extends, dict.__init__ updates,
# set.__init__ clears then updates, bytearray.__init__ replaces the bytes.


class Playlist(list):
    """A list of tracks that can be reloaded from a new source."""

    def __init__(self, tracks=()):
        super().__init__(tracks)
        self.reloads = 0

    def reload(self, tracks):
        # Re-running the base initialiser replaces the contents in place.
        list.__init__(self, tracks)
        self.reloads += 1
        return self


p = Playlist(["intro", "verse"])
alias = p
p.reload(["chorus", "bridge", "outro"])
print(p, alias is p, p.reloads, len(p))
p.__init__()
print(p, p.reloads)
p.__init__("ab")
print(p)


class Settings(dict):
    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)

    def merge(self, *sources, **overrides):
        for s in sources:
            dict.__init__(self, s)
        super().__init__(**overrides)
        return self


s = Settings(debug=False, level=1)
s.merge({"level": 2}, [("colour", "blue")], debug=True)
print(sorted(s.items()))
s.__init__()
print(sorted(s.items()))


class Tags(set):
    def reset(self, *tags):
        set.__init__(self, tags)


t = Tags({"a", "b"})
t.reset("x", "y")
print(sorted(t), type(t).__name__)
t.__init__()
print(t)

plain = [1, 2, 3]
plain.__init__([9])
print(plain)
plain.__init__()
print(plain)
d = {"k": 1}
d.__init__(j=2)
print(d)
st = {1, 2}
st.__init__([3])
print(st)
buf = bytearray(b"header")
buf.__init__(b"body")
print(buf)
buf.__init__(3)
print(buf)
fz = frozenset({1})
fz.__init__([2])
print(fz)
tp = (1, 2)
tp.__init__()
print(tp)

for call in (
    lambda: list.__init__(plain, 1, 2),
    lambda: list.__init__(plain, x=1),
    lambda: dict.__init__(d, 1, 2),
    lambda: set.__init__(t, 1, 2),
    lambda: set.__init__(st, 1, 2),
    lambda: set.__init__(st, x=1),
    lambda: list.__init__(plain, 5),
):
    try:
        call()
    except TypeError as e:
        print("TypeError:", e)
