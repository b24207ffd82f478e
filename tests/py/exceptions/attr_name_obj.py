# AttributeError(name=, obj=), NameError(name=), ImportError(msg, name=, path=):
# the keyword arguments, the members, and what the runtime sets when a lookup fails
# (in a getter, a __getattr__, a metaclass, a module), as a settings loader meets them.
class Lazy:
    """Attributes computed on demand; missing ones reported as AttributeError."""
    def __init__(self, **known):
        self._known = known
    def __getattr__(self, name):
        if name in self._known:
            return self._known[name]
        raise AttributeError(f"no setting {name!r}")

class Config:
    def __init__(self):
        self.values = {"port": 80}
    @property
    def port(self):
        return self.values["port"]
    @property
    def host(self):
        return self.missing_host      # fails inside: the inner name wins
    @property
    def user(self):
        raise AttributeError("user not configured")
    @property
    def gen(self):
        yield 1
    def method(self):
        return "m"

def report(label, thunk):
    try:
        r = thunk()
    except AttributeError as e:
        obj = type(e.obj).__name__ if e.obj is not None else None
        print(f"{label}: {e!r} name={e.name!r} obj={obj}")
    else:
        print(f"{label}: ok {r!r}")

c = Config()
lz = Lazy(color="red")
report("port", lambda: c.port)
report("host", lambda: c.host)
report("user", lambda: c.user)
report("user-getattr", lambda: getattr(c, "user"))
report("user-default", lambda: getattr(c, "user", "dflt"))
report("hasattr", lambda: hasattr(c, "user"))
report("gen", lambda: list(c.gen))
report("color", lambda: lz.color)
report("size", lambda: lz.size)
report("size-call", lambda: lz.size())
report("method-missing", lambda: c.methd())
report("nested", lambda: [c.port, c.port + (lz.color and 1), c.user][0])
def local_fast():
    cfg = Config()
    try:
        return cfg.user
    except AttributeError as e:
        return ("fast", e.name, e.obj is cfg)
print(local_fast())
def in_args(a, b): return a, b
report("args", lambda: in_args(c.port, lz.width))
class Meta(type):
    def __getattr__(cls, name):
        raise AttributeError("meta " + name)
class K(metaclass=Meta): pass
report("meta", lambda: K.zzz)
import types
mod = types.ModuleType("plug")
def mod_getattr(name):
    raise AttributeError(f"plug lacks {name}")
mod.__getattr__ = mod_getattr
report("module-getattr", lambda: mod.thing)
report("module", lambda: types.Modulee)
report("none", lambda: None.x)
report("int-method", lambda: (5).bitlen())
report("str-method", lambda: "s".uper())
report("super", lambda: super(Config, c).port)
e = AttributeError("custom", name="n", obj=c)
try:
    raise e
except AttributeError as caught:
    print("explicit kept:", caught.name, caught.obj is c)
class Holder:
    @property
    def p(self):
        raise AttributeError("preset", name="pre", obj=None)
report("preset", lambda: Holder().p)
e = AttributeError("x"); e.name = "later"; e.obj = 5
print(e.name, e.obj, e.__dict__)
del e.name
print(e.name)
# ImportError family
for exc in (ImportError("m"), ImportError("a", "b"), ImportError(), ModuleNotFoundError("m", name="pkg", path="/p")):
    print(repr(exc), exc.msg, exc.name, exc.path, str(exc))
try:
    import no_such_mod_xyz
except ModuleNotFoundError as err:
    print(err.msg, err.name, err.path, err.__dict__)
try:
    from collections import no_such_thing
except ImportError as err:
    print(err.msg, err.name, err.path is not None)
ie = ImportError("original")
ie.msg = "replaced"
print(str(ie), ie.args)
class MyImport(ImportError):
    def __init__(self, what):
        super().__init__(f"cannot load {what}", name=what)
mi = MyImport("plugin")
print(repr(mi), mi.msg, mi.name, mi.path)
for bad in (lambda: AttributeError("m", foo=1), lambda: NameError("m", obj=1),
            lambda: UnboundLocalError("m", foo=1), lambda: ModuleNotFoundError(foo=1),
            lambda: ValueError("x", name=1), lambda: KeyError(k=1)):
    try:
        bad()
    except TypeError as t:
        print("TypeError:", t)
# NameError
def uses_missing():
    return undefined_thing
try:
    uses_missing()
except NameError as ne:
    print(repr(ne), ne.name)
try:
    exec("del never_bound")
except NameError as ne:
    print(repr(ne), ne.name)
ne = NameError("n", name="zz")
print(ne.name, ne.args)
def unbound():
    try:
        print(x)
    except UnboundLocalError as u:
        print(repr(u), u.name)
    x = 1
unbound()
class Body:
    try:
        print(not_in_class_body)
    except NameError as ne:
        print("class body:", ne.name)
so = StopIteration(1); so.value = 2; print(so.value, so.args)
se = SystemExit(3); se.code = 4; print(se.code, se.args)
oe = OSError(2, "nf"); oe.errno = 7; print(oe.errno, oe)
print(sorted(n for n in dir(AttributeError("x")) if not n.startswith("_")))
print(sorted(n for n in dir(ImportError("x")) if not n.startswith("_")))
print(sorted(n for n in dir(NameError("x")) if not n.startswith("_")))
