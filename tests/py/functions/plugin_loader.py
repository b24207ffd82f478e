# A tiny plugin loader: plugin sources run with exec() in their own namespaces,
# class bodies see injected settings before the enclosing function's variables, and
# code objects carrying closures are run with exec(closure=...).


def load_plugin(source, settings):
    namespace = {}
    local = {}
    exec(source, namespace, local)
    return namespace, local


PLUGIN = """if 1:
    counter = 0
    def bump():
        global counter
        counter += 1
        return counter
    def peek():
        def inner():
            return counter
        return inner()
    bump(); bump()
    total = peek()
"""

ns, local = load_plugin(PLUGIN, {})
print("globals:", sorted(k for k in ns if not k.startswith("__")))
print("locals:", sorted(local))
print("counter", ns["counter"], "total", local["total"])


def make_model(default_size):
    size = default_size
    label = "model"

    class Model:
        # A setting injected by name into the class namespace wins over the
        # enclosing function's variable of the same name.
        locals()["size"] = default_size * 10
        width = size
        title = label.upper()

        def describe(self):
            return f"{self.title}: {self.width} (outer size {size})"

    return Model


print(make_model(3)().describe())


def counter_factory(start):
    n = start

    def step():
        return n + 1

    return step


step = counter_factory(41)
code = step.__code__
print("free vars:", code.co_freevars)
for bad in (lambda: eval(code), lambda: exec(code), lambda: exec(code, {}, closure=(1,)),
            lambda: exec("x = 1", {}, closure=step.__closure__),
            lambda: exec(compile("y = 2", "<cfg>", "exec"), {}, closure=step.__closure__)):
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)

out = {}
exec(compile("out['ok'] = True", "<cfg>", "exec"), {"out": out}, closure=None)
print(out)


def show(n):
    def capture():
        seen.append(n)
    return capture


seen = []
exec(show(7).__code__, {"seen": seen}, closure=show(7).__closure__)
exec(show("x").__code__, globals(), closure=show("x").__closure__)
print(seen)
