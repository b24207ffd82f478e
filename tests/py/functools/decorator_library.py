import functools

def counted(func):
    """Count the calls of func."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        wrapper.calls += 1
        return func(*args, **kwargs)
    wrapper.calls = 0
    return wrapper

def logged(prefix):
    def decorate(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            shown = ", ".join([repr(a) for a in args] + [f"{k}={v!r}" for k, v in sorted(kwargs.items())])
            result = func(*args, **kwargs)
            print(f"{prefix} {func.__name__}({shown}) -> {result!r}")
            return result
        return wrapper
    return decorate

def retry(times):
    def decorate(func):
        @functools.wraps(func)
        def wrapper(*args):
            for attempt in range(1, times + 1):
                try:
                    return func(*args)
                except ValueError as e:
                    print(f"  attempt {attempt} failed: {e}")
            raise RuntimeError(f"{func.__qualname__} failed {times} times")
        return wrapper
    return decorate

@counted
@logged("[calc]")
def area(w, h=1):
    """Area of a rectangle."""
    return w * h

area(3, 4)
area(2, h=5)
print(area.__name__, area.__doc__, area.calls, area.__module__)
print(area.__wrapped__.__name__, area.__wrapped__.__wrapped__.__doc__)
print(repr(area).split(" at ")[0])

state = {"n": 0}

@retry(3)
def flaky(x):
    state["n"] += 1
    if state["n"] < 3:
        raise ValueError(f"not yet ({state['n']})")
    return x * 10

print(flaky(7), flaky.__qualname__)
state["n"] = -10
try:
    flaky(1)
except RuntimeError as e:
    print("RuntimeError:", e)

class Service:
    @counted
    def ping(self, n):
        "Ping n times."
        return "pong" * n

s = Service()
print(s.ping(2), s.ping(1), Service.ping.calls, Service.ping.__qualname__, Service.ping.__doc__)

def plain(a, b):
    return a - b

def wrapper(*args):
    return plain(*args)

functools.update_wrapper(wrapper, plain, assigned=("__name__",), updated=())
print(wrapper.__name__, wrapper.__qualname__, wrapper(5, 2), wrapper.__wrapped__ is plain)
print(functools.WRAPPER_ASSIGNMENTS, functools.WRAPPER_UPDATES)

def described(func):
    func.tags = ["math"]
    return func

@described
def base():
    pass

@functools.wraps(base)
def copy_of_base():
    pass

print(copy_of_base.tags, copy_of_base.__name__, sorted(copy_of_base.__dict__))
print(sorted(base.__dict__), base.__doc__)
