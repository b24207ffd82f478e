# PEP 560: a class statement whose bases include an object with __mro_entries__
# (a generic alias, a "base factory"), and metaclasses of bases that conflict.
import types


class Mixin:
    def hello(self):
        return f"hello from {type(self).__name__}"


class Trait:
    """A base factory: Trait(...) in a class statement adds the given classes."""

    def __init__(self, *classes, tag=None):
        self.classes = classes
        self.tag = tag

    def __mro_entries__(self, bases):
        print("entries for", [getattr(b, "__name__", type(b).__name__) for b in bases])
        return self.classes


class Base:
    pass


class Service(Base, Trait(Mixin)):
    pass


print(Service.__bases__, Service().hello())
print(Service.__orig_bases__[0] is not Base, type(Service.__orig_bases__[1]).__name__)
print("__orig_bases__" in Base.__dict__)


class Nothing(Trait()):
    pass


print(Nothing.__bases__)


class Broken:
    def __mro_entries__(self, bases):
        return [Base]


try:

    class Bad(Broken()):
        pass

except TypeError as e:
    print("TypeError:", e)

try:
    type("Dyn", (Trait(Mixin),), {})
except TypeError as e:
    print("TypeError:", e)

Made = types.new_class("Made", (Trait(Mixin), Base))
print([c.__name__ for c in Made.__mro__], Made)
print(types.resolve_bases((Base, Trait(Mixin, Base))))


class Plugin(list[int]):
    pass


print(Plugin.__bases__, Plugin.__orig_bases__, Plugin([1, 2]))


class ModelMeta(type):
    pass


class FormMeta(type):
    pass


class Model(metaclass=ModelMeta):
    pass


class Form(metaclass=FormMeta):
    pass


try:

    class ModelForm(Model, Form):
        pass

except TypeError as e:
    print("TypeError:", e)


class ModelFormMeta(ModelMeta, FormMeta):
    pass


class ModelForm(Model, Form, metaclass=ModelFormMeta):
    pass


print(type(ModelForm).__name__)


class SubModelMeta(ModelMeta):
    pass


class Special(metaclass=SubModelMeta):
    pass


class Combined(Model, Special):
    pass


print(type(Combined).__name__)
for meta, bases in ((ModelMeta, (Model, Form)), (type, (Model, Form)), (FormMeta, (Special,))):
    try:
        meta("X", bases, {})
    except TypeError as e:
        print("TypeError:", e)


def factory(name, bases, ns):
    return f"{name} from {len(bases)} bases"


class NotAClass(Model, Form, metaclass=factory):
    pass


print(NotAClass)


def make_plugin(name):
    """Plugins made at run time, filed under the module that will own them."""
    cls = type(name, (Base,), {"kind": name.lower()})
    cls.__module__ = "plugins." + cls.kind
    return cls


registry = [make_plugin(n) for n in ("Exporter", "Importer")]
print(registry, [p.__module__ for p in registry], type("Local", (), {}))
