# A command dispatcher that calls global handler functions by name: handlers are
# defined, rebound and deleted while it runs; a missing one is reported with the
# line and caret of the call, as the traceback module prints them.
import traceback


def handle_add(a, b):
    return a + b


def handle_neg(a):
    return -a


def dispatch(cmd, *args):
    if cmd == "add":
        return handle_add(*args)
    if cmd == "neg":
        return handle_neg(args[0])
    if cmd == "mul":
        return handle_mul(args[0], args[1])  # never defined at first
    return unknown(cmd)


def run(script):
    results = []
    for cmd, *args in script:
        try:
            results.append(dispatch(cmd, *args))
        except NameError as e:
            tb = traceback.extract_tb(e.__traceback__)[-1]
            results.append(f"{type(e).__name__}: {e} (line {tb.lineno}: {tb.line})")
    return results


script = [("add", 2, 3), ("neg", 4), ("mul", 3, 5), ("pow", 2)]
for r in run(script):
    print(r)


def handle_mul(a, b):
    return a * b


print(run(script)[2])
handle_add = lambda a, b: f"{a}+{b}"
print(run(script)[0])
del handle_neg
print(run(script)[1])

# The caret under the callee's name in a printed traceback.
try:
    dispatch("pow", 1)
except NameError:
    lines = traceback.format_exc().splitlines()
    print("\n".join(lines[-4:]))
