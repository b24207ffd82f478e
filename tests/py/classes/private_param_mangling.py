# Private names used as parameters and locals of methods are mangled like every
# other name in a class: co_varnames, keyword arguments, locals() and closures.


class Account:
    def __init__(self, owner, __balance=0, *, __limit=100):
        self.owner = owner
        self.__balance = __balance
        self.__limit = __limit

    def deposit(self, __amount):
        __total = self.__balance + __amount
        if __total > self.__limit:
            raise ValueError(f"over limit: {__total}")
        self.__balance = __total
        return sorted(locals())

    def adder(self, __step):
        def add(x):
            return x + __step
        return add

    @classmethod
    def make(cls, **kw):
        return cls(**kw)

    def limit(self, *, __new: int = 0) -> "int":
        return self.__limit

    def balance(self):
        return self.__balance


class __Hidden:
    def f(self, __x, __y__=1):
        return __x, __y__


print(Account.__init__.__code__.co_varnames)
print(Account.__init__.__kwdefaults__, Account.__init__.__defaults__)
print(Account.deposit.__code__.co_varnames)
print(Account.limit.__annotations__, Account.limit.__kwdefaults__)
print(Account.adder.__code__.co_cellvars, Account.adder(None, 1).__code__.co_freevars)
a = Account("ann", _Account__balance=5, _Account__limit=50)
print(a.balance(), a.deposit(10), a.balance())
print(a.deposit(_Account__amount=1), a.balance())
try:
    a.deposit(__amount=1)
except TypeError as e:
    print("TypeError:", e)
try:
    a.deposit(100)
except ValueError as e:
    print("ValueError:", e)
print(a.adder(3)(4))
b = Account.make(owner="bo", _Account__balance=7)
print(b.balance())
print(__Hidden.f.__code__.co_varnames, __Hidden().f(_Hidden__x=2))
print((lambda: [__q for __q in range(2)])())
