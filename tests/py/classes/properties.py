class Temperature:
    def __init__(self, celsius):
        self._c = celsius

    @property
    def celsius(self):
        "Degrees Celsius."
        return self._c

    @celsius.setter
    def celsius(self, value):
        if value < -273.15:
            raise ValueError("below absolute zero")
        self._c = value

    @celsius.deleter
    def celsius(self):
        print("deleting")
        self._c = 0

    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32


t = Temperature(25)
print(t.celsius, t.fahrenheit)
t.celsius = 100
print(t.celsius, t.fahrenheit)
try:
    t.celsius = -300
except ValueError as e:
    print("ValueError:", e)
del t.celsius
print(t.celsius)
try:
    t.fahrenheit = 3
except AttributeError as e:
    print("AttributeError:", e)
print(Temperature.celsius.__doc__, type(Temperature.celsius).__name__)


class Account:
    interest = 0.02

    def __init__(self, owner):
        self.owner = owner
        self.balance = 0

    @classmethod
    def for_owner(cls, owner, deposit):
        acct = cls(owner)
        acct.balance = deposit
        return acct

    @staticmethod
    def valid_amount(x):
        return x > 0

    def area(self):
        return 0


class Savings(Account):
    interest = 0.05


a = Account.for_owner("ann", 10)
s = Savings.for_owner("bob", 20)
print(type(a).__name__, a.balance, type(s).__name__, s.balance, s.interest)
print(Account.valid_amount(5), a.valid_amount(-1))
circle = property(lambda self: 42)
print(type(circle).__name__)


class Lazy:
    def __init__(self):
        self.calls = 0

    def _get(self):
        self.calls += 1
        return self.calls * 10

    value = property(_get, doc="a value")


z = Lazy()
print(z.value, z.value, z.calls, Lazy.value.__doc__)
