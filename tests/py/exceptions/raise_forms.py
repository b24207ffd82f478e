for make in [lambda: ValueError, lambda: ValueError("msg"), lambda: KeyError("k"), lambda: Exception("a", 2), lambda: IndexError()]:
    try:
        raise make()
    except Exception as e:
        print(type(e).__name__, repr(e), str(e), e.args)
try:
    raise 42
except TypeError as e:
    print("TypeError:", e)
try:
    raise
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    try:
        raise ValueError("x")
    except "not a class":
        pass
except TypeError as e:
    print("TypeError:", e)
def check(x):
    assert x > 0, f"x must be positive, got {x}"
    assert x < 100
    return x
for v in [5, -1, 500]:
    try:
        print(check(v))
    except AssertionError as e:
        print("AssertionError:", repr(e), e.args)
