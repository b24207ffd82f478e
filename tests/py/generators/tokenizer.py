# A tokenizer written as a generator, and a recursive-descent evaluator that pulls
# tokens from it one at a time.

def tokens(text):
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
            continue
        if c.isdigit() or c == ".":
            start = i
            while i < n and (text[i].isdigit() or text[i] == "."):
                i += 1
            num = text[start:i]
            yield ("NUM", float(num) if "." in num else int(num))
            continue
        if c.isalpha() or c == "_":
            start = i
            while i < n and (text[i].isalnum() or text[i] == "_"):
                i += 1
            yield ("NAME", text[start:i])
            continue
        if text[i:i + 2] == "**":
            yield ("OP", "**")
            i += 2
            continue
        if c in "+-*/()":
            yield ("OP", c)
            i += 1
            continue
        raise SyntaxError(f"bad character {c!r} at {i}")
    yield ("END", None)



def parser(text, env):
    toks = tokens(text)
    state = {"tok": next(toks)}

    def advance():
        tok = state["tok"]
        state["tok"] = next(toks)
        return tok

    def peek():
        return state["tok"]

    def expr():
        value = term()
        while peek() in (("OP", "+"), ("OP", "-")):
            op = advance()[1]
            rhs = term()
            value = value + rhs if op == "+" else value - rhs
        return value

    def term():
        value = power()
        while peek() in (("OP", "*"), ("OP", "/")):
            op = advance()[1]
            rhs = power()
            value = value * rhs if op == "*" else value / rhs
        return value

    def power():
        base = atom()
        if peek() == ("OP", "**"):
            advance()
            return base ** power()
        return base

    def atom():
        kind, val = advance()
        if kind == "NUM":
            return val
        if kind == "NAME":
            return env[val]
        if (kind, val) == ("OP", "-"):
            return -atom()
        if (kind, val) == ("OP", "("):
            v = expr()
            if advance() != ("OP", ")"):
                raise SyntaxError("expected )")
            return v
        raise SyntaxError(f"unexpected {kind} {val!r}")

    result = expr()
    if peek()[0] != "END":
        raise SyntaxError(f"trailing {peek()!r}")
    return result


print(list(tokens("x1 + 2.5*(y - 3) ** 2")))
env = {"x": 4, "y": 10, "rate": 0.5}
for src in ["1 + 2 * 3", "(1 + 2) * 3", "2 ** 3 ** 2", "x * (y - 1) / 3",
            "-x + rate * 4", "10 / 4 - 0.5", "((((7))))"]:
    print(f"{src:>20} = {parser(src, env)}")
for bad in ["1 + $", "(1 + 2", "1 2"]:
    try:
        parser(bad, env)
    except SyntaxError as e:
        print(f"{bad!r}: SyntaxError: {e}")

# The tokenizer is lazy: only what was asked for is scanned.
t = tokens("1 + 2 $ never reached")
print(next(t), next(t), next(t))
try:
    next(t)
except SyntaxError as e:
    print("on demand:", e)
print(next(t, "exhausted after the error"))
