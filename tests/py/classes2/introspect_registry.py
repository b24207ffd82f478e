# A command registry that discovers handlers by walking dir() of classes and reading
# every attribute it lists (as typing.no_type_check and many plugin systems do):
# everything dir() names must be readable through the class.
import functools
import typing


class Command:
    """Base of all commands."""

    def run(self, *args):
        raise NotImplementedError


@typing.no_type_check
class Greet(Command):
    greeting: str = "hello"

    def run(self, name: str) -> str:
        return f"{self.greeting}, {name}"


class Count(Command):
    __slots__ = ("n",)

    def __init__(self):
        self.n = 0

    def run(self):
        self.n += 1
        return self.n


def describe(cls):
    kinds = {}
    for key in dir(cls):
        obj = getattr(cls, key)
        kinds.setdefault(type(obj).__name__, []).append(key)
    return {k: len(v) for k, v in sorted(kinds.items())}


print(Greet().run("ada"), Greet.run.__no_type_check__)
print(describe(Greet)["function"], describe(Count)["member_descriptor"])
print(Greet.__weakref__, Greet().__weakref__)
print("__weakref__" in dir(Count), hasattr(Count, "__weakref__"))
print(object.__lt__(Greet(), 1), object.__ge__(3, 4))
print(Count().__sizeof__() > 0, object().__sizeof__() > 0)


class Auditing(Command):
    def __dir__(self):
        return ["run", "audit"] + object.__dir__(self)[:0]


print(dir(Auditing()))
names = object.__dir__(Count())
print(type(names).__name__, "run" in names, "n" in names, "__lt__" in names)


@functools.total_ordering
class Version:
    def __init__(self, text):
        self.parts = tuple(int(p) for p in text.split("."))

    def __eq__(self, other):
        return self.parts == other.parts

    def __lt__(self, other):
        return self.parts < other.parts

    def __repr__(self):
        return "Version(%r)" % ".".join(map(str, self.parts))


vs = [Version("1.10"), Version("1.2"), Version("0.9")]
print(sorted(vs), max(vs), Version("1.2") >= Version("1.2"), Version("2.0") <= Version("1.0"))
try:
    Greet() < Greet()
except TypeError as e:
    print("TypeError:", e)
