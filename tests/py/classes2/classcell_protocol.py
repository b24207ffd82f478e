# The `__class__` cell of a class statement travels in the namespace as
# `__classcell__` (PEP 487's protocol): a metaclass sees it, type.__new__ fills it,
# so methods using super() work inside the metaclass right after the class is made,
# and a metaclass that drops or replaces it gets CPython's errors.


class Registry(type):
    seen = []

    def __new__(mcs, name, bases, ns, **kw):
        Registry.seen.append((name, "__classcell__" in ns))
        cls = super().__new__(mcs, name, bases, ns)
        # The cell is set already: a method using super() can run now.
        if "describe" in ns:
            Registry.seen.append(cls().describe())
        return cls


class Base(metaclass=Registry):
    def describe(self):
        return "base"


class Child(Base):
    def describe(self):
        return "child of " + super().describe()


class Plain(Base):
    x = 1


print(Registry.seen)
print("__classcell__" in Child.__dict__, Child().describe())


class Dropper(type):
    def __new__(mcs, name, bases, ns):
        ns.pop("__classcell__", None)
        return super().__new__(mcs, name, bases, ns)


try:
    class Lost(metaclass=Dropper):
        def f(self):
            return __class__
except RuntimeError as e:
    print("RuntimeError:", e)


class Replacer(type):
    def __new__(mcs, name, bases, ns, bad):
        ns["__classcell__"] = bad
        return super().__new__(mcs, name, bases, ns)


for bad in (None, 0, ""):
    try:
        class Broken(metaclass=Replacer, bad=bad):
            def f(self):
                return __class__
    except TypeError as e:
        print("TypeError:", e)


class Other:
    def f(self):
        return __class__


class Wrong(type):
    def __new__(mcs, name, bases, ns):
        ns["__classcell__"] = Other.f.__closure__[0]
        return super().__new__(mcs, name, bases, ns)


try:
    class Mismatch(metaclass=Wrong):
        def f(self):
            return __class__
except (TypeError, RuntimeError) as e:
    print(type(e).__name__ + ":", e)
# type.__new__ filled the cell it was given: Other's.
print(Other().f().__name__)
