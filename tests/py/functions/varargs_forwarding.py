def log_call(f):
    def wrapper(*args, **kwargs):
        parts = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in sorted(kwargs.items())]
        print(f"{f.__name__}({', '.join(parts)})")
        return f(*args, **kwargs)
    return wrapper

@log_call
def area(w, h=1, *, unit="m"):
    return f"{w * h}{unit}2"

print(area(3))
print(area(3, 4))
print(area(w=2, h=5, unit="cm"))

def partial(f, *pre, **kpre):
    def g(*args, **kw):
        merged = dict(kpre)
        merged.update(kw)
        return f(*pre, *args, **merged)
    return g

double = partial(lambda a, b: a * b, 2)
print(double(21), partial(area, 5, unit="ft")(h=2))

def count_args(*args, **kwargs):
    return len(args), len(kwargs)

print(count_args(), count_args(*range(5)), count_args(**{"a": 1, "b": 2}), count_args(1, *[2], x=3, **{"y": 4}))
def first_and_rest(first, *rest):
    return first, rest
print(first_and_rest(*"hello"))
