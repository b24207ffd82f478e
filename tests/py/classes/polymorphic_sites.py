# A task scheduler whose call sites see several classes: one attribute site serves
# instances of sibling subclasses, an instance may shadow a method with its own
# attribute, and classes change while the scheduler runs (a method patched, a
# __setattr__ added, a property installed over a plain attribute).


class Task:
    def __init__(self, name, work):
        self.name = name
        self.work = work
        self.done = 0

    def step(self):
        self.work -= 1
        self.done += 1
        return self.work > 0

    def describe(self):
        return f"{type(self).__name__}({self.name})"


class Device(Task):
    def step(self):
        self.work -= 2
        self.done += 2
        return self.work > 0


class Handler(Task):
    def describe(self):
        return "handler " + self.name


class Idle(Task):
    pass


class Worker(Task):
    def step(self):
        return Task.step(self) and self.work % 3 != 0


class Printer(Task):
    pass


def run(tasks, rounds):
    log = []
    for r in range(rounds):
        for t in tasks:
            # One LOAD_METHOD site, five classes.
            more = t.step()
            log.append((t.describe(), t.work, t.done, more))
    return log


tasks = [Device("d", 9), Handler("h", 5), Idle("i", 4), Worker("w", 12), Printer("p", 3)]
for line in run(tasks, 2):
    print(line)

# An instance attribute shadows a method: the site must call the instance's own.
tasks[2].describe = lambda: "idle (patched on the instance)"
# Many attributes on one instance (its dict's filter of names fills up).
for k in range(70):
    setattr(tasks[4], f"extra_{k}", k)
tasks[4].step = lambda: "printer step from the instance"
print(run(tasks, 1))
del tasks[2].describe
print(tasks[2].describe())

# A method patched on a base class between calls reaches every subclass that
# inherits it, through the same sites.
Task.describe = lambda self: "patched " + self.name
print([t.describe() for t in tasks])

# A __setattr__ added to a base class after instances stored attributes through
# the same STORE_ATTR site: every later store goes through it.
seen = []


def audit(self, name, value):
    seen.append((type(self).__name__, name, value))
    object.__setattr__(self, name, value)


def reset(ts):
    for t in ts:
        t.work = 1


reset(tasks)
Task.__setattr__ = audit
reset(tasks)
print(seen)
del Task.__setattr__
reset(tasks)
print(len(seen))

# A property installed over what was a plain instance attribute: reads and stores
# through the old sites now go to the property.


def get_work(self):
    return self.__dict__["work"] * 100


def set_work(self, v):
    self.__dict__["work"] = v + 1


Handler.work = property(get_work, set_work)
reset(tasks)
print([t.work for t in tasks])


# __slots__ classes share the sites too.
class Point:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


def shift(ps):
    for p in ps:
        p.x = p.x + 1
    return [(p.x, p.y) for p in ps]


print(shift([Point(1, 2), Point(3, 4)]))
try:
    Point(0, 0).z = 5
except AttributeError as e:
    print("AttributeError:", e)
