# A metaclass that overrides mro(): CPython calls type(cls).mro(cls) when the
# class is made and again when __bases__ is assigned, and checks what it returns.


class MixinsLast(type):
    """Model classes: mixins (named *Mixin) are searched after the model bases,
    so a model's own fields win over helpers' defaults."""

    calls = []

    def mro(cls):
        MixinsLast.calls.append(cls.__name__)
        order = super().mro()
        head, rest = order[0], order[1:]
        mixins = [c for c in rest if c.__name__.endswith("Mixin")]
        others = [c for c in rest if not c.__name__.endswith("Mixin")]
        return [head] + others[:-1] + mixins + others[-1:]


class Model(metaclass=MixinsLast):
    table = None

    def describe(self):
        return f"{type(self).__name__} -> {self.table}"


class TimestampMixin:
    table = "timestamps"

    def touched(self):
        return "touched"


class AuditMixin:
    table = "audit"


class User(TimestampMixin, AuditMixin, Model):
    table = "users"


class Guest(TimestampMixin, Model):
    pass


print([c.__name__ for c in User.__mro__])
print([c.__name__ for c in Guest.__mro__])
print(Guest().describe(), User().describe(), Guest().touched())
print(MixinsLast.calls)
print(User.mro() == list(User.__mro__), [c.__name__ for c in type.mro(Guest)])


class Counting(type):
    count = 0

    def mro(cls):
        Counting.count += 1
        return type.mro(cls)


class Backend:
    def save(self):
        return "saved to disk"


class MemoryBackend:
    def save(self):
        return "saved in memory"


class Store(Backend, metaclass=Counting):
    pass


class CachedStore(Store):
    pass


print(Counting.count, CachedStore().save())
Store.__bases__ = (MemoryBackend,)
print(Counting.count, CachedStore().save(), [c.__name__ for c in CachedStore.__mro__])


def attempt(make):
    try:
        cls = make()
    except TypeError as e:
        print("TypeError:", e)
    else:
        print("made", cls.__name__)


def with_mro(result):
    class Fixed(type):
        def mro(cls):
            return result(cls)

    return Fixed


attempt(lambda: with_mro(lambda cls: [cls, "object", object])("A", (), {}))
attempt(lambda: with_mro(lambda cls: [cls, 42])("B", (), {}))
attempt(lambda: with_mro(lambda cls: [cls, int, object])("C", (dict,), {}))
attempt(lambda: with_mro(lambda cls: 7)("D", (), {}))
attempt(lambda: with_mro(lambda cls: (cls, dict, object))("E", (dict,), {}))
attempt(lambda: with_mro(lambda cls: iter([cls, object]))("F", (), {}))


class Reversed(type):
    def mro(cls):
        order = type.mro(cls)
        return [order[0]] + order[-2:0:-1] + [order[-1]]


class Left:
    who = "left"


class Right:
    who = "right"


class Both(Left, Right, metaclass=Reversed):
    pass


print(Both.who, [c.__name__ for c in Both.__mro__], isinstance(Both(), Right))
