# Classes and functions defined inside a function or class body under a name
# declared `global`: they are module-level names, qualified as such, so pickle
# finds them; `global` in a class body stores to the module.
import pickle


def install_models():
    global Account, audit

    class Account:
        def __init__(self, owner, balance=0):
            self.owner = owner
            self.balance = balance

        def deposit(self, amount):
            self.balance += amount
            return self

        def __repr__(self):
            return f"Account({self.owner!r}, {self.balance})"

    def audit(acct):
        return f"{acct.owner}: {acct.balance}"

    class Local:
        pass

    return Local


Local = install_models()
print(Account.__qualname__, Account.deposit.__qualname__, audit.__qualname__)
print(Local.__qualname__)
acct = Account("ada").deposit(40)
copy = pickle.loads(pickle.dumps(acct))
print(copy, copy is not acct, audit(copy))
try:
    pickle.dumps(Local())
except (pickle.PicklingError, AttributeError) as e:
    print(type(e).__name__)


class Config:
    global DEFAULT_LEVEL, Handler
    DEFAULT_LEVEL = 3
    level = DEFAULT_LEVEL + 1

    class Handler:
        def handle(self):
            return "handled"

    class Nested:
        pass


print(DEFAULT_LEVEL, Config.level, hasattr(Config, "DEFAULT_LEVEL"), hasattr(Config, "Handler"))
print(Handler.__qualname__, Handler.handle.__qualname__, Config.Nested.__qualname__)
print(pickle.loads(pickle.dumps(Handler())).handle())
