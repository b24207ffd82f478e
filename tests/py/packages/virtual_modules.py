# A compatibility layer in the style of `six`: a module object of a ModuleType
# subclass whose attributes resolve lazily, and a meta path finder that serves
# virtual submodules (`compat.moves.parse`) that exist on no disk.
import importlib
import importlib.machinery
import sys
import types
import urllib.parse


class LazyAttr:
    """Resolved on first access, then cached on the module (as six's MovedAttribute)."""

    def __init__(self, name, module, attr):
        self.name, self.module, self.attr = name, module, attr

    def __get__(self, obj, owner):
        value = getattr(importlib.import_module(self.module), self.attr)
        setattr(obj, self.name, value)
        delattr(owner, self.name)
        return value


class LazyModule(types.ModuleType):
    def __init__(self, name, doc=None):
        super().__init__(name, doc)
        self.loads = 0

    def __dir__(self):
        return sorted(k for k in self.__dict__ if not k.startswith("_")) + ["quote"]


class Moves(LazyModule):
    quote = LazyAttr("quote", "urllib.parse", "quote")
    join = LazyAttr("join", "posixpath", "join")


moves = Moves("compat.moves", "Things that moved")
moves.__path__ = []  # a package, so its virtual submodules can be imported (as six's)
print(type(moves).__name__, moves.__name__, moves.__doc__, isinstance(moves, types.ModuleType))
print(moves.quote("a b&c"), "quote" in moves.__dict__, "quote" in Moves.__dict__)
print(moves.join("srv", "www"), moves.loads, dir(moves))
moves.extra = 42
print(moves.__dict__["extra"], vars(moves)["loads"])


class VirtualFinder:
    """Serves `compat.moves` and `compat.moves.<name>` from a table."""

    table = {"compat.moves.parse": urllib.parse, "compat.moves.path": "posixpath"}

    def find_spec(self, fullname, path=None, target=None):
        if fullname == "compat.moves" or fullname in self.table:
            return importlib.machinery.ModuleSpec(fullname, self)
        return None

    def create_module(self, spec):
        if spec.name == "compat.moves":
            return moves
        real = self.table[spec.name]
        return importlib.import_module(real) if isinstance(real, str) else real

    def exec_module(self, module):
        if isinstance(module, LazyModule):
            module.loads += 1


compat = types.ModuleType("compat")
compat.__path__ = []
sys.modules["compat"] = compat
sys.meta_path.insert(0, VirtualFinder())

import compat.moves
from compat.moves.parse import urlsplit, quote_plus
from compat.moves import path as p

print(compat.moves is moves, moves.loads, moves.__spec__.name, moves.__loader__.__class__.__name__)
print(urlsplit("http://example.com:8080/a?b=c").port, quote_plus("x y"), p.basename("/a/b.txt"))
print(sys.modules["compat.moves.parse"] is urllib.parse)
try:
    import compat.moves.missing
except ModuleNotFoundError as e:
    print("ModuleNotFoundError:", e, e.name)

# object.__setattr__ bound once and reused (attrs does this per class).
bound = object.__setattr__.__get__(moves)
bound("bound_set", True)
print(moves.bound_set, object.__setattr__.__get__(None, object) is object.__setattr__)

# A dict subclass with __missing__, reached through its bound __getitem__.
class Quoter(dict):
    def __missing__(self, b):
        self[b] = r = chr(b) if chr(b).isalnum() else f"%{b:02X}"
        return r


q = Quoter()
print("".join(map(q.__getitem__, b"a b!c")), sorted(q))

import platform
print(platform.python_implementation(), platform.python_version_tuple()[:2])
