# helper module: imported by `from geometry import *` through __all__
from . import _pi


def circumference(r):
    return round(2 * _pi * r, 3)
