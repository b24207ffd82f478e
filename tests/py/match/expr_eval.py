# An expression evaluator and simplifier over small AST classes that declare
# __match_args__, with class patterns, nested patterns, value patterns and guards.

class Num:
    __match_args__ = ("value",)

    def __init__(self, value):
        self.value = value

    def __repr__(self):
        return f"Num({self.value})"


class Var:
    __match_args__ = ("name",)

    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return f"Var({self.name!r})"


class BinOp:
    __match_args__ = ("left", "op", "right")

    def __init__(self, left, op, right):
        self.left, self.op, self.right = left, op, right

    def __repr__(self):
        return f"BinOp({self.left!r}, {self.op!r}, {self.right!r})"


class Neg:
    __match_args__ = ("operand",)

    def __init__(self, operand):
        self.operand = operand

    def __repr__(self):
        return f"Neg({self.operand!r})"


class Call:
    __match_args__ = ("func", "args")

    def __init__(self, func, *args):
        self.func, self.args = func, list(args)

    def __repr__(self):
        return f"Call({self.func!r}, {self.args!r})"


class Ops:
    ADD = "+"
    SUB = "-"
    MUL = "*"
    DIV = "/"


def evaluate(node, env):
    match node:
        case Num(value=v):
            return v
        case Var(name) if name in env:
            return env[name]
        case Var(name):
            raise NameError(f"unbound variable {name}")
        case Neg(inner):
            return -evaluate(inner, env)
        case BinOp(l, Ops.ADD, r):
            return evaluate(l, env) + evaluate(r, env)
        case BinOp(l, Ops.SUB, r):
            return evaluate(l, env) - evaluate(r, env)
        case BinOp(l, Ops.MUL, r):
            return evaluate(l, env) * evaluate(r, env)
        case BinOp(l, Ops.DIV, r):
            d = evaluate(r, env)
            if d == 0:
                raise ZeroDivisionError("division by zero in expression")
            return evaluate(l, env) / d
        case Call("max", [first, *rest]):
            return max([evaluate(first, env)] + [evaluate(a, env) for a in rest])
        case Call("abs", [arg]):
            return abs(evaluate(arg, env))
        case Call(name, args):
            raise ValueError(f"bad call {name}/{len(args)}")
        case _:
            raise TypeError(f"not an expression: {node!r}")


def simplify(node):
    match node:
        case BinOp(Num(a), op, Num(b)):
            return Num(evaluate(node, {}))
        case BinOp(x, "+", Num(0)) | BinOp(Num(0), "+", x):
            return simplify(x)
        case BinOp(x, "*", Num(1)) | BinOp(Num(1), "*", x):
            return simplify(x)
        case BinOp(_, "*", Num(0)) | BinOp(Num(0), "*", _):
            return Num(0)
        case BinOp(x, "-", y) if repr(x) == repr(y):
            return Num(0)
        case Neg(Neg(x)):
            return simplify(x)
        case Neg(Num(v)):
            return Num(-v)
        case BinOp(l, op, r):
            new = BinOp(simplify(l), op, simplify(r))
            return new if repr(new) == repr(node) else simplify(new)
        case Neg(x):
            return Neg(simplify(x))
        case other:
            return other


env = {"x": 5, "y": -2}
exprs = [
    BinOp(Num(2), "+", Num(3)),
    BinOp(Var("x"), "*", BinOp(Var("y"), "+", Num(10))),
    Neg(BinOp(Var("x"), "/", Num(2))),
    Call("max", Num(1), Var("x"), Neg(Var("y"))),
    Call("abs", Var("y")),
    Call("abs"),
    Call("max"),
    BinOp(Num(1), "/", BinOp(Var("x"), "-", Num(5))),
    Var("zz"),
    "raw string",
]
for e in exprs:
    try:
        print(repr(e), "=", evaluate(e, env))
    except Exception as exc:
        print(repr(e), "!!", type(exc).__name__, exc)

print()
for e in [
    BinOp(Var("a"), "+", Num(0)),
    BinOp(Num(1), "*", BinOp(Var("b"), "+", Num(0))),
    BinOp(Var("c"), "*", Num(0)),
    BinOp(Var("d"), "-", Var("d")),
    Neg(Neg(Var("e"))),
    Neg(Num(4)),
    BinOp(BinOp(Num(2), "*", Num(3)), "+", Var("f")),
    BinOp(Neg(Neg(Num(1))), "*", BinOp(Var("g"), "+", BinOp(Num(2), "-", Num(2)))),
    Var("h"),
]:
    print(f"{e!r}\n    -> {simplify(e)!r}")
