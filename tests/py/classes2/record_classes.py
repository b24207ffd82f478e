# Dataclass-like classes written by hand: __eq__, __repr__, __hash__, ordering,
# replace(), asdict(), and a tiny factory that builds such classes with type().

def make_record(name, fields, frozen=False):
    def __init__(self, *args, **kwargs):
        if len(args) > len(fields):
            raise TypeError(f"{name}() takes {len(fields)} positional arguments but {len(args)} were given")
        values = dict(zip(fields, args))
        for k, v in kwargs.items():
            if k not in fields:
                raise TypeError(f"{name}() got an unexpected keyword argument '{k}'")
            if k in values:
                raise TypeError(f"{name}() got multiple values for argument '{k}'")
            values[k] = v
        missing = [f for f in fields if f not in values]
        if missing:
            raise TypeError(f"{name}() missing {len(missing)} required argument(s): {', '.join(missing)}")
        for f in fields:
            object.__setattr__(self, f, values[f])

    def __repr__(self):
        return f"{name}(" + ", ".join([f"{f}={getattr(self, f)!r}" for f in fields]) + ")"

    def astuple(self):
        return tuple([getattr(self, f) for f in fields])

    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return astuple(self) == astuple(other)

    def __lt__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return astuple(self) < astuple(other)

    def __hash__(self):
        return hash(astuple(self))

    def __setattr__(self, key, value):
        raise AttributeError(f"cannot assign to field '{key}'")

    def replace(self, **changes):
        values = {f: getattr(self, f) for f in fields}
        values.update(changes)
        return type(self)(**values)

    ns = {"__init__": __init__, "__repr__": __repr__, "__eq__": __eq__, "__lt__": __lt__,
          "astuple": astuple, "replace": replace, "_fields": tuple(fields),
          "asdict": lambda self: dict(zip(fields, astuple(self)))}
    if frozen:
        ns["__hash__"] = __hash__
        ns["__setattr__"] = __setattr__
        ns["__delattr__"] = __setattr__
    return type(name, (object,), ns)


Point = make_record("Point", ["x", "y"], frozen=True)
Employee = make_record("Employee", ["name", "dept", "salary"])

p = Point(1, 2)
q = Point(y=2, x=1)
print(p, q, p == q, p is q, hash(p) == hash(q), len({p, q, Point(2, 1)}))
print(sorted([Point(2, 1), Point(1, 5), Point(1, -1)]), p.replace(y=9), p.asdict())
try:
    p.x = 10
except AttributeError as e:
    print("AttributeError:", e)
try:
    del p.y
except AttributeError as e:
    print("AttributeError:", e)

staff = [Employee("Ann", "eng", 120), Employee("Bob", "ops", 90),
         Employee("Cid", "eng", 110), Employee("Dee", "ops", 95)]
staff[1].salary = 99
print(staff[1], Employee.__name__, Point._fields)
try:
    hash(staff[0])
except TypeError as e:
    print("TypeError:", e)
print(staff[0] == Employee("Ann", "eng", 120), staff[0] != staff[2], staff[0] == p)
by_dept = {}
for e in sorted(staff, key=lambda e: (e.dept, -e.salary)):
    by_dept.setdefault(e.dept, []).append(e.name)
print(by_dept)
for bad in [lambda: Point(1), lambda: Point(1, 2, 3), lambda: Point(1, z=2),
            lambda: Point(1, x=2), lambda: Employee()]:
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)


class Money:
    __slots__ = ("amount", "currency")

    def __init__(self, amount, currency="EUR"):
        object.__setattr__(self, "amount", amount)
        object.__setattr__(self, "currency", currency)

    def __setattr__(self, k, v):
        raise AttributeError("Money is immutable")

    def __repr__(self):
        return f"Money({self.amount!r}, {self.currency!r})"

    def __eq__(self, o):
        return isinstance(o, Money) and (self.amount, self.currency) == (o.amount, o.currency)

    def __hash__(self):
        return hash((self.amount, self.currency))


prices = {Money(5): "coffee", Money(5, "USD"): "coffee (us)", Money(5): "espresso"}
print(prices, Money(5) in prices)
try:
    Money(1).amount = 2
except AttributeError as e:
    print("AttributeError:", e)
