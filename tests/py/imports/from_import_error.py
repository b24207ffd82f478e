import sys

try:
    from shapes import hexagon
except ImportError as e:
    print(type(e).__name__ + ":", e)
try:
    from sys import path, nothing
except ImportError as e:
    print(type(e).__name__ + ":", e)
try:
    from sys import nope
except ImportError as e:
    print(e)
from shapes import PI, UNIT, area_circle
print(PI, UNIT, round(area_circle(1), 2))
from shapes import volume
