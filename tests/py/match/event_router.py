# An event router: class patterns with keyword and positional sub-patterns,
# inheritance, properties, the self-matching built-ins, guards, and namedtuples.
from collections import namedtuple


class Event:
    __match_args__ = ("source",)

    def __init__(self, source):
        self.source = source


class Click(Event):
    __match_args__ = ("source", "x", "y")

    def __init__(self, source, x, y, button="left"):
        super().__init__(source)
        self.x, self.y, self.button = x, y, button


class Key(Event):
    __match_args__ = ("source", "key")

    def __init__(self, source, key, mods=()):
        super().__init__(source)
        self.key, self.mods = key, tuple(mods)

    @property
    def shifted(self):
        return "shift" in self.mods


class Tick(Event):
    pass


class Quit(Event):
    def __getattr__(self, name):
        if name == "reason":
            return "user request"
        raise AttributeError(name)


Move = namedtuple("Move", "dx dy")


def route(ev):
    match ev:
        case Click("canvas", x, y, button="right"):
            return f"context menu at ({x}, {y})"
        case Click("canvas", x=0, y=0):
            return "origin click"
        case Click("canvas", x, y) if x > 100 or y > 100:
            return f"far click {x},{y}"
        case Click(src, x, y):
            return f"click on {src} at {x},{y}"
        case Key(_, "q", mods=["ctrl"]) | Key(_, "w", mods=("ctrl",)):
            return "close window"
        case Key(src, str(k), shifted=True) if len(k) == 1:
            return f"typed {k.upper()} in {src}"
        case Key(src, k):
            return f"key {k!r} in {src}"
        case Quit(reason=why):
            return f"quit: {why}"
        case Tick():
            return "tick"
        case Event(source=None):
            return "anonymous event"
        case Move(0, 0):
            return "no move"
        case Move(dx, 0) | Move(0, dx):
            return f"straight move by {dx}"
        case Move(dx=dx, dy=dy):
            return f"diagonal {dx},{dy}"
        case int(n) if n < 0:
            return f"negative int {n}"
        case bool(b):
            return f"a bool {b}"
        case int(0 | 1 as bit):
            return f"bit {bit}"
        case int(n) | float(n):
            return f"number {n}"
        case str() as s if not s:
            return "empty string"
        case str(s):
            return f"string {s!r}"
        case list([*items]) | tuple((*items,)):
            return f"{type(ev).__name__} of {len(items)}"
        case dict({"event": name}):
            return f"named {name}"
        case set() | frozenset():
            return f"set of {len(ev)}"
        case object(__class__=cls):
            return f"something else: {cls.__name__}"


events = [
    Click("canvas", 5, 6, button="right"), Click("canvas", 0, 0), Click("canvas", 150, 2),
    Click("toolbar", 1, 2), Key("editor", "q", ["ctrl"]), Key("editor", "w", ["ctrl"]),
    Key("editor", "a", ["shift"]), Key("editor", "Enter", ["shift"]), Key("editor", 7),
    Quit("window"), Tick("timer"), Event(None), Event("x"), Move(0, 0), Move(3, 0),
    Move(0, -2), Move(1, 1), -5, True, False, 0, 1, 2, 2.5, "", "hi", [1, 2], (3,),
    {"event": "boot"}, {"other": 1}, {1, 2}, frozenset(), None, b"bytes",
]
for ev in events:
    print(route(ev))


# Subclasses of built-ins (pyvm can subclass list, tuple and dict) keep the self-matching behaviour, unless they define
# __match_args__ themselves.
class Pair(tuple):
    pass


class Span(tuple):
    __match_args__ = ("width",)

    @property
    def width(self):
        return self[1] - self[0]


class Stack(list):
    def peek(self):
        return self[-1]


for v in [Pair((1, 2)), Span((3, 10)), Stack([1, 2, 3]), Stack()]:
    match v:
        case Span(7):
            print("a span of width 7 via __match_args__")
        case tuple(t):
            print("pair", t, type(t).__name__)
        case list([first, *_, last]) as s:
            print("stack", first, last, s.peek(), type(s).__name__)
        case Stack([]):
            print("empty stack")
