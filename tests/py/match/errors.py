# Errors of the match statement: SyntaxErrors found when compiling, and the
# TypeErrors/ValueErrors patterns raise at run time. The last one is uncaught.

def check(src):
    try:
        compile(src, "<case>", "exec")
        print("compiles:", src.splitlines()[1].strip())
    except SyntaxError as e:
        print(f"SyntaxError line {e.lineno}: {e.msg}")


bad_sources = [
    "match x:\n    case y: pass\n    case 1: pass",
    "match x:\n    case _: pass\n    case 1: pass",
    "match x:\n    case (a | b): pass",
    "match x:\n    case [a] | b: pass",
    "match x:\n    case [a, b] | [b, c]: pass",
    "match x:\n    case [a, *rest, a]: pass",
    "match x:\n    case {'k': a, **a}: pass",
    "match x:\n    case [*a, *b]: pass",
    "match x:\n    case {1: a, 1: b}: pass",
    "match x:\n    case {'a': a, 'a': b}: pass",
    "match x:\n    case {-1: a, -1: b}: pass",
    "match x:\n    case P(a=1, a=2): pass",
    "match x:\n    case f'x{y}': pass",
    "match x:\n    case 1 | y: pass",
    "match x:\n    case (1 as z) | (2 as z) | w: pass",
    "match x:\n    case y if y: pass\n    case z: pass",
    "match x:\n    case (q as r) as s: pass",
    "match x:\n    case [a, [b, *c], {'k': d, **e}] | (a, (b, *c), {'k': d, **e}): pass",
    "match x:\n    case {**rest, 'a': 1}: pass",
    "match x:\n    case *everything: pass",
    "match x:\n    case 1 + 1: pass",
    "match x:\n    case 1j + 1: pass",
    "match x:\n    case P(a=1, 2): pass",
    "match x:\n    case {f(): 1}: pass",
]
for src in bad_sources:
    check(src)


class Point:
    __match_args__ = ("x", "y")

    def __init__(self, x, y):
        self.x, self.y = x, y


class Plain:
    pass


class ListArgs:
    __match_args__ = ["value"]


class IntArgs:
    __match_args__ = ("ok", 3)
    ok = 1


class Exploding:
    @property
    def boom(self):
        raise RuntimeError("property exploded")


def attempt(label, subject, fn):
    try:
        print(label, "->", fn(subject))
    except Exception as e:
        print(label, "->", type(e).__name__ + ":", e)


def too_many(s):
    match s:
        case Point(1, 2, 3):
            return "three"


def no_match_args(s):
    match s:
        case Plain(1):
            return "plain"
        case _:
            return "fell through"


def not_a_class(s):
    match s:
        case len():
            return "len?"


def dotted_not_a_class(s):
    import math
    match s:
        case math.pi():
            return "pi?"


def repeated_attr(s):
    match s:
        case Point(1, x=1):
            return "x twice"


def list_match_args(s):
    match s:
        case ListArgs(v):
            return v


def int_in_match_args(s):
    match s:
        case IntArgs(a, b):
            return a, b


def builtin_two(s):
    match s:
        case int(a, b):
            return a


def exploding(s):
    match s:
        case Exploding(boom=b):
            return b


def missing_attr(s):
    match s:
        case Point(z=0):
            return "has z"
        case Point(x=0):
            return "x is 0"


class Keys:
    A = "a"
    ALSO_A = "a"


def dup_keys(s):
    match s:
        case {Keys.A: 1, Keys.ALSO_A: 2}:
            return "both"


def unhashable_key_subject(s):
    match s:
        case {"k": v}:
            return v


class BadGet(dict):
    def get(self, key, default=None):
        raise LookupError(f"no get for {key}")


attempt("too many positional", Point(1, 2), too_many)
attempt("isinstance fails first", 5, too_many)
attempt("no __match_args__", Plain(), no_match_args)
attempt("no __match_args__, other type", 1, no_match_args)
attempt("not a class", [1], not_a_class)
attempt("dotted not a class", 3.14, dotted_not_a_class)
attempt("attribute twice", Point(1, 2), repeated_attr)
attempt("__match_args__ list", ListArgs(), list_match_args)
attempt("__match_args__ int", IntArgs(), int_in_match_args)
attempt("int() with two", 7, builtin_two)
attempt("property raises", Exploding(), exploding)
attempt("missing attribute", Point(0, 1), missing_attr)
attempt("duplicate keys", {"a": 1, "b": 2}, dup_keys)
attempt("duplicate keys, short dict", {"a": 1}, dup_keys)
attempt("dict subclass get raises", BadGet(k=1), unhashable_key_subject)


def failing_body(event):
    match event:
        case {"type": "div", "n": n, "d": d}:
            return n // d
        case _:
            return None


print(failing_body({"type": "div", "n": 7, "d": 2}))
print(failing_body({"type": "div", "n": 7, "d": 0}))
