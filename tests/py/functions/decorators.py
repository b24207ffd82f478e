calls = []

def trace(f):
    def wrapper(*args, **kwargs):
        calls.append(f.__name__)
        result = f(*args, **kwargs)
        print(f"{f.__name__}{args} -> {result}")
        return result
    return wrapper

def repeat(n):
    def deco(f):
        def wrapper(*args):
            return [f(*args) for _ in range(n)]
        return wrapper
    return deco

@trace
def add(a, b):
    return a + b

@repeat(3)
def shout(word):
    return word.upper()

@trace
@repeat(2)
def pair(x):
    return x * 10

add(2, 3)
print(shout("hey"))
pair(4)
print(calls)

registry = {}
def register(name):
    def deco(f):
        registry[name] = f
        return f
    return deco

@register("double")
def double(x):
    return 2 * x

@register("square")
def square(x):
    return x * x

for name in sorted(registry):
    print(name, registry[name](7))
