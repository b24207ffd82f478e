class Expr:
    def eval(self, env):
        raise NotImplementedError

    def __repr__(self):
        fields = ", ".join([repr(v) for v in vars(self).values()])
        return f"{type(self).__name__}({fields})"


class Num(Expr):
    def __init__(self, value):
        self.value = value

    def eval(self, env):
        return self.value


class Var(Expr):
    def __init__(self, name):
        self.name = name

    def eval(self, env):
        try:
            return env[self.name]
        except KeyError:
            raise NameError(f"undefined variable {self.name!r}") from None


class BinOp(Expr):
    OPS = {
        "+": lambda a, b: a + b,
        "-": lambda a, b: a - b,
        "*": lambda a, b: a * b,
        "/": lambda a, b: a / b,
    }

    def __init__(self, op, left, right):
        self.op = op
        self.left = left
        self.right = right

    def eval(self, env):
        return self.OPS[self.op](self.left.eval(env), self.right.eval(env))


class Parser:
    def __init__(self, text):
        self.tokens = text.replace("(", " ( ").replace(")", " ) ").split()
        self.pos = 0

    def peek(self):
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self):
        tok = self.peek()
        self.pos += 1
        return tok

    def expr(self):
        node = self.term()
        while self.peek() in ("+", "-"):
            node = BinOp(self.take(), node, self.term())
        return node

    def term(self):
        node = self.atom()
        while self.peek() in ("*", "/"):
            node = BinOp(self.take(), node, self.atom())
        return node

    def atom(self):
        tok = self.take()
        if tok == "(":
            node = self.expr()
            if self.take() != ")":
                raise SyntaxError("expected )")
            return node
        if tok is None:
            raise SyntaxError("unexpected end")
        if tok.isdigit():
            return Num(int(tok))
        return Var(tok)


env = {"x": 4, "y": 10}
for src in ["1 + 2 * 3", "(1 + 2) * 3", "x * x - y", "y / (x - 4)", "z + 1", "(1 + 2"]:
    try:
        tree = Parser(src).expr()
        print(src, "=>", tree, "=>", tree.eval(env))
    except ZeroDivisionError as e:
        print(src, "=> ZeroDivisionError:", e)
    except (NameError, SyntaxError) as e:
        print(src, "=>", type(e).__name__ + ":", e)
