"""A middleware stack whose layers call the next layer through a tracing
subclass of super: `class traced(super)` records each delegated lookup."""

TRACE = []


class traced(super):
    """super() that logs which layer delegated which attribute."""

    def __getattribute__(self, name):
        if not name.startswith("__"):
            TRACE.append((super().__getattribute__("__thisclass__").__name__, name))
        return super().__getattribute__(name)


class Handler:
    prefix = "base"

    def handle(self, req):
        return [f"{self.prefix}:{req}"]


class Auth(Handler):
    def handle(self, req):
        return ["auth"] + traced(Auth, self).handle(req)


class Gzip(Handler):
    def handle(self, req):
        return ["gzip"] + traced(Gzip, self).handle(req)


class App(Auth, Gzip):
    prefix = "app"

    def handle(self, req):
        return ["app"] + traced(App, self).handle(req)


print(App().handle("GET /"))
print(TRACE)

s = traced(Auth, App())
print(type(s).__name__, isinstance(s, super), issubclass(traced, super))
print(s.__thisclass__.__name__, type(s.__self__).__name__, s.__self_class__.__name__)
print(s.prefix, s.__class__ is traced)
print(repr(s).split(",")[0])
print([c.__name__ for c in traced.__mro__])


class quiet(super):
    kind = "quiet"

    def describe(self):
        return f"{self.kind} view past {self.__thisclass__.__name__}"


q = quiet(Auth, App())
print(q.describe(), q.handle("x"))
q.note = "kept"
print(q.note)
try:
    q.missing
except AttributeError as e:
    print("AttributeError:", e)


class ClassLevel:
    @classmethod
    def make(cls):
        return f"made {cls.__name__}"


class Child(ClassLevel):
    @classmethod
    def make(cls):
        return "child/" + quiet(Child, cls).make()


print(Child.make())
try:
    quiet(1, 2)
except TypeError as e:
    print("TypeError:", e)
try:
    super(1, int)
except TypeError as e:
    print("TypeError:", e)
