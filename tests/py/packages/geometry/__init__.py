# helper module: a package whose __all__ names a function and a submodule not imported yet
from math import pi as _pi

__all__ = ["area", "circle", "UNIT"]
UNIT = "cm"


def area(w, h):
    return w * h


def _private():
    return "hidden"


def not_exported():
    return "not in __all__"
