# A tiny config-language checker that reports problems as SyntaxErrors the way a
# parser would: SyntaxError(msg, (filename, lineno, offset, text, end_lineno, end_offset)).


class ConfigSyntaxError(SyntaxError):
    pass


def check(filename, source):
    errors = []
    for lineno, line in enumerate(source.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if "=" not in stripped:
            col = len(line) - len(line.lstrip()) + 1
            errors.append(ConfigSyntaxError(
                "expected '='", (filename, lineno, col, line + "\n", lineno, col + len(stripped))))
        elif line.startswith("\t"):
            errors.append(TabError("tabs are not allowed", (filename, lineno, 1, line, None, None)))
        elif line.startswith(" "):
            errors.append(IndentationError("unexpected indent", [filename, lineno, 1, line]))
    return errors


SRC = "name = demo\nbroken line\n\tx = 1\n  y = 2\n# fine\n"
for e in check("/etc/app/demo.cfg", SRC):
    print(type(e).__name__, str(e))
    print("  ", e.msg, e.filename, e.lineno, e.offset, repr(e.text), e.end_lineno,
          e.end_offset, e.print_file_and_line)
    print("  ", e.args)

# Partial information in str().
print(str(SyntaxError()))
print(str(SyntaxError("only msg")))
print(str(SyntaxError("m", ("f.py", None, None, None))))
print(str(SyntaxError("m", (None, 7, None, None))))
print(str(SyntaxError("m", ("dir/f.py", 7, 1, "x"))), repr(SyntaxError("m", ("f", 1, 2, "t"))))
print(str(SyntaxError(None, ("f.py", 2, 0, ""))))
print(SyntaxError("a", "b", "c").msg, SyntaxError("a", "b", "c").lineno)

# Bad position tuples.
for bad in [("f", 1), ("f", 1, 2, "t", 3, 4, 5), ("f", 1, 2, "t", 3), 5]:
    try:
        SyntaxError("m", bad)
    except TypeError as exc:
        print("TypeError:", exc)

# Members can be set and the str follows them.
e = SyntaxError("late")
e.filename, e.lineno = "late.py", 12
print(str(e))

# compile() fills them in too; a subclass calling super().__init__ gets them.
try:
    compile("a = (1,\nb = ]", "<cfg>", "exec")
except SyntaxError as err:
    print(type(err).__name__, err.filename, err.lineno, str(err))


class Located(SyntaxError):
    def __init__(self, msg, where):
        super().__init__(msg, where)


loc = Located("boom", ("x.py", 4, 2, "boom()\n", 4, 6))
print(str(loc), loc.lineno, loc.offset, loc.end_offset)

# The report sys.excepthook prints: carets from offset to end_offset, one when the
# end is not past the start.
import sys

sys.stderr = sys.stdout
for where in [("bad.py", 1, 2, "abcdefg", 1, 7), ("bad.py", 1, 2, "abcdefg", 1, -2),
              ("bad.py", 1, 4, "abcdefg", 1, 2), ("bad.py", 1, 2, "abcdefg", 1, 100),
              ("bad.py", 1, 0, "abcdefg", 1, 5)]:
    try:
        raise SyntaxError("bad bad", where)
    except SyntaxError:
        sys.__excepthook__(*sys.exc_info())
