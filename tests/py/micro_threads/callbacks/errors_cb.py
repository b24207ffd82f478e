# A payroll run where call-backs wait and then fail: every exception raised by Python
# code that a built-in calls back, after that code has waited (pause(), ask(): a round
# trip to a server micro_thread under pyvm, or a read of a stream that waits), comes
# out of the built-in with its own type and message, the call-back's finally blocks
# have run, and the micro_thread carries on. Several departments run at once, one
# micro_thread each; the results are printed in department order.
import functools
import itertools
import json
from mtcompat import spawn_all, outcome, attempt, ask, pause, nap, pipe_of

DEPARTMENTS = {
    "sales": [("ann", 3100), ("bob", -5), ("cid", 2800)],
    "ops": [("dee", 0), ("eve", 4000)],
    "lab": [("fay", 5200), ("gus", 5200), ("hal", None)],
}


class PayrollError(Exception):
    pass


def salary(person):
    name, pay = person
    if ask(pay) is None:
        raise PayrollError("no salary on file for %s" % name)
    if pay < 0:
        raise ValueError("negative salary for %s: %d" % (name, pay))
    return pay


def per_day(person):
    pause()
    return 1000 // person[1]            # ZeroDivisionError for a zero salary


cleaned = []


def careful_key(person):
    try:
        nap()
        return salary(person)
    finally:
        cleaned.append(person[0])


class Employee:
    def __init__(self, name, pay):
        pause()
        if not name.isalpha():
            raise NameError("bad employee name %r" % name)
        self.name = name
        self.pay = pay

    def __eq__(self, other):
        if ask(other.name) == "dee":
            raise LookupError("dee is on leave")
        return self.name == other.name

    def __hash__(self):
        if self.pay is None:
            pause()
            raise TypeError("unhashable: %s has no salary" % self.name)
        return hash(self.name)

    def __lt__(self, other):
        if ask(self.pay) is None or other.pay is None:
            raise PayrollError("cannot rank %s and %s" % (self.name, other.name))
        return self.pay < other.pay

    def __str__(self):
        nap()
        if self.pay is None:
            raise AttributeError("%s has no salary to show" % self.name)
        return "%s:%d" % (self.name, self.pay)

    def __repr__(self):
        return ask(self.name, lambda n: "<%s>" % n if n != "bob" else 42)

    def __format__(self, spec):
        pause()
        raise ValueError("Invalid format specifier %r for Employee" % spec)

    def __len__(self):
        return ask(len(self.name) - 4)        # negative for short names

    def __bool__(self):
        return ask(1)                         # not a bool

    def __int__(self):
        pause()
        return str(self.pay)                  # not an int

    def __index__(self):
        return ask("seven")


class Ledger:
    def __init__(self):
        self.log = []

    def __enter__(self):
        nap()
        self.log.append("open")
        return self

    def __exit__(self, kind, value, tb):
        pause()
        self.log.append("close after %s" % (kind.__name__ if kind else "nothing"))
        return False                          # never swallows


class Opening:
    def __enter__(self):
        ask(0)
        raise PermissionError("ledger is locked")

    def __exit__(self, *exc):
        return False


class Payslips:
    def __init__(self, people):
        self.people = list(people)

    def __iter__(self):
        return self

    def __next__(self):
        if not self.people:
            raise StopIteration
        name, pay = self.people.pop(0)
        if ask(pay) is None:
            raise PayrollError("payslip for %s is missing" % name)
        return name


def slips(people):
    for name, pay in people:
        yield ask(name)
        if pay is not None and pay <= 0:
            raise ArithmeticError("nothing to pay %s" % name)


def inner_stop(people):
    for name, _ in people:
        pause()
        yield name
    raise StopIteration                       # a RuntimeError since PEP 479


def ledger_use(people):
    ledger = Ledger()
    with ledger:
        for person in people:
            salary(person)
    return ledger.log


def locked_ledger(people):
    with Opening():
        return "never here"


