# A tokenizer for a small expression language with finditer over an alternation
# of named groups (the re documentation's recipe), then a tiny evaluator.
import re
from collections import namedtuple

Token = namedtuple("Token", "kind value line column")

SPEC = [
    ("NUMBER", r"\d+(?:\.\d*)?"),
    ("ASSIGN", r":="),
    ("END", r";"),
    ("ID", r"[A-Za-z_]\w*"),
    ("OP", r"[+\-*/()]"),
    ("STRING", r'"(?:[^"\\]|\\.)*"'),
    ("NEWLINE", r"\n"),
    ("SKIP", r"[ \t]+"),
    ("COMMENT", r"#[^\n]*"),
    ("MISMATCH", r"."),
]
TOKEN_RE = re.compile("|".join("(?P<%s>%s)" % pair for pair in SPEC))
KEYWORDS = {"if", "then", "else", "end", "print"}


def tokenize(code):
    line, line_start = 1, 0
    for mo in TOKEN_RE.finditer(code):
        kind = mo.lastgroup
        value = mo.group()
        column = mo.start() - line_start
        if kind == "NUMBER":
            value = float(value) if "." in value else int(value)
        elif kind == "ID" and value in KEYWORDS:
            kind = value.upper()
        elif kind == "NEWLINE":
            line_start = mo.end()
            line += 1
            continue
        elif kind in ("SKIP", "COMMENT"):
            continue
        elif kind == "MISMATCH":
            raise RuntimeError(f"{value!r} unexpected on line {line}")
        yield Token(kind, value, line, column)


PROGRAM = '''x := 3 + 4.5 * (2 - 1);  # a comment
name := "a \\"quoted\\" word";
if x then print x end;
total := x * 2
'''

for tok in tokenize(PROGRAM):
    print(tok)

try:
    list(tokenize("a := 1 $ 2"))
except RuntimeError as e:
    print("error:", e)

# The scanner interface: match() repeatedly from where the last match ended.
sc = re.compile(r"\s*(?:(\d+)|(\w+)|(.))").scanner("12 ab + 7")
while True:
    m = sc.match()
    if not m:
        break
    print(m.lastindex, m.group(m.lastindex), m.span())

# A calculator over the tokens: shunting-yard with precedence.
PREC = {"+": 1, "-": 1, "*": 2, "/": 2}


def evaluate(text):
    out, ops = [], []

    def apply():
        op = ops.pop()
        b, a = out.pop(), out.pop()
        out.append({"+": a + b, "-": a - b, "*": a * b, "/": a / b}[op])

    for tok in tokenize(text):
        if tok.kind == "NUMBER":
            out.append(tok.value)
        elif tok.value == "(":
            ops.append("(")
        elif tok.value == ")":
            while ops[-1] != "(":
                apply()
            ops.pop()
        else:
            while ops and ops[-1] != "(" and PREC[ops[-1]] >= PREC[tok.value]:
                apply()
            ops.append(tok.value)
    while ops:
        apply()
    return out[0]


for expr in ["1 + 2 * 3", "(1 + 2) * 3", "10 / 4 - 1", "2 * (3 + 4) * 5"]:
    print(expr, "=", evaluate(expr))

# re.Scanner (the experimental class in re/__init__.py) with actions.
scanner = re.Scanner([
    (r"[0-9]+", lambda s, t: ("INT", int(t))),
    (r"[a-z]+", lambda s, t: ("WORD", t)),
    (r"\s+", None),
    (r"[,.]", lambda s, t: ("PUNCT", t)),
])
print(scanner.scan("sum of 12, 30 and 7."))
print(scanner.scan("ok 1 ! rest"))
