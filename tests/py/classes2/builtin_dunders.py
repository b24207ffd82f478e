# The special methods of built-in types as attributes, the way library code uses them:
# operator tables built from unbound methods, NotImplemented from a type that does not
# handle the other operand, predicates taken from a frozenset, index conversion.
import functools

OPS = {"+": int.__add__, "*": int.__mul__, "-": int.__sub__, "<<": int.__lshift__}


def evaluate(tokens):
    total = int(tokens[0])
    for op, num in zip(tokens[1::2], tokens[2::2]):
        total = OPS[op](total, int(num))
    return total


print(evaluate("3 + 4 * 2 - 1 << 2".split()))
print(functools.reduce(int.__mul__, range(1, 8)), functools.reduce(str.__add__, ["a", "b", "c"]))

KEYWORDS = frozenset(["if", "else", "while", "def"])
iskeyword = KEYWORDS.__contains__
print([w for w in "def f if x else while y".split() if iskeyword(w)], iskeyword("f"))

print((1).__add__(2), (1).__add__(2.5), (2.5).__add__(1), (7).__mod__(3), (7).__rmod__(30))
print((1).__eq__(1.0), (1.0).__eq__(1), "a".__eq__(1), [1].__eq__((1,)), (3).__lt__(4))
print("ab".__mul__(3), (3).__mul__("ab"), [0].__mul__(2), "%s-%d".__mod__(("x", 5)))
print((5).__index__(), int.__index__(True), (-3).__abs__(), (6).__neg__(), (5).__invert__(), (2.5).__int__(), (3).__float__())
print({1, 2}.__or__({3}), frozenset([1]).__and__({1, 2}), {1: 2}.__or__({3: 4}), [1, 2].__contains__(2), "abc".__getitem__(1), len.__name__)
print(tuple.__hash__((1, 2)) == hash((1, 2)), str.__len__("hello"), dict.__getitem__({"k": "v"}, "k"), list.__len__([1, 2, 3]))
print(sorted([3, 1, 2], key=int.__neg__), max(["b", "a"], key=str.__len__), sum(map(int.__add__, [1, 2], [10, 20])))


class Money:
    def __init__(self, cents):
        self.cents = cents

    def __radd__(self, other):
        return Money(self.cents + other * 100)

    def __repr__(self):
        return "Money(%d)" % self.cents


print((5).__add__(Money(1)), 5 + Money(1), sum([Money(1)], 0))
print(hasattr(1, "__getitem__"), hasattr("x", "__iter__"), hasattr(3.5, "__index__"), hasattr(1, "__iter__"))
