# A tiny plugin registry that finds its handlers through globals(), and a debug
# helper that reports a function's local variables.
import math

def handle_add(a, b):
    return a + b

def handle_mul(a, b):
    return a * b

def dispatch(op, a, b):
    handler = globals().get("handle_" + op)
    if handler is None:
        return "no handler for " + op
    return handler(a, b)

print(dispatch("add", 2, 3), dispatch("mul", 4, 5), dispatch("div", 1, 2))
print(sorted([k for k in globals() if k.startswith("handle_")]))
print(globals() is globals(), globals()["__name__"])
globals()["created"] = 99
print(created)

def debug(x, y=2, *rest, **opts):
    total = x + y
    unused = None
    del unused
    return locals()

print(debug(1))
print(debug(1, 3, 4, 5, k=6))

def outer():
    count = 0
    def inner(step):
        nonlocal count
        count += step
        return locals()
    return inner

print(outer()(5))

def snapshot():
    a = 1
    snap = locals()
    a = 2
    return snap["a"], a, "snap" in snap

print(snapshot())
print(locals() is globals(), vars() is globals())
print("pi" in vars(math), vars(math)["pi"] == math.pi)

def v(p):
    q = p * 2
    return vars()

print(v(4))
for bad in [1, "s"]:
    try:
        vars(bad)
    except TypeError as e:
        print("TypeError:", e)
for f, args in [(globals, (1,)), (locals, (1, 2)), (vars, (1, 2))]:
    try:
        f(*args)
    except TypeError as e:
        print("TypeError:", e)
