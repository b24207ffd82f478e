# Model classes whose metaclass consults a schema service while it works: __prepare__
# asks for the table's defaults, __new__ registers each model with the service,
# __init__ pauses, __call__ (instance construction) asks for an id, and
# __instancecheck__ / __len__ / __iter__ / __getitem__ on the metaclass wait too.
# Several micro_threads define and use models at once; results print afterwards in order.
from mtcompat import spawn_all, outcome, ask, pause, nap


class ModelMeta(type):
    registry = {}

    @classmethod
    def __prepare__(mcs, name, bases, **kwargs):
        defaults = ask(kwargs.get("table", name.lower()), lambda t: {"table": t})
        return dict(defaults)

    def __new__(mcs, name, bases, ns, **kwargs):
        cls = super().__new__(mcs, name, bases, ns)
        mcs.registry[ask(name, str.lower)] = cls
        return cls

    def __init__(cls, name, bases, ns, **kwargs):
        pause()
        super().__init__(name, bases, ns)
        cls.fields = sorted(k for k in ns if not k.startswith("_") and k != "table")

    def __call__(cls, *args, **kwargs):
        obj = super().__call__(*args, **kwargs)
        obj.id = ask(cls.__name__, lambda n: len(n) * 100)
        return obj

    def __instancecheck__(cls, obj):
        nap()
        return getattr(obj, "table", None) == cls.table

    def __len__(cls):
        pause()
        return len(cls.fields)

    def __iter__(cls):
        nap()
        return iter(cls.fields)

    def __getitem__(cls, field):
        return ask(field, lambda f: f"{cls.table}.{f}")


def define(tag):
    if tag == "user":
        class User(metaclass=ModelMeta, table="users"):
            name = ""
            email = ""

            def __init__(self, name):
                self.name = name
        model = User
        obj = User("ada")
    elif tag == "order":
        class Order(metaclass=ModelMeta):
            total = 0
            items = ()
            status = "new"
        model = Order
        obj = Order()
    else:
        class Broken(metaclass=ModelMeta):
            def __init__(self):
                raise ValueError("cannot build " + ask("Broken"))
        model = Broken
        obj = None
        try:
            Broken()
        except ValueError as e:
            obj = str(e)
    shape = (model.__name__, model.table, len(model), list(model), model["id"])
    if obj is None or isinstance(obj, str):
        return shape, obj
    return shape, obj.id, isinstance(obj, model), isinstance(3, model)


for r in [outcome(t) for t in spawn_all(define, ["user", "order", "broken", "user"])]:
    print(r)
print(sorted(ModelMeta.registry))
