# A middleware chain that stores handlers by their __call__ (functions, methods,
# builtins and lambdas alike), and a tiny expression checker that compiles
# user-written calls and reports CPython's SyntaxErrors.


def handler(request):
    return f"handled {request}"


class Logger:
    def __init__(self):
        self.lines = []

    def log(self, request):
        self.lines.append(request)
        return request


log = Logger()
chain = [log.log.__call__, str.upper.__call__, (lambda r: r + "!").__call__, handler.__call__]
request = "get /"
for step in chain:
    request = step(request)
print(request, log.lines)
print(len.__call__([1, 2]), max.__call__(3, 9, key=None), handler.__call__.__self__ is handler)
print(callable(handler.__call__), sorted.__call__([3, 1], reverse=True))


def check(expr):
    try:
        compile(expr, "<expr>", "eval")
        return "ok"
    except SyntaxError as e:
        return f"SyntaxError: {e.msg}"


for expr in ("f(x=1)", "f(x=1, x=2)", "f(1, x=2, *(3, 4), x=5)", "f(**a, y=1, y=2)",
             "f(*a, **b, z=1)", "f(x=1, **{'x': 2})"):
    print(expr, "->", check(expr))


def f(**kw):
    return kw


try:
    f(x=1, **{"x": 2})
except TypeError as e:
    print("TypeError:", e)
