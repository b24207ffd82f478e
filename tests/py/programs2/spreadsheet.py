# A tiny spreadsheet: cells hold numbers or formulas (=A1+B2*2, =SUM(A1:A3)),
# evaluated with memoization and cycle detection; errors show as #ERR cells.

class CellError(Exception):
    pass


class CycleError(CellError):
    pass


def col_row(ref):
    col = ""
    for ch in ref:
        if ch.isalpha():
            col += ch.upper()
        else:
            break
    row = ref[len(col):]
    if not col or not row.isdigit():
        raise CellError(f"bad reference {ref!r}")
    return col, int(row)


def expand(rng):
    a, _, b = rng.partition(":")
    (c1, r1), (c2, r2) = col_row(a), col_row(b)
    return [f"{chr(c)}{r}" for c in range(ord(c1), ord(c2) + 1) for r in range(r1, r2 + 1)]


FUNCS = {"SUM": sum, "MAX": max, "MIN": min, "AVG": lambda xs: sum(xs) / len(xs), "COUNT": len}


class Sheet:
    def __init__(self):
        self.cells = {}
        self.cache = {}
        self.evaluating = []

    def set(self, ref, value):
        self.cells[ref.upper()] = value
        self.cache.clear()

    def get(self, ref):
        ref = ref.upper()
        if ref in self.cache:
            return self.cache[ref]
        if ref in self.evaluating:
            chain = self.evaluating[self.evaluating.index(ref):] + [ref]
            raise CycleError("cycle " + " -> ".join(chain))
        raw = self.cells.get(ref, 0)
        self.evaluating.append(ref)
        try:
            if isinstance(raw, str) and raw.startswith("="):
                value = self.eval_expr(raw[1:])
            elif isinstance(raw, str):
                value = float(raw) if "." in raw else int(raw)
            else:
                value = raw
        finally:
            self.evaluating.pop()
        self.cache[ref] = value
        return value

    def eval_expr(self, src):
        tokens = []
        i = 0
        while i < len(src):
            ch = src[i]
            if ch.isspace():
                i += 1
            elif ch.isalnum() or ch == ".":
                j = i
                while j < len(src) and (src[j].isalnum() or src[j] in ".:"):
                    j += 1
                tokens.append(src[i:j])
                i = j
            else:
                tokens.append(ch)
                i += 1
        pos = [0]

        def peek():
            return tokens[pos[0]] if pos[0] < len(tokens) else None

        def take():
            pos[0] += 1
            return tokens[pos[0] - 1]

        def atom():
            t = take()
            if t == "(":
                v = expr()
                if take() != ")":
                    raise CellError("missing )")
                return v
            if t == "-":
                return -atom()
            if t in FUNCS:
                if take() != "(":
                    raise CellError(f"{t} needs (")
                rng = take()
                if take() != ")":
                    raise CellError("missing )")
                return FUNCS[t]([self.get(r) for r in expand(rng)])
            if t[0].isdigit():
                return float(t) if "." in t else int(t)
            return self.get(t)

        def term():
            v = atom()
            while peek() in ("*", "/"):
                op = take()
                rhs = atom()
                if op == "/" and rhs == 0:
                    raise CellError("division by zero")
                v = v * rhs if op == "*" else v / rhs
            return v

        def expr():
            v = term()
            while peek() in ("+", "-"):
                op = take()
                v = v + term() if op == "+" else v - term()
            return v

        try:
            result = expr()
        except IndexError:
            raise CellError("unexpected end of formula") from None
        if pos[0] != len(tokens):
            raise CellError(f"unexpected {tokens[pos[0]]!r}")
        return result

    def show(self, ref):
        try:
            v = self.get(ref)
        except CycleError as e:
            return f"#CYCLE({e})"
        except CellError as e:
            return f"#ERR({e})"
        return f"{v:.2f}" if isinstance(v, float) else str(v)


s = Sheet()
for ref, val in [("A1", 10), ("A2", "20"), ("A3", "2.5"), ("B1", "=A1+A2*2"),
                 ("B2", "=SUM(A1:A3)"), ("B3", "=(B1-B2)/A3"), ("C1", "=AVG(A1:B3)"),
                 ("C2", "=MAX(A1:A3)-MIN(A1:A3)+COUNT(A1:C1)"), ("C3", "=-A1*-(A2)")]:
    s.set(ref, val)
for ref in ["A1", "A2", "A3", "B1", "B2", "B3", "C1", "C2", "C3", "D9"]:
    print(ref, "=", s.show(ref))
s.set("A1", "=C1")
print("A1 =", s.show("A1"), "| B1 =", s.show("B1"))
s.set("A1", 1)
for ref, val in [("D1", "=A1/0"), ("D2", "=A1+"), ("D3", "=A1 A2"), ("D4", "=SUM(A1)"),
                 ("D5", "=9Z+1"), ("D6", "=(A1+A2")]:
    s.set(ref, val)
    print(ref, val, "->", s.show(ref))
print(sorted(s.cache.items())[:5], s.evaluating)
