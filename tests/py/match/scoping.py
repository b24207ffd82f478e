# Names bound by patterns follow the normal scoping rules: module globals, function
# locals, cells captured by nested functions, class bodies, generators. Also
# `return` from a case, and which names a failed case leaves bound.

def classify(point):
    match point:
        case (0, 0):
            return "origin"
        case (x, 0):
            return f"on x axis at {x}"
        case (0, y):
            return f"on y axis at {y}"
        case (x, y) if x == y:
            return f"diagonal {x}"
        case (x, y):
            return f"at {x},{y}"
    return "not a point"


for p in [(0, 0), (3, 0), (0, -1), (2, 2), (1, 5), [4, 0], "xy", (1, 2, 3)]:
    print(repr(p), classify(p))


# Module level: captures are globals.
match {"user": "ann", "roles": ["dev", "ops"]}:
    case {"user": who, "roles": [primary, *others]}:
        pass
print("module-level captures:", who, primary, others)
print("visible through globals():", sorted(k for k in ("who", "primary", "others") if k in globals()))


def make_handlers(specs):
    handlers = []
    for spec in specs:
        match spec:
            case ("greet", name):
                handlers.append(lambda: f"hello {name}")
            case ("count", int(n)) if n > 0:
                def counter():
                    return list(range(n))
                handlers.append(counter)
            case ("repeat", text, int(times)):
                def repeat():
                    nonlocal times
                    times -= 1
                    return text * (times + 1)
                handlers.append(repeat)
            case _:
                continue
    return handlers


hs = make_handlers([("greet", "bob"), ("count", 3), ("count", -1), ("repeat", "ab", 2), "junk"])
# The guard of ("count", -1) failed after binding n: the closure made for
# ("count", 3) shares that cell.
print([h() for h in hs])
print("repeat again:", hs[-1](), hs[-1]())


def closure_over_capture(data):
    match data:
        case [first, *rest]:
            def summary():
                return f"{first} then {len(rest)} more"
        case _:
            def summary():
                return "nothing"
    return summary()


print(closure_over_capture([1, 2, 3]), "/", closure_over_capture([]))


# A global declared inside a function.
counter = 0


def bump(cmd):
    global counter
    match cmd:
        case ("set", counter):
            pass
        case ("add", int(k)):
            counter += k
    return counter


print(bump(("set", 10)), bump(("add", 5)), bump(("noop",)), counter)


# Inside a class body the captures become class attributes.
class Settings:
    match ("dark", 14):
        case (theme, size) if size > 12:
            large = True
        case (theme, size):
            large = False


print(Settings.theme, Settings.size, Settings.large)


# A generator that matches what is sent to it.
def accumulator():
    total = 0
    while True:
        msg = yield total
        match msg:
            case ("add", n):
                total += n
            case ("reset",):
                total = 0
            case "stop":
                return total
            case other:
                print("  ignoring", other)


g = accumulator()
next(g)
for m in [("add", 3), ("add", 4), ["bogus"], ("reset",), ("add", 10)]:
    print("sent", m, "->", g.send(m))
try:
    g.send("stop")
except StopIteration as e:
    print("finished with", e.value)


# The captures of a pattern are bound only when the whole pattern matches; a guard
# that fails leaves them bound.
def bound_names(subject):
    match subject:
        case (a, b, 0):
            pass
        case (c, d) if d > 100:
            pass
        case _:
            pass
    out = []
    for label, probe in [("a", lambda: a), ("b", lambda: b), ("c", lambda: c), ("d", lambda: d)]:
        try:
            out.append(f"{label}={probe()}")
        except NameError:
            out.append(f"{label}=unbound")
    return " ".join(out)


for s in [(1, 2, 0), (1, 2, 3), (5, 6), (5, 600)]:
    print(repr(s), bound_names(s))


# Tracebacks point at the right lines inside case bodies.
import traceback


class Sensor:
    @property
    def reading(self):
        raise OSError("sensor offline")


def risky(cmd):
    match cmd:
        case ["read", Sensor(reading=r)]:
            return r
        case ["div", a, b]:
            return a / b
        case ["item", seq, i]:
            return seq[i]
        case _:
            raise ValueError(f"bad command {cmd!r}")


for cmd in [["div", 1, 0], ["item", [1], 5], ["read", Sensor()], ["nope"]]:
    try:
        risky(cmd)
    except Exception as e:
        lines = traceback.format_exc().splitlines()
        print("\n".join(line for line in lines if "line" in line or "Error" in line or "^" in line))
