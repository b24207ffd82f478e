# helper module: sees `left` partially initialised
import sys
from . import left

NAME = "right"
SEEN = hasattr(left, "NAME"), "ring.left" in sys.modules


def describe():
    return f"{NAME} <-> {left.NAME}"
