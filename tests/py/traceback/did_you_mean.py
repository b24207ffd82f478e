# CPython 3.11's "Did you mean" in the interpreter's own report of an uncaught
# NameError / AttributeError (sys.excepthook, the end of the program),
# and not in the traceback module's. A tiny command shell with typos.
import sys
import traceback


class Inventory:
    def __init__(self):
        self.items = {"apple": 3}
        self.capacity = 10

    def count(self, name):
        return self.items.get(name, 0)

    @property
    def total(self):
        return sum(self.itms.values())   # typo inside a getter


def report():
    sys.excepthook(*sys.exc_info())


inv = Inventory()
commands = [
    lambda: inv.cout("apple"),            # method typo
    lambda: inv.capacty,                 # attribute typo
    lambda: inv.total,                   # typo inside a property
    lambda: Inventory.coutn,             # on the class
    lambda: [].apend(1),                 # built-in type
    lambda: sys.exc_inf(),               # module
    lambda: "abc".uper(),
    lambda: lenn([1]),                   # builtin name
    lambda: Inventori(),                 # global name
    lambda: inv.zzzzzzzzz,               # nothing near
]
for cmd in commands:
    try:
        cmd()
    except (NameError, AttributeError):
        report()


def local_typo():
    counter = 0
    for step in range(3):
        counter += step
    return countr


try:
    local_typo()
except NameError:
    report()

# A subclass gets no suggestion; neither does the traceback module.
class QuietError(AttributeError):
    pass


try:
    raise QuietError("quiet", name="capacty", obj=inv)
except AttributeError:
    report()
try:
    inv.capacty
except AttributeError:
    print("".join(traceback.format_exc().splitlines(True)[-1:]), end="")
    traceback.print_exc(file=sys.stdout)

# Explicit name/obj: suggested from dir(obj).
try:
    raise AttributeError("custom lookup failed", name="itms", obj=inv)
except AttributeError:
    report()
try:
    raise NameError("no such setting", name="prnt")
except NameError:
    report()

print("done")
Inventory().totl
