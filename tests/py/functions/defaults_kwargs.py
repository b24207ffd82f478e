def greet(name, greeting="Hello", punct="!"):
    return f"{greeting}, {name}{punct}"

print(greet("Ann"), greet("Bob", "Hi"), greet("Cy", punct="?"), greet(greeting="Yo", name="Di"))

def collect(*args, **kwargs):
    return args, kwargs

print(collect(), collect(1, 2), collect(a=1), collect(1, b=2, c=3))

def kwonly(a, *, b, c=3):
    return a, b, c

print(kwonly(1, b=2), kwonly(1, c=9, b=8))

def posonly(a, b, /, c):
    return a, b, c

print(posonly(1, 2, 3), posonly(1, 2, c=3))

def mixed(a, b=2, *rest, key=None, **opts):
    return a, b, rest, key, opts

print(mixed(1), mixed(1, 5, 6, 7, key="k", x=1))

def mutable_default(item, bucket=[]):
    bucket.append(item)
    return bucket

print(mutable_default(1), mutable_default(2))

def safe_default(item, bucket=None):
    if bucket is None:
        bucket = []
    bucket.append(item)
    return bucket

print(safe_default(1), safe_default(2))
print(greet.__name__, greet.__defaults__, kwonly.__defaults__)
