# Bound methods of built-in collections, taken from subclass instances and kept as
# callbacks: a command dispatcher for an editor's history and settings.
import pickle


class History(list):
    """Undo history: a list with a cap."""

    def __init__(self, cap):
        super().__init__()
        self.cap = cap


class Settings(dict):
    pass


class Name(str):
    pass


history = History(3)
settings = Settings(theme="dark")
commands = {
    "push": history.append,
    "pop": history.pop,
    "get": settings.get,
    "set": settings.__setitem__,
    "keys": settings.keys,
    "sort": history.sort,
}
for name, fn in commands.items():
    owner = fn.__self__
    print(f"{name:5} {fn.__qualname__:22} self is {type(owner).__name__:8}"
          f" same={owner is history or owner is settings}")

commands["push"]("b")
commands["push"]("a")
commands["push"]("c")
commands["sort"]()
print(history, history.cap, commands["pop"](), history)
commands["set"]("font", "mono")
print(commands["get"]("font"), commands["get"]("size", 12), sorted(commands["keys"]()))
print(repr(commands["push"]).split(" at ")[0])

# Pickled as getattr(owner, name): the owner comes back as the subclass.
again = pickle.loads(pickle.dumps(commands["push"]))
again("z")
print(type(again.__self__).__name__, again.__self__)

n = Name("Ada Lovelace")
split = n.split
print(split(), split.__qualname__, type(split.__self__).__name__)