def unpack_two(stream):
    a, b = stream
    return a, b


def unpack_four(stream):
    a, b, c, d = stream
    return a, b, c, d


def run(dept):
    people = DEPARTMENTS[dept]
    staff = [Employee(n, p) for n, p in people]
    probe = Employee("dee", 1)
    rows = [
        ("sorted(key=)", attempt(sorted, people, key=careful_key)),
        ("list.sort(key=)", attempt(lambda: list(people).sort(key=salary))),
        ("max(key=)", attempt(max, people, key=salary)),
        ("map()", attempt(lambda: list(map(per_day, people)))),
        ("filter()", attempt(lambda: list(filter(salary, people)))),
        ("reduce()", attempt(functools.reduce, lambda t, p: t + salary(p), people, 0)),
        ("groupby key", attempt(lambda: [k for k, _ in itertools.groupby(people, key=salary)])),
        ("accumulate func", attempt(lambda: list(itertools.accumulate(people, lambda a, b: (b[0], salary(a) + salary(b)))))),
        ("json default", attempt(json.dumps, staff, default=lambda e: [e.name, salary((e.name, e.pay))])),
        ("map(Employee)", attempt(lambda: list(map(Employee, ["ok", "n0t ok"], [1, 2])))),
        ("list.index", attempt(staff.index, probe)),
        ("in", attempt(lambda: probe in staff)),
        ("set()", attempt(lambda: len(set(staff)))),
        ("sorted()", attempt(lambda: [e.name for e in sorted(staff)])),
        ("min()", attempt(lambda: min(staff).name)),
        ("str()", attempt(lambda: [str(e) for e in staff])),
        ("str.join(map(str))", attempt(lambda: ",".join(map(str, staff)))),
        ("repr() of a list", attempt(repr, staff)),
        ("f-string", attempt(lambda: f"{staff[0]:>5}")),
        ("len()", attempt(lambda: [len(e) for e in staff])),
        ("bool()", attempt(bool, staff[0])),
        ("int()", attempt(int, staff[0])),
        ("range()", attempt(range, staff[0])),
        ("with, body fails", attempt(ledger_use, people)),
        ("with, __enter__ fails", attempt(locked_ledger, people)),
        ("iterator in list()", attempt(lambda: list(Payslips(people)))),
        ("generator in tuple()", attempt(lambda: tuple(slips(people)))),
        ("generator in str.join", attempt(lambda: "+".join(slips(people)))),
        ("StopIteration inside", attempt(lambda: list(inner_stop(people)))),
        ("stream that fails", attempt(lambda: sum(pipe_of([p or 0 for _, p in people],
                                                          PayrollError("feed for %s broke" % dept))))),
        ("stream, a, b =", attempt(unpack_two, pipe_of(people))),
        ("stream, a, b, c, d =", attempt(unpack_four, pipe_of(people))),
        ("eval()", attempt(eval, "ask(1) + missing_name", {"ask": ask})),
        ("carries on", ask("still running")),
    ]
    return rows


for dept, thread in zip(DEPARTMENTS, spawn_all(run, list(DEPARTMENTS))):
    print("department", dept)
    rows = outcome(thread)
    if isinstance(rows, str):
        print("  failed:", rows)
        continue
    for what, value in rows:
        print("  %-22s %s" % (what + ":", value))
print("finally blocks ran for:", sorted(cleaned))


# A failure inside a spawned micro_thread comes back where its thread is waited on,
# with a `raise ... from` cause intact.
def audit(dept):
    try:
        sorted(DEPARTMENTS[dept], key=salary)
    except Exception as e:
        raise PayrollError("audit of %s failed" % dept) from e
    return "audit of %s passed" % dept


for dept, thread in zip(DEPARTMENTS, spawn_all(audit, list(DEPARTMENTS))):
    try:
        print(thread.wait())
    except PayrollError as e:
        print("%s: %s (cause: %s: %s)" % (type(e).__name__, e, type(e.__cause__).__name__,
                                          e.__cause__))
