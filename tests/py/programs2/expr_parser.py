# Tokenizer, recursive-descent parser and evaluator for arithmetic with variables.

class ParseError(Exception):
    def __init__(self, msg, pos):
        super().__init__(f"{msg} at position {pos}")
        self.pos = pos


class Token:
    __slots__ = ("kind", "text", "pos")

    def __init__(self, kind, text, pos):
        self.kind = kind
        self.text = text
        self.pos = pos

    def __repr__(self):
        return f"{self.kind}:{self.text}"


def tokenize(src):
    tokens = []
    i = 0
    while i < len(src):
        c = src[i]
        if c.isspace():
            i += 1
        elif c.isdigit() or (c == "." and i + 1 < len(src) and src[i + 1].isdigit()):
            j = i
            while j < len(src) and (src[j].isdigit() or src[j] == "."):
                j += 1
            tokens.append(Token("num", src[i:j], i))
            i = j
        elif c.isalpha() or c == "_":
            j = i
            while j < len(src) and (src[j].isalnum() or src[j] == "_"):
                j += 1
            tokens.append(Token("name", src[i:j], i))
            i = j
        elif src.startswith("**", i):
            tokens.append(Token("op", "**", i))
            i += 2
        elif c in "+-*/%()=,":
            tokens.append(Token("op", c, i))
            i += 1
        else:
            raise ParseError(f"unexpected character {c!r}", i)
    tokens.append(Token("end", "", len(src)))
    return tokens


class Parser:
    def __init__(self, src):
        self.toks = tokenize(src)
        self.i = 0

    def peek(self):
        return self.toks[self.i]

    def next(self):
        t = self.toks[self.i]
        self.i += 1
        return t

    def expect(self, text):
        t = self.next()
        if t.text != text:
            raise ParseError(f"expected {text!r}, got {t.text or 'end'!r}", t.pos)
        return t

    def statement(self):
        if self.peek().kind == "name" and self.toks[self.i + 1].text == "=":
            name = self.next().text
            self.next()
            node = ("assign", name, self.expr())
        else:
            node = self.expr()
        if self.peek().kind != "end":
            t = self.peek()
            raise ParseError(f"trailing {t.text!r}", t.pos)
        return node

    def expr(self):
        node = self.term()
        while self.peek().text in ("+", "-"):
            op = self.next().text
            node = (op, node, self.term())
        return node

    def term(self):
        node = self.unary()
        while self.peek().text in ("*", "/", "%"):
            op = self.next().text
            node = (op, node, self.unary())
        return node

    def unary(self):
        if self.peek().text == "-":
            self.next()
            return ("neg", self.unary())
        return self.power()

    def power(self):
        base = self.atom()
        if self.peek().text == "**":
            self.next()
            return ("**", base, self.unary())
        return base

    def atom(self):
        t = self.next()
        if t.kind == "num":
            return ("num", float(t.text) if "." in t.text else int(t.text))
        if t.kind == "name":
            if self.peek().text == "(":
                self.next()
                args = []
                if self.peek().text != ")":
                    args.append(self.expr())
                    while self.peek().text == ",":
                        self.next()
                        args.append(self.expr())
                self.expect(")")
                return ("call", t.text, args)
            return ("var", t.text)
        if t.text == "(":
            node = self.expr()
            self.expect(")")
            return node
        raise ParseError(f"unexpected {t.text or 'end'!r}", t.pos)


FUNCS = {"max": max, "min": min, "abs": abs, "round": round}


def evaluate(node, env):
    kind = node[0]
    if kind == "num":
        return node[1]
    if kind == "var":
        if node[1] not in env:
            raise NameError(f"undefined variable {node[1]}")
        return env[node[1]]
    if kind == "assign":
        env[node[1]] = value = evaluate(node[2], env)
        return value
    if kind == "neg":
        return -evaluate(node[1], env)
    if kind == "call":
        return FUNCS[node[1]](*[evaluate(a, env) for a in node[2]])
    a, b = evaluate(node[1], env), evaluate(node[2], env)
    if kind == "+": return a + b
    if kind == "-": return a - b
    if kind == "*": return a * b
    if kind == "/": return a / b
    if kind == "%": return a % b
    if kind == "**": return a ** b
    raise ValueError(kind)


env = {}
lines = ["x = 3", "y = x * (2 + 4.5)", "y - -x ** 2", "2 ** 3 ** 2", "-2 ** 2",
         "max(x, y, 10) % 7", "z + 1", "1 / (x - 3)", "3 +", "4 $ 4", "(1 + 2",
         "round(y / 7, 3)", "abs(-17) // 2", "big = 2 ** 100", "big % 1000007", "7 % -3"]
for line in lines:
    try:
        tree = Parser(line).statement()
        print(f"{line:<20} => {evaluate(tree, env)!r}")
    except ParseError as e:
        print(f"{line:<20} !! {e} (pos={e.pos})")
    except (NameError, ZeroDivisionError) as e:
        print(f"{line:<20} !! {type(e).__name__}: {e}")
print(sorted(env.items()))
print(tokenize("a1 = (b_2 ** .5)"))
print(Parser("f(1, g(2), 3)").statement())
