# A batch runner in the style of asyncio.TaskGroup: tasks run, their failures are
# gathered into an ExceptionGroup, and the caller sorts them out with except*.


class RetryableError(Exception):
    pass


class FatalError(Exception):
    pass


def run_all(tasks):
    errors = []
    results = {}
    for name, task in tasks:
        try:
            results[name] = task()
        except Exception as e:
            e.add_note(f"while running {name}") if hasattr(e, "add_note") else None
            errors.append(e)
    if errors:
        raise ExceptionGroup(f"{len(errors)} of {len(tasks)} tasks failed", errors)
    return results


def fail(exc):
    def task():
        raise exc
    return task


def describe(eg, indent=0):
    pad = "  " * indent
    print(f"{pad}{type(eg).__name__}: {eg}")
    if isinstance(eg, BaseExceptionGroup):
        for e in eg.exceptions:
            describe(e, indent + 1)


tasks = [
    ("fetch", fail(RetryableError("timeout"))),
    ("parse", fail(ValueError("bad header"))),
    ("store", lambda: 42),
    ("index", fail(RetryableError("busy"))),
    ("audit", fail(KeyError("user"))),
]

# Each handler sees its part; what no handler takes propagates.
try:
    try:
        run_all(tasks)
    except* RetryableError as eg:
        print("retry later:", [str(e) for e in eg.exceptions], "|", eg)
    except* ValueError as eg:
        print("bad input:", eg.exceptions)
except* KeyError as eg:
    print("outer handler got the rest:", repr(eg))

# A naked exception is wrapped in a group for the handler.
try:
    raise FatalError("disk full")
except* FatalError as eg:
    print("naked:", repr(eg), type(eg).__name__, eg.exceptions[0] is not None)

# A handler that raises: the new exception and the unhandled rest go up together.
try:
    try:
        raise ExceptionGroup("batch", [ValueError(1), TypeError(2), OSError(3)])
    except* ValueError:
        raise RuntimeError("could not recover")
    except* TypeError as eg:
        raise  # re-raised: stays part of the original group
except ExceptionGroup as outer:
    describe(outer)
    print("context of the new error:", repr(outer.exceptions[0].__context__))

# Nested groups split by type, and predicates.
nested = ExceptionGroup("top", [
    ValueError("v1"),
    ExceptionGroup("inner", [TypeError("t1"), ValueError("v2")]),
    KeyError("k1"),
])
match, rest = nested.split(ValueError)
describe(match)
describe(rest)
print(nested.subgroup(lambda e: isinstance(e, KeyError)))
print(nested.subgroup(OSError))
print(nested.split((TypeError, KeyError))[1])

# BaseExceptionGroup becomes an ExceptionGroup when it can.
print(type(BaseExceptionGroup("x", [ValueError()])).__name__,
      type(BaseExceptionGroup("x", [KeyboardInterrupt()])).__name__)
print(issubclass(ExceptionGroup, Exception), issubclass(ExceptionGroup, BaseExceptionGroup))

# else and finally around except*.
for boom in (False, True):
    try:
        if boom:
            raise ExceptionGroup("g", [ValueError("x")])
    except* ValueError:
        print("handled", boom)
    else:
        print("no error", boom)
    finally:
        print("finally", boom)

# In a function: the handler's locals, and a loop around the statement.
def collect(batches):
    seen = []
    for b in batches:
        try:
            raise ExceptionGroup("b", b)
        except* ZeroDivisionError as eg:
            seen.append(len(eg.exceptions))
        except* ArithmeticError as eg:
            seen.append(("arith", len(eg.exceptions)))
    return seen

print(collect([[ZeroDivisionError()], [OverflowError(), ZeroDivisionError(), ZeroDivisionError()]]))

# CPython's errors.
for bad in (lambda: ExceptionGroup(1, [ValueError()]),
            lambda: ExceptionGroup("m", []),
            lambda: ExceptionGroup("m", [1]),
            lambda: ExceptionGroup("m", ValueError()),
            lambda: ExceptionGroup("m", [KeyboardInterrupt()])):
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)

try:
    try:
        raise ValueError("v")
    except* ExceptionGroup:
        pass
except TypeError as e:
    print("TypeError", e)

for src in ("try:\n    pass\nexcept* ValueError:\n    return 1\n",
            "for x in y:\n    try:\n        pass\n    except* ValueError:\n        break\n",
            "try:\n    pass\nexcept* ValueError:\n    for x in y:\n        continue\n"):
    try:
        compile("def f():\n" + "".join("    " + l + "\n" for l in src.splitlines()), "<job>", "exec")
        print("compiles")
    except SyntaxError as e:
        print("SyntaxError", e.msg, e.lineno)
