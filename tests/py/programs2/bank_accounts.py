# A bank-account simulation with a hierarchy of custom exceptions, transfers that
# roll back, interest in integer cents, and an audit log.

class BankError(Exception):
    code = "E000"

    def __str__(self):
        return f"[{self.code}] {super().__str__()}"


class InsufficientFunds(BankError):
    code = "E101"

    def __init__(self, account, needed):
        super().__init__(f"account {account.number} is short by {fmt(needed - account.balance)}")
        self.account = account
        self.needed = needed


class AccountFrozen(BankError):
    code = "E102"


class LimitExceeded(BankError):
    code = "E103"


def fmt(cents):
    sign = "-" if cents < 0 else ""
    return f"{sign}{abs(cents) // 100:,}.{abs(cents) % 100:02d}"


class Account:
    next_number = 1000
    daily_limit = 500_00

    def __init__(self, owner, balance=0):
        Account.next_number += 1
        self.number = Account.next_number
        self.owner = owner
        self.balance = balance
        self.frozen = False
        self.withdrawn_today = 0
        self.history = []

    def _check(self):
        if self.frozen:
            raise AccountFrozen(f"account {self.number} is frozen")

    def deposit(self, cents, memo="deposit"):
        self._check()
        if cents <= 0:
            raise ValueError(f"deposit must be positive, got {cents}")
        self.balance += cents
        self.history.append((memo, cents))

    def withdraw(self, cents, memo="withdrawal"):
        self._check()
        if self.withdrawn_today + cents > self.daily_limit:
            raise LimitExceeded(f"daily limit {fmt(self.daily_limit)} reached on {self.number}")
        if cents > self.balance:
            raise InsufficientFunds(self, cents)
        self.balance -= cents
        self.withdrawn_today += cents
        self.history.append((memo, -cents))

    def __repr__(self):
        return f"<{type(self).__name__} {self.number} {self.owner} {fmt(self.balance)}>"


class SavingsAccount(Account):
    daily_limit = 200_00

    def __init__(self, owner, balance=0, rate_bp=250):
        super().__init__(owner, balance)
        self.rate_bp = rate_bp

    def add_interest(self):
        interest = self.balance * self.rate_bp // 10_000
        if interest:
            self.deposit(interest, "interest")
        return interest


class Bank:
    def __init__(self):
        self.accounts = {}
        self.audit = []

    def open(self, cls, owner, balance=0):
        acct = cls(owner, balance)
        self.accounts[acct.number] = acct
        return acct

    def transfer(self, src, dst, cents):
        a, b = self.accounts[src], self.accounts[dst]
        snapshot = (a.balance, a.withdrawn_today, len(a.history), b.balance, len(b.history))
        try:
            a.withdraw(cents, f"transfer to {dst}")
            b.deposit(cents, f"transfer from {src}")
        except BankError as e:
            a.balance, a.withdrawn_today, _, b.balance, _ = snapshot
            del a.history[snapshot[2]:]
            del b.history[snapshot[4]:]
            self.audit.append(("failed", src, dst, cents, e.code))
            raise
        self.audit.append(("ok", src, dst, cents))


bank = Bank()
alice = bank.open(Account, "alice", 1_000_00)
bob = bank.open(SavingsAccount, "bob", 50_00)
carol = bank.open(Account, "carol")
print(alice, bob, carol)

operations = [
    ("transfer", alice.number, bob.number, 300_00),
    ("transfer", alice.number, carol.number, 250_00),
    ("transfer", bob.number, carol.number, 400_00),
    ("transfer", bob.number, carol.number, 150_00),
    ("freeze", carol.number),
    ("transfer", alice.number, carol.number, 10_00),
    ("transfer", carol.number, alice.number, 10_00),
    ("deposit", alice.number, -5),
    ("transfer", alice.number, 9999, 1),
]
for op in operations:
    try:
        if op[0] == "transfer":
            bank.transfer(*op[1:])
            print("ok      ", op)
        elif op[0] == "freeze":
            bank.accounts[op[1]].frozen = True
            print("frozen  ", op[1])
        elif op[0] == "deposit":
            bank.accounts[op[1]].deposit(op[2])
    except InsufficientFunds as e:
        print("funds   ", e, "| needed", fmt(e.needed), "owner", e.account.owner)
    except BankError as e:
        print("bank    ", e, type(e).__name__, isinstance(e, BankError))
    except (ValueError, KeyError) as e:
        print("other   ", type(e).__name__, e)

print("interest", fmt(bob.add_interest()), bob)
for acct in bank.accounts.values():
    print(acct, acct.history)
print(bank.audit)
print(sum([a.balance for a in bank.accounts.values()]) == 1_050_00 + bob.history[-1][1])
print(InsufficientFunds.__mro__[1].__name__, BankError.code, SavingsAccount.daily_limit, Account.next_number)
