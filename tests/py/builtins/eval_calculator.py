import math

SAFE = {"__builtins__": {}, "sqrt": math.sqrt, "pi": math.pi, "abs": abs, "min": min, "max": max, "round": round}

def calc(expr, **variables):
    try:
        value = eval(expr, SAFE, variables)
    except SyntaxError as e:
        return f"syntax error: {e.msg} at column {e.offset}"
    except NameError as e:
        return f"name error: {e}"
    except ZeroDivisionError as e:
        return f"math error: {e}"
    except TypeError as e:
        return f"type error: {e}"
    return value

tests = [
    ("1 + 2 * 3", {}),
    ("(1 + 2) * 3", {}),
    ("  2 ** 10", {}),
    ("sqrt(16) + abs(-2)", {}),
    ("round(pi * r ** 2, 3)", {"r": 2}),
    ("max(a, b, c) - min(a, b, c)", {"a": 4, "b": 9, "c": 1}),
    ("x / y", {"x": 1, "y": 0}),
    ("open('secrets.txt')", {}),
    ("__import__('os')", {}),
    ("len([1, 2])", {}),
    ("3 $ 4", {}),
    ("x = 5", {"x": 1}),
    ("import os", {}),
    ("abs('x')", {}),
    ("[n * n for n in range(3)]", {}),
    ("[n * n for n in items]", {"items": [1, 2, 3]}),
]
for expr, env in tests:
    print(f"{expr!r:35} -> {calc(expr, **env)!r}")
print(sorted(SAFE))

g = {}
print(eval("1 + 1", g), sorted(g), type(g["__builtins__"]).__name__)
print(eval("x + y", {"x": 1}, {"y": 2}), eval("y", {"y": "global"}, {"y": "local"}))
x = "module x"
def f():
    x = "function x"
    return eval("x"), eval("x", globals())
print(f(), eval("x"))
print(eval(b"40 + 2"), eval(compile("6 * 7", "<calc>", "eval")))
