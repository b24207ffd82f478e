try:
    raise ValueError("bad", 42)
except ValueError as e:
    print(e.args, str(e), repr(e), e.__class__.__name__, type(e) is ValueError)
try:
    {}["k"]
except KeyError as e:
    print(e.args, str(e), repr(e))
try:
    raise KeyError("a", "b")
except KeyError as e:
    print(str(e), repr(e))
e = RuntimeError()
print(repr(e), str(e) == "", e.args)
try:
    raise StopIteration(7)
except StopIteration as s:
    print(s.value, s.args)
try:
    import sys
    sys.exit(5)
except SystemExit as x:
    print("SystemExit", x.code, x.args)
print(isinstance(e, Exception), isinstance(e, BaseException), isinstance(e, ValueError))
errs = [ValueError("v"), TypeError("t"), KeyError("k")]
print([type(x).__name__ for x in errs], [str(x) for x in errs])
