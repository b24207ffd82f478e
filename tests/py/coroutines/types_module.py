# The types module's names for the built-in types, SimpleNamespace, and
# types.coroutine on generator functions and on other callables.
import types


def f():
    pass


def g():
    yield 1


async def c():
    pass


async def ag():
    yield 1


print(type(f) is types.FunctionType, type(lambda: 0) is types.LambdaType)
print(type(g()) is types.GeneratorType)
co = c()
print(type(co) is types.CoroutineType, types.CoroutineType.__name__)
co.close()
print(type(ag()) is types.AsyncGeneratorType, types.AsyncGeneratorType.__name__)
print(type(len) is types.BuiltinFunctionType, type(types) is types.ModuleType)
print(type(f.__code__) is types.CodeType)


class Point:
    def move(self):
        pass


print(type(Point().move) is types.MethodType)

ns = types.SimpleNamespace(x=1, y="two")
print(ns, ns.x, ns.y)
ns.z = [3]
print(ns)
print(ns == types.SimpleNamespace(x=1, y="two", z=[3]), ns == types.SimpleNamespace())
try:
    types.SimpleNamespace({"a": 1}, b=2)
except TypeError as e:
    print("TypeError:", e)


class Sub(types.SimpleNamespace):
    pass


print(Sub(k=0))


@types.coroutine
def sleep0():
    yield "sleep0"


async def waits():
    await sleep0()
    await sleep0()
    return "woke"


co = waits()
print(co.send(None), co.send(None))
try:
    co.send(None)
except StopIteration as e:
    print(e.value)


class Legacy:
    """A callable (not a generator function) returning a generator."""

    def __call__(self, n):
        return (i for i in range(n))


wrapped = types.coroutine(Legacy())


async def uses_legacy():
    return await wrapped(2)


co = uses_legacy()
print(co.send(None), co.send(None))
try:
    co.send(None)
except StopIteration as e:
    print("legacy returned", e.value)

print(types.coroutine(c) is c)
