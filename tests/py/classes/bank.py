class BankError(Exception):
    pass


class InsufficientFunds(BankError):
    def __init__(self, account, amount):
        super().__init__(f"{account.owner} cannot withdraw {amount}: balance {account.balance}")
        self.account = account
        self.amount = amount


class AccountFrozen(BankError):
    pass


class Account:
    next_id = 1

    def __init__(self, owner, balance=0):
        self.id = Account.next_id
        Account.next_id += 1
        self.owner = owner
        self._balance = balance
        self.frozen = False
        self.history = []

    @property
    def balance(self):
        return self._balance

    def _check(self):
        if self.frozen:
            raise AccountFrozen(f"account {self.id} is frozen")

    def deposit(self, amount):
        self._check()
        if amount <= 0:
            raise ValueError("deposit must be positive")
        self._balance += amount
        self.history.append(("deposit", amount))

    def withdraw(self, amount):
        self._check()
        if amount > self._balance:
            raise InsufficientFunds(self, amount)
        self._balance -= amount
        self.history.append(("withdraw", amount))

    def __repr__(self):
        return f"<Account {self.id} {self.owner}: {self._balance}>"


class SavingsAccount(Account):
    def __init__(self, owner, balance=0, rate=0.03):
        super().__init__(owner, balance)
        self.rate = rate

    def add_interest(self):
        interest = round(self._balance * self.rate, 2)
        self.deposit(interest)
        return interest


class Bank:
    def __init__(self):
        self.accounts = {}

    def open(self, cls, owner, *args):
        acct = cls(owner, *args)
        self.accounts[acct.id] = acct
        return acct

    def transfer(self, src, dst, amount):
        try:
            self.accounts[src].withdraw(amount)
        except KeyError:
            raise BankError(f"no account {src}") from None
        self.accounts[dst].deposit(amount)

    def total(self):
        return sum([a.balance for a in self.accounts.values()])


bank = Bank()
alice = bank.open(Account, "alice", 100)
bob = bank.open(SavingsAccount, "bob", 50, 0.1)
print(alice, bob, bank.total())
bank.transfer(alice.id, bob.id, 30)
print(alice, bob, bob.add_interest(), bob)
for src, dst, amt in [(1, 2, 500), (9, 1, 5), (2, 1, 10)]:
    try:
        bank.transfer(src, dst, amt)
        print("ok", src, "->", dst, amt)
    except InsufficientFunds as e:
        print("refused:", e, "| short by", e.amount - e.account.balance)
    except BankError as e:
        print("bank error:", e)
alice.frozen = True
try:
    alice.deposit(1)
except BankError as e:
    print(type(e).__name__, e)
try:
    bob.deposit(-5)
except ValueError as e:
    print("ValueError", e)
print(alice.history, bob.history, round(bank.total(), 2))
try:
    alice.balance = 5
except AttributeError as e:
    print("AttributeError:", e)
