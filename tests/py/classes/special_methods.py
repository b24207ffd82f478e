class Proxy:
    def __init__(self, target):
        object.__setattr__(self, "_target", target)
        object.__setattr__(self, "log", [])

    def __getattr__(self, name):
        self.log.append(("get", name))
        return getattr(self._target, name)

    def __setattr__(self, name, value):
        self.log.append(("set", name))
        setattr(self._target, name, value)


class Target:
    def __init__(self):
        self.value = 1

    def double(self):
        return self.value * 2


t = Target()
p = Proxy(t)
print(p.value, p.double())
p.value = 21
print(t.value, p.double(), p.log)
try:
    p.missing
except AttributeError as e:
    print("AttributeError:", e)


class Multiplier:
    def __init__(self, k):
        self.k = k

    def __call__(self, x, *, plus=0):
        return x * self.k + plus


triple = Multiplier(3)
print(triple(5), triple(2, plus=1), list(map(triple, [1, 2, 3])), callable(triple))


class Singleton:
    _instance = None

    def __new__(cls, *args):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
            cls._instance.created = 0
        return cls._instance

    def __init__(self, tag):
        self.created += 1
        self.tag = tag


a = Singleton("a")
b = Singleton("b")
print(a is b, a.created, a.tag)


class Slotted:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


s = Slotted(1, 2)
print(s.x, s.y)
try:
    s.z = 3
except AttributeError as e:
    print("AttributeError:", e)


class Strs:
    def __str__(self):
        return "as str"

    def __repr__(self):
        return "as repr"


o = Strs()
print(o, str(o), repr(o), [o], f"{o}", f"{o!r}", "%s %r" % (o, o), "{} {!r}".format(o, o))


class OnlyRepr:
    def __repr__(self):
        return "<OnlyRepr>"


print(OnlyRepr(), str(OnlyRepr()), format(OnlyRepr()))


class Sized:
    def __len__(self):
        return 3


print(len(Sized()), bool(Sized()))


class Truthy:
    def __bool__(self):
        return False


print(bool(Truthy()), "yes" if Truthy() else "no", not Truthy(), Truthy() or "fallback")


class Key:
    def __init__(self, k):
        self.k = k

    def __eq__(self, other):
        return isinstance(other, Key) and self.k.lower() == other.k.lower()

    def __hash__(self):
        return hash(self.k.lower())

    def __repr__(self):
        return f"Key({self.k!r})"


d = {Key("Alpha"): 1}
d[Key("ALPHA")] = 2
print(d, Key("alpha") in d, len({Key("a"), Key("A"), Key("b")}))
print([Key("x")].index(Key("X")), Key("q") in [Key("Q")], [Key("a"), Key("A")].count(Key("a")))
