# A lending library: classes with class attributes and counters, properties,
# custom exceptions carrying data, __str__ vs __repr__, and sorted reports.

class LibraryError(Exception):
    pass


class NotAvailable(LibraryError):
    def __init__(self, item, holder):
        super().__init__(f"{item.title!r} is on loan to {holder.name}")
        self.item, self.holder = item, holder


class LimitReached(LibraryError):
    pass


class Item:
    loan_days = 21
    _ids = 0

    def __init__(self, title, year):
        Item._ids += 1
        self.id = f"{type(self).__name__[0]}{Item._ids:03d}"
        self.title, self.year = title, year
        self.borrower = None
        self.due = None

    @property
    def available(self):
        return self.borrower is None

    def __repr__(self):
        return f"{type(self).__name__}({self.id}, {self.title!r})"

    def __str__(self):
        state = "in" if self.available else f"out until day {self.due}"
        return f"{self.id} {self.title} ({self.year}) [{state}]"


class Book(Item):
    def __init__(self, title, year, author):
        super().__init__(title, year)
        self.author = author


class DVD(Item):
    loan_days = 7
    fine_per_day = 100


class Member:
    max_loans = 3

    def __init__(self, name, vip=False):
        self.name = name
        self.loans = []
        self.fines = 0
        if vip:
            self.max_loans = 5

    def __repr__(self):
        return f"Member({self.name!r}, loans={len(self.loans)}, fines={self.fines})"


class Library:
    def __init__(self):
        self.items = {}
        self.today = 0
        self.log = []

    def add(self, *items):
        for it in items:
            self.items[it.id] = it

    def checkout(self, member, item_id):
        item = self.items[item_id]
        if not item.available:
            raise NotAvailable(item, item.borrower)
        if len(member.loans) >= member.max_loans:
            raise LimitReached(f"{member.name} already has {len(member.loans)} loans")
        item.borrower, item.due = member, self.today + item.loan_days
        member.loans.append(item)
        self.log.append((self.today, "out", item.id, member.name))

    def checkin(self, item_id):
        item = self.items[item_id]
        if item.available:
            raise LibraryError(f"{item.id} is not on loan")
        member = item.borrower
        late = max(0, self.today - item.due)
        fine = late * getattr(item, "fine_per_day", 25)
        member.fines += fine
        member.loans.remove(item)
        item.borrower = item.due = None
        self.log.append((self.today, "in", item.id, member.name, fine))
        return fine

    def overdue(self):
        return sorted([it for it in self.items.values() if not it.available and it.due < self.today],
                      key=lambda it: (it.due, it.id))


lib = Library()
lib.add(Book("Dune", 1965, "Herbert"), Book("Emma", 1815, "Austen"), DVD("Alien", 1979),
        Book("Ulysses", 1922, "Joyce"), DVD("Heat", 1995), Book("Beloved", 1987, "Morrison"))
ann, bob = Member("Ann"), Member("Bob", vip=True)
actions = [(0, "out", ann, "B001"), (0, "out", ann, "D003"), (1, "out", bob, "B001"),
           (2, "out", ann, "B002"), (2, "out", ann, "B004"), (3, "out", bob, "D005"),
           (12, "in", None, "D003"), (12, "in", None, "D003"), (30, "in", None, "B001"),
           (30, "out", bob, "B001"), (31, "out", bob, "Z999")]
for day, kind, member, item_id in actions:
    lib.today = day
    try:
        if kind == "out":
            lib.checkout(member, item_id)
            print(f"day {day:2}: {member.name} borrowed {lib.items[item_id]!r}")
        else:
            fine = lib.checkin(item_id)
            print(f"day {day:2}: returned {item_id}, fine {fine / 100:.2f}")
    except NotAvailable as e:
        print(f"day {day:2}: NotAvailable: {e} (holder {e.holder!r})")
    except LibraryError as e:
        print(f"day {day:2}: {type(e).__name__}: {e}")
    except KeyError as e:
        print(f"day {day:2}: no such item {e}")
print("overdue on day", lib.today, [repr(i) for i in lib.overdue()])
for it in sorted(lib.items.values(), key=lambda i: (type(i).__name__, i.year)):
    print(" ", it)
print(ann, bob, Member.max_loans, bob.max_loans, DVD.loan_days, Book.loan_days)
print(lib.log[-3:], len(lib.log))
