# `yield from` delegates to any iterable; with a generator it forwards send() and
# evaluates to the sub-generator's return value.

def chain(*iterables):
    for it in iterables:
        yield from it


print(list(chain([1, 2], (3,), range(4, 6), "ab", {"k": 1, "j": 2}, iter([7]))))
print(list(chain()))


def sub(n):
    received = []
    for i in range(n):
        x = yield i
        received.append(x)
    return received


def outer():
    a = yield from sub(2)
    print("  first sub returned", a)
    b = yield from sub(3)
    print("  second sub returned", b)
    return a + b


g = outer()
print(next(g))
values = []
try:
    i = 0
    while True:
        i += 1
        values.append(g.send(f"v{i}"))
except StopIteration as e:
    print("outer returned", e.value)
print("yielded:", values)


def empty():
    return "nothing yielded"
    yield


def uses_empty():
    r = yield from empty()
    yield r


print(list(uses_empty()))


def layered(depth):
    if depth == 0:
        x = yield "bottom"
        return f"got {x}"
    r = yield from layered(depth - 1)
    return f"{r} via {depth}"


g = layered(3)
print(next(g))
try:
    g.send("message")
except StopIteration as e:
    print(e.value)


def gen_of_gens():
    yield from (x * x for x in range(4))
    yield from map(str, range(3))
    yield from zip("ab", [1, 2])
    yield from enumerate("xy")


print(list(gen_of_gens()))


def send_to_iterator():
    yield from [1, 2, 3]


g = send_to_iterator()
print(next(g))
try:
    g.send("not None")
except AttributeError as e:
    print("AttributeError:", e)
