# A spreadsheet-formula engine that compiles user formulas and generated rule code:
# absurd nesting must end in CPython's errors (too many nested parentheses, too many
# levels of indentation, RecursionError or MemoryError during compilation), quickly.
import ast
import traceback


def check(label, source, mode="eval", env=None):
    try:
        code = compile(source, "<formula>", mode)
    except (SyntaxError, RecursionError, MemoryError) as e:
        line = traceback.format_exception_only(type(e), e)[-1].rstrip()
        where = ""
        if isinstance(e, SyntaxError):
            where = f" at {e.lineno}:{e.offset}-{e.end_offset}"
        print(f"{label:24} {line[:70]}{where}")
        return
    value = eval(code, env if env is not None else {})
    text = repr(value)
    print(f"{label:24} = {text[:40]}{'...' if len(text) > 40 else ''}")


check("200 brackets", "(" * 200 + "7" + ")" * 200)
check("201 brackets", "(" * 201 + "7" + ")" * 201)
check("100k brackets", "x = " + "[" * 100_000 + "]" * 100_000, "exec")
check("mixed brackets", "{'k': [(" * 70 + "1" + ")]}" * 70)
check("brackets after error", "1 +* 2\n" + "(" * 300 + ")" * 300, "exec")
check("unary 2980", "-" * 2980 + "1")
check("unary 3000", "-" * 3000 + "1")
check("unary 100k", "-" * 100_000 + "1")
check("not 100k", "not " * 100_000 + "x", env={"x": 0})
check("not 1000", "not " * 1000 + "x", env={"x": 0})
check("power 5000", "**".join(["1"] * 5000))
check("ternary 100k", "a if b else " * 100_000 + "c")
check("lambda 100k", "lambda: " * 100_000 + "1")
check("sum 2000 terms", "+".join(["1"] * 2000))
check("sum 300k terms", "+".join(["1"] * 300_000))
check("attribute chain", "a" + ".b" * 50_000)
check("call chain", "f" + "()" * 50_000)
check("and chain (flat)", " and ".join(["1"] * 100_000))
check("compare chain (flat)", " < ".join(str(i) for i in range(50_000)))
check("list of negatives", "[" + ", ".join(["-1"] * 100_000) + "]")
check("dict of lambdas", "len({" + ", ".join(f"{i}: lambda: -{i}" for i in range(5000)) + "})")


def rules(depth):
    """Generated code: one `if` per level, the action at the bottom."""
    lines = [" " * i + f"if level > {i}:" for i in range(depth)]
    lines.append(" " * depth + "hits.append(level)")
    return "\n".join(lines) + "\n"


RULE_ENV = {"level": 1000, "hits": []}
check("99 levels", rules(99), "exec", RULE_ENV)
check("100 levels", rules(100), "exec", RULE_ENV)
check("10k nested defs", "".join(" " * i + f"def f{i}():\n" for i in range(10_000)) + " " * 10_000 + "pass\n", "exec")

# The compiler's budget is what the recursion limit leaves: deeper callers get less.
def nested(n, source):
    if n:
        return nested(n - 1, source)
    try:
        compile(source, "<formula>", "eval")
        return "ok"
    except RecursionError as e:
        return f"RecursionError: {e}"

print("at depth 0:", nested(0, "-" * 2950 + "1"))
print("at depth 100:", nested(100, "-" * 2950 + "1"))

for label, src in [("ast unary", "-" * 4000 + "1"), ("ast sum", "+".join(["1"] * 5000))]:
    try:
        ast.parse(src)
        print(label, "parsed")
    except (RecursionError, MemoryError) as e:
        print(label, type(e).__name__, e)

try:
    exec("(" * 250 + ")" * 250)
except SyntaxError as e:
    print("".join(traceback.format_exception_only(SyntaxError, e))[-60:].replace("(", "").strip())
