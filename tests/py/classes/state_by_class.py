# A connection whose state is its class (`self.__class__ = Open`): the state pattern
# some protocol libraries use, with the methods, caches and checks that follow it.


class Connection:
    log = []

    def __init__(self, name):
        self.name = name
        self.sent = 0

    def describe(self):
        return f"{self.name}: {type(self).__name__} sent={self.sent}"


class Closed(Connection):
    def open(self):
        self.__class__ = Open
        self.log.append(f"{self.name} opened")

    def send(self, data):
        raise RuntimeError(f"{self.name} is closed")


class Open(Connection):
    def send(self, data):
        self.sent += len(data)
        if self.sent > 10:
            self.__class__ = Throttled
        return len(data)

    def close(self):
        self.__class__ = Closed
        self.log.append(f"{self.name} closed")


class Throttled(Open):
    def send(self, data):
        self.log.append(f"{self.name} dropped {data!r}")
        return 0


conn = Closed.__new__(Closed)
Connection.__init__(conn, "db")
print(conn.describe(), isinstance(conn, Open))
conn.open()
sizes = []
for chunk in ["abc", "defg", "hijkl", "mn", "op"]:
    # The same call site sees Open, then Throttled: the method follows the class.
    sizes.append(conn.send(chunk))
print(sizes, conn.describe(), isinstance(conn, Open), type(conn) is Throttled)
conn.close()
try:
    conn.send("x")
except RuntimeError as e:
    print("RuntimeError:", e)
print(conn.__class__.__name__, vars(conn))
print(Connection.log)

# What CPython refuses.
class Slotted:
    __slots__ = ("a",)


class OtherSlots:
    __slots__ = ("b",)


class SameSlots:
    __slots__ = ("a",)


class MyList(list):
    pass


class MyDict(dict):
    pass


s = Slotted()
s.__class__ = SameSlots
print(type(s).__name__)
attempts = [
    (conn, 42),
    (conn, int),
    (s, OtherSlots),
    (MyList([1]), MyDict),
    (conn, Slotted),
]
for obj, target in attempts:
    try:
        obj.__class__ = target
        print("assigned", type(obj).__name__)
    except TypeError as e:
        print("TypeError:", e)
try:
    del conn.__class__
except TypeError as e:
    print("TypeError:", e)

items = MyList([3, 1, 2])


class SortedList(list):
    def total(self):
        return sum(self)


items.__class__ = SortedList
print(items.total(), type(items).__name__, items)

# setattr and object.__setattr__ take the same path.
setattr(conn, "__class__", Open)
print(type(conn).__name__)
object.__setattr__(conn, "__class__", Closed)
print(type(conn).__name__)


class Guarded(Connection):
    def __setattr__(self, name, value):
        print("setattr", name)
        super().__setattr__(name, value)


g = Guarded("g")
g.__class__ = Open
print(type(g).__name__)
