# A tiny debugger helper: walks sys._getframe() up the stack and reports each
# frame's function, line and locals, as logging's findCaller and pdb-like tools do.
import sys


def describe(depth=1, show_locals=True):
    f = sys._getframe(depth)
    out = []
    while f is not None:
        name = f.f_code.co_name
        if show_locals and name != "<module>":
            shown = {k: v for k, v in sorted(f.f_locals.items()) if not callable(v)}
        else:
            shown = "-"
        out.append(f"{name}:{f.f_lineno} {shown}")
        f = f.f_back
    return out


def outer(n):
    total = n * 2
    label = "outer"

    def inner(k):
        nonlocal total
        total += k
        return describe()

    return inner(5)


for line in outer(3):
    print(line)


class Config:
    debug = True
    level = 3
    where = sys._getframe(0).f_locals.copy()


print(sorted(k for k in Config.where if not k.startswith("__")))
print(sys._getframe(0).f_locals is globals(), sys._getframe().f_code.co_name)


def caller_name():
    return sys._getframe(1).f_code.co_name


def api_entry():
    return caller_name()


print(api_entry(), [describe(0, False)[0].split(":")[0] for _ in range(2)])
try:
    sys._getframe(1000)
except ValueError as e:
    print("ValueError:", e)
