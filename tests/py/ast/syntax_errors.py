"""ast.parse reports syntax errors as compile() does (message, line, offset)."""
import ast

BAD = [
    "def f(:\n    pass",
    "if x = 1:\n    pass",
    "f(**a, *b)",
    "1 = x",
    "for x in range(3)\n    pass",
    "class C:\npass",
    "print 'hello'",
    "x = [1, 2 3]",
    "a b",
]
for src in BAD:
    try:
        ast.parse(src, "bad.py")
        print("parsed:", repr(src))
    except SyntaxError as e:
        print(type(e).__name__, repr(e.msg), e.filename, e.lineno, e.offset)

# Errors found only when compiling (not parsing) are not raised by ast.parse.
for src in ["return 1", "yield x", "nonlocal q", "break", "await z"]:
    print(type(ast.parse(src).body[0]).__name__)

for src, mode in [("a = 1", "eval"), ("1; 2", "eval"), ("", "eval"),
                  ("a\nb", "single")]:
    try:
        ast.parse(src, mode=mode)
    except SyntaxError as e:
        print(mode, repr(src), "->", e.msg, e.lineno, e.offset)
