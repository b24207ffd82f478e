def f(*args, **kw):
    return args, kw

print(f(a=1, 2))
