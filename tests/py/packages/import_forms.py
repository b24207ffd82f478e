# Every form of import of a dotted name, and what each binds.
import sys

import kit.tools.hammer
print(kit.__name__, kit.tools.__name__, kit.tools.hammer.WEIGHT)
print("tools" in dir(kit), "hammer" in dir(kit.tools))

import kit.tools.hammer as h
print(h is kit.tools.hammer, h.__name__)

from kit.tools import hammer
from kit import tools
print(hammer is h, tools is kit.tools)

import kit.swap as settings
print(settings, kit.swap, settings is sys.modules["kit.swap"])
from kit import swap
print(swap is settings)

# __import__ returns the top-level package, or with a fromlist the module itself.
print(__import__("kit.tools.hammer").__name__)
print(__import__("kit.tools.hammer", fromlist=["WEIGHT"]).__name__)
print(__import__("kit.tools", fromlist=["hammer", "not_there"]).__name__)
print(__import__("kit", None, None, ("tools",), 0) is kit)
try:
    __import__("kit", fromlist=[1])
except TypeError as e:
    print("TypeError:", e)
try:
    __import__(42)
except TypeError as e:
    print("TypeError:", e)
import builtins
print(builtins.__import__ is __import__, __import__.__name__)

# Importing again does not rerun any body; a deleted entry is imported afresh.
import kit.tools.hammer
del sys.modules["kit.tools.hammer"]
import kit.tools.hammer as h2
print(h2 is not h, kit.tools.hammer is h2)

def lazy():
    import kit.tools.hammer as inner
    from kit.tools.hammer import WEIGHT
    return inner.WEIGHT + WEIGHT

print(lazy(), "inner" in globals())
print([k for k in sys.modules if k.startswith("kit")])
