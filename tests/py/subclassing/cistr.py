# A case-insensitive string: equal and hashed by its casefolded text, shown as given.


class CIStr(str):
    def __eq__(self, other):
        if isinstance(other, str):
            return self.casefold() == other.casefold()
        return NotImplemented

    def __ne__(self, other):
        result = self.__eq__(other)
        return result if result is NotImplemented else not result

    def __hash__(self):
        return hash(self.casefold())

    def __lt__(self, other):
        return self.casefold() < str(other).casefold()

    def __repr__(self):
        return f"CIStr({str.__repr__(self)})"


class Headers:
    def __init__(self, pairs=()):
        self._d = {}
        for k, v in pairs:
            self[k] = v

    def __setitem__(self, key, value):
        self._d[CIStr(key)] = value

    def __getitem__(self, key):
        return self._d[CIStr(key)]

    def __contains__(self, key):
        return CIStr(key) in self._d

    def keys(self):
        return list(self._d)


h = Headers([("Content-Type", "text/html"), ("X-Trace", "abc")])
h["content-length"] = "42"
h["CONTENT-TYPE"] = "application/json"
print(h["content-type"], h["Content-Length"], "x-trace" in h, "X-Missing" in h)
print(sorted(h.keys()), len(h.keys()))

a, b = CIStr("Hello"), CIStr("hELLO")
print(a == b, a == "HELLO", "hello" == a, a != "world", a != "HeLLo", a is b)
print({a, b, CIStr("World"), "world"} == {a, "world", CIStr("WORLD")}, len({a, b, CIStr("x")}))
print(sorted([CIStr("banana"), CIStr("Apple"), CIStr("cherry")]), min(CIStr("b"), CIStr("A")))
print(a in ["HELLO", "x"], a in {"hello": 1}, ["x", "hello"].index(a), ("HELLO",).count(a))

# It is still a str: methods give plain strs, operators give plain strs.
print(a.upper(), type(a.upper()).__name__, a.split("l"), [type(p).__name__ for p in a.split("l")])
print(a + "!", type(a + "!").__name__, a * 2, a[1:3], a[0], len(a), list(a), "ell" in a)
print(str(a), type(str(a)).__name__, repr(a), f"{a}|{a!r}|{a:>8}|{a:.2}", "%s and %r" % (a, a))
print(",".join([a, b]), "-".join(CIStr("xyz")), a.startswith("He"), a.replace("l", "L"), a.encode())
print(isinstance(a, str), type(a).__mro__, a.__class__.__name__, CIStr("  pad ").strip())
print(int(CIStr("12")) + 1, float(CIStr("2.5")), CIStr("a,b").partition(","), CIStr("7").zfill(3))


# A mixin before str in the bases.
class Shouting:
    def shout(self):
        return self.upper() + "!"


class Name(Shouting, str):
    def __new__(cls, first, last):
        self = super().__new__(cls, f"{first} {last}")
        self.first, self.last = first, last
        return self


n = Name("ada", "lovelace")
print(n, n.shout(), n.first, n.last, len(n), n.title(), repr(n), Name.__mro__)
print(sorted([Name("b", "x"), Name("a", "y")]), {n: 1}["ada lovelace"], n == "ada lovelace")

# A str subclass is a path, a JSON document, a character.
import json

with open(CIStr(__file__)) as fh:
    print(fh.readline().rstrip())
print(json.loads(CIStr('{"k": [1, 2]}')), json.dumps({CIStr("Key"): CIStr("value")}), ord(CIStr("A")), "ell" in CIStr("HELLO"))
