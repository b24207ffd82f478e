# `from pkg import *` honours __all__ (importing submodules it names) or else
# takes the public names.
import sys

from geometry import *

print(area(3, 4), UNIT, circle.circumference(1))
print("geometry.circle" in sys.modules, "geometry.square" in sys.modules)
for name in ["not_exported", "_private", "square", "_pi"]:
    print(name, name in globals())

from colors import *
print(RED, mix(RED, (0, 0, 255)), "_SECRET" in globals())

try:
    from colors.bad_all import *
except AttributeError as e:
    print("AttributeError:", e)

# A fromlist naming a submodule imports it; a missing one is left to IMPORT_FROM.
from geometry import square, area as a2
print(square.SIDES, a2 is area)
try:
    from geometry import triangle
except ImportError as e:
    print(type(e).__name__, e)
print(sorted(k for k in sys.modules if k.startswith(("geometry", "colors"))))
