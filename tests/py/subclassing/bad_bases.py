# What cannot be subclassed, and the errors subclasses of built-in types raise.
def gen():
    yield 1


def attempt(label, make):
    try:
        result = make()
    except (TypeError, ValueError, AttributeError, ZeroDivisionError, IndexError) as e:
        print(f"{label}: {type(e).__name__}: {e}")
    else:
        print(f"{label}: ok {result!r}")


for base in (bool, range, slice, type(None), type(attempt), type(gen()), type(len), type(...)):
    attempt(f"class X({base.__name__})", lambda: type("X", (base,), {}))

print("--- class statements")
try:
    class Flag(bool):
        pass
except TypeError as e:
    print("TypeError:", e)
try:
    class Steps(range):
        pass
except TypeError as e:
    print("TypeError:", e)

print("--- lay-out conflicts")
attempt("int, str", lambda: type("X", (int, str), {}))
attempt("float, list", lambda: type("X", (float, list), {}))
attempt("set, frozenset", lambda: type("X", (set, frozenset), {}))
attempt("bytes, bytearray", lambda: type("X", (bytes, bytearray), {}))


class Num(int):
    pass


class Text(str):
    pass


class Real(float):
    pass


print("--- construction errors come from the base type")
attempt("Num('x')", lambda: Num("x"))
attempt("Num('ff', 16)", lambda: Num("ff", 16))
attempt("Num(1.5, 2)", lambda: Num(1.5, 2))
attempt("Real('abc')", lambda: Real("abc"))
attempt("Real([])", lambda: Real([]))
attempt("Text(b'x', 'ascii')", lambda: Text(b"x", "ascii"))
attempt("Num()", lambda: Num())
attempt("Text()", lambda: Text())
attempt("Real()", lambda: Real())

print("--- operations the base type refuses")
attempt("Text + 1", lambda: Text("a") + 1)
attempt("1 + Text", lambda: 1 + Text("a"))
attempt("Num + 'a'", lambda: Num(1) + "a")
attempt("Real < 'a'", lambda: Real(1) < "a")
attempt("Num / 0", lambda: Num(1) / 0)
attempt("Text[10]", lambda: Text("abc")[10])
attempt("Num()()", lambda: Num(1)())
attempt("len(Num)", lambda: len(Num(3)))
attempt("iter(Real)", lambda: iter(Real(1.0)))
attempt("Num.missing", lambda: Num(1).missing)
attempt("frozenset subclass add", lambda: type("F", (frozenset,), {})([1]).add(2))


class Slotted(int):
    __slots__ = ()


attempt("Slotted attribute", lambda: setattr(Slotted(1), "x", 1))
attempt("Slotted value", lambda: Slotted(7) * 2)


class Unhashable(str):
    def __eq__(self, other):
        return str(self) == str(other)


attempt("hash(Unhashable)", lambda: hash(Unhashable("a")))
attempt("{Unhashable: 1}", lambda: {Unhashable("a"): 1})
attempt("Unhashable == 'a'", lambda: Unhashable("a") == "a")


class BadNew(int):
    def __new__(cls, value):
        return "not an int"


attempt("BadNew(1)", lambda: BadNew(1))


class Validated(str):
    def __new__(cls, value):
        if not value.isidentifier():
            raise ValueError(f"not an identifier: {value!r}")
        return super().__new__(cls, value)


attempt("Validated('ok_name')", lambda: Validated("ok_name"))
attempt("Validated('2bad')", lambda: Validated("2bad"))
