# An account hierarchy whose classes keep private state under __names: a subclass's
# __balance is not its base's, and annotations of private fields are mangled too.


class Account:
    __registry = []
    __slots_hint: int = 0
    owner: str

    def __init__(self, owner, balance=0):
        self.owner = owner
        self.__balance = balance
        Account.__registry.append(owner)

    def deposit(self, amount):
        self.__check(amount)
        self.__balance += amount
        return self.__balance

    def __check(self, amount):
        if amount <= 0:
            raise ValueError("amount must be positive")

    @property
    def balance(self):
        return self.__balance

    @classmethod
    def registered(cls):
        return list(cls.__registry)


class Savings(Account):
    rate: float = 0.01

    def __init__(self, owner, balance=0):
        super().__init__(owner, balance)
        self.__balance = "interest ledger"   # its own, not Account's

    def ledger(self):
        return self.__balance

    def peek(self):
        try:
            return self.__check
        except AttributeError as e:
            return "AttributeError: " + str(e)


class _Hidden:
    __secret = 42

    def reveal(self):
        return self.__secret


class ___:
    __kept = "no mangling for an all-underscore class name"


s = Savings("ada", 10)
print(s.deposit(5), s.balance, s.ledger())
print(sorted(k for k in vars(s)))
print(s._Account__balance, s._Savings__balance)
print(s.peek())
print(Account.registered(), Savings.registered())
print(sorted(k for k in vars(Account) if "__" in k.strip("_")))
print(Account.__annotations__, Savings.__annotations__)


class Plain(Savings):
    pass


print(Plain.__annotations__, "__annotations__" in Plain.__dict__)
print(_Hidden().reveal(), _Hidden._Hidden__secret, ___.__dict__["__kept"])
try:
    s.deposit(-1)
except ValueError as e:
    print("ValueError:", e)


def outer():
    class Inner:
        def name(self):
            __local = "locals keep their names"
            return __local, getattr(self, "__dict__") is not None
    return Inner().name()


print(outer())
print(getattr(s, "__balance", "missing"), hasattr(s, "_Savings__check"))
