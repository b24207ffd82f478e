ns = {}
exec("a = 1\nb = a + 1\ndef double(v):\n    return v * 2 + a\n", ns)
print(sorted(ns), ns["b"], ns["double"](5))

src = """
class Shape:
    sides = 0
    def describe(self):
        return f"{type(self).__name__} with {self.sides} sides"

class Square(Shape):
    sides = 4

result = Square().describe()
"""
env = {"__name__": "shapes_mod"}
exec(src, env)
print(env["result"], env["Square"].__module__, env["Square"].__qualname__)

g = {"total": 10}
l = {}
exec("total = total + 5\nlocal_only = total * 2", g, l)
print(g["total"], sorted(l.items()))

counter = 0
exec("counter += 1")
exec("counter += 1", globals())
print("counter", counter)

def inside():
    v = 3
    exec("print('sees v =', v)")
    return eval("v * 100")
print(inside())

class Config:
    exec("debug = True\nlevel = 3")
print(Config.debug, Config.level)

exec(compile("for i in range(3):\n    print('loop', i)", "<loop>", "exec"))
code = compile("z = 99", "<z>", "exec")
print(type(code).__name__, exec(code), z)

calls = []
exec("calls.append(__name__)")
exec("calls.append(__name__)", {"calls": calls, "__name__": "custom"})
print(calls)

restricted = {"__builtins__": {"print": print}}
exec("print('only print is here')", restricted)
try:
    exec("len('x')", restricted)
except NameError as e:
    print("NameError:", e)
print(sorted(restricted), sorted(restricted["__builtins__"]))
