# The less common forms of `super`: unbound `super(C)` kept as a class attribute (the
# "private super" idiom of older code), bound by hand with `__get__`, a `super`
# subclass made with no arguments inside a method, and what `vars()` sees through one.
import inspect


class Storage:
    def save(self, key, value):
        return f"Storage.save({key}={value})"

    def describe(self):
        return "storage"


class CachedStorage(Storage):
    def save(self, key, value):
        return "cached+" + super().save(key, value)

    def describe(self):
        return "cached " + super().describe()


class AuditedStorage(CachedStorage):
    # Unbound: bound to the instance when read through it (super is a descriptor).
    _base = super(CachedStorage)

    def save(self, key, value):
        return "audited+" + self._base.save(key, value)


class Tracing(super):
    """A super that can log what it was asked for."""
    log = []

    def traced(self, name):
        Tracing.log.append(name)
        return getattr(self, name)


class TracedStorage(CachedStorage):
    def describe(self):
        __class__  # the method's class cell, which a zero-argument super needs
        return "traced " + Tracing().traced("describe")()


store = AuditedStorage()
print(store.save("a", 1))
unbound = super(CachedStorage)
print(repr(unbound))
print(unbound.__self__, unbound.__self_class__, unbound.__thisclass__.__name__)
bound = unbound.__get__(store)
print(repr(bound))
print(bound.save("b", 2))
print(unbound.__get__(None, CachedStorage) is unbound)
print(bound.__get__(store) is bound)
try:
    unbound.save
except AttributeError as e:
    print("AttributeError:", e)
try:
    super(42)
except TypeError as e:
    print("TypeError:", e)

print(TracedStorage().describe())
print(Tracing.log)


class Plain(CachedStorage):
    def describe(self):
        return Tracing().describe()   # no __class__ cell in this method


try:
    Plain().describe()
except RuntimeError as e:
    print("RuntimeError:", e)

inst = CachedStorage()
inst.note = "x"
s = Tracing(CachedStorage, inst)
print(sorted(vars(s)))
s2 = Tracing(Storage, inst)
print(vars(s2) == {})

for t in (range, slice, list, int):
    try:
        print(t.__name__, inspect.signature(t))
    except ValueError as e:
        print(t.__name__, "ValueError:", e)
print(range.__new__(range, 2, 8, 3), slice.__new__(slice, 5))
