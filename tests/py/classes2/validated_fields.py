# Validated model fields written as descriptors (__set_name__, __get__, __set__),
# registered through __init_subclass__ with class keywords.

class ValidationError(Exception):
    def __init__(self, field, message):
        super().__init__(f"{field}: {message}")
        self.field = field


class Field:
    def __init__(self, default=None, required=True):
        self.default = default
        self.required = required
        self.name = None
        self.owner = None

    def __set_name__(self, owner, name):
        self.name = name
        self.owner = owner.__name__

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return obj.__dict__.get(self.name, self.default)

    def __set__(self, obj, value):
        if value is None:
            if self.required:
                raise ValidationError(self.name, "is required")
        else:
            value = self.validate(value)
        obj.__dict__[self.name] = value

    def __delete__(self, obj):
        if self.required:
            raise ValidationError(self.name, "cannot delete a required field")
        obj.__dict__.pop(self.name, None)

    def validate(self, value):
        return value

    def __repr__(self):
        return f"<{type(self).__name__} {self.owner}.{self.name}>"


class Integer(Field):
    def __init__(self, lo=None, hi=None, **kw):
        super().__init__(**kw)
        self.lo, self.hi = lo, hi

    def validate(self, value):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError(self.name, f"expected int, got {type(value).__name__}")
        if self.lo is not None and value < self.lo:
            raise ValidationError(self.name, f"{value} < {self.lo}")
        if self.hi is not None and value > self.hi:
            raise ValidationError(self.name, f"{value} > {self.hi}")
        return value


class String(Field):
    def __init__(self, max_len=None, strip=True, **kw):
        super().__init__(**kw)
        self.max_len, self.strip = max_len, strip

    def validate(self, value):
        if not isinstance(value, str):
            raise ValidationError(self.name, f"expected str, got {type(value).__name__}")
        if self.strip:
            value = value.strip()
        if self.max_len is not None and len(value) > self.max_len:
            raise ValidationError(self.name, f"longer than {self.max_len}")
        return value


class Model:
    registry = {}

    def __init_subclass__(cls, table=None, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.table = table or cls.__name__.lower() + "s"
        cls.fields = [k for k, v in vars(cls).items() if isinstance(v, Field)]
        for base in cls.__mro__[1:]:
            for k in getattr(base, "fields", []):
                if k not in cls.fields:
                    cls.fields.append(k)
        Model.registry[cls.table] = cls

    def __init__(self, **values):
        for name in self.fields:
            setattr(self, name, values.pop(name, None))
        if values:
            raise TypeError(f"unexpected fields: {', '.join(sorted(values))}")

    def __repr__(self):
        inner = ", ".join([f"{k}={getattr(self, k)!r}" for k in self.fields])
        return f"{type(self).__name__}({inner})"

    def to_row(self):
        return {k: getattr(self, k) for k in self.fields}


class User(Model, table="people"):
    name = String(max_len=10)
    age = Integer(lo=0, hi=150)
    nickname = String(required=False, default="-")


class Admin(User):
    level = Integer(lo=1, hi=3, default=1, required=False)


print(sorted(Model.registry), User.table, Admin.table, Admin.fields)
print(User.name, Admin.level, User.__dict__["age"].lo)
u = User(name="  Ada  ", age=36)
print(u, u.to_row())
a = Admin(name="Root", age=50, level=3, nickname="boss")
print(a, vars(a))
del a.nickname
print(a.nickname, a.to_row())

attempts = [
    lambda: User(name="x" * 11, age=1),
    lambda: User(name="Bob", age=-1),
    lambda: User(name="Bob", age="12"),
    lambda: User(name="Bob", age=True),
    lambda: User(age=3),
    lambda: Admin(name="Eve", age=30, level=9),
    lambda: User(name="Bob", age=3, email="b@x"),
    lambda: delattr(u, "name"),
    lambda: setattr(u, "name", 42),
]
for attempt in attempts:
    try:
        print("ok:", attempt())
    except ValidationError as e:
        print(f"ValidationError[{e.field}]: {e}")
    except TypeError as e:
        print("TypeError:", e)
print(u)

try:
    class Broken(Model, tabel="typo"):
        pass
except TypeError as e:
    print("TypeError:", e)


class Bad:
    def __set_name__(self, owner, name):
        raise ValueError(f"{name} is not allowed on {owner.__name__}")


try:
    class Holder:
        oops = Bad()
except RuntimeError as e:
    print("RuntimeError:", e, "| cause:", repr(e.__cause__))
