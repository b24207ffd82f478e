# Attribute-access hooks as real code uses them: an audit proxy that records every
# read, a record with computed and hidden fields, and a lazy object.


class Audited:
    """Records every attribute read (methods included) in `log`."""

    log = []

    def __init__(self, name, balance):
        self.name = name
        self.balance = balance

    def __getattribute__(self, attr):
        if not attr.startswith("__"):
            Audited.log.append(attr)
        return object.__getattribute__(self, attr)

    def deposit(self, amount):
        self.balance += amount
        return self.balance

    @property
    def summary(self):
        return f"{self.name}: {self.balance}"


acct = Audited("ada", 10)
print(acct.deposit(5), acct.summary)
print(getattr(acct, "name"), hasattr(acct, "nothing"), getattr(acct, "nothing", "default"))
print(Audited.log)


class Record:
    """Hidden fields raise AttributeError; __getattr__ computes the rest."""

    HIDDEN = {"password"}

    def __init__(self, **fields):
        object.__setattr__(self, "_fields", fields)

    def __getattribute__(self, attr):
        if attr in type(self).HIDDEN:
            raise AttributeError(f"{attr} is hidden")
        fields = object.__getattribute__(self, "_fields")
        if attr in fields:
            return fields[attr]
        return super().__getattribute__(attr)

    def __getattr__(self, attr):
        if attr.startswith("upper_"):
            return self._fields[attr[6:]].upper()
        raise AttributeError(f"no field {attr!r}")

    def keys(self):
        return sorted(self._fields)


r = Record(user="bob", password="secret", city="paris")
print(r.user, r.city, r.upper_city, r.keys())
for attr in ("password", "missing"):
    try:
        getattr(r, attr)
    except AttributeError as e:
        print("AttributeError:", e)


class Strict(Record):
    HIDDEN = {"password", "city"}


s = Strict(user="eve", city="rome")
print(s.user, hasattr(s, "city"), s.upper_user)


class Lazy:
    def __init__(self, loader):
        self._loader = loader
        self._value = None

    def value(self):
        return self._value


calls = []


def traced(self, attr):
    calls.append(attr)
    if attr == "_value" and object.__getattribute__(self, "_value") is None:
        object.__setattr__(self, "_value", object.__getattribute__(self, "_loader")())
    return object.__getattribute__(self, attr)


lazy = Lazy(lambda: [1, 2, 3])
print(lazy.value(), calls)
Lazy.__getattribute__ = traced
print(lazy.value(), calls)
del Lazy.__getattribute__
print(lazy.value())
