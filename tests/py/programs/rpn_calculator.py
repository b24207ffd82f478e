def tokenize(expr):
    tokens, num = [], ""
    for ch in expr:
        if ch.isdigit() or ch == ".":
            num += ch
            continue
        if num:
            tokens.append(num)
            num = ""
        if ch in "+-*/()":
            tokens.append(ch)
        elif not ch.isspace():
            raise ValueError(f"unexpected character {ch!r}")
    if num:
        tokens.append(num)
    return tokens

PREC = {"+": 1, "-": 1, "*": 2, "/": 2}

def to_rpn(tokens):
    out, ops = [], []
    for t in tokens:
        if t in PREC:
            while ops and ops[-1] in PREC and PREC[ops[-1]] >= PREC[t]:
                out.append(ops.pop())
            ops.append(t)
        elif t == "(":
            ops.append(t)
        elif t == ")":
            while ops and ops[-1] != "(":
                out.append(ops.pop())
            if not ops:
                raise ValueError("unbalanced parenthesis")
            ops.pop()
        else:
            out.append(float(t) if "." in t else int(t))
    while ops:
        op = ops.pop()
        if op == "(":
            raise ValueError("unbalanced parenthesis")
        out.append(op)
    return out

def evaluate(rpn):
    stack = []
    for t in rpn:
        if t in PREC:
            b, a = stack.pop(), stack.pop()
            if t == "+":
                stack.append(a + b)
            elif t == "-":
                stack.append(a - b)
            elif t == "*":
                stack.append(a * b)
            else:
                stack.append(a / b)
        else:
            stack.append(t)
    return stack[0]

for expr in ["1 + 2 * 3", "(1 + 2) * 3", "10 / 4 - 1", "2 * (3 + 4) * 5", "1.5 * 4", "(2", "1 / 0", "3 $ 4"]:
    try:
        rpn = to_rpn(tokenize(expr))
        print(f"{expr:<18} rpn={' '.join(map(str, rpn)):<16} = {evaluate(rpn)}")
    except (ValueError, ZeroDivisionError) as e:
        print(f"{expr:<18} error: {type(e).__name__}: {e}")
